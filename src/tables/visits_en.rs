//! English visits: a travel verb ("visited", "traveled to", "made a state visit to", "arrived
//! in") whose subject is a person (the subject of its clause, read like a statement's speaker)
//! and whose object is a country or place ("visited Pyongyang", "visited certain EU member
//! states, including Belgium, Italy … and Sweden": one row per host named).

use super::clause_en::{subject, Subject};
use super::visits::VisitRec;
use super::{date_for, evidence, inside_quotes, is_person, is_place, trunc, Cx};
use crate::normalize::date::Precision;
use crate::normalize::{Annotated, EntityHit, Sentence};
use crate::reference::{Hit, Term};
use regex::Regex;
use std::sync::LazyLock;

/// A light verb before a noun form of a visit ("made a state visit to", "paid his first visit
/// to", "led a high-level delegation to"; a headline drops the article: "to make state visit"):
/// the subject stands before the light verb.
static RE_LIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:made|paid|began|ended|undertook|completed|concluded|makes|pays|make|pay|led|headed|leads|heads)\s+(?:(?:a|an|his|her|their|its|the)\s+)?(?:[a-z-]+\s+|[A-Z][a-z]+\s+){0,3}$").expect("valid")
});

/// "became the first Chinese leader to visit", "was the only foreign head of state to travel
/// to": an accomplished trip told as a record, not a plan; the subject stands before the
/// copula, and only a modal before that makes it a plan ("will become the first … to visit").
static RE_FIRST_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:became|becomes|become|becoming|was|is|were|are|be)\s+(?:the\s+|their\s+|its\s+)?(?:first|second|third|fourth|fifth|last|only|latest)\b[^,;.:]{0,60}?\bto\s+$").expect("valid")
});

/// An opening phrase ending in a visit noun: "During a 2000 visit to", "On his first visit to".
static RE_OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.;]\s*|\]\s*)(?:During|On|In the course of|While on)\s+(?:a|an|his|her|their|the)\s+(?:[\w-]+\s+){0,3}$").expect("valid")
});

/// The person opening the main clause after the comma that follows `p` ("…, US Secretary of
/// State Madeleine Albright gave"): only capitalized title words may stand before the name.
fn main_clause_person<'a>(r: &Cx, s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let rest: String = s.orig[p.min(s.len())..].iter().collect();
    let comma = rest.find(',')?;
    let head = &rest[..comma];
    // Only the place's own words (and a date) before the comma.
    if head.split_whitespace().count() > 4 {
        return None;
    }
    person_after(r, s, p + head.chars().count() + 1)
}

/// "a visit by <titles> X" (or "the visit of Russia's Defence Minister X to …"): the person X
/// right after the visit noun and "by" or "of", with only capitalized title words (and
/// "of"/"the") between.
fn visit_by<'a>(r: &Cx, s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let after: String = s.orig[p.min(s.len())..(p + 4).min(s.len())].iter().collect();
    if after != " by " && after != " of " {
        return None;
    }
    person_after(r, s, p + 4)
}

/// Hosts of "a visit by X": the place after "to" right after the name, else the places written
/// after " in " earlier in the same clause ("closed its embassy in Ulaanbaatar during a visit by").
fn visit_by_hosts<'a>(r: &Cx, s: &'a Sentence, visit_at: usize, name_end: usize) -> Vec<&'a EntityHit> {
    let next: String = s.orig[name_end.min(s.len())..(name_end + 4).min(s.len())].iter().collect();
    if next == " to " {
        return hosts(r, s, name_end + 4);
    }
    let clause_start = (0..visit_at).rev().find(|&i| matches!(s.orig[i], ',' | ';' | ':')).map_or(0, |i| i + 1);
    s.entities
        .iter()
        .filter(|e| e.start >= clause_start + 3 && e.end <= visit_at && is_place(r, e))
        .filter(|e| s.orig[e.start - 3..e.start].iter().collect::<String>() == "in ")
        .take(1)
        .collect()
}

/// Words right before the verb that make it a plan rather than a trip.
const SCHEDULED: &[&str] = &["will", "would", "to", "plans", "due", "scheduled", "expected", "set"];

/// "left here on Saturday for Beijing", "departed Pyongyang for Moscow", "is scheduled to
/// depart for Beijing on Sunday": the place after "for" is the host.
static RE_LEFT_FOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:left|leaves|departed|departs|set off|set out|(?:to|will|would)\s+(?:leave|depart))(?:\s+(?:here|home|[A-Z][\w-]+))?(?:\s+(?:on|by|late|early|this|in)\b[^,.;]{0,30}?)?\s+for\s+").expect("valid")
});
/// "returned home on Thursday after a four-day visit to": the visit ended on the clause's date.
static RE_RETURN_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:returned|returns|came back|arrived back|arrived home|got back)\b[^.;]{0,60}\bafter\s+(?:a|an|his|her|their|the)\s+(?:(\w+)-day\s+)?(?:[a-z-]+\s+){0,2}$").expect("valid")
});
/// "wrapped up a three-day trip to North Korea on Saturday": the clause's date is the visit's
/// last day (the length, when given, dates its start).
static RE_END_OF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:wrapped up|wraps up|wound up|winds up|ended|ends|concluded|concludes|completed|completes|rounded off|finished|finishes)\s+(?:a|an|his|her|their|its|the)\s+(?:(\w+)-day\s+)?(?:[a-z-]+\s+){0,2}$").expect("valid")
});
/// True when the text before a visit word reports the return from it or its end (read by
/// [`sentence`]).
pub fn returns_after(before: &str) -> bool {
    RE_RETURN_AFTER.is_match(before) || RE_END_OF.is_match(before)
}
/// A length written before "-day" in digits or words (4, four).
fn day_count(word: &str) -> Option<i64> {
    word.parse::<i64>().ok().or_else(|| NUMBERS.iter().position(|w| *w == word.to_lowercase()).map(|i| i as i64 + 1))
}
/// "for a three-day visit", "for a 4-day official visit" after the travel verb.
static RE_FOR_DAYS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[^.;]|\.\s*\d){0,60}?\bfor\s+an?\s+(\w+)-day\s+(?:[a-z-]+\s+|[A-Z][a-z]+\s+){0,2}(?:visit|trip|tour|stay)\b").expect("valid"));
/// "… before returning home on Wednesday": the date after it is the trip's last day.
static RE_BEFORE_RETURN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bbefore\s+(?:returning|heading|flying|coming|going)\s+(?:home|back)\b[^,.;]{0,20}$").expect("valid"));
/// "…, and again in 1975": a second trip of the same traveller to the same place.
static RE_AGAIN: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[^.;]{0,80}?(,?\s+and\s+again\s+(?:in|on|during)\s+(?:the\s+)?)").expect("valid"));
const NUMBERS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
/// "arrived here": the host is the dateline's city.
static RE_HERE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:arrived|arrives|arriving|arrive)\s+here\b").expect("valid"));
/// "met Hu Chunlan, vice premier of …, who is on an official goodwill visit to": the person the
/// relative clause hangs on travels.
static RE_WHO_ON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r",\s+who\s+(?:is|was|are|were|has been|had been)\s+(?:(?:on|paying|making)\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,3})?$").expect("valid")
});

/// The person a ", who …" clause at `who` (char offset of the comma) refers to: the last person
/// before it that does not stand inside an "of" phrase of an apposition ("special envoy of
/// President Xi Jinping, who …" refers to the envoy).
fn relative_head<'a>(r: &Cx, s: &'a Sentence, who: usize) -> Option<&'a EntityHit> {
    s.entities.iter().rev().filter(|e| e.end <= who && who - e.end <= 160 && is_person(r, e)).find(|e| {
        let lead: String = s.orig[..e.start].iter().collect();
        let seg = lead.rsplit([',', ';', '(']).next().unwrap_or("");
        !seg.contains(" of ") && !seg.contains(" by ")
    })
}

/// "a delegation … led by Vice-Minister X": the head of the delegation travels.
static RE_LED_BY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:led|headed)\s+by\s+").expect("valid"));

/// Subjects that stand for the visitor just reported ("The delegation arrived …").
const VISITOR_ANAPHORS: &[&str] = &["the delegation", "the visiting delegation", "the visitors", "the guests", "the guest", "the visitor", "the party"];

/// Cross-sentence state: the last person named, for "he"/"she"; the dateline's place
/// ("PYONGYANG, May 12 (KCNA) --"), for "arrived here".
#[derive(Default, Clone)]
pub struct State {
    last_person: Option<usize>,
    /// The last visitor a sentence reported, for "The delegation arrived …".
    pub last_visitor: Option<usize>,
    dateline: Option<(String, String)>,
    /// Countries named so far, most recent last (distinct), for "the country".
    recent_countries: Vec<String>,
    /// Where the last trip the document reported went (host country, city), and the places
    /// named so far (country, city; most recent last), for "were also present at the event".
    pub last_trip: Option<(String, String)>,
    recent_places: Vec<(String, String)>,
}

impl State {
    /// The state at a document's start, with the document's dateline place (for "arrived here").
    pub fn with_dateline(d: Option<&super::dateline::Dateline>) -> Self {
        State { dateline: d.map(|d| (d.country.clone(), d.city.clone())), ..State::default() }
    }
}

/// Definite nouns for an event just told ("were also present at the event"): the event is
/// where the trip the document reports took place.
const EVENT_ANAPHORS: &[&str] = &[
    "the event", "the ceremony", "the celebration", "the celebrations", "the parade", "the festivities", "the occasion", "the gathering",
    "the reception", "the banquet", "the funeral", "the rally", "the commemoration", "the same event", "the same ceremony",
];

/// The host of an attendance whose object is an event just told ("Li Qiang and Medvedev were
/// also present at the event"): the last trip's host, with the latest city named in it. Only
/// when the sentence says the attendance was shared ("also", "too", "as well"), so the event is
/// the one just reported.
fn event_anaphor_host(s: &Sentence, st: &State, verb_start: usize, verb_end: usize) -> Option<(String, String)> {
    let next = s.sh(verb_end, (verb_end + 24).min(s.len())).to_lowercase();
    let next = next.trim_start();
    // ("X will also be attending.": an attendance with no object of its own is at the event
    // just told, as "the event" is.)
    let bare = next.is_empty() || next.starts_with(['.', ',', ';']);
    let noun = if bare { &"" } else { EVENT_ANAPHORS.iter().find(|w| next.starts_with(**w) && !next[w.len()..].starts_with(|c: char| c.is_alphanumeric()))? };
    let rest = s.sh(verb_end, s.len()).to_lowercase();
    let rest = rest.trim_start()[noun.len()..].trim_start();
    // ("at the ceremony in Hanoi" names its own place.)
    if rest.starts_with("in ") || rest.starts_with("held in ") || rest.starts_with("of ") {
        return None;
    }
    let lead = s.sh(verb_start.saturating_sub(16), verb_start).to_lowercase();
    let shared = lead.contains(" also ") || lead.ends_with(" also ") || rest.starts_with("too") || rest.starts_with("as well") || rest.starts_with(", too");
    if !shared {
        return None;
    }
    let (country, city) = st.last_trip.clone()?;
    let city = st.recent_places.iter().rev().find(|(c, _)| *c == country).map(|(_, x)| x.clone()).unwrap_or(city);
    Some((country, city))
}

fn host_of(r: &Cx, e: &EntityHit) -> (String, String) {
    let ent = r.ent(e.entity);
    let city = if ent.kind == "place" { if ent.city.is_empty() { ent.name_en.clone() } else { ent.city.clone() } } else { String::new() };
    (ent.country.clone(), city)
}

/// "to the North Korean capital of Pyongyang", "to the capital, Hanoi": the city after a capital
/// described before it (the gap, lower-cased).
static RE_CAPITAL_OF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:the|its|their)\s+(?:[a-z-]+\s+){0,3}capital(?:\s+city)?(?:\s+of|\s*,)$").expect("valid"));

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
    if !gap.trim().is_empty() && !["the", "neighboring", "neighbouring", "north", "south"].contains(&gap.trim()) && !RE_CAPITAL_OF.is_match(gap.trim()) {
        return Vec::new();
    }
    let mut out = vec![first];
    let mut cur = first;
    // Places joined by commas are a list only when an "and"/"or" closes it ("Belgium, Italy and
    // Sweden"); "to Pyongyang, US Secretary …" starts the next clause.
    let mut comma_only_at: Option<usize> = None;
    while let Some(n) = s.entities.iter().find(|e| e.start >= cur.end && is_place(r, e)) {
        let raw: String = s.orig[cur.end..n.start].iter().collect::<String>().to_lowercase();
        let g = raw.trim().trim_start_matches(',').trim().trim_start_matches("and").trim_start_matches("or ").trim().trim_start_matches("the").trim();
        if !g.is_empty() || out.len() >= 8 {
            break;
        }
        let t = raw.trim();
        if t == "," {
            comma_only_at.get_or_insert(out.len());
        } else if t.ends_with("and") || t.ends_with("or") || t.ends_with("and the") {
            comma_only_at = None;
        }
        out.push(n);
        cur = n;
    }
    if let Some(k) = comma_only_at {
        out.truncate(k);
    }
    // A city inside the country just named ("to China, Beijing") stays one host.
    out.dedup_by(|b, a| host_of(r, a).0 == host_of(r, b).0);
    out
}

/// "the meeting between Kim Jong Un and Vladimir Putin at the Vostochny Cosmodrome in
/// September 2023", "a summit in Hanoi between Kim and Trump": a meeting told as a noun, its
/// people after "between" (its place may stand before "between", group 1).
static RE_MEETING_BETWEEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:meeting|meetings|summit|talks)\s+(?:(?:in|at)\s+([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})\s+)?between\s+").expect("valid"));

/// What may stand between a meeting's people and its place: a verb of taking place
/// ("…, occurred in Singapore", "took place at").
static RE_MEETING_PLACE_LEAD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^,?\s*(?:(?:occurred|took place|was held|were held|held|happened)\s+)?(?:in|at)\s+(?:the\s+)?").expect("valid"));

/// Meetings told as a noun ("the summit between A and B in Singapore in June 2018"): each
/// participant whose country is not the place's was there. Only with a place after "at"/"in"
/// right after the people (or before "between") and a date of the meeting's own in the clause
/// or opening the sentence ("On 12 June 2018, the first meeting between …").
fn meeting_between(doc: &Annotated, r: &Cx, s: &Sentence, text: &str, b2c: &[usize], out: &mut Vec<VisitRec>) {
    for c in RE_MEETING_BETWEEN.captures_iter(text) {
        let m = c.get(0).expect("match");
        let (ms, p) = (b2c[m.start()], b2c[m.end()]);
        if inside_quotes(s, ms) {
            continue;
        }
        // The people: names joined by "and" (titles and appositive commas allowed before each:
        // "between North Korea's leader, Kim Jong-un, and US President, Donald Trump,"), up to
        // the place.
        let mut people: Vec<&EntityHit> = Vec::new();
        let mut at = p;
        while let Some(e) = s.entities.iter().find(|e| e.start >= at && is_person(r, e)) {
            let gap = s.sh(at, e.start);
            let word_ok = |w: &str| {
                let w = w.trim_matches(',');
                w.is_empty() || w == "and" || matches!(w, "of" | "the") || w.chars().next().is_some_and(|c| c.is_uppercase()) || r.names.is_title(w)
            };
            let words_ok = gap.split_whitespace().all(word_ok);
            if gap.contains([';', '.']) || !words_ok || gap.chars().count() > 50 || people.len() >= 4 {
                break;
            }
            people.push(e);
            at = e.end;
        }
        if people.len() < 2 {
            continue;
        }
        let before_place = c.get(1).map(|g| b2c[g.start()]).and_then(|g| s.entities.iter().find(|e| e.start == g && is_place(r, e)));
        let place = before_place.or_else(|| {
            let after = s.sh(at, (at + 40).min(s.len()));
            let skip = RE_MEETING_PLACE_LEAD.find(&after).map(|x| after[..x.end()].chars().count())?;
            s.entities.iter().find(|e| e.start == at + skip && is_place(r, e))
        });
        let Some(place) = place else { continue };
        let opening = s.dates.iter().find(|d| d.end <= ms && s.sh(0, d.start).trim().trim_end_matches(|c: char| c.is_alphabetic()).trim().is_empty() && s.sh(d.end, ms).trim_start_matches(',').split_whitespace().count() <= 3);
        let Some(date) = super::date_after(s, place.end.max(at)).or_else(|| s.dates.iter().find(|d| d.end <= ms && ms - d.end <= 6)).or(opening) else { continue };
        let (host, city) = host_of(r, place);
        for e in people {
            let visitor = r.ent(e.entity);
            if visitor.country.is_empty() || visitor.country == host {
                continue;
            }
            out.push(VisitRec {
                visitor: visitor.clone(),
                role: role_before(r, s, e.start),
                host: host.clone(),
                city: city.clone(),
                start: Some(date.date),
                end: date.end_date,
                scheduled: false,
                purpose: trunc(&s.text(ms, s.len()), 200),
                evidence: vec![evidence(doc, s, ms, place.end, "visit:en:meeting-between")],
                explicit: true,
                travel: false,
                generic: false,
            });
        }
    }
}

/// Reads the visits of one English sentence.
pub fn sentence(doc: &Annotated, r: &Cx, s: &Sentence, st: &mut State, topic: Option<&EntityHit>, out: &mut Vec<VisitRec>) {
    let mut hits = super::terms(&r.visit_terms, s);
    // Travel written as "left … for X" and "arrived here": synthetic hits over the phrase.
    let text: String = s.orig.iter().collect();
    let b2c = crate::model::byte_to_char(&text);
    let mut here_hosts: Vec<(usize, (String, String))> = Vec::new();
    for m in RE_HERE.find_iter(&text) {
        if let Some(d) = st.dateline.clone() {
            here_hosts.push((b2c[m.start()], d));
            hits.push(synthetic(b2c[m.start()], b2c[m.end()], true));
        }
    }
    for m in RE_LEFT_FOR.find_iter(&text) {
        hits.push(synthetic(b2c[m.start()], b2c[m.end()], false));
    }
    if text.contains(" between ") {
        meeting_between(doc, r, s, &text, &b2c, out);
    }
    // "Kim Jong Un hosted Chinese President Xi Jinping in Pyongyang": the guest travels.
    let mut hosted_at: Vec<(usize, &EntityHit)> = Vec::new();
    for m in RE_HOSTED.find_iter(&text) {
        let (a, b) = (b2c[m.start()], b2c[m.end()]);
        if let Some(guest) = person_after(r, s, b) {
            hosted_at.push((a, guest));
            hits.push(Hit { start: a, end: b, item: &HOSTED });
        }
    }
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    for h in hits.iter().filter(|h| matches!(h.item.role.as_str(), "visit" | "visit_passive" | "visit_attend")) {
        if inside_quotes(s, h.start) {
            continue;
        }
        let passive = h.item.role == "visit_passive";
        let attend = h.item.role == "visit_attend";
        let mut guest = hosted_at.iter().find(|(a, _)| *a == h.start && std::ptr::eq(h.item, &*HOSTED)).map(|(_, g)| *g);
        // "met visiting Lao Deputy Prime Minister X in Beijing": "visiting" describes the
        // person after it, who is the guest; the one who met them stays home.
        if h.item.term == "visiting" {
            let prev = super::clause_en::words_before(s, h.start).first().map(|w| w.2.to_lowercase()).unwrap_or_default();
            if ["met", "meets", "received", "receives", "hosted", "hosts", "welcomed", "welcomes", "greeted", "with", "the", "and"].contains(&prev.as_str()) {
                let next = s.entities.iter().find(|e| e.start >= h.end && e.start <= h.end + 60 && is_person(r, e) && !(h.end..e.start).any(|i| matches!(s.orig[i], ',' | ';' | '.')));
                match next {
                    Some(g) => guest = Some(g),
                    None => continue,
                }
            }
        }
        let before_verb: String = s.orig[..h.start].iter().collect();
        // "X was received by Y in Pyongyang": X travelled to the place after "in".
        if passive && !["was ", "were ", "is ", "are ", "being "].iter().any(|w| before_verb.ends_with(w)) {
            continue;
        }
        let mut event_anaphor = false;
        let mut hs: Vec<(String, String, usize)> = if let Some(g) = guest {
            // The place after "in" behind the guest's name, else the host's own country.
            let after: String = s.orig[g.end..(g.end + 4).min(s.len())].iter().collect();
            let place = (after == " in ").then(|| s.entities.iter().find(|e| e.start == g.end + 4 && is_place(r, e))).flatten();
            match place {
                Some(e) => vec![(host_of(r, e).0, host_of(r, e).1, e.end)],
                None => match subject(r, s, h.start) {
                    Subject::Hits(v) => v.iter().filter(|e| is_person(r, e)).take(1).map(|e| (r.ent(e.entity).country.clone(), String::new(), g.end)).collect(),
                    _ => Vec::new(),
                },
            }
        } else if passive || attend {
            let after: String = s.orig[h.end..(h.end + 80).min(s.len())].iter().collect();
            match after.find(" in ") {
                Some(i) if !after[..i].contains([',', ';']) => {
                    let at = h.end + after[..i].chars().count() + 4;
                    s.entities.iter().filter(|e| e.start == at && is_place(r, e)).map(|e| (host_of(r, e).0, host_of(r, e).1, e.end)).collect()
                }
                _ => match attend.then(|| event_anaphor_host(s, st, h.start, h.end)).flatten() {
                    Some((c, city)) => {
                        event_anaphor = true;
                        vec![(c, city, h.end)]
                    }
                    None => Vec::new(),
                },
            }
        } else if let Some((_, (c, city))) = here_hosts.iter().find(|(p, _)| *p == h.start) {
            vec![(c.clone(), city.clone(), h.end)]
        } else {
            hosts(r, s, h.end).into_iter().map(|e| (host_of(r, e).0, host_of(r, e).1, e.end)).collect()
        };
        // "Kim Dae-jung visited Kim Jong-il in Pyongyang": a person visited, the place after
        // "in" behind their name.
        if hs.is_empty() && h.item.term.starts_with("visit") {
            if let Some(g) = person_after(r, s, h.end) {
                let place = (s.sh(g.end, (g.end + 4).min(s.len())) == " in ").then(|| s.entities.iter().find(|e| e.start == g.end + 4 && is_place(r, e))).flatten();
                hs.extend(place.map(|e| (host_of(r, e).0, host_of(r, e).1, e.end)));
            }
        }
        // "during an official visit by South Korean President Kim Dae-jung (to Mongolia)": the
        // person after "by" travels; the host is named after "to", else "in" earlier in the clause.
        let by_visitor = visit_by(r, s, h.end);
        if let Some(v) = by_visitor {
            if hs.is_empty() {
                hs = visit_by_hosts(r, s, h.start, v.end).into_iter().map(|e| (host_of(r, e).0, host_of(r, e).1, e.end)).collect();
            }
        }
        // "Cuban leader Fidel Castro visited in 1986": a trip with no place named goes to the
        // country the document is about (the one it names most).
        let intransitive = h.item.term.starts_with("visit") && {
            let next: String = s.orig[h.end..].iter().collect();
            let next = next.trim_start();
            next.is_empty() || next.starts_with(['.', ',', ';']) || next.starts_with("in ") || next.starts_with("several") || next.starts_with("twice")
        };
        // "paid a visit to the country in 1988": the country named last before it that is not
        // the visitor's own (chosen per visitor below).
        let anaphoric = hs.is_empty() && {
            let next: String = s.orig[h.end..(h.end + 20).min(s.len())].iter().collect();
            ["the country", "that country", "the nation"].iter().any(|w| next.trim_start().starts_with(w))
        };
        // Only "the country" needs the countries named before it.
        let mut recent: Vec<String> = Vec::new();
        if anaphoric {
            recent = s.entities.iter().rev().filter(|e| e.end <= h.start && r.ent(e.entity).kind == "country").map(|e| r.ent(e.entity).country.clone()).collect();
            recent.extend(st.recent_countries.iter().rev().cloned());
            hs.push((ANAPHOR.into(), String::new(), h.end));
        }
        // "arrived in Pyongyang on April 11 for a three-day visit": the place was named before
        // the noun; the visit is that arrival's, not a trip to the document's topic.
        let place_before = s.entities.iter().any(|e| {
            e.end <= h.start
                && (r.ent(e.entity).kind == "place"
                    || r.ent(e.entity).kind == "country" && [" in ", " to "].iter().any(|w| s.sh(e.start.saturating_sub(4), e.start).ends_with(w)))
        });
        if hs.is_empty() && intransitive && !place_before {
            if let Some(t) = topic {
                // (The topic was named in another sentence: its offsets are not this one's.)
                hs.push((host_of(r, t).0, host_of(r, t).1, h.end));
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
        // (A cancelled, hoped-for or reported-as-possible trip, anywhere in its clause: "Hopes
        // for X's visit to Seoul were raised", "the visit was postponed".)
        let (ca, cb) = super::clause_at(s, h.start);
        if hits.iter().any(|n| super::visits::cancels(n, h, ca, cb)) {
            continue;
        }
        let mut verb_start = h.start;
        // (The light verb before a visit noun, read once: it moves the subject back and tells
        // the tense below.)
        let light = RE_LIGHT.find(&before);
        if let Some(m) = light {
            verb_start = before[..m.start()].chars().count();
        }
        if let Some(m) = RE_RETURN_AFTER.find(&before).or_else(|| RE_END_OF.find(&before)) {
            // The one who returned (or wrapped up the trip) is the subject of that verb.
            verb_start = before[..m.start()].chars().count();
        }
        // (A record: the words before its copula, "will be" read as "will".)
        let mut record_lead: Option<String> = None;
        if let Some(m) = RE_FIRST_TO.find(&before) {
            verb_start = before[..m.start()].chars().count();
            let lead: String = before[..m.start()].trim_end().to_lowercase();
            record_lead = Some(lead.strip_suffix(" be").unwrap_or(&lead).to_string());
        }
        if passive {
            // The subject stands before "was".
            verb_start = before.trim_end().rfind(' ').map(|i| before[..i].chars().count()).unwrap_or(0);
        }
        // "will pay a state visit": the word before the light verb counts too.
        let before_light = before_l.chars().take(verb_start).collect::<String>();
        // "will then travel", "is also expected to visit": an adverb may stand after the modal.
        let modal_before = |text: &str| {
            let mut w = text.split_whitespace().rev();
            let (last, prev) = (w.next().unwrap_or(""), w.next().unwrap_or(""));
            let adverb = last.ends_with("ly") || ["then", "also", "soon", "later", "next", "first", "again", "still"].contains(&last);
            SCHEDULED.contains(&last) || (adverb && SCHEDULED.contains(&prev))
        };
        let scheduled = match &record_lead {
            Some(lead) => modal_before(lead),
            None => modal_before(&before_l) || modal_before(&before_light) || h.item.term.contains("due"),
        };
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
                // "… was promised to Xi Jinping five years ago when he became …": the one person
                // named before the pronoun in its own sentence, else the last one before it.
                let mut named: Vec<usize> = s.entities.iter().filter(|e| e.end <= at && is_person(r, e) && !inside_quotes(s, e.start)).map(|e| e.entity).collect();
                named.dedup();
                match named.as_slice() {
                    [one] => visitors.push(*one),
                    _ => visitors.extend(st.last_person),
                }
                subj_start = at;
            }
            // "The delegation arrived in Pyongyang on October 12": the visitor just reported.
            Subject::Unnamed(np) if VISITOR_ANAPHORS.contains(&np.trim().to_lowercase().as_str()) => {
                visitors.extend(st.last_visitor);
            }
            // "X met Y on Wednesday and then went on to Laos": a second verb of the same
            // subject; the traveller is the clause's subject, not the object before "and".
            Subject::Unnamed(np) if np.ends_with(" and") || np == "and" => {
                let main = super::clause_en::main_subject(r, s, verb_start);
                if let Some(e) = main.iter().find(|e| is_person(r, e)) {
                    visitors.push(e.entity);
                    subj_start = e.start;
                }
            }
            _ => {}
        }
        if let Some(v) = by_visitor {
            visitors = vec![v.entity];
            subj_start = subj_start.min(h.start);
        }
        if let Some(g) = guest {
            visitors = vec![g.entity];
            subj_start = g.start;
        }
        // "Minister Sato welcomed Minister Batbold's visit to Japan": the possessor of the
        // visit noun travels, not the clause's subject.
        if h.item.term.starts_with(|c: char| c.is_lowercase()) && !h.item.term.ends_with("ed") {
            if let Some(e) = possessor(r, s, h.start).filter(|e| !visitors.contains(&e.entity)) {
                visitors = vec![e.entity];
                subj_start = e.start;
            }
        }
        // "During a 2000 visit to Pyongyang, US Secretary of State X gave …": the traveller is
        // the subject of the main clause after the opening phrase.
        // "A delegation … led by Vice-Minister X left here for …": the head travels.
        let lead: String = s.orig[..verb_start].iter().collect();
        if let Some(m) = RE_LED_BY.find_iter(&lead).last() {
            let from = lead[..m.end()].chars().count();
            let head = s.entities.iter().find(|e| e.start >= from && e.end <= verb_start && is_person(r, e)).filter(|e| {
                let gap: String = s.orig[from..e.start].iter().collect();
                // (titles only: "Vice Minister of Foreign Affairs")
                gap.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(w, "of" | "for" | "and" | "the")) && gap.chars().count() <= 60
            });
            if let Some(e) = head {
                visitors = vec![e.entity];
                subj_start = subj_start.min(e.start);
            }
        }
        // "Bokassa's first foreign visit was to Pyongyang", "Kim's 2018 trip to Beijing": the
        // possessor travels.
        if visitors.is_empty() {
            if let Some(e) = possessor(r, s, verb_start) {
                visitors.push(e.entity);
                subj_start = e.start;
            }
        }
        if visitors.is_empty() {
            if let Some(m) = RE_WHO_ON.find(&before) {
                if let Some(e) = relative_head(r, s, before[..m.start()].chars().count()) {
                    visitors.push(e.entity);
                    subj_start = e.start;
                }
            }
        }
        if visitors.is_empty() && RE_OPENING.is_match(&before) {
            if let Some(p) = main_clause_person(r, s, hs.last().map_or(h.end, |x| x.2)) {
                visitors.push(p.entity);
                subj_start = p.start;
            }
        }
        if visitors.is_empty() {
            continue;
        }
        // "Thursday's step comes ten days after X visited Beijing on May 13 and 14": a trip told
        // in a clause after a subordinator is dated by its own date after the verb, not by the
        // main clause's before it.
        let subordinate = {
            let lead = format!(" {} ", s.sh(0, subj_start).to_lowercase());
            [" after ", " before ", " since ", " following ", " when ", " until "].iter().any(|w| lead.contains(w))
        };
        let own_date = subordinate.then(|| super::date_after(s, h.end)).flatten();
        // (So is a second leg joined to the first: "arrived in Moscow on Oct. 31 before
        // flying to Minsk on Nov. 3".)
        let (start, end, explicit) = match (own_date, super::leg_date(s, h.start, h.end)) {
            (Some(d), _) => (Some(d.date), d.end_date, true),
            (None, Some((d, e))) => (Some(d), e, true),
            _ => date_for(s, h.start),
        };
        // "will travel to Shanghai before returning home on Wednesday": that date ends the trip;
        // it starts on the last date before the verb ("On next Tuesday, …"), a wire dateline's
        // excepted; with no such date the dates stay as read.
        let (start, end, explicit) = match s.dates.iter().find(|d| d.start >= h.end && Some(d.date) == start && RE_BEFORE_RETURN.is_match(&s.sh(h.end, d.start))) {
            Some(d) if end.is_none() && d.date.p == Precision::Day => {
                let first = s.dates.iter().rev().find(|e| e.end <= h.start && e.date.p == Precision::Day && e.date < d.date && !super::wire_dateline(s, e));
                match first {
                    Some(f) => (Some(f.date), Some(d.date), true),
                    None => (start, end, explicit),
                }
            }
            _ => (start, end, explicit),
        };
        // (A present-tense light verb, "leads a delegation to", "is in China", tells the
        // trip as under way, like "visits".)
        let light_present = light.is_some_and(|m| ["leads", "heads", "makes", "pays"].iter().any(|w| m.as_str().starts_with(w))) || h.item.term.starts_with("is ");
        // (After a past light verb the noun is no present tense: "made public visits to".)
        // (Nor after a possessive or a determiner: see `present_verb`.)
        let noun_after_light = light.is_some() && !light_present;
        let present = super::present_verb(&h.item.term, s, h.start) && !noun_after_light;
        let (mut start, mut end) = if !explicit { (super::undated_news(doc, s, start, present || super::ongoing(s, h.start) || light_present, super::perfect(s, h.start)), None) } else { (start, end) };
        // (The event just told is dated by the day the text is at.)
        if event_anaphor && !explicit {
            start = s.context.filter(|d| d.p == Precision::Day).or(start);
        }
        // "returned home on Thursday after a four-day visit to Russia": the date is the
        // return; the start is known only when the length is.
        let end_of = RE_END_OF.captures(&before);
        let ended = end_of.is_some();
        if let Some(c) = RE_RETURN_AFTER.captures(&before).or(end_of) {
            let from = before[..c.get(0).expect("match").start()].chars().count();
            // (A visit that ended is dated anywhere in its clause: "wrapped up … on Saturday".)
            let dated_here = s.dates.iter().any(|d| d.start >= from && d.end <= h.start) || ended;
            if dated_here && start.is_some_and(|d| d.p == Precision::Day) && end.is_none() {
                let days = c.get(1).and_then(|n| day_count(n.as_str()));
                end = start;
                start = days.filter(|n| (1..60).contains(n)).and_then(|n| start.map(|d| crate::normalize::date::PDate::day(d.first_day() - chrono::Duration::days(n - 1))));
            }
        }
        // "arrived in Moscow on Monday for a three-day visit": the visit's length gives its end.
        if end.is_none() && start.is_some_and(|d| d.p == Precision::Day) {
            let after: String = s.orig[h.end..].iter().collect();
            if let Some(c) = RE_FOR_DAYS.captures(&after) {
                let days = day_count(&c[1]);
                if let (Some(n), Some(d)) = (days.filter(|n| (2..60).contains(n)), start) {
                    end = Some(crate::normalize::date::PDate::day(d.first_day() + chrono::Duration::days(n - 1)));
                }
            }
        }
        // (A plan is kept only with its own time: a day, or a month it states, "next week",
        // "in March"; not a year.)
        if scheduled && (!explicit || start.is_none_or(|d| d.p == Precision::Year)) {
            continue;
        }
        // "visited Bulgaria in the 1950s, and again in 1975": two trips; the first is dated only
        // by a date before "and again".
        let mut occasions = vec![(start, end)];
        let after: String = s.orig[h.end..].iter().collect();
        if let Some(m) = RE_AGAIN.captures(&after).and_then(|c| c.get(1)) {
            let (at, to) = (h.end + after[..m.start()].chars().count(), h.end + after[..m.end()].chars().count());
            if let Some(d) = s.dates.iter().find(|d| d.start == to) {
                let first = s.dates.iter().find(|e| e.start >= h.end && e.end <= at);
                occasions = vec![(first.map(|e| e.date), first.and_then(|e| e.end_date)), (Some(d.date), d.end_date)];
            }
        }
        // "In 1949 and 1950 Kim traveled to Moscow": two years joined by "and", one of them the
        // trip's date, are two trips.
        if occasions.len() == 1 && explicit {
            let pair = s.dates.windows(2).find(|w| {
                w[0].date.p == Precision::Year && w[1].date.p == Precision::Year && w[0].end_date.is_none() && w[1].end_date.is_none() && (Some(w[0].date) == start || Some(w[1].date) == start) && s.sh(w[0].end, w[1].start) == " and "
            });
            if let Some(w) = pair {
                occasions = vec![(Some(w[0].date), None), (Some(w[1].date), None)];
            }
        }
        // The office before the name ("President X"), else one in apposition after it.
        let mut role = role_before(r, s, subj_start);
        if role.is_empty() {
            if let Some(e) = s.entities.iter().find(|e| e.start == subj_start) {
                role = role_after(r, s, e.end);
            }
        }
        // "will attend a parade in Beijing alongside Russia's Vladimir Putin": the one named
        // after "alongside" attends too.
        let along = if attend { alongside(r, s, h.end) } else { None };
        if let Some(a) = along.filter(|a| !visitors.contains(&a.entity)) {
            visitors.push(a.entity);
        }
        let several = visitors.len() > 1;
        for v in visitors {
            let visitor = r.ent(v);
            // "Cuban Vice President X and Laotian President Y": each person's own office.
            // ("Premier X and Y, Deputy Chairman of …,": Y's office is the one after the name.)
            let mine = several.then(|| s.entities.iter().filter(|e| e.entity == v && e.end <= h.start).last().or(along.filter(|a| a.entity == v))).flatten();
            let own = mine.map(|e| {
                let before = role_before(r, s, e.start);
                if before.is_empty() && e.start != subj_start { role_after(r, s, e.end) } else { before }
            });
            let role = match (own, mine) {
                (Some(x), _) if !x.is_empty() => x,
                (_, Some(e)) if e.start != subj_start => String::new(),
                _ => role.clone(),
            };
            // "Ambassador X attended a reception in <capital>": a resident envoy is at home there.
            if attend && role.to_lowercase().contains("ambassador") {
                continue;
            }
            for (country, city, host_end) in &hs {
                let (country, city) = if country == ANAPHOR {
                    (recent.iter().find(|c| **c != visitor.country).cloned().unwrap_or_default(), String::new())
                } else {
                    (country.clone(), city.clone())
                };
                if country.is_empty() || country == visitor.country {
                    continue;
                }
                st.last_trip = Some((country.clone(), city.clone()));
                for &(start, end) in &occasions {
                    out.push(VisitRec {
                        visitor: visitor.clone(),
                        role: role.clone(),
                        host: country.clone(),
                        city: city.clone(),
                        start,
                        end,
                        scheduled,
                        purpose: trunc(&s.text(h.start, s.len()), 200),
                        evidence: vec![evidence(doc, s, subj_start, (*host_end).max(h.end), "visit:en:verb")],
                        explicit: explicit && start.is_some(),
                        travel: true,
                        // The undated first of two trips is a trip of its own, not a mention
                        // of the dated one.
                        generic: start.is_none() && occasions.len() > 1,
                    });
                }
            }
        }
    }
    if let Some(e) = s.entities.iter().rev().find(|e| is_person(r, e) && !inside_quotes(s, e.start)) {
        st.last_person = Some(e.entity);
    }
    for e in s.entities.iter().filter(|e| r.ent(e.entity).kind == "country") {
        let c = r.ent(e.entity).country.clone();
        st.recent_countries.retain(|x| *x != c);
        st.recent_countries.push(c);
    }
    for e in s.entities.iter().filter(|e| r.ent(e.entity).kind == "place") {
        let p = host_of(r, e);
        st.recent_places.retain(|x| *x != p);
        st.recent_places.push(p);
    }
}

/// "X's first foreign visit was to": the person whose possessive stands right before `p`, with
/// at most three lower-case words or a year between.
fn possessor<'a>(r: &Cx, s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let e = s.entities.iter().rev().find(|e| e.end < p && is_person(r, e))?;
    let gap: String = s.orig[e.end..p].iter().collect();
    let rest = gap.strip_prefix("'s ").or_else(|| gap.strip_prefix("’s "))?;
    let words: Vec<&str> = rest.split_whitespace().collect();
    (words.len() <= 3 && words.iter().all(|w| w.chars().all(|c| c.is_lowercase() || c == '-') || (w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))))
        .then_some(e)
}

/// The host of "a visit to the country", resolved per visitor.
const ANAPHOR: &str = "<the country>";

static ARRIVED_HERE: LazyLock<Term> = LazyLock::new(|| Term { term: "arrived here".into(), role: "visit".into(), value: String::new() });
static LEFT_FOR: LazyLock<Term> = LazyLock::new(|| Term { term: "left for".into(), role: "visit".into(), value: String::new() });

static HOSTED: LazyLock<Term> = LazyLock::new(|| Term { term: "hosted".into(), role: "visit".into(), value: String::new() });
/// "hosted", "welcomed", "received": the host's verb; its object (a person) is the guest.
static RE_HOSTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:hosted|hosts|welcomed|welcomes|received|receives)\s+").expect("valid"));

/// The person named right after `p` with only capitalized title words (and "of"/"the")
/// before the name ("hosted Chinese President Xi Jinping", "a visit by Vice Premier X").
fn person_after<'a>(r: &Cx, s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let e = s.entities.iter().find(|e| e.start >= p && is_person(r, e))?;
    let gap: String = s.orig[p..e.start].iter().collect();
    let ok = gap.split_whitespace().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(w, "of" | "the"));
    (ok && gap.chars().count() <= 60).then_some(e)
}

static RE_ALONGSIDE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(?:alongside|along with|together with)\s+").expect("valid"));

/// The person named after "alongside" (or "along with", "together with") in the clause after
/// an attendance verb ending at `p`, with only capitalized words before the name ("alongside
/// Russia's Vladimir Putin").
fn alongside<'a>(r: &Cx, s: &'a Sentence, p: usize) -> Option<&'a EntityHit> {
    let rest = s.text(p, s.len());
    let clause = &rest[..rest.find([';', ',', '.']).unwrap_or(rest.len())];
    let m = RE_ALONGSIDE.find(clause)?;
    person_after(r, s, p + clause[..m.end()].chars().count())
}

/// A hit for a travel phrase read by a pattern rather than the lexicon.
fn synthetic(start: usize, end: usize, here: bool) -> Hit<'static, Term> {
    Hit { start, end, item: if here { &ARRIVED_HERE } else { &LEFT_FOR } }
}

/// The office in apposition right after a name ("Sun Weidong, vice minister of foreign affairs
/// of China," → "vice minister of foreign affairs of China"): the phrase up to the next comma,
/// when it opens with an office from `name_titles.csv`.
fn role_after(r: &Cx, s: &Sentence, p: usize) -> String {
    let rest: String = s.orig[p.min(s.len())..].iter().collect();
    let Some(rest) = rest.strip_prefix(", ") else { return String::new() };
    let body = rest.strip_prefix("the ").unwrap_or(rest);
    let phrase: String = body.split([',', ';', '(', ')']).next().unwrap_or("").trim_end_matches('.').trim().to_string();
    let opens = r.names.titles.find_str(&phrase).into_iter().any(|t| t.item.role == "office" && t.start == 0);
    if opens && phrase.chars().count() <= 100 { phrase } else { String::new() }
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
