//! Folds full-width ASCII letters, digits and `％` to ASCII and odd spaces to a plain space.
//! Full-width punctuation （），：；？！ is kept: sentence and quote rules read it.

use crate::model::Mapped;

/// One char in, one char out: offsets are unchanged.
pub fn fold_char(c: char) -> char {
    match c as u32 {
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A | 0xFF05 | 0xFF0E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 | 0x00A0 | 0x2002..=0x200A | 0x202F | 0x205F => ' ',
        0xFEFF | 0x200B => ' ',
        _ => c,
    }
}

/// Folds a whole text.
pub fn fold(t: &Mapped) -> Mapped {
    Mapped { chars: t.chars.iter().map(|&c| fold_char(c)).collect(), raw: t.raw.clone() }
}
