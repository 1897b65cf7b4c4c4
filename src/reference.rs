//! Reference data: the curator-editable files in `reference/` (gazetteer, lexicons, script map),
//! loaded, checked and compiled into Aho-Corasick matchers. Code holds rules; facts live here.

use crate::clean::script::ScriptMap;
use crate::model::byte_to_char;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One row of `reference/entities.csv`.
#[derive(Debug, Clone, Deserialize)]
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

    /// All hits in `text` (a shadow string); `b2c` is `byte_to_char(text)`.
    pub fn find<'a>(&'a self, text: &str, b2c: &[usize]) -> Vec<Hit<'a, T>> {
        let mut out = Vec::new();
        for m in self.ac.find_iter(text) {
            let (item, ascii) = &self.items[m.pattern().as_usize()];
            if *ascii {
                let before = text[..m.start()].chars().last();
                let after = text[m.end()..].chars().next();
                let wordch = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
                if wordch(before) || wordch(after) {
                    continue;
                }
            }
            out.push(Hit { start: b2c[m.start()], end: b2c[m.end()], item });
        }
        out
    }

    /// Hits in a plain string (convenience for tests and small spans).
    pub fn find_str<'a>(&'a self, text: &str) -> Vec<Hit<'a, T>> {
        let b2c = byte_to_char(text);
        self.find(text, &b2c)
    }
}

/// Everything the rules read from `reference/`.
pub struct Reference {
    pub entities: Vec<Entity>,
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
}

fn read_csv<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<Vec<T>> {
    let mut rdr = csv::ReaderBuilder::new()
        .comment(Some(b'#'))
        .from_path(path)
        .with_context(|| format!("{}: cannot read reference file", path.display()))?;
    let mut out = Vec::new();
    for (i, r) in rdr.deserialize().enumerate() {
        out.push(r.with_context(|| format!("{}: row {} is malformed", path.display(), i + 2))?);
    }
    Ok(out)
}

fn terms(dir: &Path, name: &str, ts: &ScriptMap) -> Result<Matcher<Term>> {
    let rows: Vec<Term> = read_csv(&dir.join(name))?;
    Matcher::new(rows.into_iter().map(|t| (t.term.clone(), t)).collect(), ts)
}

impl Reference {
    /// Loads and checks every reference file in `dir`.
    pub fn load(dir: &Path) -> Result<Self> {
        let ts_path = dir.join("opencc_ts_characters.txt");
        let script = ScriptMap::parse(&std::fs::read_to_string(&ts_path).with_context(|| format!("{}: cannot read", ts_path.display()))?);
        let entities: Vec<Entity> = read_csv(&dir.join("entities.csv"))?;
        let mut ids = std::collections::BTreeSet::new();
        for e in &entities {
            if !ids.insert(e.entity_id.clone()) {
                bail!("reference/entities.csv: duplicate entity_id {}", e.entity_id);
            }
            if !matches!(e.kind.as_str(), "person" | "org" | "country" | "place" | "role") {
                bail!("reference/entities.csv: entity {} has unknown kind {:?}", e.entity_id, e.kind);
            }
        }
        let mut by_alias: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, e) in entities.iter().enumerate() {
            let names = [e.name_en.as_str(), e.name_zh_hans.as_str(), e.name_zh_hant.as_str()];
            for a in names.into_iter().chain(e.aliases.split('|')) {
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
        Ok(Reference {
            cues: terms(dir, "cues.csv", &script)?,
            visit_terms: terms(dir, "visit_terms.csv", &script)?,
            trade_terms: terms(dir, "trade_terms.csv", &script)?,
            sanction_terms: terms(dir, "sanction_terms.csv", &script)?,
            topics: terms(dir, "topics.csv", &script)?,
            anaphora: terms(dir, "anaphora.csv", &script)?,
            titles: terms(dir, "titles.csv", &script)?,
            entities,
            script,
            entity_matcher,
        })
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
