//! English visits: a travel verb ("visited", "traveled to", "made a state visit to", "arrived
//! in") whose subject is a person (the subject of its clause, read like a statement's speaker)
//! and whose object is a country or place ("visited Pyongyang", "visited certain EU member
//! states, including Belgium, Italy … and Sweden": one row per host named).

use super::clause_en::{subject, Subject};
use super::visits::VisitRec;
use super::{date_for, evidence, inside_quotes, is_person, is_place, trunc, Cx};
use crate::normalize::date::Precision;
use crate::normalize::{Annotated, EntityHit, Sentence};
use regex::Regex;
use std::sync::LazyLock;

/// A light verb before a noun form of a visit ("made a state visit to", "paid his first visit
/// to"): the subject stands before the light verb.
static RE_LIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:made|paid|began|ended|undertook|completed|concluded|makes|pays|make|pay)\s+(?:a|an|his|her|their|its|the)\s+(?:[a-z-]+\s+){0,3}$").expect("valid")
});

/// An opening phrase ending in a visit noun: "During a 2000 visit to", "On his first visit to".
static RE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.;]\s*|\]\s*)(?:During|On|In the course of|While on)\s+(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+){0,3}$").expect("valid")
});

/// The person opening the main clause after the comma that follows `p` ("…, US Secretary of
/// State Madeleine Albright gave"): only capitalized title words may stand before the name.
fn main_clause_person<'a>(r: &Cx, s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let rest: String = s.orig[p..].iter().collect();
    let comma = rest.find(',')?;
    let head = &rest[..comma];
    // Only the place's own words (and a date) before the comma.
    if head.split_whitespace().count() > 4 {
        return None;
    }
    let from = p + head.chars().count() + 1;
    let e = s.entities.iter().find(|e| e.start >= from && is_person(r, e))?;
    let gap: String = s.orig[from..e.start].iter().collect();
    let ok = gap.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(w, "of" | "the"));
    (ok && gap.chars().count() <= 60 && is_person(r, e)).then_some(e)
}

/// Words right before the verb that make it a plan rather than a trip.
const SCHEDULED: &[&str] = &["will", "would", "to", "plans", "due", "scheduled", "expected", "set"];

/// Cross-sentence state: the last person named, for "he"/"she".
#[derive(Default)]
pub struct State {
    last_person: Option<usize>,
}

fn host_of(r: &Cx, e: &EntityHit) -> (String, String) {
    let ent = r.ent(e.entity);
    let city = if ent.kind == "place" { if ent.city.is_empty() { ent.name_en.clone() } else { ent.city.clone() } } else { String::new() };
    (ent.country.clone(), city)
}

/// Hosts after a travel verb: the place right after it ("visited Pyongyang", "to the DPRK"),
/// or a list after "including"; coordinated places each count.
fn hosts<'a>(r: &Cx, s: &'a Sentence, p: usize) -> Vec<&'a EntityHit> {
    let after: String = s.orig[p..].iter().collect();
    let mut from = p;
    // "visited certain EU member states, including A, B and C"
    if let Some(i) = after.find("including ") {
        if i < 60 && !after[..i].contains(['.', ';']) {
            from = p + after[..i].chars().count() + 10;
        }
    }
    let Some(first) = s.entities.iter().find(|e| e.start >= from && is_place(r, e)) else { return Vec::new() };
    let gap: String = s.orig[from..first.start].iter().collect::<String>().to_lowercase();
    if !gap.trim().is_empty() && !["the", "neighboring", "neighbouring", "north", "south"].contains(&gap.trim()) {
        return Vec::new();
    }
    let mut out = vec![first];
    let mut cur = first;
    while let Some(n) = s.entities.iter().find(|e| e.start >= cur.end && is_place(r, e)) {
        let g: String = s.orig[cur.end..n.start].iter().collect::<String>().to_lowercase();
        let g = g.trim().trim_start_matches(',').trim().trim_start_matches("and").trim().trim_start_matches("the").trim();
        if !g.is_empty() || out.len() >= 8 {
            break;
        }
        out.push(n);
        cur = n;
    }
    // A city inside the country just named ("to China, Beijing") stays one host.
    out.dedup_by(|b, a| host_of(r, a).0 == host_of(r, b).0);
    out
}

/// Reads the visits of one English sentence.
pub fn sentence(doc: &Annotated, r: &Cx, s: &Sentence, st: &mut State, topic: Option<&EntityHit>, out: &mut Vec<VisitRec>) {
    let hits = super::terms(&r.visit_terms, s);
    for h in hits.iter().filter(|h| h.item.role == "visit") {
        if inside_quotes(s, h.start) {
            continue;
        }
        let mut hs = hosts(r, s, h.end);
        // "Cuban leader Fidel Castro visited in 1986": a trip with no place named goes to the
        // country the document is about (the one it names most).
        let intransitive = h.item.term.starts_with("visit") && {
            let next: String = s.orig[h.end..].iter().collect();
            let next = next.trim_start();
            next.is_empty() || next.starts_with(['.', ',', ';']) || next.starts_with("in ") || next.starts_with("several") || next.starts_with("twice")
        };
        if hs.is_empty() && intransitive {
            if let Some(t) = topic {
                hs.push(t);
            }
        }
        if hs.is_empty() {
            continue;
        }
        let before: String = s.orig[..h.start].iter().collect();
        let before_l = before.to_lowercase();
        // Negated or cancelled trips are not visits.
        if hits.iter().any(|n| matches!(n.item.role.as_str(), "negation" | "cancel" | "invitation") && n.end <= h.start && h.start - n.end <= 12) {
            continue;
        }
        let mut verb_start = h.start;
        if let Some(m) = RE_LIGHT.find(&before) {
            verb_start = before[..m.start()].chars().count();
        }
        let last_word = before_l.split_whitespace().last().unwrap_or("").to_string();
        let scheduled = SCHEDULED.contains(&last_word.as_str()) || h.item.term.contains("due");
        let mut visitors: Vec<usize> = Vec::new();
        let mut subj_start = verb_start;
        match subject(r, s, verb_start) {
            Subject::Hits(v) => {
                for e in v.iter().filter(|e| is_person(r, e)) {
                    visitors.push(e.entity);
                }
                subj_start = v.first().map(|e| e.start).unwrap_or(verb_start);
            }
            Subject::Pronoun(p, at) if p == "he" || p == "she" => {
                visitors.extend(st.last_person);
                subj_start = at;
            }
            _ => {}
        }
        // "During a 2000 visit to Pyongyang, US Secretary of State X gave …": the traveller is
        // the subject of the main clause after the opening phrase.
        if visitors.is_empty() && RE_OPENING.is_match(&before) {
            if let Some(p) = main_clause_person(r, s, hs.last().map_or(h.end, |x| x.end)) {
                visitors.push(p.entity);
                subj_start = p.start;
            }
        }
        if visitors.is_empty() {
            continue;
        }
        let (start, end, explicit) = date_for(s, h.start);
        let (start, end) = if !explicit { (super::undated_event(doc, s, start, super::present_tense(&h.item.term)), None) } else { (start, end) };
        if scheduled && (!explicit || start.is_none_or(|d| d.p != Precision::Day)) {
            continue;
        }
        for v in visitors {
            let visitor = r.ent(v);
            for host in &hs {
                let (country, city) = host_of(r, host);
                if country.is_empty() || country == visitor.country {
                    continue;
                }
                let role = role_before(r, s, subj_start);
                out.push(VisitRec {
                    visitor: visitor.clone(),
                    role,
                    host: country,
                    city,
                    start,
                    end,
                    scheduled,
                    purpose: trunc(&s.text(h.start, s.len()), 200),
                    evidence: vec![evidence(doc, s, subj_start, host.end, "visit:en:verb")],
                    explicit,
                    travel: true,
                    generic: false,
                });
            }
        }
    }
    if let Some(e) = s.entities.iter().rev().find(|e| is_person(r, e) && !inside_quotes(s, e.start)) {
        st.last_person = Some(e.entity);
    }
}

/// The title written right before a name ("Egyptian President Hosni Mubarak" → President).
pub fn role_before(r: &Cx, s: &Sentence, p: usize) -> String {
    let head: String = s.orig[..p].iter().collect();
    let head = head.trim_end();
    r.names
        .titles
        .find_str(head)
        .into_iter()
        .filter(|t| t.item.role == "office" && t.end == head.chars().count())
        .map(|t| head.chars().skip(t.start).take(t.end - t.start).collect::<String>())
        .next_back()
        .unwrap_or_default()
}
