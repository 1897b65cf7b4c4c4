//! Datasets of articles in CSV or TSV: a header row, then one article per row (a scraper's or
//! archive's export such as `id,date,title,content`). The text columns are kept, each field on
//! its own line with its `""` escapes decoded; ids, URLs, tags and other columns go. Every row is
//! an item of the document dated by its own date column, so one row's dates never carry into the
//! next. Offsets still point into the raw file, which is why fields are scanned here rather than
//! read with the `csv` crate: its records do not carry the position of each field.

use crate::model::{DocMeta, Edit, Mapped};

/// Header names of article text columns (compared trimmed and case-insensitively).
const TEXT_HEADERS: &[&str] = &[
    "title", "headline", "subtitle", "summary", "description", "lead", "body", "content", "text", "article", "articlebody", "article_text", "abstract",
    "标题", "题目", "摘要", "内容", "正文", "全文", "文章", "標題", "題目", "內容", "內文",
];
/// Header names of the publication date column.
const DATE_HEADERS: &[&str] = &[
    "date", "published", "published_at", "publishedat", "pubdate", "publish_date", "publication_date", "datetime", "created_at", "time",
    "日期", "时间", "發布時間", "发布时间", "发布日期", "發布日期", "時間",
];

/// The field delimiter when the file is a delimited dataset: by extension (`.csv`, `.tsv`), or a
/// first line that is a header naming a text column (`title,date,content`).
pub fn delimiter(text: &str, path: &str) -> Option<char> {
    let lower = path.to_ascii_lowercase();
    let first = text.trim_start_matches('\u{feff}').lines().next().unwrap_or("");
    let by_ext = if lower.ends_with(".csv") {
        Some(',')
    } else if lower.ends_with(".tsv") {
        Some('\t')
    } else {
        None
    };
    let d = by_ext.or_else(|| [',', '\t', ';'].into_iter().max_by_key(|d| first.matches(*d).count()).filter(|d| first.contains(*d)))?;
    // Without the extension, a cheap look at the first line before the whole file is scanned.
    let names_text = |l: &str| l.split(d).any(|x| TEXT_HEADERS.contains(&x.trim().trim_matches('"').to_lowercase().as_str()));
    if by_ext.is_none() && !names_text(first) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let rows = scan(&chars, d);
    let header = rows.first()?;
    let names: Vec<String> = header.iter().map(|&(a, b, _)| cell(&chars, a, b)).collect();
    let named = names.iter().any(|n| TEXT_HEADERS.contains(&n.as_str()));
    // Without the extension, only a header that names a text column and rows of its width.
    let regular = rows.len() >= 2 && rows[1..].iter().filter(|r| r.len() == header.len()).count() * 10 >= (rows.len() - 1) * 9;
    (header.len() >= 2 && regular && (by_ext.is_some() || named)).then_some(d)
}

fn cell(chars: &[char], a: usize, b: usize) -> String {
    chars[a..b].iter().collect::<String>().trim().to_lowercase()
}

/// Rows of fields: each field's char range (inside its quotes, if quoted) and whether it was
/// quoted. RFC 4180: a quoted field may hold delimiters, line breaks and doubled quotes.
fn scan(c: &[char], delim: char) -> Vec<Vec<(usize, usize, bool)>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut i = if c.first() == Some(&'\u{feff}') { 1 } else { 0 };
    loop {
        // One field from i.
        let (a, b, quoted);
        if c.get(i) == Some(&'"') {
            let mut j = i + 1;
            while j < c.len() {
                if c[j] == '"' {
                    if c.get(j + 1) == Some(&'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            (a, b, quoted) = (i + 1, j.min(c.len()), true);
            i = (j + 1).min(c.len());
            // Anything between the closing quote and the delimiter is dropped with it.
            while i < c.len() && c[i] != delim && c[i] != '\n' {
                i += 1;
            }
        } else {
            let mut j = i;
            while j < c.len() && c[j] != delim && c[j] != '\n' {
                j += 1;
            }
            let end = if j > i && c[j - 1] == '\r' { j - 1 } else { j };
            (a, b, quoted) = (i, end, false);
            i = j;
        }
        row.push((a, b, quoted));
        match c.get(i) {
            Some(&x) if x == delim => i += 1,
            Some('\n') => {
                i += 1;
                rows.push(std::mem::take(&mut row));
                if i >= c.len() {
                    break;
                }
            }
            _ => {
                rows.push(std::mem::take(&mut row));
                break;
            }
        }
    }
    rows.retain(|r| !(r.len() == 1 && r[0].0 == r[0].1));
    rows
}

/// Keeps the text columns of a delimited dataset (see the module doc); fills `meta` with the
/// first row's title and date, and one dated item per row.
pub fn strip(text: &Mapped, delim: char, meta: &mut DocMeta) -> Mapped {
    let c = &text.chars;
    let rows = scan(c, delim);
    let Some(header) = rows.first() else { return text.clone() };
    let names: Vec<String> = header.iter().map(|&(a, b, _)| cell(c, a, b)).collect();
    let mut keep: Vec<usize> = (0..names.len()).filter(|&k| TEXT_HEADERS.contains(&names[k].as_str())).collect();
    if keep.is_empty() {
        // No named text column: the columns of prose (long values on average).
        let body = &rows[1..];
        keep = (0..names.len())
            .filter(|&k| {
                let total: usize = body.iter().filter_map(|r| r.get(k)).map(|&(a, b, _)| b - a).sum();
                !body.is_empty() && total / body.len() >= 20
            })
            .collect();
    }
    let date_col = names.iter().position(|n| DATE_HEADERS.contains(&n.as_str()));
    let title_col = names.iter().position(|n| ["title", "headline", "标题", "標題", "题目", "題目"].contains(&n.as_str()));
    let mut edits = Vec::new();
    let mut keep_from = 0;
    for (n, row) in rows.iter().enumerate().skip(1) {
        let field = |k: usize| row.get(k).map(|&(a, b, _)| c[a..b].iter().collect::<String>().replace("\"\"", "\""));
        let date = date_col.and_then(field).and_then(|v| super::html::any_date(&v).or_else(|| chinese_date(&v)));
        if n == 1 {
            meta.title = title_col.and_then(field).map(|t| t.trim().to_string()).filter(|t| !t.is_empty());
            if let Some(d) = &date {
                meta.published_date = Some(d.clone());
                meta.published_date_source = Some("csv:field".into());
            }
        }
        if let (Some(d), Some(first), Some(last)) = (date, row.first(), row.last()) {
            if rows.len() > 2 {
                let start = if first.2 { first.0 - 1 } else { first.0 };
                meta.items.push((text.raw[start.min(c.len() - 1)], text.raw[last.1.max(1).min(c.len()) - 1] + 1, d));
            }
        }
        for &k in &keep {
            let Some(&(a, b, quoted)) = row.get(k) else { continue };
            if c[a..b].iter().all(|x| x.is_whitespace()) {
                continue;
            }
            edits.push(Edit { start: keep_from, end: a, with: "\n".into() });
            if quoted {
                let mut j = a;
                while j + 1 < b {
                    if c[j] == '"' && c[j + 1] == '"' {
                        edits.push(Edit { start: j, end: j + 2, with: "\"".into() });
                        j += 2;
                    } else {
                        j += 1;
                    }
                }
            }
            keep_from = b;
        }
    }
    edits.push(Edit { start: keep_from, end: c.len(), with: "\n".into() });
    text.apply(edits)
}

/// 2019年1月5日 / 2019/1/5 as `YYYY-MM-DD`.
fn chinese_date(v: &str) -> Option<String> {
    let digits: Vec<u32> = v.split(|x: char| !x.is_ascii_digit()).filter(|s| !s.is_empty()).take(3).map(|s| s.parse().ok()).collect::<Option<_>>()?;
    let [y, m, d] = digits[..] else { return None };
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d).filter(|_| y >= 1800).map(|x| x.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_columns_and_dates_each_row() {
        let raw = "id,date,title,url,content\n1,2019-01-05,First,http://x/1,\"He said \"\"yes\"\", twice.\nNew line.\"\n2,2019年2月1日,Second,http://x/2,Plain body\n";
        assert_eq!(delimiter(raw, "a.csv"), Some(','));
        assert_eq!(delimiter(raw, "a.txt"), Some(','), "a header naming a text column");
        assert_eq!(delimiter("just, some prose, with commas\nand more, lines\n", "a.txt"), None);
        let chars: Vec<char> = raw.chars().collect();
        let mut meta = DocMeta::default();
        let out = strip(&Mapped::identity(&chars), ',', &mut meta);
        let t = out.string();
        let kept: Vec<&str> = t.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(kept, ["First", "He said \"yes\", twice.", "New line.", "Second", "Plain body"]);
        assert_eq!(meta.title.as_deref(), Some("First"));
        assert_eq!(meta.published_date.as_deref(), Some("2019-01-05"));
        assert_eq!(meta.items.iter().map(|i| i.2.as_str()).collect::<Vec<_>>(), ["2019-01-05", "2019-02-01"]);
        // Each item covers its own row; kept text points at the raw characters.
        let row2: String = chars[meta.items[1].0..meta.items[1].1].iter().collect();
        assert!(row2.starts_with("2,") && row2.ends_with("Plain body"));
        let at = t.chars().position(|x| x == 'P').unwrap();
        assert_eq!(chars[out.raw[at]], 'P');
    }
}
