//! Amounts: `8.99億美元`, `1860萬噸`, `8萬億元人民幣`, `10.4%`, `九成`, `US$2.43 billion`,
//! `$213.15 million`, `¥14.67 bn`, with approximation words kept as a qualifier. Values are
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
    /// `USD`, `CNY`, `t` or `percent`.
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
re!(
    RE_ZH,
    &format!(
        r"{QUAL_ZH}\s*([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千]+)\s*(万亿|亿|万|千)?\s*(多)?\s*(美元|元人民币|人民币|元|公吨|吨|%)"
    )
);
re!(RE_CHENG, r"([一二三四五六七八九])成");
const QUAL_EN: &str = r"(?:(about|around|approximately|nearly|almost|more than|over|some|at least|less than|up to)\s+)?";
re!(
    RE_EN_MONEY,
    &format!(r"{QUAL_EN}(US\$|\$|USD\s?|RMB\s?|CNY\s?|¥|￥)\s?([0-9][0-9,]*(?:\.[0-9]+)?)\s*(trillion|billion|million|bn|mn|m|k)?\b")
);
re!(
    RE_EN_UNIT,
    &format!(
        r"{QUAL_EN}([0-9][0-9,]*(?:\.[0-9]+)?)\s*(trillion|billion|million)?\s*(US dollars|dollars|yuan|renminbi|metric tons|tonnes|tons|percent|per cent|%)"
    )
);

fn qualifier(q: Option<&str>) -> String {
    match q.unwrap_or("") {
        "" | "达" | "高达" => "",
        "超过" | "逾" | "多达" | "至少" | "more than" | "over" | "at least" => "at_least",
        "不足" | "不到" | "最多" | "less than" | "up to" => "at_most",
        _ => "approx",
    }
    .to_string()
}

fn multiplier(m: Option<&str>) -> u32 {
    match m.unwrap_or("") {
        "万亿" | "trillion" => 12,
        "亿" => 8,
        "万" => 4,
        "千" | "k" => 3,
        "billion" | "bn" => 9,
        "million" | "mn" | "m" => 6,
        _ => 0,
    }
}

/// Adds an English amount: `number` scaled by the word in `mult`, qualifier from group 1.
fn push_en(
    out: &mut Vec<Amount>,
    b2c: &[usize],
    c: &regex::Captures,
    m: regex::Match,
    number: &str,
    mult: Option<regex::Match>,
    unit: &str,
) {
    if let Some(value) = scale_decimal(number, multiplier(mult.map(|x| x.as_str()))) {
        out.push(Amount {
            start: b2c[m.start()],
            end: b2c[m.end()],
            value,
            unit: unit.into(),
            qualifier: qualifier(c.get(1).map(|x| x.as_str())),
        });
    }
}

/// Finds amounts in `text` (Simplified shadow or English, digits folded).
pub fn find(text: &str) -> Vec<Amount> {
    let b2c = crate::model::byte_to_char(text);
    let mut out = Vec::new();
    for c in RE_ZH.captures_iter(text) {
        let m = c.get(0).expect("m");
        let n = &c[2];
        let number = if n.starts_with(|ch: char| ch.is_ascii_digit()) {
            n.to_string()
        } else {
            match chinese_numeral(n) {
                Some(v) => v.to_string(),
                None => continue,
            }
        };
        let unit = match &c[5] {
            "美元" => "USD",
            "元人民币" | "人民币" | "元" => "CNY",
            "公吨" | "吨" => "t",
            _ => "percent",
        };
        let exp = multiplier(c.get(3).map(|x| x.as_str()));
        if unit == "percent" && exp > 0 {
            continue;
        }
        let mut q = qualifier(c.get(1).map(|x| x.as_str()));
        if c.get(4).is_some() && q.is_empty() {
            q = "at_least".into();
        }
        if let Some(value) = scale_decimal(&number, exp) {
            out.push(Amount { start: b2c[m.start()], end: b2c[m.end()], value, unit: unit.into(), qualifier: q });
        }
    }
    for c in RE_CHENG.captures_iter(text) {
        let m = c.get(0).expect("m");
        if let Some(v) = chinese_numeral(&c[1]) {
            let q = if text[..m.start()].ends_with(['近', '约']) { "approx" } else { "" };
            out.push(Amount {
                start: b2c[m.start()],
                end: b2c[m.end()],
                value: (v * 10).to_string(),
                unit: "percent".into(),
                qualifier: q.into(),
            });
        }
    }
    for c in RE_EN_MONEY.captures_iter(text) {
        let m = c.get(0).expect("m");
        let cur = c[2].trim();
        let unit = if cur.contains("RMB") || cur.contains("CNY") || cur.contains('¥') || cur.contains('￥') { "CNY" } else { "USD" };
        push_en(&mut out, &b2c, &c, m, &c[3], c.get(4), unit);
    }
    for c in RE_EN_UNIT.captures_iter(text) {
        let m = c.get(0).expect("m");
        let unit = match &c[4] {
            "US dollars" | "dollars" => "USD",
            "yuan" | "renminbi" => "CNY",
            "metric tons" | "tonnes" | "tons" => "t",
            _ => "percent",
        };
        push_en(&mut out, &b2c, &c, m, &c[2], c.get(3), unit);
    }
    crate::model::non_overlapping(out, |a| (a.start, a.end))
}

#[cfg(test)]
mod tests {
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
        assert_eq!(v("8万亿元人民币"), vec![("8000000000000".into(), "CNY".into(), "".into())]);
        assert_eq!(v("近90%"), vec![("90".into(), "percent".into(), "approx".into())]);
        assert_eq!(v("九成"), vec![("90".into(), "percent".into(), "".into())]);
        assert_eq!(v("US$2.43 billion"), vec![("2430000000".into(), "USD".into(), "".into())]);
        assert_eq!(v("about $213.15 million"), vec![("213150000".into(), "USD".into(), "approx".into())]);
        assert_eq!(v("¥14.67 bn"), vec![("14670000000".into(), "CNY".into(), "".into())]);
    }
}
