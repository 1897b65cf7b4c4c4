//! Reference data: the curator-editable files in `reference/` (gazetteer, lexicons, script map),
//! loaded, checked and compiled into Aho-Corasick matchers. Code holds rules; facts live here.

use crate::bundled::Files;
use crate::clean::script::ScriptMap;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One row of `reference/entities.csv`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
pub struct Entity {
    pub entity_id: String,
    /// `person`, `org`, `country`, `place` or `role`.
    pub kind: String,
    pub name_en: String,
    pub name_zh_hans: String,
    pub name_zh_hant: String,
    /// `|`-separated aliases in any script (romanization variants, short forms, titles).
    pub aliases: String,
    /// ISO 3166-1 alpha-3 country the entity belongs to (its own code for a country).
    pub country: String,
    /// City of a place, or seat of an organization ("" when none).
    pub city: String,
    pub wikidata: String,
    /// `reference` (a row of `reference/entities.csv`) or `extracted` (recognized in a document's
    /// text by the open-world name rules; its id is derived from its normalized name).
    #[serde(default)]
    pub origin: String,
}

/// A shared handle on an entity: records keep it after their document is dropped. Two handles
/// are equal when they name the same `entity_id`.
#[derive(Debug, Clone)]
pub struct EntRef(pub std::sync::Arc<Entity>);

impl std::ops::Deref for EntRef {
    type Target = Entity;
    fn deref(&self) -> &Entity {
        &self.0
    }
}

impl PartialEq for EntRef {
    fn eq(&self, o: &Self) -> bool {
        self.0.entity_id == o.0.entity_id
    }
}
impl Eq for EntRef {}
impl PartialOrd for EntRef {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for EntRef {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.entity_id.cmp(&o.0.entity_id)
    }
}

/// One row of a term lexicon (`cues.csv`, `visit_terms.csv`, …): a term and what it means.
#[derive(Debug, Clone, Deserialize)]
pub struct Term {
    pub term: String,
    pub role: String,
    #[serde(default)]
    pub value: String,
}

/// A compiled dictionary: every term matched leftmost-longest over the Simplified shadow text.
#[derive(Debug)]
pub struct Matcher<T> {
    ac: AhoCorasick,
    /// For each pattern: the payload and whether it needs ASCII word boundaries.
    items: Vec<(T, bool)>,
}

/// One dictionary hit, in char offsets of the searched text.
#[derive(Debug, Clone)]
pub struct Hit<'a, T> {
    pub start: usize,
    pub end: usize,
    pub item: &'a T,
}

impl<T> Matcher<T> {
    /// Every payload, in file order.
    pub fn payloads(&self) -> impl Iterator<Item = &T> {
        self.items.iter().map(|(t, _)| t)
    }

    /// Builds a matcher from `(pattern, payload)` pairs; Chinese patterns are simplified first.
    pub fn new(pairs: Vec<(String, T)>, ts: &ScriptMap) -> Result<Self> {
        let mut pats = Vec::new();
        let mut items = Vec::new();
        for (p, t) in pairs {
            let p = ts.simplify(p.trim());
            if p.is_empty() {
                continue;
            }
            let ascii_edge =
                p.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()) || p.chars().last().is_some_and(|c| c.is_ascii_alphanumeric());
            pats.push(p);
            items.push((t, ascii_edge));
        }
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&pats)?;
        Ok(Matcher { ac, items })
    }

    /// Matches in `text` (byte ranges) with their items; a term with an ASCII letter or digit at
    /// its edge matches only as a whole word (no letter, digit or `-` next to it).
    fn matches<'a, 't>(&'a self, text: &'t str) -> impl Iterator<Item = (aho_corasick::Match, &'a T)> + use<'a, 't, T> {
        self.ac.find_iter(text).filter_map(move |m| {
            let (item, ascii) = &self.items[m.pattern().as_usize()];
            if *ascii {
                let wordch = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
                // (A hyphen between capitalized names joins two of them, "China-North Korea
                // trade", "U.S.-China talks": a boundary there.)
                let upper = |c: Option<char>| c.is_some_and(|c| c.is_uppercase());
                let before = text[..m.start()].chars().last();
                let after = text[m.end()..].chars().next();
                let left_join = before == Some('-') && upper(text[m.start()..].chars().next()) && upper(text[..m.start() - 1].split(|c: char| !c.is_alphanumeric() && c != '.').last().and_then(|w| w.chars().next()));
                let right_join = after == Some('-') && upper(text[m.end() + 1..].chars().next());
                if (wordch(before) && !left_join) || (wordch(after) && !right_join) {
                    return None;
                }
            }
            Some((m, item))
        })
    }

    /// All hits in `text` (a shadow string); `b2c` is `byte_to_char(text)`.
    pub fn find<'a>(&'a self, text: &str, b2c: &[usize]) -> Vec<Hit<'a, T>> {
        self.matches(text).map(|(m, item)| Hit { start: b2c[m.start()], end: b2c[m.end()], item }).collect()
    }

    /// Every payload of the matcher, in pattern order.
    pub fn terms(&self) -> impl Iterator<Item = &T> {
        self.items.iter().map(|(t, _)| t)
    }

    /// All hits in `text`, char offsets counted as the (non-overlapping, ordered) matches are
    /// walked: no byte→char table for the whole text, which most texts would build for few
    /// hits or none.
    pub fn find_str<'a>(&'a self, text: &str) -> Vec<Hit<'a, T>> {
        let (mut at_byte, mut at_char) = (0usize, 0usize);
        self.matches(text)
            .map(|(m, item)| {
                at_char += text[at_byte..m.start()].chars().count();
                let start = at_char;
                at_char += text[m.start()..m.end()].chars().count();
                at_byte = m.end();
                Hit { start, end: at_char, item }
            })
            .collect()
    }
}

/// A row of `capitals.csv`.
#[derive(Debug, Deserialize)]
struct Capital {
    place: String,
    country: String,
}

/// A row of `country_short.csv`.
#[derive(Debug, Deserialize)]
struct CountryShort {
    term: String,
    country: String,
}

/// A row of `former_states.csv`.
#[derive(Debug, Deserialize)]
struct FormerState {
    country: String,
    part_of: String,
    until: String,
}

/// Everything the rules read from `reference/`.
pub struct Reference {
    /// Countries that were part of another state before a date (`former_states.csv`):
    /// ISO3 → (the state's ISO3, first day of independence).
    pub former_states: std::collections::HashMap<String, (String, chrono::NaiveDate)>,
    /// Capitals that stand for their governments as speakers: place index → country index.
    pub capitals: std::collections::BTreeMap<usize, usize>,
    /// One-character short forms of countries before a body's name (`country_short.csv`):
    /// character → country index (俄 → Russia in 俄外交部).
    pub country_short: std::collections::HashMap<char, usize>,
    /// The gazetteer, in file order (`origin = reference`).
    pub entities: Vec<EntRef>,
    pub script: ScriptMap,
    /// Entity aliases → entity indices (an alias may name several entities).
    pub entity_matcher: Matcher<Vec<usize>>,
    pub cues: Matcher<Term>,
    pub visit_terms: Matcher<Term>,
    pub trade_terms: Matcher<Term>,
    pub sanction_terms: Matcher<Term>,
    pub topics: Matcher<Term>,
    pub anaphora: Matcher<Term>,
    pub titles: Matcher<Term>,
    /// Lexicons of the open-world name rules.
    pub names: NameLex,
    /// Units of amounts (`units.csv`).
    pub units: crate::normalize::amount::Units,
    /// SHA-256 over every reference file (name and bytes, in name order): which reference data
    /// produced a dataset.
    pub fingerprint: String,
    /// Page furniture markers (`boilerplate.csv`).
    pub boilerplate: Matcher<Term>,
    /// News outlets as speakers (`media.csv`).
    pub media: Media,
    /// Gazetteer people by the spelling keys of their Latin names ([`Reference::spelling_keys`]):
    /// key → entity indices, so that "Sergey Shoigu" finds Sergei Shoigu.
    pub spellings: std::collections::HashMap<String, Vec<usize>>,
    /// Gazetteer Koreans by the reading key of their names in Chinese characters
    /// ([`crate::normalize::names::korean::reading_key`]) and of their Mandarin sound
    /// ([`crate::normalize::names::korean::pinyin_key`]), so that 郑义容 and 郑义荣 find 郑义溶.
    pub korean_readings: std::collections::HashMap<String, Vec<usize>>,
}

/// News outlets as speakers (`media.csv`): state media speak for their government, any other
/// outlet (the press) reports on its own account.
pub struct Media {
    /// Names of state media, as [`Reference::norm_name`] gives them.
    state: std::collections::HashSet<String>,
    /// Names of press outlets, normalized the same way.
    press: std::collections::HashSet<String>,
    /// Words that end an outlet's name (Simplified; English in lower case).
    heads: Vec<String>,
    /// Whether each gazetteer entity is the press, by the address of its (shared, never moved)
    /// record: worked out once, not for every statement it speaks.
    gazetteer: std::collections::HashMap<usize, bool>,
}

/// The lexicons that recognize names no gazetteer lists (`name_*.csv`, `unnamed.csv`).
pub struct NameLex {
    /// Titles, offices and professions written before a name (`name_titles.csv`).
    pub titles: Matcher<Term>,
    /// Words that end (or, in English, begin) an organization's name (`name_org_heads.csv`).
    pub org_heads: Matcher<Term>,
    /// Speakers that name nobody (`unnamed.csv`).
    pub unnamed: Matcher<Term>,
    /// Words around a clause-initial Chinese name: adverbs between it and its verb, verbs
    /// whose subject it is, openers of a clause (`name_links.csv`).
    pub links: Matcher<Term>,
    /// Surname → (role `zh`/`ko`/`ja`, also a frequent prose word) (`name_surnames.csv`).
    pub surnames: std::collections::HashMap<String, (String, bool)>,
    /// Surnames that in Chinese-language news name Koreans (role `korean`): no pinyin.
    pub korean_surnames: std::collections::HashSet<char>,
    /// Surnames as English text writes them before the given name (Xi, Kim, Ri, Choe): the
    /// pinyin of the Chinese surnames and the romanizations of the Korean ones. A person
    /// introduced as "Xi Jinping" is later "Xi", not "Jinping".
    pub surname_first: std::collections::HashSet<String>,
    /// Korean surname (Chinese characters) → its customary English spelling, the first `ko`
    /// value (李 → Lee).
    pub korean_spelling: std::collections::HashMap<String, String>,
    /// A Korean surname's English spelling (lowercase: lee, ri, choe) → the surnames' hangul.
    pub korean_spelling_of: std::collections::HashMap<String, std::collections::BTreeSet<String>>,
    /// English forms of the parts of Western names written in Chinese characters
    /// (`name_english.csv`): (part, role `given`/`surname`) → English.
    pub english_parts: std::collections::HashMap<(String, String), String>,
    /// Surname → pinyin where the surname reading differs from the common one.
    pub surname_reading: std::collections::HashMap<String, String>,
    /// Characters of transliterated foreign names, and those of them also frequent in prose
    /// (`name_translit.csv`).
    pub translit: std::collections::HashSet<char>,
    pub translit_common: std::collections::HashSet<char>,
    /// Common Chinese words that are not names (`common_words.txt`): 文章, 普遍.
    pub common_words: std::collections::HashSet<String>,
}

impl NameLex {
    /// Whether the whole of `w` is a title ("President", "Foreign Minister", 外交部长).
    pub fn is_title(&self, w: &str) -> bool {
        self.titles.find_str(w).iter().any(|t| t.start == 0 && t.end == w.chars().count())
    }

    fn load(dir: &Files, ts: &ScriptMap) -> Result<Self> {
        let mut surnames = std::collections::HashMap::new();
        let mut surname_reading = std::collections::HashMap::new();
        let mut korean_surnames = std::collections::HashSet::new();
        let mut surname_first = std::collections::HashSet::new();
        let mut korean_spelling = std::collections::HashMap::new();
        let mut korean_spelling_of: std::collections::HashMap<String, std::collections::BTreeSet<String>> = Default::default();
        let rows = read_csv::<Term>(dir, "name_surnames.csv")?;
        for t in &rows {
            if t.role == "ko" {
                let spellings: Vec<String> = t.value.split('|').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
                let term = ts.simplify(t.term.trim());
                if let Some(first) = spellings.first() {
                    korean_spelling.entry(term.clone()).or_insert_with(|| first.clone());
                }
                if let Some(h) = crate::normalize::names::korean::surname_hangul(&term) {
                    for s in &spellings {
                        korean_spelling_of.entry(s.to_lowercase()).or_default().insert(h.clone());
                    }
                }
                surname_first.extend(spellings);
            }
        }
        for t in rows {
            let term = ts.simplify(t.term.trim());
            if t.role == "korean" {
                korean_surnames.extend(term.chars().next());
                continue;
            }
            if t.role == "reading" {
                surname_reading.insert(term, t.value.trim().to_string());
                continue;
            }
            let ambiguous = t.value == "ambiguous";
            // A character listed under several roles keeps its first (most frequent) one; it is
            // ambiguous when any role says so.
            let e = surnames.entry(term).or_insert((t.role.clone(), ambiguous));
            e.1 |= ambiguous;
        }
        // Pinyin of the Chinese surnames (after the readings above are known).
        for (term, (role, _)) in &surnames {
            if role == "zh" || role == "zh2" {
                if let Some(py) = surname_reading.get(term).cloned().or_else(|| crate::normalize::names::pinyin_plain(term)).filter(|p| !p.is_empty()) {
                    surname_first.insert(crate::normalize::names::capitalize(&py));
                }
            }
        }
        let mut translit = std::collections::HashSet::new();
        let mut translit_common = std::collections::HashSet::new();
        for t in read_csv::<Term>(dir, "name_translit.csv")? {
            if let Some(c) = ts.simplify(t.term.trim()).chars().next() {
                translit.insert(c);
                if t.value == "common" {
                    translit_common.insert(c);
                }
            }
        }
        Ok(NameLex {
            titles: terms(dir, "name_titles.csv", ts)?,
            org_heads: terms(dir, "name_org_heads.csv", ts)?,
            unnamed: terms(dir, "unnamed.csv", ts)?,
            links: terms(dir, "name_links.csv", ts)?,
            surnames,
            korean_surnames,
            surname_first,
            surname_reading,
            korean_spelling,
            korean_spelling_of,
            english_parts: read_csv::<Term>(dir, "name_english.csv")?
                .into_iter()
                .map(|t| ((ts.simplify(t.term.trim()), t.role.trim().to_string()), t.value.trim().to_string()))
                .collect(),
            translit,
            translit_common,
            common_words: dir
                .read("common_words.txt")?
                .lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .map(|l| l.trim().to_string())
                .collect(),
        })
    }
}

fn read_csv<T: for<'de> Deserialize<'de>>(files: &Files, name: &str) -> Result<Vec<T>> {
    let text = files.read(name)?;
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, r) in rdr.deserialize().enumerate() {
        out.push(r.with_context(|| format!("{}: row {} is malformed", files.label(name), i + 2))?);
    }
    Ok(out)
}

/// SHA-256 over the names and texts of a set of files, in name order (the same for a folder
/// and for the built-in copy of it).
fn fingerprint(dir: &Files) -> Result<String> {
    let mut all = Vec::new();
    for name in dir.names()? {
        all.extend(name.as_bytes());
        all.push(0);
        all.extend(dir.read(&name)?.into_bytes());
        all.push(0);
    }
    Ok(crate::model::sha256_hex(&all))
}

fn terms(dir: &Files, name: &str, ts: &ScriptMap) -> Result<Matcher<Term>> {
    let rows: Vec<Term> = read_csv(dir, name)?;
    Matcher::new(rows.into_iter().map(|t| (t.term.clone(), t)).collect(), ts)
}

impl Reference {
    /// Loads and checks every reference file in `dir`.
    pub fn load(dir: &Path) -> Result<Self> {
        Reference::load_files(&Files::Dir(dir.to_path_buf()))
    }

    /// Loads and checks the reference files of a folder or of the built-in copy.
    pub fn load_files(dir: &Files) -> Result<Self> {
        let script = ScriptMap::parse(&dir.read("opencc_ts_characters.txt")?);
        let mut entities: Vec<Entity> = read_csv(dir, "entities.csv")?;
        for e in entities.iter_mut() {
            e.origin = "reference".into();
        }
        let mut ids = std::collections::BTreeSet::new();
        for e in &entities {
            if !ids.insert(e.entity_id.clone()) {
                bail!("{}: duplicate entity_id {}", dir.label("entities.csv"), e.entity_id);
            }
            if !matches!(e.kind.as_str(), "person" | "org" | "country" | "place" | "role") {
                bail!("{}: entity {} has unknown kind {:?}", dir.label("entities.csv"), e.entity_id, e.kind);
            }
        }
        let mut by_alias: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, e) in entities.iter().enumerate() {
            let names = [e.name_en.as_str(), e.name_zh_hans.as_str(), e.name_zh_hant.as_str()];
            let written: Vec<&str> = names.into_iter().chain(e.aliases.split('|')).collect();
            for a in written.iter().flat_map(|a| spelled_out(a.trim())) {
                let a = script.simplify(a.trim());
                if a.chars().count() < 2 && !a.is_empty() && a.is_ascii() {
                    continue;
                }
                if !a.is_empty() {
                    let v = by_alias.entry(a).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
        let entity_matcher = Matcher::new(by_alias.into_iter().collect(), &script)?;
        let mut capitals = std::collections::BTreeMap::new();
        for c in read_csv::<Capital>(dir, "capitals.csv")? {
            let find = |id: &str, kind: &str| entities.iter().position(|e| e.entity_id == id && e.kind == kind);
            let (Some(p), Some(k)) = (find(&c.place, "place"), find(&c.country, "country")) else {
                bail!("{}: {} / {} is not a place and a country of entities.csv", dir.label("capitals.csv"), c.place, c.country);
            };
            capitals.insert(p, k);
        }
        let mut country_short = std::collections::HashMap::new();
        for c in read_csv::<CountryShort>(dir, "country_short.csv")? {
            let k = entities.iter().position(|e| e.entity_id == c.country && e.kind == "country");
            let (Some(k), Some(ch), 1) = (k, c.term.chars().next(), c.term.chars().count()) else {
                bail!("{}: {} / {} is not one character and a country of entities.csv", dir.label("country_short.csv"), c.term, c.country);
            };
            country_short.insert(ch, k);
        }
        let mut former_states = std::collections::HashMap::new();
        for f in read_csv::<FormerState>(dir, "former_states.csv")? {
            let known = |c: &str| entities.iter().any(|e| e.kind == "country" && e.entity_id == c);
            if !known(&f.country) || !known(&f.part_of) {
                bail!("{}: {} / {} is not a country of entities.csv", dir.label("former_states.csv"), f.country, f.part_of);
            }
            let until = chrono::NaiveDate::parse_from_str(&f.until, "%Y-%m-%d")
                .with_context(|| format!("{}: {}: until {:?} is not YYYY-MM-DD", dir.label("former_states.csv"), f.country, f.until))?;
            former_states.insert(f.country, (f.part_of, until));
        }
        let mut r = Reference {
            former_states,
            capitals,
            country_short,
            cues: terms(dir, "cues.csv", &script)?,
            visit_terms: terms(dir, "visit_terms.csv", &script)?,
            trade_terms: terms(dir, "trade_terms.csv", &script)?,
            sanction_terms: terms(dir, "sanction_terms.csv", &script)?,
            topics: terms(dir, "topics.csv", &script)?,
            anaphora: terms(dir, "anaphora.csv", &script)?,
            titles: terms(dir, "titles.csv", &script)?,
            names: NameLex::load(dir, &script)?,
            fingerprint: fingerprint(dir)?,
            boilerplate: terms(dir, "boilerplate.csv", &script)?,
            media: Media { state: Default::default(), press: Default::default(), heads: Vec::new(), gazetteer: Default::default() },
            units: crate::normalize::amount::Units::parse(&dir.read("units.csv")?),
            entities: entities.into_iter().map(|e| EntRef(std::sync::Arc::new(e))).collect(),
            script,
            entity_matcher,
            spellings: Default::default(),
            korean_readings: Default::default(),
        };
        let mut spellings: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, e) in r.entities.iter().enumerate().filter(|(_, e)| e.kind == "person") {
            for n in std::iter::once(e.name_en.as_str()).chain(e.aliases.split('|')).filter(|n| n.is_ascii()) {
                for k in r.spelling_keys(n) {
                    let v = spellings.entry(k).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
        r.spellings = spellings;
        let mut readings: std::collections::HashMap<String, Vec<usize>> = Default::default();
        for (i, e) in r.entities.iter().enumerate().filter(|(_, e)| e.kind == "person" && matches!(e.country.as_str(), "KOR" | "PRK")) {
            for n in [e.name_zh_hans.as_str(), e.name_zh_hant.as_str()].into_iter().chain(e.aliases.split('|')).filter(|n| !n.is_empty() && n.chars().all(crate::clean::is_cjk)) {
                let n = r.script.simplify(n);
                let keys = [crate::normalize::names::korean::reading_key(&r, &n), crate::normalize::names::korean::pinyin_key(&r, &n)];
                for k in keys.into_iter().flatten() {
                    let v = readings.entry(k).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
        r.korean_readings = readings;
        for t in read_csv::<Term>(dir, "media.csv")? {
            let term = t.term.trim();
            match t.role.as_str() {
                "state" => {
                    let k = r.norm_name(term);
                    r.media.state.insert(k);
                }
                "press" => {
                    let k = r.norm_name(term);
                    r.media.press.insert(k);
                }
                "head" => r.media.heads.push(r.script.simplify(term).to_lowercase()),
                other => bail!("{}: term {term:?} has unknown role {other:?}", dir.label("media.csv")),
            }
        }
        let gazetteer = r.entities.iter().map(|e| (&*e.0 as *const Entity as usize, r.press_by_name(e))).collect();
        r.media.gazetteer = gazetteer;
        Ok(r)
    }

    /// The state a country belonged to on a date, when it was then part of another
    /// (`former_states.csv`: Belarus in 1984 → RUS, the USSR's continuing state); else the country.
    pub fn sovereign_on<'a>(&'a self, iso3: &'a str, day: chrono::NaiveDate) -> &'a str {
        match self.former_states.get(iso3) {
            Some((state, until)) if day < *until => state,
            _ => iso3,
        }
    }

    /// The gazetteer index of the country with this ISO3 code.
    pub fn country_index(&self, iso3: &str) -> Option<usize> {
        self.entities.iter().position(|e| e.kind == "country" && e.entity_id == iso3)
    }

    /// Whether an entity is the press: a news outlet that, as a speaker, reports on its own
    /// account (韩联社报道, "Reuters reported"), not state media speaking for a government.
    /// Listed names decide; otherwise an organization whose name ends in an outlet word
    /// (日报, "Times") is the press.
    pub fn is_press(&self, e: &Entity) -> bool {
        match self.media.gazetteer.get(&(e as *const Entity as usize)) {
            Some(&known) => known,
            None => self.press_by_name(e),
        }
    }

    /// [`Reference::is_press`] read from the entity's names (done once per gazetteer entity
    /// when the reference data loads, and for each extracted one).
    /// Whether an entity is state media (`media.csv` role `state`: KCNA, 新华社, TASS).
    pub fn is_state_media(&self, e: &Entity) -> bool {
        [e.name_en.as_str(), e.name_zh_hans.as_str(), e.name_zh_hant.as_str()]
            .into_iter()
            .chain(e.aliases.split('|'))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .any(|n| self.media.state.contains(&self.norm_name(n)))
    }

    fn press_by_name(&self, e: &Entity) -> bool {
        let names: Vec<&str> = [e.name_en.as_str(), e.name_zh_hans.as_str(), e.name_zh_hant.as_str()]
            .into_iter()
            .chain(e.aliases.split('|'))
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .collect();
        let keys: Vec<String> = names.iter().map(|n| self.norm_name(n)).collect();
        if keys.iter().any(|k| self.media.state.contains(k)) {
            return false;
        }
        if keys.iter().any(|k| self.media.press.contains(k)) {
            return true;
        }
        e.kind == "org"
            && names.iter().any(|n| {
                let n = self.script.simplify(n).to_lowercase();
                self.media.heads.iter().any(|h| if h.is_ascii() { n == *h || n.ends_with(&format!(" {h}")) } else { n.ends_with(h.as_str()) })
            })
    }

    /// A name compared as a name: Simplified, lower case, without diacritics, spaces or the
    /// punctuation romanizations vary in (`Kim Jong-un` = `kim jong un`; 唐纳德·特朗普 = 唐纳德特朗普).
    pub fn norm_name(&self, s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        self.script
            .simplify(s.trim())
            .nfkd()
            .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
            .flat_map(|c| c.to_lowercase())
            .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '.' | '\'' | '’' | '·' | '‧' | '•' | '・' | '_'))
            .collect()
    }

    /// Keys under which Latin spellings of one person's name agree: each word folded the way
    /// romanizations of Russian and other names vary (y/i, x/ks, doubled letters: Sergey and
    /// Sergei Shoigu or Shoygu, Vassily A. Nebenzia and Vasily Nebenzya; initials dropped), and
    /// the Korean keys of [`crate::normalize::names::korean::variant_keys`], also with the
    /// family name written last (Joonkook Hwang, Hwang Joon-kook). Empty for fewer than two words.
    pub fn spelling_keys(&self, name: &str) -> Vec<String> {
        let words: Vec<String> = name
            .split_whitespace()
            .map(|w| w.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).collect::<String>())
            .filter(|w| w.chars().count() >= 2)
            .collect();
        if words.len() < 2 || !name.is_ascii() {
            return Vec::new();
        }
        let fold = |w: &str| {
            let w = w.replace('x', "ks").replace('y', "i").replace("ph", "f");
            let mut out = String::new();
            for c in w.chars() {
                if !out.ends_with(c) {
                    out.push(c);
                }
            }
            out
        };
        let mut keys = vec![format!("l:{}", words.iter().map(|w| fold(w)).collect::<Vec<_>>().join(" "))];
        let korean = |n: &str| crate::normalize::names::korean::variant_keys(self, n);
        keys.extend(korean(name).into_iter().map(|k| format!("k:{k}")));
        if words.len() == 2 && keys.len() == 1 {
            let parts: Vec<&str> = name.split_whitespace().collect();
            if parts.len() == 2 {
                keys.extend(korean(&format!("{} {}", parts[1], parts[0])).into_iter().map(|k| format!("k:{k}")));
            }
        }
        keys
    }

    /// The one gazetteer person whose Latin name is a spelling variant of `written`, if any.
    pub fn person_by_spelling(&self, written: &str) -> Option<usize> {
        let mut found: Vec<usize> = self.spelling_keys(written).iter().filter_map(|k| self.spellings.get(k)).flatten().copied().collect();
        found.sort_unstable();
        found.dedup();
        (found.len() == 1).then(|| found[0])
    }

    /// The gazetteer Korean a name in Chinese characters (Simplified) spells with homophone
    /// characters (郑义容 for 郑义溶: the same Korean reading; else 郑义荣: the same Mandarin
    /// sound), when exactly one reads so.
    pub fn korean_by_reading(&self, shadow: &str) -> Option<usize> {
        use crate::normalize::names::korean::{pinyin_key, reading_key};
        let one = |k: Option<String>| self.korean_readings.get(&k?).filter(|f| f.len() == 1).map(|f| f[0]);
        one(reading_key(self, shadow)).or_else(|| one(pinyin_key(self, shadow)))
    }

    /// Resolves a free-text name (gold files, curation) to an entity: exact alias match,
    /// case-insensitive for Latin script.
    pub fn resolve_name(&self, name: &str) -> Option<usize> {
        let n = self.script.simplify(name.trim());
        if n.is_empty() {
            return None;
        }
        let nl = n.to_lowercase();
        self.entities.iter().position(|e| {
            [e.entity_id.as_str(), e.name_en.as_str(), e.name_zh_hans.as_str(), e.name_zh_hant.as_str()]
                .into_iter()
                .chain(e.aliases.split('|'))
                .any(|a| {
                    let a = self.script.simplify(a.trim());
                    !a.is_empty() && (a == n || a.to_lowercase() == nl)
                })
        })
    }
}

/// An English alias and its forms with the abbreviation of "UN" spelled out and dotted
/// ("UN Panel of Experts" is also "United Nations Panel of Experts", "U.N. Panel of Experts"),
/// so a curator writes one form.
fn spelled_out(alias: &str) -> Vec<String> {
    let mut out = vec![alias.to_string()];
    if let Some(rest) = alias.strip_prefix("UN ") {
        out.push(format!("United Nations {rest}"));
        out.push(format!("U.N. {rest}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_person_share_a_key() {
        let r = Reference::load_files(&Files::reference(None)).expect("bundled reference loads");
        let same = |a: &str, b: &str| {
            let kb = r.spelling_keys(b);
            r.spelling_keys(a).iter().any(|k| kb.contains(k))
        };
        assert!(same("Sergey Shoigu", "Sergei Shoygu"));
        assert!(same("VASSILY A. NEBENZIA", "Vasily Nebenzya"));
        assert!(same("Aleksey Overchuk", "Alexei Overchuk"));
        assert!(same("Joonkook Hwang", "Hwang Joon-kook"));
        assert!(!same("Sergei Lavrov", "Sergei Shoigu"));
        assert!(!same("Kim Yong Chol", "Kim Yong Nam"));
        assert!(r.spelling_keys("Shoigu").is_empty());
    }
}
