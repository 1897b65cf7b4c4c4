//! Trade figures: amounts (USD, CNY, tonnes, percent) in sentences about trade, aid or supply,
//! with indicator, flow, commodity, period, reporter/partner and source read from
//! `reference/trade_terms.csv`.

use super::{Cx, evidence, terms, Evidence};
use crate::normalize::date::PDate;
use crate::normalize::{Annotated, Sentence};
use crate::reference::{Hit, Reference, Term};
use regex::Regex;
use std::sync::LazyLock;

/// One trade figure.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct TradeRec {
    pub period_start: Option<PDate>,
    pub period_end: Option<PDate>,
    pub indicator: String,
    pub flow: String,
    pub commodity: String,
    pub value: String,
    pub unit: String,
    pub reporter: String,
    pub partner: String,
    pub qualifier: String,
    pub source_org: String,
    pub original: String,
    pub evidence: Evidence,
}

/// "it" as a clause's subject before a change verb ("it has bounced back", "It rose"): the
/// trade of a figure just before. Group 1: "it".
static RE_IT_SUBJECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[,;] |\d{4} )([Ii]t)\s+(?:has\s+|had\s+|then\s+|also\s+)*(?:rose|rises|risen|grew|grows|grown|jumped|jumps|climbed|climbs|bounced|rebounded|recovered|fell|falls|fallen|dropped|drops|declined|declines|plunged|plunges|shrank|shrinks|increased|increases|decreased|decreases|reached|reaches|totalled|totaled|stood|amounted)\b").expect("valid")
});
static IT_TRADE: LazyLock<Term> = LazyLock::new(|| Term { term: "it".into(), role: "trade".into(), value: String::new() });

/// "The first N months" of a year: 2018年前5个月, 今年前10个月, "in the first nine months of this
/// year", "the first half of 2019", 今年上半年, 2023年前三季度. Groups: year (digits or a relative
/// year), N (1, 2; 4, 3; 5, 6).
static RE_FIRST_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(\d{4}\s*年|今年|去年|前年|同年|当年)\s*(?:头|前|首)\s*([0-9]+|[一二两三四五六七八九十]+)\s*个?月|first\s+([0-9]+|two|three|four|five|six|seven|eight|nine|ten|eleven|half|quarter)\s*(?:months\s+)?of\s+(\d{4}|this\s+year|last\s+year|the\s+year)|(\d{4}\s*年|今年|去年|前年|同年|当年)\s*(上半年|前三季度|第一季度|一季度)")
        .expect("valid")
});
/// The same periods written without a year ("in the first half", 上半年, 前三季度, 前5个月):
/// the one word or number that says how long.
static RE_FIRST_BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bfirst\s+(half|quarter)\b|\bfirst\s+(two|three|four|five|six|seven|eight|nine|ten|eleven|[0-9]{1,2})\s+months\b|(?:^|[^年度])(上半年|前三季度|第一季度|一季度)|(?:^|[^年])前\s*([0-9]{1,2}|[一二两三四五六七八九十]+)\s*个月")
        .expect("valid")
});

const EN_NUMBERS: &[&str] = &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven"];

/// How many months a "first N months" period word says (lower case): half / 上半年 → 6, quarter /
/// 一季度 → 3, 前三季度 → 9, else the number in digits, Chinese numerals or English words.
/// Words after an amount that make it a rate or a unit price ("less than $2 a day", "$90 per
/// ton"), not a trade figure.
const RATE_AFTER: &[&str] = &["a day", "per day", "an hour", "per hour", "per capita", "per person", "per head", "a head", "per ton", "a ton", "per tonne", "a tonne", "per barrel", "a barrel", "per kilogram", "a kilogram", "per kilo", "a kilo"];

fn months_in(word: &str) -> Option<u32> {
    match word {
        "half" | "上半年" => Some(6),
        "quarter" | "一季度" | "第一季度" => Some(3),
        "前三季度" => Some(9),
        w => w
            .parse::<u32>()
            .ok()
            .or_else(|| crate::normalize::amount::chinese_numeral(w).map(|v| v as u32))
            .or_else(|| EN_NUMBERS.iter().position(|x| *x == w).map(|i| i as u32 + 1)),
    }
}

/// Whether a clause is an aside set off by commas between a figure's subject and its verb:
/// `Some(true)` for one that leaves something out ("excluding aid", 不含援助), `Some(false)` for
/// one that names a source or adds to the figure ("according to the customs office", 据海关统计,
/// "including re-exports"), `None` for an ordinary clause.
fn aside(clause: &str) -> Option<bool> {
    const LEAVES_OUT: [&str; 8] = ["excluding", "not including", "except", "apart from", "not counting", "不含", "不包括", "除"];
    const KEEPS: [&str; 8] = ["according to", "citing", "based on", "including", "据", "據", "根据", "根據"];
    let c = clause.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、')).to_lowercase();
    if LEAVES_OUT.iter().any(|w| c.starts_with(w)) {
        Some(true)
    } else if KEEPS.iter().any(|w| c.starts_with(w)) {
        Some(false)
    } else {
        None
    }
}

fn seg_bounds(s: &Sentence, p: usize) -> (usize, usize) {
    // Clauses for trade: split on ，；。 but not on 、.
    super::clause_at(s, p)
}

/// Reads the trade figures of one document.
pub fn extract(doc: &Annotated, r: &Reference) -> Vec<TradeRec> {
    let r = &Cx::new(r, doc);
    let mut out = Vec::new();
    // The country pair of the paragraph so far: a figure in a sentence that names no country
    // ("Trade volume amounted to …") belongs to the pair the paragraph is about.
    let text = &doc.cleaned.text.chars;
    let (mut para_pair, mut prev_end): (Vec<String>, usize) = (Vec::new(), 0);
    let topic: Option<String> = super::most_named_country(doc, r).map(|e| r.ent(e.entity).country.clone());
    // The reporter of the document's last figure, for "imports from X" with no reporter named.
    let mut last_reporter = String::new();
    // The period of the previous sentence's last dated figure, for a breakdown that follows it
    // ("… totalled $520 million in the first quarter. Of this, exports …", 其中对朝出口…).
    let mut mark = 0;
    // The sentence (in `read`) of the last trade figure.
    let mut last_trade: Option<usize> = None;
    let read: Vec<&Sentence> = doc.sentences.iter().filter(|s| !s.apparatus && !s.caption).collect();
    for (si, &s) in read.iter().enumerate() {
        // ("N. Korea-Russia trade jumps 40 pct in 2024" over the body's 40.2 percent.)
        if super::headline(doc, &read, si) {
            continue;
        }
        if out.len() > mark {
            last_trade = Some(si - 1);
        }
        let carry: Option<(Option<PDate>, Option<PDate>)> = out[mark..].iter().rev().find(|t: &&TradeRec| t.period_start.is_some()).map(|t| (t.period_start, t.period_end));
        mark = out.len();
        if text[prev_end.min(s.start)..s.start].contains(&'\n') {
            para_pair.clear();
        }
        prev_end = s.end;
        let named: Vec<String> =
            s.entities.iter().filter(|e| r.ent(e.entity).kind == "country" && !currency_demonym(s, e)).map(|e| r.ent(e.entity).country.clone()).collect();
        let mut distinct = named.clone();
        distinct.dedup();
        if distinct.len() >= 2 && distinct[0] != distinct[1] {
            para_pair = distinct[..2].to_vec();
        }
        if s.amounts.is_empty() {
            continue;
        }
        let mut th = terms(&r.trade_terms, s);
        // The heading of a field list ("Exports" above "$222 million (2018)") counts as written
        // at the start of each of its entries.
        let heading_hits: Vec<_> = s
            .heading
            .as_deref()
            .map(|h| r.trade_terms.find_str(h).into_iter().map(|mut x| {
                x.start = 0;
                x.end = 0;
                x
            }).collect())
            .unwrap_or_default();
        th.extend(heading_hits.iter().cloned());
        // "Reported bilateral commerce plunged to $2.4bn in 2018. … But in 2025 it has bounced
        // back, increasing by 28% to $1.6bn": "it" opening a clause shortly after a trade
        // figure, in the same paragraph, is that trade.
        if s.lang == "en" && !th.iter().any(|h| h.item.role == "trade") && last_trade.is_some_and(|l| si - l <= 2 && !para_pair.is_empty()) {
            if let Some(m) = RE_IT_SUBJECT.captures(&s.shadow).and_then(|c| c.get(1)) {
                let at = s.shadow[..m.start()].chars().count();
                if s.amounts.iter().all(|x| x.start > at) {
                    th.push(Hit { start: at, end: at + 2, item: &IT_TRADE });
                }
            }
        }
        th.sort_by_key(|h| (h.start, h.end));
        if !th.iter().any(|h| matches!(h.item.role.as_str(), "trade" | "flow" | "aid" | "share" | "dependency" | "commodity" | "balance")) {
            continue;
        }
        // The figures' source (terms are the sentence's, so once per sentence). 海关 alone is
        // China's customs; 越南海关, "South Korean customs" are that country's.
        let source_org = th
            .iter()
            .find(|h| h.item.role == "source")
            .map(|h| {
                let owner = s.entities.iter().find(|e| e.end <= h.start && h.start - e.end <= 1 && r.ent(e.entity).kind == "country").map(|e| r.ent(e.entity));
                match owner {
                    Some(c) if c.country != "CHN" && matches!(h.item.value.as_str(), "China Customs" | "customs") => format!("{} customs", c.name_en),
                    _ => h.item.value.clone(),
                }
            })
            .or_else(|| {
                // A source the text defined as a body of its own ("… Promotion Agency
                // (KOTRA)"): its names may hold a source term.
                // (丹东海关 found as a body of its own: the body is the source.)
                s.entities.iter().filter(|e| r.ent(e.entity).kind == "org").find_map(|e| {
                    let x = r.ent(e.entity);
                    let names = [x.name_en.as_str(), x.name_zh_hans.as_str()].into_iter().chain(x.aliases.split('|'));
                    names.map(str::trim).filter(|n| !n.is_empty()).find_map(|n| {
                        let whole = n.chars().count();
                        let hits = r.trade_terms.find_str(n);
                        let hit = hits.iter().find(|h| h.item.role == "source" && h.end == whole)?;
                        // (A gazetteer body, 中国海关, by the term's own name; a body the
                        // text defined, 丹东海关, by its name.)
                        Some(if hit.start == 0 || e.entity < r.r.entities.len() { hit.item.value.clone() } else { x.name_en.clone() })
                    })
                })
            })
            .unwrap_or_default();
        // The terms of the previous figure, for a list of figures ("X in 1983, Y in 1985, Z in
        // 1988"): a figure whose own clauses name nothing continues the list when it follows
        // the previous figure closely.
        let mut prev: Option<(usize, Vec<&Hit<Term>>)> = None;
        let mut prev_level = false;
        for a in &s.amounts {
            // "$2 a day", "$90 per ton": a rate or a price, not a trade figure.
            // (Of money only: "339,400 barrels a day" is a flow of trade.)
            let next = s.sh(a.end, (a.end + 16).min(s.len())).to_lowercase();
            let next = next.trim_start();
            let money = a.unit.len() == 3 && a.unit.chars().all(|c| c.is_ascii_uppercase());
            if s.lang == "en" && money && RATE_AFTER.iter().any(|w| next.starts_with(w) && !next[w.len()..].starts_with(|c: char| c.is_alphabetic())) {
                continue;
            }
            let (ca, cb) = seg_bounds(s, a.start);
            // Terms in this clause, or in the clause before it; past an aside between them
            // ("total trade, according to the customs office, rose …", 贸易额，据海关统计，达…),
            // the clause before the aside. Terms an aside leaves out ("excluding aid") do not
            // describe the figure.
            let (mut pa, _) = if ca > 0 { seg_bounds(s, ca - 1) } else { (ca, cb) };
            let mut left_out: Option<(usize, usize)> = None;
            if pa < ca && pa > 0 {
                if let Some(excluding) = aside(&s.sh(pa, ca)) {
                    if excluding {
                        left_out = Some((pa, ca));
                    }
                    pa = seg_bounds(s, pa - 1).0;
                }
            }
            let mut near: Vec<_> = th
                .iter()
                .filter(|h| (h.start >= pa && h.end <= cb) || (h.start == 0 && h.end == 0))
                .filter(|h| left_out.is_none_or(|(x, y)| h.start < x || h.end > y))
                .collect();
            if near.is_empty() {
                if let Some((end, terms)) = &prev {
                    let gap = s.sh(*end, a.start);
                    if gap.chars().count() <= 30 && !gap.contains(['。', '；', ';']) {
                        near = terms.clone();
                    }
                }
            }
            // "…amounted to $400m in the first half, a reduction of 67% compared with the same
            // period last year": a rate whose clauses name only its change describes the figure
            // just before it in the sentence.
            let only_change = !near.is_empty() && near.iter().all(|h| matches!(h.item.role.as_str(), "growth" | "yoy"));
            // (A level, not another rate: …增长15%，往后每年增长不低于10% is a second rate.)
            if only_change && a.unit == "percent" && prev_level {
                if let Some((end, terms)) = &prev {
                    if s.sh(*end, a.start).chars().count() <= 60 && !s.sh(*end, a.start).contains(['。', '；', ';']) {
                        near.extend(terms.iter().filter(|h| !matches!(h.item.role.as_str(), "growth" | "yoy")));
                    }
                }
            }
            if !near.is_empty() {
                prev = Some((a.end, near.clone()));
                prev_level = !matches!(a.unit.as_str(), "percent" | "times" | "rank");
            }
            let has = |role: &str| near.iter().any(|h| h.item.role == role);
            let val = |role: &str| {
                near.iter()
                    .rev()
                    .find(|h| h.item.role == role && h.end <= a.start)
                    .or(near.iter().find(|h| h.item.role == role))
                    .map(|h| h.item.value.clone())
                    .unwrap_or_default()
            };
            let topical = has("trade") || has("flow") || has("aid") || has("dependency") || has("share") || has("commodity") || has("balance");
            if !topical {
                continue;
            }
            // A figure of what a country emits, produces, holds or uses is not trade
            // ("52.9 million tonnes of CO2", 煤炭产量, "reserves of 3 billion tonnes").
            if th.iter().any(|h| h.item.role == "not_trade" && ((h.start >= ca && h.end <= cb) || (h.start == 0 && h.end == 0))) {
                continue;
            }
            let commodity = val("commodity");
            let flow = if has("aid") { "aid".to_string() } else { val("flow") };
            let measure = match a.unit.as_str() {
                "t" | "barrels" | "pieces" | "units" => "volume",
                "shipments" => "shipments",
                _ => "value",
            };
            let in_clause = |role: &str| th.iter().any(|h| h.item.role == role && ((h.start >= ca && h.end <= cb) || (h.start == 0 && h.end == 0)));
            let indicator = if a.unit == "rank" {
                "trade_partner_rank".to_string()
            } else if a.unit == "times" {
                "growth_multiple".to_string()
            } else if a.unit == "percent" {
                if in_clause("growth") {
                    "growth_rate".to_string()
                } else if has("dependency") {
                    "trade_dependency_ratio".to_string()
                } else if has("share") {
                    format!("{}_share", val("share"))
                } else if in_clause("yoy") {
                    // "up 31% from a year earlier": a change against the year before.
                    "growth_rate".to_string()
                } else {
                    "other".to_string()
                }
            } else if has("balance") && measure == "value" {
                // 美国对日本的贸易逆差, "the trade deficit with China": the balance, not the trade.
                format!("trade_{}", val("balance"))
            } else if has("aid") {
                "aid_value".to_string()
            } else if has("cap") {
                format!("{}_{}_cap_{}", or(&commodity, "goods"), or(&flow, "trade"), measure)
            } else if !commodity.is_empty() {
                format!("{}_{}_{}", commodity, or(&flow, "trade"), measure)
            } else if !flow.is_empty() && !has("trade") {
                format!("{flow}_{measure}")
            } else if has("trade") {
                format!("total_trade_{measure}")
            } else {
                "other".to_string()
            };
            let mut qualifier = a.qualifier.clone();
            for role in ["cap", "yoy"] {
                if in_clause(role) || (role == "cap" && has("cap")) {
                    qualifier = [qualifier.as_str(), role].iter().filter(|x| !x.is_empty()).cloned().collect::<Vec<_>>().join(";");
                }
            }
            // Period: the nearest year before the amount in its clause (not a 比/than base year).
            let mut ps = None;
            let mut pe = None;
            if let Some(c) = RE_FIRST_MONTHS.captures(&s.shadow) {
                let (yg, ng) = match (c.get(1), c.get(2), c.get(5), c.get(6)) {
                    (Some(y), Some(n), _, _) | (_, _, Some(y), Some(n)) => (y, n),
                    _ => (c.get(4).expect("group"), c.get(3).expect("group")),
                };
                let n = months_in(&ng.as_str().to_lowercase());
                // A year in digits, else the year the sentence's date reading gave the relative
                // one (今年, "this year").
                let at = s.shadow[..yg.start()].chars().count();
                let digits: String = yg.as_str().chars().filter(|x| x.is_ascii_digit()).collect();
                // "the first half of the year": the publication's year.
                let pub_year = doc.cleaned.doc.meta.published_date.as_deref().and_then(|d| d.get(..4)).and_then(|y| y.parse::<i32>().ok());
                let y = digits
                    .parse::<i32>()
                    .ok()
                    .or_else(|| s.dates.iter().find(|d| d.start <= at + 6 && d.end > at).map(|d| d.date.y))
                    .or_else(|| yg.as_str().eq_ignore_ascii_case("the year").then_some(pub_year).flatten());
                if let (Some(y), Some(n)) = (y, n) {
                    ps = PDate::new(y, Some(1), None);
                    pe = PDate::new(y, Some(n.min(12)), None);
                }
            }
            // "in the first half", 上半年, 前三季度 with no year: the latest such period that had
            // ended by the publication date (this year's, else last year's).
            if ps.is_none() {
                let published = doc.cleaned.doc.meta.published_date.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
                // (The amount's own clause first: "… in the first half, while imports … in the
                // first quarter".)
                let clause = s.sh(ca, cb);
                if let (Some(c), Some(d)) = (RE_FIRST_BARE.captures(&clause).or_else(|| RE_FIRST_BARE.captures(&s.shadow)), published) {
                    let word = c.iter().skip(1).flatten().next().map(|m| m.as_str().to_lowercase()).unwrap_or_default();
                    let n = months_in(&word);
                    if let Some(n) = n.filter(|n| (1..=12).contains(n)) {
                        let y = chrono::Datelike::year(&d);
                        let y = if chrono::Datelike::month(&d) > n { y } else { y - 1 };
                        ps = PDate::new(y, Some(1), None);
                        pe = PDate::new(y, Some(n), None);
                    }
                }
            }
            // A wire dateline ("HONG KONG, Nov. 20 -- North Korea's imports …") names neither a
            // trading country nor the figure's period.
            let dateline = super::past_dateline(s, 0);
            if ps.is_none() {
                // A base period (比2019年, 较去年, 去年同期) is not the figure's period.
                let base = |d: &&crate::normalize::date::DateMention| {
                    let before = s.sh(d.start.saturating_sub(2), d.start);
                    before.contains('比') || before.contains('较') || s.sh(d.end, (d.end + 2).min(s.len())) == "同期" || d.start < dateline
                        // (从7月份的1680万美元上升到2250万美元: the date after 从 is the first
                        // figure's, not the one the change reached.)
                        || before.ends_with(['从', '由']) && d.end <= a.start && s.sh(d.end, a.start).contains(['到', '至'])
                };
                // Else a date right after the amount in its clause ("$213 million last year",
                // "CHF 77 million in 1986"), else one earlier in the sentence.
                // (…比较2019年8月的出口，当时达2亿美元: 当时, "then", is the time just named,
                // even a base period.)
                let lead = s.sh(ca, a.start);
                let then = lead.rfind("当时").is_some_and(|i| lead[i..].chars().count() <= 5).then(|| s.dates.iter().rev().find(|d| d.end <= ca)).flatten();
                let d = then
                    .or_else(|| s.dates.iter().rev().find(|d| d.end <= a.start && d.start >= ca && !base(d)))
                    .or_else(|| s.dates.iter().find(|d| d.start >= a.end && d.start < cb))
                    .or_else(|| s.dates.iter().rev().find(|d| d.end <= a.start && !base(d)));
                if let Some(d) = d {
                    ps = Some(d.date);
                    pe = d.end_date;
                }
            }
            // A breakdown of the previous sentence's figure shares its period.
            if ps.is_none() {
                let lead = s.shadow.trim_start().to_lowercase();
                if ["其中", "这其中", "of this", "of that", "of which", "of the total", "of these"].iter().any(|w| lead.starts_with(w)) {
                    if let Some((a0, b0)) = carry {
                        ps = a0;
                        pe = b0;
                    }
                }
            }
            // Reporter/partner: country pairs (中朝) or the first two countries named.
            let mut countries: Vec<String> = Vec::new();
            for h in th.iter().filter(|h| h.item.role == "pair") {
                for c in h.item.value.split('|') {
                    if !countries.contains(&c.to_string()) {
                        countries.push(c.to_string());
                    }
                }
            }
            if countries.len() < 2 {
                countries.clear();
                // Not a currency's demonym ("11.99 million Swiss francs" names no country).
                let in_amount =
                    |e: &&crate::normalize::EntityHit| currency_demonym(s, e) || s.amounts.iter().any(|x| e.start < x.end && e.end > x.start);
                // Nor the country of the source (据南韩统计，北韩…对中国出口…).
                let sh: Vec<char> = s.shadow.chars().collect();
                let source = sh.iter().position(|&c| c == '据').and_then(|i| {
                    let j = (i..a.start.min(sh.len())).find(|&k| matches!(sh[k], '，' | ','))?;
                    Some((i, j))
                });
                let from_source = |e: &&crate::normalize::EntityHit| source.is_some_and(|(i, j)| e.start >= i && e.start < j);
                let named: Vec<&crate::normalize::EntityHit> =
                    s.entities.iter().filter(|e| r.ent(e.entity).kind == "country").filter(|e| !in_amount(e) && e.start >= dateline && !from_source(e)).collect();
                // (A clause naming two countries of its own speaks of them: …；同期中国对北韩出口…)
                let own: Vec<&crate::normalize::EntityHit> = named.iter().copied().filter(|e| e.start >= ca && e.end <= cb).collect();
                let mut distinct: Vec<&str> = own.iter().map(|e| r.ent(e.entity).country.as_str()).collect();
                distinct.dedup();
                let use_own = distinct.len() >= 2 && ca > 0 && s.sh(ca - 1, ca).contains(['；', ';']);
                for e in if use_own { own } else { named } {
                    let c = r.ent(e.entity).country.clone();
                    if !countries.contains(&c) {
                        countries.push(c);
                    }
                }
            }
            if countries.is_empty() {
                countries = para_pair.clone();
            }
            // "Bilateral commerce plunged … after China began …" (双边贸易): one country named,
            // the other side is the paragraph's pair.
            if countries.len() == 1 && para_pair.len() == 2 && para_pair.contains(&countries[0]) && near.iter().any(|h| h.item.term.to_lowercase().contains("bilateral") || h.item.term.contains("双边")) {
                let other = para_pair.iter().find(|c| **c != countries[0]).cloned();
                countries.extend(other);
            }
            // A partner written as a short form (对朝出口 → PRK): the first other country reports.
            if let Some(p) = th.iter().find(|h| h.item.role == "partner") {
                let p = p.item.value.clone();
                countries.retain(|x| *x != p);
                countries.truncate(1);
                countries.push(p);
            }
            // "imports from North Korea", "exports to North Korea": the country after from/to is
            // the partner; the reporter is the other country named, else the one the document
            // last reported for.
            if s.lang == "en" && a.unit != "rank" {
                let after_word = |e: &&crate::normalize::EntityHit, w: &str| {
                    let lead = s.sh(e.start.saturating_sub(9), e.start);
                    let lead = lead.trim_start_matches(|c: char| c != ' ');
                    lead.ends_with(&format!(" {w} ")) || lead.ends_with(&format!(" {w} the "))
                };
                let named: Vec<&crate::normalize::EntityHit> = s.entities.iter().filter(|e| e.start >= ca && e.end <= a.start && r.ent(e.entity).kind == "country").collect();
                let partner = named.iter().copied().find(|e| after_word(e, "from") || after_word(e, "to"));
                // "exports from North Korea to China": goods go from the first to the second, so
                // the exporter reports (the importer, for imports).
                let from_to = named.iter().find(|e| after_word(e, "from")).zip(named.iter().find(|e| after_word(e, "to"))).filter(|(f, t)| f.end <= t.start);
                if let Some((f, t)) = from_to {
                    let (f, t) = (r.ent(f.entity).country.clone(), r.ent(t.entity).country.clone());
                    countries = if flow == "import" { vec![t, f] } else { vec![f, t] };
                } else if let Some(p) = partner.map(|e| r.ent(e.entity).country.clone()) {
                    countries.retain(|x| *x != p);
                    countries.truncate(1);
                    if countries.is_empty() {
                        countries.push(last_reporter.clone());
                    }
                    countries.push(p);
                }
            }
            // A rank ("Singapore is the DPRK's 4th largest trade partner"): the subject is the
            // partner, the possessor the reporter.
            if a.unit == "rank" {
                let in_clause: Vec<String> = s
                    .entities
                    .iter()
                    .filter(|e| e.start >= ca && e.end <= a.start && matches!(r.ent(e.entity).kind.as_str(), "country" | "place"))
                    .map(|e| r.ent(e.entity).country.clone())
                    .collect();
                if let Some(first) = in_clause.first().cloned() {
                    let owner = s
                        .entities
                        .iter()
                        .filter(|e| e.start >= ca && e.end <= a.start && matches!(r.ent(e.entity).kind.as_str(), "country" | "place"))
                        .find(|e| s.sh(e.end, e.end + 2) == "'s" || s.sh(e.end, e.end + 2) == "’s")
                        .map(|e| r.ent(e.entity).country.clone());
                    countries = vec![owner.filter(|o| *o != first).unwrap_or_default(), first];
                }
            }
            // In a list of partners ("China 74%, Poland 3%"), the country written right before
            // the figure is its partner.
            // The other countries of such a list are the partners of their own figures, not the
            // reporter: that is a country named outside the list, else the one the document is
            // about (a country profile's "Exports - partners: China 74%, Poland 3%").
            let country = |e: &crate::normalize::EntityHit| r.ent(e.entity).country.clone();
            // (A city-state may be read as its city: "Singapore 3%".)
            let land = |e: &crate::normalize::EntityHit| matches!(r.ent(e.entity).kind.as_str(), "country" | "place") && !r.ent(e.entity).country.is_empty();
            if let Some(e) = s.entities.iter().rfind(|e| e.end <= a.start && a.start - e.end <= 2 && land(e)) {
                let c = country(e);
                let listed: Vec<String> = s
                    .entities
                    .iter()
                    .filter(|e| land(e) && s.amounts.iter().any(|x| x.start >= e.end && x.start - e.end <= 2))
                    .map(country)
                    .collect();
                if listed.len() >= 2 {
                    let reporter = countries.iter().find(|x| !listed.contains(x)).cloned().or_else(|| topic.clone().filter(|t| *t != c)).unwrap_or_default();
                    countries = vec![reporter, c];
                } else {
                    countries.retain(|x| *x != c);
                    countries.insert(countries.len().min(1), c);
                }
            }
            let reporter = countries.first().cloned().unwrap_or_default();
            if !reporter.is_empty() {
                last_reporter = reporter.clone();
            }
            // A fall is a negative growth rate (同比下降10%, "fell 10 percent": -10): the growth
            // word nearest before the figure in its clause (else the first after it) decides.
            let mut value = a.value.clone();
            if indicator == "growth_rate" {
                let growth: Vec<_> = th.iter().filter(|h| h.item.role == "growth" && h.start >= ca && h.end <= cb).collect();
                let word = growth.iter().rev().find(|h| h.end <= a.start).or_else(|| growth.first());
                if word.is_some_and(|h| h.item.value == "down") && !value.starts_with('-') && value != "0" {
                    value = format!("-{value}");
                }
                // "是前年同期的一半": a level that is a fraction of the base's is a change of that
                // fraction less the whole (half of it: -50), when no growth word says otherwise.
                let of_base = word.is_none() && a.start > 0 && matches!(s.orig[a.start - 1], '的') && s.sh(a.start, a.end).contains(['半', '分']);
                // (To the tenth, as fractions are written: a third is 33.3, so -66.7.)
                if let Some(v) = value.parse::<f64>().ok().filter(|v| of_base && (0.0..100.0).contains(v)) {
                    let change = format!("{:.1}", v - 100.0);
                    value = change.strip_suffix(".0").map(str::to_string).unwrap_or(change);
                }
            }
            out.push(TradeRec {
                period_start: ps,
                period_end: pe,
                indicator,
                flow,
                commodity,
                value,
                unit: a.unit.clone(),
                reporter,
                partner: countries.get(1).cloned().unwrap_or_default(),
                qualifier,
                source_org: source_org.clone(),
                original: s.text(a.start, a.end),
                evidence: evidence(doc, s, ca, cb.max(a.end), "trade:amount"),
            });
        }
    }
    let body: Vec<&Sentence> = doc.sentences.iter().filter(|s| !s.apparatus).collect();
    let (table, lines) = super::trade_table::rows(doc, r, &body);
    // (A table line read as a table is not read again as prose: "19.8%" there has its period.)
    out.retain(|t| !lines.iter().any(|&(a, b)| t.evidence.start >= a && t.evidence.start < b));
    out.extend(table);
    out
}

/// "Swiss franc", "US dollars", "South Korean won": a country's adjective naming a currency.
fn currency_demonym(s: &Sentence, e: &crate::normalize::EntityHit) -> bool {
    let after = s.sh(e.end, (e.end + 9).min(s.len())).to_lowercase();
    let after = after.trim_start();
    ["franc", "dollar", "won", "yen", "yuan", "rouble", "ruble", "pound", "euro", "rupee", "peso"].iter().any(|c| after.starts_with(c))
}

fn or(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        a.to_string()
    }
}
