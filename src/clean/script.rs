//! Simplified shadow text: a character-level Traditional→Simplified map (OpenCC's
//! `TSCharacters`, Apache-2.0, shipped in `reference/`). Length-preserving, so offsets are shared
//! with the clean text; used for matching only, output keeps the original script.

use std::collections::HashMap;

/// Character map Traditional → Simplified.
#[derive(Debug, Default, Clone)]
pub struct ScriptMap {
    map: HashMap<char, char>,
    /// Simplified → Traditional where exactly one Traditional character simplifies to it.
    unique_trad: HashMap<char, char>,
}

impl ScriptMap {
    /// Parses OpenCC dictionary text: `key<TAB>value [value…]`, `#` comments.
    pub fn parse(text: &str) -> Self {
        let mut map = HashMap::new();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(k), Some(v)) = (parts.next(), parts.next()) else { continue };
            let mut kc = k.chars();
            let (Some(k1), None) = (kc.next(), kc.next()) else { continue };
            if let Some(v1) = v.split(' ').next().and_then(|s| s.chars().next()) {
                map.insert(k1, v1);
            }
        }
        let mut sources: HashMap<char, Vec<char>> = HashMap::new();
        for (&t, &sc) in &map {
            if t != sc {
                sources.entry(sc).or_default().push(t);
            }
        }
        let unique_trad = sources.into_iter().filter(|(_, v)| v.len() == 1).map(|(sc, v)| (sc, v[0])).collect();
        ScriptMap { map, unique_trad }
    }

    /// The one Traditional character a Simplified one stands for, when it stands for only one
    /// (荣 → 榮; not 发, which is 發 or 髮).
    pub fn unique_traditional(&self, c: char) -> Option<char> {
        self.unique_trad.get(&c).copied()
    }

    /// Simplified form of one character (itself when not Traditional).
    pub fn simp(&self, c: char) -> char {
        *self.map.get(&c).unwrap_or(&c)
    }

    /// Shadow of a whole text.
    pub fn shadow(&self, chars: &[char]) -> Vec<char> {
        chars.iter().map(|&c| self.simp(c)).collect()
    }

    /// Shadow of a string.
    pub fn simplify(&self, s: &str) -> String {
        s.chars().map(|c| self.simp(c)).collect()
    }
}

/// Language tag of a span: `en` when Latin letters dominate, else `zh-Hant` when at least 3% of
/// the Chinese characters are Traditional-only, else `zh-Hans`.
pub fn language_of(chars: &[char], shadow: &[char]) -> &'static str {
    let mut cjk = 0usize;
    let mut trad = 0usize;
    let mut latin = 0usize;
    for (c, s) in chars.iter().zip(shadow) {
        if super::is_cjk(*c) {
            cjk += 1;
            if c != s {
                trad += 1;
            }
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    if latin > cjk * 3 {
        "en"
    } else if trad * 100 >= cjk * 3 && trad > 0 {
        "zh-Hant"
    } else {
        "zh-Hans"
    }
}

/// Languages present in a document (by paragraph), in a fixed order.
pub fn languages(chars: &[char], shadow: &[char]) -> Vec<String> {
    let mut seen = [false; 3];
    let mut start = 0;
    for i in 0..=chars.len() {
        if i == chars.len() || chars[i] == '\n' {
            if i > start && chars[start..i].iter().filter(|c| !c.is_whitespace()).count() >= 20 {
                let l = language_of(&chars[start..i], &shadow[start..i]);
                let k = match l {
                    "zh-Hans" => 0,
                    "zh-Hant" => 1,
                    _ => 2,
                };
                seen[k] = true;
            }
            start = i + 1;
        }
    }
    ["zh-Hans", "zh-Hant", "en"].iter().zip(seen).filter(|(_, s)| *s).map(|(l, _)| l.to_string()).collect()
}
