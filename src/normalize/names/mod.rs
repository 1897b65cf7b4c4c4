//! Open-world names: people and organizations the gazetteer does not list, recognized by the
//! shapes names take in news text, then linked to one extracted entity per normalized name.
//!
//! * Chinese ([`zh`]): a title followed by a name (国务卿蓬佩奥, 专家赵通, 日本外务大臣河野太郎),
//!   transliterations joined by `·` (琳达·托马斯-格林菲尔德), a Chinese, Korean or Japanese name
//!   shape (surname list + given name + a boundary) or a transliteration run before a cue verb,
//!   and organizations: a country followed by a name ending in an organization word
//!   (韩国国家情报院).
//! * English ([`en`]): capitalized name chunks after a title ("Secretary of State Rex
//!   Tillerson"), before an apposition ("Victor Cha, a former White House official"), before or
//!   after a cue verb ("…, said Bruce Bennett"), and organization chunks ("U.S. Pacific
//!   Command", "South Korea's Joint Chiefs of Staff").
//!
//! Boundaries come from positions (titles, cue verbs, punctuation) and short lexicons in
//! `reference/` (`name_titles.csv`, `name_surnames.csv`, `name_translit.csv`,
//! `name_org_heads.csv`), never from knowing the name. A recognized name is linked to an
//! extracted entity (`origin = extracted`) whose id is derived from its normalized name; later
//! mentions in the document (the full name again, or an English surname alone) link to it.

pub mod en;
pub mod korean;
pub mod zh;

use crate::model::content_id;
use crate::reference::{EntRef, Entity, Reference};
use std::collections::HashMap;
use std::sync::Arc;

/// A recognized name in a sentence (offsets relative to the sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    /// `person` or `org`.
    pub kind: &'static str,
    /// ISO3 country stated by the text (a country or demonym in front of the title), or "".
    pub country: String,
    /// How the name reads in English: pinyin for a Chinese-shaped name, else as written.
    pub english: Option<String>,
    /// `english` was derived by pinyin (a guess), not read in the text.
    pub pinyin: bool,
}

impl Found {
    /// An English form the text itself gives (夏伟（Orville Schell）), not derived by pinyin.
    pub fn english_given(&self) -> bool {
        self.english.as_deref().is_some_and(|e| e.split_whitespace().count() >= 2 && e.chars().any(|c| c.is_uppercase()) && !self.pinyin)
    }
}

/// The extracted entities of one document, by normalized name.
pub struct Registry {
    /// Index of the first extracted entity among all hit indices (= gazetteer size).
    base: usize,
    pub list: Vec<EntRef>,
    by_norm: HashMap<String, usize>,
    /// Extracted names that are a gazetteer entry after all (glossed with its English name:
    /// 培斯科夫（Dmitry Peskov）): hit index → the entry's index.
    pub same_as: HashMap<usize, usize>,
}

impl Registry {
    /// An empty registry for a gazetteer of `base` entries.
    pub fn new(base: usize) -> Self {
        Registry { base, list: Vec::new(), by_norm: HashMap::new(), same_as: HashMap::new() }
    }

    /// The entity a hit index points at: the gazetteer's below `base`, else an extracted one.
    pub fn entity<'a>(&'a self, r: &'a Reference, i: usize) -> Option<&'a EntRef> {
        if i < self.base {
            r.entities.get(i)
        } else {
            self.list.get(i - self.base)
        }
    }

    /// The hit index of a name, creating its entity on first sight. `written` is the name as
    /// in the text, `shadow` its Simplified form.
    pub fn intern(&mut self, r: &Reference, written: &str, shadow: &str, f: &Found) -> usize {
        // An unnamed group or office holder is known by its description ("North Korean
        // delegation"), however the text wrote it ("a DPRK delegation").
        let norm = match (&f.english, f.kind) {
            (Some(en), "role") => r.norm_name(en),
            _ => r.norm_name(shadow),
        };
        if let Some(&i) = self.by_norm.get(&norm) {
            let e = &mut self.list[i];
            let better_english = f.english.as_ref().filter(|en| en.is_ascii() && (!e.name_en.is_ascii() || f.english_given()));
            if (e.country.is_empty() && !f.country.is_empty()) || better_english.is_some() {
                let mut x = (*e.0).clone();
                if x.country.is_empty() {
                    x.country = f.country.clone();
                    // A Korean named in Chinese characters: Mandarin pinyin would be a wrong
                    // romanization; the Korean reading replaces it (or the name stays as
                    // written) until the text gives one.
                    if better_english.is_none() {
                        read_as_korean(r, &mut x);
                    }
                }
                if let Some(en) = better_english {
                    x.name_en = en.clone();
                }
                *e = EntRef(Arc::new(x));
            }
            return self.base + i;
        }
        let cjk = shadow.chars().any(crate::clean::is_cjk);
        let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
        let korean = matches!(f.country.as_str(), "PRK" | "KOR") && f.pinyin;
        let english = f
            .english
            .clone()
            .filter(|_| !korean)
            .or_else(|| cjk.then(|| korean_reading(r, shadow, &f.country, f.kind)).flatten())
            .or_else(|| cjk.then(|| western_reading(r, shadow, f.kind)).flatten())
            .unwrap_or_else(|| if cjk { shadow.to_string() } else { written.clone() });
        let mut aliases: Vec<String> = Vec::new();
        // A Korean written given name first ("Byung Kwang Park") is named family name first, as
        // the text's own form stays an alias.
        let english = match korean::family_first(r, &english).filter(|_| !cjk && f.kind == "person") {
            Some(k) => {
                aliases.push(english);
                k
            }
            None => english,
        };
        // A role named by the country's demonym ("American officials") also answers to the
        // country's name ("United States officials").
        if f.kind == "role" && !f.country.is_empty() {
            if let (Some(dem), Some(c)) = (en::demonym(r, &f.country), r.entities.iter().find(|e| e.kind == "country" && e.entity_id == f.country)) {
                if let Some(rest) = english.strip_prefix(dem.as_str()) {
                    if dem != c.name_en {
                        aliases.push(format!("{}{rest}", c.name_en));
                    }
                }
            }
        }
        // A body renamed as a curator would ("South Korea's Joint Chiefs of Staff" → "South
        // Korean Joint Chiefs of Staff") keeps the form the text wrote as an alias.
        if !cjk && f.kind == "org" && english != written {
            aliases.push(written.clone());
        }
        if f.kind == "org" {
            aliases.extend(ministry_word_order(&english));
        }
        let e = Entity {
            entity_id: content_id("X", &[&norm]),
            kind: f.kind.to_string(),
            name_en: english,
            name_zh_hans: if cjk { shadow.to_string() } else { String::new() },
            name_zh_hant: if cjk && written != shadow { written.clone() } else { String::new() },
            aliases: aliases.join("|"),
            country: f.country.clone(),
            city: String::new(),
            wikidata: String::new(),
            origin: "extracted".into(),
        };
        self.list.push(EntRef(Arc::new(e)));
        self.by_norm.insert(norm, self.list.len() - 1);
        self.base + self.list.len() - 1
    }

    /// Gives an extracted entity without a country the country its text states.
    /// (A Korean's pinyin reading gives way to the Korean one, as when `intern` learns it.)
    pub fn set_country(&mut self, r: &Reference, index: usize, country: &str) {
        let Some(e) = index.checked_sub(self.base).and_then(|i| self.list.get_mut(i)) else { return };
        if e.country.is_empty() && !country.is_empty() {
            let mut x = (*e.0).clone();
            x.country = country.to_string();
            read_as_korean(r, &mut x);
            *e = EntRef(Arc::new(x));
        }
    }

    /// Gives an extracted entity the English form its text states (夏伟（Orville Schell）).
    pub fn set_english(&mut self, index: usize, english: &str) {
        let Some(e) = index.checked_sub(self.base).and_then(|i| self.list.get_mut(i)) else { return };
        if e.name_en != english {
            let mut x = (*e.0).clone();
            x.name_en = english.to_string();
            *e = EntRef(Arc::new(x));
        }
    }

    /// Adds aliases to an extracted entity (kept sorted and unique, so the order names are met
    /// in does not change the output).
    pub fn add_aliases(&mut self, index: usize, aliases: &[String]) {
        let Some(e) = index.checked_sub(self.base).and_then(|i| self.list.get_mut(i)) else { return };
        let mut all: Vec<String> = e.aliases.split('|').filter(|a| !a.is_empty()).map(str::to_string).chain(aliases.iter().filter(|a| **a != e.name_en).cloned()).collect();
        all.sort();
        all.dedup();
        let joined = all.join("|");
        if joined != e.aliases {
            let mut x = (*e.0).clone();
            x.aliases = joined;
            *e = EntRef(Arc::new(x));
        }
    }

    /// Extracted entities so far with their hit indices.
    pub fn iter(&self) -> impl Iterator<Item = (usize, &EntRef)> {
        self.list.iter().enumerate().map(|(i, e)| (self.base + i, e))
    }
}

/// Words in a title that make the name after it Korean whatever the title's country (韩语组
/// 记者, 韩裔学者, 朝鲜族作家).
const KOREAN_HERITAGE: &[&str] = &["韩语", "朝鲜语", "韩文", "韩裔", "朝裔", "朝鲜族", "韩籍", "朝鲜籍"];

/// Whether a title (Simplified) says the person it introduces has a Korean name
/// ([`KOREAN_HERITAGE`]).
pub fn korean_heritage(title: &str) -> bool {
    KOREAN_HERITAGE.iter().any(|k| title.contains(k))
}

/// The Latin form of a Korean person's name written in Chinese characters ([`korean`]).
fn korean_reading(r: &Reference, shadow: &str, country: &str, kind: &str) -> Option<String> {
    (kind == "person").then(|| korean::romanize(r, shadow, country)).flatten()
}

/// The English form of a Western name written in Chinese characters, when every part of it is
/// in `name_english.csv` (琳达·托马斯·格林菲尔德 → Linda Thomas Greenfield, 布赖恩·E·尼尔森 →
/// Brian E. Nelson). The first of several parts reads as a given name, the last as a surname;
/// a one-character part only inside a longer name (金 alone is no King).
fn western_reading(r: &Reference, shadow: &str, kind: &str) -> Option<String> {
    if kind != "person" {
        return None;
    }
    let parts: Vec<&str> = shadow.split(['·', '‧', '•', '・', '-', '－', '—']).map(str::trim).filter(|p| !p.is_empty()).collect();
    if parts.is_empty() || (parts.len() == 1 && parts[0].chars().count() < 2) {
        return None;
    }
    let n = parts.len();
    let mut out = Vec::with_capacity(n);
    for (i, p) in parts.iter().enumerate() {
        // A Latin initial (布赖恩·E·尼尔森).
        if p.chars().count() == 1 && p.chars().all(|c| c.is_ascii_uppercase()) {
            out.push(format!("{p}."));
            continue;
        }
        let roles: [&str; 2] = if i + 1 == n { ["surname", "given"] } else { ["given", "surname"] };
        let en = roles.iter().find_map(|role| r.names.english_parts.get(&(p.to_string(), role.to_string())))?;
        out.push(en.clone());
    }
    Some(out.join(" "))
}

/// True for characters that end a name in running text: punctuation, spaces, Latin letters and
/// digits (in Chinese text), and the masking character of known names.
pub fn is_break(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || crate::clean::linebreak::is_cjk_punct(c)
        || c == '\u{E000}'
        || matches!(c, '（' | '）' | '“' | '”' | '「' | '」' | '《' | '》' | '—' | '…')
}

/// Toneless pinyin of Chinese characters run together (欧阳 → ouyang); None when one has none.
pub fn pinyin_plain(s: &str) -> Option<String> {
    use pinyin::ToPinyin;
    s.chars().map(|c| c.to_pinyin().map(|p| p.plain().to_string())).collect()
}

/// Pinyin of a Chinese name written `surname given` (Zhang Jun, Ouyang Xiu), with surname
/// readings that differ from the common one taken from `name_surnames.csv` values.
pub fn pinyin_name(r: &Reference, shadow: &str, surname_len: usize) -> Option<String> {
    use pinyin::ToPinyin;
    let chars: Vec<char> = shadow.chars().collect();
    if chars.len() <= surname_len || !chars.iter().all(|c| crate::clean::is_cjk(*c)) {
        return None;
    }
    let syl = |c: char| -> Option<String> { c.to_pinyin().map(|p| p.plain().to_string()) };
    let sur: String = chars[..surname_len].iter().collect();
    let sur_py = match r.names.surname_reading.get(&sur) {
        Some(s) => s.clone(),
        None => chars[..surname_len].iter().map(|c| syl(*c)).collect::<Option<String>>()?,
    };
    let given: String = chars[surname_len..].iter().map(|c| syl(*c)).collect::<Option<String>>()?;
    Some(format!("{} {}", capitalize(&sur_py), capitalize(&given)))
}

/// The word with its first letter in upper case (xi → Xi, won-sik → Won-sik).
pub fn capitalize(s: &str) -> String {
    let mut cs = s.chars();
    cs.next().map(|f| f.to_uppercase().collect::<String>() + cs.as_str()).unwrap_or_default()
}

/// A Korean (country PRK or KOR) named in Chinese characters whose English name is still the
/// characters or their Mandarin pinyin: the Korean reading (or the characters, without one).
fn read_as_korean(r: &Reference, x: &mut Entity) {
    if !matches!(x.country.as_str(), "PRK" | "KOR") || x.name_zh_hans.is_empty() {
        return;
    }
    let sl = if r.names.surnames.contains_key(&x.name_zh_hans.chars().take(2).collect::<String>()) { 2 } else { 1 };
    if x.name_en == x.name_zh_hans || pinyin_name(r, &x.name_zh_hans, sl).as_deref() == Some(x.name_en.as_str()) {
        x.name_en = korean_reading(r, &x.name_zh_hans, &x.country, &x.kind).unwrap_or_else(|| x.name_zh_hans.clone());
    }
}

/// A ministry's name in the other English word order ("South Korean Unification Ministry" ↔
/// "South Korean Ministry of Unification"; "Foreign Ministry" ↔ "Ministry of Foreign Affairs"):
/// the same body, as curators write it either way.
fn ministry_word_order(name: &str) -> Option<String> {
    let swap = |w: &str| match w {
        "Foreign" => "Foreign Affairs".to_string(),
        "Foreign Affairs" => "Foreign".to_string(),
        _ => w.to_string(),
    };
    if let Some((head, rest)) = name.split_once("Ministry of ") {
        let one_word = !rest.is_empty() && (rest.split_whitespace().count() == 1 || rest == "Foreign Affairs");
        return one_word.then(|| format!("{head}{} Ministry", swap(rest)));
    }
    let stem = name.strip_suffix(" Ministry")?;
    let (head, w) = stem.rsplit_once(' ').unwrap_or(("", stem));
    let w_ok = w.chars().next().is_some_and(|c| c.is_uppercase()) && w.chars().all(|c| c.is_alphabetic());
    w_ok.then(|| if head.is_empty() { format!("Ministry of {}", swap(w)) } else { format!("{head} Ministry of {}", swap(w)) })
}

#[cfg(test)]
mod tests {
    use super::ministry_word_order;

    #[test]
    fn a_ministry_answers_to_both_english_word_orders() {
        assert_eq!(ministry_word_order("South Korean Unification Ministry").as_deref(), Some("South Korean Ministry of Unification"));
        assert_eq!(ministry_word_order("South Korean Ministry of Unification").as_deref(), Some("South Korean Unification Ministry"));
        assert_eq!(ministry_word_order("Japanese Foreign Ministry").as_deref(), Some("Japanese Ministry of Foreign Affairs"));
        assert_eq!(ministry_word_order("Russian Ministry of Foreign Affairs").as_deref(), Some("Russian Foreign Ministry"));
        // (Longer names have no single other order.)
        assert_eq!(ministry_word_order("Ministry of Trade, Industry and Energy"), None);
        assert_eq!(ministry_word_order("Kazan Trade Center"), None);
    }
}
