//! Page structure: which lines of a page are article text. Subscription and donation appeals,
//! credits, share and player lines, footers and image captions are page furniture: they are
//! removed here (with offsets kept), so no table rule reads them. Lines are recognized by
//! short lexicons (`reference/boilerplate.csv`) and by shape (a short line), never by the exact
//! sentences of one site.

use crate::model::{Edit, Extracted};
use crate::reference::Reference;

/// Longest line (in characters) that a `line` or `start` marker can make furniture: longer
/// lines are prose that merely mentions the word.
const MAX_FURNITURE_LINE: usize = 160;
/// How many non-empty lines may follow a line that ends the article (role `end`) for them to be
/// read as the page's tail; more, and the marker ends nothing.
const MAX_LINES_AFTER_END: usize = 3;
/// Longest line that a `caption` marker makes an image caption.
const MAX_CAPTION_LINE: usize = 40;

/// A running head or foot of a printed page: a line that ends in "Page 3 of 12", "page 3/12",
/// "- 3 -" or "第3页".
static RE_PAGE_MARK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:^|\s)(?:page|p\.)\s*\d{1,4}\s*(?:of|/)\s*\d{1,4}\s*$|^\s*[-–—]\s*\d{1,4}\s*[-–—]\s*$|第\s*\d{1,4}\s*页(?:\s*/?\s*共\s*\d{1,4}\s*页)?\s*$").expect("valid")
});

/// Longest bracketed credit, in characters, brackets included.
const MAX_CREDIT: usize = 80;

/// The bracketed credit that a `credit` marker at `at` opens: `（记者 王某）`, `(Reporting by
/// …; Editing by …)`: the marker right after an opening bracket, the closing one near.
fn credit_span(line: &[char], at: usize) -> Option<(usize, usize)> {
    let mut a = at;
    while a > 0 && line[a - 1].is_whitespace() {
        a -= 1;
    }
    let close = match line.get(a.checked_sub(1)?)? {
        '（' => '）',
        '(' => ')',
        '[' => ']',
        '【' => '】',
        _ => return None,
    };
    let b = (at..line.len().min(a - 1 + MAX_CREDIT)).find(|&k| line[k] == close)?;
    Some((a - 1, b + 1))
}

/// A line that ends a sentence inside it (记者：美方宣布……。中方有何回应？ is a transcript's
/// question, not the byline 记者：王某 李某).
fn holds_sentence(line: &str) -> bool {
    line.contains(['。', '？', '！', '?', '!'])
}

/// Removes furniture lines (and furniture tails of lines) from a document's stripped text.
/// Image captions stay in the text and are listed in `meta.captions` (they can state a visit).
pub fn furniture(x: &mut Extracted, r: &Reference) {
    let text = &x.text;
    let c = &text.chars;
    let mut edits = Vec::new();
    let mut captions = Vec::new();
    // Where a line that ends the article begins (本文获《联合早报》授权转载), and how many
    // non-empty lines follow it.
    let mut end_line: Option<usize> = None;
    let mut after_end = 0usize;
    let mut s = 0;
    for i in 0..=c.len() {
        if i < c.len() && c[i] != '\n' {
            continue;
        }
        let line: String = c[s..i].iter().collect();
        let shadow = r.script.simplify(&line);
        let body = shadow.trim_start_matches(|x: char| x.is_whitespace() || matches!(x, '-' | '*' | '+' | '#' | '>' | '_' | '|') || x.is_ascii_digit() || x == '.');
        let n = line.trim().chars().count();
        let hits = r.boilerplate.find_str(&shadow);
        let short_furniture = n < MAX_FURNITURE_LINE
            && (RE_PAGE_MARK.is_match(&line)
                || hits.iter().any(|h| h.item.role == "line")
                || hits.iter().any(|h| h.item.role == "start")
                    && r.boilerplate.find_str(body).iter().any(|h| h.start == 0 && h.item.role == "start" && !(h.item.value == "byline" && holds_sentence(body))));
        if n > 0 && end_line.is_some() {
            after_end += 1;
        }
        if end_line.is_none() && n > 0 && n < MAX_FURNITURE_LINE && hits.iter().any(|h| h.item.role == "end") {
            end_line = Some(s);
        }
        let caption = n > 0 && !short_furniture && hits.iter().any(|h| h.item.role == "caption") && n < MAX_CAPTION_LINE;
        if caption {
            captions.push((text.raw[s], text.raw[i - 1] + 1));
        } else if n > 0 && short_furniture {
            edits.push(Edit { start: s, end: i, with: String::new() });
        } else if let Some(t) = hits.iter().find(|h| h.item.role == "tail") {
            // Back up over an opening emphasis mark (_Context: …_).
            let mut a = s + t.start;
            while a > s && matches!(c[a - 1], '_' | '*' | ' ') {
                a -= 1;
            }
            edits.push(Edit { start: a, end: i, with: String::new() });
        }
        if !short_furniture {
            for h in hits.iter().filter(|h| h.item.role == "credit") {
                if let Some((a, b)) = credit_span(&c[s..i], h.start) {
                    // A space keeps the words on either side apart (电 外交部…).
                    edits.push(Edit { start: s + a, end: s + b, with: " ".into() });
                }
            }
        }
        s = i + 1;
    }
    // The article ends there: the few lines after it are the page's (a run of related
    // headlines), not more of the story.
    if let Some(e) = end_line.filter(|_| after_end <= MAX_LINES_AFTER_END) {
        edits.retain(|x| x.end <= e);
        captions.retain(|&(a, _)| a < text.raw.get(e).copied().unwrap_or(usize::MAX));
        edits.push(Edit { start: e, end: c.len(), with: String::new() });
    }
    x.text = text.apply(edits);
    x.meta.captions.extend(captions);
    x.meta.captions.sort_unstable();
    x.meta.captions.dedup();
}
