//! Statistics tables written in the text (Markdown pipe tables, and plain tables whose columns
//! are aligned with runs of spaces, tabs or ideographic spaces): a row per period (its first
//! cell a year or a month; a month without its year takes the year of the table's title, else
//! the publication's), a column per flow (its header an export, import or total), the unit
//! from the header or the lines around the table ("in millions of US dollars", 单位：万美元), the
//! country pair from the header ("China exports to DPRK"), else from the lines before. A table
//! the other way round, a row per flow ("| 中国出口 | 221,560 | 19.8% |") under a title naming
//! its period, gives the amount column and the year-on-year column. A table whose unit is
//! nowhere stated gives nothing (a figure is never guessed).

use super::trade::TradeRec;
use super::{evidence, Cx};
use crate::normalize::date::PDate;
use crate::normalize::{Annotated, Sentence};
use regex::Regex;
use std::sync::LazyLock;

/// A stated money unit: "in millions of US dollars", "US$ million", "($ bn)", 单位：万美元.
static RE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(thousands?|millions?|billions?)\s+of\s+(?:us\s+|u\.s\.\s+)?dollars|(?:us\$|usd|\$)\s*(thousands?|millions?|billions?|mn|bn|m|b|k)\b|单位[：:]\s*(千|万|亿)?\s*美元|(千|万|亿)美元")
        .expect("valid")
});
static RE_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)\s*年?$").expect("valid"));
static RE_MONTH: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d)\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$").expect("valid"));
/// A month name and its year: "July 2025", "Sept. 2024".
static RE_MONTH_NAME_YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([A-Za-z]{3,9}\.?)\s+((?:19|20)\d\d)$").expect("valid"));
/// A month without its year: 10月, 10月份, "Oct", "October".
static RE_MONTH_ONLY: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})\s*月份?$").expect("valid"));
/// A run of blanks that separates aligned columns (two spaces or more, a tab, an ideographic space).
static RE_GAP: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"[ \x{00A0}]{2,}|\t+|\x{3000}+").expect("valid"));

/// The month of an English month name or its abbreviation ("Jan", "Sept.", "October").
fn month_name(key: &str) -> Option<u32> {
    let k = key.trim_end_matches('.').to_lowercase();
    const NAMES: [&str; 12] = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    NAMES.iter().position(|n| k.len() >= 3 && (n.starts_with(&k) || (k == "sept" && *n == "september"))).map(|i| i as u32 + 1)
}

fn exp_of(word: &str) -> Option<u32> {
    match word.to_lowercase().trim_end_matches('s') {
        "thousand" | "千" | "k" => Some(3),
        "million" | "mn" | "m" => Some(6),
        "billion" | "bn" | "b" => Some(9),
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

/// The cells of a plain table line whose columns are aligned with blanks ("Jan    155.2   25.3",
/// "10月      22,763       19,526"), read from the raw text (cleaning closes the blanks between
/// Chinese characters), or `None` for a line with no such gap.
fn aligned_cells(doc: &Annotated, s: &Sentence) -> Option<Vec<String>> {
    let (ra, rb) = doc.cleaned.text.raw_span(s.start, s.start + s.len());
    let raw = &doc.cleaned.doc.raw;
    let line: String = raw[ra.min(raw.len())..rb.min(raw.len())].iter().collect();
    let line = line.trim();
    if line.contains('\n') || !RE_GAP.is_match(line) {
        return None;
    }
    let v: Vec<String> = RE_GAP.split(line).map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
    (v.len() >= 2).then_some(v)
}

/// The flow a column header names: (flow, indicator).
fn flow_of(header: &str) -> Option<(&'static str, &'static str)> {
    let l = header.to_lowercase();
    // (进出口 holds 出口: a total, checked first.)
    if l.contains("total") || l.contains("进出口") || l.contains("進出口") || l.contains('总') || l.contains('總') {
        Some(("", "total_trade_value"))
    } else if l.contains("export") || l.contains("出口") {
        Some(("export", "export_value"))
    } else if l.contains("import") || l.contains("进口") || l.contains("進口") {
        Some(("import", "import_value"))
    } else if l.contains("trade") || l.contains("贸易") || l.contains("貿易") {
        Some(("", "total_trade_value"))
    } else {
        None
    }
}

/// A column of year-on-year change ("同比", "YoY", "% change", "增长"), whose cells are percents.
fn is_change(header: &str) -> bool {
    let l = header.to_lowercase();
    ["同比", "增长", "增長", "增速", "yoy", "y/y", "change", "growth"].iter().any(|w| l.contains(w)) || l.trim() == "%"
}

/// A percent cell ("21.9%", "-5.1 %", "−3.0%"): the signed number.
fn percent(cell: &str) -> Option<String> {
    let n = cell.trim().strip_suffix('%')?.trim().replace('−', "-");
    let digits = n.strip_prefix('-').or(n.strip_prefix('+')).unwrap_or(&n);
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') && digits.chars().filter(|c| *c == '.').count() <= 1)
        .then(|| n.trim_start_matches('+').to_string())
}

/// Trade rows of the document's tables, and the raw spans of the table lines they came from
/// (the prose reading leaves those lines to the table).
pub fn rows(doc: &Annotated, r: &Cx, body: &[&Sentence]) -> (Vec<TradeRec>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut consumed = Vec::new();
    let mut i = 0;
    while i < body.len() {
        // A pipe table, else an aligned one whose header names a flow after its first column.
        let pipe = cells(body[i]);
        let aligned = if pipe.is_none() { aligned_cells(doc, body[i]).filter(|h| h.iter().skip(1).any(|c| flow_of(c).is_some())) } else { None };
        let Some(head) = pipe.clone().or(aligned) else {
            i += 1;
            continue;
        };
        let row_cells = |s: &Sentence| if pipe.is_some() { cells(s) } else { aligned_cells(doc, s).filter(|c| c.len() == head.len()) };
        let mut j = i + 1;
        while j < body.len() && row_cells(body[j]).is_some() {
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
            // (And a pair's, 中朝 → CHN, PRK.)
            for h in super::terms(&r.trade_terms, s).into_iter().filter(|h| matches!(h.item.role.as_str(), "partner" | "pair")) {
                for c in h.item.value.split('|') {
                    if !v.iter().any(|x| x == c) {
                        v.push(c.to_string());
                    }
                }
            }
            v
        };
        // (The header's first: "中国出口" under a title on 中朝贸易 reports China's side.)
        let mut pair = countries(body[i]);
        if pair.len() < 2 {
            for c in body[i.saturating_sub(2)..i].iter().flat_map(|s| countries(s)) {
                if !pair.contains(&c) {
                    pair.push(c);
                }
            }
        }
        let flows: Vec<Option<(&str, &str)>> = head.iter().map(|h| flow_of(h)).collect();
        // A table of flows (a row per flow, "| 中国出口 | 221,560 | 19.8% |") for the one period
        // its title names ("2025年中朝贸易主要数据"): the amount column carries the unit or is
        // the first that is not a change; a change column gives the year-on-year rates.
        let title_date = body[i.saturating_sub(2)..i].iter().flat_map(|s| s.dates.iter()).last().map(|d| (Some(d.date), d.end_date));
        let by_flow = flows.iter().skip(1).all(Option::is_none) && body[i + 1..j].iter().filter_map(|s| row_cells(s)).any(|c| c.first().is_some_and(|k| flow_of(k).is_some()));
        if let (true, Some((ps, pe)), Some(exp), true) = (by_flow, title_date, exp, pair.len() >= 2) {
            let amount_col = (1..head.len()).find(|&k| unit_in(&head[k]).is_some()).or_else(|| (1..head.len()).find(|&k| !is_change(&head[k])));
            let change_col = (1..head.len()).find(|&k| is_change(&head[k]));
            for s in &body[i + 1..j] {
                let Some(row) = row_cells(s) else { continue };
                let Some((flow, indicator)) = row.first().and_then(|k| flow_of(k)) else { continue };
                let line: String = s.orig.iter().collect();
                let mut emitted = false;
                for (col, change) in [(amount_col, false), (change_col, true)] {
                    let Some(cell) = col.and_then(|k| row.get(k)) else { continue };
                    let (indicator, value, unit, qualifier) = if change {
                        let Some(v) = percent(cell) else { continue };
                        ("growth_rate", v, "percent", "yoy")
                    } else {
                        let number = cell.replace(',', "");
                        if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
                            continue;
                        }
                        let Some(v) = crate::normalize::amount::scale_decimal(&number, exp) else { continue };
                        (indicator, v, "USD", "")
                    };
                    let at = line.find(cell.as_str()).map(|b| line[..b].chars().count()).unwrap_or(0);
                    out.push(TradeRec {
                        period_start: ps,
                        period_end: pe,
                        indicator: indicator.to_string(),
                        flow: flow.to_string(),
                        commodity: String::new(),
                        value,
                        unit: unit.into(),
                        reporter: pair[0].clone(),
                        partner: pair[1].clone(),
                        qualifier: qualifier.into(),
                        source_org: String::new(),
                        original: cell.clone(),
                        evidence: evidence(doc, s, at, at + cell.chars().count(), "trade:table"),
                    });
                    emitted = true;
                }
                if emitted {
                    consumed.push(doc.cleaned.text.raw_span(s.start, s.start + s.len()));
                }
            }
            i = j;
            continue;
        }
        // The year of rows that give a month only: the latest year the title lines name, else
        // the publication's.
        let title_year = body[i.saturating_sub(2)..i].iter().flat_map(|s| s.dates.iter()).map(|d| d.end_date.unwrap_or(d.date).y).max();
        let year = title_year.or(doc.doc_date.map(|d| chrono::Datelike::year(&d)));
        if let Some(exp) = exp.filter(|_| flows.iter().skip(1).any(Option::is_some) && pair.len() >= 2) {
            for s in &body[i + 1..j] {
                let Some(row) = row_cells(s) else { continue };
                let key = row.first().map(String::as_str).unwrap_or("");
                let (ps, pe) = if let Some(c) = RE_YEAR.captures(key) {
                    let y: i32 = c[1].parse().unwrap_or(0);
                    (PDate::new(y, None, None), None)
                } else if let Some(c) = RE_MONTH.captures(key) {
                    (PDate::new(c[1].parse().unwrap_or(0), c[2].parse().ok(), None), None)
                } else if let Some((m, y)) = RE_MONTH_NAME_YEAR.captures(key).and_then(|c| Some((month_name(&c[1])?, c[2].parse::<i32>().ok()?))) {
                    (PDate::new(y, Some(m), None), None)
                } else if let (Some(m), Some(y)) = (RE_MONTH_ONLY.captures(key).and_then(|c| c[1].parse::<u32>().ok()).or_else(|| month_name(key)), year) {
                    (PDate::new(y, Some(m), None), None)
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
                    consumed.push(doc.cleaned.text.raw_span(s.start, s.start + s.len()));
                }
            }
        }
        i = j;
    }
    (out, consumed)
}
