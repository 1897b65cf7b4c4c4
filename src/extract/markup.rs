//! Format detection and markup stripping. Every removal is an [`Edit`] on a [`Mapped`] text,
//! so the clean text keeps pointing at the raw characters.
//!
//! Handled: YAML front matter, Markdown/wiki links `[text](target "title")` (text kept),
//! images and `fig:` file links with their captions, `\[n\]` reference markers, escaped brackets,
//! `-{…}-` variant markers, bold `**`, heading `#`, list bullets, list items that are only a link
//! (related coverage), `{{…}}` templates,
//! `[Category:…]` lines, HTML tags (block tags become line breaks), `<script>/<style>/<figure>`
//! blocks, and HTML character entities.

use crate::model::{byte_to_char, DocMeta, Edit, Mapped};
use regex::Regex;
use std::sync::LazyLock;

/// `html`, `feed` (RSS/Atom and other XML), `json`, `csv`, `subtitles`, `email`, `wiki-markdown`, `markdown` or `text`.
pub fn detect_format(text: &str, path: &str) -> String {
    let lower_path = path.to_ascii_lowercase();
    let head: String = text.chars().take(4000).collect::<String>().to_ascii_lowercase();
    if ([".json", ".jsonl", ".ndjson"].iter().any(|x| lower_path.ends_with(x)) || head.trim_start_matches('\u{feff}').trim_start().starts_with(['{', '['])) && super::json::is_json(text) {
        return "json".into();
    }
    if lower_path.ends_with(".eml") || super::email::is_email(text) {
        return "email".into();
    }
    if super::subtitles::is_subtitles(text, path) {
        return "subtitles".into();
    }
    if super::delimited::delimiter(text, path).is_some() {
        return "csv".into();
    }
    if [".xml", ".rss", ".atom"].iter().any(|x| lower_path.ends_with(x)) || head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf") {
        return "feed".into();
    }
    if lower_path.ends_with(".html") || lower_path.ends_with(".htm") || head.contains("<html") || head.contains("<!doctype html") {
        return "html".into();
    }
    let tags = RE_TAG.find_iter(&head).count();
    if tags >= 3 && (head.contains("<p") || head.contains("<div") || head.contains("<br")) {
        return "html".into();
    }
    if text.contains("\"wikilink\")") || text.contains("[Category:") {
        return "wiki-markdown".into();
    }
    if lower_path.ends_with(".md") || text.starts_with("---\n") || RE_MDLINK.is_match(text) {
        return "markdown".into();
    }
    "text".into()
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("valid regex"));
    };
}

re!(RE_FRONT, r"\A(?:\u{feff})?---[ \t]*\r?\n((?s:.*?))\r?\n---[ \t]*(?:\r?\n|\z)");
re!(RE_CATEGORY, r"(?m)^\[Category:[^\n]*$");
re!(RE_FIGCAP, r#"!?\[[^\]\n]*\]\((?:\\.|[^\n\\])*?"fig:[^\n]*?\\\]\\\]"#);
re!(RE_FIGLINK, r#"!?\[[^\]\n]*\]\((?:\\.|[^()\\\n"])*"fig:[^"\n]*"\)"#);
re!(RE_IMAGE, r#"!\[[^\]\n]*\]\((?:\\.|"[^"\n]*"|[^()\\"\n])*\)"#);
re!(RE_MDLINK, r#"\[([^\[\]\n]*)\](\((?:\\.|"[^"\n]*"|[^()\\"\n])*\))"#);
re!(RE_REFMARK, r"\\\[\d+\\\]|\\\[|\\\]|\\\(|\\\)");
re!(RE_VARIANT, r"-\{([^{}\n]*)\}-");
re!(RE_TEMPLATE, r"\{\{[^{}\n]*\}\}");
re!(RE_BOLD, r"\*\*|__");
re!(RE_HEADING, r"(?m)^#{1,6}[ \t]+");
re!(RE_BULLET, r"(?m)^[ \t]*[-*+][ \t]+");
re!(RE_LINKLINE, r#"(?m)^[ \t]*(?:[-*+]|[0-9]+\.)[ \t]+\[[^\]\n]*\]\((?:\\.|"[^"\n]*"|[^()\\"\n])*\)[ \t\r]*$"#);
re!(RE_LINKHEAD, r#"(?m)^[ \t]*#{1,6}[ \t]+\[[^\]\n]*\]\((?:\\.|"[^"\n]*"|[^()\\"\n])*\)[ \t\r]*$"#);
re!(RE_BLOCK, r"(?is)<(script|style|figure|noscript|head)\b.*?</(?:script|style|figure|noscript|head)\s*>|<!--.*?-->");
re!(RE_FIGCAPTION, r"(?is)^<figure\b.*?<figcaption\b[^>]*>(.*?)</figcaption\s*>");
re!(RE_TAG, r"</?[a-zA-Z][^<>]*>");
// Elements whose text a browser shows as one flowing paragraph, when no block of their own is
// nested in them (see `text_elements`).
re!(RE_TEXT_OPEN, r"(?i)<(p|li|h[1-6]|td|th|dd|dt|figcaption)\b[^>]*>");
// Tags that break the flow of text: any other element, a site's own (<ok>, <x-tag>) included,
// is inline, as a browser shows it.
re!(RE_FLOW_BREAK, r"(?i)^</?(br|p|div|li|ul|ol|dl|dd|dt|h[1-6]|tr|td|th|table|tbody|thead|tfoot|section|article|main|header|footer|nav|aside|blockquote|figure|figcaption|form|hr|pre|iframe|title)\b");
// A run of white space holding a line break, between two non-space characters.
re!(RE_WRAP, r"[ \t]*\r?\n\s*");
re!(RE_BLOCKTAG, r"(?i)^</?(br|p|div|li|ul|ol|h[1-6]|tr|table|section|article|header|footer|blockquote|figcaption|title)\b");
re!(RE_INLINETAG, r"(?i)^</?(a|b|i|u|em|strong|span|sup|sub|small|abbr|cite|q|code|font|mark|s|time|br)\b");
re!(RE_ENTITY, r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
re!(RE_WIKILINK, r"\[\[(?:[a-z]{2,3}:)?([^\[\]|\n]+?)(?:\|([^\[\]\n]+))?\]\]");
re!(RE_TIME_TAG, r#"(?i)<time\b[^>]*\bdatetime\s*=\s*["']([0-9]{4}-[0-9]{2}-[0-9]{2})"#);
re!(RE_META_DATE, r#"(?i)<meta\b[^>]*(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|datePublished|pubdate|publishdate|date|dc\.date)["'][^>]*\bcontent\s*=\s*["']([0-9]{4}-[0-9]{2}-[0-9]{2})"#);
re!(RE_ITEM_HEADER, r"(?m)\A(?:\s*\n)*(?:[^\n]*\n){0,3}#{1,6}[ \t]*\[([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\]\(");
re!(RE_CITE, r"\[(?:[0-9]{1,4}|[a-z]|citation needed|clarification needed|when\?|who\?|note [0-9]+)\]");
re!(RE_LINK_DATE, r"/(\d{4})/(\d{1,2})/(\d{1,2})/");
// A labelled link to the original of a repost or translation (the label ends its line's text
// before the address).
re!(
    RE_SOURCE_LINK,
    r"(?mi)^[ \t>*_-]*(?:新闻链接|新聞鏈接|新聞連結|原文链接|原文鏈接|原文連結|原文网址|原文網址|来源链接|來源鏈接|原文|source(?: link)?|original(?: link| article)?|read the original)\s*[:：]\s*\[?[^\n(]{0,80}?\(?(https?://[^\s)\]]+)"
);
// A content-management upload folder (WordPress and most of its peers): /uploads/2022/05/.
re!(RE_UPLOAD_MONTH, r"/uploads/((?:19|20)\d{2})/(0[1-9]|1[0-2])/");

// An element whose whole text is a date, its class naming it one: `<span class="time">2025/11/05
// 10:32</span>`, `<div class="announce__date">19 November 2025 16:40</div>`.
re!(RE_CLASS_TEXT, r#"(?i)<[a-z][a-z0-9]*\b[^>]*?\bclass\s*=\s*["']([^"']{1,80})["'][^>]*>\s*([^<>]{6,60}?)\s*<"#);

/// The first element classed as a page's date ("date", "time", "pubdate", "publish-time",
/// "post-date", "announce__date" …) whose text reads as a date. Classes naming a modification
/// ("updated", "modified") or something else with a date in it ("timeline") do not count.
fn class_date(s: &str) -> Option<String> {
    const DATE_WORDS: [&str; 8] = ["date", "time", "pubdate", "pubtime", "published", "publish", "timestamp", "posted"];
    const NOT: [&str; 4] = ["update", "updated", "modified", "edit"];
    RE_CLASS_TEXT.captures_iter(s).find_map(|c| {
        let words: Vec<String> = c[1].split(|ch: char| !ch.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_ascii_lowercase()).collect();
        let dated = words.iter().any(|w| DATE_WORDS.contains(&w.as_str())) && !words.iter().any(|w| NOT.contains(&w.as_str()));
        if dated { value_date(&c[2]) } else { None }
    })
}

/// Strips the markup of `format` from `text`; front matter fields go into `meta`.
pub fn strip(text: &Mapped, format: &str, meta: &mut DocMeta) -> Mapped {
    let s = text.string();
    let b2c = byte_to_char(&s);
    let mut edits: Vec<Edit> = Vec::new();
    let del = |edits: &mut Vec<Edit>, a: usize, b: usize| edits.push(Edit { start: b2c[a], end: b2c[b], with: String::new() });

    if let Some(c) = RE_FRONT.captures(&s) {
        parse_front_matter(&c[1], meta);
        let m = c.get(0).expect("match");
        del(&mut edits, m.start(), m.end());
    }
    if meta.published_date.is_none() {
        // <time datetime="…"> and article:published_time meta tags (in HTML, or HTML kept
        // inside Markdown), before the tags go.
        let found = RE_TIME_TAG
            .captures(&s)
            .and_then(|c| iso_date_prefix(&c[1]).map(|d| (d, "html:time")))
            .or_else(|| {
                // An item header of a news-summary page: ### [2010-05-6](/news/2010/05/6/…)
                RE_ITEM_HEADER.captures(&s).and_then(|c| iso_date_prefix(&format!("{}-{}-{}", &c[1], &c[2], &c[3])).map(|d| (d, "item-header")))
            })
            .or_else(|| RE_META_DATE.captures(&s).and_then(|c| iso_date_prefix(&c[1]).map(|d| (d, "html:meta"))))
            .or_else(|| super::html::jsonld_date(&s).map(|d| (d, "html:json-ld")))
            .or_else(|| super::html::feed_date(&s).map(|d| (d, "feed:pubDate")))
            .or_else(|| class_date(&s).map(|d| (d, "html:date-class")));
        if let Some((d, src)) = found {
            meta.published_date = Some(d);
            meta.published_date_source = Some(src.into());
        }
    }
    if meta.published_date.is_none() {
        // A repost or translation that names its original ("新闻链接: https://…/2022-04-18/",
        // "Source: https://…/2022/04/18/…"): its words, weekdays included, are the original's,
        // so the original's day anchors them.
        if let Some(d) = RE_SOURCE_LINK.captures_iter(&s).find_map(|c| url_date(&c[1])) {
            meta.published_date = Some(d);
            meta.published_date_source = Some("source-link".into());
        }
    }
    if meta.published_date.is_none() {
        // The newest folder: a page is put together after its last image was uploaded.
        meta.upload_month = RE_UPLOAD_MONTH.captures_iter(&s).map(|c| format!("{}-{}", &c[1], &c[2])).max();
    }
    if format == "html" || format == "markdown" || format == "feed" {
        for m in RE_BLOCK.find_iter(&s) {
            // A figure goes, but its caption stays as a line of its own, listed as a caption
            // (图为X和Y在北京 can be the only place a meeting is stated).
            match RE_FIGCAPTION.captures(m.as_str()).and_then(|c| c.get(1)).filter(|c| !c.as_str().trim().is_empty()) {
                Some(c) => {
                    let (a, b) = (m.start() + c.start(), m.start() + c.end());
                    edits.push(Edit { start: b2c[m.start()], end: b2c[a], with: "\n".into() });
                    edits.push(Edit { start: b2c[b], end: b2c[m.end()], with: "\n".into() });
                    meta.captions.push((text.raw[b2c[a]], text.raw[b2c[b] - 1] + 1));
                }
                None => del(&mut edits, m.start(), m.end()),
            }
        }
        for (a, b) in super::html::furniture_ranges(&s) {
            del(&mut edits, a, b);
        }
        // Each item of a feed is dated by its own pubDate.
        for (a, b, d) in super::html::feed_items(&s) {
            meta.items.push((b2c[a], b2c[b], d));
        }
        if format == "html" {
            // Source line breaks inside a paragraph (pages written with hard-wrapped, indented
            // markup) are spaces to a browser: a sentence must not end at them.
            for (from, to) in text_elements(&s) {
                for w in RE_WRAP.find_iter(&s[from..to]) {
                    let (a, b) = (from + w.start(), from + w.end());
                    edits.push(Edit { start: b2c[a], end: b2c[b], with: " ".into() });
                }
            }
        }
        for m in RE_TAG.find_iter(&s) {
            // In a feed or other XML, every element but HTML's inline ones is a block of its own
            // (<headline>…</headline><contentCreated>…): its text must not run into the next.
            let block = RE_BLOCKTAG.is_match(m.as_str()) || format == "feed" && !RE_INLINETAG.is_match(m.as_str());
            let with = if block { "\n" } else { "" };
            edits.push(Edit { start: b2c[m.start()], end: b2c[m.end()], with: with.into() });
        }
        if format != "markdown" && meta.title.is_none() {
            static RE_TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(?is)<(?:title|headline|hl1)\b[^>]*>(.*?)</(?:title|headline|hl1)>").expect("valid"));
            if let Some(c) = RE_TITLE.captures(&s) {
                meta.title = Some(decode_entities(c[1].trim()));
            }
        }
    }
    for m in RE_ENTITY.find_iter(&s) {
        let with = decode_entities(m.as_str());
        if with != m.as_str() {
            edits.push(Edit { start: b2c[m.start()], end: b2c[m.end()], with });
        }
    }
    if format != "text" {
        // A list item that is only a link (related coverage, see-also lists) is navigation.
        for m in RE_LINKLINE.find_iter(&s) {
            // A list item that is only a link is navigation, unless its link path carries a
            // date and it has a headline's length: a dated item of a "Related" list.
            let dated = RE_LINK_DATE.is_match(m.as_str()) && RE_MDLINK.captures(m.as_str()).is_some_and(|c| c[1].chars().count() >= 20);
            if !dated {
                del(&mut edits, m.start(), m.end());
            }
        }
        // A heading that is only a link ("### [Home](README.md)") is the site's navigation.
        for m in RE_LINKHEAD.find_iter(&s) {
            del(&mut edits, m.start(), m.end());
        }
        for re in [&*RE_CATEGORY, &*RE_FIGCAP, &*RE_FIGLINK, &*RE_IMAGE, &*RE_TEMPLATE] {
            for m in re.find_iter(&s) {
                del(&mut edits, m.start(), m.end());
            }
        }
        for c in RE_MDLINK.captures_iter(&s) {
            let whole = c.get(0).expect("match");
            let target = c.get(2).expect("target");
            del(&mut edits, whole.start(), whole.start() + 1);
            del(&mut edits, target.start() - 1, target.end());
            // A linked item dated by its link path (a "Related" list entry): its own date.
            if let Some(d) = RE_LINK_DATE.captures(target.as_str()).and_then(|d| iso_date_prefix(&format!("{}-{}-{}", &d[1], &d[2], &d[3]))) {
                let text = c.get(1).expect("text");
                if text.as_str().chars().count() >= 20 {
                    meta.items.push((b2c[text.start()], b2c[text.end()], d));
                }
            }
        }
        // Wiki links [[zh:X]] / [[X|Y]]: the text shown stays.
        for c in RE_WIKILINK.captures_iter(&s) {
            let whole = c.get(0).expect("match");
            let shown = c.get(2).or(c.get(1)).expect("text");
            del(&mut edits, whole.start(), shown.start());
            del(&mut edits, shown.end(), whole.end());
        }
        for re in [&*RE_REFMARK, &*RE_BOLD, &*RE_HEADING, &*RE_BULLET] {
            for m in re.find_iter(&s) {
                del(&mut edits, m.start(), m.end());
            }
        }
    }
    // Citation markers ([12], [a], [citation needed]) after a word or sentence, in any format.
    for m in RE_CITE.find_iter(&s) {
        let prev = s[..m.start()].chars().last();
        if prev.is_some_and(|c| !c.is_whitespace()) {
            del(&mut edits, m.start(), m.end());
        }
    }
    // Variant markers and escaped reference markers occur in plain exports too.
    for c in RE_VARIANT.captures_iter(&s) {
        let whole = c.get(0).expect("match");
        let inner = c.get(1).expect("inner");
        del(&mut edits, whole.start(), inner.start());
        del(&mut edits, inner.end(), whole.end());
    }
    if format == "text" {
        for m in RE_REFMARK.find_iter(&s) {
            if m.as_str().len() > 2 {
                del(&mut edits, m.start(), m.end());
            }
        }
    }
    text.apply(edits)
}

/// Byte ranges of the text elements (`RE_TEXT_OPEN`) of a page that hold only text and inline
/// elements up to their closing tag.
fn text_elements(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for open in RE_TEXT_OPEN.captures_iter(s) {
        let (whole, name) = (open.get(0).expect("match"), &open[1]);
        for t in RE_TAG.find_iter(&s[whole.end()..]) {
            let tag = t.as_str();
            // (`get`: a malformed tag may hold other scripts, </ab中文>, where a byte range cuts a character.)
            let closes = tag.strip_prefix("</").and_then(|t| t.get(..name.len())).is_some_and(|t| t.eq_ignore_ascii_case(name));
            if closes && !tag.as_bytes()[2 + name.len()].is_ascii_alphanumeric() {
                out.push((whole.start(), whole.end() + t.end()));
                break;
            }
            if RE_FLOW_BREAK.is_match(tag) {
                break;
            }
        }
    }
    out
}

/// Markup that was entity-escaped in the source (`&lt;p&gt;` in a feed description) is markup
/// once decoded: a page whose stripped text still holds tags is stripped once more.
pub fn strip_escaped(text: Mapped, meta: &mut DocMeta) -> Mapped {
    let s = text.string();
    let tags = RE_TAG.find_iter(&s).filter(|m| RE_BLOCKTAG.is_match(m.as_str()) || m.as_str().starts_with("<a ") || m.as_str() == "</a>").count();
    if tags < 2 {
        return text;
    }
    let items = std::mem::take(&mut meta.items);
    let out = strip(&text, "html", meta);
    meta.items = items;
    out
}

fn decode_entities(s: &str) -> String {
    RE_ENTITY
        .replace_all(s, |c: &regex::Captures| {
            let name = &c[1];
            let ch = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse::<u32>().ok().and_then(char::from_u32)
            } else {
                match name {
                    "nbsp" | "ensp" | "emsp" | "thinsp" => Some(' '),
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "mdash" => Some('—'),
                    "ndash" => Some('–'),
                    "hellip" => Some('…'),
                    "ldquo" => Some('“'),
                    "rdquo" => Some('”'),
                    "lsquo" => Some('‘'),
                    "rsquo" => Some('’'),
                    "middot" => Some('·'),
                    "copy" => Some('©'),
                    _ => None,
                }
            };
            ch.map(String::from).unwrap_or_else(|| c[0].to_string())
        })
        .into_owned()
}

fn parse_front_matter(block: &str, meta: &mut DocMeta) {
    for line in block.lines() {
        let Some((k, v)) = line.split_once(':') else { continue };
        let v = v.trim().trim_matches(|c| c == '"' || c == '\'').trim().to_string();
        if v.is_empty() {
            continue;
        }
        match k.trim().to_ascii_lowercase().as_str() {
            "title" => meta.title = Some(v),
            // (Blog and CMS exports name it their own way: WordPress `post_date`, Hugo
            // `publishDate`, others `published_at`, `date_published`.)
            "date" | "published" | "published_date" | "pubdate" | "post_date" | "post_date_gmt" | "publishdate" | "publish_date" | "published_at"
            | "date_published" | "datepublished" | "publication_date" => {
                if let Some(d) = iso_date_prefix(&v) {
                    meta.published_date = Some(d);
                    meta.published_date_source = Some("front-matter".into());
                }
            }
            "url" | "link" | "source_url" => meta.url = Some(v),
            "publisher" | "source" | "site" => meta.publisher = Some(v),
            "language" | "lang" => meta.language = Some(v),
            "licence" | "license" => meta.licence = Some(v),
            _ => {}
        }
    }
}

fn iso_date_prefix(v: &str) -> Option<String> {
    static RE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})").expect("valid"));
    let c = RE.captures(v)?;
    let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

re!(RE_H_RELEASE, r"(?:發佈時間|发布时间|發布時間|发稿时间|時間|时间)\s*[:：]\s*(\d{4}[-/.]\d{1,2}[-/.]\d{1,2})");
re!(RE_H_XUN, r"[【（(][^】）)\n]{0,30}?(\d{4})年(\d{1,2})月(\d{1,2})日[电讯電訊][】）)]|【[^】\n]{0,30}?(\d{4})年(\d{1,2})月(\d{1,2})日】");
// 新华社北京2024年4月11日电 at the head of a line: an agency and a city, then the date.
re!(RE_H_XUN_BARE, r"(?m)^[ \t\u{3000}]*\p{Han}{2,12}?(\d{4})年(\d{1,2})月(\d{1,2})日(?:电|電)(?:[ \t\u{3000}（(]|$)");
re!(
    RE_H_DATELINE_EN,
    r"(?m)^[ \t]*[A-Z][A-Za-z .'/-]{2,30},\s+(?:(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4})|(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4}))\s*(?:\([^)\n]{2,20}\)\s*)?(?:--|—|–|-|:)"
);
// (A date line may carry the time and the source or author after it, as Chinese news sites
// print their release line: "2024-04-12 08:25:31 来源：环球网", "2024年04月12日08:25 | 来源：人民网".)
re!(RE_H_ISOLINE, r"(?m)^[ \t\u{3000}]*(\d{4}-\d{2}-\d{2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\.\d{1,2}\.\d{1,2})[ \t\u{3000}]*(?:\d{1,2}:\d{2}(?::\d{2})?[ \t\u{3000}]*(?:[|｜][ \t\u{3000}]*)?(?:(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯)[:：][^\n]*)?)?\r?$");
re!(RE_H_ZHLINE, r"(?m)^[ \t\u{3000}]*(?:【[^】\n]{1,12}】|[\p{Han}A-Za-z0-9·]{2,12}[ \t\u{3000}]+)?[ \t\u{3000}]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[ \t\u{3000}]*(?:[（(]?(?:星期|周|週|禮拜|礼拜)[一二三四五六日天][）)]?[ \t\u{3000}]*)?(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?[ \t\u{3000}]*)?(?:[|｜][ \t\u{3000}]*)?(?:(?:来源|來源|作者|编辑|編輯|责任编辑|責任編輯)[:：][^\n]*)?\r?$");
re!(
    RE_H_ENLINE,
    r"(?m)^[ \t]*(?:[A-Z][A-Za-z .'-]{1,30},\s+|\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]*[A-Z]{2,4})?[ \t]+)?(?:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})|(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+(\d{4}))(?:,?[ \t]+\d{1,2}:\d{2}(?::\d{2})?(?:[ \t]*[AaPp]\.?[Mm]\.?)?(?:[ \t]*(?:[A-Z]{2,4}|[+-]\d{2}:?\d{2}))?)?[ \t]*\r?$"
);
re!(RE_H_STAMP, r"(?m)^[ \t`]*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\s+[0-9]{1,2}:[0-9]{2}(?:\s*[AP]M)?(?:\s*(?:UTC|GMT|EST|EDT|CST|KST|JST|HKT|[+-][0-9]{2}:?[0-9]{2}))?(?:[ \t`]|$)");
re!(RE_H_TITLE_COMPACT, r"(?:^|[\s(（\[【_-])((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[\s)）\]】_-]|$)");
re!(RE_H_SOURCE, r"(?:來源|来源)\s*[:：]\s*([^|\n｜]+)");
// A labelled header line of a plain-text export or a page's byline block: "Date: 2023-05-10",
// "Published: May 10, 2023", "日期：2023年6月15日". (Modification times, "Updated:", are not
// the publication date and are not read.)
re!(
    RE_H_LABEL,
    r"(?mi)^[ \t\u{3000}]*(?:date|dated|published(?:\s+on)?|first\s+published|publication\s+date|date\s+published|posted(?:\s+on)?|日期|发布日期|發佈日期|發布日期|出版日期|刊登日期|发表日期|發表日期|发表时间|發表時間|刊发时间|刊發時間)\s*[:：]\s*([^\n]{6,60}?)[ \t\u{3000}]*\r?$"
);
// A title line labelled as one ("Title: …", "标题：…").
re!(RE_H_TITLE_LABEL, r"^(?i:title|headline|标题|標題)\s*[:：]\s*");
re!(RE_V_ZH, r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日");
re!(RE_V_MDY, r"(?i)^(?:[a-z]+,?\s+)?([a-z]{3})[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b");

/// The date a header value starts with: `2023-05-10`, `2023/5/10`, `2023年6月15日`,
/// `May 10, 2023`, `Wednesday, May 10, 2023`, `10 May 2023`, RFC 2822.
fn value_date(v: &str) -> Option<String> {
    let v = v.trim();
    if let Some(c) = RE_V_ZH.captures(v) {
        return iso_date_prefix(&format!("{}-{}-{}", &c[1], &c[2], &c[3]));
    }
    // (Month first, as US sites write it: reordered for `any_date`'s day-month-year.)
    let mdy = RE_V_MDY.captures(v).map(|c| format!("{} {} {}", &c[2], &c[1], &c[3]));
    iso_date_prefix(v).or_else(|| mdy.and_then(|x| super::html::any_date(&x))).or_else(|| super::html::any_date(v))
}
// (Also a date ending a slug, as wire sites write it: …/us-envoy-seoul-talks-2022-04-18/.)
re!(RE_URL_DATE, r"[/-](\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[/.?#-]|$)");

re!(RE_V_FULL, r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}-\d{2})$");

/// The date of a byline line whose fields are set apart by bars ("By X | January 3, 2003 |
/// Page 5", "October 13, 2006 | Pages 1 and 3"): exactly one field is a full date and nothing
/// else, the others are short.
fn byline_date(head: &str) -> Option<String> {
    head.lines().filter(|l| l.contains(['|', '｜']) && l.chars().count() <= 160).find_map(|l| {
        let fields: Vec<&str> = l.split(['|', '｜']).map(str::trim).filter(|f| !f.is_empty()).collect();
        let dates: Vec<&&str> = fields.iter().filter(|f| RE_V_FULL.is_match(f)).collect();
        (fields.len() >= 2 && dates.len() == 1 && fields.iter().all(|f| f.chars().count() <= 60)).then(|| value_date(dates[0])).flatten()
    })
}

/// Publication date and publisher from header lines: `發佈時間:2025-09-05`, `【…2018年09月04日讯】`,
/// `（中央社台北2023年9月14日電）`,
/// an ISO date alone on a line, `來源:新華網`. Only fills fields still empty.
pub fn header_meta(text: &str, meta: &mut DocMeta) {
    let head: String = text.chars().take(3000).collect();
    if meta.published_date.is_none() {
        let found = RE_H_RELEASE
            .captures(&head)
            .and_then(|c| iso_date_prefix(&c[1]).map(|d| (d, "header:release-line")))
            .or_else(|| RE_H_LABEL.captures_iter(&head).find_map(|c| value_date(&c[1])).map(|d| (d, "header:labelled")))
            .or_else(|| {
                RE_H_XUN
                    .captures(&head)
                    .or_else(|| RE_H_XUN_BARE.captures(&head))
                    .and_then(|c| {
                        // (【新闻网 2019年6月20日】: the date in brackets without 电/讯 fills groups 4-6.)
                        let g = |a: usize| c.get(a).or_else(|| c.get(a + 3)).map(|x| x.as_str().to_string()).unwrap_or_default();
                        iso_date_prefix(&format!("{}-{}-{}", g(1), g(2), g(3))).map(|d| (d, "header:dateline"))
                    })
            })
            // PYONGYANG, May 12, 2018 (KCNA) -- / Pyongyang, 12 May 2018 --
            .or_else(|| {
                RE_H_DATELINE_EN.captures(&head).and_then(|c| {
                    let g = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).map(|x| x.as_str().to_string()).unwrap_or_default();
                    super::html::any_date(&format!("{} {} {}", g(1, 5), g(2, 4), g(3, 6))).map(|d| (d, "header:dateline"))
                })
            })
            .or_else(|| RE_H_ISOLINE.captures(&head).and_then(|c| iso_date_prefix(&c[1]).map(|d| (d, "header:date-line"))))
            // 【本报讯】2023年3月8日 / "Seoul, May 9, 2018" / "10:13 AM EST May 27, 2003" alone on a line.
            .or_else(|| {
                RE_H_ZHLINE.captures(&head).and_then(|c| iso_date_prefix(&format!("{}-{}-{}", &c[1], &c[2], &c[3])).map(|d| (d, "header:date-line")))
            })
            .or_else(|| {
                RE_H_ENLINE.captures(&head).and_then(|c| {
                    let g = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).map(|x| x.as_str().to_string()).unwrap_or_default();
                    super::html::any_date(&format!("{} {} {}", g(2, 4), g(1, 5), g(3, 6))).map(|d| (d, "header:date-line"))
                })
            })
            // "By David Whitehouse | January 3, 2003 | Page 5": a byline line whose fields are
            // set apart by bars, one of them a full date.
            .or_else(|| byline_date(&head).map(|d| (d, "header:date-line")))
            // 3/6/2024 10:20 PM UTC: month first, as US sites write it.
            .or_else(|| RE_H_STAMP.captures(&head).and_then(|c| iso_date_prefix(&format!("{}-{}-{}", &c[3], &c[1], &c[2])).map(|d| (d, "header:timestamp"))))
            // 《新闻联播》 (20251010): an eight-digit date set off in the title line, as archives
            // of programmes and daily digests name their issues.
            .or_else(|| {
                let first = head.lines().map(str::trim).find(|l| !l.is_empty()).filter(|l| l.chars().count() <= 120)?;
                let c = RE_H_TITLE_COMPACT.captures(first)?;
                iso_date_prefix(&format!("{}-{}-{}", &c[1], &c[2], &c[3])).map(|d| (d, "header:title-date"))
            });
        if let Some((d, src)) = found {
            meta.published_date = Some(d);
            meta.published_date_source = Some(src.into());
        }
    }
    if meta.publisher.is_none() {
        if let Some(c) = RE_H_SOURCE.captures(&head) {
            meta.publisher = Some(c[1].trim().to_string());
        }
    }
    if meta.title.is_none() {
        // The first line of text that is not only a date or a timestamp.
        let date_only = |l: &str| {
            RE_H_ISOLINE.is_match(l) || RE_H_STAMP.is_match(l) || RE_H_ZHLINE.is_match(l) || RE_H_ENLINE.is_match(l) || RE_H_LABEL.is_match(l) || l.chars().filter(|c| c.is_alphabetic()).count() < 2
        };
        if let Some(line) = text.lines().map(|l| l.trim_matches(|c: char| c.is_whitespace())).find(|l| !l.is_empty() && !date_only(l)) {
            let line = RE_H_TITLE_LABEL.find(line).map(|m| &line[m.end()..]).unwrap_or(line);
            let t: String = line.chars().take(120).collect();
            meta.title = Some(t);
        }
    }
}

re!(RE_H_WIRE_ZH, r"(?m)^[ \t\u{3000}]*[\p{Han}/／]{2,16}?(\d{1,2})月(\d{1,2})日\s*(?:电|電|讯|訊|-|—|–)");
re!(
    RE_H_WIRE_EN,
    r"(?m)^[ \t]*[A-Z][A-Z .'/-]{2,30}, (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? (\d{1,2}) \((?:Reuters|AP|AFP|Xinhua|Yonhap|KCNA|Kyodo|UPI|Bloomberg|dpa|TASS)\)"
);
re!(RE_FULL_DATE, r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]|(\d{4})-(\d{2})-(\d{2})");

/// A wire dateline without a year (路透首尔9月6日 -, 新华社平壤4月21日电, "SEOUL, Sept. 6
/// (Reuters) -") dates the story: the first such day on or after the latest full date the story
/// cites (a report follows the events it dates in full; an older date it cites, 1950年6月25日,
/// does not pull it back).
pub fn wire_dateline(text: &str) -> Option<String> {
    let head: String = text.chars().take(3000).collect();
    let head = head.as_str();
    let (m, d): (u32, u32) = if let Some(c) = RE_H_WIRE_ZH.captures(head) {
        (c[1].parse().ok()?, c[2].parse().ok()?)
    } else {
        let c = RE_H_WIRE_EN.captures(head)?;
        (crate::model::month_en(&c[1])?, c[2].parse().ok()?)
    };
    let mut latest: Option<chrono::NaiveDate> = None;
    for c in RE_FULL_DATE.captures_iter(text) {
        let g = |a: usize, b: usize| c.get(a).or_else(|| c.get(b)).and_then(|x| x.as_str().parse::<u32>().ok());
        let (Some(y), Some(fm), Some(fd)) = (g(1, 4), g(2, 5), g(3, 6)) else { continue };
        if let Some(full) = chrono::NaiveDate::from_ymd_opt(y as i32, fm, fd) {
            latest = latest.max(Some(full));
        }
    }
    use chrono::Datelike;
    let full = latest?;
    let line = chrono::NaiveDate::from_ymd_opt(full.year(), m, d)?;
    let line = if line < full { chrono::NaiveDate::from_ymd_opt(full.year() + 1, m, d)? } else { line };
    Some(line.format("%Y-%m-%d").to_string())
}

/// A date in a URL path such as `/2018/05/08/` or `/20180508/`.
pub fn url_date(url: &str) -> Option<String> {
    let c = RE_URL_DATE.captures(url)?;
    iso_date_prefix(&format!("{}-{}-{}", &c[1], &c[2], &c[3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str) -> DocMeta {
        let mut m = DocMeta::default();
        header_meta(text, &mut m);
        m
    }

    /// Labelled header lines of plain-text exports date the document, in any of the common
    /// notations; the label does not end up in the title, and a modification time is not read.
    #[test]
    fn labelled_header_lines() {
        for (text, want) in [
            ("Title: Envoys on the move\nDate: 2023-05-10\n\nBody.", "2023-05-10"),
            ("Talks resume\nPublished: Wednesday, May 10, 2023 08:00\n\nBody.", "2023-05-10"),
            ("Talks resume\nposted on: 10 May 2023\nBody.", "2023-05-10"),
            ("标题：朝鲜外交动向\n日期：2023年6月15日\n正文。", "2023-06-15"),
            ("標題：北韓外交\n發佈日期：2023/6/5 10:20\n正文。", "2023-06-05"),
        ] {
            let m = head(text);
            assert_eq!(m.published_date.as_deref(), Some(want), "{text}");
            assert_eq!(m.published_date_source.as_deref(), Some("header:labelled"));
            let title = m.title.unwrap_or_default();
            assert!(!title.contains(':') && !title.contains('：'), "label left in the title {title:?}");
        }
        assert_eq!(head("Talks resume\nUpdated: 2023-05-11\nBody.").published_date, None);
    }

    /// An eight-digit date set off in the title line dates a programme or digest issue; a
    /// number inside a word or a longer run of digits does not.
    #[test]
    fn compact_date_in_the_title_line() {
        let m = head("# 《晚间新闻》 (20240312)\n\n本期节目主要内容：\n");
        assert_eq!(m.published_date.as_deref(), Some("2024-03-12"));
        assert_eq!(m.published_date_source.as_deref(), Some("header:title-date"));
        assert_eq!(head("Daily digest 20240312\nBody.").published_date.as_deref(), Some("2024-03-12"));
        assert_eq!(head("Order no. 202403121\nBody.").published_date, None);
        assert_eq!(head("Case ref A20240312\nBody.").published_date, None);
        assert_eq!(head("Body first.\nIssue (20240312)\n").published_date, None);
    }

    /// A byline line of bar-separated fields, one of them a full date, dates the document; a
    /// bar-separated line with two dates, or a date inside a longer field, does not.
    #[test]
    fn byline_fields_set_apart_by_bars() {
        let m = head("Title\n\nBy Jane Roe | March 4, 2005 | Page 2\n\nBody text.\n");
        assert_eq!(m.published_date.as_deref(), Some("2005-03-04"));
        assert_eq!(m.published_date_source.as_deref(), Some("header:date-line"));
        assert_eq!(head("Title\nMarch 4, 2005 | Pages 1 and 3\nBody.").published_date.as_deref(), Some("2005-03-04"));
        assert_eq!(head("Title\nMarch 4, 2005 | March 9, 2005\nBody.").published_date, None);
        assert_eq!(head("Title\nTalks held March 4, 2005 in Seoul | Page 2\nBody.").published_date, None);
    }

    /// A Chinese site's release line (date, time, then the source or author) dates the
    /// document; a date inside a sentence does not.
    #[test]
    fn release_lines_with_time_and_source() {
        for (text, want) in [
            ("口岸恢复客运\n\n2023年08月22日09:10 | 来源：某某网－国际频道\n\n正文。", Some("2023-08-22")),
            ("口岸恢复客运\n2023-08-22 09:10:31 来源：某某网\n正文。", Some("2023-08-22")),
            ("口岸恢复客运\n2023年8月22日 作者：张三\n正文。", Some("2023-08-22")),
            ("口岸恢复客运\n双方于2023年8月22日会谈。\n", None),
            // A site name before the date and the weekday after it; slashes or dots with a time.
            ("某某網　2023年8月22日（星期二）\n\n正文。", Some("2023-08-22")),
            ("口岸恢复客运\n2023/8/22 09:10\n正文。", Some("2023-08-22")),
            ("口岸恢复客运\n2023.08.22\n正文。", Some("2023-08-22")),
            ("Border reopens\n22 August 2023 16:40\nBody.", Some("2023-08-22")),
            ("Border reopens\nAugust 22, 2023, 4:40 PM KST\nBody.", Some("2023-08-22")),
            // A wire page's timestamp line, the time first.
            ("Border reopens\n10:13 AM EST Aug 22, 2023 \nThe Associated Press\nBody.", Some("2023-08-22")),
            ("Border reopens\n09:05 22 August 2023\nBody.", Some("2023-08-22")),
            ("Border reopens\nTalks were held on 22 August 2023 in the city.\n", None),
        ] {
            assert_eq!(head(text).published_date.as_deref(), want, "{text}");
        }
    }

    /// A page element classed as the date dates the page; one classed as an update or a
    /// timeline does not.
    #[test]
    fn element_classed_as_date() {
        let strip_meta = |page: &str| {
            let chars: Vec<char> = page.chars().collect();
            let mut m = DocMeta::default();
            strip(&Mapped::identity(&chars), "html", &mut m);
            m.published_date
        };
        assert_eq!(strip_meta(r#"<h1>T</h1><span class="time">2023/08/22 10:32</span><p>Body.</p>"#).as_deref(), Some("2023-08-22"));
        assert_eq!(strip_meta(r#"<div class="announce__date">22 August 2023 16:40</div><p>Body.</p>"#).as_deref(), Some("2023-08-22"));
        assert_eq!(strip_meta(r#"<span class="date-updated">2023-08-25</span><p>Body.</p>"#), None);
        assert_eq!(strip_meta(r#"<li class="timeline">2023-08-25</li><p>Body.</p>"#), None);
    }

    /// A malformed closing tag holding other scripts inside a paragraph is skipped, not a
    /// failure (a byte range of the tag must not cut a character).
    #[test]
    fn malformed_tag_in_a_paragraph() {
        let chars: Vec<char> = "<figcaption>朝鲜\n代表团</ab中文中文></figcaption><p>正文。</p>".chars().collect();
        let out = strip(&Mapped::identity(&chars), "html", &mut DocMeta::default()).string();
        assert!(out.contains("朝鲜 代表团") && out.contains("正文"), "{out:?}");
    }

    /// A URL dates by a path folder or a date ending a slug; a long number is no date.
    #[test]
    fn dates_in_urls() {
        assert_eq!(url_date("https://example.org/news/2018/03/28/kim-xi.md").as_deref(), Some("2018-03-28"));
        assert_eq!(url_date("https://example.org/world/asia/envoy-seoul-talks-2022-04-18/").as_deref(), Some("2022-04-18"));
        assert_eq!(url_date("https://example.org/a/20190115-summit.html").as_deref(), Some("2019-01-15"));
        assert_eq!(url_date("https://example.org/a/story-2019011512345"), None);
        assert_eq!(url_date("https://example.org/a/id-20221399/"), None);
    }
}
