//! Statistics tables written in the text (Markdown pipe tables): a row per period (its first
//! cell a year or a month), a column per flow (its header an export, import or total), the unit
//! from the header or the lines around the table ("in millions of US dollars", 单位：万美元), the
//! country pair from the header ("China exports to DPRK"), else from the lines before. A table
//! whose unit is nowhere stated gives nothing (a figure is never guessed).

use super::trade::TradeRec;
use super::{evidence, Cx};
use crate::normalize::date::PDate;
use crate::normalize::{Annotated, Sentence};
use regex::Regex;
use std::sync::LazyLock;

/// A stated money unit: "in millions of US dollars", "US$ million", "($ bn)", 单位：万美元.
static RE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(thousands?|millions?|billions?)\s+of\s+(?:us\s+|u\.s\.\s+)?dollars|(?:us\$|usd|\$)\s*(thousands?|millions?|billions?|mn|bn)\b|单位[：:]\s*(千|万|亿)?\s*美元|(千|万|亿)美元")
        .expect("valid")
});
static RE_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)\s*年?$").expect("valid"));
static RE_MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$").expect("valid"));

fn exp_of(word: &str) -> Option<u32> {
    match word.to_lowercase().trim_end_matches('s') {
        "thousand" | "千" => Some(3),
        "million" | "mn" => Some(6),
        "billion" | "bn" => Some(9),
        "万" => Some(4),
        "亿" => Some(8),
        _ => None,
    }
}

/// The power of ten of the USD unit stated in `text`.
fn unit_in(text: &str) -> Option<u32> {
    let c = RE_UNIT.captures(text)?;
    c.get(1).or(c.get(2)).or(c.get(3)).or(c.get(4)).and_then(|w| exp_of(w.as_str()))
}

/// The cells of a table row ("| 2023 | 2,002 |"), or `None` for any other line (checked on the
/// first character before anything is built: this runs over every sentence).
fn cells(s: &Sentence) -> Option<Vec<String>> {
    if s.orig.iter().find(|c| !c.is_whitespace()) != Some(&'|') {
        return None;
    }
    let t: String = s.orig.iter().collect();
    let t = t.trim();
    if !(t.starts_with('|') && t.ends_with('|') && t.len() > 2) {
        return None;
    }
    Some(t[1..t.len() - 1].split('|').map(|c| c.trim().to_string()).collect())
}

/// Trade rows of the document's tables.
pub fn rows(doc: &Annotated, r: &Cx, body: &[&Sentence]) -> Vec<TradeRec> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < body.len() {
        let Some(head) = cells(body[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < body.len() && cells(body[j]).is_some() {
            j += 1;
        }
        // The unit: in the header, else in the two lines before or after the table.
        let around = body[i.saturating_sub(2)..i].iter().chain(body[j..(j + 2).min(body.len())].iter());
        let exp = unit_in(&body[i].shadow).or_else(|| around.clone().find_map(|s| unit_in(&s.shadow)));
        // The pair: the countries the header names, else those of the lines before it.
        let countries = |s: &Sentence| -> Vec<String> {
            let mut v: Vec<String> = Vec::new();
            for e in s.entities.iter().filter(|e| r.ent(e.entity).kind == "country") {
                let c = r.ent(e.entity).country.clone();
                if !v.contains(&c) {
                    v.push(c);
                }
            }
            // (A partner's short form, 对朝 → PRK, from the trade lexicon.)
            for h in super::terms(&r.trade_terms, s).into_iter().filter(|h| h.item.role == "partner") {
                if !v.contains(&h.item.value) {
                    v.push(h.item.value.clone());
                }
            }
            v
        };
        let mut pair = countries(body[i]);
        if pair.len() < 2 {
            pair = body[i.saturating_sub(2)..i].iter().flat_map(|s| countries(s)).fold(Vec::new(), |mut v, c| {
                if !v.contains(&c) {
                    v.push(c);
                }
                v
            });
        }
        let flows: Vec<Option<(&str, &str)>> = head
            .iter()
            .map(|h| {
                let l = h.to_lowercase();
                if l.contains("export") || l.contains("出口") {
                    Some(("export", "export_value"))
                } else if l.contains("import") || l.contains("进口") || l.contains("進口") {
                    Some(("import", "import_value"))
                } else if l.contains("total") || l.contains("总") || l.contains("總") || l.contains("trade") || l.contains("贸易") {
                    Some(("", "total_trade_value"))
                } else {
                    None
                }
            })
            .collect();
        if let Some(exp) = exp.filter(|_| flows.iter().skip(1).any(Option::is_some) && pair.len() >= 2) {
            for s in &body[i + 1..j] {
                let Some(row) = cells(s) else { continue };
                let key = row.first().map(String::as_str).unwrap_or("");
                let (ps, pe) = if let Some(c) = RE_YEAR.captures(key) {
                    let y: i32 = c[1].parse().unwrap_or(0);
                    (PDate::new(y, None, None), None)
                } else if let Some(c) = RE_MONTH.captures(key) {
                    (PDate::new(c[1].parse().unwrap_or(0), c[2].parse().ok(), None), None)
                } else {
                    continue;
                };
                for (k, cell) in row.iter().enumerate().skip(1) {
                    let Some(Some((flow, indicator))) = flows.get(k) else { continue };
                    let number = cell.replace(',', "");
                    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
                        continue;
                    }
                    let Some(value) = crate::normalize::amount::scale_decimal(&number, exp) else { continue };
                    let line: String = s.orig.iter().collect();
                    let at = line.find(cell.as_str()).map(|b| line[..b].chars().count()).unwrap_or(0);
                    out.push(TradeRec {
                        period_start: ps,
                        period_end: pe,
                        indicator: indicator.to_string(),
                        flow: flow.to_string(),
                        commodity: String::new(),
                        value,
                        unit: "USD".into(),
                        reporter: pair[0].clone(),
                        partner: pair[1].clone(),
                        qualifier: String::new(),
                        source_org: String::new(),
                        original: cell.clone(),
                        evidence: evidence(doc, s, at, at + cell.chars().count(), "trade:table"),
                    });
                }
            }
        }
        i = j;
    }
    out
}
