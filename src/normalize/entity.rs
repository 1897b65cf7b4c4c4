//! People, places and organizations via the gazetteer. An alias shared by several entities
//! (a short form such as "Kim" or 外交部) resolves to the one mentioned most recently in the
//! document, else to the first listed in `reference/entities.csv`.

use super::EntityHit;
use crate::reference::Reference;
use std::collections::HashMap;

/// Capitalized words that stand before a surname without being a given name ("On Monday Kim
/// said", "Comrade Kim", "Dear Respected Kim").
const NOT_GIVEN_NAMES: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November", "December", "On", "In", "At", "When", "While", "After",
    "Before", "But", "And", "Then", "Meanwhile", "Later", "Earlier", "Also", "Today", "Yesterday", "Tonight", "Comrade",
    "Leader", "Dear", "Respected", "Marshal", "Mr", "Mrs", "Ms", "Dr", "Sir", "Madam", "Since", "As", "If", "Where",
    // (Words that open a sentence: "Now Kim …", "Still Moon …" — a name at a sentence's start
    // is a given name only when it is none of these, nor an adverb in -ly.)
    "Now", "So", "Still", "Thus", "Yet", "Here", "There", "Even", "Only", "Last", "Next", "This", "That", "The", "For", "With",
    "Under", "During", "Though", "Although", "Because", "Once", "Until", "Why", "How", "What", "Who", "Instead", "Indeed",
    "Like", "Unlike", "Both", "Neither", "Either", "Nor", "Or", "Whether", "By", "From", "To", "Of", "Over", "Upon", "Without",
];

/// Kinship nouns: a person named right after one ("his father, Kim Jong Il", 其父亲金正日) is
/// mentioned as someone's relative.
const KIN_WORDS: &[&str] = &[
    "father", "grandfather", "mother", "grandmother", "brother", "sister", "son", "daughter", "uncle", "aunt", "wife", "husband",
    "predecessor", "父亲", "祖父", "母亲", "祖母", "之父", "之子", "胞妹", "妹妹", "哥哥", "姑父", "叔叔", "前任",
];

/// Whether the name at `start` of `chars` is written right after a kinship noun ("his father,
/// Kim Jong Il", 其父亲金正日): someone's relative named in passing.
pub(crate) fn named_as_relative(chars: &[char], start: usize) -> bool {
    let lead: String = chars[start.saturating_sub(16)..start].iter().collect();
    let lead = lead.trim_end().trim_end_matches(',').trim_end().to_lowercase();
    KIN_WORDS.iter().any(|w| lead.ends_with(w))
}

/// Weekdays and months (with their abbreviations): after a place's name they start a date
/// ("in Washington March 31"), not a longer name.
pub(crate) const CALENDAR_WORDS: &[&str] = &[
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March", "April", "May",
    "June", "July", "August", "September", "October", "November", "December", "Jan.", "Feb.", "Mar.", "Apr.", "Aug.", "Sep.",
    "Sept.", "Oct.", "Nov.", "Dec.",
];

/// Remembers where each entity was last mentioned in a document, and which person each title
/// was last written before (委员长金正恩 → 委员长 = Kim Jong Un).
#[derive(Default)]
pub struct Tracker {
    last: HashMap<usize, usize>,
    titles: HashMap<String, Vec<usize>>,
    /// People in the order they were last mentioned (most recent last).
    people: Vec<usize>,
}

/// Nouns for an office holder that, after "the" and a nationality, stand for the last person of
/// that country named ("the Lao foreign minister added", "The Vietnamese leader proposed").
/// ("official" is not one: "a Chinese official … the Chinese official" is someone unnamed.)
const OFFICE_NOUNS: &[&str] = &[
    "leader", "diplomat", "minister", "president", "premier", "envoy", "ambassador", "chancellor", "chairman", "secretary", "counterpart",
    "monarch", "king", "general",
];

impl Tracker {
    /// Entity hits in one sentence (`offset` = sentence start in the document).
    pub fn resolve(&mut self, reference: &Reference, shadow: &str, b2c: &[usize], offset: usize) -> Vec<EntityHit> {
        let mut out = Vec::new();
        let chars: Vec<char> = shadow.chars().collect();
        for h in reference.entity_matcher.find(shadow, b2c) {
            let cands = h.item;
            // A one-word Latin alias ("Kim", "Green") followed by another capitalized word is
            // part of a longer name the gazetteer lacks ("Kim Dae-jung", "Green Party").
            let written = &chars[h.start..h.end];
            let one_word = written.iter().all(|c| c.is_alphabetic() || *c == '-') && written.iter().all(|c| c.is_ascii());
            // …and a person's one after a capitalized given name ("envoy Sung Kim") is that
            // name's surname, unless the word is a title ("Chairman Kim", "Comrade Kim").
            // A word inside a web address ("GOV.UK", "news.cn") names no one.
            if one_word && h.start >= 2 && chars[h.start - 1] == '.' && chars[h.start - 2].is_alphanumeric() {
                continue;
            }
            if one_word && h.start >= 2 && chars[h.start - 1] == ' ' {
                let mut w0 = h.start - 1;
                while w0 > 0 && chars[w0 - 1].is_alphabetic() {
                    w0 -= 1;
                }
                let prev: String = chars[w0..h.start - 1].iter().collect();
                let sentence_start = w0 == 0 || chars[..w0].iter().rev().find(|c| !c.is_whitespace()).is_some_and(|c| matches!(c, '.' | '"' | '“' | ':' | '('));
                let titled = reference.names.is_title(&prev);
                let capitalized = prev.chars().next().is_some_and(|c| c.is_uppercase()) && prev.chars().skip(1).all(|c| c.is_lowercase()) && prev.chars().count() >= 2;
                let person = cands.iter().all(|&c| reference.entities[c].kind == "person");
                if person && capitalized && !titled && !(sentence_start && prev.ends_with("ly")) && !NOT_GIVEN_NAMES.contains(&prev.as_str()) {
                    continue;
                }
            }
            // (A month or a weekday after it is a date: "in Washington March 31".)
            let dated = {
                let next: String = chars[(h.end + 1).min(chars.len())..chars.len().min(h.end + 12)].iter().take_while(|c| c.is_alphabetic() || **c == '.').collect();
                CALENDAR_WORDS.contains(&next.as_str())
            };
            if one_word && !dated && chars.get(h.end) == Some(&' ') && chars.get(h.end + 1).is_some_and(|c| c.is_uppercase()) {
                // …except a country's adjective before an office ("Russian Foreign Minister X",
                // "Chinese President X"): the country of the person named after it.
                let country = cands.iter().all(|&c| reference.entities[c].kind == "country");
                let rest: String = chars[h.end + 1..chars.len().min(h.end + 40)].iter().collect();
                let office = country && reference.names.titles.find_str(&rest).iter().any(|t| t.start == 0);
                // …and a country's own sanctions list ("the UK Sanctions List"): its owner.
                let list = country && rest.starts_with("Sanctions ");
                // …and the country of a posting after the title ("Chinese Ambassador to Japan
                // Li Wenhai"): the name after it is the envoy's.
                let lead: String = chars[h.start.saturating_sub(24)..h.start].iter().collect();
                let posting = country
                    && lead.strip_suffix(" to ").and_then(|l| l.split(' ').next_back()).is_some_and(|w| reference.names.is_title(w));
                if !office && !list && !posting {
                    continue;
                }
            }
            // 理查德·约瑟夫 (查德 = Chad in Taiwan usage): a place's name inside a name joined by
            // middle dots is part of that name.
            let dot = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(|c| matches!(c, '·' | '•' | '‧' | '・'));
            let translit = |i: Option<usize>| i.and_then(|i| chars.get(i)).is_some_and(|c| reference.names.translit.contains(c));
            let place = cands.iter().all(|&c| matches!(reference.entities[c].kind.as_str(), "country" | "place"));
            if place && ((dot(Some(h.end)) && translit(h.start.checked_sub(1))) || (dot(h.start.checked_sub(1)) && translit(h.start.checked_sub(2)))) {
                continue;
            }
            // 中国网民 (Chinese netizens): a website's Chinese name (中国网, 人民网) whose 网
            // makes a common word with the next character (网民, 网友, 网络) is not that site.
            let site = cands.iter().all(|&c| reference.entities[c].kind == "org") && written.last() == Some(&'网');
            if site && h.end < chars.len() && h.end > h.start && crate::clean::is_cjk(chars[h.end]) && crate::clean::is_cjk(chars[h.end - 1]) {
                let word: String = chars[h.end - 1..=h.end].iter().collect();
                if reference.names.common_words.contains(&word) {
                    continue;
                }
            }
            let pick = if cands.len() == 1 {
                cands[0]
            } else {
                *cands
                    .iter()
                    .max_by_key(|&&c| (self.last.get(&c).copied().map(|p| p + 1).unwrap_or(0), usize::MAX - c))
                    .unwrap_or(&cands[0])
            };
            // "President Xi" + "Xi Jinping": when another name of the same entity starts at the
            // hit's last word and runs past it, the mention is the whole "President Xi Jinping".
            let mut end = h.end;
            if !one_word && written.iter().all(|c| c.is_ascii()) && chars.get(h.end) == Some(&' ') {
                if let Some(last_space) = written.iter().rposition(|c| *c == ' ') {
                    let from = h.start + last_space + 1;
                    let rest: String = chars[from..chars.len().min(from + 60)].iter().collect();
                    if let Some(longer) = reference.entity_matcher.find_str(&rest).first() {
                        if longer.start == 0 && from + longer.end > h.end && longer.item.contains(&pick) {
                            end = from + longer.end;
                        }
                    }
                }
            }
            // 南韩政府, 北韩当局: a country written in Chinese and followed by its government is
            // the government side of that country (as the gazetteer's 中国政府 is).
            if reference.entities[pick].kind == "country" && written.iter().any(|c| crate::clean::is_cjk(*c)) {
                let rest: String = chars[end..chars.len().min(end + 2)].iter().collect();
                if GOVERNMENT.contains(&rest.as_str()) {
                    end += 2;
                }
            }
            // "his father, Kim Jong Il", 其祖父金日成: a relative named in passing is background,
            // not whom a later short form ("Kim") means.
            if !(reference.entities[pick].kind == "person" && named_as_relative(&chars, h.start)) {
                self.last.insert(pick, offset + h.start);
            }
            out.push(EntityHit { start: h.start, end, entity: pick });
        }
        out
    }

    /// Where an entity was last mentioned in the document (the sentence's start offset plus the
    /// hit's), if it was.
    pub fn last_seen(&self, entity: usize) -> Option<usize> {
        self.last.get(&entity).copied()
    }

    /// Records a mention found by another rule (a body read from its context), so that later
    /// short forms resolve to it.
    pub fn note(&mut self, entity: usize, at: usize) {
        self.last.insert(entity, at);
    }

    /// Remembers `p` as the last holder of title `value` named.
    fn holds(&mut self, value: &str, p: usize) {
        let v = self.titles.entry(value.to_string()).or_default();
        v.retain(|&x| x != p);
        v.push(p);
    }

    /// Title coreference: a title written directly before a person's name is remembered; the same
    /// title written alone later (委员长同志, "the President") becomes a mention of that person.
    /// `kind_of` gives the kind of an entity index (gazetteer or extracted).
    pub fn titles_in(&mut self, reference: &Reference, kind_of: &dyn Fn(usize) -> (String, String), shadow: &str, hits: &mut Vec<EntityHit>) {
        let chars: Vec<char> = shadow.chars().collect();
        let mut masked = chars.clone();
        for e in hits.iter() {
            for c in masked.iter_mut().take(e.end).skip(e.start) {
                *c = '\u{E000}';
            }
        }
        let masked: String = masked.into_iter().collect();
        let mut added = Vec::new();
        for t in reference.titles.find_str(&masked) {
            let is_person = |e: &EntityHit| kind_of(e.entity).0 == "person";
            // Directly before a name (allowing a space): remember, no mention of its own.
            if let Some(p) = hits.iter().find(|e| e.start >= t.end && e.start <= t.end + 1 && is_person(e)) {
                self.holds(&t.item.value, p.entity);
                continue;
            }
            // In apposition after a name ("Wang Yajun, Chinese ambassador to the DPRK,"): his
            // title too; no mention of its own.
            let appositive = hits.iter().rev().filter(|e| e.end < t.start && is_person(e)).find(|e| {
                let gap: String = chars[e.end..t.start].iter().collect();
                gap.starts_with(", ") && !gap[2..].contains([',', ';', '.', '(', ')', '"']) && gap.split_whitespace().count() <= 4
            });
            if let Some(p) = appositive {
                self.holds(&t.item.value, p.entity);
                continue;
            }
            // Part of a longer title chain before a name (委员长、国务委员会委员长金正恩): leave it.
            let chain = hits
                .iter()
                .filter(|e| is_person(e) && e.start >= t.end && e.start <= t.end + 12)
                .any(|e| chars[t.end..e.start].iter().all(|&c| crate::clean::is_cjk(c) || c == '、'));
            if chain {
                continue;
            }
            // A Chinese title that opens a compound names an office or an event, not its holder:
            // 總統府 (the presidential office), 总统选举, 总统特使, 首相官邸. (The shadow is
            // Simplified, so the words are too.)
            if t.item.term.starts_with(crate::clean::is_cjk) {
                let after: String = chars[t.end..(t.end + 3).min(chars.len())].iter().collect();
                const COMPOUND: [&str; 10] = ["府", "官邸", "选举", "大选", "任期", "职位", "候选", "办公", "特使", "特别代表"];
                if COMPOUND.iter().any(|w| after.starts_with(w)) {
                    continue;
                }
            }
            // An English title alone stands for a person only as a definite noun phrase
            // ("the minister said"), not in "a minister", "minister-level talks" or a title
            // phrase naming an office ("the minister of foreign affairs of …").
            if t.item.term.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let definite = t.item.term.starts_with("the ") || t.item.term.starts_with("The ") || {
                    let before: String = chars[t.start.saturating_sub(4)..t.start].iter().collect();
                    before == "the " || before == "The "
                };
                let after: String = chars[t.end..(t.end + 5).min(chars.len())].iter().collect();
                if !definite || after.starts_with(" of ") || after.starts_with(" for ") {
                    continue;
                }
            }
            // 越南国家主席 after 老挝国家主席通伦: another country's office holder, not him; 美国特使
            // after 美国特别代表金星容 and 韩国核问题特使卢奎德: the last holder of that country's.
            // (Past a topic: 美国朝鲜问题特使 is the United States' envoy on North Korea.)
            let mut at = t.start;
            if at >= 2 && chars[at - 2..at].iter().collect::<String>() == "问题" {
                if let Some(topic) = hits.iter().find(|e| e.end == at - 2) {
                    at = topic.start;
                }
            }
            let country = hits.iter().find(|e| e.end == at).map(|e| kind_of(e.entity)).filter(|(k, c)| k == "country" && !c.is_empty()).map(|(_, c)| c);
            let holder = self.titles.get(&t.item.value).and_then(|v| v.iter().rev().find(|&&p| country.as_ref().is_none_or(|c| *c == kind_of(p).1)));
            if let Some(&p) = holder {
                added.push(EntityHit { start: t.start, end: t.end, entity: p });
            }
        }
        // "the Lao foreign minister added", "The Vietnamese leader proposed": a nationality and
        // an office noun after "the", with at most two lower-case words between, stand for the
        // last person of that country named (earlier in this sentence, else before it).
        for c in hits.iter().filter(|e| kind_of(e.entity).0 == "country") {
            let before: String = chars[c.start.saturating_sub(4)..c.start].iter().collect();
            if before != "the " && before != "The " {
                continue;
            }
            let rest: String = chars[c.end..(c.end + 40).min(chars.len())].iter().collect();
            let Some(rest) = rest.strip_prefix(' ') else { continue };
            let words: Vec<&str> = rest.split(|ch: char| !(ch.is_alphabetic() || ch == '-')).take(3).collect();
            let Some(k) = words.iter().position(|w| OFFICE_NOUNS.contains(w)) else { continue };
            if !words[..k].iter().all(|w| !w.is_empty() && w.chars().all(|ch| ch.is_lowercase() || ch == '-')) {
                continue;
            }
            let end = c.end + 1 + words[..=k].iter().map(|w| w.chars().count() + 1).sum::<usize>() - 1;
            // (Not an office named by what follows: "the Chinese foreign minister Wang Yi", "the
            // Lao minister of …".)
            let next: String = chars[end..(end + 5).min(chars.len())].iter().collect();
            if next.starts_with(" of ") || next.starts_with(" for ") || hits.iter().any(|e| e.start >= end && e.start <= end + 1) {
                continue;
            }
            let country = kind_of(c.entity).1;
            let here = hits.iter().rev().filter(|e| e.end <= c.start && kind_of(e.entity).0 == "person").map(|e| e.entity);
            let earlier = self.people.iter().rev().copied();
            if let Some(p) = here.chain(earlier).find(|&p| !country.is_empty() && kind_of(p).1 == country) {
                added.push(EntityHit { start: c.start - 4, end, entity: p });
            }
        }
        if !added.is_empty() {
            // (The nationality inside the anaphor is part of the person's mention.)
            hits.retain(|h| !added.iter().any(|a| a.start < h.start && h.end <= a.end));
            hits.extend(added);
            hits.sort_by_key(|e| (e.start, e.end));
        }
        for e in hits.iter().filter(|e| kind_of(e.entity).0 == "person") {
            self.people.retain(|x| *x != e.entity);
            self.people.push(e.entity);
        }
    }
}

/// Words after a country that make it its government (Simplified; matching runs on the shadow).
const GOVERNMENT: &[&str] = &["政府", "当局"];
