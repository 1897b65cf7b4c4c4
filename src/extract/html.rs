//! Whole web pages and feeds, beyond tag stripping: the parts of a page that are never article
//! text (navigation, sidebars, footers, forms, and elements whose class names mark them as share
//! bars, related-story boxes, newsletter appeals …), markup declarations and CDATA markers, and
//! the items of an RSS/Atom feed, each dated by its own `pubDate`.
//!
//! These are HTML's own structure, not any site's wording: the class words are the ones page
//! templates use for furniture across sites.

use regex::Regex;
use std::sync::LazyLock;

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("valid regex"));
    };
}

/// Elements that hold page furniture wherever they occur.
const FURNITURE_TAGS: &[&str] = &["nav", "aside", "footer", "form", "button", "select", "svg", "iframe", "template", "noscript"];

/// Class or id words (split at `-`, `_` and spaces) that mark an element as furniture.
const FURNITURE_CLASSES: &[&str] = &[
    "related", "share", "sharing", "social", "comment", "comments", "newsletter", "subscribe", "subscription", "promo", "advert",
    "advertisement", "ad", "ads", "breadcrumb", "breadcrumbs", "sidebar", "cookie", "cookies", "nav", "navbar", "navigation", "menu",
    "footer", "recommended", "recommend", "popular", "trending", "outbrain", "taboola", "paywall",
];

re!(RE_DECL, r"(?is)<!DOCTYPE[^>]*>|<\?xml.*?\?>|<!\[CDATA\[|\]\]>");
re!(RE_CLASSED, r#"(?i)<(div|section|ul|ol|aside|span|p|figure|table)\b[^>]*?\b(?:class|id)\s*=\s*["']([^"']*)["'][^>]*>"#);
re!(RE_HEADER, r"(?is)<header\b[^>]*>.*?</header\s*>");
re!(RE_FEED_ITEM, r"(?is)<(item|entry)\b[^>]*>(.*?)</(?:item|entry)\s*>");
// RSS, Atom, Dublin Core and NewsML-G2 (contentCreated, firstCreated, versionCreated) dates.
re!(RE_PUBDATE, r"(?is)<(?:pubDate|published|dc:date|dcterms:issued|dcterms:created|updated|contentCreated|firstCreated|versionCreated|publicationDate)>\s*(?:<!\[CDATA\[)?\s*([^<]*?)\s*(?:\]\]>)?\s*</");
re!(RE_JSONLD_DATE, r#""datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})"#);

/// Byte ranges of `s` that are page furniture: furniture elements, classed furniture elements
/// (with everything nested in them), a page `<header>` that holds no `<h1>` (logo, menus,
/// sign-in), and declarations/CDATA markers (their content stays).
pub fn furniture_ranges(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for m in RE_DECL.find_iter(s) {
        out.push((m.start(), m.end()));
    }
    for r in FURNITURE_ELEMENTS.iter() {
        for m in r.find_iter(s) {
            out.push((m.start(), m.end()));
        }
    }
    for m in RE_HEADER.find_iter(s) {
        if !m.as_str().to_ascii_lowercase().contains("<h1") {
            out.push((m.start(), m.end()));
        }
    }
    for c in RE_CLASSED.captures_iter(s) {
        let words = c[2].to_ascii_lowercase();
        if !words.split(|x: char| x == '-' || x == '_' || x.is_whitespace()).any(|w| FURNITURE_CLASSES.contains(&w)) {
            continue;
        }
        let open = c.get(0).expect("match");
        if open.as_str().ends_with("/>") {
            continue;
        }
        if let Some(end) = matching_close(s, &c[1], open.end()) {
            out.push((open.start(), end));
        }
    }
    out
}

/// One regex per furniture tag (the regex crate has no back-references to pair a closing tag
/// with its opening one), compiled once.
static FURNITURE_ELEMENTS: LazyLock<Vec<Regex>> =
    LazyLock::new(|| FURNITURE_TAGS.iter().map(|tag| Regex::new(&format!(r"(?is)<{tag}\b[^>]*>.*?</{tag}\s*>")).expect("valid")).collect());

/// The tags `RE_CLASSED` opens, each with its opening-or-closing tag regex, compiled once.
static CLASSED_TAGS: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    ["div", "section", "ul", "ol", "aside", "span", "p", "figure", "table"]
        .into_iter()
        .map(|tag| (tag, Regex::new(&format!(r"(?i)<(/?){tag}\b[^>]*?(/?)>")).expect("valid")))
        .collect()
});

/// End (byte) of the element `tag` opened just before `from`, counting nested elements of the
/// same name.
fn matching_close(s: &str, tag: &str, from: usize) -> Option<usize> {
    let r = &CLASSED_TAGS.iter().find(|(t, _)| t.eq_ignore_ascii_case(tag))?.1;
    let mut depth = 1;
    for c in r.captures_iter(&s[from..]) {
        if !c[1].is_empty() {
            depth -= 1;
            if depth == 0 {
                return Some(from + c.get(0).expect("match").end());
            }
        } else if c[2].is_empty() {
            depth += 1;
        }
    }
    None
}

/// The publication date in a page's JSON-LD (`"datePublished": "2019-04-25T…"`).
pub fn jsonld_date(s: &str) -> Option<String> {
    RE_JSONLD_DATE.captures(s).map(|c| c[1].to_string())
}

/// Items of an RSS/Atom feed with their dates: byte range of each `<item>`/`<entry>` and its
/// `pubDate`/`published` date (`YYYY-MM-DD`), for items that carry one.
pub fn feed_items(s: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for c in RE_FEED_ITEM.captures_iter(s) {
        let m = c.get(0).expect("match");
        if let Some(d) = RE_PUBDATE.captures(m.as_str()).and_then(|d| any_date(&d[1])) {
            out.push((m.start(), m.end(), d));
        }
    }
    out
}

/// The date of a feed's channel (the first `pubDate`/`published`/`updated` outside any item).
pub fn feed_date(s: &str) -> Option<String> {
    let items: Vec<(usize, usize)> = RE_FEED_ITEM.find_iter(s).map(|m| (m.start(), m.end())).collect();
    RE_PUBDATE
        .captures_iter(s)
        .filter(|c| {
            let at = c.get(0).expect("match").start();
            !items.iter().any(|(a, b)| at >= *a && at < *b)
        })
        .find_map(|c| any_date(&c[1]))
        .or_else(|| items.first().and_then(|(a, b)| RE_PUBDATE.captures(&s[*a..*b]).and_then(|c| any_date(&c[1]))))
}

re!(RE_ISO, r"^(\d{4})-(\d{1,2})-(\d{1,2})");
re!(RE_RFC2822, r"(?i)^(?:[a-z]{3},?\s+)?(\d{1,2})\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4})");

/// An ISO (`2019-09-02T…`) or RFC 2822 (`Mon, 02 Sep 2019 10:00:00 GMT`) date as `YYYY-MM-DD`.
pub fn any_date(v: &str) -> Option<String> {
    let v = v.trim();
    let (y, m, d) = if let Some(c) = RE_ISO.captures(v) {
        (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?)
    } else {
        let c = RE_RFC2822.captures(v)?;
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        let mon = c[2].to_ascii_lowercase();
        (c[3].parse().ok()?, months.iter().position(|x| *x == mon)? as u32 + 1, c[1].parse().ok()?)
    };
    chrono::NaiveDate::from_ymd_opt(y, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_elements_and_classes() {
        let page = r#"<header><nav><a>Home</a></nav><div>Sign in</div></header><article><header><h1>Title</h1></header>
<p>Body one.</p><div class="share-bar"><div>Tweet</div><div>Mail</div></div><p>Body two.</p>
<aside><p>Related</p></aside></article><footer>(c) 2019</footer>"#;
        // ASCII, so byte ranges are char ranges; overlapping ranges are resolved by `apply`.
        let chars: Vec<char> = page.chars().collect();
        let edits = furniture_ranges(page).into_iter().map(|(a, b)| crate::model::Edit { start: a, end: b, with: String::new() }).collect();
        let keep = crate::model::Mapped::identity(&chars).apply(edits).string();
        assert!(keep.contains("Body one.") && keep.contains("Body two.") && keep.contains("<h1>Title</h1>"), "{keep}");
        for gone in ["Home", "Sign in", "Tweet", "Mail", "Related", "(c) 2019"] {
            assert!(!keep.contains(gone), "{gone} left in {keep}");
        }
    }

    #[test]
    fn feed_dates() {
        let feed = "<rss><channel><pubDate>Tue, 03 Sep 2019 01:00:00 GMT</pubDate><item><title>A</title><pubDate>Mon, 02 Sep 2019 10:00:00 GMT</pubDate></item><entry><published>2019-08-30T10:00:00Z</published></entry></channel></rss>";
        let items = feed_items(feed);
        assert_eq!(items.iter().map(|i| i.2.as_str()).collect::<Vec<_>>(), ["2019-09-02", "2019-08-30"]);
        assert_eq!(feed_date(feed).as_deref(), Some("2019-09-03"));
        assert_eq!(any_date("2 September 2019"), Some("2019-09-02".into()));
    }
}
