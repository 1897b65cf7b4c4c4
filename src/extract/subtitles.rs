//! Subtitle and caption files (SubRip `.srt`, WebVTT `.vtt`): a broadcast's words cut into timed
//! cues. Cue numbers, timings, the WebVTT header, NOTE blocks and voice/class tags go; the cues'
//! text runs on as one text, so a sentence split across cues (外交部发言人4日表示， | 朝鲜外务相…)
//! is one sentence again. Offsets still point into the raw file.

use crate::model::{Edit, Mapped};
use regex::Regex;
use std::sync::LazyLock;

static TIMING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{3}\s*-->\s*(?:\d{1,2}:)?\d{1,2}:\d{2}[,.]\d{3}").expect("valid regex"));
static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"</?(?:v|c|i|b|u|lang|ruby|rt)\b[^>]*>|<\d{1,2}:\d{2}[:.\d]*>").expect("valid regex"));

/// True for a subtitle file: by extension, a WebVTT signature, or timed cues in its first lines.
pub fn is_subtitles(text: &str, path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".srt") || lower.ends_with(".vtt") || text.trim_start_matches('\u{feff}').starts_with("WEBVTT") {
        return true;
    }
    text.lines().take(40).filter(|l| TIMING.is_match(l)).count() >= 2
}

/// Keeps the cue text (see the module doc).
pub fn strip(text: &Mapped) -> Mapped {
    let c = &text.chars;
    let lines = text.line_ranges();
    let s = |&(a, b): &(usize, usize)| c[a..b].iter().collect::<String>();
    let n = lines.len();
    let mut keep = vec![false; n];
    let mut i = 0;
    let mut in_note = false;
    while i < n {
        let line = s(&lines[i]);
        let t = line.trim().trim_start_matches('\u{feff}');
        if t.is_empty() {
            in_note = false;
        } else if i == 0 && t.starts_with("WEBVTT") || t == "NOTE" || t.starts_with("NOTE ") || t == "STYLE" || t == "REGION" {
            in_note = true;
        } else if !in_note && !TIMING.is_match(t) && !lines.get(i + 1).is_some_and(|l| TIMING.is_match(&s(l))) {
            // Not a timing, and not a cue identifier (the line right before a timing).
            keep[i] = true;
        }
        i += 1;
    }
    let mut edits = Vec::new();
    let mut prev_end: Option<usize> = None; // end of the last kept line
    let mut from = 0;
    for (k, &(a, b)) in lines.iter().enumerate() {
        if !keep[k] {
            continue;
        }
        let joiner = match prev_end {
            None => "",
            // Chinese runs on without a space; other scripts take one.
            Some(e) => {
                let last = c[..e].iter().rev().find(|x| !x.is_whitespace());
                let next = c[a..b].iter().find(|x| !x.is_whitespace());
                if last.is_some_and(|x| !x.is_ascii()) && next.is_some_and(|x| !x.is_ascii()) {
                    ""
                } else {
                    " "
                }
            }
        };
        edits.push(Edit { start: from, end: a, with: joiner.into() });
        let line = s(&(a, b));
        for m in TAG.find_iter(&line) {
            let (x, y) = (line[..m.start()].chars().count(), line[..m.end()].chars().count());
            edits.push(Edit { start: a + x, end: a + y, with: String::new() });
        }
        prev_end = Some(b);
        from = b;
    }
    edits.push(Edit { start: from, end: c.len(), with: "\n".into() });
    text.apply(edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cues_run_on_as_one_text() {
        let raw = "WEBVTT\nKind: captions\n\nNOTE made by hand\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Anchor>外交部发言人4日表示，\n\n2\n00:00:04,000 --> 00:00:08,000\n朝鲜外务相将于1月7日访华。\n\n00:08.000 --> 00:10.000\nThe minister met\nhis counterpart.\n";
        assert!(is_subtitles(raw, "x.txt"));
        assert!(!is_subtitles("plain text\n", "x.txt"));
        let chars: Vec<char> = raw.chars().collect();
        let out = strip(&Mapped::identity(&chars));
        assert_eq!(out.string().trim(), "外交部发言人4日表示，朝鲜外务相将于1月7日访华。 The minister met his counterpart.");
        let at = out.chars.iter().position(|&x| x == '朝').unwrap();
        assert_eq!(chars[out.raw[at]], '朝');
    }
}
