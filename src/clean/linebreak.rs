//! OCR and layout repairs: spaces inside Chinese text (`暂停 8 月`, `第 三 ，国 内`) are dropped,
//! and hard line breaks inside sentences are rejoined when the document is hard-wrapped.

use super::is_cjk;
use crate::model::{Edit, Mapped};

/// Drops runs of spaces/tabs that stand between two CJK characters, or between a CJK character
/// and a digit or CJK punctuation: Chinese does not use spaces, so these are layout noise.
pub fn drop_cjk_spaces(t: &Mapped) -> Mapped {
    let c = &t.chars;
    let mut edits = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] == ' ' || c[i] == '\t' {
            let start = i;
            while i < c.len() && (c[i] == ' ' || c[i] == '\t') {
                i += 1;
            }
            if start > 0 && i < c.len() {
                let (a, b) = (c[start - 1], c[i]);
                let cjkish = |x: char| is_cjk(x) || is_cjk_punct(x);
                let keep = !(cjkish(a) && (cjkish(b) || b.is_ascii_digit()) || a.is_ascii_digit() && cjkish(b));
                if !keep {
                    edits.push(Edit { start, end: i, with: String::new() });
                }
            }
        } else {
            i += 1;
        }
    }
    t.apply(edits)
}

/// CJK punctuation (full-width comma, period, quotes, brackets).
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '“' | '”' | '‘' | '’' | '—' | '…' | '·')
}

fn ends_sentence(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '.' | '”' | '」' | '』' | '：' | ':' | '…' | ')' | '）' | '》' | ']')
}

/// Rejoins hard-wrapped lines. A document counts as hard-wrapped when most of its lines are of
/// one width; a break is then removed when the line before is near that width and does not end
/// a sentence, and the line after starts with text. Blank lines between the parts go too.
pub fn rejoin(t: &Mapped) -> Mapped {
    let c = &t.chars;
    // Lines as (start, end) without the newline.
    let mut lines = Vec::new();
    let mut s = 0;
    for (i, &ch) in c.iter().enumerate() {
        if ch == '\n' {
            lines.push((s, i));
            s = i + 1;
        }
    }
    lines.push((s, c.len()));
    let lens: Vec<usize> = lines.iter().map(|&(a, b)| c[a..b].iter().filter(|x| !x.is_whitespace()).count()).filter(|&n| n > 0).collect();
    if lens.len() < 8 {
        return t.clone();
    }
    let mut sorted = lens.clone();
    sorted.sort_unstable();
    let width = sorted[sorted.len() * 9 / 10];
    // Hard-wrapped text has many lines within 75% of the wrap width.
    let near = lens.iter().filter(|&&n| n * 4 >= width * 3).count();
    if width == 0 || width > 120 || near * 2 < lens.len() {
        return t.clone();
    }
    let mut edits = Vec::new();
    let nonblank: Vec<(usize, usize)> = lines.iter().copied().filter(|&(a, b)| c[a..b].iter().any(|x| !x.is_whitespace())).collect();
    for w in nonblank.windows(2) {
        let (a, b) = w[0];
        let (na, nb) = w[1];
        let content: Vec<char> = c[a..b].iter().copied().filter(|x| !x.is_whitespace()).collect();
        let next_first = c[na..nb].iter().copied().find(|x| !x.is_whitespace());
        let (Some(&last), Some(first)) = (content.last(), next_first) else { continue };
        let wide = content.len() * 4 >= width * 3;
        let text_next = is_cjk(first) || first.is_alphanumeric() || matches!(first, '“' | '‘' | '（' | '(' | '《');
        if wide && !ends_sentence(last) && text_next {
            // Remove from the end of this line's visible text to the first char of the next.
            let mut end_vis = b;
            while end_vis > a && c[end_vis - 1].is_whitespace() {
                end_vis -= 1;
            }
            let mut start_next = na;
            while start_next < nb && c[start_next].is_whitespace() {
                start_next += 1;
            }
            let with = if last.is_ascii_alphanumeric() && first.is_ascii_alphanumeric() { " " } else { "" };
            edits.push(Edit { start: end_vis, end: start_next, with: with.into() });
        }
    }
    t.apply(edits)
}
