//! Stage 3 — normalize: per sentence, the dates (resolved against the running context), the
//! amounts and the gazetteer entities, all with offsets into the clean text.

pub mod amount;
pub mod date;
pub mod entity;
pub mod names;

use crate::clean::script::language_of;
use crate::model::{byte_to_char, Cleaned};
use crate::reference::{EntRef, Reference};
use chrono::NaiveDate;
use date::{Anchor, DateMention, PDate};

/// A gazetteer entity found in a sentence (offsets relative to the sentence start).
#[derive(Clone, Debug)]
pub struct EntityHit {
    pub start: usize,
    pub end: usize,
    /// Index into `Reference::entities`, or (from `Reference::entities.len()` on) into the
    /// document's extracted entities; see [`Ents`].
    pub entity: usize,
}

/// The entities a document's hits point at: the gazetteer, then the names recognized in the
/// document that the gazetteer lacks.
#[derive(Clone, Copy)]
pub struct Ents<'a> {
    pub base: &'a [EntRef],
    pub extra: &'a [EntRef],
}

impl<'a> Ents<'a> {
    /// The entity of index `i`.
    pub fn get(&self, i: usize) -> &'a EntRef {
        if i < self.base.len() {
            &self.base[i]
        } else {
            &self.extra[i - self.base.len()]
        }
    }
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
    /// Dates left out of `dates` because they open a span 自/从 … 以来 closes (自2019年金正恩访问
    /// 海参崴以来): not the time of what the sentence tells, but that of the event inside the span.
    pub since_dates: Vec<DateMention>,
    pub amounts: Vec<amount::Amount>,
    pub entities: Vec<EntityHit>,
    /// The running date context before this sentence.
    pub context: Option<PDate>,
    pub lang: &'static str,
    /// In a document's apparatus (references, see also, external links): not read for facts.
    pub apparatus: bool,
    /// Part of an image caption: read for visits only, and outside the running date context.
    pub caption: bool,
    /// The date of the dated list item this sentence belongs to (a "Related" entry), which is
    /// that item's publication date.
    pub item_date: Option<PDate>,
    /// The Simplified text of the heading this sentence stands under, when the sentence is an
    /// entry of a field list ("Exports" above "$222 million (2018)").
    pub heading: Option<String>,
    /// A heading line itself (a short whole line with no sentence punctuation: a headline or a
    /// section head). Headlines summarise the report: they are not read for statements.
    pub is_heading: bool,
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
    /// Original chars `a..b` (relative) as a string (empty when `b <= a`).
    pub fn text(&self, a: usize, b: usize) -> String {
        let b = b.min(self.orig.len());
        self.orig[a.min(b)..b].iter().collect()
    }
}

/// A document with annotated sentences.
pub struct Annotated {
    pub cleaned: Cleaned,
    pub doc_date: Option<NaiveDate>,
    pub sentences: Vec<Sentence>,
    /// Names recognized in the text that the gazetteer lacks (`origin = extracted`); hit
    /// indices from `Reference::entities.len()` on point here.
    pub extracted: Vec<EntRef>,
}

impl Annotated {
    /// The entity lookup for this document's hits.
    pub fn ents<'a>(&'a self, r: &'a Reference) -> Ents<'a> {
        Ents { base: &r.entities, extra: &self.extracted }
    }
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
    "References",
    "See also",
    "External links",
    "Notes",
    "Further reading",
    "Changes",
    "Sources",
    "Source",
];

/// Annotates every sentence of a cleaned document, in order.
pub fn annotate(cleaned: Cleaned, reference: &Reference) -> Annotated {
    let doc_date = cleaned.doc.meta.published_date.as_deref().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    // An undated page's upload folder gives the month it was put together: the starting context.
    let upload = if doc_date.is_none() { cleaned.doc.meta.upload_month.as_deref().and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok()) } else { None };
    let mut context: Option<PDate> = upload.map(|d| PDate::day(d).coarsen(date::Precision::Month));
    // The running context is a year a heading gave ("## 2023", 中朝关系大事记（2023年）): it dates
    // the entries under it, however many paragraphs later (a chronology), until another date.
    let mut heading_year = false;
    let mut home: Option<String> = None;
    // Paragraphs so far, and the one the running context was set in.
    let (mut paragraph, mut context_paragraph, mut prev_end) = (0usize, 0usize, 0usize);
    // The running context was set by a span of days ("on March 18 and 19").
    let mut context_range = false;
    let mut tracker = entity::Tracker::default();
    let mut registry = names::Registry::new(reference.entities.len());
    let mut surnames: std::collections::HashMap<String, Option<usize>> = std::collections::HashMap::new();
    let mut namesake: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    // English surnames → the person last named in full with it.
    let mut full_names: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut sentences = Vec::with_capacity(cleaned.sentences.len());
    let mut apparatus = false;
    let mut item: Option<usize> = None;
    let mut heading: Option<String> = None;
    let text_chars = &cleaned.text.chars;
    let caps_surnames = caps_surnames(reference, &cleaned.shadow);
    // (Of those, the ones that are not Chinese or Korean family names: Japanese, written
    // family name first in the record and given name first in English, Takeshi Iwaya.)
    let family_first: std::collections::BTreeSet<String> = caps_surnames.iter().filter(|w| !reference.names.surname_first.contains(*w)).cloned().collect();
    for &(a, b) in &cleaned.sentences {
        let shadow: String = surname_case(&caps_surnames, dateline_case(cleaned.shadow[a..b].iter().collect()));
        let orig: Vec<char> = cleaned.text.chars[a..b].to_vec();
        // A dated list item (a "Related" entry) is its own little document: its date anchors
        // its relative dates, and no date carries in or out of it.
        let raw_at = cleaned.text.raw.get(a).copied().unwrap_or(0);
        let here = cleaned.doc.meta.items.iter().position(|(s, e, _)| raw_at >= *s && raw_at < *e);
        if here != item {
            context = None;
            item = here;
        }
        let item_date = here.and_then(|i| NaiveDate::parse_from_str(&cleaned.doc.meta.items[i].2, "%Y-%m-%d").ok());
        if let Some(d) = item_date {
            if context.is_none() {
                context = Some(PDate::day(d));
            }
        }
        // A caption is dated by its own words: it neither takes nor moves the running context.
        // (A line opened by a caption label, 图片说明：…, "Photo:", is one too.)
        let labelled = {
            let head: String = cleaned.shadow[a..b].iter().take(8).collect();
            let head = head.trim_start();
            ["图片说明", "图片来源", "图说：", "图说:", "图：", "资料图", "资料照片", "图为", "Photo:", "Caption:", "(Photo", "Image:", "File photo", "FILE PHOTO"].iter().any(|l| head.starts_with(l))
        };
        let caption = labelled || cleaned.doc.meta.captions.iter().any(|&(s, e)| raw_at >= s && raw_at < e);
        if text_chars[prev_end.min(a)..a].contains(&'\n') {
            paragraph += 1;
        }
        prev_end = b;
        // (So is a month of an earlier year than the page's, set in an earlier paragraph: 第一次是在
        // 2019年4月 in a 2023 story, then a paragraph later 于7月造访 is July 2023.)
        // (`older`: the running date, set in an earlier paragraph of a dated page, is of an
        // earlier year than the page's.)
        let earlier_paragraph = doc_date.is_some() && item_date.is_none() && context_paragraph < paragraph;
        let older = earlier_paragraph && context.zip(doc_date).is_some_and(|(c, d)| c.y < chrono::Datelike::year(&d));
        let stale = earlier_paragraph && context.is_some_and(|c| c.p == date::Precision::Year || c.p == date::Precision::Month && older) && !heading_year;
        let month_stale = earlier_paragraph && context.is_some_and(|c| c.p == date::Precision::Month) && !heading_year;
        let anchor = Anchor { context: if caption { None } else { context }, doc: item_date.or(doc_date), this_year: upload.map(|d| chrono::Datelike::year(&d)), stale, month_stale, range: context_range, older };
        // "2019年以来" (since 2019) opens a span: it is not the time of what the sentence tells
        // (这是金正恩2019年以来首次访问俄罗斯 is this visit, not one in 2019).
        // (Nor does 自2012年主政以来: a span opened by 自/从 and closed by 以来 in its clause.)
        let since: Vec<char> = shadow.chars().collect();
        let b2c = byte_to_char(&shadow);
        let (since_dates, dates): (Vec<date::DateMention>, Vec<date::DateMention>) = date::find(&shadow, &anchor)
            .into_iter()
            .partition(|d| (since.get(d.end) == Some(&'以') && since.get(d.end + 1) == Some(&'来')) || d.start > 0 && matches!(since[d.start - 1], '自' | '从') && closed_by_since(&shadow, &b2c, d.start));
        let amounts = amount::find_with(&shadow, &reference.units);
        let mut entities = tracker.resolve(reference, &shadow, &b2c, a);
        let lang = language_of(&orig, &cleaned.shadow[a..b]);
        // Bodies whose name opens an office holder's title (统一部 in 统一部长官): no mention,
        // but the title's country for the name after it.
        let mut title_bodies: Vec<EntityHit> = Vec::new();
        if lang == "en" {
            elided_pairs(reference, &shadow, &mut entities);
        } else {
            // 日本外交部长田中: a ministry's name followed by 长 is the minister's title (外交部长,
            // 国防部长官), read with the name after it, not a mention of the ministry.
            let sc: Vec<char> = shadow.chars().collect();
            let (bodies, rest): (Vec<EntityHit>, Vec<EntityHit>) = entities
                .into_iter()
                .partition(|e| reference.entities.get(e.entity).is_some_and(|x| x.kind == "org") && e.end >= 1 && sc[e.end - 1] == '部' && sc.get(e.end) == Some(&'长'));
            entities = rest;
            title_bodies = bodies;
            // 老挝外长沙伦赛, 外交部长春节前: a place whose first character ends a title before
            // it (外长 + 沙…, 部长 + 春…) is no place (长沙, 长春).
            entities.retain(|e| {
                let place = reference.entities.get(e.entity).is_some_and(|x| x.kind == "place");
                !(place
                    && (1..=2).any(|k| {
                        e.start >= k && {
                            let w: String = sc[e.start - k..=e.start].iter().collect();
                            reference.names.titles.find_str(&w).iter().any(|t| t.start == 0 && t.end == k + 1)
                        }
                    }))
            });
            // 韩国外交部长官赵显, 韩国外交部长朴振: an office holder the gazetteer knows as a role
            // (韩国外交部长), followed by 官 or a surname, is a title before a name: the country
            // stays a mention and the office is read as the name's title.
            for e in entities.iter_mut() {
                let Some(role) = reference.entities.get(e.entity).filter(|x| x.kind == "role") else { continue };
                let next = sc.get(e.end).map(|c| c.to_string()).unwrap_or_default();
                if next != "官" && !reference.names.surnames.contains_key(&next) {
                    continue;
                }
                let wc = &sc[e.start..e.end];
                let country = (1..wc.len()).rev().find_map(|k| {
                    let c = reference.resolve_name(&wc[..k].iter().collect::<String>())?;
                    (reference.entities[c].kind == "country" && reference.entities[c].country == role.country).then_some((k, c))
                });
                let Some((k, c)) = country else { continue };
                let title: String = sc[e.start + k..(e.end + 1).min(sc.len())].iter().collect();
                if reference.names.titles.find_str(&title).iter().any(|t| t.start == 0) {
                    *e = EntityHit { start: e.start, end: e.start + k, entity: c };
                }
            }
            // 俄外交部, 韩统一部: a country's one-character short form before another country's
            // body (or an international one) names the body's country.
            let short: Vec<EntityHit> = entities
                .iter()
                .filter_map(|e| {
                    let body = reference.entities.get(e.entity).filter(|x| x.kind == "org")?;
                    let c = *reference.country_short.get(sc.get(e.start.checked_sub(1)?)?)?;
                    // (The character opens a word: after a break or a function word, not inside
                    // one or after a date: 据俄外交部, 2日外交部 is the 2nd, 参加国防部 is no Canada.)
                    let opens = e.start < 2 || sc.get(e.start - 2).is_some_and(|&p| (!crate::clean::is_cjk(p) && !p.is_alphanumeric()) || "据与和及同对向在从由将称电、，。：；".contains(p));
                    if !opens {
                        return None;
                    }
                    let free = !entities.iter().any(|x| x.start < e.start && x.end >= e.start);
                    (free && body.country != reference.entities[c].country).then_some(EntityHit { start: e.start - 1, end: e.start, entity: c })
                })
                .collect();
            if !short.is_empty() {
                entities.extend(short);
                entities.sort_by_key(|e| (e.start, e.end));
            }
        }
        // The country of a wire dateline (SEOUL, March 4 (Yonhap) --): whose "foreign ministry"
        // an unqualified one is.
        if home.is_none() && sentences.len() < 8 && lang == "en" && RE_DATELINE_HOME.is_match(&shadow) {
            home = entities.first().filter(|e| e.start <= 2).and_then(|e| reference.entities.get(e.entity)).filter(|e| matches!(e.kind.as_str(), "place" | "country")).map(|e| e.country.clone()).filter(|c| !c.is_empty());
        }
        recognize(reference, &shadow, lang, &mut entities, &title_bodies, &mut registry, &mut surnames, &mut tracker, a, home.as_deref(), &family_first);
        surname_alone(reference, &shadow, &mut entities, &registry, &mut full_names);
        {
            let kind_of = |i: usize| registry.entity(reference, i).map(|e| (e.kind.clone(), e.country.clone())).unwrap_or_default();
            tracker.titles_in(reference, &kind_of, &shadow, &mut entities);
        }
        spokesperson_roles(reference, &shadow, &mut entities, &mut registry);
        person_governments(reference, &shadow, &mut entities, &registry);
        if lang == "en" {
            capital_phrases(reference, &shadow, &mut entities);
        }
        namesakes(reference, &shadow, &mut entities, &mut registry, &mut namesake);
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
        // A bare year a dated article looks ahead to (特朗普任期将在2021年初结束, in a 2018 story)
        // is a deadline, not the time of what it tells next: it does not move the context.
        let pub_year = anchor.doc.map(|d| chrono::Datelike::year(&d));
        // A year that starts a span (自2006年开始, 从2018年起, "since 2006") is not the time of
        // what the text tells next; nor is a date inside what a speaker said (…指出，安理会2017年
        // 通过的决议…): neither moves the context.
        let quoted_from = speech_content_start(reference, &shadow);
        let moves = |d: &&date::DateMention| {
            (!d.relative || d.date.p == date::Precision::Day)
                && !(d.date.p == date::Precision::Year && pub_year.is_some_and(|y| d.date.y > y))
                && !(d.date.p == date::Precision::Year && starts_span(&shadow, &b2c, d.start))
                // (A month that opens a span ended by 以来 is a back-reference, whatever its precision.)
                && !closed_by_since(&shadow, &b2c, d.start)
                && quoted_from.is_none_or(|q| d.start < q)
        };
        let best = dates.iter().filter(moves).map(|d| d.date.p).max();
        if let Some(last) = dates.iter().rev().filter(moves).find(|d| Some(d.date.p) == best).filter(|_| !caption) {
            context = Some(last.date);
            context_range = last.end_date.is_some();
            context_paragraph = paragraph;
            heading_year = false;
        }
        apparatus |= APPARATUS.contains(&shadow.trim().trim_end_matches([':', '：']));
        let skip = apparatus && here.is_none();
        // Field lists: a short line with no sentence punctuation heads the short lines after it.
        let whole_line = (a == 0 || text_chars[..a].iter().rev().find(|c| **c != ' ').is_none_or(|c| *c == '\n'))
            && text_chars.get(b).is_none_or(|c| *c == '\n' || *c == ' ');
        // A whole line that is a year, or a short title ending in one (## 2023, 2023年,
        // 中朝关系大事记（2023年）, "Timeline: 2019"): the year of the entries that follow.
        if let Some(y) = heading_year_of(&shadow).filter(|y| whole_line && !caption && item_date.is_none() && pub_year.is_none_or(|p| *y <= p)) {
            context = PDate::new(y, None, None);
            context_range = false;
            context_paragraph = paragraph;
            heading_year = true;
        }
        let terminal = orig.iter().rev().find(|c| !c.is_whitespace()).is_some_and(|c| matches!(c, '。' | '.' | '!' | '?' | '！' | '？' | '”' | '"' | '」' | '』'));
        let is_heading = !caption && whole_line && orig.len() <= 40 && !terminal && dates.is_empty() && amounts.is_empty() && orig.iter().any(|c| c.is_alphabetic());
        let this_heading = if caption {
            None
        } else if is_heading {
            heading = Some(shadow.trim().to_string());
            None
        } else if whole_line && orig.len() <= 160 && (!terminal || orig.ends_with(&['.', ')']) && orig.len() <= 60) {
            heading.clone()
        } else {
            heading = None;
            None
        };
        sentences.push(Sentence {
            start: a,
            end: b,
            shadow,
            masked,
            orig,
            dates,
            since_dates,
            amounts,
            entities,
            context: if caption { None } else { before },
            lang,
            apparatus: skip,
            caption,
            item_date: item_date.map(PDate::day),
            heading: this_heading,
            is_heading,
        });
    }
    surnames_ahead(reference, &mut sentences, &registry);
    for e in sentences.iter_mut().flat_map(|s| s.entities.iter_mut()) {
        if let Some(&g) = registry.same_as.get(&e.entity) {
            e.entity = g;
        }
    }
    Annotated { cleaned, doc_date, sentences, extracted: registry.list }
}

/// A surname read alone as a new name (a headline "President Lee to visit China" above
/// "President Lee Jae Myung will …", or a later "Lee will visit Beijing" linked to that headline
/// name): the person last named in full with that surname before it, else the first named in
/// full after it.
fn surnames_ahead(reference: &Reference, sentences: &mut [Sentence], registry: &names::Registry) {
    // Full English names of people, in document order: (sentence, start, surname, entity).
    let mut full: Vec<(usize, usize, String, usize)> = Vec::new();
    for (si, s) in sentences.iter().enumerate() {
        let chars: Vec<char> = s.shadow.chars().collect();
        for e in &s.entities {
            if registry.entity(reference, e.entity).is_none_or(|x| x.kind != "person") {
                continue;
            }
            let written: String = chars[e.start..e.end].iter().collect();
            let words: Vec<&str> = written.split_whitespace().collect();
            if words.len() >= 2 && written.is_ascii() {
                if let Some(surname) = surname_of(reference, &words) {
                    full.push((si, e.start, surname.to_string(), e.entity));
                }
            }
        }
    }
    if full.is_empty() {
        return;
    }
    for (si, s) in sentences.iter_mut().enumerate() {
        let chars: Vec<char> = s.shadow.chars().collect();
        for e in s.entities.iter_mut() {
            if e.entity < reference.entities.len() || registry.entity(reference, e.entity).is_none_or(|x| x.kind != "person") {
                continue;
            }
            let written: String = chars[e.start..e.end].iter().collect();
            if !written.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
                continue;
            }
            let named = full.iter().filter(|f| f.2 == written);
            let before = named.clone().filter(|f| (f.0, f.1) < (si, e.start)).last();
            if let Some(who) = before.or_else(|| named.clone().find(|f| (f.0, f.1) > (si, e.start))).map(|f| f.3) {
                e.entity = who;
            }
        }
    }
}

/// Whether the text before a name ends in a title word ("U.S. President ", "Foreign Minister ").
fn title_ends(reference: &Reference, before: &[char]) -> bool {
    let lead: String = before.iter().collect();
    let word = lead.trim_end().rsplit(' ').next().unwrap_or("");
    reference.names.is_title(word)
}

/// "North and South Korea", "East and West Germany": the first word of a coordinated pair
/// shares the second name's head, so it names "<word> <head>" when the gazetteer has an entity
/// of the same kind by that name.
fn elided_pairs(reference: &Reference, shadow: &str, entities: &mut Vec<EntityHit>) {
    let chars: Vec<char> = shadow.chars().collect();
    let mut add = Vec::new();
    for e in entities.iter() {
        let written: String = chars[e.start..e.end].iter().collect();
        let Some((_, head)) = written.split_once(' ') else { continue };
        let before: String = chars[..e.start].iter().collect();
        let Some(lead) = [" and ", " or "].iter().find_map(|c| before.strip_suffix(c)) else { continue };
        let w0 = lead.rfind(|c: char| !c.is_alphabetic()).map(|i| i + 1).unwrap_or(0);
        let word = &lead[w0..];
        if word.chars().count() < 2 || !word.chars().next().is_some_and(|c| c.is_uppercase()) {
            continue;
        }
        let start = lead[..w0].chars().count();
        if entities.iter().any(|x| x.start <= start && x.end > start) {
            continue;
        }
        let cand = format!("{word} {head}");
        let kind = &reference.entities[e.entity].kind;
        let full = reference.entity_matcher.find_str(&cand).into_iter().find(|h| h.start == 0 && h.end == cand.chars().count());
        if let Some(i) = full.and_then(|h| h.item.iter().copied().find(|&i| &reference.entities[i].kind == kind)) {
            add.push(EntityHit { start, end: start + word.chars().count(), entity: i });
        }
    }
    if !add.is_empty() {
        entities.extend(add);
        entities.sort_by_key(|e| (e.start, e.end));
    }
}

/// A wire dateline writes its city in capitals ("PYONGYANG, May 12 (KCNA) --", "SEOUL (AP) —"):
/// for matching, the city is read as the name it is (same length, so offsets hold).
fn dateline_case(shadow: String) -> String {
    static RE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"^[A-Z]{3,}(?:[ -][A-Z]{2,}){0,2}(?:,| \()").expect("valid"));
    let Some(m) = RE.find(&shadow) else { return shadow };
    // A capital after a capital goes to lower case: PYONGYANG → Pyongyang, NEW YORK → New York.
    let mut prev = ' ';
    let head: String = m
        .as_str()
        .chars()
        .map(|c| {
            let out = if prev.is_ascii_uppercase() { c.to_ascii_lowercase() } else { c };
            prev = c;
            out
        })
        .collect();
    format!("{head}{}", &shadow[m.end()..])
}

/// Surnames a document writes in capitals before the given name, reference-book style
/// ("KIM Jong Un", "XI Jinping"): a capitalized word that `name_surnames.csv` knows as a surname
/// and that is followed by a capitalized given name somewhere in the document. Acronyms
/// ("UN Security Council") are not in the surname list, so they are never read this way.
fn caps_surnames(reference: &Reference, shadow: &[char]) -> std::collections::BTreeSet<String> {
    // (`\b` + this, the boundary checked outside the regex: see `captures_at_word_start`.)
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| regex::Regex::new(r"([A-Z]{2,}) [A-Z][a-z]").expect("valid"));
    let text: String = shadow.iter().collect();
    let mut out: std::collections::BTreeSet<String> =
        crate::model::captures_at_word_start(&RE, &text).iter().map(|c| title_word(&c[1])).filter(|w| reference.names.surname_first.contains(w)).collect();
    out.extend(honorific_caps_surnames(&text));
    out
}

/// Family names written in capitals after an honorific, before the given name, as foreign
/// ministries write every name ("Mr. IWAYA Takeshi", "Ms. KAMIKAWA Yoko", "Mr. WANG Yi"):
/// any such word, known as a surname or not.
fn honorific_caps_surnames(text: &str) -> std::collections::BTreeSet<String> {
    static RE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?:Mr|Ms|Mrs|Dr|H\.E)\.? ([A-Z]{2,}) [A-Z][a-z]").expect("valid"));
    crate::model::captures_at_word_start(&RE, text).iter().map(|c| title_word(&c[1])).collect()
}

/// "KIM" → "Kim".
pub(crate) fn title_word(w: &str) -> String {
    let mut cs = w.chars();
    cs.next().map(|f| f.to_string() + &cs.as_str().to_ascii_lowercase()).unwrap_or_default()
}

/// Writes the capitalized surnames found by [`caps_surnames`] as names ("KIM has" → "Kim has")
/// wherever they stand as a word, so the gazetteer and the name rules read them (same length,
/// so offsets hold).
fn surname_case(surnames: &std::collections::BTreeSet<String>, shadow: String) -> String {
    if surnames.is_empty() {
        return shadow;
    }
    static RE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| regex::Regex::new(r"\b[A-Z]{2,}\b").expect("valid"));
    RE.replace_all(&shadow, |c: &regex::Captures| {
        let t = title_word(&c[0]);
        if surnames.contains(&t) { t } else { c[0].to_string() }
    })
    .into_owned()
}

/// Open-world names in one sentence: names the document has already introduced (the full
/// name again; an English surname alone), then new names by shape ([`names`]). Adds hits to
/// `entities` (sorted by start), registering new extracted entities.
fn recognize(
    reference: &Reference,
    shadow: &str,
    lang: &str,
    entities: &mut Vec<EntityHit>,
    title_bodies: &[EntityHit],
    registry: &mut names::Registry,
    surnames: &mut std::collections::HashMap<String, Option<usize>>,
    tracker: &mut entity::Tracker,
    offset: usize,
    home: Option<&str>,
    family_first: &std::collections::BTreeSet<String>,
) {
    let base = reference.entities.len();
    let chars: Vec<char> = shadow.chars().collect();
    // "Under Secretary of the Treasury for Terrorism and Financial Intelligence Bradley T.
    // Smith": a body named inside an office written before a name is part of the title, so
    // the name after it is read.
    if lang == "en" {
        for t in reference.names.titles.find_str(shadow).into_iter().filter(|t| t.item.role == "office") {
            let name_next = chars.get(t.end) == Some(&' ') && chars.get(t.end + 1).is_some_and(|c| c.is_uppercase());
            if name_next {
                entities.retain(|e| !(e.start >= t.start && e.end <= t.end && e.entity < base && reference.entities[e.entity].kind == "org"));
            }
        }
    }
    let mut m = chars.clone();
    let mask = |m: &mut Vec<char>, a: usize, b: usize| {
        for c in m.iter_mut().take(b).skip(a) {
            *c = '\u{E000}';
        }
    };
    for e in entities.iter() {
        mask(&mut m, e.start, e.end);
    }
    // Names introduced earlier in the document.
    let known: Vec<(Vec<char>, usize)> = registry
        .iter()
        .flat_map(|(i, e)| {
            let mut v = vec![(e.name_zh_hans.chars().collect::<Vec<char>>(), i)];
            if e.name_zh_hans.is_empty() {
                v = vec![(e.name_en.chars().collect(), i)];
            }
            // A country's body is later named without the country (韩国统一部 → 统一部发言人).
            if e.kind == "org" && !e.name_zh_hans.is_empty() {
                if let Some(c) = reference.country_index(&e.country).map(|c| &reference.entities[c]) {
                    let names = [c.name_zh_hans.as_str(), c.name_zh_hant.as_str()].into_iter().chain(c.aliases.split('|'));
                    if let Some(rest) = names.filter(|n| !n.is_empty() && n.chars().all(crate::clean::is_cjk)).find_map(|n| e.name_zh_hans.strip_prefix(n)) {
                        if rest.chars().count() >= 3 {
                            v.push((rest.chars().collect(), i));
                        }
                    }
                }
            }
            // A body defined with its acronym ("… Promotion Agency (KOTRA)") is later named by it.
            if e.kind == "org" {
                v.extend(e.aliases.split('|').filter(|a| is_acronym(a)).map(|a| (a.chars().collect(), i)));
            }
            // A transliterated person is later named by the last part alone (布鲁斯·贝内特 → 贝内特).
            if e.kind == "person" {
                if let Some(last) = e.name_zh_hans.rsplit(['·', '•', '‧', '・']).next().filter(|l| *l != e.name_zh_hans && l.chars().count() >= 2) {
                    v.push((last.chars().collect(), i));
                }
            }
            v
        })
        .filter(|(n, _)| n.len() >= 2)
        .collect();
    // A Japanese person named in characters is later named by the family name alone (铃木健一 →
    // 铃木, a `ja` surname of `name_surnames.csv`), unless two people of the document share it.
    // Read after every full name, so no family name takes a piece of another's full name.
    let mut family: Vec<(Vec<char>, usize)> = registry
        .iter()
        .filter(|(_, e)| e.kind == "person" && e.name_zh_hans.chars().count() >= 3)
        .filter_map(|(i, e)| {
            let pre: String = e.name_zh_hans.chars().take(2).collect();
            reference.names.surnames.get(&pre).filter(|(role, _)| role == "ja").map(|_| (pre.chars().collect(), i))
        })
        .collect();
    let shared: Vec<Vec<char>> = family.iter().filter(|(n, i)| family.iter().any(|(n2, i2)| n2 == n && i2 != i)).map(|(n, _)| n.clone()).collect();
    family.retain(|(n, _)| !shared.contains(n));
    let known: Vec<(Vec<char>, usize)> = known.into_iter().chain(family).collect();
    let mut added: Vec<EntityHit> = Vec::new();
    for (name, i) in &known {
        let mut p = 0;
        while p + name.len() <= m.len() {
            if m[p..p + name.len()] == name[..] {
                // (A name in characters may touch digits: 金成男3月21日.)
                let cjk = crate::clean::is_cjk(name[0]);
                let free = |c: char| !c.is_alphanumeric() || crate::clean::is_cjk(c) || cjk && c.is_ascii_digit();
                let left_ok = p == 0 || free(m[p - 1]);
                let right_ok = p + name.len() == m.len() || free(m[p + name.len()]);
                // Not the start of a longer title (外交部 in 外交部长王毅).
                let window: String = m[p..(p + name.len() + 4).min(m.len())].iter().collect();
                let in_title = reference.names.titles.find_str(&window).iter().any(|t| t.start == 0 && t.end > name.len());
                if left_ok && right_ok && !in_title {
                    added.push(EntityHit { start: p, end: p + name.len(), entity: *i });
                    mask(&mut m, p, p + name.len());
                    p += name.len();
                    continue;
                }
            }
            p += 1;
        }
    }
    if lang == "en" {
        // A surname alone ("Tillerson said") after the full name.
        let mut p = 0;
        while p < m.len() {
            if m[p].is_uppercase() && (p == 0 || !m[p - 1].is_alphanumeric()) {
                let mut q = p;
                while q < m.len() && (m[q].is_alphanumeric() || m[q] == '-') {
                    q += 1;
                }
                let w: String = m[p..q].iter().collect();
                // Not the last word of a longer name ("Fidel Castro" after "Raúl Castro").
                let mut k = p;
                while k > 0 && m[k - 1] == ' ' {
                    k -= 1;
                }
                let prev_cap = k < p && k > 0 && {
                    let mut j = k;
                    while j > 0 && m[j - 1].is_alphanumeric() {
                        j -= 1;
                    }
                    // ("Deputy Minister Otaka", "Minister Iwaya": a title before it is no name.)
                    let prev: String = m[j..k].iter().collect();
                    let title = reference.names.is_title(&prev);
                    m[j].is_uppercase() && m[j] != '\u{E000}' && !title
                };
                // Nor the first word of one ("Kim Song Nam" after "Kim Dae-jung").
                let next_cap = m.get(q) == Some(&' ') && m.get(q + 1).is_some_and(|c| c.is_uppercase());
                if prev_cap || next_cap {
                    p = q.max(p + 1);
                    continue;
                }
                if let Some(i) = surname_link(surnames, &w) {
                    added.push(EntityHit { start: p, end: q, entity: i });
                    mask(&mut m, p, q);
                }
                p = q.max(p + 1);
            } else {
                p += 1;
            }
        }
    }
    let masked: String = m.iter().collect();
    let cues: Vec<crate::reference::Hit<crate::reference::Term>> =
        reference.cues.find_str(&masked).into_iter().filter(|h| h.item.role != "block").collect();
    // (`title_bodies` stay unmasked: their characters are part of the title.)
    let mut spans: Vec<(usize, usize, usize)> = entities.iter().chain(added.iter()).chain(title_bodies).map(|e| (e.start, e.end, e.entity)).collect();
    spans.sort_unstable();
    let found = {
        let kinds = |i: usize| -> Option<(String, String)> {
            let e = registry.entity(reference, i)?;
            Some((e.kind.clone(), e.country.clone()))
        };
        if lang == "en" {
            let known_surname = |w: &str| surname_link(surnames, w).is_some();
            let mut found = names::en::recognize(reference, &m, &spans, &kinds, &cues, &known_surname);
            coordinated_names(reference, &m, &mut found);
            found
        } else {
            names::zh::recognize(reference, &m, &spans, &kinds, &cues)
        }
    };
    for mut f in found {
        // ("Minister Batbold's visit": the possessive ending is not part of the name.)
        if lang == "en" && f.kind == "person" && f.end >= f.start + 4 && matches!(chars[f.end - 2], '\'' | '’') && chars[f.end - 1] == 's' {
            f.end -= 2;
        }
        // "President Obama …", later "U.S. President Barack Obama": a given name after a title,
        // right before a person an earlier sentence named by surname alone, completes that
        // person's name (one person, named in full), not a second person "Barack".
        let completed = (lang == "en" && f.kind == "person" && chars.get(f.end) == Some(&' '))
            .then(|| added.iter().find(|h| h.start == f.end + 1))
            .flatten()
            .filter(|h| registry.entity(reference, h.entity).is_some_and(|e| e.kind == "person" && h.entity >= base && !e.name_en.contains(' ')))
            .filter(|_| !chars[f.start..f.end].contains(&' ') && title_ends(reference, &chars[..f.start]))
            .map(|h| (h.start, h.end, h.entity));
        if let Some((_, end, _)) = completed {
            f.end = end;
        }
        let written: String = chars[f.start..f.end].iter().collect();
        if let Some((_, _, who)) = completed {
            registry.set_english(who, &written);
        }
        // "Mr. IWAYA Takeshi": a Japanese family name in capitals before the given name reads
        // "Takeshi Iwaya" in English.
        let family = written.split_whitespace().next().filter(|w| family_first.contains(*w) && f.kind == "person" && lang == "en");
        if let (Some(fam), 2) = (family, written.split_whitespace().count()) {
            let given = written.split_whitespace().nth(1).unwrap_or_default();
            f.english = Some(format!("{given} {fam}"));
        }
        // 培斯科夫（Dmitry Peskov）: a name glossed in brackets with the English name of a
        // gazetteer entry of its kind is that entry, however the characters are written.
        let glossed = (lang != "en" && matches!(chars.get(f.end), Some('（' | '(')))
            .then(|| entities.iter().find(|e| e.start == f.end + 1 && matches!(chars.get(e.end), Some('）' | ')'))))
            .flatten()
            .map(|e| e.entity)
            .filter(|&c| reference.entities.get(c).is_some_and(|x| x.kind == f.kind));
        let i = match (f.kind, lang) {
            ("org", "en") if f.country.is_empty() => {
                // "South Korea on Thursday imposed …, the Foreign Ministry said": in a trailing
                // attribution, the country opening the sentence owns the body (not a country
                // named inside what was said, nor the one mentioned last).
                let lead: String = chars[..f.start].iter().collect();
                let lead = lead.trim_end();
                let trailing = lead.strip_suffix("the").or(lead.strip_suffix("The")).unwrap_or(lead).trim_end().ends_with(',');
                let subject = entities
                    .iter()
                    .filter(|e| e.end <= f.start && e.entity < reference.entities.len())
                    .min_by_key(|e| e.start)
                    .filter(|e| reference.entities[e.entity].kind == "country")
                    .filter(|e| matches!(chars[..e.start].iter().collect::<String>().trim(), "" | "The" | "the"))
                    .map(|e| reference.entities[e.entity].country.as_str())
                    .filter(|_| trailing && home.is_none());
                let b = match subject {
                    Some(c) => unqualified_body(reference, &written, entities, tracker, f.start, Some(c)).filter(|&i| reference.entities[i].country == c),
                    None => unqualified_body(reference, &written, entities, tracker, f.start, home),
                };
                let home = home.or(subject);
                if let Some(b) = b {
                    tracker.note(b, offset + f.start);
                }
                // "The unification ministry said" in a story datelined Seoul, with no such body
                // in the gazetteer: the dateline country's, named with its demonym.
                b.or_else(|| {
                    let h = home?;
                    let w = written.trim_start_matches("the ").trim_start_matches("The ");
                    if !w.starts_with(|c: char| c.is_lowercase()) && !w.contains("Ministry") {
                        return None;
                    }
                    let dem = names::en::demonym(reference, h)?;
                    let titled: Vec<String> = w
                        .split_whitespace()
                        .map(|x| if matches!(x, "of" | "the" | "and") { x.to_string() } else { x[..1].to_uppercase() + &x[1..] })
                        .collect();
                    let name = format!("{dem} {}", titled.join(" "));
                    let g = names::Found { country: h.to_string(), ..f.clone() };
                    Some(registry.intern(reference, &name, &name, &g))
                })
            }
            // "The Government of the Republic of Korea informed …": a country's government is
            // the country, as "the South Korean government" is.
            ("org", "en") => written
                .strip_prefix("Government of ")
                .map(|rest| rest.trim_start_matches("the "))
                .and_then(|rest| reference.resolve_name(rest))
                .filter(|&c| reference.entities[c].kind == "country")
                .or_else(|| gazetteer_body(reference, &written, &f.country)),
            // 财政部称 after 美国财政部 was named: a bare body word stands for the body of that
            // name the document mentioned last (a gazetteer body whose Chinese name ends with it).
            ("org", _) if f.country.is_empty() && written.chars().count() <= 4 => {
                let sh = reference.script.simplify(&written);
                (0..reference.entities.len())
                    .filter(|&i| {
                        let e = &reference.entities[i];
                        e.kind == "org" && !e.country.is_empty() && e.name_zh_hans.chars().count() > sh.chars().count() && e.name_zh_hans.ends_with(sh.as_str())
                    })
                    .filter_map(|i| tracker.last_seen(i).map(|p| (p, i)))
                    .max()
                    .map(|(_, i)| i)
                    .inspect(|&b| tracker.note(b, offset + f.start))
            }
            // "Sergey Shoigu" for the gazetteer's Sergei Shoigu: a spelling variant of one person.
            ("person", "en") => completed.map(|(_, _, who)| who).or_else(|| reference.person_by_spelling(&written)),
            // 郑义容 for the gazetteer's 郑义溶: homophone characters for one Korean's name.
            ("person", _) if f.country.is_empty() || matches!(f.country.as_str(), "KOR" | "PRK") => reference.korean_by_reading(&written),
            _ => None,
        }
        .unwrap_or_else(|| registry.intern(reference, &written, &written, &f));
        // (Interned all the same, so that the characters name it again later in the document;
        // every mention is then read as the gazetteer's entry.)
        if let Some(g) = glossed.filter(|_| i >= reference.entities.len()) {
            registry.same_as.insert(i, g);
        }
        // Hits the new name covers (a country written in front of an organization) give way.
        entities.retain(|e| !(e.start >= f.start && e.end <= f.end));
        added.retain(|e| !(e.start >= f.start && e.end <= f.end));
        added.push(EntityHit { start: f.start, end: f.end, entity: i });
        if lang == "en" && f.kind == "person" {
            let words: Vec<&str> = written.split_whitespace().collect();
            if words.len() >= 2 {
                if let Some(last) = family.or_else(|| surname_of(reference, &words)) {
                    let slot = surnames.entry(last.to_string()).or_insert(Some(i));
                    if *slot != Some(i) {
                        *slot = None; // two people share the surname: no surname-only links
                    }
                    // The first word too, as a fallback: a family name written first in its own
                    // order ("Funakoshi Takehiro", later "Funakoshi said").
                    if words[0] != last && words.len() <= 3 && words[0].chars().all(|c| c.is_ascii_alphabetic()) && !names::en::is_common_word(words[0]) {
                        let slot = surnames.entry(format!("{FIRST_WORD}{}", words[0])).or_insert(Some(i));
                        if *slot != Some(i) {
                            *slot = None;
                        }
                    }
                }
            }
        }
    }
    // 李强率中国党政代表团…: the head of a country's delegation is of that country.
    if lang != "en" {
        for e in entities.iter().chain(added.iter()).filter(|e| e.entity >= reference.entities.len()) {
            let tail: String = chars[e.end..(e.end + 16).min(chars.len())].iter().collect();
            let Some(rest) = tail.strip_prefix("率领").or_else(|| tail.strip_prefix('率')) else { continue };
            let at = e.end + (tail.chars().count() - rest.chars().count());
            let Some(c) = entities.iter().chain(added.iter()).find(|x| x.start == at && x.entity < reference.entities.len() && reference.entities[x.entity].kind == "country") else { continue };
            let after: String = chars[c.end..(c.end + 10).min(chars.len())].iter().collect();
            let group = ["代表团", "访问团", "考察团"].iter().any(|w| after.split(['，', '。', '、']).next().unwrap_or("").contains(w));
            if group && registry.entity(reference, e.entity).is_some_and(|x| x.kind == "person") {
                registry.set_country(reference, e.entity, &reference.entities[c.entity].country);
            }
        }
    }
    // A gazetteer person named in full ("Choe Ryong Hae arrived …") is later named by the
    // surname alone too ("Choe said …"), as an extracted one is.
    if lang == "en" {
        for e in entities.iter().filter(|e| e.entity < reference.entities.len() && reference.entities[e.entity].kind == "person") {
            let written: String = chars[e.start..e.end].iter().collect();
            let words: Vec<&str> = written.split_whitespace().collect();
            if words.len() >= 2 && written.is_ascii() {
                if let Some(last) = surname_of(reference, &words) {
                    let slot = surnames.entry(last.to_string()).or_insert(Some(e.entity));
                    if *slot != Some(e.entity) {
                        *slot = None;
                    }
                }
            }
        }
    }
    entities.extend(added);
    entities.sort_by_key(|e| (e.start, e.end));
    // An English form in parentheses right after a known extracted name written in Chinese
    // characters (夏伟（Orville Schell）); after a Latin name it is something else ("President
    // Lee Myung-bak (Nuclear Security Summit)").
    for e in entities.iter().filter(|e| e.entity >= base) {
        if !matches!(chars.get(e.end), Some('（') | Some('(')) || !chars[e.start..e.end].iter().any(|&c| crate::clean::is_cjk(c)) {
            continue;
        }
        let inner: String = chars[e.end + 1..].iter().take_while(|c| !matches!(c, '）' | ')')).collect();
        let words: Vec<&str> = inner.split_whitespace().collect();
        let closed = chars.len() > e.end + 1 + inner.chars().count();
        if closed
            && (2..=4).contains(&words.len())
            && inner.chars().all(|c| c.is_ascii_alphabetic() || matches!(c, ' ' | '.' | '-' | '\''))
            && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()))
            && registry.list.get(e.entity - base).is_some_and(|x| matches!(x.kind.as_str(), "person" | "org"))
        {
            // (A Korean name glossed given name first is written family first: 黄俊国（Joonkook
            // Hwang） is Hwang Joonkook.)
            let zh: String = chars[e.start..e.end].iter().collect();
            let person = registry.list.get(e.entity - base).is_some_and(|x| x.kind == "person");
            let inner = person.then(|| names::korean::glossed_family_first(reference, &zh, &inner)).flatten().unwrap_or(inner);
            registry.set_english(e.entity, &inner);
        }
    }
    // A body found by its shape and defined with its acronym right after it ("the Korea
    // Trade-Investment Promotion Agency (KOTRA)"): the acronym is an alias, read in later
    // sentences as the same body.
    for e in entities.iter().filter(|e| e.entity >= base) {
        let after: String = chars[e.end..(e.end + 12).min(chars.len())].iter().collect();
        let Some(inner) = after.trim_start_matches(' ').strip_prefix(['(', '（']).and_then(|x| x.split([')', '）']).next().filter(|_| x.contains([')', '）']))) else { continue };
        if is_acronym(inner) && registry.list.get(e.entity - base).is_some_and(|x| x.kind == "org") {
            registry.add_aliases(e.entity, &[inner.to_string()]);
        }
    }
}

/// An acronym as a text defines one in brackets: two to eight capital letters ("KOTRA", "IAEA").
fn is_acronym(a: &str) -> bool {
    (2..=8).contains(&a.chars().count()) && a.chars().all(|c| c.is_ascii_uppercase())
}

/// A heading that is a year or ends in one: "2023", "2023年", "中朝关系大事记（2023年）",
/// "Timeline: 2019" (at most a dozen characters of title before the year).
static RE_HEADING_YEAR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[#*=\s]*(?:[^\s\d。.,，:：]{1,12}?[\s:：]*)?[（(]?((?:1[89]|20)\d\d)\s*年?[）)]?[\s#*=:：]*$").expect("valid")
});

fn heading_year_of(shadow: &str) -> Option<i32> {
    let c = RE_HEADING_YEAR.captures(shadow.trim())?;
    c[1].parse().ok()
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
    for e in &d.extracted {
        let written = if e.name_zh_hans.is_empty() { e.name_en.clone() } else { format!("{} ({})", e.name_zh_hans, e.name_en) };
        let country = if e.country.is_empty() { String::new() } else { format!(", country {}", e.country) };
        out.push((
            "extracted-entity",
            format!("{written}: {}{country} recognized in the text as {}; not in reference/entities.csv (add a row to curate it)", e.kind, e.entity_id),
        ));
    }
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
            // (…年代; a digit run; "3月以来" opens a span and is left out on purpose.)
            if s.shadow[m.end()..].starts_with('代') || s.shadow[m.end()..].starts_with("以来") || s.shadow[..m.start()].ends_with(|c: char| c.is_ascii_digit()) {
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

/// Whether the date at char `at` of `shadow` opens a span: 自/从/自从 before it, or "since".
fn starts_span(shadow: &str, b2c: &[usize], at: usize) -> bool {
    let byte = b2c.iter().position(|&c| c == at).unwrap_or(0);
    let before = &shadow[..byte];
    before.ends_with('自') || before.ends_with('从') || before.ends_with("since ") || before.ends_with("Since ") || closed_by_since(shadow, b2c, at)
}

/// Whether 以来 closes, in its clause, a span the date at char `at` opens (这是2019年6月…访问以来…:
/// "since" in Chinese word order).
fn closed_by_since(shadow: &str, b2c: &[usize], at: usize) -> bool {
    let byte = b2c.iter().position(|&c| c == at).unwrap_or(0);
    shadow[byte..].split(['，', '。', '；', ',', ';']).next().unwrap_or("").contains("以来")
}

/// Where the words of a named speaker begin in a sentence: right after a speech cue and its
/// comma or colon (X指出，… / X说：…). None when there is no such cue.
fn speech_content_start(reference: &Reference, shadow: &str) -> Option<usize> {
    let hits = reference.cues.find_str(shadow);
    let chars: Vec<char> = shadow.chars().collect();
    hits.iter()
        .filter(|h| matches!(h.item.role.as_str(), "speech" | "act") && !h.item.term.is_ascii())
        // (A speech act opens content only with a colon: 宣布：…; 宣布对…实施制裁 is the act.)
        .find(|h| match chars.get(h.end) {
            Some('，' | ',') => h.item.role == "speech",
            Some('：' | ':') => true,
            _ => false,
        } && h.start > 0)
        .map(|h| h.end + 1)
}

/// "spokesperson for the", "spokesman of": the word before a body's name.
static RE_SPOKESPERSON_FOR: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"\b(?:spokesperson|spokesman|spokeswoman) (?:for|of) (?:the )?$").expect("valid"));
/// Words for a body's spokesperson written right after the body's name (Simplified shadow).
/// Each with the office's English name: a press service speaks for its body as a spokesperson
/// does ("the Security Council's press service told TASS", "The Kremlin press office said").
const SPOKESPERSON: &[(&str, &str)] = &[
    ("发言人", "spokesperson"),
    ("的发言人", "spokesperson"),
    (" spokesperson", "spokesperson"),
    (" spokesman", "spokesperson"),
    (" spokeswoman", "spokesperson"),
    (" press service", "press service"),
    ("'s press service", "press service"),
    ("’s press service", "press service"),
    (" press office", "press office"),
    ("'s press office", "press office"),
    ("’s press office", "press office"),
    ("新闻处", "press office"),
];

/// The gazetteer body an English organization name stands for when the text writes it with its
/// country in another form ("North Korea's foreign ministry", "the North Korean Foreign
/// Ministry" = the gazetteer's "DPRK Foreign Ministry"): one body of that country whose English
/// name, less its leading country word, ends the written name (two words at least).
fn gazetteer_body(reference: &Reference, written: &str, country: &str) -> Option<usize> {
    if country.is_empty() {
        return None;
    }
    let w = written.to_lowercase();
    let hits: Vec<usize> = (0..reference.entities.len())
        .filter(|&i| {
            let e = &reference.entities[i];
            e.kind == "org"
                && e.country == country
                && body_tails(e).any(|tail| w.ends_with(&tail) && w.len() > tail.len() && w[..w.len() - tail.len()].ends_with(' '))
        })
        .collect();
    (hits.len() == 1).then(|| hits[0])
}

/// A body's English names (name and aliases) less their leading country word, in lower case:
/// "DPRK Foreign Ministry" → "foreign ministry" (names of three words or more).
fn body_tails(e: &crate::reference::EntRef) -> impl Iterator<Item = String> + '_ {
    std::iter::once(e.name_en.as_str()).chain(e.aliases.split('|')).filter(|n| n.is_ascii()).filter_map(|n| {
        let words: Vec<&str> = n.split_whitespace().collect();
        (words.len() >= 3).then(|| words[1..].join(" ").to_lowercase())
    })
}

/// The gazetteer body an English organization name written without its country stands for
/// ("a Foreign Ministry spokesman", "the Foreign Ministry issued a statement"): of the bodies
/// whose name, less its leading country word, is the written name, the one of the first country
/// named earlier in the sentence ("the DPRK condemned …, with a Foreign Ministry spokesman"),
/// else the one mentioned last in the document. None when neither settles it.
fn unqualified_body(reference: &Reference, written: &str, entities: &[EntityHit], tracker: &entity::Tracker, at: usize, home: Option<&str>) -> Option<usize> {
    let w = written.trim_start_matches("the ").trim_start_matches("The ").to_lowercase();
    if w.split_whitespace().count() < 2 {
        return None;
    }
    let cands: Vec<usize> = (0..reference.entities.len())
        .filter(|&i| {
            let e = &reference.entities[i];
            e.kind == "org" && !e.country.is_empty() && body_tails(e).any(|tail| tail == w)
        })
        .collect();
    let in_sentence = entities
        .iter()
        .filter(|e| e.end <= at && e.entity < reference.entities.len() && reference.entities[e.entity].kind == "country")
        .find_map(|e| {
            let c = &reference.entities[e.entity].entity_id;
            let of: Vec<usize> = cands.iter().copied().filter(|&i| &reference.entities[i].country == c).collect();
            (of.len() == 1).then(|| of[0])
        });
    // (The dateline's country first: "SEOUL … the Foreign Ministry said" is Seoul's.)
    let of_home = home.and_then(|h| {
        let of: Vec<usize> = cands.iter().copied().filter(|&i| reference.entities[i].country == h).collect();
        (of.len() == 1).then(|| of[0])
    });
    of_home.or(in_sentence).or_else(|| cands.iter().copied().filter_map(|i| tracker.last_seen(i).map(|p| (p, i))).max().map(|(_, i)| i))
}

/// A wire dateline opening a sentence: a place, then a date or an agency in brackets.
static RE_DATELINE_HOME: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*[A-Z][A-Za-z .'-]{1,30}?(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\s*\([^)]{1,30}\)\s*(?:--|-|–|—))").expect("valid")
});

/// "Peter Ward and Andrei Lankov agreed": a name the rules found, with "and" and a name-shaped
/// run of two or three capitalized words before it, makes that run a person too (the rules read
/// the name next to the verb; its partner stands further away).
fn coordinated_names(reference: &Reference, m: &[char], found: &mut Vec<names::Found>) {
    // A title or a word for unnamed people ("Analysts", "President") opens no name.
    let word_of_kind = |w: &str| {
        let l = w.to_lowercase();
        let whole = |h: &crate::reference::Hit<crate::reference::Term>, n: usize| h.start == 0 && h.end == n;
        [w, l.as_str()].iter().any(|x| {
            let n = x.chars().count();
            reference.names.titles.find_str(x).iter().any(|h| whole(h, n)) || reference.names.unnamed.find_str(x).iter().any(|h| whole(h, n))
        })
    };
    let mut more = Vec::new();
    for f in found.iter().filter(|f| f.kind == "person") {
        let before: String = m[..f.start].iter().collect();
        let Some(lead) = before.strip_suffix(" and ") else { continue };
        let words: Vec<&str> = lead.split(' ').collect();
        // The longest run (3, else 2) of capitalized words ending the text before "and".
        let run = (2..=3usize).rev().find(|&n| {
            words.len() >= n
                && words[words.len() - n..].iter().all(|w| {
                    let mut c = w.chars();
                    c.next().is_some_and(|x| x.is_uppercase()) && c.clone().count() >= 1 && c.all(|x| x.is_lowercase() || x == '-')
                })
                && !names::en::is_common_word(words[words.len() - n])
                && !word_of_kind(words[words.len() - n])
        });
        let Some(n) = run else { continue };
        let len: usize = words[words.len() - n..].iter().map(|w| w.chars().count()).sum::<usize>() + n - 1;
        let end = lead.chars().count();
        let start = end - len;
        // (Not when the run is the end of a longer capitalized phrase.)
        let longer = words.len() > n && words[words.len() - n - 1].chars().next().is_some_and(|x| x.is_uppercase()) && !word_of_kind(words[words.len() - n - 1]);
        if longer && start > 0 {
            continue;
        }
        if found.iter().chain(more.iter()).any(|g: &names::Found| g.start < end && g.end > start) {
            continue;
        }
        let written: String = m[start..end].iter().collect();
        more.push(names::Found { start, end, kind: "person", country: String::new(), english: Some(written), pinyin: false });
    }
    found.extend(more);
    found.sort_by_key(|f| (f.start, f.end));
}

/// The surname of an English person's name written in full: the first word of a Chinese or
/// Korean name ("Kim Yong Chol", "Xi Jinping"), else the last ("Dmitry Peskov"). A first word
/// that is also an English word of its own ("He", "An") is not taken.
fn surname_of<'a>(reference: &Reference, words: &[&'a str]) -> Option<&'a str> {
    let first = *words.first()?;
    // ("Sang Hoon Cho": a Korean given name first, whatever else "Sang" may be a surname of.)
    if names::korean::family_first(reference, &words.join(" ")).is_some() {
        return words.last().copied();
    }
    let surname_first = words.len() <= 3 && reference.names.surname_first.contains(first) && !names::en::is_common_word(first);
    if surname_first { Some(first) } else { words.last().copied() }
}

/// Key prefix of a name's first word in the surname table (see [`surname_link`]).
const FIRST_WORD: &str = "\u{1}";

/// The person a capitalized word alone names: the one person of the document with that
/// surname, else the one whose name opens with that word (a family name written first in its
/// own order, "Funakoshi Takehiro" … "Funakoshi said"). None when two people share it.
fn surname_link(surnames: &std::collections::HashMap<String, Option<usize>>, w: &str) -> Option<usize> {
    match surnames.get(w) {
        Some(x) => *x,
        None => surnames.get(&format!("{FIRST_WORD}{w}")).copied().flatten(),
    }
}

/// A surname written alone ("Kim said") is the person last named in full with that surname in
/// the document ("Kim Il Sung visited Beijing in 1958. In 1975 Kim travelled to Moscow."), not
/// whoever the gazetteer lists the bare word for; with no such person, the gazetteer's reading
/// stands. A Japanese family name in characters alone (岸田 after 岸田文雄) is read the same way.
/// `full_names` is updated with this sentence's full names.
fn surname_alone(
    reference: &Reference,
    shadow: &str,
    entities: &mut [EntityHit],
    registry: &names::Registry,
    full_names: &mut std::collections::HashMap<String, usize>,
) {
    let chars: Vec<char> = shadow.chars().collect();
    for e in entities.iter_mut() {
        let Some(ent) = registry.entity(reference, e.entity).filter(|x| x.kind == "person") else { continue };
        let written: String = chars[e.start..e.end].iter().collect();
        let words: Vec<&str> = written.split_whitespace().collect();
        if words.len() == 1 && written.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
            let named_as_alias = e.entity < reference.entities.len() && ent.aliases.split('|').any(|a| a == written);
            if let Some(&who) = full_names.get(&written).filter(|who| **who != e.entity && named_as_alias) {
                e.entity = who;
            }
        } else if words.len() >= 2 && written.is_ascii() {
            // (Not a relative named in passing: "his father, Kim Jong Il" leaves "Kim" his.)
            if let Some(surname) = surname_of(reference, &words).filter(|_| !entity::named_as_relative(&chars, e.start)) {
                full_names.insert(surname.to_string(), e.entity);
            }
        } else if written.chars().all(crate::clean::is_cjk) {
            // A name in characters written by its first two alone after the full name (岸田文雄
            // … 岸田今天称): a two-character family name, as Japanese ones are, read as a new name
            // by shape, is that person. (The first two characters of a Chinese or Korean
            // three-character name are never written alone as a name.)
            let n = written.chars().count();
            if n == 2 && e.entity >= reference.entities.len() {
                if let Some(&who) = full_names.get(&written).filter(|who| **who != e.entity) {
                    e.entity = who;
                }
            } else if n >= 3 {
                full_names.insert(written.chars().take(2).collect(), e.entity);
            }
        }
    }
}

/// Professions that show a name belongs to a journalist (`name_titles.csv` values).
const JOURNALISTS: &[&str] = &["reporter", "correspondent", "journalist"];

/// A gazetteer person written right after a journalist's title (美国之音韩语组记者金永南,
/// "VOA correspondent X") is a namesake, not the official the gazetteer lists: the name becomes
/// an extracted person, and so does every later mention of it in the document (`namesake`
/// maps the gazetteer entity to the extracted one).
fn namesakes(
    reference: &Reference,
    shadow: &str,
    entities: &mut [EntityHit],
    registry: &mut names::Registry,
    namesake: &mut std::collections::HashMap<usize, usize>,
) {
    let base = reference.entities.len();
    let chars: Vec<char> = shadow.chars().collect();
    let titles = reference.names.titles.find_str(shadow);
    for e in entities.iter_mut().filter(|e| e.entity < base && reference.entities[e.entity].kind == "person") {
        if let Some(&i) = namesake.get(&e.entity) {
            e.entity = i;
            continue;
        }
        let journalist = titles.iter().any(|t| (t.end == e.start || t.end + 1 == e.start) && t.item.role == "profession" && JOURNALISTS.contains(&t.item.value.as_str()));
        if !journalist {
            continue;
        }
        let written: String = chars[e.start..e.end].iter().collect();
        let latin = written.is_ascii();
        // (美国之音韩语组记者金永南: a Korean-language reporter's name reads as Korean.)
        let title: String = chars[e.start.saturating_sub(12)..e.start].iter().collect();
        let english = if latin {
            Some(written.clone())
        } else if names::korean_heritage(&title) {
            names::korean::romanize(reference, &written, "KOR")
        } else {
            None
        };
        let f = names::Found { start: e.start, end: e.end, kind: "person", country: String::new(), english, pinyin: false };
        let i = registry.intern(reference, &written, &written, &f);
        namesake.insert(e.entity, i);
        e.entity = i;
    }
}

/// Words after a leader's name that make it the government he heads (特朗普政府, 金日成政权,
/// "the Trump administration", "the Moon Jae-in government"): matched on the Simplified shadow.
const LEADER_GOVERNMENT: &[&str] = &["政府", "政权", "当局", "内阁", " administration", " government", " regime", " cabinet"];

/// A person's name followed by a word for the government he heads is a mention of his country's
/// government (the country entity), over the whole phrase: 特朗普政府表示 is the United States
/// speaking, not Donald Trump.
/// "the Chinese capital", "the North Korean capital": the country's capital (capitals.csv), a
/// place ("arrived in the Chinese capital on Friday").
fn capital_phrases(reference: &Reference, shadow: &str, entities: &mut [EntityHit]) {
    let chars: Vec<char> = shadow.chars().collect();
    for e in entities.iter_mut() {
        if e.entity >= reference.entities.len() || reference.entities[e.entity].kind != "country" {
            continue;
        }
        let before: String = chars[e.start.saturating_sub(4)..e.start].iter().collect();
        let after: String = chars[e.end..(e.end + 9).min(chars.len())].iter().collect();
        if (before != "the " && before != "The ") || !after.starts_with(" capital") || after.chars().nth(8).is_some_and(|c| c.is_alphabetic()) {
            continue;
        }
        if let Some((&place, _)) = reference.capitals.iter().find(|(_, &k)| k == e.entity) {
            *e = EntityHit { start: e.start, end: e.end + 8, entity: place };
        }
    }
}

fn person_governments(reference: &Reference, shadow: &str, entities: &mut [EntityHit], registry: &names::Registry) {
    let chars: Vec<char> = shadow.chars().collect();
    for e in entities.iter_mut() {
        let Some(person) = registry.entity(reference, e.entity).filter(|p| p.kind == "person" && !p.country.is_empty()) else { continue };
        let rest: String = chars[e.end..(e.end + 16).min(chars.len())].iter().collect();
        let Some(word) = LEADER_GOVERNMENT.iter().find(|w| rest.starts_with(*w)) else { continue };
        let end = e.end + word.chars().count();
        if word.starts_with(' ') && chars.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue; // "governmental"
        }
        if let Some(c) = reference.country_index(&person.country) {
            *e = EntityHit { start: e.start, end, entity: c };
        }
    }
}

/// A body's unnamed spokesperson (外交部发言人表示, "a State Department spokesman said")
/// speaks as a role of that body, "<body> spokesperson" (both gold sets keep such roles apart
/// from the body itself); it also answers to each English name of the body + " spokesperson".
/// A spokesperson named right after (发言人华春莹, "spokesman Ned Price") is that person, and a
/// 发言人 already linked to a person named earlier in the document stays theirs.
fn spokesperson_roles(reference: &Reference, shadow: &str, entities: &mut Vec<EntityHit>, registry: &mut names::Registry) {
    let chars: Vec<char> = shadow.chars().collect();
    let ent = |registry: &names::Registry, i: usize| registry.entity(reference, i).cloned();
    for k in 0..entities.len() {
        let e = entities[k].clone();
        let Some(body) = ent(registry, e.entity).filter(|b| b.kind == "org") else { continue };
        // "a spokesperson for the Ministry of …": the role runs from the word to the body's end.
        let before: String = chars[e.start.saturating_sub(24)..e.start].iter().collect();
        if let Some(m) = RE_SPOKESPERSON_FOR.find(&before) {
            let start = e.start - before[m.start()..].chars().count();
            let f = names::Found { start, end: e.end, kind: "role", country: body.country.clone(), english: Some(format!("{} spokesperson", body.name_en)), pinyin: false };
            let written: String = chars[start..e.end].iter().collect();
            let i = registry.intern(reference, &written, &written, &f);
            entities[k] = EntityHit { start, end: e.end, entity: i };
            continue;
        }
        let rest: String = chars[e.end..(e.end + 18).min(chars.len())].iter().collect();
        let Some(&(word, office)) = SPOKESPERSON.iter().find(|(w, _)| rest.starts_with(*w)) else { continue };
        let end = e.end + word.chars().count();
        if chars.get(end).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue; // "spokesmanship", 发言人X in Latin letters
        }
        let named = entities.iter().any(|x| x.start >= e.end && x.start <= end + 1 && ent(registry, x.entity).is_some_and(|p| p.kind == "person"));
        let capital_after = chars.get(end) == Some(&' ') && chars.get(end + 1).is_some_and(|c| c.is_uppercase());
        if named || capital_after {
            continue;
        }
        let f = names::Found { start: e.start, end, kind: "role", country: body.country.clone(), english: Some(format!("{} {office}", body.name_en)), pinyin: false };
        let written: String = chars[e.start..end].iter().collect();
        let i = registry.intern(reference, &written, &written, &f);
        let aliases: Vec<String> =
            std::iter::once(body.name_en.as_str()).chain(body.aliases.split('|')).filter(|a| a.is_ascii() && a.trim().len() > 2).map(|a| format!("{} {office}", a.trim())).collect();
        registry.add_aliases(i, &aliases);
        entities[k] = EntityHit { start: e.start, end, entity: i };
    }
}
