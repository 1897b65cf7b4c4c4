//! Stage 3 — normalize: per sentence, the dates (resolved against the running context), the
//! amounts and the gazetteer entities, all with offsets into the clean text.

pub mod amount;
pub mod date;
pub mod entity;

use crate::clean::script::language_of;
use crate::model::{byte_to_char, Cleaned};
use crate::reference::Reference;
use chrono::NaiveDate;
use date::{Anchor, DateMention, PDate};

/// A gazetteer entity found in a sentence (offsets relative to the sentence start).
#[derive(Clone, Debug)]
pub struct EntityHit {
    pub start: usize,
    pub end: usize,
    /// Index into `Reference::entities`.
    pub entity: usize,
}

/// One sentence with everything the table rules read.
#[derive(Clone, Debug)]
pub struct Sentence {
    /// `[start, end)` in the clean text.
    pub start: usize,
    pub end: usize,
    /// Simplified shadow of the sentence (what rules match on).
    pub shadow: String,
    /// `shadow` with every gazetteer name replaced by U+E000, so lexicon terms never match
    /// inside a name (周恩来访问 is 访问, not 来访).
    pub masked: String,
    /// The sentence as written (folded), same length as `shadow`.
    pub orig: Vec<char>,
    pub dates: Vec<DateMention>,
    pub amounts: Vec<amount::Amount>,
    pub entities: Vec<EntityHit>,
    /// The running date context before this sentence.
    pub context: Option<PDate>,
    pub lang: &'static str,
    /// In a document's apparatus (references, see also, external links): not read for facts.
    pub apparatus: bool,
}

impl Sentence {
    /// Char length.
    pub fn len(&self) -> usize {
        self.orig.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.orig.is_empty()
    }
    /// Shadow chars `a..b` (relative) as a string.
    pub fn sh(&self, a: usize, b: usize) -> String {
        self.shadow.chars().skip(a).take(b.saturating_sub(a)).collect()
    }
    /// Original chars `a..b` (relative) as a string.
    pub fn text(&self, a: usize, b: usize) -> String {
        self.orig[a.min(self.orig.len())..b.min(self.orig.len())].iter().collect()
    }
}

/// A document with annotated sentences.
pub struct Annotated {
    pub cleaned: Cleaned,
    pub doc_date: Option<NaiveDate>,
    pub sentences: Vec<Sentence>,
}

/// Headings after which a document holds apparatus, not reporting (Simplified forms).
const APPARATUS: &[&str] = &[
    "参考文献",
    "参考资料",
    "参见",
    "外部链接",
    "注释",
    "备注",
    "脚注",
    "延伸阅读",
    "相关新闻",
    "相关报道",
    "相关阅读",
    "相关链接",
    "References",
    "See also",
    "External links",
    "Notes",
    "Further reading",
    "Related coverage:",
    "Related coverage",
    "Related:",
    "Related stories",
    "Read more",
];

/// Annotates every sentence of a cleaned document, in order.
pub fn annotate(cleaned: Cleaned, reference: &Reference) -> Annotated {
    let doc_date = cleaned.doc.meta.published_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let mut context: Option<PDate> = None;
    let mut tracker = entity::Tracker::default();
    let mut sentences = Vec::with_capacity(cleaned.sentences.len());
    let mut apparatus = false;
    for &(a, b) in &cleaned.sentences {
        let shadow: String = cleaned.shadow[a..b].iter().collect();
        let orig: Vec<char> = cleaned.text.chars[a..b].to_vec();
        let anchor = Anchor { context, doc: doc_date };
        let dates = date::find(&shadow, &anchor);
        let amounts = amount::find(&shadow);
        let b2c = byte_to_char(&shadow);
        let entities = tracker.resolve(reference, &shadow, &b2c, a);
        let lang = language_of(&orig, &cleaned.shadow[a..b]);
        let mut mchars: Vec<char> = shadow.chars().collect();
        for e in &entities {
            for c in mchars.iter_mut().take(e.end).skip(e.start) {
                *c = '\u{E000}';
            }
        }
        let masked: String = mchars.into_iter().collect();
        let before = context;
        // The new context: the last of the sentence's most precise explicit dates.
        // Relative days (次日, 同日, 昨天) are concrete days and move the context too.
        let moves = |d: &&date::DateMention| !d.relative || d.date.p == date::Precision::Day;
        let best = dates.iter().filter(moves).map(|d| d.date.p).max();
        if let Some(last) = dates.iter().rev().filter(moves).find(|d| Some(d.date.p) == best) {
            context = Some(last.date);
        }
        apparatus |= APPARATUS.contains(&shadow.trim());
        sentences.push(Sentence { start: a, end: b, shadow, masked, orig, dates, amounts, entities, context: before, lang, apparatus });
    }
    Annotated { cleaned, doc_date, sentences }
}

static RE_LEFT_DATE: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"[0-9]{4}\s*年|[0-9]{1,2}\s*[月日]").expect("valid"));
static RE_LEFT_AMOUNT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"[0-9][0-9.,]*\s*(?:亿|万)?\s*(?:美元|人民币|元|吨|%)|[0-9][0-9.,]*\s*(?:billion|million)").expect("valid")
});

/// Date-like and amount-like strings no rule could read, and names after a title that the
/// gazetteer does not know (发言人陆慷, 总统文在寅 before it is added), for the run report:
/// `(code, message)` pairs.
pub fn leftovers(d: &Annotated, reference: &Reference) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    for s in d.sentences.iter().filter(|s| !s.apparatus) {
        let spokes = reference.anaphora.find_str(&s.masked).into_iter().filter(|h| h.item.term == "发言人");
        for t in reference.titles.find_str(&s.masked).into_iter().chain(spokes) {
            // A 2–3 character name right after the title, then a boundary (、，在表示…).
            let next: Vec<char> = s.masked.chars().skip(t.end).take(4).collect();
            let len = (2..=3).find(|&n| {
                next.get(n).is_some_and(|c| "、，。,在表说称曾等和与同指强".contains(*c))
                    && next[..n].iter().all(|c| crate::clean::is_cjk(*c))
            });
            if let Some(n) = len {
                out.push((
                    "unknown-name",
                    format!(
                        "{:?} after the title {:?} may be a name missing from reference/entities.csv",
                        s.text(t.end, t.end + n),
                        s.text(t.start, t.end)
                    ),
                ));
            }
        }
        let b2c = byte_to_char(&s.shadow);
        for m in RE_LEFT_DATE.find_iter(&s.shadow) {
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            if s.shadow[m.end()..].starts_with('代') || s.shadow[..m.start()].ends_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            if !s.dates.iter().any(|x| x.start <= a && x.end >= b) {
                out.push(("unparsed-date", format!("date {:?} could not be resolved (no year or month in context)", s.text(a, b))));
            }
        }
        for m in RE_LEFT_AMOUNT.find_iter(&s.shadow) {
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            if s.shadow[..m.start()].ends_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            if !s.amounts.iter().any(|x| x.start <= a && x.end >= b) {
                out.push(("unparsed-amount", format!("amount {:?} could not be read", s.text(a, (b + 2).min(s.len())))));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
