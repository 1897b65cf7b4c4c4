//! Statements: one row per cue verb per speaker, as reported in a document. Cues come from
//! `reference/cues.csv` (指出, 表示, 称, said, told …; `block` rows stop words such as 称为 or 据悉
//! from counting). The speaker is the subject of the cue's clause: gazetteer entities before the
//! cue, minus objects of prepositions (向/对…), possessives (X的) and modifiers (the country or
//! body in front of a title and a name); coordinated subjects (X和Y) each get a row. Zero-subject
//! cues take the subject of the nearest earlier clause; pronouns and short forms (他, 该文, he,
//! 双方) come from `reference/anaphora.csv`.

use super::{clause_at, date_for, evidence, inside_quotes, is_actor, terms, trunc, Evidence};
use crate::normalize::date::{PDate, Precision};
use crate::normalize::{Annotated, EntityHit, Sentence};
use crate::reference::{Reference, Term};

/// One statement as read from a sentence.
#[derive(Clone, Debug)]
pub struct StatementRec {
    pub doc_id: String,
    pub speaker: usize,
    pub cue: String,
    pub text: String,
    pub date: Option<PDate>,
    pub language: String,
    pub is_direct_quote: bool,
    pub topics: Vec<String>,
    pub evidence: Evidence,
    /// Clean-text offset of the cue (orders statements within a document).
    pub pos: usize,
}

#[derive(Clone, Debug)]
enum Cand {
    Entity(EntityHit),
    Anaphor { start: usize, end: usize, role: String },
}

impl Cand {
    fn span(&self) -> (usize, usize) {
        match self {
            Cand::Entity(e) => (e.start, e.end),
            Cand::Anaphor { start, end, .. } => (*start, *end),
        }
    }
}

const PREPS: &[char] = &['向', '对', '同', '跟', '给', '为', '被', '把', '从', '让', '令', '在', '于', '自', '与'];
const COORD: &[&str] = &["和", "与", "及", "以及", "、", " and ", "&"];
const REPORT_NOUNS: &[&str] = &["报道", "报导", "文章", "声明", "社评", "社论", "评论", "消息", "分析", "报告"];
const COUNTRY_GAP_OK: &[char] = &['对', '向', '也', '还', '又', '均', '都', '则', '曾', '已', '再', '在', '就', '更', '亦', '便', '仍', '将', '会', '当', '随', '正', '一'];
const LEADING: &[char] = &['，', ',', '：', ':', '“', '"', '「', '『', ' ', '道'];

fn rank(r: &Reference, c: &Cand) -> u8 {
    match c {
        Cand::Anaphor { .. } => 3,
        Cand::Entity(e) => match r.entities[e.entity].kind.as_str() {
            "country" => 0,
            "org" => 1,
            _ => 2,
        },
    }
}

/// Subject candidates in `[a, b)` of a sentence (b = the cue).
fn subjects(r: &Reference, s: &Sentence, a: usize, b: usize, anaphora: &[crate::reference::Hit<Term>]) -> Vec<Cand> {
    let mut cands: Vec<Cand> = Vec::new();
    for e in s.entities.iter().filter(|e| e.start >= a && e.end <= b && is_actor(r, e) && !inside_quotes(s, e.start)) {
        cands.push(Cand::Entity(e.clone()));
    }
    for h in anaphora.iter().filter(|h| h.start >= a && h.end <= b && h.item.role != "block" && !inside_quotes(s, h.start)) {
        if s.entities.iter().any(|e| e.start <= h.start && e.end >= h.end) {
            continue;
        }
        cands.push(Cand::Anaphor { start: h.start, end: h.end, role: h.item.role.clone() });
    }
    cands.sort_by_key(|c| c.span());
    // Objects of prepositions, possessives, existentials, and countries not acting as subjects.
    let mut kept: Vec<Cand> = Vec::new();
    let mut prev_end = a;
    for c in cands {
        let (cs, ce) = c.span();
        let gap_before = s.sh(prev_end, cs);
        prev_end = ce;
        if gap_before.chars().any(|ch| PREPS.contains(&ch)) && !gap_before.ends_with('据') {
            continue;
        }
        let after = s.sh(ce, b);
        if after.starts_with('的') || after.starts_with('之') {
            let noun = after.trim_start_matches(['的', '之']);
            if !REPORT_NOUNS.iter().any(|n| noun.starts_with(n)) {
                continue;
            }
        }
        if after.starts_with('有') {
            continue;
        }
        if let Cand::Entity(e) = &c {
            if r.entities[e.entity].kind == "country" && !after.is_empty() && !after.starts_with(COUNTRY_GAP_OK) {
                // A country is kept only where the next candidate will decide (modifier rule).
                let next_is_cand = s.entities.iter().any(|n| n.start >= ce && n.start <= ce + 12 && n.end <= b && is_actor(r, n));
                if !next_is_cand {
                    continue;
                }
            }
        }
        kept.push(c);
    }
    // Modifiers: a country or body directly in front of a title and a name.
    let mut out: Vec<Cand> = Vec::new();
    for i in 0..kept.len() {
        if let Some(n) = kept.get(i + 1) {
            let (_, ce) = kept[i].span();
            let (ns, _) = n.span();
            let gap = s.sh(ce, ns);
            if ns.saturating_sub(ce) <= 12 && !COORD.iter().any(|k| gap.contains(k)) && rank(r, n) >= rank(r, &kept[i]) {
                continue;
            }
        }
        if let Cand::Entity(e) = &kept[i] {
            if r.entities[e.entity].kind == "country" {
                let after = s.sh(e.end, b);
                if !after.is_empty() && !after.starts_with(COUNTRY_GAP_OK) {
                    continue;
                }
            }
        }
        out.push(kept[i].clone());
    }
    // The first subject and those coordinated with it.
    let mut chain: Vec<Cand> = Vec::new();
    for c in out {
        if let Some(last) = chain.last() {
            let gap = s.sh(last.span().1, c.span().0);
            if gap.chars().count() <= 15 && COORD.iter().any(|k| gap.contains(k)) {
                chain.push(c);
                continue;
            }
            break;
        }
        chain.push(c);
    }
    chain
}

/// Reads the statements of one document.
pub fn extract(doc: &Annotated, r: &Reference) -> Vec<StatementRec> {
    let mut out: Vec<StatementRec> = Vec::new();
    let mut prev_speakers: Vec<usize> = Vec::new();
    let mut last_person: Option<usize> = None;
    let doc_id = doc.cleaned.doc.doc_id.clone();
    for s in &doc.sentences {
        let cues: Vec<_> = terms(&r.cues, s).into_iter().filter(|h| h.item.role != "block").collect();
        let anaphora = terms(&r.anaphora, s);
        let mut speech_open = false;
        let mut sentence_prev: Vec<usize> = Vec::new();
        for (ci, cue) in cues.iter().enumerate() {
            if inside_quotes(s, cue.start) {
                continue;
            }
            // A nominal invitation (应X邀请) is not a statement.
            if cue.item.role == "act" && s.sh(cue.start.saturating_sub(8), cue.start).contains('应') && s.sh(cue.start, cue.end) == "邀请" {
                continue;
            }
            let (ca, cb) = clause_at(s, cue.start);
            let _ = cb;
            let region_start = if cue.item.role == "according" { cue.end } else { ca };
            let region_end = if cue.item.role == "according" {
                // 据 X …：the subject follows the cue; another cue verb in the clause takes over.
                let (_, cend) = clause_at(s, cue.end);
                if cues.iter().skip(ci + 1).any(|c2| c2.start < cend) {
                    continue;
                }
                cend
            } else {
                cue.start
            };
            let own = subjects(r, s, region_start, region_end, &anaphora);
            let before = s.sh(ca, cue.start);
            let coordinated = ["并", "也", "还", "又", "甚至", "同时", "更", "随后", "另外", "并且", "亦"].iter().any(|w| before.trim_start().starts_with(w) || before.trim_end().ends_with(w))
                || before.trim_start().starts_with("and ");
            let mut speakers: Vec<usize> = Vec::new();
            if !own.is_empty() {
                for c in &own {
                    match c {
                        Cand::Entity(e) => speakers.push(e.entity),
                        Cand::Anaphor { role, .. } => match role.as_str() {
                            "person" => speakers.extend(last_person),
                            "previous" => speakers.extend(prev_speakers.iter().copied()),
                            "both" => {
                                for e in s.entities.iter().filter(|e| e.end <= cue.start && super::is_person(r, e) && !inside_quotes(s, e.start)) {
                                    if !speakers.contains(&e.entity) {
                                        speakers.push(e.entity);
                                    }
                                }
                            }
                            _ => {}
                        },
                    }
                }
            } else if speech_open && !coordinated {
                continue; // a verb inside reported content
            } else {
                // Zero subject: the subject of the nearest earlier clause in the sentence.
                let mut p = ca;
                while p > 0 {
                    let (pa, _) = clause_at(s, p - 1);
                    let stop = cues.iter().find(|c2| c2.start >= pa && c2.start < p).map(|c2| c2.start).unwrap_or(p - 1);
                    let subj = subjects(r, s, pa, stop, &anaphora);
                    if !subj.is_empty() {
                        for c in subj {
                            match c {
                                Cand::Entity(e) => speakers.push(e.entity),
                                Cand::Anaphor { role, .. } if role == "person" => speakers.extend(last_person),
                                Cand::Anaphor { role, .. } if role == "previous" => speakers.extend(prev_speakers.iter().copied()),
                                _ => {}
                            }
                        }
                        break;
                    }
                    p = pa;
                }
                if speakers.is_empty() && (coordinated || ca == 0) {
                    speakers = if sentence_prev.is_empty() { if ca == 0 { prev_speakers.clone() } else { Vec::new() } } else { sentence_prev.clone() };
                }
            }
            speakers.dedup();
            if speakers.is_empty() {
                continue;
            }
            // Text: the content after the cue; before it when the cue closes the sentence
            // (English "…, Xi said.") or takes only a short object (表示遗憾).
            let mut t0 = cue.end;
            while t0 < s.len() && LEADING.contains(&s.orig[t0]) {
                t0 += 1;
            }
            if s.lang == "en" && s.sh(t0, (t0 + 5).min(s.len())) == "that " {
                t0 += 5;
            }
            let after_len = s.orig[t0.min(s.len())..].iter().filter(|c| c.is_alphanumeric()).count();
            let (ta, tb) = if s.lang == "en" && after_len < 20 && ca > 0 {
                (0, ca)
            } else if s.lang != "en" && after_len < 5 {
                let subj_end = own.last().map(|c| c.span().1).unwrap_or(ca);
                (subj_end, s.len())
            } else {
                (t0, s.len())
            };
            let text = s.text(ta, tb).trim().trim_end_matches([',', '，']).trim().to_string();
            if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                continue;
            }
            let (date, end, _) = date_for(s, cue.start);
            let date = match (date, end) {
                (Some(d), Some(_)) if d.p == Precision::Day => Some(d.coarsen(Precision::Month)),
                _ => date,
            };
            let topics = {
                let mut v: Vec<String> = r.topics.find_str(&r.script.simplify(&text)).into_iter().map(|h| h.item.value.clone()).collect();
                v.sort();
                v.dedup();
                v
            };
            let cue_text = s.text(cue.start, cue.end);
            let direct = text.starts_with(['“', '"', '「', '『', '‘']) || s.orig.get(t0.wrapping_sub(1)).is_some_and(|c| matches!(c, '“' | '"' | '「'));
            let ev_start = own.first().map(|c| c.span().0).unwrap_or(ca).min(cue.start).min(ta);
            for &sp in &speakers {
                out.push(StatementRec {
                    doc_id: doc_id.clone(),
                    speaker: sp,
                    cue: cue_text.clone(),
                    text: trunc(&text, 2000),
                    date,
                    language: s.lang.to_string(),
                    is_direct_quote: direct,
                    topics: topics.clone(),
                    evidence: evidence(doc, s, ev_start, tb.max(cue.end), &format!("statement:{}", cue.item.role)),
                    pos: s.start + cue.start,
                });
            }
            if cue.item.role == "speech" {
                speech_open = true;
            }
            for &sp in &speakers {
                if matches!(r.entities[sp].kind.as_str(), "person" | "role") {
                    last_person = Some(sp);
                }
            }
            sentence_prev = speakers.clone();
            prev_speakers = speakers;
        }
        // People named in this sentence are candidates for a later 他/he.
        if let Some(e) = s.entities.iter().rev().find(|e| super::is_person(r, e)) {
            if last_person.is_none() {
                last_person = Some(e.entity);
            }
        }
    }
    out
}
