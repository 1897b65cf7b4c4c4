//! Refuses input that is not an article: empty, binary. (Size limits, duplicates and symlinks
//! are checked by the pipeline, which sees the whole folder.)

/// Checks raw bytes; `Err((code, reason))` names why the file is rejected.
pub fn check_bytes(bytes: &[u8]) -> Result<(), (String, String)> {
    let trimmed = bytes.iter().filter(|b| !b.is_ascii_whitespace()).count();
    if bytes.is_empty() || trimmed == 0 {
        return Err(("empty-file".into(), "file is empty (no text)".into()));
    }
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    if !utf16 {
        let sample = &bytes[..bytes.len().min(8192)];
        let nul = sample.iter().filter(|&&b| b == 0).count();
        let ctrl = sample.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b)).count();
        if nul > 0 || ctrl * 20 > sample.len() {
            return Err((
                "binary-file".into(),
                format!("file looks binary ({nul} NUL and {ctrl} control bytes in the first {} bytes)", sample.len()),
            ));
        }
    }
    Ok(())
}
