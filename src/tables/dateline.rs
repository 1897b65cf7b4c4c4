//! The place a news story was filed from, read off its wire dateline ("SEOUL, March 14 (Reuters)
//! -", "WASHINGTON --", "BEIJING:", 新华社北京3月28日电, （中央社首尔28日电）, 华盛顿 —). A same-day
//! meeting the story tells without a place took place there.

use super::{is_place, Cx};
use crate::normalize::{Annotated, Sentence};
use regex::Regex;
use std::sync::LazyLock;

/// A document's dateline place: its host country and city.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dateline {
    pub country: String,
    pub city: String,
}

/// How many of the first sentences (headline and lead included) may hold the dateline.
const LEAD_SENTENCES: usize = 5;

/// After a Chinese dateline's place: its day and 电 (北京3月28日电, 首尔28日电), or a dash (华盛顿 —).
static RE_ZH_AFTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*(?:(?:[0-9]{4}\s*年\s*)?(?:[0-9]{1,2}\s*月\s*)?[0-9]{1,2}\s*日\s*[电電]|[—－–-]{1,2})").expect("valid"));
/// Before a Chinese dateline's place: an opening bracket and an agency's name at most.
static RE_ZH_BEFORE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[\s（(【\[]*[^\s，。,；;：:（）()【】]{0,8}$").expect("valid"));
/// An English dateline in capitals opening a sentence ("WASHINGTON --", "NEW YORK, June 1",
/// "SEOUL:", "BEIJING (Reuters) -", "WASHINGTON U.S. President …"): the capitalized words and
/// what follows them.
static RE_EN_CAPS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*([A-Z][A-Z'.]+(?:-[A-Z][A-Z'.]+)*(?:\s[A-Z][A-Z'.]+(?:-[A-Z][A-Z'.]+)*){0,2})(?:\s*(?:,|:|--|—|–|-|\()|\s+[A-Z][a-z])").expect("valid"));

/// The dateline of a document: the first of its opening sentences that starts with one.
pub fn of_document(doc: &Annotated, r: &Cx) -> Option<Dateline> {
    doc.sentences.iter().filter(|s| !s.apparatus && !s.caption).take(LEAD_SENTENCES).find_map(|s| of_sentence(r, s))
}

/// The dateline a sentence opens with.
fn of_sentence(r: &Cx, s: &Sentence) -> Option<Dateline> {
    let head: String = s.orig[..s.len().min(60)].iter().collect();
    // English in capitals: the words title-cased must name a city in the gazetteer.
    if let Some(c) = RE_EN_CAPS.captures(&head) {
        let words = c.get(1).expect("group").as_str();
        let title = |w: &str| {
            let mut cs = w.chars();
            cs.next().map(|f| f.to_string() + &cs.as_str().to_lowercase()).unwrap_or_default()
        };
        let parts: Vec<String> = words.split(' ').map(|w| w.split('-').map(title).collect::<Vec<_>>().join("-")).collect();
        let titled = parts.join(" ");
        // (The longest run of the capitalized words that names a city: "WASHINGTON U.S.
        // President …" opens with Washington.)
        for k in (1..=parts.len()).rev() {
            let name = parts[..k].join(" ");
            let n = name.chars().count();
            if let Some(d) = r.entity_matcher.find_str(&name).iter().filter(|h| h.start == 0 && h.end == n).flat_map(|h| h.item.iter()).find_map(|&i| city(r, i)) {
                return Some(d);
            }
        }
        // A town the gazetteer lacks, with its country after it ("ISE-SHIMA, Japan (Reuters)").
        // (Read off the text: "Japan Group of Seven …" is no entity of its own there.)
        if let Some(rest) = head[c.get(1).expect("group").end()..].strip_prefix(", ") {
            let country = r.entity_matcher.find_str(rest).into_iter().filter(|h| h.start == 0).flat_map(|h| h.item.iter()).map(|&i| r.ent(i)).find(|e| e.kind == "country");
            if let Some(e) = country {
                return Some(Dateline { country: e.country.clone(), city: titled });
            }
        }
    }
    if s.lang == "en" {
        // Mixed case with the agency's marks ("Pyongyang, May 12 (KCNA) --").
        let e = s.entities.first().filter(|e| is_place(r, e))?;
        let rest = s.sh(e.end, (e.end + 40).min(s.len()));
        let marked = e.start <= 2 && rest.starts_with(',') && (rest.contains("--") || rest.contains('—') || rest.contains(" - ") || rest.contains('('));
        return if marked { city(r, e.entity) } else { None };
    }
    // (The agency before the place may be a name of its own: 新华社北京….)
    let e = s.entities.iter().take_while(|e| e.start <= 12).find(|e| is_place(r, e))?;
    (RE_ZH_BEFORE.is_match(&s.sh(0, e.start)) && RE_ZH_AFTER.is_match(&s.sh(e.end, (e.end + 16).min(s.len())))).then(|| city(r, e.entity)).flatten()
}

/// A place entity that is a city (not a country: a dateline names where the reporter was).
fn city(r: &Cx, i: usize) -> Option<Dateline> {
    let e = r.ent(i);
    (e.kind == "place" && !e.country.is_empty()).then(|| Dateline { country: e.country.clone(), city: if e.city.is_empty() { e.name_en.clone() } else { e.city.clone() } })
}
