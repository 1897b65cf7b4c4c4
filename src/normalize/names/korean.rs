//! Korean names written in Chinese characters (申源湜, 崔善姬) read out in Latin letters.
//!
//! Chinese-language news writes a Korean's name in the characters of its hanja; Mandarin pinyin
//! of those characters (Shen Yuanshi) names nobody. The Korean reading of each character comes
//! from the `hanja_hangul` crate's character table (the Unihan/NIKL readings, Simplified forms
//! included); the hangul is then romanized the way each side writes personal names:
//!
//! * South Korea: the family name in its customary spelling (`name_surnames.csv`, role `ko`,
//!   first value: 李 Lee, 申 Shin), the given name in Revised Romanization with a hyphen between
//!   syllables, after the initial-sound law (Shin Won-sik, Lee Seong-hyeon);
//! * North Korea: no initial-sound law (리 Ri, 룡 Ryong), ㅓ/ㅕ/ㅡ as o/yo/u, syllables apart and
//!   capitalized (Choe Son Hui, Pak Pong Ju, Jang Song Thaek).
//!
//! Romanizations of one name vary between outlets (Lee Seong-hyon, Kim Young-nam); comparing
//! such spellings is [`variant_keys`]'s job.

use super::capitalize as cap;
use crate::reference::Reference;

/// A hangul syllable split into its initial, medial and final jamo indices.
fn jamo(c: char) -> Option<(usize, usize, usize)> {
    let i = (c as u32).checked_sub(0xAC00).filter(|&i| i < 11172)? as usize;
    Some((i / 588, (i % 588) / 28, i % 28))
}

fn syllable(l: usize, v: usize, t: usize) -> char {
    char::from_u32(0xAC00 + (l * 588 + v * 28 + t) as u32).unwrap_or('?')
}

/// Initial-sound law (South): ㄹ before i/y becomes silent, otherwise ㄴ; ㄴ before i/y silent.
fn dueum(c: char) -> char {
    let Some((l, v, t)) = jamo(c) else { return c };
    // Medials ㅑ ㅕ ㅖ ㅛ ㅠ ㅣ (and ㅒ).
    let iy = matches!(v, 2 | 3 | 6 | 7 | 12 | 17 | 20);
    match l {
        5 if iy => syllable(11, v, t),
        5 => syllable(2, v, t),
        2 if iy => syllable(11, v, t),
        _ => c,
    }
}

/// 렬/률 after a vowel or ㄴ read 열/율 (兌烈 태열 Tae-yeol, 善律 선율 Seon-yul): the standard
/// pronunciation, which the South's spelling of given names follows.
fn after_vowel_or_n(prev: char, c: char) -> char {
    match (jamo(prev), jamo(c)) {
        (Some((_, _, 0 | 4)), Some((5, v @ (6 | 17), t))) => syllable(11, v, t),
        _ => c,
    }
}

const RR_L: [&str; 19] = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"];
const RR_V: [&str; 21] =
    ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"];
const DPRK_V: [&str; 21] =
    ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "u", "ui", "i"];
/// Finals as a name's syllable ends (no assimilation across syllables).
const FINAL: [&str; 28] =
    ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"];

/// Revised Romanization of one syllable.
fn rr(c: char) -> Option<String> {
    let (l, v, t) = jamo(c)?;
    Some(format!("{}{}{}", RR_L[l], RR_V[v], FINAL[t]))
}

/// North Korean style of one syllable; `voiced_before` when the previous syllable of the same
/// name part ends in a vowel or a voiced final (Kye Gwan, Son Gwon, but Pak Pong).
fn dprk(c: char, first: bool, voiced_before: bool) -> Option<String> {
    let (l, v, t) = jamo(c)?;
    let soft = !first && voiced_before;
    let init = match l {
        0 if soft => "g",
        0 => "k",
        2 => "n",
        3 if soft => "d",
        3 => "t",
        5 => "r",
        6 => "m",
        7 if soft => "b",
        7 => "p",
        9 => "s",
        10 => "ss",
        11 => "",
        12 | 13 => "j",
        14 => "ch",
        15 => "kh",
        16 => "th",
        17 => "p",
        18 => "h",
        1 => "kk",
        4 => "tt",
        _ => "pp",
    };
    Some(format!("{init}{}{}", DPRK_V[v], FINAL[t]))
}

/// The Latin form of a Korean person's name written in Chinese characters (`shadow`, the
/// Simplified form), for a person of `country` (`KOR` or `PRK`); None when the name does not
/// open with a Korean surname of `name_surnames.csv` or a character has no Korean reading.
pub fn romanize(r: &Reference, shadow: &str, country: &str) -> Option<String> {
    let chars: Vec<char> = shadow.chars().collect();
    if !(2..=4).contains(&chars.len()) || !matches!(country, "KOR" | "PRK") {
        return None;
    }
    let two: String = chars.iter().take(2).collect();
    let sl = if chars.len() >= 3 && r.names.korean_spelling.contains_key(&two) { 2 } else { 1 };
    let surname: String = chars[..sl].iter().collect();
    let customary = r.names.korean_spelling.get(&surname)?;
    let hangul = hangul_of(r, &chars, sl)?;
    let (sur, given) = hangul.split_at(sl);
    if country == "KOR" {
        let given: Vec<String> = given
            .iter()
            .enumerate()
            .map(|(i, &c)| rr(if i == 0 { dueum(c) } else { after_vowel_or_n(given[i - 1], c) }))
            .collect::<Option<_>>()?;
        return Some(format!("{customary} {}", cap(&given.join("-"))));
    }
    // Each syllable capitalized and apart; a plain stop after a vowel or voiced final within
    // the name part is voiced (Kye Gwan, Son Gwon; Pak Pong Ju keeps P after the surname).
    let part = |syls: &[char]| -> Option<Vec<String>> {
        let mut out = Vec::new();
        for (i, &c) in syls.iter().enumerate() {
            let voiced = i > 0 && jamo(syls[i - 1]).is_some_and(|(_, _, t)| matches!(t, 0 | 4 | 8 | 16 | 21));
            out.push(cap(&dprk(c, i == 0, voiced)?));
        }
        Some(out)
    };
    Some(format!("{} {}", part(sur)?.join(""), part(given)?.join(" ")))
}

/// The hangul of a name in Chinese characters whose family name is its first `sl` characters.
/// (Each character read in its Traditional form where the Simplified one has a reading of its
/// own: 荣 is 榮, 영, though the table reads U+8363 as 송.) A family name may read otherwise
/// than the character does (金 김, not 금): the crate's name rule knows them; its initial-sound
/// law is undone for the North (리, not 이).
fn hangul_of(r: &Reference, chars: &[char], sl: usize) -> Option<Vec<char>> {
    let conv = hanja_hangul::Converter::global();
    let reading = |c: char| r.script.unique_traditional(c).and_then(|t| conv.char_reading(t)).or_else(|| conv.char_reading(c));
    let mut hangul: Vec<char> = chars.iter().map(|&c| reading(c)).collect::<Option<_>>()?;
    let whole: Vec<char> = conv.convert(&chars.iter().collect::<String>()).chars().collect();
    if whole.len() == hangul.len() {
        for i in 0..sl.min(hangul.len()) {
            if dueum(hangul[i]) != whole[i] {
                hangul[i] = whole[i];
            }
        }
    }
    Some(hangul)
}

/// The key under which a Korean person's name in Chinese characters (Simplified) is found
/// whatever homophone characters spell the given name (郑义溶, 郑义容: 정의용): the family name
/// as written, then the given name's hangul. None when the name is not 2–4 characters opening
/// with a Korean family name of `name_surnames.csv`, or a character has no Korean reading.
pub fn reading_key(r: &Reference, shadow: &str) -> Option<String> {
    let chars: Vec<char> = shadow.chars().collect();
    let sl = korean_surname_len(r, &chars)?;
    let surname: String = chars[..sl].iter().collect();
    let hangul = hangul_of(r, &chars, sl)?;
    Some(format!("{surname}:{}", hangul[sl..].iter().collect::<String>()))
}

/// The key under which a Korean name in Chinese characters and a Mandarin homophone of it
/// agree (郑义荣 for 郑义溶, both zheng yi rong: a Chinese outlet hears the name, it does not
/// read its hanja): the name's plain pinyin. None unless the name is 2–4 characters opening
/// with a Korean family name of `name_surnames.csv`.
pub fn pinyin_key(r: &Reference, shadow: &str) -> Option<String> {
    korean_surname_len(r, &shadow.chars().collect::<Vec<_>>())?;
    Some(format!("py:{}", super::pinyin_plain(shadow)?))
}

/// How many characters of a 2–4 character name in Chinese characters are its Korean family name
/// (`name_surnames.csv`: two for 南宫, else one); None when it opens with no Korean family name.
fn korean_surname_len(r: &Reference, chars: &[char]) -> Option<usize> {
    if !(2..=4).contains(&chars.len()) {
        return None;
    }
    let two: String = chars.iter().take(2).collect();
    let sl = if chars.len() >= 3 && r.names.korean_spelling.contains_key(&two) { 2 } else { 1 };
    r.names.korean_spelling.contains_key(&chars[..sl].iter().collect::<String>()).then_some(sl)
}

/// Keys under which romanizations of one Korean name agree (Lee Seong-hyon, Lee Seong-hyeon;
/// Kim Young-nam, Kim Yeong-nam; Shin Wonshik, Shin Won-sik; Kim Yong-Chul, Kim Yong Chol):
/// the family name's hangul (Lee, Ri, Yi → 이; a spelling shared by two family names, Song,
/// gives a key for each), then the given name with the usual spelling differences folded.
/// Empty when the first word is not a Korean family name's spelling in `name_surnames.csv`.
pub fn variant_keys(r: &Reference, name: &str) -> Vec<String> {
    let mut words = name.split_whitespace();
    let Some(first) = words.next() else { return Vec::new() };
    let rest: String = words.collect::<Vec<_>>().join("");
    if rest.is_empty() || !name.is_ascii() {
        return Vec::new();
    }
    let Some(surnames) = r.names.korean_spelling_of.get(&first.to_lowercase()) else { return Vec::new() };
    let mut g: String = rest.chars().filter(|c| c.is_ascii_alphabetic()).flat_map(|c| c.to_lowercase()).collect();
    // (wh is hw written the older way: Kyung-wha, Gyeong-hwa.)
    for (a, b) in [("wh", "hw"), ("sh", "s"), ("ch", "j"), ("th", "t"), ("kh", "k"), ("ph", "p"), ("eo", "o"), ("ou", "o"), ("oo", "u"), ("eu", "u"), ("ee", "i"), ("ui", "i")] {
        g = g.replace(a, b);
    }
    let g: String = g
        .chars()
        .map(|c| match c {
            'g' => 'k',
            'b' => 'p',
            'd' => 't',
            'u' => 'o',
            'l' => 'r',
            c => c,
        })
        .collect();
    surnames.iter().map(|s| format!("{s}:{g}")).collect()
}

/// A Korean name written in English in Western order, given name first ("Byung Kwang Park",
/// "Byung-kwang Park"), in the Korean order the gazetteer and curators use ("Park
/// Byung-kwang"). Only when the last word is a Korean family name's spelling, the first is not,
/// and the given name is two romanized Korean syllables (two words, or two joined by a hyphen):
/// "Sung Kim" and "Tom Park" are left as written.
pub fn family_first(r: &Reference, name: &str) -> Option<String> {
    static SYLLABLE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(?:kk|tt|pp|ss|jj|ch|g|k|n|d|t|r|l|m|b|p|s|j|h)?(?:yeo|yae|wae|eo|ae|ya|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|a|e|o|u|i)(?:ng|k|n|t|l|m|p)?$").expect("valid regex")
    });
    let words: Vec<&str> = name.split_whitespace().collect();
    let (given, surname): (Vec<&str>, &str) = match words.as_slice() {
        [a, b, s] => (vec![*a, *b], *s),
        [g, s] if g.matches('-').count() == 1 => (g.split('-').collect(), *s),
        _ => return None,
    };
    let spelled = |w: &str| r.names.korean_spelling_of.contains_key(&w.to_lowercase());
    let shaped = |w: &str| w.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && SYLLABLE.is_match(&w.to_lowercase());
    if !spelled(surname) || spelled(given[0]) || !given.iter().all(|w| !w.is_empty() && w.is_ascii()) || !shaped(given[0]) || !SYLLABLE.is_match(&given[1].to_lowercase()) {
        return None;
    }
    Some(format!("{surname} {}-{}", given[0], given[1].to_lowercase()))
}

/// A Latin gloss of a Korean name in Western order, after the name in characters (黄俊国
/// （Joonkook Hwang）), turned family first ("Hwang Joonkook"): only when the gloss's last word
/// spells the family name the characters begin with (黄 → 황 → Hwang) and its first word does
/// not. A Chinese name glossed in Western order (李明（Ming Li）) is left alone: Li is no Korean
/// spelling of 李.
pub fn glossed_family_first(r: &Reference, zh: &str, latin: &str) -> Option<String> {
    let words: Vec<&str> = latin.split_whitespace().collect();
    if !(2..=3).contains(&words.len()) {
        return None;
    }
    let chars: Vec<char> = zh.chars().collect();
    let sl = korean_surname_len(r, &chars)?;
    let h = surname_hangul(&chars[..sl].iter().collect::<String>())?;
    let spells = |w: &str| r.names.korean_spelling_of.get(&w.to_lowercase()).is_some_and(|set| set.contains(&h));
    let last = words[words.len() - 1];
    (spells(last) && !spells(words[0])).then(|| format!("{last} {}", words[..words.len() - 1].join(" ")))
}

/// The hangul of a Korean family name written in Chinese characters, as a family name reads
/// (金 김, not 금) and after the initial-sound law (李 → 이, so Lee, Ri and Yi share it).
pub fn surname_hangul(zh: &str) -> Option<String> {
    let h = hanja_hangul::Converter::global().convert(zh);
    h.chars().all(|c| jamo(c).is_some()).then(|| h.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled::Files;

    fn r() -> Reference {
        Reference::load_files(&Files::reference(None)).expect("bundled reference loads")
    }

    #[test]
    fn south_korean_names_read_in_revised_romanization() {
        let r = r();
        assert_eq!(romanize(&r, "申源湜", "KOR").as_deref(), Some("Shin Won-sik"));
        assert_eq!(romanize(&r, "李成贤", "KOR").as_deref(), Some("Lee Seong-hyeon"));
        // The initial-sound law on the given name's first syllable: 龙 룡 → 용.
        assert_eq!(romanize(&r, "金龙焕", "KOR").as_deref(), Some("Kim Yong-hwan"));
        assert_eq!(romanize(&r, "文在寅", "KOR").as_deref(), Some("Moon Jae-in"));
        // 렬 after a vowel reads 열 (赵兑烈 조태열), but not after another final (金成烈 김성렬).
        assert_eq!(romanize(&r, "赵兑烈", "KOR").as_deref(), Some("Cho Tae-yeol"));
        assert_eq!(romanize(&r, "金成烈", "KOR").as_deref(), Some("Kim Seong-ryeol"));
    }

    #[test]
    fn north_korean_names_read_in_the_norths_style() {
        let r = r();
        assert_eq!(romanize(&r, "崔善姬", "PRK").as_deref(), Some("Choe Son Hui"));
        assert_eq!(romanize(&r, "李善权", "PRK").as_deref(), Some("Ri Son Gwon"));
        assert_eq!(romanize(&r, "朴奉珠", "PRK").as_deref(), Some("Pak Pong Ju"));
        assert_eq!(romanize(&r, "张成泽", "PRK").as_deref(), Some("Jang Song Thaek"));
        assert_eq!(romanize(&r, "金桂冠", "PRK").as_deref(), Some("Kim Kye Gwan"));
    }

    #[test]
    fn other_names_and_countries_are_left_alone() {
        let r = r();
        assert_eq!(romanize(&r, "王毅", "CHN"), None);
        // 欧 opens no Korean surname of the list.
        assert_eq!(romanize(&r, "欧阳修", "KOR"), None);
    }

    #[test]
    fn western_order_korean_names_are_turned_family_first() {
        let r = r();
        assert_eq!(family_first(&r, "Byung Kwang Park").as_deref(), Some("Park Byung-kwang"));
        assert_eq!(family_first(&r, "Jae-in Moon").as_deref(), Some("Moon Jae-in"));
        // Already family first, a Western given name, or one given syllable: as written.
        assert_eq!(family_first(&r, "Kim Jong Un"), None);
        assert_eq!(family_first(&r, "Ban Ki Moon"), None);
        assert_eq!(family_first(&r, "John Michael Park"), None);
        assert_eq!(family_first(&r, "Sung Kim"), None);
        assert_eq!(glossed_family_first(&r, "黄俊国", "Joonkook Hwang").as_deref(), Some("Hwang Joonkook"));
        assert_eq!(glossed_family_first(&r, "黄俊国", "Hwang Joonkook"), None);
        assert_eq!(glossed_family_first(&r, "李明", "Ming Li"), None);
    }

    #[test]
    fn spellings_of_one_name_share_a_key() {
        let r = r();
        let same = |a: &str, b: &str| {
            let (ka, kb) = (variant_keys(&r, a), variant_keys(&r, b));
            ka.iter().any(|k| kb.contains(k))
        };
        assert!(same("Lee Seong-hyon", "Lee Seong-hyeon"));
        assert!(same("Kim Young-nam", "Kim Yeong-nam"));
        assert!(same("Shin Won-sik", "Shin Wonshik"));
        assert!(same("Kim Yong-Chul", "Kim Yong Chol"));
        assert!(same("Kang Kyung-wha", "Kang Gyeong-hwa"));
        assert!(same("Ri Son Gwon", "Lee Sun-kwon"));
        assert!(!same("Kim Yong Chol", "Kim Yong Nam"));
        assert!(!same("Kim Jong Un", "Park Jong Un"));
        assert!(variant_keys(&r, "Donald Trump").is_empty());
        assert!(variant_keys(&r, "Kim").is_empty());
    }
}
