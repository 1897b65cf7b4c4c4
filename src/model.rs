//! Hand-off types between stages, the issue vocabulary and content-derived IDs.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// Text whose every character remembers its offset in the decoded raw document.
#[derive(Debug, Clone, Default)]
pub struct Mapped {
    /// The characters of this text.
    pub chars: Vec<char>,
    /// `raw[i]` is the Unicode-character offset of `chars[i]` in the decoded raw text.
    pub raw: Vec<usize>,
}

/// One edit of a [`Mapped`] text: replace `start..end` (char indices) with `with`.
#[derive(Debug, Clone)]
pub struct Edit {
    pub start: usize,
    pub end: usize,
    pub with: String,
}

impl Mapped {
    /// The identity map over a raw text.
    pub fn identity(raw: &[char]) -> Self {
        Mapped { chars: raw.to_vec(), raw: (0..raw.len()).collect() }
    }

    /// Applies non-overlapping edits (overlaps are resolved: the earliest-starting, then longest,
    /// edit wins). Inserted characters map to the raw offset of the first replaced character.
    pub fn apply(&self, mut edits: Vec<Edit>) -> Mapped {
        edits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut out = Mapped::default();
        let mut i = 0;
        for e in edits {
            if e.start < i || e.end > self.chars.len() || e.start > e.end {
                continue;
            }
            while i < e.start {
                out.push(self.chars[i], self.raw[i]);
                i += 1;
            }
            if let Some(&anchor) = self.raw.get(e.start) {
                for c in e.with.chars() {
                    out.push(c, anchor);
                }
            }
            i = e.end;
        }
        while i < self.chars.len() {
            out.push(self.chars[i], self.raw[i]);
            i += 1;
        }
        out
    }

    /// The lines of the text as `[start, end)` char ranges, without their line breaks.
    pub fn line_ranges(&self) -> Vec<(usize, usize)> {
        let mut lines = Vec::new();
        let mut a = 0;
        for (i, &x) in self.chars.iter().enumerate() {
            if x == '\n' {
                lines.push((a, i));
                a = i + 1;
            }
        }
        lines.push((a, self.chars.len()));
        lines
    }

    fn push(&mut self, c: char, r: usize) {
        self.chars.push(c);
        self.raw.push(r);
    }

    /// The text as a `String`.
    pub fn string(&self) -> String {
        self.chars.iter().collect()
    }

    /// Raw span `[start, end)` covering clean chars `a..b` (b > a).
    pub fn raw_span(&self, a: usize, b: usize) -> (usize, usize) {
        let b = b.max(a + 1).min(self.raw.len());
        let a = a.min(b.saturating_sub(1));
        (self.raw[a], self.raw[b - 1] + 1)
    }
}

/// The captures of `re` that begin at a Unicode word boundary, in order: what `\b` followed by
/// `re` finds with `captures_iter`. The `\b` is left out of the pattern and checked here, at
/// each match's start, because a Unicode word boundary makes the regex crate leave its fast
/// engines for a slow one on any non-ASCII text (a whole Chinese document, for a pattern of
/// English capitals). Same matches: a leftmost match of `re` with no boundary before it is
/// passed over by one character and the search resumes there. `re` must not match the empty
/// string.
pub fn captures_at_word_start<'t>(re: &regex::Regex, text: &'t str) -> Vec<regex::Captures<'t>> {
    static WORD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| regex::Regex::new(r"^\w$").expect("valid"));
    let word = |c: Option<char>| c.is_some_and(|c| WORD.is_match(c.encode_utf8(&mut [0u8; 4])));
    let mut out = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some(c) = re.captures_at(text, at) else { break };
        let m = c.get(0).expect("group 0");
        let first = text[m.start()..].chars().next();
        if word(text[..m.start()].chars().next_back()) != word(first) {
            at = m.end().max(m.start() + 1);
            out.push(c);
        } else {
            at = m.start() + first.map_or(1, char::len_utf8);
        }
    }
    out
}

/// Char index of every byte offset of `s` (length `s.len() + 1`), to turn regex byte offsets
/// into character offsets.
pub fn byte_to_char(s: &str) -> Vec<usize> {
    let mut v = vec![0usize; s.len() + 1];
    let mut ci = 0;
    for (bi, ch) in s.char_indices() {
        for k in 0..ch.len_utf8() {
            v[bi + k] = ci;
        }
        ci += 1;
    }
    v[s.len()] = ci;
    v
}

/// Keeps non-overlapping spans: sorted by start, the longest first at each start; a span that
/// overlaps one already kept is dropped. `span` gives `(start, end)`.
pub fn non_overlapping<T>(mut items: Vec<T>, span: impl Fn(&T) -> (usize, usize)) -> Vec<T> {
    items.sort_by(|a, b| {
        let ((sa, ea), (sb, eb)) = (span(a), span(b));
        sa.cmp(&sb).then(eb.cmp(&ea))
    });
    let mut kept: Vec<T> = Vec::new();
    for x in items {
        if kept.last().is_some_and(|l| span(&x).0 < span(l).1) {
            continue;
        }
        kept.push(x);
    }
    kept
}

/// One problem found in a run: a rejected file, an unparsed value, a schema violation.
/// Codes reuse Frictionless error names where one fits (`type-error`, `constraint-error` …).
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq, PartialOrd, Ord)]
pub struct Issue {
    /// `error` (the file or row is not published) or `warning`.
    pub severity: String,
    pub code: String,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub message: String,
}

impl Issue {
    /// A file-level issue.
    pub fn file(severity: &str, code: &str, file: &str, message: impl Into<String>) -> Self {
        Issue {
            severity: severity.into(),
            code: code.into(),
            file: file.into(),
            table: None,
            row: None,
            field: None,
            value: None,
            message: message.into(),
        }
    }

    /// One line for stderr.
    pub fn line(&self) -> String {
        let mut s = format!("{}: {} [{}]", self.severity, self.file, self.code);
        if let Some(t) = &self.table {
            s += &format!(" table={t}");
        }
        if let Some(r) = self.row {
            s += &format!(" row={r}");
        }
        if let Some(f) = &self.field {
            s += &format!(" field={f}");
        }
        if let Some(v) = &self.value {
            s += &format!(" value={v:?}");
        }
        s + ": " + &self.message
    }
}

/// Lower-case hex of SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_digest(Sha256::digest(bytes))
}

/// The month (1–12) an English month name or abbreviation stands for ("Sept." → 9), read from
/// its first three letters; shared by the header readers and the date rules.
pub fn month_en(s: &str) -> Option<u32> {
    let k = s.get(..3)?.to_ascii_lowercase();
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].iter().position(|m| *m == k).map(|i| i as u32 + 1)
}

/// `p` relative to `root`, `/`-separated whatever the platform (as paths are written in
/// outputs and messages).
pub fn rel_path(root: &std::path::Path, p: &std::path::Path) -> String {
    p.strip_prefix(root).unwrap_or(p).components().map(|c| c.as_os_str().to_string_lossy().to_string()).collect::<Vec<_>>().join("/")
}

/// The size and SHA-256 (hex) of what `r` yields, read in blocks (a file of any size in
/// constant memory).
pub fn sha256_reader(mut r: impl std::io::Read) -> std::io::Result<(u64, String)> {
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    let mut n = 0u64;
    loop {
        let k = r.read(&mut buf)?;
        if k == 0 {
            break;
        }
        n += k as u64;
        h.update(&buf[..k]);
    }
    Ok((n, hex_digest(h.finalize())))
}

pub(crate) fn hex_digest(d: impl IntoIterator<Item = u8>) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(64);
    for b in d {
        s.push(HEX[(b >> 4) as usize] as char);
        s.push(HEX[(b & 15) as usize] as char);
    }
    s
}

/// A stable, content-derived ID: `prefix` + the first 16 hex digits of SHA-256 over the parts.
/// Changing the parts of an ID is a breaking change of the dataset.
pub fn content_id(prefix: &str, parts: &[&str]) -> String {
    let joined = parts.join("\u{1f}");
    format!("{prefix}{}", &sha256_hex(joined.as_bytes())[..16])
}

/// A document as extracted: decoded raw text and the markup-free text mapped back to it.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub doc_id: String,
    /// Path relative to the input folder, with `/` separators.
    pub path: String,
    pub sha256: String,
    pub bytes: usize,
    pub encoding: String,
    /// `text`, `markdown`, `wiki-markdown` or `html`.
    pub format: String,
    /// Decoded raw text, as characters (offsets in `mentions` index into this).
    pub raw: Vec<char>,
    /// Markup stripped; maps back into `raw`.
    pub text: Mapped,
    /// Metadata found in the file (front matter, header lines).
    pub meta: DocMeta,
}

/// Metadata of a document, from `sources.csv`, front matter or header lines.
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    pub title: Option<String>,
    pub publisher: Option<String>,
    pub url: Option<String>,
    pub published_date: Option<String>,
    pub published_date_source: Option<String>,
    pub language: Option<String>,
    pub licence: Option<String>,
    /// Items of a page dated by their own link path (a "Related" list entry): raw char range
    /// of the item's text and its date (`YYYY-MM-DD`).
    pub items: Vec<(usize, usize, String)>,
    /// Image captions (raw char ranges): kept out of statements, trade, sanctions and the
    /// running date, but read for visits (图为X和Y在北京).
    pub captions: Vec<(usize, usize)>,
    /// For a document with no publication date: the month of its newest image upload folder
    /// (`/uploads/2022/05/`), `YYYY-MM`. It starts the running date context (so a bare 5月26日
    /// has a year) but is not published as the document's date.
    pub upload_month: Option<String>,
}

/// A document after cleaning: normalized text, Simplified shadow and sentences.
#[derive(Debug, Clone)]
pub struct Cleaned {
    pub doc: Extracted,
    /// Folded, rejoined text mapped back to raw.
    pub text: Mapped,
    /// Simplified-Chinese shadow of `text`, same length, for matching only.
    pub shadow: Vec<char>,
    /// Sentences as `[start, end)` char ranges of `text`.
    pub sentences: Vec<(usize, usize)>,
    /// Languages detected (`zh-Hans`, `zh-Hant`, `en`).
    pub languages: Vec<String>,
}
