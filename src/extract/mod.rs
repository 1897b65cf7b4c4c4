//! Stage 1 — extract: read a file, refuse what cannot be read (guard), decode any encoding,
//! detect the format, strip markup while keeping a map back to raw offsets.

pub mod blocks;
pub mod decode;
pub mod delimited;
pub mod email;
pub mod guard;
pub mod html;
pub mod json;
pub mod markup;
pub mod subtitles;

use crate::model::{sha256_hex, DocMeta, Extracted, Mapped};

/// Extracts one document from its bytes. Errors are one-line reasons (the caller names the file).
pub fn extract(doc_id: &str, path: &str, bytes: &[u8]) -> Result<Extracted, (String, String)> {
    guard::check_bytes(bytes)?;
    let (text, encoding) = decode::decode(bytes)?;
    let raw: Vec<char> = text.chars().collect();
    let format = markup::detect_format(&text, path);
    let mut meta = DocMeta::default();
    let identity = Mapped::identity(&raw);
    let stripped = match format.as_str() {
        // The text fields of a JSON record, then any HTML inside them.
        "json" => markup::strip(&json::strip(&identity, &mut meta), "html", &mut meta),
        // A subtitle file's cues run on as one text.
        "subtitles" => markup::strip(&subtitles::strip(&identity), "text", &mut meta),
        // The text columns of a CSV/TSV dataset, then any HTML inside them.
        "csv" => {
            let d = delimited::delimiter(&text, path).unwrap_or(',');
            markup::strip(&delimited::strip(&identity, d, &mut meta), "html", &mut meta)
        }
        "html" | "feed" => markup::strip_escaped(markup::strip(&identity, &format, &mut meta), &mut meta),
        // The header block of a message, then its body as plain text.
        "email" => markup::strip(&email::strip(&identity, &mut meta), "text", &mut meta),
        _ => markup::strip(&identity, &format, &mut meta),
    };
    markup::header_meta(&stripped.string(), &mut meta);
    Ok(Extracted {
        doc_id: doc_id.to_string(),
        path: path.to_string(),
        sha256: sha256_hex(bytes),
        bytes: bytes.len(),
        encoding,
        format,
        raw,
        text: stripped,
        meta,
    })
}
