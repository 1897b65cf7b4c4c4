//! Sanctions: UN Security Council resolutions by number in any script (第2270號決議,
//! Resolution 2270, S/RES/2270), national announcements (商务部 海关总署 2017年第12号公告), and
//! measures announced by an authority (暂停进口, 禁运, 将制裁, "imposed sanctions on") read from
//! `reference/sanction_terms.csv`. Calls, hypotheticals and reactions are not measures.

use super::{Cx, clause_at, date_for, evidence, inside_quotes, is_actor, terms, trunc, Evidence};
use crate::normalize::date::{PDate, Precision};
use crate::normalize::{Annotated, EntityHit};
use crate::reference::Reference;
use regex::Regex;
use std::sync::LazyLock;

/// One sanction measure.
#[derive(Clone, Debug)]
pub struct SanctionRec {
    pub authority: String,
    pub issuer: String,
    pub instrument: String,
    pub identifier: String,
    pub date: Option<PDate>,
    pub target: String,
    pub target_country: String,
    pub measures: String,
    pub evidence: Vec<Evidence>,
}

static RE_UNSC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"第?\s*([0-9]{3,4})\s*号\s*决议|[Rr]esolution\s+(?:No\.\s*)?([0-9]{3,4})|S/RES/([0-9]{3,4})").expect("valid")
});
static RE_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:([0-9]{4})\s*年\s*)?第\s*([0-9]{1,3})\s*号\s*公告|[Aa]nnouncement\s+No\.?\s*([0-9]{1,3})").expect("valid")
});

fn target_in(r: &Cx, ents: &[&EntityHit]) -> String {
    ents.iter().find(|e| r.ent(e.entity).kind == "country").map(|e| r.ent(e.entity).country.clone()).unwrap_or_default()
}

/// Reads the sanctions of one document.
pub fn extract(doc: &Annotated, r: &Reference) -> Vec<SanctionRec> {
    let r = &Cx::new(r, doc);
    let mut out: Vec<SanctionRec> = Vec::new();
    for s in doc.sentences.iter().filter(|s| !s.apparatus) {
        let sh = &s.shadow;
        let b2c = crate::model::byte_to_char(sh);
        let mut sentence_has_notice = false;
        for c in RE_UNSC.captures_iter(sh) {
            let m = c.get(0).expect("m");
            let num = c.get(1).or(c.get(2)).or(c.get(3)).map(|x| x.as_str().to_string()).unwrap_or_default();
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            let (ca, cb) = clause_at(s, a);
            let (d, _, explicit) = date_outside(s, a, b);
            let date = if explicit { d } else { d.map(|d| d.coarsen(Precision::Year)) };
            let ents: Vec<&EntityHit> = s.entities.iter().collect();
            push(
                &mut out,
                SanctionRec {
                    authority: "UNSC".into(),
                    issuer: "UN Security Council".into(),
                    instrument: "resolution".into(),
                    identifier: num,
                    date,
                    target: String::new(),
                    target_country: or(target_in(r, &ents), "PRK"),
                    measures: trunc(&s.text(ca, cb), 300),
                    evidence: vec![evidence(doc, s, ca.min(a), cb.max(b), "sanction:un-resolution")],
                },
            );
        }
        for c in RE_NOTICE.captures_iter(sh) {
            let m = c.get(0).expect("m");
            let (a, b) = (b2c[m.start()], b2c[m.end()]);
            let (date, _, _) = date_outside(s, a, b);
            let year = c.get(1).map(|y| y.as_str().to_string()).or(date.map(|d| d.y.to_string())).unwrap_or_default();
            let n = c.get(2).or(c.get(3)).map(|x| x.as_str()).unwrap_or_default();
            let issuers: Vec<&EntityHit> = s.entities.iter().filter(|e| e.end <= a && r.ent(e.entity).kind == "org").collect();
            let Some(first) = issuers.first() else { continue };
            let authority = r.ent(first.entity).country.clone();
            let issuer = issuers.iter().map(|e| r.ent(e.entity).name_en.clone()).collect::<Vec<_>>().join("+");
            let after: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= b).collect();
            sentence_has_notice = true;
            push(
                &mut out,
                SanctionRec {
                    authority,
                    issuer,
                    instrument: "announcement".into(),
                    identifier: format!("{year} No.{n}"),
                    date,
                    target: String::new(),
                    target_country: target_in(r, &after),
                    measures: trunc(&s.text(b, s.len()), 300),
                    evidence: vec![evidence(doc, s, first.start, s.len(), "sanction:announcement")],
                },
            );
        }
        if sentence_has_notice {
            continue;
        }
        let hits = terms(&r.sanction_terms, s);
        for h in hits.iter().filter(|h| h.item.role == "measure") {
            if inside_quotes(s, h.start) {
                continue;
            }
            let (ca, cb) = clause_at(s, h.start);
            if hits.iter().any(|n| n.item.role == "negation" && n.start >= ca && n.end <= cb) {
                continue;
            }
            // The measure must be about trade, money or sanctions (not, say, a military drill).
            if h.item.value == "suspension" && !hits.iter().any(|n| n.item.role == "context" && n.start >= ca && n.end <= cb) {
                continue;
            }
            // The authority: the nearest actor before the measure in the sentence.
            let Some(auth) = s.entities.iter().rev().find(|e| {
                e.end <= h.start
                    && is_actor(r, e)
                    && !inside_quotes(s, e.start)
                    && matches!(r.ent(e.entity).kind.as_str(), "org" | "country")
            }) else {
                continue;
            };
            let ent = &r.ent(auth.entity);
            let (date, _, _) = date_for(s, h.start);
            let after: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= h.end && e.start < cb).collect();
            push(
                &mut out,
                SanctionRec {
                    authority: ent.country.clone(),
                    issuer: ent.name_en.clone(),
                    instrument: h.item.value.clone(),
                    identifier: String::new(),
                    date,
                    target: trunc(s.text(h.end, cb).trim(), 200),
                    target_country: or(
                        target_in(r, &after),
                        &target_in(r, &s.entities.iter().filter(|e| e.start >= h.end).collect::<Vec<_>>()),
                    ),
                    measures: trunc(&s.text(ca, cb), 300),
                    evidence: vec![evidence(doc, s, auth.start.min(ca), cb, "sanction:measure")],
                },
            );
        }
    }
    out
}

/// [`date_for`], ignoring dates inside the identifier itself (2017年第12号公告).
fn date_outside(s: &crate::normalize::Sentence, a: usize, b: usize) -> (Option<PDate>, Option<PDate>, bool) {
    let mut t = s.clone();
    t.dates.retain(|d| d.end <= a || d.start >= b);
    date_for(&t, a)
}

fn or(a: String, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        a
    }
}

/// Adds a record unless the document already has the same measure: the same resolution or
/// announcement number, or a national measure taking effect within 7 days after an announcement
/// of the same authority (the announcement's effective date).
fn push(out: &mut Vec<SanctionRec>, rec: SanctionRec) {
    for o in out.iter_mut() {
        let same = if !rec.identifier.is_empty() {
            o.authority == rec.authority && o.identifier == rec.identifier
        } else {
            o.authority == rec.authority
                && match (o.date, rec.date) {
                    (Some(a), Some(b)) if a.p == Precision::Day && b.p == Precision::Day => {
                        let diff = (b.first_day() - a.first_day()).num_days();
                        (0..=7).contains(&diff) && o.instrument == "announcement" || diff == 0 && o.instrument == rec.instrument
                    }
                    (None, None) => o.instrument == rec.instrument && o.measures == rec.measures,
                    _ => false,
                }
        };
        if same {
            o.evidence.extend(rec.evidence);
            if o.date.is_none_or(|d| rec.date.is_some_and(|r| r.p > d.p)) && !rec.identifier.is_empty() {
                o.date = rec.date;
            }
            return;
        }
    }
    out.push(rec);
}

/// Merges the sanctions of all documents: the same authority and identifier (or, without one,
/// the same instrument and date) are one measure.
pub fn merge(recs: Vec<SanctionRec>) -> Vec<SanctionRec> {
    let mut out: Vec<SanctionRec> = Vec::new();
    for r in recs {
        let hit = out.iter_mut().find(|o| {
            o.authority == r.authority
                && if r.identifier.is_empty() {
                    o.identifier.is_empty() && o.instrument == r.instrument && o.date.is_some() && o.date == r.date
                } else {
                    o.identifier == r.identifier
                }
        });
        match hit {
            Some(o) => o.evidence.extend(r.evidence),
            None => out.push(r),
        }
    }
    out
}
