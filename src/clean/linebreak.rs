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

/// English words that cannot end a sentence: a line ending in one goes on in the next line.
const CONTINUES: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "by", "from", "and", "or", "but", "that", "his", "her", "its", "their", "as",
];

/// Rejoins hard-wrapped lines. A document counts as hard-wrapped when most of its lines are of
/// one width; a break is then removed when the line before is near that width and does not end
/// a sentence, and the line after starts with text. Blank lines between the parts go too.
pub fn rejoin(t: &Mapped) -> Mapped {
    let c = &t.chars;
    let lines = t.line_ranges();
    let lens: Vec<usize> = lines.iter().map(|&(a, b)| c[a..b].iter().filter(|x| !x.is_whitespace()).count()).filter(|&n| n > 0).collect();
    let mut sorted = lens.clone();
    sorted.sort_unstable();
    let width = sorted.get(sorted.len() * 9 / 10).copied().unwrap_or(0);
    // Hard-wrapped text has many lines within 75% of the wrap width.
    let near = lens.iter().filter(|&&n| n * 4 >= width * 3).count();
    // Short documents need wider lines to count as wrapped (a headline and two paragraphs are
    // not a layout).
    let wrapped = (lens.len() >= 8 || lens.len() >= 4 && width >= 50) && width > 0 && width <= 120 && near * 2 >= lens.len();
    let mut edits = Vec::new();
    // In any document, an English line that stops mid-sentence and goes on on the next line
    // ("talks with his\ncounterpart", "arrived in Pyongyang on\nThursday", "Mon-\ngolia") is
    // one sentence. A hard-wrapped document also joins across blank lines (a page break).
    let goes_on = |(a, b): (usize, usize), (na, nb): (usize, usize)| {
        let last = c[a..b].iter().rev().find(|x| !x.is_whitespace()).copied();
        let first = c[na..nb].iter().find(|x| !x.is_whitespace()).copied();
        let (Some(last), Some(first)) = (last, first) else { return false };
        let mut word: Vec<char> = c[a..b].iter().rev().skip_while(|x| x.is_whitespace()).take_while(|x| x.is_ascii_alphabetic()).copied().collect();
        word.reverse();
        let word: String = word.into_iter().collect();
        CONTINUES.contains(&word.as_str()) && first.is_ascii_alphanumeric()
            || first.is_ascii_lowercase() && (last.is_ascii_alphanumeric() || matches!(last, ',' | '-'))
    };
    if !wrapped {
        for w in lines.windows(2) {
            if goes_on(w[0], w[1]) {
                edits.push(join(c, w[0], w[1]));
            }
        }
        return t.apply(edits);
    }
    let nonblank: Vec<(usize, usize)> = lines.iter().copied().filter(|&(a, b)| c[a..b].iter().any(|x| !x.is_whitespace())).collect();
    for w in nonblank.windows(2) {
        let (a, b) = w[0];
        let (na, nb) = w[1];
        let content: Vec<char> = c[a..b].iter().copied().filter(|x| !x.is_whitespace()).collect();
        let next_first = c[na..nb].iter().copied().find(|x| !x.is_whitespace());
        let (Some(&last), Some(first)) = (content.last(), next_first) else { continue };
        let wide = content.len() * 4 >= width * 3;
        let text_next = is_cjk(first) || first.is_alphanumeric() || matches!(first, '“' | '‘' | '（' | '(' | '《');
        if wide && !ends_sentence(last) && text_next || goes_on(w[0], w[1]) {
            edits.push(join(c, (a, b), (na, nb)));
        }
    }
    t.apply(edits)
}

/// The edit that joins line `(a, b)` to the next line `(na, nb)`: from the end of this line's
/// visible text to the first character of the next, replaced by a space between words, by
/// nothing between CJK characters, and by nothing with the hyphen when a word is split at the
/// break ("Mon-" + "golia").
fn join(c: &[char], (a, b): (usize, usize), (na, nb): (usize, usize)) -> Edit {
    let mut end_vis = b;
    while end_vis > a && c[end_vis - 1].is_whitespace() {
        end_vis -= 1;
    }
    let mut start_next = na;
    while start_next < nb && c[start_next].is_whitespace() {
        start_next += 1;
    }
    let last = c[end_vis.saturating_sub(1).max(a)];
    let first = c.get(start_next).copied().unwrap_or(' ');
    let split_word = last == '-' && end_vis >= a + 2 && c[end_vis - 2].is_ascii_lowercase() && first.is_ascii_lowercase();
    if split_word {
        return Edit { start: end_vis - 1, end: start_next, with: String::new() };
    }
    let with = if (last.is_ascii_alphanumeric() || last == ',') && first.is_ascii_alphanumeric() { " " } else { "" };
    Edit { start: end_vis, end: start_next, with: with.into() }
}
