//! Saved e-mail messages (RFC 5322 text, as `.eml` files or newsletters kept as text): the
//! header block gives the title (`Subject`) and the publication date (`Date`); only the body
//! is read as prose. Multipart and encoded bodies are left as they are (a plain body is the
//! common case for wire and newsletter copy).

use crate::model::{DocMeta, Edit, Mapped};
use regex::Regex;
use std::sync::LazyLock;

static RE_HEADER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([A-Za-z][A-Za-z0-9-]{1,40}):[ \t]*(.*)$").expect("valid"));
/// Headers only a message has; two of them (with the rest of the block all headers) make one.
const MESSAGE_HEADERS: &[&str] = &["from", "to", "subject", "date", "message-id", "received", "mime-version", "return-path", "cc", "reply-to"];

/// The header block: (its end in chars, the unfolded headers), when the text opens with one.
fn header_block(text: &str) -> Option<(usize, Vec<(String, String)>)> {
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut chars = 0;
    for line in text.split_inclusive('\n') {
        chars += line.chars().count();
        let l = line.trim_end_matches(['\n', '\r']);
        if l.trim().is_empty() {
            let known = headers.iter().filter(|(k, _)| MESSAGE_HEADERS.contains(&k.as_str())).count();
            return (known >= 2 && headers.iter().any(|(k, _)| k == "subject" || k == "date")).then_some((chars, headers));
        }
        if l.starts_with([' ', '\t']) {
            headers.last_mut()?.1.push_str(&format!(" {}", l.trim()));
        } else {
            let c = RE_HEADER.captures(l)?;
            headers.push((c[1].to_ascii_lowercase(), c[2].trim().to_string()));
        }
    }
    None
}

/// Whether a text is an e-mail message (it opens with a header block).
pub fn is_email(text: &str) -> bool {
    header_block(text.trim_start_matches('\u{feff}')).is_some()
}

/// Removes the header block, keeping `Subject` as the title and `Date` as the date.
pub fn strip(text: &Mapped, meta: &mut DocMeta) -> Mapped {
    let s = text.string();
    let bom = usize::from(s.starts_with('\u{feff}'));
    let Some((end, headers)) = header_block(&s[if bom == 1 { '\u{feff}'.len_utf8() } else { 0 }..]) else { return text.clone() };
    let get = |k: &str| headers.iter().find(|(h, _)| h == k).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    if meta.title.is_none() {
        meta.title = get("subject");
    }
    if meta.published_date.is_none() {
        if let Some(d) = get("date").and_then(|d| super::html::any_date(&d)) {
            meta.published_date = Some(d);
            meta.published_date_source = Some("email:date".into());
        }
    }
    text.apply(vec![Edit { start: 0, end: bom + end, with: String::new() }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_gives_its_subject_and_date_and_only_its_body_is_read() {
        let raw = "From: desk@example.org\nSubject: Envoy in Seoul\nDate: Tue, 08 Jan 2019 10:00:00 +0000\n\nThe envoy arrived.\n";
        assert!(is_email(raw));
        let chars: Vec<char> = raw.chars().collect();
        let mut meta = DocMeta::default();
        let body = strip(&Mapped::identity(&chars), &mut meta);
        assert_eq!(body.string(), "The envoy arrived.\n");
        assert_eq!(meta.title.as_deref(), Some("Envoy in Seoul"));
        assert_eq!(meta.published_date.as_deref(), Some("2019-01-08"));
        // Offsets still point into the raw text.
        assert_eq!(raw.chars().nth(body.raw[0]), Some('T'));
    }

    #[test]
    fn prose_that_opens_with_a_label_is_not_a_message() {
        assert!(!is_email("Note: the envoy arrived.\n\nMore text.\n"));
        assert!(!is_email("Subject: talks\nThe envoy arrived on Monday.\n"));
    }
}
