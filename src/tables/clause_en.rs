//! English clause structure shared by the English rules: the subject of a verb (past
//! auxiliaries, adverbs, appositions and parentheses), coordinated subjects, pronouns, the main
//! clause's subject for a participle, and wire datelines.

use super::{inside_quotes, is_actor, is_person, Cx};
use crate::normalize::{EntityHit, Sentence};

/// Words that may stand between a subject and its verb.
const FILLERS: &[&str] = &[
    "has", "have", "had", "was", "were", "is", "are", "would", "will", "also", "then", "later", "publicly", "officially", "reportedly",
    "repeatedly", "consistently", "jointly", "both", "harshly", "strongly", "immediately", "once", "again", "recently", "previously",
    "subsequently", "formally", "further", "firmly", "openly", "quickly", "initially", "even", "already", "still", "continued", "to",
    "allegedly", "privately", "separately", "all", "each", "too", "swiftly", "explicitly", "vehemently", "sharply", "angrily",
    "since", "frequently", "often", "long", "had", "previously", "successfully", "unanimously",
    // "is scheduled to visit", "was expected to arrive": the subject of the plan travels.
    "scheduled", "expected", "slated", "due", "set",
];

/// Nouns that stand for a country's government when a country or demonym precedes them.
const GOVERNMENT: &[&str] = &["government", "authorities", "administration", "leadership", "regime", "side", "officials"];

/// Subjects that name two parties without naming them ("both sides", "the two countries").
/// Two people just named, as a subject.
const PERSON_PAIRS: &[&str] = &[
    "both leaders", "two leaders", "both men", "two men", "both women", "the two women", "both presidents", "two presidents", "both ministers", "two ministers",
    // (Only with the article: "two officials said" are unnamed sources, "the two officials" the
    // two just named.)
    "both officials", "the two officials", "both envoys", "the two envoys", "both advisers", "the two advisers", "both diplomats", "the two diplomats",
];

const PAIRS: &[&str] = &[
    "both sides", "both countries", "both governments", "both nations", "both koreas", "two sides", "two countries", "two governments",
    "two nations", "two koreas", "two states", "both parties", "two parties",
];

/// Prepositions that make the entity after them an object, not a subject.
const PREPS: &[&str] = &["of", "in", "to", "with", "by", "from", "for", "against", "on", "at", "into", "between", "over", "about", "toward", "towards"];

/// Prepositions whose object never speaks, even after an article ("a report to the Security
/// Council", "talks on the Korea issue"); "by", "from", "in" and "with" are left out: "a
/// statement from the White House said", "an editorial in the Global Times called".
const OBJECT_PREPS: &[&str] = &["to", "into", "toward", "towards", "against", "on", "at", "over", "about", "between", "for"];

/// Whether the words before an entity (nearest first) are an article after a preposition whose
/// object it is.
fn object_of_article(w: &[(usize, usize, String)]) -> bool {
    matches!(w, [(_, _, a), (_, _, p), ..] if matches!(a.to_lowercase().as_str(), "the" | "a" | "an") && OBJECT_PREPS.contains(&p.to_lowercase().as_str()))
}

pub fn words_before(s: &Sentence, p: usize) -> Vec<(usize, usize, String)> {
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
pub fn hit_ending<'a>(s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let mut q = p;
    while q > 0 && s.orig[q - 1] == ' ' {
        q -= 1;
    }
    s.entities.iter().rfind(|e| e.end == q)
}

/// Verbs that hand their subject to the verb after "to" ("went on to claim").
const CATENATIVES: &[&str] = &["went on to ", "goes on to ", "go on to ", "continued to ", "continues to ", "proceeded to "];

/// Skips auxiliaries and adverbs before `p` (the verb); returns where the subject must end.
pub fn skip_fillers(s: &Sentence, mut p: usize) -> usize {
    loop {
        // "North Korea went on to claim", "he continued to insist": the subject stands before
        // the catenative verb.
        let lead = s.sh(p.saturating_sub(16), p);
        if let Some(w) = CATENATIVES.iter().find(|w| lead.ends_with(**w) && lead[..lead.len() - w.len()].ends_with(' ')) {
            p -= w.chars().count();
            continue;
        }
        let w = words_before(s, p);
        match w.first() {
            Some((a, _, word)) if FILLERS.contains(&word.to_lowercase().as_str()) || (word.ends_with("ly") && word.len() > 4 && word.chars().all(|c| c.is_lowercase())) => {
                p = *a;
            }
            _ => {
                // "North Korea on Monday accused …": a time phrase between subject and verb.
                let mut q = p;
                while q > 0 && s.orig[q - 1] == ' ' {
                    q -= 1;
                }
                // (Not after an "of" complement: "The top leaders of China and the DPRK on
                // Thursday reaffirmed" is the leaders speaking, not the countries.)
                let complement = |at: usize| {
                    let lead = s.text(0, at);
                    let clause = lead.rsplit([',', ';', ':']).next().unwrap_or(&lead);
                    clause.contains(" of ")
                };
                match s.dates.iter().find(|d| d.end == q && d.start < q && d.start > 0 && s.orig[d.start - 1] == ' ' && !complement(d.start)) {
                    Some(d) => p = d.start,
                    None => return p,
                }
            }
        }
    }
}

/// Coordinated subjects ending at `e` ("Iran and North Korea", "the DPRK and the government of
/// South Korea"): the hits, first to last.
pub fn coordinated<'a>(r: &Cx, s: &'a Sentence, last: &'a EntityHit) -> Vec<&'a EntityHit> {
    let mut out = vec![last];
    let mut cur = last;
    loop {
        // A person's title and its country stand in front of the name ("China's president Hu
        // Jintao and the DPRK's supreme leader Kim Jong-il"): the coordination is before them.
        let from = if r.ent(cur.entity).kind == "person" { title_start(r, s, cur) } else { cur.start };
        let Some(prev) = s.entities.iter().rfind(|e| e.end <= from && is_actor(r, e)) else { break };
        let gap: String = s.orig[prev.end..from].iter().collect::<String>().to_lowercase();
        let gap = gap.trim();
        // A bare comma lists only before an "and" ("Iran, Syria and North Korea"); alone it
        // ends a clause ("… meet U.S. officials, China said").
        let kinds: &[&str] = if out.len() >= 2 { &[",", "and", ", and", "&"] } else { &["and", ", and", "&"] };
        let linked = kinds.iter().any(|k| {
            gap.strip_prefix(k).is_some_and(|rest| {
                let rest = rest.trim();
                let rest = rest.strip_prefix("the").map(str::trim).unwrap_or(rest);
                let rest = rest.strip_prefix("both").map(str::trim).unwrap_or(rest);
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

/// Where a person's noun phrase starts: before lower-case title words and a country (or its
/// possessive) written in front of the name ("the DPRK's supreme leader Kim Jong-il").
fn title_start(r: &Cx, s: &Sentence, e: &EntityHit) -> usize {
    let mut p = e.start;
    let mut words = 0;
    for (a, _, w) in words_before(s, e.start) {
        let lw = w.to_lowercase();
        if words < 4 && w.chars().all(|c| c.is_lowercase()) && !["and", "or", "but", "while", "which", "who"].contains(&lw.as_str()) && !PREPS.contains(&lw.as_str()) {
            p = a;
            words += 1;
            continue;
        }
        if (w == "'s" || w == "’s" || w == "s") && words < 5 {
            continue;
        }
        if w == "'" || w == "’" {
            continue;
        }
        break;
    }
    // A capitalized office written right before the name ("Laotian President Thongloun",
    // "Cuban Vice President Salvador Valdes Mesa"): the longest title ending there.
    if p == e.start {
        let from = e.start.saturating_sub(40);
        let window = s.text(from, e.start);
        let end = window.trim_end().chars().count();
        if end < window.chars().count() {
            let hit = r.names.titles.find_str(&window).into_iter().filter(|t| t.end == end && t.item.role == "office").map(|t| t.start).min();
            if let Some(a) = hit.filter(|a| *a == 0 || window.chars().nth(a - 1).is_some_and(|c| c == ' ')) {
                p = from + a;
            }
        }
    }
    if p == e.start {
        return p;
    }
    // The country (or its possessive) right before the title words.
    let mut q = p;
    while q > 0 && s.orig[q - 1] == ' ' {
        q -= 1;
    }
    let q = if s.orig[..q].ends_with(&['\'', 's']) || s.orig[..q].ends_with(&['’', 's']) { q - 2 } else { q };
    match hit_ending(s, q).filter(|h| r.ent(h.entity).kind == "country") {
        Some(c) => {
            let w = words_before(s, c.start);
            if w.first().is_some_and(|x| x.2.eq_ignore_ascii_case("the")) { w[0].0 } else { c.start }
        }
        None => p,
    }
}

/// The subject hit(s) of a verb at `q`, or why there are none.
pub enum Subject<'a> {
    Hits(Vec<&'a EntityHit>),
    Pronoun(String, usize),
    Unnamed(String),
    None,
}

pub fn subject<'a>(r: &Cx, s: &'a Sentence, q: usize) -> Subject<'a> {
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
                // ", North Korea's foreign minister,": a country's possessive, then lower case.
                let at = inner[..c + 1].chars().count() + (inner[c + 1..].len() - app.len());
                let poss_office = s.entities.iter().any(|e| {
                    e.start == at && r.ent(e.entity).kind == "country" && {
                        let tail: String = s.orig[e.end..(e.end + 3).min(s.len())].iter().collect();
                        (tail.starts_with("'s ") || tail.starts_with("’s ")) && s.orig.get(e.end + 3).is_some_and(|x| x.is_lowercase())
                    }
                });
                // (Or a capitalized office after a person's name: "Mr. OTAKA Masato, Deputy
                // Minister for Foreign Affairs, visited Seoul".)
                let before_c = inner[..c].chars().count();
                let after_name = s.entities.iter().any(|e| e.end == before_c && is_person(r, e));
                let titled = r.names.titles.find_str(app).iter().any(|t| t.start == 0 && t.item.role == "office") && after_name;
                // (Or an office read as an unnamed role, "North Korea's foreign minister",
                // right after a name: it describes that person.)
                let inner_end = inner.chars().count();
                let role_app = after_name && s.entities.iter().any(|e| e.start == at && e.end == inner_end && r.ent(e.entity).kind == "role");
                if (app.chars().next().is_some_and(|x| x.is_lowercase()) || poss_office || titled || role_app) && !app.contains(['"', '“']) {
                    p = inner[..c].chars().count();
                    continue;
                }
                // "The prime minister of Malta, X Y, toured": the name set off after its
                // office is the subject.
                let end = inner.chars().count();
                if s.entities.iter().any(|e| e.start == at && e.end == end && is_person(r, e)) {
                    p = end;
                    break;
                }
            }
        }
        break;
    }
    // ("It has, however, said": the auxiliary before the apposition too.)
    if p != q {
        p = skip_fillers(s, p);
    }
    // "The Russian Embassy in Pyongyang said": a body's seat after it is part of its name.
    if let Some(place) = hit_ending(s, p).filter(|h| r.ent(h.entity).kind == "place") {
        let w = words_before(s, place.start);
        if let Some((a, _, _)) = w.first().filter(|(_, _, x)| x == "in") {
            if let Some(body) = hit_ending(s, *a).filter(|h| matches!(r.ent(h.entity).kind.as_str(), "org" | "role")) {
                return Subject::Hits(vec![body]);
            }
        }
    }
    // "The expert panel’s 40-page report to the Security Council, seen by reporters, described":
    // the author of the document that is the subject.
    if let Some(e) = document_author(r, s, p) {
        return Subject::Hits(vec![e]);
    }
    // "NATO leaders called for", "EU officials said": the members of an international body
    // speak for it (a country's officials are an unnamed group of their own, read as a role;
    // a body found only in this text, "Foreign Ministry officials", has no known membership).
    if let Some((a, _, w)) = words_before(s, p).first() {
        if matches!(w.as_str(), "leaders" | "officials" | "ministers" | "members") {
            if let Some(h) = hit_ending(s, *a).filter(|h| h.entity < r.r.entities.len() && r.ent(h.entity).kind == "org" && r.ent(h.entity).country.is_empty()) {
                return Subject::Hits(vec![h]);
            }
        }
    }
    if let Some(h) = hit_ending(s, p).filter(|h| is_actor(r, h) || r.capital_country(h.entity).is_some()) {
        // An object of a preposition is not a subject ("with China announced …" is rare; "of
        // China" before a verb is part of a longer subject we cannot read).
        let w = words_before(s, h.start);
        // "Analyst Hannah Osterberg of the Brookings Institution said": the person before "of"
        // is the subject, the body is where they work.
        let of_at = match w.as_slice() {
            [(_, _, t), (a, _, o), ..] if t == "the" && o == "of" => Some(*a),
            [(a, _, o), ..] if o == "of" => Some(*a),
            _ => None,
        };
        if let Some(person) = of_at.and_then(|a| hit_ending(s, a)).filter(|x| is_person(r, x)) {
            return Subject::Hits(vec![person]);
        }
        let prep = w.first().is_some_and(|(_, _, x)| PREPS.contains(&x.to_lowercase().as_str())) || object_of_article(&w);
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
    // "…, Ghana, which accused it of …": the body before the relative pronoun.
    if let Some((a, _, word)) = w.first() {
        if matches!(word.as_str(), "which" | "who") {
            let before: String = s.orig[..*a].iter().collect();
            if before.trim_end().ends_with(',') {
                let comma = before.trim_end().chars().count() - 1;
                // "met Pak Thae Song, premier of the DPRK cabinet, who arrived …": past the
                // apposition, the person it describes.
                if word == "who" {
                    let person = s.entities.iter().rev().find(|e| e.end <= comma && is_person(r, e)).filter(|p| {
                        let gap = s.text(p.end, comma);
                        gap.is_empty() || gap.starts_with(", ") && !gap[2..].contains([',', ';', '.', '"', '“']) && gap.split_whitespace().count() <= 8
                    });
                    if let Some(p) = person {
                        return Subject::Hits(vec![p]);
                    }
                }
                if let Some(h) = hit_ending(s, comma).filter(|h| is_actor(r, h)) {
                    return Subject::Hits(vec![h]);
                }
            }
        }
    }
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
    // "Both leaders vowed", "the two men agreed": the last two people named.
    if PERSON_PAIRS.iter().any(|x| np.ends_with(x)) {
        return Subject::Pronoun("both people".into(), w[..w.len().min(2)].last().map(|x| x.0).unwrap_or(p));
    }
    // "the three leaders recommitted": the last three people named.
    if ["three leaders", "three men", "three presidents", "three ministers"].iter().any(|x| np.ends_with(x)) {
        return Subject::Pronoun("three people".into(), w[..w.len().min(2)].last().map(|x| x.0).unwrap_or(p));
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
pub fn dateline_end(s: &Sentence, q: usize) -> usize {
    let head: String = s.orig[..q.min(s.len())].iter().collect();
    if let Some(i) = head.find(" -- ").or_else(|| head.find(" — ")).filter(|&i| i < 80) {
        return head[..i].chars().count() + 4;
    }
    // "TOKYO (AFP) - …", "SEOUL, Sept 27 (Reuters) – …": a single dash after an agency's name in
    // parentheses, or after a place written in capitals.
    for dash in [" - ", " – "] {
        if let Some(i) = head.find(dash).filter(|&i| i < 80) {
            let lead = head[..i].trim_end();
            let caps = lead.split([',', ' ']).next().is_some_and(|w| w.chars().count() >= 3 && w.chars().all(|c| c.is_uppercase() || c == '.'));
            if lead.ends_with(')') || caps {
                return head[..i].chars().count() + dash.chars().count();
            }
        }
    }
    0
}

/// The main clause's subject for a participle: the first actor of the sentence not governed by
/// a preposition and not inside quotes.
pub fn main_subject<'a>(r: &Cx, s: &'a Sentence, q: usize) -> Vec<&'a EntityHit> {
    let from = dateline_end(s, q);
    // "…, and the DPRK does not recognise the state of Israel, denouncing it …": the clause the
    // participle hangs on starts at the last coordinating boundary; its subject comes first.
    if let Some(b) = clause_boundary(s, from, q) {
        let found = first_subject(r, s, b, q);
        if !found.is_empty() {
            return found;
        }
    }
    first_subject(r, s, from, q)
}

/// The subject of the clause holding `q` when a coordinating or concessive boundary opens it
/// ("…, although China has boycotted the proceedings and says it will ignore it": China), else
/// nothing.
pub fn clause_subject<'a>(r: &Cx, s: &'a Sentence, q: usize) -> Vec<&'a EntityHit> {
    clause_boundary(s, dateline_end(s, q), q).map(|b| first_subject(r, s, b, q)).unwrap_or_default()
}

/// The first actor in `[from, q)` not governed by a preposition, not a possessive and not inside
/// quotes, with what is coordinated to it.
fn first_subject<'a>(r: &Cx, s: &'a Sentence, from: usize, q: usize) -> Vec<&'a EntityHit> {
    for e in s.entities.iter().filter(|e| e.start >= from && e.end <= q && is_actor(r, e) && !inside_quotes(s, e.start)) {
        // "presided over by Xi Jinping, China’s leader": an office in apposition to a name is
        // that name's, and goes where it goes (here, with the agent of a passive).
        let apposition = r.ent(e.entity).kind == "role" && s.entities.iter().any(|p| p.end + 2 == e.start && s.sh(p.end, e.start) == ", " && super::is_person(r, p));
        if apposition {
            continue;
        }
        let w = words_before(s, e.start);
        let prep = w.first().is_some_and(|(_, _, x)| PREPS.contains(&x.to_lowercase().as_str()) || x == "'s") || object_of_article(&w);
        let possessive = s.orig.get(e.end).is_some_and(|c| *c == '\'' || *c == '’');
        // "The expert panel’s 66-page report … also detailed": the author of a document is
        // what the sentence is about.
        if !prep && possessive && authors_document(s, e.end) {
            return vec![e];
        }
        if !prep && !possessive {
            // "North Korean Ambassador Ri Pyong Du visited …": the country is the person's title.
            let e = titled_person(r, s, e, q).unwrap_or(e);
            return coordinated_forward(r, s, e, q, false);
        }
    }
    Vec::new()
}

/// Nouns of documents whose author speaks through them ("the panel’s report said").
pub const DOCUMENT_NOUNS: [&str; 12] = ["report", "study", "survey", "statement", "schedule", "data", "figures", "analysis", "estimate", "estimates", "assessment", "statistics"];

/// Whether a possessive ending at `end` ("’s") governs a document noun, with at most two
/// modifiers between ("’s 66-page report", "’s latest annual survey").
fn authors_document(s: &Sentence, end: usize) -> bool {
    let t = s.text(end, (end + 60).min(s.len()));
    let Some(t) = t.strip_prefix("'s ").or_else(|| t.strip_prefix("’s ")) else { return false };
    let words: Vec<&str> = t.split(|c: char| !(c.is_alphanumeric() || c == '-')).take(3).collect();
    let modifier = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c.is_ascii_digit() || c == '-');
    (0..words.len()).any(|i| DOCUMENT_NOUNS.contains(&words[i]) && words[..i].iter().all(|w| modifier(w)))
}

/// The actor whose document ends the noun phrase before `p` ("the panel’s report", "the
/// ministry’s annual survey of trade with China"): a possessive governing a document noun, with
/// no comma, quote or more than eight words between it and `p`.
fn document_author<'a>(r: &Cx, s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let e = s.entities.iter().filter(|e| e.end < p && is_actor(r, e) && !inside_quotes(s, e.start)).max_by_key(|e| e.end)?;
    let gap = s.text(e.end, p);
    // (The document noun stands before `p`: in "the panel’s report to …" the cue is not "report".)
    let named = gap.split(|c: char| !c.is_alphanumeric()).any(|w| DOCUMENT_NOUNS.contains(&w));
    (named && authors_document(s, e.end) && !gap.contains([',', ';', '"', '“', '”', '(']) && gap.split_whitespace().count() <= 8).then_some(e)
}

/// The start of the last coordinated clause before `q` (after ", and", ", but", "; ",
/// ", while", ", whereas"), if one opens after `from`.
fn clause_boundary(s: &Sentence, from: usize, q: usize) -> Option<usize> {
    let head: String = s.orig[from..q.min(s.len())].iter().collect();
    [", and ", ", but ", "; ", ", while ", ", whereas ", ", although ", ", though "]
        .iter()
        .filter_map(|k| head.rfind(k).map(|i| from + head[..i + k.len()].chars().count()))
        .max()
}

/// A person whose title words sit between a country hit and the name ("North Korean Ambassador
/// Ri Pyong Du", "China's special envoy Song Tao", "the U.S. special envoy for North Korea, Sung
/// Kim,"): the country only modifies the title.
pub fn titled_person<'a>(r: &Cx, s: &'a Sentence, country: &EntityHit, limit: usize) -> Option<&'a EntityHit> {
    if r.ent(country.entity).kind != "country" {
        return None;
    }
    // ("Chinese Ambassador to South Korea Dai Bing": the country of the posting may stand
    // inside the title.)
    let mut posted: Vec<(usize, usize)> = Vec::new();
    let p = s.entities.iter().filter(|e| e.start >= country.end && e.end <= limit).find(|e| {
        // (Or the country the office is for: "the U.S. special envoy for North Korea, Sung Kim".)
        let lead = if s.sh(e.start.saturating_sub(4), e.start) == " to " { 4 } else if s.sh(e.start.saturating_sub(5), e.start) == " for " { 5 } else { 0 };
        let at_post = r.ent(e.entity).kind == "country" && lead > 0 && posted.is_empty();
        if at_post {
            posted.push((e.start - lead, e.end));
        }
        !at_post
    })?;
    if r.ent(p.entity).kind != "person" {
        return None;
    }
    let gap: String = (country.end..p.start).filter(|i| !posted.iter().any(|(a, b)| i >= a && i < b)).map(|i| s.orig[i]).collect();
    let gap = gap.strip_prefix("'s").or_else(|| gap.strip_prefix("’s")).unwrap_or(&gap).trim();
    // ("The U.S. special envoy, Sung Kim,": the name in apposition to the whole title.)
    let gap = gap.strip_suffix(',').map_or(gap, str::trim_end);
    let letters = gap.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 || gap.contains([',', ';', '(', '"']) || gap.split_whitespace().count() > 5 {
        return None;
    }
    let covered: usize = r.names.titles.find_str(gap).iter().map(|h| gap.chars().skip(h.start).take(h.end - h.start).filter(|c| c.is_alphabetic()).count()).sum();
    (covered == letters).then_some(p)
}

/// The actors coordinated after `first` ("X and Y", "X, Y and Z"), up to `limit`.
///
/// With `closed_lists`, members joined by a bare comma count only when an "and" closes the list
/// ("according to X, Y and Z"): "according to Yonhap, South Korean officials said" is two
/// clauses. Without it a comma also joins an apposition ("the premier of the DPRK, Pak Pong Ju,").
pub fn coordinated_forward<'a>(r: &Cx, s: &'a Sentence, first: &'a EntityHit, limit: usize, closed_lists: bool) -> Vec<&'a EntityHit> {
    let mut out = vec![first];
    let mut cur = first;
    let mut open_comma: Option<usize> = None;
    while let Some(next) = s.entities.iter().find(|e| e.start >= cur.end && e.end <= limit && is_actor(r, e)) {
        let gap: String = s.orig[cur.end..next.start].iter().collect::<String>().to_lowercase();
        let g = gap.trim();
        if !(g == "and" || g == "," || g == ", and" || g == "and the" || g == "and the government of") || out.len() >= 4 {
            break;
        }
        if g == "," {
            open_comma.get_or_insert(out.len());
        } else {
            open_comma = None;
        }
        // "… and the DPRK's premier Hong Song Gi": the person after the country's title.
        let titled = s.entities.iter().find(|e| e.start >= next.end && e.end <= limit && r.ent(e.entity).kind == "person" && title_start(r, s, e) <= next.start);
        let next = match titled {
            Some(p) if r.ent(next.entity).kind == "country" => p,
            _ => next,
        };
        out.push(next);
        cur = next;
    }
    if let Some(n) = open_comma.filter(|_| closed_lists) {
        out.truncate(n);
    }
    out
}

