//! HTML building blocks for the report. Article text is untrusted: every value that reaches the
//! page goes through [`esc`], in element content and in attribute values alike.

use std::fmt::Write;

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            // Control characters have no business in a page; keep them visible.
            c if c.is_control() && c != '\n' && c != '\t' => {
                let _ = write!(o, "&#xFFFD;");
            }
            c => o.push(c),
        }
    }
    o
}

/// A fragment identifier made only of `[A-Za-z0-9_-]`, whatever the ID holds.
pub fn anchor(prefix: &str, id: &str) -> String {
    let clean: String = id.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("{prefix}-{clean}")
}

/// A table: header cells and rows of already-escaped HTML cells.
pub fn table(out: &mut String, class: &str, header: &[&str], rows: &[Vec<String>]) {
    let _ = write!(out, "<table class=\"{}\"><thead><tr>", esc(class));
    for h in header {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for r in rows {
        out.push_str("<tr>");
        for c in r {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

/// Text cut to `n` characters with an ellipsis (for table cells; the full text is in the
/// evidence section).
pub fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("<script>\"a\"&'b'</svg>"), "&lt;script&gt;&quot;a&quot;&amp;&#39;b&#39;&lt;/svg&gt;");
        assert_eq!(anchor("m", "M1\"><x"), "m-M1___x");
    }
}
