//! Amounts: `8.99億美元`, `1860萬噸`, `50万桶`, `89批次`, `33倍多`, `10.4%`, `九成`, `一半`,
//! `US$2.43 billion`, `CHF 100 million`, `5.71M USD`, `11.99 million Swiss francs`, `half a
//! billion dollars`, `a quarter of`, `82nd`/`4th largest trade partner` (rank), with
//! approximation words kept as a qualifier. Units come from `reference/units.csv`. Values are
//! scaled with decimal-digit arithmetic, never with floating point (4.009 × 10⁸ stays exact).

use regex::Regex;
use std::sync::LazyLock;

/// An amount found in text.
#[derive(Clone, Debug, PartialEq)]
pub struct Amount {
    /// Char offsets in the searched text.
    pub start: usize,
    pub end: usize,
    /// Canonical decimal string in base units (`899000000`, `10.4`).
    pub value: String,
    /// Canonical unit (`USD`, `CNY`, `CHF`, `t`, `barrels`, `percent`, `times`, `rank` …).
    pub unit: String,
    /// `approx`, `at_least`, `at_most` or empty.
    pub qualifier: String,
}

/// Multiplies a decimal number written as `digits[.digits]` by 10^exp, exactly.
pub fn scale_decimal(num: &str, exp: u32) -> Option<String> {
    let num = num.replace(',', "");
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (num.clone(), String::new()),
    };
    if int.is_empty() && frac.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
        return None;
    }
    if int.len() + frac.len() > 30 || exp > 30 {
        return None;
    }
    let mut digits = int + &frac;
    let mut point = digits.len() - frac.len(); // digits before the decimal point
    let exp = exp as usize;
    if frac.len() <= exp {
        digits.push_str(&"0".repeat(exp - frac.len()));
        point = digits.len();
    } else {
        point += exp;
    }
    let (i, f) = digits.split_at(point);
    let i = i.trim_start_matches('0');
    let f = f.trim_end_matches('0');
    let i = if i.is_empty() { "0" } else { i };
    Some(if f.is_empty() { i.to_string() } else { format!("{i}.{f}") })
}

/// Value of a Chinese numeral such as `九`, `十三`, `两百`, `一千八百六十` (no 万/亿 here).
pub fn chinese_numeral(s: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut cur = 0u64;
    let mut any = false;
    for c in s.chars() {
        let d = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' | '兩' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        any = true;
        if let Some(d) = d {
            cur = d;
            continue;
        }
        let unit = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => return None,
        };
        total += if cur == 0 { 1 } else { cur } * unit;
        cur = 0;
    }
    any.then_some(total + cur)
}

macro_rules! re {
    ($name:ident, $pat:expr) => {
        static $name: LazyLock<Regex> = LazyLock::new(|| Regex::new($pat).expect("valid regex"));
    };
}

const QUAL_ZH: &str = r"(?:(约|大约|近|将近|接近|超过|逾|多达|至少|不足|不到|最多|高达|达)(?:为|达|合|到)?)?";
const QUAL_EN: &str = r"(?:(about|around|approximately|nearly|almost|no more than|not more than|no less than|not less than|more than|over|some|at least|less than|up to|roughly)\s+)?";
const NUM: &str = r"[0-9][0-9,]*(?:\.[0-9]+)?";

/// The unit lexicon (`reference/units.csv`) compiled into the amount patterns.
pub struct Units {
    re_zh: Regex,
    /// 1亿9800万美元: hundreds of millions and a count of ten-thousands, one figure.
    re_zh_yi_wan: Regex,
    re_en_prefix: Regex,
    re_en_suffix: Regex,
    unit: std::collections::HashMap<(String, String), String>,
    scale: std::collections::HashMap<String, u32>,
}

fn alternation(mut terms: Vec<String>) -> String {
    terms.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    terms.dedup();
    terms.iter().map(|t| regex::escape(t)).collect::<Vec<_>>().join("|")
}

impl Units {
    /// Compiles `term,role,value` rows (see `reference/units.csv`).
    pub fn new(rows: &[(String, String, String)]) -> Self {
        let of = |role: &str| rows.iter().filter(|r| r.1 == role).map(|r| r.0.clone()).collect::<Vec<_>>();
        let zh_units = alternation(of("zh"));
        let zh_scales = alternation(of("zh_scale"));
        let en_units = alternation(of("en"));
        let en_scales = alternation(of("en_scale"));
        let prefixes = alternation(of("prefix"));
        let re_zh = Regex::new(&format!(
            // Group 4: the remainder after a scale (37万5000桶 = 375,000 barrels).
            r"{QUAL_ZH}\s*({NUM}|[零〇一二两三四五六七八九十百千]+)\s*({zh_scales})?([0-9]{{1,4}})?\s*(多)?\s*({zh_units})"
        ))
        .expect("valid");
        let re_zh_yi_wan = Regex::new(&format!(r"{QUAL_ZH}\s*([0-9]+(?:\.[0-9]+)?)\s*亿\s*([0-9]{{1,4}})\s*万\s*(多)?\s*({zh_units})")).expect("valid");
        let re_en_prefix = Regex::new(&format!(r"{QUAL_EN}({prefixes})\s?({NUM})\s*({en_scales})?\b")).expect("valid");
        let re_en_suffix = Regex::new(&format!(r"{QUAL_EN}({NUM})\s*({en_scales})?\s*({en_units})\b")).expect("valid");
        let unit = rows
            .iter()
            .filter(|r| matches!(r.1.as_str(), "zh" | "en" | "prefix"))
            .map(|r| ((r.1.clone(), r.0.clone()), r.2.clone()))
            .collect();
        let scale = rows.iter().filter(|r| r.1.ends_with("_scale")).filter_map(|r| r.2.parse().ok().map(|v| (r.0.clone(), v))).collect();
        Units { re_zh, re_zh_yi_wan, re_en_prefix, re_en_suffix, unit, scale }
    }

    /// Parses `reference/units.csv` text.
    pub fn parse(text: &str) -> Self {
        let rows: Vec<(String, String, String)> = text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.starts_with("term,") && !l.trim().is_empty())
            .filter_map(|l| {
                let mut p = l.splitn(3, ',');
                Some((p.next()?.to_string(), p.next()?.to_string(), p.next().unwrap_or("").trim().to_string()))
            })
            .collect();
        Units::new(&rows)
    }

    fn unit(&self, role: &str, term: &str) -> Option<&str> {
        self.unit.get(&(role.to_string(), term.to_string())).map(|s| s.as_str())
    }

    fn scale(&self, term: Option<&str>) -> u32 {
        term.and_then(|t| self.scale.get(t)).copied().unwrap_or(0)
    }
}

/// The bundled unit lexicon (a copy of `reference/units.csv`), for callers without a
/// reference folder (tests, [`find`]).
pub static DEFAULT_UNITS: LazyLock<Units> = LazyLock::new(|| Units::parse(include_str!("../../reference/units.csv")));

re!(RE_CHENG, r"(近|约|逾|超过|不到|不足)?([一二两三四五六七八九])成");
// An English number in words before a scale or a multiple ("one million barrels", "two
// billion dollars", "one and a half times"): read as its digits.
re!(
    RE_NUMBER_WORD,
    r"(?i)\b(one|two|three|four|five|six|seven|eight|nine|ten|a)(\s+and\s+a\s+half)?(\s+(?:million|billion|trillion|times)\b)"
);
re!(
    RE_RANK,
    r"(?:ranked|ranks|ranking)\s+([0-9]{1,3})(?:st|nd|rd|th)\b(?:\s+(?:largest|biggest))?|([0-9]{1,3})(?:st|nd|rd|th)\s+(?:largest|biggest)\b(?:\s+(?:trade|trading)\s+partner)?|第\s*([0-9]{1,3}|[一二三四五六七八九十]+)\s*大\s*贸易\s*伙伴|排名?第\s*([0-9]{1,3}|[一二三四五六七八九十]+)"
);
re!(
    RE_FRACTION,
    r"(?:(about|around|nearly|almost|roughly|more than|over)\s+)?\b(half|a quarter|one quarter|a third|one third|two-thirds|two thirds|three-quarters|three quarters)\s+of\b|(近|约|超过)?(一半|四分之一|三分之一|三分之二|四分之三)"
);
// A change by a fraction: "a reduction of two-thirds", "fell by half" (the fraction is the rate).
re!(
    RE_FRACTION_CHANGE,
    r"(?i)\b(?:reduction|drop|decline|decrease|fall|increase|rise|jump|cut)\s+of\s+(?:(about|around|nearly|almost|roughly|more than|over)\s+)?(half|a quarter|one quarter|a third|one third|two-thirds|two thirds|three-quarters|three quarters)\b|\b(?:fell|dropped|declined|shrank|plunged|slumped|grew|rose|increased|decreased|was cut|were cut)\s+by\s+(?:(about|around|nearly|almost|roughly|more than|over)\s+)?(half|a quarter|one quarter|a third|one third|two-thirds|two thirds|three-quarters|three quarters)\b"
);
re!(
    RE_FOLD,
    r"(?i)\b(?:(about|around|nearly|almost|roughly|more than|over)\s+)?\b(two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|fifty|hundred|[0-9]+(?:\.[0-9]+)?)[- ]?fold\b"
);
re!(RE_HALF_A, r"(?:(about|around|nearly|almost|roughly)\s+)?half\s+a\s+(billion|million|trillion)\s+(?:US\s+)?dollars");

fn qualifier(q: Option<&str>) -> String {
    match q.unwrap_or("") {
        "" | "达" | "高达" => "",
        "超过" | "逾" | "多达" | "至少" | "more than" | "over" | "at least" => "at_least",
        "不足" | "不到" | "最多" | "less than" | "up to" | "no more than" | "not more than" => "at_most",
        "no less than" | "not less than" => "at_least",
        _ => "approx",
    }
    .to_string()
}

/// Whether `text` holds the ASCII word `w`, in any case.
fn contains_ci(text: &str, w: &str) -> bool {
    text.as_bytes().windows(w.len()).any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
}

/// Verbs of growth: 增长一倍 is +100 %.
const GROWTH_VERBS: &[&str] = &["增长", "增加", "上升", "提高", "扩大", "上涨"];

/// `text` with English numbers in words before a scale or "times" written as digits, padded
/// with spaces to the same length so every offset still points into the text ("one million" →
/// "1   million", "one and a half times" → "1.5            times").
fn number_words_as_digits(text: &str) -> std::borrow::Cow<'_, str> {
    // (Only where a scale word or "times" stands: most sentences skip the regex.)
    if !contains_ci(text, "illion") && !contains_ci(text, "times") {
        return text.into();
    }
    RE_NUMBER_WORD.replace_all(text, |c: &regex::Captures| {
        let n = match c[1].to_lowercase().as_str() {
            "one" | "a" => 1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            "six" => 6,
            "seven" => 7,
            "eight" => 8,
            "nine" => 9,
            _ => 10,
        };
        // ("half a billion dollars" is read whole, below.)
        if text[..c.get(0).map_or(0, |m| m.start())].to_lowercase().trim_end().ends_with("half") {
            return c[0].to_string();
        }
        let digits = if c.get(2).is_some() { format!("{n}.5") } else { n.to_string() };
        let words = c[1].len() + c.get(2).map_or(0, |x| x.len());
        if digits.len() > words {
            // ("a times" cannot be written shorter; "a million" gives "1 million".)
            return c[0].to_string();
        }
        format!("{digits}{}{}", " ".repeat(words - digits.len()), &c[3])
    })
}

// Digits mixed with 千/百 (1千6百80万, 2亿1千900万, 6百50万): one number written in parts.
re!(RE_MIXED_NUMERAL, r"([0-9]{1,3})千(?:([0-9])百)?([0-9]{1,3})?|([0-9])百([0-9]{1,2})?");

/// `text` with numbers written in digits and 千/百 (1千6百80万美元) as plain digits, padded with
/// spaces to the same number of characters so offsets still point into the text ("1680  万美元").
/// A part that would not fit (1千8, colloquial 1800) and a lone 3千/5百 (read with the scale
/// after it: 千万, 百万) are left as written.
fn mixed_numerals_as_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['千', '百']) {
        return text.into();
    }
    RE_MIXED_NUMERAL.replace_all(text, |c: &regex::Captures| {
        let whole = &c[0];
        let n = |i: usize| c.get(i).map(|x| x.as_str().parse::<u64>().unwrap_or(0));
        let value = if let Some(th) = n(1) {
            match (n(2), c.get(3)) {
                (None, None) => return whole.to_string(),
                (Some(h), None) => th * 1000 + h * 100,
                (Some(h), Some(r)) if r.as_str().len() <= 2 => th * 1000 + h * 100 + n(3).unwrap_or(0),
                (None, Some(r)) if r.as_str().len() == 3 => th * 1000 + n(3).unwrap_or(0),
                _ => return whole.to_string(),
            }
        } else {
            match c.get(5) {
                None => return whole.to_string(),
                Some(r) if r.as_str().len() == 2 => n(4).unwrap_or(0) * 100 + n(5).unwrap_or(0),
                Some(_) => n(4).unwrap_or(0) * 100 + n(5).unwrap_or(0) * 10,
            }
        };
        let digits = value.to_string();
        let chars = whole.chars().count();
        if digits.len() > chars {
            return whole.to_string();
        }
        format!("{digits}{}", " ".repeat(chars - digits.len()))
    })
}

/// A fraction in words as a percentage (two-thirds, 三分之二 → 66.7).
fn fraction_percent(word: &str) -> Option<&'static str> {
    Some(match word {
        "half" | "一半" => "50",
        "a quarter" | "one quarter" | "四分之一" => "25",
        "a third" | "one third" | "三分之一" => "33.3",
        "two-thirds" | "two thirds" | "三分之二" => "66.7",
        "three-quarters" | "three quarters" | "四分之三" => "75",
        _ => return None,
    })
}

/// A fraction's qualifier: the hedge written before it, else approximate (a third is 33.3…).
fn fraction_qualifier(hedge: Option<regex::Match>) -> String {
    match hedge {
        Some(h) => qualifier(Some(h.as_str())),
        None => "approx".into(),
    }
}

/// Finds amounts in `text` (Simplified shadow or English, digits folded) with the bundled units.
pub fn find(text: &str) -> Vec<Amount> {
    find_with(text, &DEFAULT_UNITS)
}

/// Finds amounts in `text` with a unit lexicon.
pub fn find_with(text: &str, units: &Units) -> Vec<Amount> {
    let spelled = number_words_as_digits(text);
    let mixed = mixed_numerals_as_digits(spelled.as_ref());
    let text = mixed.as_ref();
    let b2c = crate::model::byte_to_char(text);
    // Each pattern runs only where a literal it cannot match without is present (as in
    // date::find_once): the same matches, without a capture search on every sentence.
    let digits = text.bytes().any(|b| b.is_ascii_digit());
    let has = |c: char| text.contains(c);
    let has_ci = |w: &str| contains_ci(text, w);
    let only = |cond: bool| if cond { text } else { "" };
    let mut out = Vec::new();
    let push = |out: &mut Vec<Amount>, m: regex::Match, number: &str, exp: u32, unit: &str, q: String| {
        if let Some(value) = scale_decimal(number, exp) {
            out.push(Amount { start: b2c[m.start()], end: b2c[m.end()], value, unit: unit.into(), qualifier: q });
        }
    };
    for c in units.re_zh.captures_iter(only(digits || text.contains(|c: char| "零〇一二两三四五六七八九十百千".contains(c)))) {
        let m = c.get(0).expect("m");
        let n = &c[2];
        let term = &c[6];
        let Some(unit) = units.unit("zh", term) else { continue };
        let digits = n.starts_with(|ch: char| ch.is_ascii_digit());
        // Counted things in words (一个, 两台) are prose, not figures.
        if !digits && matches!(unit, "pieces" | "units") {
            continue;
        }
        let number = if digits {
            n.to_string()
        } else {
            match chinese_numeral(n) {
                Some(v) => v.to_string(),
                None => continue,
            }
        };
        if matches!(unit, "pieces" | "units" | "shipments" | "times") && number.trim_start_matches('0').is_empty() {
            continue;
        }
        // 个 counts things, not months or people (3个月, 两个国家).
        if term == "个" && text[m.end()..].starts_with(['月', '星', '小', '国', '人', '百', '方', '多']) {
            continue;
        }
        let mut exp = units.scale(c.get(3).map(|x| x.as_str()));
        if term == "万桶" {
            exp += 4;
        }
        // 37万5000: the scaled part plus the remainder, as one whole number.
        let (number, exp) = match (c.get(3).and(c.get(4)), digits) {
            (Some(rest), true) if exp > 0 => {
                let whole = scale_decimal(&number, exp).and_then(|v| v.parse::<u128>().ok());
                match (whole, rest.as_str().parse::<u128>()) {
                    (Some(w), Ok(r)) if r < 10u128.pow(exp) => ((w + r).to_string(), 0),
                    _ => continue,
                }
            }
            (Some(_), _) => continue,
            _ => (number, exp),
        };
        if (unit == "percent" || unit == "times") && exp > 0 {
            continue;
        }
        let mut q = qualifier(c.get(1).map(|x| x.as_str()));
        // 增长(近)一倍: grew by (about) its own size, +100 %, not a multiple of one.
        if unit == "times" && number == "1" && c.get(5).is_none() && GROWTH_VERBS.iter().any(|v| text[..m.start()].trim_end_matches('了').ends_with(v)) {
            push(&mut out, m, "100", 0, "percent", q);
            continue;
        }
        let more_after = text[m.end()..].starts_with('多');
        if (c.get(5).is_some() || more_after) && q.is_empty() {
            q = "at_least".into();
        }
        if more_after {
            // 33倍多: the 多 belongs to the figure as written.
            if let Some(value) = scale_decimal(&number, exp) {
                out.push(Amount { start: b2c[m.start()], end: b2c[m.end()] + 1, value, unit: unit.into(), qualifier: q });
            }
            continue;
        }
        push(&mut out, m, &number, exp, unit, q);
    }
    for c in units.re_zh_yi_wan.captures_iter(only(digits && has('亿') && has('万'))) {
        let m = c.get(0).expect("m");
        let Some(unit) = units.unit("zh", &c[5]) else { continue };
        if unit == "percent" || unit == "times" {
            continue;
        }
        let (Some(yi), Ok(wan)) = (scale_decimal(&c[2], 8).and_then(|v| v.parse::<u128>().ok()), c[3].parse::<u128>()) else { continue };
        let mut q = qualifier(c.get(1).map(|x| x.as_str()));
        if c.get(4).is_some() && q.is_empty() {
            q = "at_least".into();
        }
        push(&mut out, m, &(yi + wan * 10_000).to_string(), 0, unit, q);
    }
    for c in RE_CHENG.captures_iter(only(has('成'))) {
        let m = c.get(0).expect("m");
        if let Some(v) = chinese_numeral(&c[2]) {
            push(&mut out, m, &(v * 10).to_string(), 0, "percent", qualifier(c.get(1).map(|x| x.as_str())));
        }
    }
    for c in units.re_en_prefix.captures_iter(only(digits)) {
        let m = c.get(0).expect("m");
        let Some(unit) = units.unit("prefix", c[2].trim()) else { continue };
        push(&mut out, m, &c[3], units.scale(c.get(4).map(|x| x.as_str())), unit, qualifier(c.get(1).map(|x| x.as_str())));
    }
    for c in units.re_en_suffix.captures_iter(only(digits)) {
        let m = c.get(0).expect("m");
        let Some(unit) = units.unit("en", &c[4]) else { continue };
        push(&mut out, m, &c[2], units.scale(c.get(3).map(|x| x.as_str())), unit, qualifier(c.get(1).map(|x| x.as_str())));
    }
    for c in RE_RANK.captures_iter(only(digits || has('第'))) {
        let m = c.get(0).expect("m");
        let n = c.get(1).or(c.get(2)).or(c.get(3)).or(c.get(4)).map(|x| x.as_str()).unwrap_or("");
        let v = if n.starts_with(|ch: char| ch.is_ascii_digit()) { n.parse().ok() } else { chinese_numeral(n) };
        if let Some(v) = v.filter(|v| *v > 0) {
            push(&mut out, m, &v.to_string(), 0, "rank", String::new());
        }
    }
    for c in RE_FRACTION.captures_iter(only(["half", "quarter", "third", "一半", "分之"].iter().any(|w| text.contains(w)))) {
        let m = c.get(0).expect("m");
        let word = c.get(2).or(c.get(4)).map(|x| x.as_str()).unwrap_or("");
        // "the first half of the year", "the third quarter of 2019", 上半年: a period, not a share.
        let lead = text[..m.start()].trim_end().to_lowercase();
        let tail = text[m.end()..].trim_start().to_lowercase();
        let period = ["first", "second", "third", "fourth", "last", "latter", "final"].iter().any(|w| lead.ends_with(w))
            && (tail.starts_with("the year") || tail.starts_with("this year") || tail.starts_with("last year") || tail.starts_with("19") || tail.starts_with("20"));
        if period {
            continue;
        }
        let Some(v) = fraction_percent(word) else { continue };
        push(&mut out, m, v, 0, "percent", fraction_qualifier(c.get(1).or(c.get(3))));
    }
    for c in RE_FRACTION_CHANGE.captures_iter(only(["half", "quarter", "third"].iter().any(|w| text.contains(w)))) {
        let Some(m) = c.get(2).or(c.get(4)) else { continue };
        let Some(v) = fraction_percent(&m.as_str().to_lowercase()) else { continue };
        push(&mut out, m, v, 0, "percent", fraction_qualifier(c.get(1).or(c.get(3))));
    }
    for c in RE_HALF_A.captures_iter(only(text.contains("half"))) {
        let m = c.get(0).expect("m");
        let exp = match &c[2] {
            "trillion" => 12,
            "billion" => 9,
            _ => 6,
        };
        push(&mut out, m, "0.5", exp, "USD", if c.get(1).is_some() { qualifier(c.get(1).map(|x| x.as_str())) } else { "approx".into() });
    }
    // "grew tenfold", "a 2.5-fold rise": a multiple, as 倍 and "times".
    for c in RE_FOLD.captures_iter(only(has_ci("fold"))) {
        let m = c.get(0).expect("m");
        const WORDS: &[(&str, &str)] = &[
            ("two", "2"), ("three", "3"), ("four", "4"), ("five", "5"), ("six", "6"), ("seven", "7"), ("eight", "8"), ("nine", "9"), ("ten", "10"),
            ("twelve", "12"), ("fifteen", "15"), ("twenty", "20"), ("thirty", "30"), ("forty", "40"), ("fifty", "50"), ("hundred", "100"),
        ];
        let n = c[2].to_lowercase();
        let v = WORDS.iter().find(|(w, _)| *w == n).map(|(_, d)| d.to_string()).unwrap_or(n);
        push(&mut out, m, &v, 0, "times", qualifier(c.get(1).map(|x| x.as_str())));
    }
    // A minus sign written against a percentage (": -11.1%") is part of it; a dash between
    // two figures (5-10%) is a range.
    let chars: Vec<char> = text.chars().collect();
    for a in out.iter_mut().filter(|a| a.unit == "percent" && a.start > 0 && !a.value.starts_with('-')) {
        let sign = matches!(chars[a.start - 1], '-' | '−');
        let before = if a.start >= 2 { chars[a.start - 2] } else { ' ' };
        if sign && (before.is_whitespace() || matches!(before, ':' | '：' | '(' | '（')) && chars.get(a.start).is_some_and(|c| c.is_ascii_digit()) {
            a.start -= 1;
            a.value = format!("-{}", a.value);
        }
    }
    crate::model::non_overlapping(out, |a| (a.start, a.end))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_minus_sign_against_a_percentage_is_kept_and_a_range_is_not_negative() {
        let a = find("imports of goods and services: -11.1% (2016 est.)");
        assert_eq!(a.iter().map(|x| x.value.as_str()).collect::<Vec<_>>(), ["-11.1"]);
        assert!(find("grew by 5-10% a year").iter().all(|x| !x.value.starts_with('-')));
    }

    use super::*;

    #[test]
    fn exact_scaling() {
        assert_eq!(scale_decimal("4.009", 8).as_deref(), Some("400900000"));
        assert_eq!(scale_decimal("0.29", 8).as_deref(), Some("29000000"));
        assert_eq!(scale_decimal("10.4", 0).as_deref(), Some("10.4"));
        assert_eq!(scale_decimal("1,234.5", 3).as_deref(), Some("1234500"));
    }

    #[test]
    fn forms() {
        let v = |s: &str| find(s).into_iter().map(|a| (a.value, a.unit, a.qualifier)).collect::<Vec<_>>();
        assert_eq!(v("8.99亿美元"), vec![("899000000".into(), "USD".into(), "".into())]);
        assert_eq!(v("1860万吨"), vec![("18600000".into(), "t".into(), "".into())]);
        assert_eq!(v("37万5000桶"), vec![("375000".into(), "barrels".into(), "".into())]);
        assert_eq!(v("8万亿元人民币"), vec![("8000000000000".into(), "CNY".into(), "".into())]);
        assert_eq!(v("近90%"), vec![("90".into(), "percent".into(), "approx".into())]);
        assert_eq!(v("九成"), vec![("90".into(), "percent".into(), "".into())]);
        assert_eq!(v("a reduction of two-thirds compared with"), vec![("66.7".into(), "percent".into(), "approx".into())]);
        assert_eq!(v("exports fell by about half"), vec![("50".into(), "percent".into(), "approx".into())]);
        assert!(v("in the first half of the year").is_empty());
        assert_eq!(v("按年增长逾两成"), vec![("20".into(), "percent".into(), "at_least".into())]);
        assert_eq!(v("贸易额增长近一倍"), vec![("100".into(), "percent".into(), "approx".into())]);
        assert_eq!(v("是去年的一倍"), vec![("1".into(), "times".into(), "".into())]);
        assert_eq!(v("more than one million barrels"), vec![("1000000".into(), "barrels".into(), "at_least".into())]);
        assert_eq!(v("rose by about one and a half times"), vec![("1.5".into(), "times".into(), "approx".into())]);
        assert_eq!(v("one of the two sides"), vec![]);
        assert_eq!(v("around half a billion dollars"), vec![("500000000".into(), "USD".into(), "approx".into())]);
        assert_eq!(v("US$2.43 billion"), vec![("2430000000".into(), "USD".into(), "".into())]);
        assert_eq!(v("about $213.15 million"), vec![("213150000".into(), "USD".into(), "approx".into())]);
        assert_eq!(v("1亿9800万美元"), vec![("198000000".into(), "USD".into(), "".into())]);
        assert!(v("the 12th meeting of the joint commission on trade").is_empty(), "an ordinal is not a rank");
        assert_eq!(v("China was the 3rd largest trading partner"), vec![("3".into(), "rank".into(), "".into())]);
        assert_eq!(v("no more than 500,000 barrels"), vec![("500000".into(), "barrels".into(), "at_most".into())]);
        assert_eq!(v("trade grew tenfold"), vec![("10".into(), "times".into(), "".into())]);
        assert_eq!(v("a 2.5-fold rise"), vec![("2.5".into(), "times".into(), "".into())]);
        assert_eq!(v("¥14.67 bn"), vec![("14670000000".into(), "CNY".into(), "".into())]);
        // Digits written in parts with 千/百, and 千万/百万 as scales.
        assert_eq!(v("1千6百80万美元"), vec![("16800000".into(), "USD".into(), "".into())]);
        assert_eq!(v("2亿1千900万美元"), vec![("219000000".into(), "USD".into(), "".into())]);
        assert_eq!(v("6百50万吨"), vec![("6500000".into(), "t".into(), "".into())]);
        assert_eq!(v("3千万美元"), vec![("30000000".into(), "USD".into(), "".into())]);
        assert_eq!(v("5百万美元"), vec![("5000000".into(), "USD".into(), "".into())]);
        let a = find("出口1千6百80万美元");
        assert_eq!((a[0].start, a[0].end), (2, 11), "offsets point into the text as written");
    }
}
