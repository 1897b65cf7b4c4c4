//! Articles stored as JSON (an API or export record such as `{"title": …, "published_at": …,
//! "body": "<p>…</p>"}`): the text-bearing fields are kept, each on its own line, with their
//! escapes decoded; keys, ids, tags and other fields go. Offsets still point into the raw file.
//! Markup inside the kept fields is stripped afterwards like any HTML.
//!
//! A file of several records (a JSON array, an API response such as `{"articles": [{…}, {…}]}`,
//! or JSON Lines, one record per line) is read record by record: each record is an item of the
//! document, dated by its own date field, so one record's dates never carry into the next.

use crate::model::{DocMeta, Edit, Mapped};

/// Keys whose string values are article text, in any nesting (matched case-insensitively).
const TEXT_KEYS: &[&str] =
    &["title", "headline", "subtitle", "subheadline", "summary", "description", "lead", "standfirst", "body", "content", "text", "articlebody", "article"];
/// Keys whose string value may be the publication date.
const DATE_KEYS: &[&str] =
    &["published_at", "publishedat", "published", "datepublished", "pubdate", "publish_date", "publication_date", "date", "created_at", "createdat"];
/// Keys whose value is the source URL.
const URL_KEYS: &[&str] = &["url", "link", "canonical_url", "source_url"];

/// True when the whole text is one JSON value (object or array), or JSON Lines: two or more
/// lines, each one JSON object.
pub fn is_json(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim();
    if !(t.starts_with('{') || t.starts_with('[')) {
        return false;
    }
    if serde_json::from_str::<serde_json::Value>(t).is_ok() {
        return true;
    }
    let lines: Vec<&str> = t.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.len() >= 2 && lines.iter().all(|l| l.starts_with('{') && serde_json::from_str::<serde_json::Value>(l).is_ok())
}

/// An object met while walking the file: where it starts, whether a text or date field sits
/// directly in it (then it is an article record), and the first date inside it.
struct Obj {
    start: usize,
    record: bool,
    date: Option<String>,
}

/// Keeps the text fields of a JSON document (see the module doc); fills `meta` from the title,
/// date and URL fields.
pub fn strip(text: &Mapped, meta: &mut DocMeta) -> Mapped {
    let c = &text.chars;
    let mut edits = Vec::new();
    // Walk the string tokens; a string followed by ':' is a key.
    let mut keep_from = 0; // start of the pending deletion
    let mut last_key = String::new();
    // Open objects, and the records closed so far (raw range, date).
    let mut stack: Vec<Obj> = Vec::new();
    let mut records: Vec<(usize, usize, Option<String>)> = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i] == '{' {
            stack.push(Obj { start: i, record: false, date: None });
        } else if c[i] == '}' {
            if let Some(o) = stack.pop() {
                // The outermost records only: a record inside a record is part of it.
                if o.record {
                    records.retain(|r| r.0 < o.start);
                    records.push((o.start, i + 1, o.date.clone()));
                }
                if let Some(parent) = stack.last_mut() {
                    if parent.date.is_none() {
                        parent.date = o.date;
                    }
                }
            }
        }
        if c[i] != '"' {
            i += 1;
            continue;
        }
        let open = i;
        let mut j = i + 1;
        let mut value = String::new();
        let mut escapes: Vec<Edit> = Vec::new();
        while j < c.len() && c[j] != '"' {
            if c[j] == '\\' && j + 1 < c.len() {
                let (decoded, len) = unescape(&c[j..]);
                escapes.push(Edit { start: j, end: j + len, with: decoded.clone() });
                value.push_str(&decoded);
                j += len;
            } else {
                value.push(c[j]);
                j += 1;
            }
        }
        let close = j.min(c.len());
        let next = c[close.saturating_add(1).min(c.len())..].iter().find(|x| !x.is_whitespace()).copied();
        if next == Some(':') {
            last_key = value.to_ascii_lowercase();
        } else {
            let key = last_key.as_str();
            if DATE_KEYS.contains(&key) {
                if let Some(d) = super::html::any_date(&value) {
                    if let Some(o) = stack.last_mut() {
                        o.record = true;
                        o.date.get_or_insert(d.clone());
                    }
                    if meta.published_date.is_none() {
                        meta.published_date = Some(d);
                        meta.published_date_source = Some("json:field".into());
                    }
                }
            }
            if URL_KEYS.contains(&key) && meta.url.is_none() && value.starts_with("http") {
                meta.url = Some(value.clone());
            }
            if (key == "title" || key == "headline") && meta.title.is_none() {
                meta.title = Some(value.trim().to_string());
            }
            if TEXT_KEYS.contains(&key) && !value.trim().is_empty() {
                if let Some(o) = stack.last_mut() {
                    o.record = true;
                }
                // Delete everything before the value's first character; a line break stands
                // between fields.
                edits.push(Edit { start: keep_from, end: open + 1, with: "\n".into() });
                edits.extend(escapes);
                keep_from = close;
            }
        }
        i = close + 1;
    }
    edits.push(Edit { start: keep_from, end: c.len(), with: "\n".into() });
    // Several records: each dated one is an item of its own.
    if records.len() >= 2 {
        for (a, b, d) in records {
            if let Some(d) = d {
                meta.items.push((text.raw[a], text.raw[b - 1] + 1, d));
            }
        }
    }
    text.apply(edits)
}

/// Decodes one JSON escape at the start of `s` (which begins with `\`): the text and the number
/// of characters it spans. A surrogate pair `\uD83D\uDE00` is one character.
fn unescape(s: &[char]) -> (String, usize) {
    let hex = |k: usize| -> Option<u32> {
        let h: String = s.get(k..k + 4)?.iter().collect();
        u32::from_str_radix(&h, 16).ok()
    };
    match s.get(1) {
        Some('n') | Some('r') => ("\n".into(), 2),
        Some('t') => (" ".into(), 2),
        Some('b') | Some('f') => (String::new(), 2),
        Some('u') => match hex(2) {
            Some(hi @ 0xD800..=0xDBFF) if s.get(6) == Some(&'\\') && s.get(7) == Some(&'u') => match hex(8) {
                Some(lo @ 0xDC00..=0xDFFF) => {
                    let cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    (char::from_u32(cp).map(String::from).unwrap_or_default(), 12)
                }
                _ => (String::new(), 6),
            },
            Some(cp) => (char::from_u32(cp).map(String::from).unwrap_or_default(), 6),
            None => (String::new(), 2),
        },
        Some(&x) => (x.to_string(), 2),
        None => (String::new(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_fields_with_offsets() {
        let raw = r#"{"id": 7, "title": "Kim in \"Beijing\"", "published_at": "2019-01-08T10:00:00Z", "tags": ["a"], "body": "Line one.\nLine \u4e8c."}"#;
        let chars: Vec<char> = raw.chars().collect();
        let mut meta = DocMeta::default();
        let out = strip(&Mapped::identity(&chars), &mut meta);
        let text = out.string();
        assert_eq!(text.trim(), "Kim in \"Beijing\"\nLine one.\nLine 二.");
        assert_eq!(meta.published_date.as_deref(), Some("2019-01-08"));
        assert_eq!(meta.title.as_deref(), Some("Kim in \"Beijing\""));
        // The kept text still points at the raw characters.
        let at = text.find("Beijing").unwrap();
        let at_chars = text[..at].chars().count();
        assert_eq!(chars[out.raw[at_chars]], 'B');
        assert!(is_json(raw) && !is_json("{not json"));
        assert!(meta.items.is_empty(), "one record is the document, not an item");
    }

    #[test]
    fn records_of_a_list_or_lines_are_items_with_their_own_dates() {
        let lines = "{\"title\": \"A\", \"date\": \"2019-01-05\", \"meta\": {\"id\": 1}}\n{\"title\": \"B\", \"date\": \"2019-02-01T08:00:00Z\"}\n";
        let api = r#"{"status": "ok", "articles": [{"source": {"id": null}, "title": "A", "publishedAt": "2019-01-05"}, {"title": "B", "content": "x", "publishedAt": "2019-02-01"}]}"#;
        for raw in [lines, api] {
            assert!(is_json(raw));
            let chars: Vec<char> = raw.chars().collect();
            let mut meta = DocMeta::default();
            strip(&Mapped::identity(&chars), &mut meta);
            let dates: Vec<&str> = meta.items.iter().map(|i| i.2.as_str()).collect();
            assert_eq!(dates, ["2019-01-05", "2019-02-01"], "{raw}");
            let second: String = chars[meta.items[1].0..meta.items[1].1].iter().collect();
            assert!(second.starts_with('{') && second.contains("\"B\"") && !second.contains("\"A\""));
        }
        assert!(!is_json("{\"a\": 1}\nnot json\n"));
    }
}
