//! English attribution. A cue verb's speaker is the subject of its clause: the named entity
//! (gazetteer or extracted) right before the verb, past auxiliaries and adverbs ("has
//! consistently voiced"), appositions (", a former official,") and parentheses; coordinated
//! subjects ("Iran and North Korea pledged") each get a row. A pronoun takes the last speaker of
//! its kind; ", saying …" takes the main clause's subject; "…, said X" and "according to X" take
//! the entity after the cue. An unnamed subject ("analysts said", "officials confirm") gives no
//! row: it goes to the run report. When no subject can be read, no row.

use super::clause_en::{main_subject, subject, Subject, DOCUMENT_NOUNS};
use super::statements::{StatementRec, Unresolved};
use super::{date_for, evidence, inside_quotes, is_actor, is_person, trunc, Cx};
use crate::normalize::{Annotated, EntityHit, Sentence};

/// Cross-sentence state: who spoke last, for pronouns.
#[derive(Default)]
pub struct State {
    /// Who issued the last statement named as such ("The White House issued a statement"):
    /// "The statement said" is theirs (set by the caller, shared with Chinese sentences).
    pub last_issuer: Option<usize>,
    last_person: Option<usize>,
    last_body: Option<usize>,
    /// Bodies named so far (organizations and unnamed offices), most recent last, for "the
    /// ministry said".
    bodies: Vec<usize>,
    last_speakers: Vec<usize>,
    /// Countries named so far, most recent last (distinct), for "both sides".
    countries: Vec<usize>,
    /// People named so far, most recent last (distinct), for "both leaders".
    persons: Vec<usize>,
    /// The occasions speakers last spoke on (see [`super::statements::Occasions`]).
    occasion: super::statements::Occasions,
    /// Sentences read so far.
    sentence_no: usize,
}

impl State {
    fn pair(&self, r: &Cx, s: &Sentence, q: usize) -> Vec<usize> {
        let mut here: Vec<usize> = Vec::new();
        for c in s.entities.iter().filter(|e| e.end <= q).filter_map(|e| country_of_actor(r, e)) {
            here.retain(|x| *x != c);
            here.push(c);
        }
        let pool = if here.len() >= 2 { here } else { self.countries.clone() };
        pool.iter().rev().take(2).rev().copied().collect()
    }
}

/// Auxiliaries and modals that make a run of words a clause, not an apposition.
const FINITE: &[&str] = &[" is ", " are ", " was ", " were ", " has ", " have ", " had ", " will ", " would ", " can ", " could ", " should ", " may ", " might ", " must ", " did ", " does "];

/// Sentence openers the English name rules' stop list lacks: numbers and plural nouns of people
/// ("Two sides agreed …", "Officials said …"), which name no one either.
const UNNAMED_OPENERS: &[&str] = &["Two", "Three", "Earlier", "Last", "Officials", "Experts", "Analysts"];

/// Capitalized words after a cue that only say when ("said Tuesday").
const TIME_WORDS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// Words that may follow the speaker of an inverted "…, said X" (a time, a place, an
/// apposition), where any other lower-case word after the name makes it a clause's subject.
const AFTER_INVERTED: &[&str] = &[
    "in", "on", "at", "of", "during", "after", "before", "last", "this", "earlier", "later", "yesterday", "today", "tonight",
    "told", "to", "when", "while", "who", "adding", "according", "as", "from", "with", "the", "a", "an", "and", "via",
];

/// The country a hit stands for in "both sides": a country, or an unnamed delegation or office
/// holder of one ("a DPRK delegation").
fn country_of_actor(r: &Cx, e: &crate::normalize::EntityHit) -> Option<usize> {
    let ent = r.ent(e.entity);
    match ent.kind.as_str() {
        "country" => Some(e.entity),
        "role" if ent.origin == "extracted" && !ent.country.is_empty() => r.country_index(&ent.country),
        _ => None,
    }
}

/// Words before a speech verb that make it hearsay ("is said to", "were reported to").
const HEARSAY_BEFORE: &[&str] = &[" is", " are", " was", " were", " been", " be"];

/// Objects of a speech act that are courtesies, not content ("expressed thanks for …").
const FORMULAIC_OBJECTS: &[&str] = &["thanks", "gratitude", "appreciation", "condolences", "congratulations", "greetings", "welcome"];

/// A numbered document as the subject of a cue ("Resolution 1718, passed in 2006, demanded",
/// "adopted Resolution 2397, which called for", "Resolution 2270 condemned"): the noun and its
/// number, then an apposition on its passing, a relative "which", or nothing.
static RE_NUMBERED_SUBJECT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b([a-z]+)\s+(?:no\.\s*)?[0-9]{2,5}\s*(?:\([^)]*\)\s*)?(?:,\s*(?:(?:which|that)\s+(?:was\s+)?)?(?:passed|adopted|approved|unanimously|issued|signed)[^,.;]*,\s*|,\s*which\s+(?:also\s+)?|\s+(?:also\s+)?)$").expect("valid regex")
});

/// The body that issues a numbered document standing as a subject before a cue, and where the
/// document's name starts. The nouns and their issuers are data (`anaphora.csv`, role
/// `numbered`: "resolution" → the Security Council).
fn numbered_issuer(r: &Cx, before: &str) -> Option<(usize, usize)> {
    let c = RE_NUMBERED_SUBJECT.captures(before)?;
    let noun = c.get(1)?;
    let t = r.anaphora.terms().find(|t| t.role == "numbered" && t.term.eq_ignore_ascii_case(noun.as_str()))?;
    let x = r.r.entities.iter().position(|e| e.entity_id == t.value)?;
    Some((x, before[..noun.start()].chars().count()))
}

/// "…, the Korean Central News Agency said" closing a content span: who relayed it.
static RE_TRAILING_ATTRIBUTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"["”]?,["”]?\s+(?:the\s+|a\s+)?[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,6}\s+(?:said|says|reported|reports|added|adds|wrote)$"#).expect("valid")
});

/// "added … to its (sanctions) list / to the Entity List": an act on a list, not words. (The
/// object may hold an apposition: "two vessels, the Sea Star and the Moon Bay, to its list".)
static RE_ADDED_TO_LIST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"^\s+[^.;:"“]{1,160}?\b(?:to|on)\s+(?:its|the|their|a|an)\s+(?:[\w-]+\s+){0,4}[Ll]ist\b"#).expect("valid")
});

/// An impersonal subject and auxiliary before a speech verb ("it was revealed that").
const IMPERSONAL: &[&str] = &["it was", "it is", "it has been", "it had been", "it will be", "it would be"];

/// Words that open a fronted adverbial ("After a series of meetings, both sides announced …"):
/// such a lead is not what was said.
const ADVERBIAL_OPENERS: &[&str] = &[
    "After", "Before", "During", "Following", "In", "On", "At", "Since", "Until", "Under", "With", "Despite", "Amid", "Through", "For", "From", "By", "Later", "Earlier",
];

/// Subordinators that open a clause before the main one ("As it grew …, the DPRK began …").
const FRONTED_SUBORDINATORS: &[&str] = &["As", "While", "When", "After", "Before", "Since", "Although", "Though", "Because", "If", "Once", "Until"];

/// Listeners "told" may name with no "that" after them ("told reporters the plan …").
const LISTENERS: &[&str] = &["reporters ", "journalists ", "lawmakers ", "legislators ", "parliament ", "the media ", "the press ", "the parliament "];

/// An English wire dateline opening a sentence: "SEOUL, March 14, 2023 (Reuters) - ", or a
/// place in capitals with the agency and no date: "TOKYO (AFP) - ", or with its country:
/// "SEOUL, South Korea — ".
pub(crate) static RE_DATELINE_LEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s*(?:[A-Z][A-Za-z .'/-]{1,30},\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?\s*(?:\([^)]{1,30}\)\s*)?|[A-Z][A-Z .'/-]{1,30}\s*\([^)]{1,30}\)\s*|[A-Z]{2}[A-Z .'/-]{0,28},\s+[A-Z][A-Za-z.' ]{1,30}?\s*)(?:--|-|–|—)\s*").expect("valid")
});

/// Where the content starts after a cue that first names its listener or channel ("told
/// reporters: …", "told a briefing on Monday that …", "said in a statement carried by KCNA that
/// …"): the byte offset in `rest` past the "that", colon or opening quote, when the words before
/// it are such a phrase (short, and opening like one); "told reporters the …" skips the listener.
fn lead_in(term: &str, rest: &str) -> Option<usize> {
    let telling = matches!(term, "told" | "tells" | "tell" | "telling" | "informed" | "informs" | "notified" | "notifies");
    lead_to_that(term, rest)
        .or_else(|| if telling { LISTENERS.iter().find(|l| rest.starts_with(*l)).map(|l| l.len()) } else { None })
        .or_else(|| channel_then_content(rest))
}

/// "said in a statement the measure would …", "said in a speech on Friday the country would
/// …": a channel phrase, then what was said with no "that".
static RE_CHANNEL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:(?:in|during)\s+(?:a|an|his|her|its|their|the)\s+(?:[a-z-]+\s+){0,2}?(?:statement|speech|interview|briefing|press conference|news conference|message|letter|commentary|editorial|address|broadcast|phone call|telephone call|call|post)|by (?:phone|telephone)|over the phone)(?:\s+(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month))?\s+").expect("valid")
});

/// Words that continue a channel phrase rather than open what was said ("in a statement
/// carried by KCNA", "in a speech to parliament").
const CHANNEL_CONTINUES: &[&str] = &["to", "on", "at", "in", "with", "by", "carried", "posted", "published", "released", "issued", "broadcast", "marking", "after", "before", "and", "that", "from", "for", "of"];

fn channel_then_content(rest: &str) -> Option<usize> {
    let m = RE_CHANNEL.find(rest)?;
    let next = rest[m.end()..].split_whitespace().next().unwrap_or("");
    (!next.is_empty() && !CHANNEL_CONTINUES.contains(&next)).then_some(m.end())
}

fn lead_to_that(term: &str, rest: &str) -> Option<usize> {
    let telling = matches!(term, "told" | "tells" | "tell" | "telling" | "informed" | "informs" | "notified" | "notifies");
    let channel = ["in a ", "in an ", "in his ", "in her ", "in its ", "on ", "at a ", "at an ", "during ", "via ", "through ", "to reporters", "to a ", "to the ", "by phone", "by telephone", "by video", "over the phone"]
        .iter()
        .any(|p| rest.starts_with(p));
    if !telling && !channel {
        return None;
    }
    let window: String = rest.chars().take(90).collect();
    let ends = [" that ", ": ", ", \"", ", “", ": \"", ": “"];
    let (at, len) = ends.iter().filter_map(|e| window.find(e).map(|i| (i, e.len()))).min()?;
    let phrase = &window[..at];
    if phrase.contains(['.', ';']) || phrase.split_whitespace().count() > 12 {
        return None;
    }
    let mut k = at + len;
    while rest[k..].starts_with(['"', '“', ' ']) {
        k += rest[k..].chars().next().map(char::len_utf8).unwrap_or(1);
    }
    Some(k)
}

/// A quote mark left without its pair at either end of a content span (the quote opened before
/// the span or closes after it): "\"China does not want …" → "China does not want …".
fn unpaired_quote_trimmed(mut text: String) -> String {
    if text.matches('"').count() % 2 == 1 {
        if text.starts_with('"') {
            text.remove(0);
        } else if text.ends_with('"') {
            text.pop();
        }
    }
    if text.starts_with('“') && !text.contains('”') {
        text.remove(0);
    } else if text.ends_with('”') && !text.contains('“') {
        text.pop();
    }
    text.trim().to_string()
}

/// Cue verbs a speaker may follow ("…, said X", "…, reckons X of Y University"): verbs whose
/// object is what was said, rarely a name (not "warned", "told", "asked": "…, warned Seoul").
const INVERTIBLE: &[&str] = &[
    "said", "says", "added", "adds", "wrote", "writes", "noted", "notes", "explained", "explains", "argued", "argues", "insisted", "insists",
    "believes", "reckons", "thinks", "concluded", "concludes",
];

/// Connectives set off by commas between a subject and its verb ("It has, however, said").
const CONNECTIVES: &[&str] = &["however", "meanwhile", "though", "therefore", "instead", "nonetheless", "nevertheless", "moreover", "in turn", "in addition", "for its part", "for his part", "for her part", "in response"];

/// Reads the statements of one English sentence (`next`: the one after it, which a sentence
/// ending in "issued the following statement:" introduces).
#[allow(clippy::too_many_arguments)]
pub fn sentence(
    doc: &Annotated,
    r: &Cx,
    s: &Sentence,
    next: Option<&Sentence>,
    st: &mut State,
    cues: &[crate::reference::Hit<crate::reference::Term>],
    out: &mut Vec<StatementRec>,
    unresolved: &mut Vec<Unresolved>,
) {
    st.sentence_no += 1;
    let doc_id = &doc.cleaned.doc.doc_id;
    let mut sentence_speakers: Vec<usize> = Vec::new();
    let mut spoke = false;
    let mut unnamed_spoke = false;
    // Content spans of this sentence's rows so far, with their speakers.
    let mut contents: Vec<(usize, usize, Vec<usize>)> = Vec::new();
    for (ci, cue) in cues.iter().enumerate() {
        if inside_quotes(s, cue.start) || in_opening_quotation(s, cue.start) || cue.item.role == "block" {
            continue;
        }
        let role = cue.item.role.as_str();
        // Two cues joined by "and" after a formulaic object ("expressed thanks for this and said
        // that …", "exchanged greetings and declared …"): the later one carries the row.
        if role == "act" {
            if let Some(next) = cues.get(ci + 1).filter(|n| n.item.role != "according" && n.item.role != "participle") {
                let between = s.text(cue.end, next.start);
                let b = between.trim_end();
                // (A longer object is content of its own: "denounced the killing of unarmed
                // civilians and called it …" is two statements.)
                // (A formulaic object may run longer: "expressed thanks for the warm welcome and
                // said …".)
                let formulaic = FORMULAIC_OBJECTS.iter().any(|w| between.trim_start().starts_with(w));
                let limit = if formulaic { 12 } else { 5 };
                if (b.ends_with(" and") || b == "and") && between.split_whitespace().count() <= limit && !between.contains(['"', '“', '”', ';', ':', ',']) {
                    continue;
                }
            }
        }
        let after: String = s.orig[cue.end..].iter().collect();
        let before: String = s.orig[..cue.start].iter().collect();
        // "a report released Thursday by X", "the statement": a noun, not a verb of speech.
        let prev_word = before.trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("").to_lowercase();
        if role != "according" && matches!(prev_word.as_str(), "a" | "an" | "the" | "its" | "their" | "this" | "that" | "new" | "latest") && before.ends_with(' ') {
            continue;
        }
        // "added four individuals to its sanctions list": putting on a list, not speech.
        if matches!(cue.item.term.as_str(), "added" | "adds" | "adding") && RE_ADDED_TO_LIST.is_match(&after) {
            continue;
        }
        // "Kim is said to have ordered …", "they were reported to be …": hearsay about the
        // subject, not words of theirs.
        // ("is reported to have told …" still reports words of theirs.)
        let speech_follows = cues.get(ci + 1).is_some_and(|n| n.start <= cue.end + 10 && matches!(n.item.role.as_str(), "speech" | "act"));
        if role != "according" && after.starts_with(" to ") && HEARSAY_BEFORE.iter().any(|w| before.trim_end().ends_with(w)) && !speech_follows {
            continue;
        }
        // "the premier is also confirmed by the Duma", "was announced by the ministry": a passive
        // speech verb with its agent after "by" - not the subject's words.
        let b = before.trim_end().trim_end_matches(" also").trim_end_matches(" then");
        // (So is a participle after "and" or a comma: "revealed during the inspection and
        // reported by state media", "first disclosed, confirmed by the ministry".)
        let by_means = after.strip_prefix(" by ").is_some_and(|x| ["phone", "telephone", "video", "letter", "email", "e-mail", "satellite"].iter().any(|w| x.starts_with(w)));
        let participle = cue.item.term.ends_with("ed") && (b.ends_with(" and") || b.ends_with(',')) && !by_means;
        if role != "according" && after.starts_with(" by ") && (HEARSAY_BEFORE.iter().any(|w| b.ends_with(w)) || participle) {
            continue;
        }
        // "In 2016, it was revealed that …", "it is reported that …": impersonal, nobody's words.
        let impersonal = |w: &&str| {
            let b = before.trim_end();
            let at = b.len().wrapping_sub(w.len());
            b.len() >= w.len() && b.is_char_boundary(at) && b[at..].eq_ignore_ascii_case(w) && !b[..at].ends_with(|c: char| c.is_alphanumeric())
        };
        if role != "according" && IMPERSONAL.iter().any(impersonal) {
            continue;
        }
        let mut speakers: Vec<usize> = Vec::new();
        let mut content_start = cue.end;
        let mut content_end = s.len();
        let mut subject_start = cue.start;
        // The subject was named before the cue (not a pronoun, not carried over).
        let mut subject_named = false;
        match role {
            "according" => {
                // "according to X, …" / "…, according to X."
                // ("according to Kremlin spokesman Dmitry Peskov": titles may stand before the name.)
                let titled = |e: &&EntityHit| {
                    let gap = s.sh(cue.end, e.start);
                    let words: Vec<&str> = gap.split_whitespace().collect();
                    words.len() <= 4
                        && !gap.contains([',', ';', '.', '"', '“'])
                        && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || r.names.is_title(w) || *w == "the")
                };
                // "according to a report released Thursday by X", "according to data from X":
                // the author of the document named.
                let by_author = {
                    let after = s.sh(cue.end, (cue.end + 60).min(s.len()));
                    let t = after.trim_start();
                    let t = ["a ", "an ", "the ", "new ", "latest "].iter().fold(t, |t, a| t.strip_prefix(a).unwrap_or(t));
                    let t = ["new ", "latest ", "recent ", "annual ", "quarterly ", "monthly "].iter().fold(t, |t, a| t.strip_prefix(a).unwrap_or(t));
                    let noun = DOCUMENT_NOUNS.iter().find(|n| t.starts_with(*n) && t[n.len()..].starts_with([' ', ',']));
                    noun.and_then(|n| {
                        let rest = &t[n.len()..];
                        let tail = super::statements::RE_RELEASED.find(rest).map(|m| &rest[m.end()..]).unwrap_or(rest.trim_start());
                        let by = ["by ", "from ", "of "].iter().find_map(|p| tail.strip_prefix(p))?;
                        let by = by.strip_prefix("the ").unwrap_or(by);
                        let start = cue.end + after.chars().count() - by.chars().count();
                        s.entities.iter().find(|e| e.start == start && is_actor(r, e))
                    })
                };
                let near = by_author.or_else(|| s.entities.iter().find(|e| e.start >= cue.end && e.start <= cue.end + 5 && is_actor(r, e)));
                let person = s.entities.iter().find(|e| e.start >= cue.end && e.start <= cue.end + 60 && is_person(r, e)).filter(titled);
                let Some(h) = person.filter(|p| near.is_none_or(|n| n.end <= p.start && !is_person(r, n))).or(near) else {
                    continue;
                };
                // "according to Japanese media / press reports / sources": unnamed outlets or
                // people of that country, not the country speaking.
                let next: String = s.orig[h.end..(h.end + 12).min(s.len())].iter().collect();
                if r.ent(h.entity).kind == "country" && [" media", " press", " reports", " newspapers", " outlets", " sources"].iter().any(|w| next.starts_with(w)) {
                    continue;
                }
                // "according to United States and South Korean officials": each of them.
                let all = super::clause_en::coordinated_forward(r, s, h, s.len(), true);
                speakers.extend(all.iter().map(|x| x.entity));
                let h = *all.last().unwrap_or(&h);
                subject_start = all[0].start;
                let rest: String = s.orig[h.end..].iter().collect();
                if before.trim().is_empty() || before.trim_end().ends_with(',') && before.trim().len() < 3 {
                    content_start = h.end + rest.find(',').map(|i| rest[..i].chars().count() + 1).unwrap_or(0);
                    // "According to X, a senior fellow at Y, the North …": past the apposition.
                    let tail: String = s.orig[content_start.min(s.len())..].iter().collect();
                    let t = tail.trim_start();
                    let appositive = ["a ", "an ", "the ", "who ", "director ", "senior ", "former ", "professor "].iter().any(|w| t.starts_with(w))
                        && t.find(", ").is_some_and(|i| {
                            // (Not a clause: "According to X, the North Korean forces were not
                            // routed, but …" has a finite verb before its comma.)
                            let np = format!(" {} ", &t[..i]);
                            !np.contains(" said") && t[..i].split_whitespace().count() <= 12 && !FINITE.iter().any(|w| np.contains(w))
                        });
                    if appositive {
                        if let Some(i) = t.find(", ") {
                            content_start += tail.chars().count() - t.chars().count() + t[..i + 2].chars().count();
                        }
                    }
                } else {
                    // "Xi told Kim that …, according to a Chinese readout": the words already
                    // have their speaker; the readout only relays them.
                    if spoke {
                        continue;
                    }
                    content_start = 0;
                    content_end = before.trim_end().trim_end_matches(',').chars().count();
                    // "Total trade, according to the customs office, rose 6 percent": an aside
                    // between a subject and its verb; what was said is the whole sentence.
                    let tail = rest.trim_start();
                    if let Some(after_aside) = tail.strip_prefix(',').map(str::trim_start).or_else(|| tail.find(", ").filter(|i| !tail[..*i].contains(['.', ';'])).map(|i| tail[i + 2..].trim_start())) {
                        if after_aside.split_whitespace().count() >= 3 && after_aside.starts_with(|c: char| c.is_lowercase()) {
                            content_end = s.len();
                        } else if after_aside.starts_with(['"', '“']) {
                            // "…, and, according to a statement by X, "thanked …"": the quote.
                            content_start = s.len() - after_aside.chars().count();
                            content_end = s.len();
                        }
                    }
                }
            }
            "quoted" => {
                if let Some(q) = before.rfind(" was quoted").or_else(|| before.rfind(" were quoted")) {
                    // "Kim was quoted by KCNA as saying …": the subject of "was quoted" spoke.
                    match subject(r, s, before[..q].chars().count()) {
                        Subject::Hits(hs) => {
                            subject_start = hs[0].start;
                            speakers.extend(hs.iter().map(|h| h.entity));
                        }
                        Subject::Pronoun(p, at) if p == "he" || p == "she" => {
                            subject_start = at;
                            speakers.extend(st.last_person);
                        }
                        _ => continue,
                    }
                } else {
                    // "KCNA quoted Kim Jong Un as saying …": the one quoted, named right before.
                    let Some(q) = before.rfind(" quoted ") else { continue };
                    let from = before[..q].chars().count() + " quoted ".len();
                    let named: Vec<&EntityHit> = s.entities.iter().filter(|e| e.start >= from && e.end <= cue.start && is_actor(r, e)).collect();
                    match named.last() {
                        Some(last) if s.sh(last.end, cue.start).trim().is_empty() => {
                            // (The clause opens with the one who quotes: what stands before it
                            // is a quotation the cue may close, "“…,” KCNA quoted Kim as saying.)
                            subject_start = match subject(r, s, before[..q].chars().count()) {
                                Subject::Hits(hs) => hs[0].start,
                                // ("“…,” the agency quoted X": from the words after the quotation.)
                                _ => {
                                    let lead = &before[..q];
                                    let open = lead.rfind(['"', '”', ',']).map_or(0, |i| i + lead[i..].chars().next().map_or(1, char::len_utf8));
                                    let open = open + (lead[open..].len() - lead[open..].trim_start().len());
                                    lead[..open].chars().count()
                                }
                            };
                            speakers.push(last.entity);
                        }
                        _ => continue,
                    }
                }
            }
            "participle" => {
                if !before.trim_end().ends_with(',') {
                    // "with Hoxha writing …", "both countries pledging …": the subject stands
                    // right before the participle.
                    match subject(r, s, cue.start) {
                        Subject::Hits(hs) => {
                            subject_start = hs[0].start;
                            speakers.extend(hs.iter().map(|h| h.entity));
                        }
                        Subject::Pronoun(p, at) if p == "both" => {
                            subject_start = at;
                            speakers = st.pair(r, s, cue.start);
                        }
                        _ => continue,
                    }
                    speakers.dedup();
                    if speakers.is_empty() {
                        continue;
                    }
                }
                let main = if !speakers.is_empty() {
                    speakers.clone()
                } else if sentence_speakers.is_empty() {
                    main_subject(r, s, cue.start).into_iter().map(|h| h.entity).collect()
                } else {
                    sentence_speakers.clone()
                };
                speakers = main;
            }
            _ => {
                // "…," said X / "…," X said.
                // ("…, said Lee on Tuesday" — but not "X, Y's envoy, said Russia opposed …", where
                // the name after the verb opens what was said.)
                // (Nor "X, which was …, said North Korea's programs remain intact": a possessive
                // opens what was said, unless a person it qualifies follows: "said China's foreign
                // ministry spokesman Lu Kang".)
                let opens_clause = |e: &crate::normalize::EntityHit| {
                    let next = s.sh(e.end, (e.end + 16).min(s.len()));
                    let word: String = next.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
                    let possessive = (next.starts_with("'s ") || next.starts_with("’s "))
                        && !s.entities.iter().any(|p| p.start > e.end && p.start <= e.end + 48 && is_person(r, p));
                    possessive || next.starts_with(' ') && word.chars().next().is_some_and(|c| c.is_lowercase()) && !AFTER_INVERTED.contains(&word.as_str())
                };
                // ("…," said State Department spokesman Matthew Miller: after the verb, a chain
                // of names joined by title words; the speaker is its last person, else its first
                // name.)
                let title_gap = |a: usize, b: usize| {
                    let g = s.sh(a, b);
                    let words: Vec<&str> = g.split_whitespace().collect();
                    // (A long office in full: "said Acting Under Secretary of the Treasury for
                    // Terrorism and Financial Intelligence Bradley T. Smith".)
                    let t = g.trim();
                    let office = r.names.titles.find_str(t).iter().any(|h| h.end == t.chars().count() && h.item.role == "office")
                        && words.len() <= 14
                        && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(*w, "of" | "the" | "for" | "and"));
                    office || words.len() <= 5
                        && !g.contains([',', ';', '"', '“', '”', '(', ')'])
                        && words.iter().enumerate().all(|(i, w)| i == 0 && *w == "the" || w.chars().next().is_some_and(|c| c.is_uppercase()) || r.names.is_title(w))
                };
                let after_cue: Vec<&crate::normalize::EntityHit> = s.entities.iter().filter(|e| e.start >= cue.end && is_actor(r, e)).collect();
                // Words in lower case ending in a title ("senior spokeswoman", "chief sanctions
                // official"): an office written out.
                let lower_office = |words: &[&str]| {
                    let last_word = words.last().copied().unwrap_or("");
                    words.iter().all(|w| w.chars().all(|c| c.is_lowercase() || matches!(c, '-' | '\'' | '’')))
                        && r.names.is_title(last_word)
                };
                // ("said the agency's senior spokeswoman, X": an office in lower case, then its
                // holder after a comma.)
                let office_apposition = |a: usize, b: usize| {
                    let g = s.sh(a, b);
                    let Some(g) = g.trim().strip_suffix(',') else { return false };
                    let words: Vec<&str> = g.split_whitespace().collect();
                    (2..=6).contains(&words.len()) && matches!(words[0], "the" | "a" | "an") && lower_office(&words)
                };
                let inverted = after_cue.first().copied().filter(|e| e.start <= cue.end + 1 || title_gap(cue.end, e.start) || r.ent(e.entity).kind == "person" && office_apposition(cue.end, e.start)).and_then(|first| {
                    let mut chain = vec![first];
                    for e in after_cue.iter().skip(1) {
                        let last = chain[chain.len() - 1];
                        // ("said the Treasury's top sanctions official, Adam Szubin": an
                        // office, then its holder set off by a comma.)
                        // (Or a body, then its office and the holder: "said the finance
                        // ministry's chief sanctions official, X".)
                        let holder = r.ent(last.entity).kind != "person" && r.ent(e.entity).kind == "person" && {
                            let g = s.sh(last.end, e.start);
                            let g = g.trim();
                            let office = g.strip_suffix(',').and_then(|x| x.strip_prefix("'s ").or_else(|| x.strip_prefix("’s "))).is_some_and(|x| {
                                let words: Vec<&str> = x.split_whitespace().collect();
                                words.len() <= 4 && !x.contains(['\'', '’']) && lower_office(&words)
                            });
                            g == "," || office
                        };
                        if e.start < last.end || !(holder || title_gap(last.end, e.start)) {
                            break;
                        }
                        chain.push(e);
                    }
                    chain.iter().rev().find(|e| is_person(r, e)).copied().or(Some(first)).filter(|e| !opens_clause(e))
                });
                let quote_before = {
                    let t = before.trim_end();
                    // (Not a connective set off by commas: "It has, however, said the US
                    // President is open to …" is the subject's verb, not "…, said X".)
                    let connective = t.strip_suffix(',').and_then(|x| x.rsplit(',').next()).is_some_and(|w| CONNECTIVES.contains(&w.trim()));
                    (t.ends_with(",\"") || t.ends_with(",”") || t.ends_with("\",") || t.ends_with("”,") || t.ends_with(',')) && !connective
                };
                // ("…," X told Yonhap: the name after "told" is the listener, not the speaker.)
                if let (Some(h), true) = (inverted, quote_before && INVERTIBLE.contains(&cue.item.term.as_str())) {
                    speakers.push(h.entity);
                    content_start = 0;
                    content_end = before.trim_end().trim_end_matches([',', '"', '”']).chars().count();
                    subject_start = 0;
                } else {
                    match subject(r, s, cue.start) {
                        Subject::Hits(hs) => {
                            subject_start = hs[0].start;
                            subject_named = true;
                            speakers.extend(hs.iter().map(|h| h.entity));
                        }
                        Subject::Pronoun(p, at) if cataphor(r, s, at, &p).is_some() => {
                            // "As it increasingly emphasized X, the DPRK began …": the pronoun of
                            // a fronted clause looks ahead to the main clause's subject.
                            subject_start = at;
                            speakers.extend(cataphor(r, s, at, &p));
                        }
                        // ("Western diplomats said … the Iran regime that they say led to …": a
                        // pronoun after an unnamed group spoke in the sentence stands for them.)
                        Subject::Pronoun(p, _) if unnamed_spoke && matches!(p.as_str(), "they" | "he" | "she") => continue,
                        Subject::Pronoun(p, at) => {
                            subject_start = at;
                            // The sentence's own subject comes first ("The EU is concerned about
                            // violations they allege …"); else the last speaker of that kind.
                            let own: Vec<usize> = main_subject(r, s, at)
                                .into_iter()
                                .filter(|h| match p.as_str() {
                                    "he" | "she" => is_person(r, h),
                                    "it" | "they" => !is_person(r, h),
                                    _ => false,
                                })
                                .map(|h| h.entity)
                                .collect();
                            // (Or the one person the sentence named before the pronoun as a
                            // possessor: "Bush's State of the Union address, where he declared".)
                            let possessor = {
                                let before: Vec<&EntityHit> = s.entities.iter().filter(|e| e.end <= at && is_person(r, e)).collect();
                                let one = before.first().filter(|f| before.iter().all(|e| e.entity == f.entity));
                                one.filter(|e| matches!(s.sh(e.end, (e.end + 2).min(s.len())).as_str(), "'s" | "’s")).map(|e| e.entity)
                            };
                            speakers = if !own.is_empty() { own } else { match p.as_str() {
                                "he" | "she" if possessor.is_some() => possessor.into_iter().collect(),
                                "he" | "she" => st.last_person.into_iter().collect(),
                                "it" => st.last_body.into_iter().collect(),
                                "both" => st.pair(r, s, cue.start),
                                "both people" => st.persons.iter().rev().take(2).rev().copied().collect(),
                                "three people" if st.persons.len() >= 3 => st.persons.iter().rev().take(3).rev().copied().collect(),
                                _ => st.last_speakers.clone(),
                            } };
                        }
                        Subject::Unnamed(_) | Subject::None if numbered_issuer(r, &s.text(0, cue.start)).is_some() => {
                            let (x, at) = numbered_issuer(r, &s.text(0, cue.start)).unwrap_or_default();
                            speakers.push(x);
                            subject_start = at;
                        }
                        Subject::Unnamed(np) => {
                            // A verb continuing the previous statement ("… and declared").
                            let np_l = np.to_lowercase();
                            // "The statement said": the issuer of the last statement named;
                            // "The ministry added": the last body named whose name has that head.
                            // (After a quote closed by its comma: "“…,” the ministry said.")
                            let np_t = np_l.rsplit([',', '"', '”']).next().unwrap_or("").trim();
                            // ("the state-run agency", "the Seoul-based institute": up to two
                            // modifiers between the article and the noun.)
                            let words: Vec<&str> = np_t.split_whitespace().collect();
                            let modified = words.len() >= 3
                                && words.len() <= 4
                                && words[0] == "the"
                                && words[1..words.len() - 1].iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-') && !["and", "of", "same", "other"].contains(w));
                            let bare = if modified { format!("the {}", words[words.len() - 1]) } else { np_t.to_string() };
                            let anaphor = r.anaphora.terms().find(|t| matches!(t.role.as_str(), "issuer" | "body" | "press") && t.term.to_lowercase() == bare);
                            if let Some(t) = anaphor {
                                let head = t.value.to_lowercase();
                                let antecedent = if t.role == "issuer" {
                                    st.last_issuer
                                } else if t.role == "press" {
                                    // ("The paper emphasized": the last news outlet named.)
                                    st.bodies.iter().rev().find(|&&b| r.r.is_press(r.ent(b)) || r.r.is_state_media(r.ent(b))).copied()
                                } else {
                                    // (Any of the body's names may hold the noun: "the news
                                    // agency" is KCNA, the Korean Central News Agency.)
                                    // (The whole phrase first: "the news agency" is the last
                                    // news agency named, not the last agency.)
                                    let named = |noun: &str| {
                                        st.bodies.iter().rev().find(|&&b| {
                                            let e = r.ent(b);
                                            std::iter::once(e.name_en.as_str()).chain(e.aliases.split('|')).any(|n| n.to_lowercase().contains(noun))
                                        })
                                    };
                                    let phrase = np_t.strip_prefix("the ").unwrap_or(np_t);
                                    modified.then(|| named(phrase)).flatten().or_else(|| named(&head)).copied()
                                };
                                let Some(x) = antecedent else { continue };
                                // ("The Iranian government replied that …, the report said": a
                                // report closing another speaker's words only relays them.)
                                if !sentence_speakers.is_empty() && !sentence_speakers.contains(&x) {
                                    continue;
                                }
                                speakers.push(x);
                                subject_start = cue.start.saturating_sub(np_t.chars().count() + 1);
                            } else if np_l.ends_with(" and") || np_l.ends_with(",") || np_l == "and" || np_l.ends_with(", and") || np_l.ends_with(" but") {
                                // "visited the DPRK in 1960, and proclaimed …": the main subject.
                                // (Unless the clause holding the verb has its own subject:
                                // "…, although China has boycotted it and says …".)
                                let own = super::clause_en::clause_subject(r, s, cue.start);
                                speakers = if !own.is_empty() {
                                    own.into_iter().map(|h| h.entity).collect()
                                } else if sentence_speakers.is_empty() {
                                    main_subject(r, s, cue.start).into_iter().map(|h| h.entity).collect()
                                } else {
                                    sentence_speakers.clone()
                                };
                            } else if cues.get(ci.wrapping_sub(1)).is_some_and(|p| p.end + 5 >= cue.start && p.end <= cue.start) {
                                speakers = sentence_speakers.clone();
                            } else {
                                if r.names.unnamed.find_str(&np_l).iter().any(|h| h.item.role == "unnamed") {
                                    unresolved.push(Unresolved { doc_id: doc_id.clone(), cue: s.text(cue.start, cue.end), who: trunc(&np, 40) });
                                    // "A senior official said … "…," he added.": the next "he"
                                    // is the unnamed speaker, not an earlier named one.
                                    st.last_person = None;
                                    unnamed_spoke = true;
                                }
                                continue;
                            }
                        }
                        Subject::None => continue,
                    }
                }
            }
        }
        r.capitals_as_countries(&mut speakers);
        speakers.dedup();
        if speakers.is_empty() {
            continue;
        }
        // "…, he noted." / "…,” Green said." / "…, Cha told the Post.": the content comes first
        // when little follows the cue and a comma stands before the subject.
        if role != "according" && role != "participle" && content_start == cue.end {
            // (A closing ", according to the report" is the reporter's, not more of the speaker's.)
            let tail: Vec<&str> = after.split(", according to").next().unwrap_or("").split_whitespace().collect();
            let lead: String = s.orig[..subject_start].iter().collect();
            let mut lead_t = lead.trim_end();
            // "…, ministry spokesperson Lee Jae-woong told a briefing": the speaker's title stands
            // between the comma and the name.
            if !lead_t.ends_with([',', '"', '”']) {
                // (…,” ministry spokesperson Koo told …: the comma may close a quote.)
                let split = [", ", ",\" ", ",” "].iter().filter_map(|p| lead_t.rfind(p).map(|i| (i, i + p.len()))).max();
                if let Some((_, i)) = split {
                    let title = &lead_t[i..];
                    let words = title.split_whitespace().count();
                    let plain = title.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’'));
                    // Only when what follows the cue names a listener or a time, not a clause of
                    // its own ("…, spokesperson Kim said Seoul regretted the move").
                    // (A weekday or month is a time: "…, the ministry said Tuesday.")
                    let next_word: String = after.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
                    // (After "told" a short tail is the listener: "…, the press service told TASS.")
                    // (Up to a comma: "…,” X told Israel Radio, explaining that …".)
                    let to_comma = after.split(',').next().unwrap_or("");
                    let told_whom = matches!(cue.item.term.as_str(), "told" | "tells") && to_comma.split_whitespace().count() <= 4 && !to_comma.contains([':', '"', '“']);
                    let listener = after.trim_start().chars().next().is_none_or(|x| !x.is_uppercase()) || TIME_WORDS.contains(&next_word.as_str()) || told_whom;
                    let sourced = lead_t.starts_with("According to") || lead_t.starts_with("according to");
                    // (Or only an article after a closed quotation: "…,” the Lao foreign ministry
                    // said on Monday. Without the quote, "…, the Korean Central News Agency
                    // said" closes a report it relays: left as it was.)
                    // (Nor a government body's: "…, the Foreign Ministry said Tuesday." or "…, the
                    // White House said on Tuesday." is the body's statement, not a relayed report.)
                    // (State media after a report of someone's words, "The two sides agreed …, the
                    // Korean Central News Agency said", relays them: those speakers' row.)
                    // (Not the words of someone named by a name we do not know: "Jun admitted his
                    // crime …, the news agency said" is the agency's report. A common noun still
                    // relays: "The two sides agreed …".)
                    let unknown_name = {
                        let first: String = s.orig.iter().take_while(|c| c.is_alphabetic()).collect();
                        first.chars().next().is_some_and(char::is_uppercase)
                            && !crate::normalize::names::en::is_common_word(&first)
                            && !UNNAMED_OPENERS.contains(&first.as_str())
                            && !s.entities.iter().any(|e| e.start == 0)
                    };
                    let relays_speech = !unknown_name && cues.iter().any(|q| q.end <= subject_start && q.start != cue.start);
                    let body = s.entities.iter().find(|e| e.start == subject_start).is_some_and(|e| {
                        let ent = r.ent(e.entity);
                        // (A body's press service speaks for it: "…, the Kremlin press service said.")
                        (ent.kind == "role" && (ent.name_en.ends_with(" press service") || ent.name_en.ends_with(" press office")))
                            || ent.kind == "org" && !r.r.is_press(ent) && (!r.r.is_state_media(ent) || !relays_speech)
                    });
                    // (After a closed quotation an indefinite article too: "“…,” a Treasury
                    // spokesperson said.")
                    let quoted = lead_t[..i].trim_end().ends_with(['"', '”']);
                    // (The article may carry a modifier or two: "…, the state-run Korean Central
                    // News Agency reported.")
                    let modified = {
                        let w: Vec<&str> = title.split_whitespace().collect();
                        (2..=3).contains(&w.len())
                            && matches!(w[0], "the" | "The")
                            && w[1..].iter().all(|x| x.chars().all(|c| c.is_lowercase() || c == '-') && !matches!(*x, "and" | "of" | "same" | "other"))
                    };
                    let article = ((matches!(title.trim(), "the" | "The") || modified) && (quoted || body)) || (matches!(title.trim(), "a" | "an") && quoted);
                    // (An honorific after a closed quotation: "…,” Mr. Obama said at the start of …")
                    let honorific = quoted && HONORIFICS.contains(&title.trim());
                    if (1..=5).contains(&words) && (plain || honorific) && listener && !sourced && (article || honorific || r.names.titles.find_str(title).iter().any(|h| h.end == title.chars().count())) {
                        lead_t = lead_t[..i].trim_end();
                    }
                }
            }
            let comma_before = lead_t.ends_with(',') || lead_t.ends_with(",\"") || lead_t.ends_with(",”");
            let parenthetical = after.trim_start().starts_with(',') && lead_t.ends_with(',');
            // "…, China said on Wednesday after a meeting …": a time or place phrase follows the
            // cue, the content came first.
            // (A bare day is a time too: "…, KCNA said Monday, without giving details.")
            let first_word: String = after.trim_start().chars().take_while(|c| c.is_alphabetic()).collect();
            let adverbial = ["on ", "in ", "at ", "after ", "before ", "during ", "following ", "late ", "earlier ", "last ", "this ", "yesterday", "today", "in a ", "via ", "as he ", "as she ", "as they "]
                .iter()
                .any(|p| after.trim_start().starts_with(p))
                || TIME_WORDS.contains(&first_word.as_str());
            // Only when what follows is a short phrase, not a clause carrying content of its own.
            let phrase = after.split([',', ';', ':', '"', '“']).next().unwrap_or("");
            let short_tail = phrase.split_whitespace().count() <= 14 && !phrase.contains(" that ");
            // "…,” Koo told a regular press briefing Monday.": only the listener follows "told".
            let listener_only = matches!(cue.item.term.as_str(), "told" | "tells") && short_tail && !after.contains(':');
            // (A quotation closed by its comma counts: "“…,” Choe said in a statement carried by KCNA.")
            let parenthetical = parenthetical || (adverbial && short_tail && comma_before) || (listener_only && comma_before);
            // "After a series of secret meetings, both sides announced on 4 July 1972, an
            // agreement …": a fronted adverbial is not what was said.
            let adverbial_lead = {
                let body = lead_t.trim_end_matches(['"', '”']).trim_end_matches(',');
                let first = body.split_whitespace().next().unwrap_or("");
                ADVERBIAL_OPENERS.contains(&first) && !body.contains([',', '"', '“', '”'])
            };
            // "“…,” he said, “…”": a quotation split by its attribution starts before it.
            let split_quote = (lead_t.ends_with(",\"") || lead_t.ends_with(",”"))
                && after.trim_start().strip_prefix(',').is_some_and(|x| x.trim_start().starts_with(['"', '“']));
            if (tail.len() <= 4 || parenthetical || split_quote) && !adverbial_lead && !after.trim_start().starts_with("that") && comma_before && lead_t.chars().count() > 10 {
                content_start = 0;
                content_end = lead_t.trim_end_matches(['"', '”']).trim_end_matches(',').chars().count();
                subject_start = 0;
            }
        }
        // Content: after the cue, past "that", a colon or a comma and an opening quote.
        let mut t0 = content_start;
        // ("…, the agency said, but it did not specify …": a clause joined after the cue is the
        // reporter's, not what was said.)
        if content_start == cue.end && [", but ", ", although ", ", though ", ", while ", ", yet "].iter().any(|w| after.starts_with(w)) {
            continue;
        }
        if content_start == cue.end {
            let rest: String = s.orig[t0..].iter().collect();
            let skip = rest.len() - rest.trim_start_matches([' ', ',', ':', '"', '“']).len();
            t0 += rest[..skip].chars().count();
            // "announced on 4 July 1972, an agreement …": a time phrase before the content.
            if let Some(d) = s.dates.iter().find(|d| d.start >= t0 && d.start <= t0 + 8) {
                let lead: String = s.orig[t0..d.start].iter().collect();
                let after_date: String = s.orig[d.end.min(s.len())..(d.end + 6).min(s.len())].iter().collect();
                // (Or a colon: "issued the following press statement on Thursday: …".)
                if ["on ", "in ", "by ", "since ", ""].contains(&lead.as_str()) && matches!(s.orig.get(d.end), Some(&',') | Some(&':')) {
                    t0 = d.end + 1;
                    while t0 < s.len() && s.orig[t0] == ' ' {
                        t0 += 1;
                    }
                } else if ["on ", "in ", ""].contains(&lead.as_str()) && after_date == " that " {
                    // "said on Friday that …"
                    t0 = d.end + 1;
                } else if ["on ", ""].contains(&lead.as_str()) && d.relative && s.orig.get(d.end) == Some(&' ') {
                    // "said on Tuesday it would …": the day is when it was said.
                    t0 = d.end + 1;
                }
            }
            let rest: String = s.orig[t0..].iter().collect();
            if rest.starts_with("that ") {
                t0 += 5;
                // "issued a statement that read: "…"": the verb of the statement noun.
                let more: String = s.orig[t0..].iter().collect();
                if let Some(v) = ["read", "reads", "said", "says", "stated", "states"].iter().find(|v| more.starts_with(&format!("{v}:")) || more.starts_with(&format!("{v},"))) {
                    let after_verb = &more[v.len() + 1..];
                    let skip = after_verb.len() - after_verb.trim_start_matches([' ', '"', '“']).len();
                    t0 += v.len() + 1 + after_verb[..skip].chars().count();
                }
            } else if let Some(k) = lead_in(&cue.item.term, &rest) {
                // "told reporters: …", "told a news briefing on Monday that …", "said in a
                // statement carried by KCNA that …": the listener or the channel comes first.
                t0 += rest[..k].chars().count();
            }
        }
        let _ = &after;
        // "SEOUL, March 14 (Reuters) - North Korea fired …, the military said": the dateline is
        // not part of what was said.
        if t0 == 0 {
            let head = s.text(0, content_end);
            if let Some(m) = RE_DATELINE_LEAD.find(&head) {
                t0 = head[..m.end()].chars().count();
            }
        }
        let mut text = s.text(t0, content_end).trim().trim_end_matches(['.', ',']).trim().to_string();
        // "…, according to the North's state media": who relayed it, not what was said.
        if role != "according" {
            if let Some(i) = text.find(", according to ") {
                text.truncate(i);
            }
            // "They agreed to …, the Korean Central News Agency said": likewise.
            if let Some(m) = RE_TRAILING_ATTRIBUTION.find(&text) {
                // (A quotation closed before the comma keeps its mark: "in "all areas,"".)
                let close = m.as_str().strip_prefix(',').and_then(|x| x.chars().next()).filter(|c| matches!(c, '"' | '”'));
                text.truncate(m.start());
                text.extend(close);
            }
        }
        // "… issued the following press statement on Sunday:": what was said is the paragraph
        // after it (only a time phrase stands between the cue and the colon).
        let mut introduced: Option<&Sentence> = None;
        if content_start == cue.end && s.text(0, s.len()).trim_end().ends_with(':') {
            let mut bare = s.text(t0, content_end);
            for d in s.dates.iter().filter(|d| d.start >= t0 && d.end <= content_end) {
                bare = bare.replace(&s.text(d.start, d.end), " ");
            }
            let bare = bare.trim().trim_end_matches(':').trim();
            if ["", "on", "in", "at"].contains(&bare) {
                if let Some(n) = next.filter(|n| !n.is_heading && n.lang == "en") {
                    text = n.text(0, n.len()).trim().trim_end_matches(['.', ',']).trim().to_string();
                    introduced = Some(n);
                }
            }
        }
        // "“Of great importance … region. President Xi and I are …,” Mr. Obama said": a quotation
        // told before its cue that opened in an earlier sentence of the paragraph is read from
        // where it opened.
        let mut opened_before: Option<&Sentence> = None;
        if t0 == 0 && content_start == 0 {
            if let Some(p) = quote_opened_before(doc, s, content_end) {
                text = format!("{} {text}", p.text(1, p.len()).trim());
                opened_before = Some(p);
            }
        }
        let direct = opened_before.is_some() || s.orig.get(t0.wrapping_sub(1)).is_some_and(|c| matches!(c, '"' | '“')) || text.starts_with(['"', '“']);
        let text = unpaired_quote_trimmed(text);
        if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            continue;
        }
        // "…, Kremlin aide X told reporters.": when the content was not found before the
        // subject, the listener alone is not what was said.
        if LISTENERS.iter().any(|l| l.trim() == text.to_lowercase()) {
            continue;
        }
        // (Content told before its cue, "… will visit next week, the ministry added", or after
        // it, "According to the ministry, the crossing reopens in June": in a dated story its
        // dates are what was said, not when.)
        let (date, _, explicit) = if doc.doc_date.is_some() && s.dates.iter().any(|d| d.start >= t0 && d.end <= content_end) {
            let mut t = s.clone();
            t.dates.retain(|d| !(d.start >= t0 && d.end <= content_end));
            date_for(&t, cue.start)
        } else {
            date_for(s, cue.start)
        };
        // The same speakers' day a sentence or two before: the same occasion.
        let carried = st.occasion.carried(&speakers, st.sentence_no, date);
        let date = if explicit {
            date
        } else if carried.is_some() {
            carried
        } else {
            super::undated_event(doc, s, date, true)
        };
        // (A voice quoted inside the last statement's words does not end its occasion.)
        if !contents.iter().any(|(a, b, _)| cue.start >= *a && cue.start < *b) {
            st.occasion.note(&speakers, date, explicit || carried.is_some(), st.sentence_no);
        }
        let topics = {
            let mut v: Vec<String> = r.topics.find_str(&text).into_iter().map(|h| h.item.value.clone()).collect();
            v.sort();
            v.dedup();
            v
        };
        // "They agreed to work … and to declare …", "condemned …, saying the government of
        // Peru calls on …": a cue inside what the same speaker was just reported to say, as an
        // infinitive of it or with its subject inside it, is part of that statement.
        let to_before = before.trim_end().ends_with(" to");
        if contents.iter().any(|(a, b, who)| cue.start >= *a && cue.start < *b && speakers.iter().any(|x| who.contains(x)) && (to_before || (subject_named && subject_start >= *a && subject_start < cue.start))) {
            continue;
        }
        contents.push((t0, content_end, speakers.clone()));
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
                evidence: match (introduced, opened_before) {
                    // (From the cue's sentence to the end of the one it introduces.)
                    (Some(n), _) => super::evidence_between(doc, s.start + ev_start, n.start + n.len(), &format!("statement:en:{role}")),
                    // (From where the quotation opened to the cue.)
                    (None, Some(p)) => super::evidence_between(doc, p.start, s.start + ev_end, &format!("statement:en:{role}")),
                    (None, None) => evidence(doc, s, ev_start, ev_end, &format!("statement:en:{role}")),
                },
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
    for c in s.entities.iter().filter_map(|e| country_of_actor(r, e)) {
        st.countries.retain(|x| *x != c);
        st.countries.push(c);
    }
    for e in s.entities.iter().filter(|e| is_person(r, e) && !inside_quotes(s, e.start)) {
        st.persons.retain(|x| *x != e.entity);
        st.persons.push(e.entity);
    }
    for e in s.entities.iter().filter(|e| matches!(r.ent(e.entity).kind.as_str(), "org" | "role")) {
        st.bodies.retain(|x| *x != e.entity);
        st.bodies.push(e.entity);
    }
    if !spoke && !unnamed_spoke {
        // The sentence's subject becomes the antecedent of the next "he" / "it".
        // (Not a name inside a quotation: "“I'm not one who thinks Janet Yellen is doing a bad
        // job. …,” he said" — he is the one quoted.)
        // (Straight quotation marks of crawled copy open and close by turns.)
        let quoted = |p: usize| inside_quotes(s, p) || s.orig[..p.min(s.len())].iter().filter(|c| **c == '"').count() % 2 == 1;
        if let Some(e) = main_subject(r, s, s.len()).first().filter(|e| !quoted(e.start)) {
            if is_person(r, e) {
                st.last_person = Some(e.entity);
            } else {
                st.last_body = Some(e.entity);
            }
        } else if let Some(by) = s.entities.iter().find(|e| is_person(r, e) && !quoted(e.start) && s.sh(e.start.saturating_sub(3), e.start) == "by ") {
            // "… was presided over by Xi Jinping, China’s leader.": the agent of a passive with
            // no subject of its own is the one the next "he" speaks of.
            st.last_person = Some(by.entity);
        }
    }
}

/// Honorifics before a surname ("Mr. Obama said").
const HONORIFICS: [&str; 8] = ["Mr.", "Mrs.", "Ms.", "Dr.", "Mr", "Mrs", "Ms", "Dr"];

/// A cue inside a quotation in straight marks that opens the sentence and closes with its
/// punctuation ("\"I hope the Chinese authorities agree with us,\" he said."): words of the one
/// quoted, not a statement of their own. (Straight marks elsewhere are left alone: a lone or
/// unclosed mark cannot be told from an opening one.)
fn in_opening_quotation(s: &Sentence, p: usize) -> bool {
    let start = s.orig.iter().position(|c| !c.is_whitespace()).unwrap_or(0);
    if s.orig.get(start) != Some(&'"') || s.orig.iter().filter(|c| **c == '"').count() % 2 != 0 {
        return false;
    }
    let Some(close) = s.orig[start + 1..].iter().position(|c| *c == '"').map(|i| start + 1 + i) else { return false };
    p > start && p < close && s.orig.get(close.wrapping_sub(1)).is_some_and(|c| matches!(c, ',' | '.' | '?' | '!'))
}

/// Where single quotation marks quote, as British outlets write ('We are ready,' she said,
/// ‘…’): the positions of the marks that open and close a quotation, each with the double mark
/// the rules read in its place. An apostrophe (don't, Korea's) is neither; a plural possessive
/// ("the Koreas' talks") closes only when no other mark closes the quotation before the next
/// one opens (the first such). A closing mark after sentence punctuation with none open before
/// it ends a quotation opened in an earlier sentence; an opening mark at the start with none
/// closing it opens one that goes on in the next.
pub(super) fn single_quote_marks(chars: &[char]) -> Vec<(usize, char)> {
    let is_open = |i: usize| {
        matches!(chars[i], '\'' | '‘')
            && (i == 0 || chars[i - 1].is_whitespace() || matches!(chars[i - 1], '(' | '[' | '—' | '–' | ':'))
            && chars.get(i + 1).is_some_and(|c| c.is_alphanumeric() || *c == '…')
    };
    let is_close = |i: usize| {
        matches!(chars[i], '\'' | '’')
            && i > 0
            && !chars[i - 1].is_whitespace()
            && chars.get(i + 1).is_none_or(|c| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '?' | '!' | ')' | '—' | '–'))
    };
    // (s' before a word: a plural possessive as likely as a closing mark.)
    let ambiguous = |i: usize| matches!(chars[i - 1], 's' | 'S') && chars.get(i + 1).is_some_and(|c| c.is_whitespace());
    let open_as = |c: char| if c == '‘' { '“' } else { '"' };
    let close_as = |c: char| if c == '’' { '”' } else { '"' };
    let mut marks: Vec<(usize, char)> = Vec::new();
    let (mut open, mut tentative): (Option<usize>, Option<usize>) = (None, None);
    for i in 0..chars.len() {
        match open {
            None if is_open(i) => open = Some(i),
            None if is_close(i) && marks.is_empty() && matches!(chars[i - 1], ',' | '.' | '?' | '!') => marks.push((i, close_as(chars[i]))),
            Some(o) if is_close(i) => {
                if ambiguous(i) {
                    // (The first: "'a ruckus' and the Koreas' talks were 'off'".)
                    tentative = tentative.or(Some(i));
                } else {
                    marks.extend([(o, open_as(chars[o])), (i, close_as(chars[i]))]);
                    (open, tentative) = (None, None);
                }
            }
            Some(o) if is_open(i) => {
                if let Some(t) = tentative.take() {
                    marks.extend([(o, open_as(chars[o])), (t, close_as(chars[t]))]);
                    open = Some(i);
                }
            }
            _ => {}
        }
    }
    if let Some(o) = open {
        if let Some(t) = tentative {
            marks.extend([(o, open_as(chars[o])), (t, close_as(chars[t]))]);
        } else if chars[..o].iter().all(|c| c.is_whitespace()) {
            marks.push((o, open_as(chars[o])));
        }
    }
    marks.sort_unstable();
    marks
}

/// `s` with its single quotation marks read as double ones ([`single_quote_marks`]), in the
/// text, the shadow and the masked shadow alike (char for char, so every offset holds); `None`
/// when it has none.
pub(super) fn with_double_quotes(s: &Sentence) -> Option<Sentence> {
    let marks = single_quote_marks(&s.orig);
    if marks.is_empty() {
        return None;
    }
    let swap = |text: &str| -> String {
        let mut cs: Vec<char> = text.chars().collect();
        for &(i, c) in &marks {
            if let Some(x) = cs.get_mut(i) {
                *x = c;
            }
        }
        cs.into_iter().collect()
    };
    let mut out = s.clone();
    for &(i, c) in &marks {
        out.orig[i] = c;
    }
    out.shadow = swap(&s.shadow);
    out.masked = swap(&s.masked);
    Some(out)
}

/// The sentence of the same paragraph, just before `s`, that opens a quotation `s` closes: what
/// `s` says before its cue (up to `end`) is closed by a quotation mark and opens none, and that
/// sentence opens with a quotation mark it does not close.
fn quote_opened_before<'a>(doc: &'a Annotated, s: &Sentence, end: usize) -> Option<&'a Sentence> {
    let closing = s.text(end, (end + 3).min(s.len()));
    if !closing.contains(['”', '"']) || s.text(0, end).contains(['“', '"']) {
        return None;
    }
    let i = doc.sentences.iter().position(|x| x.start == s.start)?;
    let p = doc.sentences.get(i.checked_sub(1)?)?;
    let between = doc.cleaned.text.chars.get(p.end..s.start)?;
    let t = p.text(0, p.len());
    let t = t.trim();
    let opens = t.starts_with('“') && !t.contains('”') || t.starts_with('"') && t.matches('"').count() == 1
        || t.starts_with(['\'', '‘']) && single_quote_marks(&t.chars().collect::<Vec<char>>()).len() == 1;
    (opens && !between.contains(&'\n') && p.lang == "en").then_some(p)
}

/// The subject a pronoun in a fronted clause looks ahead to: "As it grew …, the DPRK began"
/// → the DPRK (a person for he/she, anything else for it/they), when the sentence opens with a
/// subordinator and the pronoun directly follows it.
fn cataphor(r: &Cx, s: &Sentence, at: usize, pronoun: &str) -> Option<usize> {
    let lead = s.text(0, at);
    let opener = lead.trim();
    if !FRONTED_SUBORDINATORS.contains(&opener) {
        return None;
    }
    let rest = s.text(at, s.len());
    let comma = at + rest[..rest.find(',')?].chars().count();
    let mut p = comma + 1;
    let tail = s.text(p, s.len());
    p += tail.chars().count() - tail.trim_start().chars().count();
    for article in ["the ", "The "] {
        if s.text(p, s.len()).starts_with(article) {
            p += article.len();
        }
    }
    let h = s.entities.iter().find(|e| e.start == p && is_actor(r, e))?;
    let person = is_person(r, h);
    let fits = match pronoun {
        "he" | "she" => person,
        "it" | "they" => !person,
        _ => false,
    };
    fits.then_some(h.entity)
}
