//! English attribution. A cue verb's speaker is the subject of its clause: the named entity
//! (gazetteer or extracted) right before the verb, past auxiliaries and adverbs ("has
//! consistently voiced"), appositions (", a former official,") and parentheses; coordinated
//! subjects ("Iran and North Korea pledged") each get a row. A pronoun takes the last speaker of
//! its kind; ", saying …" takes the main clause's subject; "…, said X" and "according to X" take
//! the entity after the cue. An unnamed subject ("analysts said", "officials confirm") gives no
//! row: it goes to the run report. When no subject can be read, no row.

use super::statements::{StatementRec, Unresolved};
use super::{date_for, evidence, inside_quotes, is_actor, is_person, trunc, Cx};
use crate::normalize::{Annotated, EntityHit, Sentence};

/// Words that may stand between a subject and its verb.
const FILLERS: &[&str] = &[
    "has", "have", "had", "was", "were", "is", "are", "would", "will", "also", "then", "later", "publicly", "officially", "reportedly",
    "repeatedly", "consistently", "jointly", "both", "harshly", "strongly", "immediately", "once", "again", "recently", "previously",
    "subsequently", "formally", "further", "firmly", "openly", "quickly", "initially", "even", "already", "still", "continued", "to",
    "allegedly", "privately", "separately", "all", "each", "too", "swiftly", "explicitly", "vehemently", "sharply", "angrily",
    "since", "frequently", "often", "long", "had", "previously", "successfully", "unanimously",
];

/// Nouns that stand for a country's government when a country or demonym precedes them.
const GOVERNMENT: &[&str] = &["government", "authorities", "administration", "leadership", "regime", "side", "officials"];

/// Subjects that name two parties without naming them ("both sides", "the two countries").
const PAIRS: &[&str] = &[
    "both sides", "both countries", "both governments", "both nations", "both koreas", "two sides", "two countries", "two governments",
    "two nations", "two koreas", "two states", "both parties", "two parties",
];

/// Prepositions that make the entity after them an object, not a subject.
const PREPS: &[&str] = &["of", "in", "to", "with", "by", "from", "for", "against", "on", "at", "into", "between", "over", "about", "toward", "towards"];

/// Cross-sentence state: who spoke last, for pronouns.
#[derive(Default)]
pub struct State {
    last_person: Option<usize>,
    last_body: Option<usize>,
    last_speakers: Vec<usize>,
    /// Countries named so far, most recent last (distinct), for "both sides".
    countries: Vec<usize>,
}

impl State {
    fn pair(&self, r: &Cx, s: &Sentence, q: usize) -> Vec<usize> {
        let mut here: Vec<usize> = Vec::new();
        for e in s.entities.iter().filter(|e| e.end <= q && r.ent(e.entity).kind == "country") {
            here.retain(|x| *x != e.entity);
            here.push(e.entity);
        }
        let pool = if here.len() >= 2 { here } else { self.countries.clone() };
        pool.iter().rev().take(2).rev().copied().collect()
    }
}

fn words_before(s: &Sentence, p: usize) -> Vec<(usize, usize, String)> {
    // (start, end, word) of the words before p, nearest first.
    let mut out = Vec::new();
    let mut i = p;
    while i > 0 {
        while i > 0 && s.orig[i - 1] == ' ' {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let e = i;
        if !(s.orig[i - 1].is_alphanumeric() || s.orig[i - 1] == '\u{E000}') {
            out.push((i - 1, i, s.orig[i - 1].to_string()));
            i -= 1;
            continue;
        }
        while i > 0 && (s.orig[i - 1].is_alphanumeric() || matches!(s.orig[i - 1], '\'' | '’' | '-')) {
            i -= 1;
        }
        out.push((i, e, s.orig[i..e].iter().collect()));
        if out.len() > 40 {
            break;
        }
    }
    out
}

/// The entity hit ending exactly at `p` (allowing spaces).
fn hit_ending<'a>(s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let mut q = p;
    while q > 0 && s.orig[q - 1] == ' ' {
        q -= 1;
    }
    s.entities.iter().rfind(|e| e.end == q)
}

/// Skips auxiliaries and adverbs before `p` (the verb); returns where the subject must end.
fn skip_fillers(s: &Sentence, mut p: usize) -> usize {
    loop {
        let w = words_before(s, p);
        match w.first() {
            Some((a, _, word)) if FILLERS.contains(&word.to_lowercase().as_str()) || (word.ends_with("ly") && word.len() > 4 && word.chars().all(|c| c.is_lowercase())) => {
                p = *a;
            }
            _ => return p,
        }
    }
}

/// Coordinated subjects ending at `e` ("Iran and North Korea", "the DPRK and the government of
/// South Korea"): the hits, first to last.
fn coordinated<'a>(r: &Cx, s: &'a Sentence, last: &'a EntityHit) -> Vec<&'a EntityHit> {
    let mut out = vec![last];
    let mut cur = last;
    loop {
        let Some(prev) = s.entities.iter().rfind(|e| e.end <= cur.start && is_actor(r, e)) else { break };
        let gap: String = s.orig[prev.end..cur.start].iter().collect::<String>().to_lowercase();
        let gap = gap.trim();
        let linked = [",", "and", ", and", "&"].iter().any(|k| {
            gap.strip_prefix(k).is_some_and(|rest| {
                let rest = rest.trim().trim_start_matches("the ").trim_start_matches("both ");
                rest.is_empty() || ["government of", "governments of", "government of the", "leaders of", "leader of"].iter().any(|x| rest == *x)
            })
        });
        if !linked || out.len() >= 4 {
            break;
        }
        out.insert(0, prev);
        cur = prev;
    }
    out
}

/// The subject hit(s) of a verb at `q`, or why there are none.
enum Subject<'a> {
    Hits(Vec<&'a EntityHit>),
    Pronoun(String, usize),
    Unnamed(String),
    None,
}

fn subject<'a>(r: &Cx, s: &'a Sentence, q: usize) -> Subject<'a> {
    let mut p = skip_fillers(s, q);
    // Parentheses and appositions between subject and verb.
    for _ in 0..3 {
        let before: String = s.orig[..p].iter().collect::<String>();
        let t = before.trim_end();
        if t.ends_with(')') {
            if let Some(open) = t.rfind('(') {
                p = t[..open].chars().count();
                continue;
            }
        }
        if t.ends_with(',') {
            // ", a former official," — the apposition opens with a lower-case word.
            let inner = &t[..t.len() - 1];
            if let Some(c) = inner.rfind(',') {
                let app = inner[c + 1..].trim_start();
                if app.chars().next().is_some_and(|x| x.is_lowercase()) && !app.contains(['"', '“']) {
                    p = inner[..c].chars().count();
                    continue;
                }
            }
        }
        break;
    }
    if let Some(h) = hit_ending(s, p).filter(|h| is_actor(r, h)) {
        // An object of a preposition is not a subject ("with China announced …" is rare; "of
        // China" before a verb is part of a longer subject we cannot read).
        let w = words_before(s, h.start);
        let prep = w.first().is_some_and(|(_, _, x)| PREPS.contains(&x.to_lowercase().as_str()));
        let possessive = s.orig.get(h.end).is_some_and(|c| *c == '\'' || *c == '’');
        if !prep && !possessive {
            return Subject::Hits(coordinated(r, s, h));
        }
        if prep {
            // "the government of South Korea announced", "officials of X said": the head
            // before "of" decides.
            let head: String = w.iter().skip(1).take(2).map(|x| x.2.to_lowercase()).collect::<Vec<_>>().join(" ");
            if w.first().is_some_and(|x| x.2 == "of") && ["government", "the government", "leader", "the leader", "leadership", "the leadership"].iter().any(|g| head.starts_with(g) || head.ends_with(g)) {
                return Subject::Hits(vec![h]);
            }
        }
    }
    let w = words_before(s, p);
    // "the Peruvian government condemned", "Chinese authorities rebuked": the country.
    if let Some((a, _, word)) = w.first() {
        if GOVERNMENT.contains(&word.to_lowercase().as_str()) {
            if let Some(h) = hit_ending(s, *a).filter(|h| r.ent(h.entity).kind == "country") {
                return Subject::Hits(coordinated(r, s, h));
            }
        }
    }
    // "both sides announced", "the two governments pledged": the last two countries named.
    let np: String = w.iter().take(3).map(|x| x.2.to_lowercase()).rev().collect::<Vec<_>>().join(" ");
    if PAIRS.iter().any(|x| np.ends_with(x)) {
        return Subject::Pronoun("both".into(), w[..w.len().min(2)].last().map(|x| x.0).unwrap_or(p));
    }
    if let Some((_, _, word)) = w.first() {
        let lw = word.to_lowercase();
        if matches!(lw.as_str(), "he" | "she" | "it" | "they") {
            return Subject::Pronoun(lw, w[0].0);
        }
        if r.names.unnamed.find_str(&lw).iter().any(|h| h.item.role == "unnamed" && h.end - h.start == lw.chars().count()) {
            let np: Vec<String> = w.iter().take(4).map(|x| x.2.clone()).rev().collect();
            return Subject::Unnamed(np.join(" "));
        }
        if word.chars().next().is_some_and(|c| c.is_alphabetic()) {
            let np: Vec<String> = w.iter().take(4).map(|x| x.2.clone()).rev().collect();
            return Subject::Unnamed(np.join(" "));
        }
    }
    Subject::None
}

/// Where the text after a wire dateline starts ("BEIJING, Sept. 4 (Xinhua) -- …"), or 0.
fn dateline_end(s: &Sentence, q: usize) -> usize {
    let head: String = s.orig[..q.min(s.len())].iter().collect();
    match head.find(" -- ").or_else(|| head.find(" — ")) {
        Some(i) if i < 80 => head[..i].chars().count() + 4,
        _ => 0,
    }
}

/// The main clause's subject for a participle: the first actor of the sentence not governed by
/// a preposition and not inside quotes.
fn main_subject<'a>(r: &Cx, s: &'a Sentence, q: usize) -> Vec<&'a EntityHit> {
    let from = dateline_end(s, q);
    for e in s.entities.iter().filter(|e| e.start >= from && e.end <= q && is_actor(r, e) && !inside_quotes(s, e.start)) {
        let w = words_before(s, e.start);
        let prep = w.first().is_some_and(|(_, _, x)| PREPS.contains(&x.to_lowercase().as_str()) || x == "'s");
        let possessive = s.orig.get(e.end).is_some_and(|c| *c == '\'' || *c == '’');
        if !prep && !possessive {
            return coordinated_forward(r, s, e, q);
        }
    }
    Vec::new()
}

fn coordinated_forward<'a>(r: &Cx, s: &'a Sentence, first: &'a EntityHit, limit: usize) -> Vec<&'a EntityHit> {
    let mut out = vec![first];
    let mut cur = first;
    while let Some(next) = s.entities.iter().find(|e| e.start >= cur.end && e.end <= limit && is_actor(r, e)) {
        let gap: String = s.orig[cur.end..next.start].iter().collect::<String>().to_lowercase();
        let g = gap.trim();
        if !(g == "and" || g == "," || g == ", and" || g == "and the" || g == "and the government of") || out.len() >= 4 {
            break;
        }
        out.push(next);
        cur = next;
    }
    out
}

/// Reads the statements of one English sentence.
#[allow(clippy::too_many_arguments)]
pub fn sentence(
    doc: &Annotated,
    r: &Cx,
    s: &Sentence,
    st: &mut State,
    cues: &[crate::reference::Hit<crate::reference::Term>],
    out: &mut Vec<StatementRec>,
    unresolved: &mut Vec<Unresolved>,
) {
    let doc_id = &doc.cleaned.doc.doc_id;
    let mut sentence_speakers: Vec<usize> = Vec::new();
    let mut spoke = false;
    for (ci, cue) in cues.iter().enumerate() {
        if inside_quotes(s, cue.start) || cue.item.role == "block" {
            continue;
        }
        // Two cues glued ("exchanged greetings and declared"): the later one carries the row.
        let role = cue.item.role.as_str();
        let after: String = s.orig[cue.end..].iter().collect();
        let before: String = s.orig[..cue.start].iter().collect();
        let mut speakers: Vec<usize> = Vec::new();
        let mut content_start = cue.end;
        let mut content_end = s.len();
        let mut subject_start = cue.start;
        match role {
            "according" => {
                // "according to X, …" / "…, according to X."
                let Some(h) = s.entities.iter().find(|e| e.start >= cue.end && e.start <= cue.end + 5 && is_actor(r, e)) else {
                    continue;
                };
                speakers.push(h.entity);
                subject_start = h.start;
                let rest: String = s.orig[h.end..].iter().collect();
                if before.trim().is_empty() || before.trim_end().ends_with(',') && before.trim().len() < 3 {
                    content_start = h.end + rest.find(',').map(|i| rest[..i].chars().count() + 1).unwrap_or(0);
                } else {
                    content_start = 0;
                    content_end = before.trim_end().trim_end_matches(',').chars().count();
                }
            }
            "participle" => {
                if !before.trim_end().ends_with(',') {
                    continue;
                }
                let main = if sentence_speakers.is_empty() {
                    main_subject(r, s, cue.start).into_iter().map(|h| h.entity).collect()
                } else {
                    sentence_speakers.clone()
                };
                speakers = main;
            }
            _ => {
                // "…," said X / "…," X said.
                let inverted = s.entities.iter().find(|e| e.start >= cue.end && e.start <= cue.end + 1 && is_actor(r, e));
                let quote_before = {
                    let t = before.trim_end();
                    t.ends_with(",\"") || t.ends_with(",”") || t.ends_with("\",") || t.ends_with("”,") || t.ends_with(',')
                };
                if let (Some(h), true) = (inverted, quote_before && matches!(cue.item.term.as_str(), "said" | "says" | "told" | "added" | "wrote")) {
                    speakers.push(h.entity);
                    content_start = 0;
                    content_end = before.trim_end().trim_end_matches([',', '"', '”']).chars().count();
                    subject_start = 0;
                } else {
                    match subject(r, s, cue.start) {
                        Subject::Hits(hs) => {
                            subject_start = hs[0].start;
                            speakers.extend(hs.iter().map(|h| h.entity));
                        }
                        Subject::Pronoun(p, at) => {
                            subject_start = at;
                            speakers = match p.as_str() {
                                "he" | "she" => st.last_person.into_iter().collect(),
                                "it" => st.last_body.into_iter().collect(),
                                "both" => st.pair(r, s, cue.start),
                                _ => st.last_speakers.clone(),
                            };
                        }
                        Subject::Unnamed(np) => {
                            // A verb continuing the previous statement ("… and declared").
                            let np_l = np.to_lowercase();
                            if np_l.ends_with(" and") || np_l.ends_with(",") {
                                speakers = sentence_speakers.clone();
                            } else if cues.get(ci.wrapping_sub(1)).is_some_and(|p| p.end + 5 >= cue.start && p.end <= cue.start) {
                                speakers = sentence_speakers.clone();
                            } else {
                                if r.names.unnamed.find_str(&np_l).iter().any(|h| h.item.role == "unnamed") {
                                    unresolved.push(Unresolved { doc_id: doc_id.clone(), cue: s.text(cue.start, cue.end), who: trunc(&np, 40) });
                                }
                                continue;
                            }
                        }
                        Subject::None => continue,
                    }
                }
            }
        }
        speakers.dedup();
        if speakers.is_empty() {
            continue;
        }
        // "…, he noted." / "…,” Green said." / "…, Cha told the Post.": the content comes first
        // when little follows the cue and a comma stands before the subject.
        if role != "according" && content_start == cue.end {
            let tail: Vec<&str> = after.split_whitespace().collect();
            let lead: String = s.orig[..subject_start].iter().collect();
            let lead_t = lead.trim_end();
            let parenthetical = after.trim_start().starts_with(',') && lead_t.ends_with(',');
            if (tail.len() <= 4 || parenthetical) && !after.trim_start().starts_with("that") && (lead_t.ends_with(',') || lead_t.ends_with(",\"") || lead_t.ends_with(",”")) && lead_t.chars().count() > 10 {
                content_start = 0;
                content_end = lead_t.trim_end_matches(['"', '”']).trim_end_matches(',').chars().count();
                subject_start = 0;
            }
        }
        // Content: after the cue, past "that", a colon or a comma and an opening quote.
        let mut t0 = content_start;
        if content_start == cue.end {
            let rest: String = s.orig[t0..].iter().collect();
            let skip = rest.len() - rest.trim_start_matches([' ', ',', ':', '"', '“']).len();
            t0 += rest[..skip].chars().count();
            let rest: String = s.orig[t0..].iter().collect();
            if rest.starts_with("that ") {
                t0 += 5;
            }
        }
        let _ = &after;
        let text = s.text(t0, content_end).trim().trim_end_matches(['.', ',']).trim().to_string();
        if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            continue;
        }
        let (date, _, _) = date_for(s, cue.start);
        let topics = {
            let mut v: Vec<String> = r.topics.find_str(&text).into_iter().map(|h| h.item.value.clone()).collect();
            v.sort();
            v.dedup();
            v
        };
        let direct = s.orig.get(t0.wrapping_sub(1)).is_some_and(|c| matches!(c, '"' | '“')) || text.starts_with(['"', '“']);
        let ev_start = subject_start.min(cue.start).min(t0);
        let ev_end = content_end.max(cue.end);
        for &sp in &speakers {
            out.push(StatementRec {
                doc_id: doc_id.clone(),
                speaker: r.ent(sp).clone(),
                cue: s.text(cue.start, cue.end),
                text: trunc(&text, 2000),
                date,
                language: "en".into(),
                is_direct_quote: direct,
                topics: topics.clone(),
                evidence: evidence(doc, s, ev_start, ev_end, &format!("statement:en:{role}")),
                pos: s.start + cue.start,
            });
        }
        spoke = true;
        sentence_speakers = speakers.clone();
        st.last_speakers = speakers.clone();
        for &sp in &speakers {
            if is_person(r, &EntityHit { start: 0, end: 0, entity: sp }) {
                st.last_person = Some(sp);
            } else {
                st.last_body = Some(sp);
            }
        }
    }
    for e in s.entities.iter().filter(|e| r.ent(e.entity).kind == "country") {
        st.countries.retain(|x| *x != e.entity);
        st.countries.push(e.entity);
    }
    if !spoke {
        // The sentence's subject becomes the antecedent of the next "he" / "it".
        if let Some(e) = main_subject(r, s, s.len()).first() {
            if is_person(r, e) {
                st.last_person = Some(e.entity);
            } else {
                st.last_body = Some(e.entity);
            }
        }
    }
}
