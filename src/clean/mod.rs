//! Stage 2 — clean: fold full-width letters and digits, drop OCR stray spaces, rejoin lines
//! broken mid-sentence, build the Simplified shadow text, and split sentences. Every step keeps
//! the map back to raw offsets.

pub mod fold;
pub mod linebreak;
pub mod script;
pub mod sentence;

use crate::model::{Cleaned, Extracted};
use script::ScriptMap;

/// Runs the cleaning steps in order.
pub fn clean(doc: Extracted, ts: &ScriptMap) -> Cleaned {
    let folded = fold::fold(&doc.text);
    let spaced = linebreak::drop_cjk_spaces(&folded);
    let text = linebreak::rejoin(&spaced);
    let shadow = ts.shadow(&text.chars);
    let sentences = sentence::split(&text.chars);
    let languages = script::languages(&text.chars, &shadow);
    Cleaned { doc, text, shadow, sentences, languages }
}

/// True for CJK ideographs (the ranges used in Chinese news text).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}
