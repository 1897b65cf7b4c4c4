//! Decoding: BOM first (UTF-8, UTF-16 LE/BE), then strict UTF-8, then `chardetng` to guess a
//! legacy encoding (GBK/GB18030, Big5 …) decoded by `encoding_rs`. Lossy decodes are refused.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Decodes bytes to text and names the encoding (WHATWG label, lower case; `utf-8-bom` when a
/// UTF-8 BOM was present).
pub fn decode(bytes: &[u8]) -> Result<(String, String), (String, String)> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return strict(UTF_8, rest, "utf-8-bom");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return strict(UTF_16LE, rest, "utf-16le");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return strict(UTF_16BE, rest, "utf-16be");
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "utf-8".into()));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let label = enc.name().to_ascii_lowercase();
    strict(enc, bytes, &label)
}

fn strict(enc: &'static Encoding, bytes: &[u8], label: &str) -> Result<(String, String), (String, String)> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(("encoding-error".into(), format!("cannot be decoded without loss (best guess {label})")));
    }
    Ok((text.into_owned(), label.to_string()))
}
