//! English name shapes: capitalized chunks in the positions names take (after a title, before
//! an apposition, next to a cue verb), and organization chunks.

use super::{is_break, Found};
use crate::reference::{Hit, Reference, Term};
use regex::Regex;
use std::sync::LazyLock;

/// "a DPRK delegation", "an official North Korean trade delegation" (U+E000 marks a known name).
static RE_DELEGATION_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:[Aa]n?|[Tt]he|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+(?:[a-z][a-z-]*\s+){0,2}(\x{E000}+)(?:'s|’s)?\s+((?:[a-z][a-z-]*\s+){0,2})(delegation|mission)\b").expect("valid")
});
/// "a delegation of the Mozambique Liberation Front", "a delegation of officials from X".
static RE_DELEGATION_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(delegation)\s+(?:of\s+(?:[a-z]+\s+){0,2}officials\s+)?(?:of|from)\s+(?:the\s+)?(\x{E000}+)").expect("valid")
});
/// "a delegation of DPRK officials", "a delegation of senior Lao lawmakers": a group of a
/// country's people.
static RE_DELEGATION_OF_PEOPLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(delegation)\s+of\s+(?:[a-z-]+\s+){0,2}(\x{E000}+)\s+(?:[a-z-]+\s+){0,2}(?:officials|diplomats|lawmakers|legislators|parliamentarians|officers|journalists|athletes|artists|experts|scholars|students|youths|workers|businesspeople|businessmen)\b").expect("valid")
});
/// "a delegation of the", "delegation from": right before an organization's name.
static RE_DELEGATION_OF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bdelegation\s+(?:of|from)\s+(?:the\s+)?$").expect("valid"));
/// "U.S. officials", "South Korean defense officials", "U.S. and South Korean officials": a
/// country's unnamed officials speaking on the record (plural; "an official" is an unnamed source).
static RE_OFFICIALS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\x{E000}+)(?:\s+and\s+(\x{E000}+))?\s+((?:[a-z][a-z-]*\s+){0,2})officials\b").expect("valid")
});
/// "the DPRK's trade minister" with no name after the title: an unnamed office holder.
static RE_POSSESSIVE_TITLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\x{E000}+)(?:'s|’s)\s+((?:[a-z][a-z-]*\s+){0,3}[a-z][a-z-]*)").expect("valid"));

/// How a country is named as an adjective ("North Korean", "Chinese"): the first of its names
/// that reads like a demonym, else its English name.
pub fn demonym(r: &Reference, iso3: &str) -> Option<String> {
    let e = r.entities.iter().find(|e| e.kind == "country" && e.entity_id == iso3)?;
    let adjective = |a: &str| {
        let words: Vec<&str> = a.split(' ').collect();
        words.len() <= 2
            && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) && w.chars().skip(1).all(|c| c.is_lowercase()))
            && ["an", "ese", "ish", "ch", "i", "ic"].iter().any(|x| a.ends_with(x))
    };
    Some(e.aliases.split('|').map(str::trim).find(|a| adjective(a)).map(String::from).unwrap_or_else(|| e.name_en.clone()))
}

/// Unnamed groups and office holders that act in the text: "a DPRK delegation" → "North Korean
/// delegation", "a delegation of the X Front" → "X Front delegation", "the DPRK's trade minister"
/// (no name follows) → "North Korean trade minister". Kind `role`, with the owner's country.
fn unnamed_groups(r: &Reference, text: &str, hits: &[(usize, usize, usize)], kinds: &dyn Fn(usize) -> Option<(String, String)>) -> Vec<Found> {
    let chars = |b: usize| text[..b].chars().count();
    let owner = |a: usize, b: usize| -> Option<(String, String)> {
        let &(_, _, ent) = hits.iter().find(|h| h.0 == a && h.1 == b)?;
        let (kind, country) = kinds(ent)?;
        let name = match kind.as_str() {
            "country" => demonym(r, &country)?,
            "org" => r.entities.get(ent).map(|e| e.name_en.clone()).filter(|n| !n.is_empty())?,
            _ => return None,
        };
        Some((name, country))
    };
    let mut out = Vec::new();
    let role = |start: usize, end: usize, name: String, country: String| Found { start, end, kind: "role", country, english: Some(name), pinyin: false };
    for c in RE_DELEGATION_BEFORE.captures_iter(text) {
        let (g, m, d) = (c.get(1).expect("group"), c.get(2).map_or("", |x| x.as_str()), c.get(3).expect("group"));
        if let Some((name, country)) = owner(chars(g.start()), chars(g.end())) {
            let mods = m.split_whitespace().collect::<Vec<_>>().join(" ");
            let name = [name.as_str(), mods.as_str(), d.as_str()].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" ");
            out.push(role(chars(g.start()), chars(d.end()), name, country));
        }
    }
    for c in RE_DELEGATION_AFTER.captures_iter(text).chain(RE_DELEGATION_OF_PEOPLE.captures_iter(text)) {
        let (d, g) = (c.get(1).expect("group"), c.get(2).expect("group"));
        if let Some((name, country)) = owner(chars(g.start()), chars(g.end())) {
            out.push(role(chars(d.start()), chars(g.end()), format!("{name} delegation"), country));
        }
    }
    for c in RE_OFFICIALS.captures_iter(text) {
        let (g1, g2, m) = (c.get(1).expect("group"), c.get(2), c.get(3).map_or("", |x| x.as_str()));
        // The head must be a country (not "Foreign Ministry officials").
        let country_owner = |g: regex::Match| {
            let &(_, _, ent) = hits.iter().find(|h| h.0 == chars(g.start()) && h.1 == chars(g.end()))?;
            kinds(ent).filter(|(k, _)| k == "country").and_then(|_| owner(chars(g.start()), chars(g.end())))
        };
        // "The United States designated officials …": a verb of the lexicons after the country
        // is what it did, not a modifier of the officials.
        let verb = |w: &str| {
            let n = w.chars().count();
            [&r.sanction_terms, &r.cues, &r.visit_terms].iter().any(|lex| lex.find_str(w).iter().any(|h| h.start == 0 && h.end == n && h.item.role != "context"))
        };
        if m.split_whitespace().next().is_some_and(verb) {
            continue;
        }
        let mods = m.split_whitespace().collect::<Vec<_>>().join(" ");
        let named = |n: &str| [n, mods.as_str(), "officials"].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" ");
        let end = chars(c.get(0).expect("m").end());
        if let Some(g2) = g2 {
            // "U.S. and South Korean officials": each country's officials.
            if let (Some((n1, c1)), Some((n2, c2))) = (country_owner(g1), country_owner(g2)) {
                out.push(role(chars(g1.start()), chars(g1.end()), named(&n1), c1));
                out.push(role(chars(g2.start()), end, named(&n2), c2));
            }
        } else if let Some((n1, c1)) = country_owner(g1) {
            out.push(role(chars(g1.start()), end, named(&n1), c1));
        }
    }
    for c in RE_POSSESSIVE_TITLE.captures_iter(text) {
        let (g, t) = (c.get(1).expect("group"), c.get(2).expect("group"));
        // A title ending the phrase at a word end ("trade minister" in "trade minister
        // visited"), with no name after it.
        let words = t.as_str();
        let Some(cut) = r.names.titles.find_str(words).into_iter().filter(|h| h.item.role == "office").map(|h| h.end).max() else { continue };
        let phrase: String = words.chars().take(cut).collect();
        let end_byte = t.start() + phrase.len();
        if text[end_byte..].chars().next().is_some_and(|x| x.is_alphanumeric()) {
            continue;
        }
        let next = text[end_byte..].trim_start().chars().next();
        if next.is_some_and(|x| x.is_uppercase() || x == '\u{E000}') {
            continue;
        }
        // "Ri Son Gwon, North Korea's foreign minister,": the office of the name before it.
        let head = text[..g.start()].trim_end();
        if head.ends_with(',') && head[..head.len() - 1].trim_end().ends_with(|x: char| x.is_alphabetic()) && {
            let last = head[..head.len() - 1].split_whitespace().last().unwrap_or("");
            last.chars().next().is_some_and(|x| x.is_uppercase())
        } {
            continue;
        }
        if let Some((name, country)) = owner(chars(g.start()), chars(g.end())) {
            out.push(role(chars(g.start()), chars(end_byte), format!("{name} {phrase}"), country));
        }
    }
    out
}


/// Words after which a capitalized chunk names the person who acts: "a delegation led by X",
/// "during a visit by X", "at the invitation of X", "held talks with X".
const AGENT_BEFORE: &[&str] = &[" led by ", " headed by ", " visit by ", " trip by ", " accompanied by ", " invitation of ", " talks with ", " met with "];

/// Capitalized words that begin sentences or name calendar units, never a name on their own.
const STOP: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "For", "But", "And", "Or", "However", "According", "After", "Before", "During", "Since",
    "While", "When", "If", "As", "By", "From", "With", "Despite", "This", "That", "These", "Those", "It", "He", "She", "They",
    "We", "I", "His", "Her", "Their", "Its", "Our", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    "Related", "Source", "Sources", "Context", "Changes", "Formats", "Some", "Many", "Most", "Both", "All", "Other", "Several",
    "Then", "Later", "Also", "Meanwhile", "Thus", "Yet", "Still", "There", "Here", "Today", "Yesterday", "Although", "Though",
    "Under", "Over", "Between", "Among", "Following", "Until", "Through", "Once", "Upon", "Within", "Without", "Mr", "Mrs", "Ms",
    "Dr", "Not", "No", "Yes", "What", "Who", "Why", "How", "Where", "Which", "Western", "Eastern", "Northern", "Southern",
    "Communist", "Korean", "Asian", "European", "African", "Arab", "Latin", "Cold", "War", "Olympics", "Olympic", "Winter",
    "Summer", "Games", "Treaty", "Act", "Resolution", "Article", "Constitution", "Declaration", "Agreement", "Summit", "Talks",
    "Peninsula", "Sea", "River", "Island", "Islands", "Zone", "Crisis", "Program", "Programme", "Initiative", "Day", "Year",
    "Even", "Only", "Just", "Already", "Again", "Instead", "Indeed", "Likewise", "Similarly", "Furthermore", "Additionally",
    "Nevertheless", "Nonetheless", "Subsequently", "Initially", "Finally", "Eventually", "Currently", "Recently", "Previously",
    "Officially", "Reportedly", "Allegedly", "Despite", "Prior", "Around", "About", "Because", "Whereas", "Unlike", "Like",
];

/// English words that are also romanized surnames ("He", "An", "You", "Long"): never a
/// surname on their own.
pub fn is_common_word(w: &str) -> bool {
    STOP.contains(&w) || ["You", "Long", "Fan", "Man", "Sun", "Song", "Bo", "Mo", "Yu", "Ha", "Go", "Do", "So", "Me"].contains(&w)
}

/// A country's missions abroad: a body named with its seat ("the Chinese embassy in Beijing",
/// title case too: "the Japanese Consulate General in Shanghai").
const MISSION_WORDS: &[&str] = &["embassy", "consulate general", "consulate"];

/// A mission word in title case ("Consulate General") ends `body`.
fn ends_with_mission(body: &str) -> bool {
    MISSION_WORDS.iter().any(|w| {
        let titled: Vec<String> = w.split(' ').map(|x| x[..1].to_uppercase() + &x[1..]).collect();
        body.ends_with(&titled.join(" "))
    })
}

/// Institutions written in lower case after a country or demonym: together a named body.
const INSTITUTIONS: &[&str] = &[
    "court", "police", "military", "army", "navy", "embassy", "consulate general", "consulate", "parliament", "prosecutors", "coast guard", "foreign ministry", "defense ministry",
    "defence ministry", "intelligence service", "state media", "news agency", "unification ministry", "commerce ministry", "trade ministry",
    "finance ministry", "interior ministry", "justice ministry", "customs", "customs agency", "customs office", "central bank", "cabinet",
    "presidential office", "spy agency", "joint chiefs of staff", "ruling party", "state news agency", "official news agency", "state television",
    "state TV", "foreign office", "mission to the United Nations", "mission to the UN",
];

/// Lower-case words that may stand inside a name (Charles de Gaulle, Osama bin Laden).
const PARTICLES: &[&str] = &["de", "da", "van", "von", "der", "den", "bin", "al", "el", "la", "le", "du", "dos", "del", "di", "ibn", "ul"];

/// Lower-case words after a name that open an apposition (", a former official").
const APPOSITION: &[&str] = &["a", "an", "the", "who", "former", "now", "then", "director", "head", "chief", "professor", "president"];

#[derive(Debug, Clone, Copy)]
struct Tok {
    start: usize,
    end: usize,
}

fn tokens(c: &[char]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.len() {
        if c[i].is_alphanumeric() || c[i] == '\u{E000}' {
            let s = i;
            if c[i] == '\u{E000}' {
                while i < c.len() && c[i] == '\u{E000}' {
                    i += 1;
                }
            } else {
                // (A possessive ending is not part of the word: "the Ministry's press service".)
                let possessive = |i: usize| matches!(c[i], '\'' | '’') && c.get(i + 1) == Some(&'s') && !c.get(i + 2).is_some_and(|x| x.is_alphanumeric());
                while i < c.len()
                    && !possessive(i)
                    && (c[i].is_alphanumeric()
                        || (matches!(c[i], '\'' | '’' | '-' | '.') && i + 1 < c.len() && c[i + 1].is_alphanumeric())
                        // An initial or a two-letter abbreviation ("H.", "Mr.", "Jr."), not a
                        // two-letter syllable ending a sentence ("… Pak Myong Ho.").
                        || (c[i] == '.' && i > s && c[s].is_uppercase() && (i - s == 1 || (i - s == 2 && !"aeiouy".contains(c[s + 1])))))
                {
                    i += 1;
                }
            }
            out.push(Tok { start: s, end: i });
        } else {
            i += 1;
        }
    }
    out
}

fn word(c: &[char], t: Tok) -> String {
    c[t.start..t.end].iter().collect()
}

fn capitalized(c: &[char], t: Tok) -> bool {
    c[t.start].is_uppercase() && c[t.start] != '\u{E000}' && c[t.start..t.end].iter().any(|x| x.is_lowercase() || *x == '.')
}

/// Only spaces between two tokens.
fn adjacent(c: &[char], a: Tok, b: Tok) -> bool {
    c[a.end..b.start].iter().all(|x| *x == ' ')
}

/// The name chunk starting at token `i`: capitalized words (and particles between them), up
/// to `max` words. Returns the index after the last token.
fn chunk(c: &[char], toks: &[Tok], i: usize, max: usize) -> usize {
    let mut j = i;
    let mut words = 0;
    while j < toks.len() && words < max {
        let t = toks[j];
        if j > i && !adjacent(c, toks[j - 1], t) {
            break;
        }
        let w = word(c, t);
        // "He Qiming said": the surname He before a capitalized given name (not the pronoun).
        let surname_he = j == i && w == "He" && toks.get(j + 1).is_some_and(|n| adjacent(c, t, *n) && capitalized(c, *n) && !STOP.contains(&word(c, *n).as_str()));
        if capitalized(c, t) && (!STOP.contains(&w.trim_end_matches('.')) || surname_he) {
            words += 1;
            j += 1;
        } else if j > i && PARTICLES.contains(&w.as_str()) && toks.get(j + 1).is_some_and(|n| capitalized(c, *n) && adjacent(c, t, *n)) {
            j += 1;
        } else {
            break;
        }
    }
    // A chunk never ends in a particle.
    while j > i && PARTICLES.contains(&word(c, toks[j - 1]).as_str()) {
        j -= 1;
    }
    j
}

/// ", senior vice president for …", ", deputy director of …": within the first three words
/// after the comma, a lower-case office or profession, with only lower-case words before it.
fn lower_title_within(titles: &[Hit<Term>], b: usize, c: &[char]) -> bool {
    if c.get(b) != Some(&',') || c.get(b + 1) != Some(&' ') {
        return false;
    }
    let mut p = b + 2;
    // ", North Korea's foreign minister,": a known country's possessive first.
    if c.get(p) == Some(&'\u{E000}') {
        let mut q = p;
        while c.get(q) == Some(&'\u{E000}') {
            q += 1;
        }
        if c.get(q..q + 3).is_some_and(|x| x == ['\'', 's', ' '] || x == ['’', 's', ' ']) {
            p = q + 3;
        } else if c.get(q) != Some(&' ') {
            return false;
        }
    }
    for _ in 0..3 {
        // ", the Chinese ambassador,": a known country's adjective after "the" (or opening the
        // apposition: ", Chinese ambassador to the DPRK,").
        if c.get(p) == Some(&'\u{E000}') && (p == b + 2 || c.get(p.wrapping_sub(4)..p).is_some_and(|x| x == ['t', 'h', 'e', ' '])) {
            while c.get(p) == Some(&'\u{E000}') {
                p += 1;
            }
            if c.get(p) != Some(&' ') {
                return false;
            }
            p += 1;
        }
        if !c.get(p).is_some_and(|x| x.is_lowercase()) {
            return false;
        }
        if titles.iter().any(|t| t.start == p && t.item.role != "former" && t.item.term.chars().next().is_some_and(|x| x.is_lowercase()) && !c.get(t.end).is_some_and(|x| x.is_alphanumeric())) {
            return true;
        }
        while c.get(p).is_some_and(|x| x.is_alphanumeric() || *x == '-') {
            p += 1;
        }
        if c.get(p) != Some(&' ') {
            return false;
        }
        p += 1;
    }
    false
}

fn has_org_word(r: &Reference, c: &[char], a: usize, b: usize) -> bool {
    let s: String = c[a..b].iter().collect();
    r.names.org_heads.find_str(&s).iter().any(|h| h.item.role == "suffix" || h.item.role == "prefix" && h.start == 0)
}

/// Auxiliaries and adverbs that may stand between a name and its verb ("X has visited",
/// "X also said"): read past them when a name is confirmed by the verb after it.
const AUX_BEFORE_VERB: &[&str] = &["has", "had", "have", "also", "later", "then", "earlier", "again", "once", "reportedly"];

/// A light verb and a trip noun right after a name ("Zhao Leji leads a party and government
/// delegation to", "X paid an official visit to"): the name travels.
static RE_LIGHT_TRIP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^\s+(?:leads|led|heads|headed|made|makes|paid|pays|began|begins|wrapped up|wraps up|concluded|concludes)\s+(?:a|an|the|his|her|their)\s+(?:[\w-]+\s+){0,4}(?:visit|trip|delegation|tour|mission)s?\b").expect("valid")
});

/// "delegation, led by " ending right before a name (the country stands before the noun, or in
/// an "of" phrase after it: "a delegation of the Ministry of Foreign Affairs of Laos led by
/// Vice Minister of Foreign Affairs X"); group 1 is that phrase.
static RE_LED_BY_END: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:delegation|mission|team)s?(\s+of\s+[^,;]{1,100}?)?,?\s+(?:led|headed)\s+by\s+(?:(?:[A-Z][\w.'’-]*|of|for|and|the)\s+){0,8}$").expect("valid")
});

/// Recognizes names in one English sentence. `c` is the sentence with known names masked
/// (U+E000); `hits` the known-name spans (start, end, entity index); `kinds` gives an entity's
/// kind and country; `cues` the cue-verb hits; `known` the surnames of people already
/// recognized in the document.
pub fn recognize(
    r: &Reference,
    c: &[char],
    hits: &[(usize, usize, usize)],
    kinds: &dyn Fn(usize) -> Option<(String, String)>,
    cues: &[Hit<Term>],
    known: &dyn Fn(&str) -> bool,
) -> Vec<Found> {
    let text: String = c.iter().collect();
    // Byte offset of each char (and of the end), for patterns matched from a char position.
    let c2b: Vec<usize> = text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).collect();
    let toks = tokens(c);
    let mut titles: Vec<Hit<Term>> = r.names.titles.find_str(&text);
    // A title capitalized only because it opens the sentence or follows a dateline's dash or an
    // opening quote ("Spokeswoman Mao Ning said", "… - Envoy X arrived"): read in lower case too.
    let lowered: String = c
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let opens = c[..i].iter().rev().find(|y| **y != ' ').is_none_or(|y| matches!(y, '-' | '–' | '—' | '"' | '“' | ':'));
            if opens && x.is_uppercase() && c.get(i + 1).is_some_and(|y| y.is_lowercase()) { x.to_lowercase().next().unwrap_or(x) } else { x }
        })
        .collect();
    if lowered != text {
        for t in r.names.titles.find_str(&lowered) {
            if !titles.iter().any(|u| u.start == t.start && u.end == t.end) {
                titles.push(t);
            }
        }
        titles.sort_by_key(|t| (t.start, t.end));
    }
    // Travel verbs: a name chunk right before one is the traveller ("Dom Mintoff traveled to").
    let travel: Vec<Hit<Term>> = r.visit_terms.find_str(&text).into_iter().filter(|h| matches!(h.item.role.as_str(), "visit" | "meet")).collect();
    let mut out: Vec<Found> = Vec::new();
    // The country written just before position p ("North Korean leader", "U.S. Secretary of
    // State", "South Korea's"), or after the name ("… of Botswana").
    let country_at = |p: usize| -> String {
        for &(s, e, ent) in hits.iter().rev() {
            if e > p {
                continue;
            }
            let between: String = c[e..p].iter().collect();
            let between = between.trim_start_matches("'s").trim_start_matches("’s");
            let ok = between.split_whitespace().all(|w| w.chars().next().is_some_and(|x| x.is_uppercase()) || w == "of")
                && between.len() <= 40
                && !between.contains([',', ';', '(', ')']);
            if !ok {
                return String::new();
            }
            if let Some((kind, country)) = kinds(ent) {
                if matches!(kind.as_str(), "country" | "org" | "place") && !country.is_empty() {
                    return country;
                }
            }
            let _ = s;
        }
        String::new()
    };
    // "The Lao delegation, led by X": the head of a country's delegation is of that country.
    let heads_delegation = |a: usize| -> String {
        let from = a.saturating_sub(240);
        let before: String = c[from..a].iter().collect();
        let Some(m) = RE_LED_BY_END.captures(&before) else { return String::new() };
        let at = a - before[m.get(0).map_or(0, |x| x.start())..].chars().count();
        let before_noun = hits
            .iter()
            .rev()
            // (a country right before the noun, or the unnamed "<demonym> delegation" read already)
            .find(|h| h.0 < at && h.1 + 1 >= at && h.1 <= at + 12)
            .and_then(|&(_, _, ent)| kinds(ent))
            .filter(|(k, c)| k == "country" || k == "role" && !c.is_empty())
            .map(|(_, country)| country);
        // (the last country or country's body in the "of" phrase)
        let of_phrase = m.get(1).and_then(|g| {
            let (ga, gb) = (from + before[..g.start()].chars().count(), from + before[..g.end()].chars().count());
            hits.iter().rev().filter(|h| h.0 >= ga && h.1 <= gb).find_map(|&(_, _, ent)| kinds(ent).filter(|(k, c)| matches!(k.as_str(), "country" | "org") && !c.is_empty()).map(|(_, c)| c))
        });
        before_noun.or(of_phrase).unwrap_or_default()
    };
    let country_after = |e: usize| -> String {
        let rest: String = c[e..(e + 4).min(c.len())].iter().collect();
        if rest == " of " {
            if let Some(&(_, _, ent)) = hits.iter().find(|h| h.0 == e + 4) {
                if let Some((kind, country)) = kinds(ent) {
                    if kind == "country" {
                        return country;
                    }
                }
            }
        }
        String::new()
    };
    // An office of a country in apposition: "The Foreign Minister of Mongolia, Mr. X," before
    // the name, or "X, the Foreign Minister of Mongolia," after it.
    let country_of_office = |title_end: usize| -> String {
        let of: String = c[title_end..(title_end + 8).min(c.len())].iter().collect();
        let skip = if of.starts_with(" of the ") { 8 } else if of.starts_with(" of ") { 4 } else { return String::new() };
        let Some(&(_, _, ent)) = hits.iter().find(|h| h.0 == title_end + skip) else { return String::new() };
        match kinds(ent) {
            Some((kind, country)) if kind == "country" => country,
            _ => String::new(),
        }
    };
    // The title whose "of <Country>" ends right before `p` ("the military ruler of the Central
    // African Republic" before ", Name").
    let office_ending_at = |p: usize| -> Option<usize> {
        let &(hs, _, ent) = hits.iter().find(|h| h.1 == p)?;
        if !kinds(ent).is_some_and(|(k, _)| k == "country") {
            return None;
        }
        titles.iter().filter(|t| t.item.role == "office").find(|t| [4, 8].contains(&(hs.saturating_sub(t.end))) && !country_of_office(t.end).is_empty()).map(|t| t.end)
    };
    // A posting ending right before `p` ("Moscow's ambassador to Pyongyang", "the Russian envoy
    // in Seoul" before ", Name"): the country of the one posted, from the possessive or demonym
    // in front of the office ("" when none is written).
    let posted_ending_at = |p: usize| -> Option<String> {
        let &(hs, _, ent) = hits.iter().find(|h| h.1 == p)?;
        if !kinds(ent).is_some_and(|(k, _)| k == "country" || k == "place") {
            return None;
        }
        let t = titles.iter().filter(|t| t.item.role == "office").find(|t| {
            let gap: String = c[t.end.min(hs)..hs].iter().collect();
            matches!(gap.as_str(), " to " | " to the " | " in ")
        })?;
        let before: String = c[t.start.saturating_sub(3)..t.start].iter().collect();
        let home = hits.iter().find(|h| (before.ends_with("'s ") || before.ends_with("’s ")) && h.1 + 3 == t.start || h.1 + 1 == t.start);
        Some(home.and_then(|h| kinds(h.2)).map(|(_, country)| country).unwrap_or_default())
    };
    let apposed = |a: usize, b: usize| -> String {
        // Before: "<Title> of <Country>, " ending where the name (or its honorific) starts.
        if a >= 2 && c[a - 2] == ',' && c[a - 1] == ' ' {
            if let Some(t) = office_ending_at(a - 2) {
                return country_of_office(t);
            }
            if let Some(country) = posted_ending_at(a - 2) {
                return country;
            }
        }
        // After: ", North Korea's foreign minister": the country of the possessive.
        if c.get(b) == Some(&',') && c.get(b + 1) == Some(&' ') {
            if let Some(&(_, he, ent)) = hits.iter().find(|h| h.0 == b + 2) {
                let poss = c.get(he..he + 2).is_some_and(|x| x == ['\'', 's'] || x == ['’', 's']);
                if poss && lower_title_within(&titles, b, c) {
                    if let Some((kind, country)) = kinds(ent) {
                        if kind == "country" {
                            return country;
                        }
                    }
                }
            }
        }
        // After: ", the <Title> of <Country>" / ", <Title> of <Country>".
        let rest: String = c[b..(b + 6).min(c.len())].iter().collect();
        let skip = if rest.starts_with(", the ") { 6 } else if rest.starts_with(", ") { 2 } else { return String::new() };
        let Some(t) = titles.iter().find(|t| t.start == b + skip) else { return String::new() };
        let direct = country_of_office(t.end);
        if !direct.is_empty() {
            return direct;
        }
        // ", vice minister of foreign affairs of the People's Republic of China": the country
        // closing a chain of "of" phrases within the apposition; or a national body's
        // (", Deputy Chairman of the Security Council of the Russian Federation,").
        let seg_end = (t.end..(t.end + 100).min(c.len())).find(|&k| matches!(c[k], ',' | ';' | '(' | ')' | '.')).unwrap_or((t.end + 100).min(c.len()));
        hits.iter()
            .filter(|h| h.0 > t.end && h.1 <= seg_end)
            .find(|h| {
                let lead: String = c[t.end..h.0].iter().collect();
                (lead.ends_with(" of ") || lead.ends_with(" of the ")) && kinds(h.2).is_some_and(|(k, country)| k == "country" || k == "org" && !country.is_empty())
            })
            .and_then(|h| kinds(h.2))
            .map(|(_, country)| country)
            .unwrap_or_default()
    };
    let tok_at = |p: usize| toks.iter().position(|t| t.start == p);
    let person = |out: &mut Vec<Found>, a: usize, b: usize, title_at: usize| {
        let mut country = country_at(title_at);
        if country.is_empty() {
            country = country_after(b);
        }
        if country.is_empty() {
            country = apposed(title_at.min(a), b);
        }
        if country.is_empty() {
            country = heads_delegation(a);
        }
        out.push(Found { start: a, end: b, kind: "person", country, english: None, pinyin: false });
    };
    // 1. Title + name ("Secretary of State Rex Tillerson", "analyst Bruce Bennett").
    for t in titles.iter().filter(|t| t.item.role != "former") {
        let mut p = t.end;
        while p < c.len() && c[p] == ' ' {
            p += 1;
        }
        let Some(i) = tok_at(p) else { continue };
        let j = chunk(c, &toks, i, 4);
        if j == i || titles.iter().any(|u| u.start == p) {
            continue;
        }
        let (a, b) = (toks[i].start, toks[j - 1].end);
        if has_org_word(r, c, a, b) {
            continue;
        }
        // A single word after a lower-case title is a name only when it is one already
        // (the leader Kim), or the title is an honorific (Mr. Xi).
        if j - i == 1 && !(t.item.role == "honorific" || known(&word(c, toks[i]))) && t.item.term.chars().next().is_some_and(|x| x.is_lowercase()) {
            continue;
        }
        person(&mut out, a, b, t.start);
    }
    // 1a. "The foreign ministry said", "the unification ministry": a government body written in
    // lower case with no country before it (whose it is, the document decides: see
    // `normalize::recognize`).
    for (i, _) in text.match_indices("the ").chain(text.match_indices("The ")) {
        if i > 0 && text[..i].chars().next_back().is_some_and(|x| x.is_alphanumeric()) {
            continue;
        }
        let rest = &text[i + 4..];
        let Some(noun) = INSTITUTIONS.iter().filter(|n| n.contains("ministry") || n.contains("office")).find(|n| rest.starts_with(**n) && !rest[n.len()..].starts_with(|x: char| x.is_alphanumeric())) else {
            continue;
        };
        let a = text[..i + 4].chars().count();
        out.push(Found { start: a, end: a + noun.chars().count(), kind: "org", country: String::new(), english: None, pinyin: false });
    }
    // 1b. A country or demonym and an institution written in lower case ("the Spanish court",
    // "the North Korean embassy in Beijing").
    for &(hs, he, ent) in hits {
        // A capital stands for its country before a possessive ("Seoul's unification ministry").
        let capital = r.capitals.get(&ent).copied();
        if !kinds(ent).is_some_and(|(k, _)| k == "country") && capital.is_none() {
            continue;
        }
        let rest: String = c[he..(he + 40).min(c.len())].iter().collect();
        // "North Korea's foreign ministry": the possessive stands between them.
        let poss = ["'s", "’s"].iter().find(|p| rest.starts_with(*p)).map(|p| p.chars().count()).unwrap_or(0);
        if capital.is_some() && poss == 0 {
            continue;
        }
        let rest: String = rest.chars().skip(poss).collect();
        // (A mission abroad is as often written in title case: "the Chinese Embassy in Pyongyang",
        // "the U.S. Consulate General in Hong Kong".)
        let lower = rest.to_lowercase();
        let mission = |n: &str| MISSION_WORDS.contains(&n);
        let Some(noun) = INSTITUTIONS
            .iter()
            .find(|n| (rest.starts_with(&format!(" {n}")) || mission(n) && lower.starts_with(&format!(" {n}"))) && !rest[n.len() + 1..].starts_with(|x: char| x.is_alphanumeric()))
        else {
            continue;
        };
        let mut end = he + poss + 1 + noun.chars().count();
        if mission(noun) {
            if let Some(&(_, pe, _)) = hits.iter().find(|h| h.0 == end + 4 && c[end..end + 4].iter().collect::<String>() == " in ") {
                end = pe;
            }
        }
        let country = capital.and_then(kinds).or_else(|| kinds(ent)).map(|(_, c)| c).unwrap_or_default();
        // ("South Korea's foreign ministry" is named as a curator would: the South Korean Foreign
        // Ministry, a body's name in title case, "the South Korean military" not; the form the
        // text wrote stays an alias.)
        let english = (poss > 0 && !mission(noun)).then(|| demonym(r, &country)).flatten().map(|d| {
            let proper = ["ministry", "office", "agency", "service", "bank", "party", "staff", "mission", "cabinet", "parliament"].iter().any(|w| noun.contains(w));
            let titled: Vec<String> = noun.split(' ').map(|w| if !proper || matches!(w, "of" | "the" | "and" | "for" | "to") { w.to_string() } else { super::capitalize(w) }).collect();
            format!("{d} {}", titled.join(" "))
        });
        out.push(Found { start: hs, end, kind: "org", country, english, pinyin: false });
    }
    // 1c. A speaker of a meeting record in capitals with the country in brackets (UN press
    // releases: "LIM HAE-JIN (Republic of Korea) said …"): a person of that country, named in
    // title case.
    let mut k = 0;
    while k < toks.len() {
        let caps = |t: Tok| {
            let w = word(c, t);
            w.chars().count() >= 2 && w.chars().all(|x| x.is_uppercase() || x == '-' || x == '\'') && w.chars().filter(|x| x.is_alphabetic()).count() >= 2
        };
        // (A name in capitals may already read in title case here, from the dateline and
        // surname rules: "Lim Hae-jin (Republic of Korea) said"; then a cue must follow.)
        let plain = |t: Tok| capitalized(c, t) && !STOP.contains(&word(c, t).as_str());
        // (A middle initial stands among the capitals: "VASSILY A. NEBENZIA".)
        let initial = |t: Tok| t.end - t.start == 2 && c[t.start].is_uppercase() && c[t.start + 1] == '.';
        let all_caps = (k..toks.len()).take_while(|&i| caps(toks[i]) || (i > k && initial(toks[i]))).count();
        let mut j = k;
        while j < toks.len() && (caps(toks[j]) || plain(toks[j])) && (j == k || adjacent(c, toks[j - 1], toks[j])) && j - k < 4 {
            j += 1;
        }
        if j - k >= 2 {
            let (a, b) = (toks[k].start, toks[j - 1].end);
            let bracket = hits.iter().find(|h| c.get(b..b + 2).is_some_and(|x| x == [' ', '(']) && h.0 == b + 2 && c.get(h.1) == Some(&')'));
            // (Or another verb in the past tense: "… (Spain) regretted the outcome and said …".)
            let past_next = bracket.is_some_and(|h| {
                let w: String = c[(h.1 + 2).min(c.len())..].iter().take_while(|x| x.is_alphabetic()).collect();
                c.get(h.1 + 1) == Some(&' ') && w.len() >= 4 && w.ends_with("ed") && w.starts_with(|x: char| x.is_lowercase())
            });
            let cue_next = past_next || bracket.is_some_and(|h| cues.iter().any(|q| q.start >= h.1 + 1 && q.start <= h.1 + 2));
            let country = bracket.filter(|_| all_caps >= j - k || cue_next).and_then(|h| kinds(h.2)).filter(|(k, _)| k == "country").map(|(_, c)| c);
            if let Some(country) = country {
                // ("Joon-Ho" from a dateline's case is a Korean given name: "Joon-ho"; short
                // syllables on both sides of the hyphen tell it from "Duarte-Velasco".)
                let syllables = |w: String| match w.split_once('-') {
                    Some((x, y)) if x.chars().count() <= 5 && y.chars().count() <= 4 && !y.contains('-') => format!("{x}-{}", y.to_lowercase()),
                    _ => w,
                };
                // (The record's middle initial is left out, as other outlets write the name.)
                let mut parts: Vec<String> = (k..j).filter(|&i| !(i > k && i + 1 < j && initial(toks[i]))).map(|i| syllables(if caps(toks[i]) { word(c, toks[i]).split('-').map(crate::normalize::title_word).collect::<Vec<_>>().join("-") } else { word(c, toks[i]) })).collect();
                // A Korean name in the record's given-name-first order ("JOONKOOK HWANG"): the
                // family name first, as Korean names are written elsewhere.
                let korean_surname = |w: &str| r.names.korean_spelling_of.contains_key(&w.to_lowercase());
                if matches!(country.as_str(), "KOR" | "PRK") && parts.len() == 2 && korean_surname(&parts[1]) && !korean_surname(&parts[0]) {
                    parts.swap(0, 1);
                }
                let english = parts.join(" ");
                out.push(Found { start: a, end: b, kind: "person", country, english: Some(english), pinyin: false });
            }
            k = j;
            continue;
        }
        k += 1;
    }
    // 2. Chunks next to a cue verb or before an apposition; 3. organization chunks.
    let mut i = 0;
    while i < toks.len() {
        let j = chunk(c, &toks, i, 6);
        if j == i {
            i += 1;
            continue;
        }
        let (a, b) = (toks[i].start, toks[j - 1].end);
        if out.iter().any(|f| f.start < b && f.end > a) {
            i = j;
            continue;
        }
        let n = j - i;
        // A chunk that is all title ("The Montenegrin Deputy Prime Minister visited") names an
        // office, not a person.
        if titles.iter().any(|t| t.start <= a && t.end >= b) {
            i = j;
            continue;
        }
        let after: String = c[b..(b + 24).min(c.len())].iter().collect();
        let before: String = c[a.saturating_sub(14)..a].iter().collect();
        // (Past an auxiliary or adverb: "X has visited", "X also said", "X had earlier travelled".)
        let mut gap = 1;
        while let Some(w) = AUX_BEFORE_VERB.iter().find(|w| c[b + gap - 1..].iter().take(w.len() + 2).collect::<String>() == format!(" {w} ")) {
            gap += w.len() + 1;
        }
        let cue_after = cues.iter().any(|q| q.start >= b && q.start <= b + gap)
            || travel.iter().any(|q| q.start >= b && q.start <= b + gap)
            || RE_LIGHT_TRIP.is_match(&text[c2b[b]..]);
        let cue_before = cues.iter().any(|q| q.end <= a && q.end + 1 >= a && q.item.role != "according")
            || before.ends_with("according to ")
            || before.ends_with("According to ")
            || AGENT_BEFORE.iter().any(|w| before.ends_with(w));
        // ", a former official," / ", the president of Botswana,": an apposition ("the" only
        // before a title, so that a list of names is not one).
        let appos_words: Vec<&str> = after.get(2..).unwrap_or("").split_whitespace().take(2).collect();
        let appos = after.starts_with(", ")
            && ((appos_words.first().is_some_and(|w| APPOSITION.contains(w) || w.ends_with("-based"))
                // (", one of the businessmen behind the restaurant,")
                || appos_words == ["one", "of"]
                && (appos_words.first() != Some(&"the")
                    || appos_words.get(1).is_some_and(|t| titles.iter().any(|x| x.item.term.eq_ignore_ascii_case(t.trim_end_matches(','))))))
                || lower_title_within(&titles, b, c)
                // (", Deputy Minister for Foreign Affairs,": a capitalized office that goes on
                // with its portfolio, not one before another name.)
                || titles.iter().any(|t| {
                    let next: String = c[t.end..(t.end + 5).min(c.len())].iter().collect();
                    t.start == b + 2 && t.item.role == "office" && [" of ", " for ", ", ", " to "].iter().any(|x| next.starts_with(x))
                }));
        // "The president of Romania, Nicolae Ceaușescu,": a name set off by commas after an
        // office of a country.
        let appos_before = a >= 2
            && c[a - 2] == ','
            && c[a - 1] == ' '
            && (office_ending_at(a - 2).is_some() || posted_ending_at(a - 2).is_some())
            && c.get(b).is_none_or(|x| matches!(x, ',' | '.' | ';' | '(' | ' ') && (*x != ' ' || c.get(b + 1) == Some(&'(')));
        // "A senior Chinese official, Wang Derong, arrived …": a name set off by commas right
        // after a lower-case office ("official", "envoy", "spokesman") is that office's holder.
        // (Or closing the sentence: "…," said the Treasury's top sanctions official, Adam Szubin.)
        // (Spaces left by removed markup may stand after the comma.)
        let comma = (0..a).rev().find(|&k| c[k] != ' ').filter(|&k| c[k] == ',' && k + 1 < a);
        let office_before = (comma.is_some() && c.get(b).is_none_or(|x| matches!(x, ',' | '.' | ';')))
            .then(|| {
                titles.iter().rev().find(|t| {
                    Some(t.end) == comma && matches!(t.item.role.as_str(), "office" | "profession") && t.item.term.chars().next().is_some_and(|x| x.is_lowercase()) && !c.get(t.start.wrapping_sub(1)).is_some_and(|x| x.is_alphanumeric())
                })
            })
            .flatten()
            .map(|t| t.start);
        let org = has_org_word(r, c, a, b);
        // Organizations may carry "of"/"for" inside ("Security Service of Ukraine").
        let mut b2 = b;
        let mut j2 = j;
        while j2 + 1 < toks.len() {
            let w = word(c, toks[j2]);
            if (w == "of" || w == "for" || w == "and") && adjacent(c, toks[j2 - 1], toks[j2]) && adjacent(c, toks[j2], toks[j2 + 1]) {
                let k = chunk(c, &toks, j2 + 1, 5);
                if k > j2 + 1 {
                    b2 = toks[k - 1].end;
                    j2 = k;
                    continue;
                }
                // "… of Ukraine", "… of the DPRK": a known country closes the name.
                if w == "of" && org {
                    let mut n = j2 + 1;
                    if word(c, toks[n]) == "the" && n + 1 < toks.len() && adjacent(c, toks[n], toks[n + 1]) {
                        n += 1;
                    }
                    let country = hits.iter().find(|h| h.0 == toks[n].start && kinds(h.2).is_some_and(|(k, _)| k == "country"));
                    if let Some(&(_, he, _)) = country {
                        b2 = he;
                        j2 = n + 1;
                    }
                }
            }
            break;
        }
        // "Andray Abrahamian of George Mason University": a personal name (two or three
        // capitalized words, no body's word, nothing known) before "of" and a body (its own
        // body's word after "of"; not "the Joint Chiefs of Staff") is that body's member, not a
        // longer body's name.
        let person_head = !org
            && (2..=3).contains(&n)
            && (0..n).all(|k| {
                let w = word(c, toks[i + k]);
                w.chars().next().is_some_and(char::is_uppercase) && w.chars().skip(1).all(|x| x.is_lowercase() || x == '-') && w.chars().count() >= 2
            })
            && !hits.iter().any(|h| h.0 < b && h.1 > a)
            && !before.ends_with("'s ")
            && !before.ends_with("’s ")
            // (An article is never before a personal name: "the Joint Chiefs of Staff".)
            && !before.ends_with("the ")
            && !before.ends_with("The ")
            && !(0..n).any(|k| r.names.is_title(&word(c, toks[i + k])));
        let org_long = has_org_word(r, c, a, b2) && !(person_head && b2 > b && j + 1 < toks.len() && has_org_word(r, c, toks[j + 1].start, b2));
        if org || org_long {
            let end = if org_long { b2 } else { b };
            // A mission abroad takes its seat with it ("Japanese Consulate General in Shanghai").
            let body: String = c[a..end].iter().collect();
            let end = if ends_with_mission(&body) && c[end..(end + 4).min(c.len())].iter().collect::<String>() == " in " {
                hits.iter().find(|h| h.0 == end + 4 && kinds(h.2).is_some_and(|(k, _)| k == "place" || k == "country")).map_or(end, |h| h.1)
            } else {
                end
            };
            // Include a country written in front ("U.S. Pacific Command", "South Korea's …").
            let mut start = a;
            let mut english = None;
            let mut country = country_at(a);
            if let Some(&(hs, he, ent)) = hits.iter().rev().find(|h| h.1 <= a) {
                let between: String = c[he..a].iter().collect();
                let poss = between == "'s " || between == "’s ";
                // (A capital's possessive stands for its government: "Seoul's Ministry of
                // Unification".)
                let of_capital = r.capitals.get(&ent).copied().filter(|_| poss).and_then(kinds).map(|(_, k)| k);
                if (between == " " || poss) && kinds(ent).is_some_and(|(k, _)| k == "country") || of_capital.is_some() {
                    start = hs;
                    // "South Korea's Joint Chiefs of Staff" is the South Korean Joint Chiefs of
                    // Staff: named as a curator would, with the country's adjective.
                    let iso = of_capital.clone().or_else(|| kinds(ent).map(|(_, k)| k)).unwrap_or_default();
                    if poss {
                        let body: String = c[a..end].iter().collect();
                        english = demonym(r, &iso).map(|d| format!("{d} {body}"));
                    }
                    if country.is_empty() {
                        country = iso;
                    }
                }
            }
            // "the Government of Japan", "the Security Service of Ukraine": a body closed by
            // "of <Country>" is that country's.
            if country.is_empty() {
                if let Some(&(_, _, ent)) = hits.iter().find(|h| h.1 == end && h.0 > a) {
                    if let Some((k, c)) = kinds(ent) {
                        if k == "country" {
                            country = c;
                        }
                    }
                }
            }
            out.push(Found { start, end, kind: "org", country, english, pinyin: false });
            i = j2.max(j);
            continue;
        }
        let name_like = (2..=4).contains(&n) && (0..n).all(|k| !word(c, toks[i + k]).chars().all(|x| x.is_uppercase() || x == '.'));
        // "Riki Ellison, founder of the Missile Defense Advocacy Alliance, said": a chunk opening
        // the sentence, set off by an apposition that a cue verb closes, is the one who speaks.
        let appos_to_cue = i == 0 && after.starts_with(", ") && {
            let limit = (b + 160).min(c.len());
            (b + 2..limit).find(|&k| c[k] == ',').is_some_and(|k| {
                let inner: String = c[b + 2..k].iter().collect();
                let first_lower = inner.chars().next().is_some_and(|x| x.is_lowercase());
                let mut q = k + 1;
                while q < c.len() && c[q] == ' ' {
                    q += 1;
                }
                first_lower && !inner.contains(['"', '“', ';']) && cues.iter().any(|h| h.start == q && h.item.role != "according")
            })
        };
        // "Chris Green of the University of Leiden believes": a name whose affiliation (an "of"
        // phrase of capitalized words) a cue verb closes is the one who speaks.
        let affiliation_to_cue = after.starts_with(" of ") && {
            let limit = (b + 80).min(c.len());
            cues.iter().filter(|q| q.start > b + 4 && q.start <= limit && q.item.role != "according").map(|q| q.start).min().is_some_and(|q| {
                let inner: String = c[b + 4..q].iter().collect();
                let words: Vec<&str> = inner.split_whitespace().collect();
                !words.is_empty()
                    && words.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase))
                    && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) || matches!(*w, "of" | "the" | "for" | "and" | "on" | "&"))
            })
        };
        let repeat = n == 1 && known(&word(c, toks[i]));
        if let (true, Some(t)) = (name_like, office_before) {
            person(&mut out, a, b, t);
        } else if (name_like && (cue_after || cue_before || appos || appos_before || appos_to_cue || affiliation_to_cue)) || (repeat && (cue_after || cue_before)) {
            person(&mut out, a, b, a);
        }
        i = j;
    }
    // "a delegation of the Mozambique Liberation Front": an organization read here stands for
    // its unnamed delegation.
    for f in out.iter_mut().filter(|f| f.kind == "org") {
        let before: String = c[f.start.saturating_sub(24)..f.start].iter().collect();
        if let Some(m) = RE_DELEGATION_OF.find(&before) {
            let name: String = c[f.start..f.end].iter().collect();
            f.start -= before[m.start()..].chars().count();
            f.kind = "role";
            f.english = Some(format!("{name} delegation"));
        }
    }
    // Unnamed delegations and office holders (only where no name was read).
    for g in unnamed_groups(r, &text, hits, kinds) {
        if !out.iter().any(|f| f.start < g.end && f.end > g.start) {
            out.push(g);
        }
    }
    out.retain(|f| !c[f.start..f.end].iter().any(|x| *x == '\u{E000}') || matches!(f.kind, "org" | "role"));
    // An organization may cover a country hit; it must not cut through another hit.
    out.retain(|f| !hits.iter().any(|h| h.0 < f.end && h.1 > f.start && !(h.0 >= f.start && h.1 <= f.end)));
    out.retain(|f| !c[f.start..f.end].iter().any(|x| is_break(*x) && *x != ' ' && *x != '.' && *x != '\'' && *x != '’' && *x != '-' && *x != '\u{E000}'));
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::new();
    for f in out {
        if kept.last().is_some_and(|l| f.start < l.end) {
            continue;
        }
        kept.push(f);
    }
    kept
}
