//! Visits: a trip by a person to a country other than their own. Read from visit verbs
//! (`visit_terms.csv`: 访问, 抵达, 赴, 访华 → CHN, "arrived in" …) and from co-presence verbs
//! with a place (在新加坡举行会晤, "held talks in Beijing"). Invitations, negated trips, returns
//! home and embassy visits are not visits; 将/定于 with a day-precise date is `scheduled`.

use super::{clause_at, date_for, evidence, inside_quotes, is_person, is_place, terms, trunc, Evidence};
use crate::normalize::date::{PDate, Precision};
use crate::normalize::{Annotated, EntityHit, Sentence};
use crate::reference::Reference;
use chrono::Duration;
use regex::Regex;
use std::sync::LazyLock;

/// One visit as read from one sentence (before merging).
#[derive(Clone, Debug)]
pub struct VisitRec {
    pub visitor: usize,
    pub host: String,
    pub city: String,
    pub start: Option<PDate>,
    pub end: Option<PDate>,
    pub scheduled: bool,
    pub purpose: String,
    pub evidence: Vec<Evidence>,
}

static RE_DURATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"为期\s*([0-9]+|[一二两三四五六七八九十]+)\s*天").expect("valid"));
static RE_COUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:[二两三四五六七八九十几数]|[0-9]+)\s*[次度]$").expect("valid"));

fn has_role(r: &Reference, s: &Sentence, a: usize, b: usize, role: &str) -> bool {
    terms(&r.visit_terms, s).iter().any(|h| h.item.role == role && h.start >= a && h.end <= b)
}

fn country_of(r: &Reference, e: &EntityHit) -> String {
    r.entities[e.entity].country.clone()
}

fn city_of(r: &Reference, e: &EntityHit) -> String {
    let ent = &r.entities[e.entity];
    if ent.kind == "place" {
        if ent.city.is_empty() { ent.name_en.clone() } else { ent.city.clone() }
    } else {
        ent.city.clone()
    }
}

/// Place right after position `p` (allowing a few linking chars), within `limit`.
fn place_after<'a>(r: &Reference, s: &'a Sentence, p: usize, limit: usize) -> Option<&'a EntityHit> {
    s.entities.iter().find(|e| e.start >= p && e.start <= p + 3 && e.start < limit && is_place(r, e))
}

/// The most specific place in a run of places (越南首都河内 → Hanoi).
fn refine_city(r: &Reference, s: &Sentence, host: &EntityHit, limit: usize) -> String {
    let mut city = city_of(r, host);
    let country = country_of(r, host);
    for e in s.entities.iter().filter(|e| e.start >= host.end && e.start <= host.end + 4 && e.start < limit) {
        if r.entities[e.entity].kind == "place" && r.entities[e.entity].country == country {
            city = city_of(r, e);
        }
    }
    city
}

/// Reads the visits of one document.
pub fn extract(doc: &Annotated, r: &Reference) -> Vec<VisitRec> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let hits = terms(&r.visit_terms, s);
        for h in &hits {
            if !matches!(h.item.role.as_str(), "visit" | "visit_in" | "meet") || inside_quotes(s, h.start) {
                continue;
            }
            let (ca, cb) = clause_at(s, h.start);
            let before = s.sh(ca, h.start);
            // Negated, invited, or a summary count (三次访华) without a date of its own.
            if hits.iter().any(|n| n.item.role == "negation" && n.start >= ca && n.end <= h.start && h.start - n.end <= 6) {
                continue;
            }
            let invited = hits.iter().any(|n| {
                n.item.role == "invitation" && n.start >= ca && n.end <= h.start && !s.sh(ca, n.start).contains('应')
            });
            if invited {
                continue;
            }
            let generic = has_role(r, s, ca, h.start, "generic");
            let counted = RE_COUNT.is_match(before.trim_end_matches(['曾', '先', '后']));
            let clause_dated = s.dates.iter().any(|d| d.start >= ca && d.end <= cb);
            if counted && !clause_dated && !generic {
                continue;
            }
            let scheduled = has_role(r, s, ca, h.start, "scheduled") || has_role(r, s, ca.saturating_sub(0), h.start, "scheduled");
            if h.item.role == "meet" {
                meet(doc, r, s, h.start, h.end, ca, cb, scheduled, &mut out);
                continue;
            }
            // Host.
            let (host, city, host_end) = if h.item.role == "visit_in" && !h.item.value.is_empty() {
                let city = place_after(r, s, h.end, cb).filter(|e| country_of(r, e) == h.item.value).map(|e| city_of(r, e)).unwrap_or_default();
                (h.item.value.clone(), city, h.end)
            } else if let Some(p) = place_after(r, s, h.end, cb) {
                if embassy_near(r, s, p.end) {
                    continue;
                }
                (country_of(r, p), refine_city(r, s, p, cb), p.end)
            } else if let Some(p) = s.entities.iter().rev().find(|e| {
                e.start >= ca && e.end <= h.start && is_place(r, e) && s.orig.get(e.start.wrapping_sub(1)).is_some_and(|c| matches!(c, '对' | '對' | '赴' | '到' | '往'))
            }) {
                if embassy_near(r, s, p.end) {
                    continue;
                }
                (country_of(r, p), refine_city(r, s, p, cb), h.end)
            } else if h.item.role == "visit_in" || s.sh(h.end, cb).trim().is_empty() {
                // 来访 / 前往 with no place: the country of another actor in the sentence.
                (String::new(), String::new(), h.end)
            } else {
                continue;
            };
            // Visitor: nearest person before the verb in the sentence, else after it in the clause.
            let persons_before = s.entities.iter().rev().filter(|e| e.end <= h.start && is_person(r, e));
            let persons_after = s.entities.iter().filter(|e| e.start >= host_end && e.start < cb && is_person(r, e));
            let mut chosen: Option<(&EntityHit, String)> = None;
            for e in persons_before.chain(persons_after) {
                let vc = country_of(r, e);
                let host = if host.is_empty() {
                    match s.entities.iter().find(|o| is_person(r, o) && country_of(r, o) != vc && !country_of(r, o).is_empty()) {
                        Some(o) => country_of(r, o),
                        None => continue,
                    }
                } else {
                    host.clone()
                };
                if vc != host && !vc.is_empty() {
                    chosen = Some((e, host));
                }
                break;
            }
            let Some((visitor, host)) = chosen else { continue };
            let (mut start, mut end, _) = if generic && !clause_dated { (None, None, false) } else { date_for(s, h.start) };
            if scheduled && start.is_none_or(|d| d.p != Precision::Day) {
                continue;
            }
            if let (Some(st), None) = (start, end) {
                if let Some(c) = RE_DURATION.captures(&s.shadow) {
                    let n = c[1].parse::<i64>().ok().or_else(|| crate::normalize::amount::chinese_numeral(&c[1]).map(|v| v as i64));
                    if let (Some(n), Precision::Day) = (n, st.p) {
                        if n > 1 && n < 60 {
                            end = Some(PDate::day(st.first_day() + Duration::days(n - 1)));
                        }
                    }
                }
            }
            if start.is_some_and(|d| end.is_some_and(|e| e < d)) {
                end = None;
            }
            if generic && !clause_dated {
                start = None;
            }
            let a = visitor.start.min(h.start).min(ca);
            let b = host_end.max(h.end).min(s.len());
            out.push(VisitRec {
                visitor: visitor.entity,
                host,
                city,
                start,
                end,
                scheduled,
                purpose: trunc(&s.text(ca, cb), 200),
                evidence: vec![evidence(doc, s, a, b, if generic { "visit:generic" } else { "visit:verb" })],
            });
        }
    }
    out
}

fn embassy_near(r: &Reference, s: &Sentence, p: usize) -> bool {
    terms(&r.visit_terms, s).iter().any(|t| t.item.role == "embassy" && t.start >= p && t.start <= p + 4)
}

#[allow(clippy::too_many_arguments)]
fn meet(doc: &Annotated, r: &Reference, s: &Sentence, hs: usize, he: usize, ca: usize, cb: usize, scheduled: bool, out: &mut Vec<VisitRec>) {
    // 在 + place before the verb, in the clause.
    let place = s.entities.iter().rev().find(|e| {
        e.start >= ca
            && e.end <= hs
            && (is_place(r, e) || !r.entities[e.entity].city.is_empty())
            && e.start > 0
            && matches!(s.orig[e.start - 1], '在' | '于' | '於')
            || e.start >= ca && e.end <= hs && is_place(r, e) && s.sh(e.start.saturating_sub(3), e.start).ends_with(" in")
    });
    let Some(place) = place else { return };
    if embassy_near(r, s, place.end) {
        return;
    }
    let host = country_of(r, place);
    let city = refine_city(r, s, place, hs);
    let (start, end, _) = date_for(s, hs);
    if start.is_none() || scheduled && start.is_some_and(|d| d.p != Precision::Day) {
        return;
    }
    let participants = s.entities.iter().filter(|e| {
        is_person(r, e) && ((e.start >= ca && e.end <= hs && !inside_quotes(s, e.start)) || (e.start >= he && e.start < cb && e.start <= he + 8))
    });
    let mut seen = Vec::new();
    for p in participants {
        let vc = country_of(r, p);
        if vc.is_empty() || vc == host || seen.contains(&p.entity) {
            continue;
        }
        seen.push(p.entity);
        let a = p.start.min(place.start).min(ca);
        out.push(VisitRec {
            visitor: p.entity,
            host: host.clone(),
            city: city.clone(),
            start,
            end,
            scheduled,
            purpose: trunc(&s.text(ca, cb), 200),
            evidence: vec![evidence(doc, s, a, he.max(place.end), "visit:meeting-place")],
        });
    }
}

/// A visit after merging across sentences and documents.
#[derive(Clone, Debug)]
pub struct Visit {
    pub rec: VisitRec,
    /// Disagreeing start dates reported by some sources (`YYYY-MM-DD` …), for the record.
    pub disagreements: Vec<String>,
}

fn compatible(a: &VisitRec, b: &VisitRec) -> bool {
    if a.visitor != b.visitor || a.host != b.host {
        return false;
    }
    if !a.city.is_empty() && !b.city.is_empty() && a.city != b.city {
        return false;
    }
    match (a.start, b.start) {
        (None, None) => true,
        (Some(x), Some(y)) => {
            if x.agrees(&y) && (x.p != Precision::Day || y.p != Precision::Day) {
                return true;
            }
            let (xs, xe) = (x.first_day(), a.end.unwrap_or(x).last_day());
            let (ys, ye) = (y.first_day(), b.end.unwrap_or(y).last_day());
            // Overlapping or within three days of each other.
            xs <= ye + Duration::days(3) && ys <= xe + Duration::days(3) && x.p == Precision::Day && y.p == Precision::Day
        }
        _ => false,
    }
}

/// Merges visit records: the same visitor and host with compatible dates (overlapping, within
/// three days, or agreeing at the coarser precision) and no conflicting city are one visit.
/// Finer dates win; the earliest start and latest end of day-precise reports are kept.
pub fn merge(mut recs: Vec<VisitRec>) -> Vec<Visit> {
    // Finest first, then by date, so coarse mentions attach to the visit they summarise.
    recs.sort_by(|a, b| {
        let pa = a.start.map(|d| d.p);
        let pb = b.start.map(|d| d.p);
        pb.cmp(&pa).then(a.start.cmp(&b.start)).then(a.evidence.cmp(&b.evidence))
    });
    let mut out: Vec<Visit> = Vec::new();
    for r in recs {
        if let Some(v) = out.iter_mut().find(|v| compatible(&v.rec, &r)) {
            let m = &mut v.rec;
            if let (Some(ms), Some(rs)) = (m.start, r.start) {
                if ms.p == Precision::Day && rs.p == Precision::Day {
                    if rs < ms {
                        m.start = Some(rs);
                    }
                    let re = r.end.unwrap_or(rs);
                    if re > m.end.unwrap_or(ms) {
                        m.end = Some(re);
                    }
                    if rs != ms {
                        v.disagreements.push(rs.text());
                    }
                }
            }
            if m.city.is_empty() {
                m.city = r.city.clone();
            }
            m.scheduled &= r.scheduled;
            m.evidence.extend(r.evidence);
        } else {
            out.push(Visit { rec: r, disagreements: Vec::new() });
        }
    }
    for v in &mut out {
        v.rec.evidence.sort();
        v.rec.evidence.dedup();
        v.disagreements.sort();
        v.disagreements.dedup();
    }
    out
}
