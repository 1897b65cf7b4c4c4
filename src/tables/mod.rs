//! Stage 4 — tables: rules that turn annotated sentences into records, each with the evidence
//! spans it came from. Records of one document are independent of every other document; the
//! cross-document merge (visits, sanctions) runs afterwards in a fixed order.

pub mod clause_en;
pub mod dateline;
pub mod documents;
pub mod output;
pub mod sanctions;
pub mod statements;
pub mod statements_en;
pub mod trade;
pub mod trade_table;
pub mod transcript;
pub mod visits;
pub mod visits_en;

use crate::normalize::date::{PDate, Precision};
use crate::normalize::{Annotated, EntityHit, Ents, Sentence};
use crate::reference::{EntRef, Hit, Reference, Term};
use std::collections::BTreeMap;

/// Where a record came from: a span of the decoded raw text of one document, the exact raw
/// characters of that span, and the rule. Resolved when the record is read, so documents can be
/// dropped as soon as they are processed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Evidence {
    pub doc_id: String,
    /// Raw-text char offsets `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub rule: String,
    /// `raw[start..end]`.
    pub text: String,
}

/// Orders two records' evidence by what it says (text, then rule), not by where it is: a
/// tie-break that does not depend on how the input files are named or ordered.
pub fn by_wording(a: &[Evidence], b: &[Evidence]) -> std::cmp::Ordering {
    a.iter().map(|e| (e.text.as_str(), e.rule.as_str())).cmp(b.iter().map(|e| (e.text.as_str(), e.rule.as_str())))
}

/// One output row: column name → cell (`""` is null). Columns are ordered by the table's schema
/// when written, so the schema is the one place that names them.
///
/// The cells are a vector sorted by column name (a map's order and comparisons, at a third of a
/// `BTreeMap`'s memory for a dozen columns), and column names written by the rules are
/// `&'static str` literals, not copied into every row.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Row(Vec<(std::borrow::Cow<'static, str>, String)>);

impl Row {
    /// An empty row.
    pub fn new() -> Self {
        Row(Vec::new())
    }
    /// Sets a cell (`col`: a literal, or an owned `String` for a name read at run time).
    pub fn set(&mut self, col: impl Into<std::borrow::Cow<'static, str>>, v: impl Into<String>) {
        let col = col.into();
        match self.0.binary_search_by(|(k, _)| k.as_ref().cmp(col.as_ref())) {
            Ok(i) => self.0[i].1 = v.into(),
            Err(i) => self.0.insert(i, (col, v.into())),
        }
    }
    /// A cell ("" when absent).
    pub fn get(&self, col: &str) -> &str {
        match self.0.binary_search_by(|(k, _)| k.as_ref().cmp(col)) {
            Ok(i) => &self.0[i].1,
            Err(_) => "",
        }
    }
    /// The cells, sorted by column name.
    pub fn cells(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v.as_str()))
    }
}

/// A row is stored (in the per-document cache) as a map of column → cell.
impl serde::Serialize for Row {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.cells())
    }
}

impl<'de> serde::Deserialize<'de> for Row {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let m = BTreeMap::<String, String>::deserialize(d)?;
        Ok(Row(m.into_iter().map(|(k, v)| (k.into(), v)).collect()))
    }
}

/// Clause boundaries: full-width and ASCII commas, semicolons and colons.
pub fn is_clause_break(c: char) -> bool {
    matches!(c, '，' | '；' | ';' | '：' | '。' | '！' | '？' | ',' | ':')
}

/// The date and 电 that close a Chinese wire dateline (…2025年11月4日电, …4月21日电).
pub(crate) const ZH_DATELINE_DATE: &str = r"(?:[0-9]{4}\s*年\s*)?[0-9]{1,2}\s*月\s*[0-9]{1,2}\s*日\s*电";

/// A Chinese wire dateline opening a sentence, with its reporter gloss (新华社布鲁塞尔11月4日电（记者X）).
static RE_ZH_DATELINE_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(&format!(r"^\s*[^，。,；;\s]{{1,14}}?{ZH_DATELINE_DATE}(?:\s*[（(][^（）()]{{0,20}}[）)])?\s*")).expect("valid")
});

/// `a`, moved past a wire dateline when the sentence opens with one that reaches beyond `a`:
/// Chinese (新华社布鲁塞尔2025年11月4日电) or English ("SEOUL, March 14 (Reuters) - "), the agency's
/// filing line, not part of any fact.
pub fn past_dateline(s: &Sentence, a: usize) -> usize {
    let head: String = s.orig[..s.len().min(80)].iter().collect();
    let end = RE_ZH_DATELINE_LEAD.find(&head).or_else(|| statements_en::RE_DATELINE_LEAD.find(&head)).map_or(0, |m| head[..m.end()].chars().count());
    a.max(end)
}

/// `[start, end)` of the clause around relative position `p` in a sentence.
pub fn clause_at(s: &Sentence, p: usize) -> (usize, usize) {
    // (A comma or colon inside a number, 500,000 or 10:30, breaks nothing.)
    let o = &s.orig;
    // (Nor does one before a short note closing a bracket: 李一宇（Lee Il-Woo，音译）说.)
    let noted = |i: usize| {
        matches!(o[i], '，' | ',')
            && o[i + 1..(i + 7).min(o.len())].iter().any(|c| matches!(c, '）' | ')'))
            && o[i.saturating_sub(40)..i].iter().rev().take_while(|c| !matches!(c, '）' | ')')).any(|c| matches!(c, '（' | '('))
    };
    let breaks = |i: usize| is_clause_break(o[i]) && !(matches!(o[i], ',' | ':') && i > 0 && o[i - 1].is_ascii_digit() && o.get(i + 1).is_some_and(|c| c.is_ascii_digit())) && !noted(i);
    let mut a = p.min(o.len());
    while a > 0 && !breaks(a - 1) {
        a -= 1;
    }
    let mut b = p.min(o.len());
    while b < o.len() && !breaks(b) {
        b += 1;
    }
    (a, b)
}

/// Whether relative position `p` lies inside quotation marks in the sentence.
pub fn inside_quotes(s: &Sentence, p: usize) -> bool {
    let mut depth = 0i32;
    for &c in &s.orig[..p.min(s.orig.len())] {
        match c {
            '“' | '「' | '『' => depth += 1,
            '”' | '」' | '』' => depth -= 1,
            _ => {}
        }
    }
    depth > 0
}

/// What the rules of one document read: the reference lexicons (through `Deref`) and the
/// entities its hits point at (gazetteer and extracted).
pub struct Cx<'a> {
    pub r: &'a Reference,
    pub ents: Ents<'a>,
}

impl<'a> Cx<'a> {
    /// The context of one annotated document.
    pub fn new(r: &'a Reference, doc: &'a Annotated) -> Self {
        Cx { r, ents: doc.ents(r) }
    }
    /// The entity of a hit index.
    pub fn ent(&self, i: usize) -> &'a EntRef {
        self.ents.get(i)
    }
    /// The country a capital stands for as a speaker ("Pyongyang said"), for a capital's hit.
    pub fn capital_country(&self, i: usize) -> Option<usize> {
        self.r.capitals.get(&i).copied()
    }
    /// Speakers as the statement tables publish them: a capital ("Pyongyang said", 平壤方面)
    /// stands for its country.
    pub fn capitals_as_countries(&self, speakers: &mut [usize]) {
        for sp in speakers.iter_mut() {
            if let Some(c) = self.capital_country(*sp) {
                *sp = c;
            }
        }
    }
}

impl std::ops::Deref for Cx<'_> {
    type Target = Reference;
    fn deref(&self) -> &Reference {
        self.r
    }
}

/// Entity kinds that can act (speak, travel).
pub fn is_actor(r: &Cx, e: &EntityHit) -> bool {
    matches!(r.ent(e.entity).kind.as_str(), "person" | "role" | "org" | "country")
}

/// Person-like entities (people and roles).
pub fn is_person(r: &Cx, e: &EntityHit) -> bool {
    matches!(r.ent(e.entity).kind.as_str(), "person" | "role")
}

/// Places and countries (and organizations with a seat city, when used after 在).
pub fn is_place(r: &Cx, e: &EntityHit) -> bool {
    matches!(r.ent(e.entity).kind.as_str(), "place" | "country")
}

/// The date for an event at relative position `p`: the nearest date before `p` in its clause,
/// else the first date after `p` in its clause, else the nearest date before `p` in the
/// sentence, else the running context. Returns the date, its end, and whether it was read from
/// the sentence.
/// The date of an English trip told as a second leg ("arrived in Moscow on Oct. 31 before
/// flying to Minsk on Nov. 3", "… and then travelled to Hanoi on June 20"): its own date after
/// the verb (`p..q` the verb), before any comma; `None` for any other trip.
pub fn leg_date(s: &Sentence, p: usize, q: usize) -> Option<(PDate, Option<PDate>)> {
    let joined = s.sh(p.saturating_sub(10), p).to_lowercase();
    if s.lang != "en" || !["before ", "then ", "after "].iter().any(|w| joined.ends_with(w)) {
        return None;
    }
    date_after(s, q).map(|d| (d.date, d.end_date))
}

/// The first date after a verb ending at `q`, close to it and in its clause ("visited Beijing on
/// May 13 and 14").
pub fn date_after(s: &Sentence, q: usize) -> Option<&crate::normalize::date::DateMention> {
    s.dates.iter().find(|d| d.start >= q && d.start <= q + 40 && !s.sh(q, d.start).contains([',', ';']))
}

pub fn date_for(s: &Sentence, p: usize) -> (Option<PDate>, Option<PDate>, bool) {
    date_outside(s, p, (0, 0))
}

/// [`date_for`], not reading dates inside `skip` that stand after `p`: the words a speaker
/// said after the cue ("…说，安理会2017年通过的决议…") are about their own times, not the
/// time they were said.
pub fn date_outside(s: &Sentence, p: usize, skip: (usize, usize)) -> (Option<PDate>, Option<PDate>, bool) {
    date_in(s, p, skip, true)
}

/// [`date_for`] of a measure in force: the time after "since" is when it began ("has banned all
/// trade since 2009"), not an earlier event's as it is for a trip or a remark.
pub fn measure_date_for(s: &Sentence, p: usize) -> (Option<PDate>, Option<PDate>, bool) {
    date_in(s, p, (0, 0), false)
}

/// A day and its end: its own end date, else the other day it is joined to by a coordinator
/// (本周三及周四, "on Wednesday and Thursday": the event runs from the first to the second).
fn joined_days(s: &Sentence, d: &crate::normalize::date::DateMention) -> (PDate, Option<PDate>) {
    if d.end_date.is_some() || d.date.p != Precision::Day {
        return (d.date, d.end_date);
    }
    let joined = |a: &crate::normalize::date::DateMention, b: &crate::normalize::date::DateMention| {
        let gap = s.orig[a.end.min(b.start)..b.start].iter().collect::<String>().trim().to_lowercase();
        let days = (b.date.first_day() - a.date.first_day()).num_days();
        a.end <= b.start && a.date.p == Precision::Day && b.date.p == Precision::Day && a.end_date.is_none() && b.end_date.is_none()
            && ["及", "和", "与", "與", "、", "and", "&"].contains(&gap.as_str()) && (1..=7).contains(&days)
    };
    if let Some(e) = s.dates.iter().rfind(|e| joined(e, d)) {
        return (e.date, Some(d.date));
    }
    if let Some(f) = s.dates.iter().find(|f| joined(d, f)) {
        return (d.date, Some(f.date));
    }
    (d.date, None)
}

/// True when `d` is the date of a wire dateline ("PYONGYANG, June 5 (KCNA) --"), which dates the
/// report, not the event the sentence tells.
pub fn wire_dateline(s: &Sentence, d: &crate::normalize::date::DateMention) -> bool {
    // (A date opening the line is a chronology entry's, "12–14 March – X visits …": a
    // dateline names its place first.)
    // (A crawl that runs the headline and byline into the first paragraph puts it further
    // in, "…By Kim Eun-jung SEOUL, Dec. 30 (Yonhap) --": there a place in capitals and a
    // comma right before the date mark it.)
    let capital_place = || {
        static RE: std::sync::LazyLock<regex::Regex> =
            std::sync::LazyLock::new(|| regex::Regex::new(r"(?:^|[^A-Za-z])[A-Z]{3,}(?:[ -][A-Z]{2,}){0,2},\s*$").expect("valid"));
        RE.is_match(&s.orig[d.start.saturating_sub(30)..d.start].iter().collect::<String>())
    };
    if (d.start >= 40 && !capital_place()) || !s.orig[..d.start].iter().any(|c| c.is_alphabetic()) {
        return false;
    }
    let after: String = s.orig[d.end.min(s.len())..(d.end + 30).min(s.len())].iter().collect();
    // (A Chinese web dateline in brackets, 【大纪元2018年09月05日讯】, is one too.)
    if ["讯】", "讯]", "訊】", "電】", "电】"].iter().any(|w| after.starts_with(w)) {
        return true;
    }
    let after = after.trim_start();
    let after = if after.starts_with('(') { after.find(')').map(|i| after[i + 1..].trim_start()).unwrap_or(after) } else { after };
    after.starts_with("--") || after.starts_with('—') || after.starts_with("- ") || after.starts_with('–')
}

/// The date of the event at `p`: [`date_outside`], reading a date after "since" as the
/// event's own only when `since_is_earlier` is false.
fn date_in(s: &Sentence, p: usize, skip: (usize, usize), since_is_earlier: bool) -> (Option<PDate>, Option<PDate>, bool) {
    let (a, b, explicit) = date_in_words(s, p, skip, since_is_earlier);
    // In a dated list item (a news summary's "Related" entry), a coarser date in its words that
    // agrees with the item's day ("… is visiting China for the second time this year") is
    // that day: the item tells the news of its date.
    match (a, s.item_date) {
        (Some(d), Some(i)) if explicit && b.is_none() && d.p < i.p && d.agrees(&i) => (Some(i), None, true),
        _ => (a, b, explicit),
    }
}

/// [`date_in`] from the sentence's own words and its running context.
fn date_in_words(s: &Sentence, p: usize, skip: (usize, usize), since_is_earlier: bool) -> (Option<PDate>, Option<PDate>, bool) {
    let (ca, cb) = clause_at(s, p);
    let skipped = |d: &&crate::normalize::date::DateMention| d.start >= p && d.start >= skip.0 && d.end <= skip.1;
    // A date a "since" leads inside its clause opens a span ("his first visit to China since
    // taking office in June", "Uganda's president since 1986"): an earlier time, not the
    // event's, wherever the event's word is. (A clause opened by "Since 2006, …" is told
    // within that span: its date still dates it.)
    let since_led = |d: &&crate::normalize::date::DateMention| {
        since_is_earlier && {
            let lead: String = s.orig[d.start.saturating_sub(40)..d.start].iter().collect::<String>();
            lead.rsplit([',', ';', '.', ':']).next().is_some_and(|l| l.contains(" since ") && !l.trim_start().to_lowercase().starts_with("since "))
        }
    };
    let dates: Vec<&crate::normalize::date::DateMention> = s.dates.iter().filter(|d| !wire_dateline(s, d) && !skipped(d) && !since_led(d)).collect();
    let pick = |d: &crate::normalize::date::DateMention| {
        // A more precise earlier date that agrees with the nearest one is the event's date
        // (2018年6月19日至20日，金正恩在2018年…访华).
        let finer = s.dates.iter().rfind(|e| !d.relative && e.end <= p && e.date.p > d.date.p && e.date.agrees(&d.date) && !e.relative);
        let d = finer.unwrap_or(d);
        let (a, b) = joined_days(s, d);
        (Some(a), b, true)
    };
    if let Some(d) = dates.iter().rev().find(|d| d.end <= p && d.start >= ca) {
        return pick(d);
    }
    // ("his first trip to China since 2019": the time after "since" is an earlier one.)
    let since = |d: &crate::normalize::date::DateMention| since_is_earlier && s.orig[p..d.start].iter().collect::<String>().to_lowercase().contains("since");
    if let Some(d) = dates.iter().find(|d| d.start >= p && d.start < cb && !since(d)) {
        let (a, b) = joined_days(s, d);
        return (Some(a), b, true);
    }
    if let Some(d) = dates.iter().rev().find(|d| d.end <= p) {
        return pick(d);
    }
    // "visited Minsk, the capital of the Belarusian SSR, in 1984": an apposition put the date in
    // the next clause; still the sentence's own date, not another paragraph's.
    // Not a date another event carries ("since assuming office in 2011", "after …", "until …").
    if let Some(d) = dates.iter().find(|d| d.start >= p && !d.relative) {
        let between: String = s.orig[p..d.start].iter().collect::<String>().to_lowercase();
        let other = ["since", "after", "before", "until", "ago", "when", "以来", "之后", "以后", "之前", "以前"].iter().any(|w| between.contains(w));
        if !other {
            return (Some(d.date), d.end_date, true);
        }
    }
    (s.context, None, false)
}

/// The date of an event that its sentence does not date: in a dated list item, the item's date
/// when the verb is in the present tense (a news summary); in a dated article, none (the
/// running context there is another paragraph's topic) unless the verb is in the present tense
/// (then the publication date); in an undated document (a chronology), the running context.
pub fn undated_event(doc: &Annotated, s: &Sentence, context: Option<PDate>, present: bool) -> Option<PDate> {
    match (s.item_date, doc.doc_date) {
        (Some(d), _) => Some(d),
        (None, Some(d)) => present.then(|| PDate::day(d)),
        (None, None) => context,
    }
}

/// A headline that restates the body, not read for statements or figures (the curators' convention): the
/// document's first line when it has no sentence punctuation and a body follows ("North
/// Korea's top diplomat arrives in Moscow as Russia promises closer ties"), or a dated item's
/// headline when the item has a body of its own (a feed entry's "headline" over its text).
pub fn headline(doc: &Annotated, body: &[&Sentence], si: usize) -> bool {
    let s = body[si];
    let text = &doc.cleaned.text.chars;
    // (CRLF pages keep their carriage returns.)
    let whole_line = text[..s.start.min(text.len())].iter().rev().find(|c| **c != ' ' && **c != '\r').is_none_or(|c| *c == '\n')
        && text.get(s.end).is_none_or(|c| matches!(c, '\n' | '\r' | ' '));
    let terminal = s.orig.iter().rev().find(|c| !c.is_whitespace()).is_some_and(|c| matches!(c, '。' | '.' | '!' | '?' | '！' | '？' | '”' | '"' | '」' | '』' | ':' | '：'));
    if !whole_line || terminal {
        return false;
    }
    // The page's first line with words (a rule or a separator line may stand above it).
    let first = body[..si].iter().all(|p| !p.orig.iter().any(|c| c.is_alphabetic())) && s.orig.len() <= 160;
    match body.get(si + 1) {
        // (A dated heading: its item's first line, or the page's headline over its date line.)
        Some(n) if s.is_heading && s.item_date.is_some() => (n.item_date == s.item_date || first) && !n.is_heading,
        Some(n) => first && !n.is_heading,
        None => false,
    }
}

/// [`undated_event`] for a trip told in the present perfect ("X has arrived in Pyongyang"):
/// news as of the running date when that is a day at most three days before the article's
/// ("PYONGYANG, June 17. /TASS/." over a story published on the 18th), else of the article's.
pub fn undated_news(doc: &Annotated, s: &Sentence, context: Option<PDate>, present: bool, perfect: bool) -> Option<PDate> {
    if let (true, None, Some(d), Some(c)) = (perfect, s.item_date, doc.doc_date, context) {
        if c.p == crate::normalize::date::Precision::Day && (0..=3).contains(&(d - c.first_day()).num_days()) {
            return Some(c);
        }
    }
    undated_event(doc, s, context, present || perfect)
}

/// English present-tense travel or meeting verbs ("meets with", "arrives in", "visits").
pub fn present_tense(term: &str) -> bool {
    let first = term.split_whitespace().next().unwrap_or("");
    first.len() > 3 && first.ends_with('s') && !first.ends_with("ss") && !matches!(first, "was" | "has" | "is")
}

/// [`present_tense`] for the term at `at` of a sentence, unless a possessive or a determiner
/// before it makes it a plural noun ("Kim Jong-un's visits to Russia", "his visits to").
pub fn present_verb(term: &str, s: &Sentence, at: usize) -> bool {
    if !present_tense(term) {
        return false;
    }
    let before = s.sh(at.saturating_sub(24), at).to_lowercase();
    let last = before.split_whitespace().last().unwrap_or("");
    let noun = last.ends_with("'s")
        || last.ends_with("’s")
        || ["his", "her", "their", "its", "the", "these", "those", "recent", "frequent", "several", "repeated", "earlier", "previous", "past", "public", "official"].contains(&last);
    !noun
}

/// A trip told in the present perfect as news ("has arrived in Pyongyang", "have left for
/// Moscow"): dated by the article, as a present-tense verb is.
pub fn perfect(s: &Sentence, at: usize) -> bool {
    let before = s.sh(at.saturating_sub(16), at);
    let b = before.trim_end();
    [" has", " have", " has just", " have just", " has now"].iter().any(|w| b.ends_with(w)) && s.lang == "en"
}

/// A visit the sentence tells as under way when written ("who is on a visit to the DPRK",
/// "currently visiting", 正在朝鲜访问): it is dated by the article, as a present-tense verb is.
pub fn ongoing(s: &Sentence, at: usize) -> bool {
    let before = s.sh(at.saturating_sub(24), at);
    let b = before.trim_end();
    [" is on a", " are on a", " is on an", " are on an", " is currently on a", "currently", " is now", " is in the middle of"].iter().any(|w| b.ends_with(w))
        || before.contains("正在")
        || s.sh(at, (at + 12).min(s.len())).starts_with("visiting") && (b.ends_with(" is") || b.ends_with(" are") || b.ends_with("currently"))
}

/// Terms of a lexicon found in a sentence (never inside a gazetteer name).
pub fn terms<'a>(m: &'a crate::reference::Matcher<Term>, s: &Sentence) -> Vec<Hit<'a, Term>> {
    m.find_str(&s.masked)
}

/// The evidence for relative range `a..b` of a sentence, mapped back to the raw text.
pub fn evidence(doc: &Annotated, s: &Sentence, a: usize, b: usize, rule: &str) -> Evidence {
    let a = a.min(s.len().saturating_sub(1));
    let b = b.clamp(a + 1, s.len().max(a + 1));
    let raw = &doc.cleaned.doc.raw;
    let (ra, rb) = doc.cleaned.text.raw_span(s.start + a, s.start + b);
    let rb = rb.min(raw.len());
    let ra = ra.min(rb);
    Evidence { doc_id: doc.cleaned.doc.doc_id.clone(), start: ra, end: rb, rule: rule.into(), text: raw[ra..rb].iter().collect() }
}

/// The evidence for document range `a..b` (char offsets in the cleaned text), which may span
/// sentences, mapped back to the raw text.
pub fn evidence_between(doc: &Annotated, a: usize, b: usize, rule: &str) -> Evidence {
    let raw = &doc.cleaned.doc.raw;
    let (ra, rb) = doc.cleaned.text.raw_span(a, b.max(a + 1));
    let rb = rb.min(raw.len());
    let ra = ra.min(rb);
    Evidence { doc_id: doc.cleaned.doc.doc_id.clone(), start: ra, end: rb, rule: rule.into(), text: raw[ra..rb].iter().collect() }
}

/// Truncates to `n` chars.
pub fn trunc(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The country the document names most (its first mention): the host of a trip whose place
/// goes unsaid, the reporter of a country profile's list of partners.
pub(crate) fn most_named_country(doc: &Annotated, r: &Cx) -> Option<EntityHit> {
    let mut count: std::collections::BTreeMap<String, (usize, EntityHit)> = std::collections::BTreeMap::new();
    for s in &doc.sentences {
        for e in s.entities.iter().filter(|e| r.ent(e.entity).kind == "country") {
            count.entry(r.ent(e.entity).country.clone()).or_insert((0, e.clone())).0 += 1;
        }
    }
    count.into_values().max_by_key(|(n, _)| *n).map(|(_, e)| e)
}
