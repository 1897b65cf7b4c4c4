//! Extraction quality against a gold annotation: precision, recall and F1 per table, matching
//! one-to-one within each document.
//!
//! * visits: same visitor and host country, start dates agreeing at the coarser precision
//!   (an undated row agrees with any date, in a second pass after exact-precision matches); a
//!   gold visitor marked "(unnamed)" is any unnamed group of its country with the same head word;
//! * trade: value within 0.5 % and the same unit;
//! * sanctions: same authority family and identifier (the digit groups of `2016-11` and
//!   `2016 No.11` agree), else dates agreeing;
//! * statements: same speaker and the first 8 characters of one text occurring in the other,
//!   after removing whitespace, quotation marks and markup brackets.
//!
//! Names in the gold files are resolved through the gazetteer, so `Chinese government` and a
//! predicted `CHN` are the same speaker; a gold `A+B` speaker matches either part. Korean
//! names also match across romanizations (Lee Seong-hyon = Lee Seong-hyeon, Shin Wonshik =
//! Shin Won-sik).

use crate::normalize::date::{PDate, Precision};
use crate::reference::Reference;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::ExitCode;

type Rec = BTreeMap<String, String>;
/// A matching rule: gold row, predicted row, pass (0 strictest … 2 most lenient).
type RowMatch<'a> = Box<dyn Fn(&Rec, &Rec, u8) -> bool + 'a>;

fn read(path: &Path) -> anyhow::Result<Vec<Rec>> {
    let mut rdr = csv::Reader::from_path(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    let h: Vec<String> = rdr.headers()?.iter().map(String::from).collect();
    let mut out = Vec::new();
    for r in rdr.records() {
        let r = r?;
        out.push(h.iter().cloned().zip(r.iter().map(String::from)).collect());
    }
    Ok(out)
}

/// Scores of one table.
#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            0.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn g(r: &Rec, k: &str) -> String {
    r.get(k).cloned().unwrap_or_default()
}

fn pdate(date: &str, prec: &str) -> Option<PDate> {
    let d = PDate::parse(date)?;
    let p = match prec {
        "year" => Precision::Year,
        "month" => Precision::Month,
        "day" => Precision::Day,
        _ => d.p,
    };
    Some(d.coarsen(p))
}

/// Pass 0: the same date at the same precision; pass 1: agreeing at the coarser precision;
/// pass 2: an undated row agrees with any date.
fn dates_agree(a: Option<PDate>, b: Option<PDate>, pass: u8) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => {
            if pass == 0 {
                x == y
            } else {
                x.agrees(&y)
            }
        }
        (None, None) => true,
        _ => pass >= 2,
    }
}

/// Normalizes a statement text for matching.
pub fn norm_text(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』' | '[' | ']' | '\\'))
        .collect()
}

fn text_match(a: &str, b: &str) -> bool {
    let (a, b) = (norm_text(a), norm_text(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let pa: String = a.chars().take(8).collect();
    let pb: String = b.chars().take(8).collect();
    b.contains(&pa) || a.contains(&pb)
}

/// One-to-one matching of maximum size (Kuhn's augmenting paths); each gold row tries its
/// strictest candidates first (same date, then agreeing dates, then undated).
fn score(gold: &[Rec], pred: &[Rec], m: &dyn Fn(&Rec, &Rec, u8) -> bool) -> (Score, Vec<usize>, Vec<usize>) {
    let adj: Vec<Vec<usize>> = gold
        .iter()
        .map(|g| {
            let mut v = Vec::new();
            for pass in 0u8..3 {
                for (i, p) in pred.iter().enumerate() {
                    if !v.contains(&i) && m(g, p, pass) {
                        v.push(i);
                    }
                }
            }
            v
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; pred.len()];
    fn augment(g: usize, adj: &[Vec<usize>], owner: &mut [Option<usize>], seen: &mut [bool]) -> bool {
        for &p in &adj[g] {
            if seen[p] {
                continue;
            }
            seen[p] = true;
            if owner[p].is_none_or(|o| augment(o, adj, owner, seen)) {
                owner[p] = Some(g);
                return true;
            }
        }
        false
    }
    for g in 0..gold.len() {
        let mut seen = vec![false; pred.len()];
        augment(g, &adj, &mut owner, &mut seen);
    }
    let mut gmatched = vec![false; gold.len()];
    for g in owner.iter().flatten() {
        gmatched[*g] = true;
    }
    let tp = gmatched.iter().filter(|x| **x).count();
    let s = Score { tp, fp: pred.len() - tp, fn_: gold.len() - tp };
    let fg = (0..gold.len()).filter(|i| !gmatched[*i]).collect();
    let fpred = (0..pred.len()).filter(|i| owner[*i].is_none()).collect();
    (s, fg, fpred)
}

/// A name compared as a name ([`Reference::norm_name`]).
pub fn norm_name(r: &Reference, s: &str) -> String {
    r.norm_name(s)
}

/// Resolves a gold name to the keys it may match (a `+` joins several): the gazetteer's
/// entity id when the name (or the name without a parenthetical note) is in it, else the
/// normalized name itself, which matches an extracted entity of that name or alias.
fn ids(r: &Reference, name: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for part in name.split('+') {
        let part = part.trim();
        let stripped = part.split(" (").next().unwrap_or(part).trim();
        let id = [part, stripped]
            .into_iter()
            .find_map(|cand| r.resolve_name(cand).map(|i| r.entities[i].entity_id.clone()))
            .or_else(|| country_qualified(r, stripped));
        match id.and_then(|id| r.entities.iter().find(|e| e.entity_id == id)) {
            // A gazetteer entity also answers to each of its names, so an extracted entity
            // named by one of them (金正恩 when the gazetteer is not used) is the same one.
            Some(e) => {
                out.insert(e.entity_id.clone());
                for n in [&e.name_en, &e.name_zh_hans, &e.name_zh_hant].into_iter().map(|x| x.as_str()).chain(e.aliases.split('|')) {
                    if n.trim().chars().count() >= 2 && e.kind != "country" {
                        out.insert(format!("name:{}", norm_name(r, n)));
                        out.extend(korean_keys(r, n));
                    }
                }
            }
            None => {
                out.insert(format!("name:{}", norm_name(r, stripped)));
                out.extend(korean_keys(r, stripped));
                out.extend(role_key(r, part));
            }
        }
    }
    out
}

/// A gold visitor the text leaves unnamed ("DPRK IT delegation (unnamed)") is known only by its
/// country and what it is: any predicted unnamed group (`role`) of that country whose name ends
/// in the same head word ("North Korean delegation").
fn unnamed_group(gr: &Rec, pr: &Rec) -> bool {
    let gv = g(gr, "visitor");
    let Some(desc) = gv.strip_suffix("(unnamed)") else { return false };
    // The group's head noun: a group word where the description has one ("delegation to the
    // fisheries committee" is a delegation), else its last word.
    let words: Vec<String> = desc.split_whitespace().map(|w| w.to_lowercase()).collect();
    let head = words.iter().find(|w| ["delegation", "mission", "officials", "team"].contains(&w.as_str())).or(words.last()).cloned().unwrap_or_default();
    let country = g(gr, "visitor_country");
    !head.is_empty() && !country.is_empty() && g(pr, "visitor_kind") == "role" && g(pr, "visitor_country") == country && g(pr, "visitor_name").to_lowercase().ends_with(&head)
}

/// An unnamed office or group named with its country in front ("North Korean Foreign Ministry
/// spokesperson (unnamed)", "DPRK Foreign Ministry spokesperson"): a key of the country and the
/// rest, with the usual synonyms folded (Ministry of Foreign Affairs / Foreign Ministry,
/// spokesman / spokeswoman / spokesperson).
fn role_key(r: &Reference, name: &str) -> Option<String> {
    let name = name.trim().trim_end_matches("(unnamed)").trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    for k in (1..words.len().min(4)).rev() {
        let Some(c) = r.resolve_name(&words[..k].join(" ")).filter(|&i| r.entities[i].kind == "country") else { continue };
        let rest = words[k..].join(" ").to_lowercase().replace("ministry of foreign affairs", "foreign ministry").replace("spokesman", "spokesperson").replace("spokeswoman", "spokesperson");
        return Some(format!("role:{}:{rest}", r.entities[c].country));
    }
    None
}

/// Keys shared by the romanizations of one Korean name (Lee Seong-hyon, Lee Seong-hyeon).
fn korean_keys(r: &Reference, name: &str) -> impl Iterator<Item = String> {
    crate::normalize::names::korean::variant_keys(r, name.trim()).into_iter().map(|k| format!("ko:{k}"))
}

/// A body named with its country in front ("China Ministry of Commerce", "US Treasury") is the
/// gazetteer body of that name whose country is that country.
fn country_qualified(r: &Reference, name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    for k in 1..words.len().min(4) {
        let (head, rest) = (words[..k].join(" "), words[k..].join(" "));
        let Some(c) = r.resolve_name(&head).filter(|&i| r.entities[i].kind == "country") else { continue };
        let country = r.entities[c].country.clone();
        let hit = r.entities.iter().find(|e| {
            e.country == country
                && e.kind != "country"
                && [e.name_en.as_str()].into_iter().chain(e.aliases.split('|')).any(|a| a.trim().eq_ignore_ascii_case(&rest))
        });
        if let Some(e) = hit {
            return Some(e.entity_id.clone());
        }
    }
    None
}

/// The keys a predicted entity answers to: its id, and for an extracted entity its names.
fn pred_keys(r: &Reference, ents: &BTreeMap<String, Rec>, id: &str) -> BTreeSet<String> {
    let mut k = BTreeSet::from([id.to_string()]);
    if let Some(e) = ents.get(id).filter(|e| g(e, "origin") == "extracted") {
        for n in [g(e, "name_en"), g(e, "name_zh_hans"), g(e, "name_zh_hant")].into_iter().chain(g(e, "aliases").split('|').map(String::from)) {
            if !n.trim().is_empty() {
                k.insert(format!("name:{}", norm_name(r, &n)));
                k.extend(korean_keys(r, &n));
                k.extend(role_key(r, &n));
            }
        }
    }
    k
}

fn authority_family(r: &Reference, a: &str) -> String {
    if a.eq_ignore_ascii_case("UNSC") || a.contains("Security Council") {
        return "UNSC".into();
    }
    let first = a.split(['(', ' ', '+']).next().unwrap_or(a).trim();
    for cand in [a, first] {
        if let Some(i) = r.resolve_name(cand) {
            let e = &r.entities[i];
            // (A body of no one country publishes as its family: the EU and its Council are `EU`,
            // as the pipeline writes them.)
            let id = e.entity_id.trim_start_matches("O_");
            return if !e.country.is_empty() {
                e.country.clone()
            } else if id == "EU" || id.starts_with("EU") {
                "EU".into()
            } else if matches!(id, "UNSC" | "UN1718" | "UN") {
                "UNSC".into()
            } else {
                e.entity_id.clone()
            };
        }
    }
    a.to_string()
}

fn digit_groups(s: &str) -> Vec<u64> {
    s.split(|c: char| !c.is_ascii_digit()).filter(|x| !x.is_empty()).filter_map(|x| x.parse().ok()).collect()
}

/// Runs the evaluation and prints a table; returns scores per table.
pub fn evaluate(gold_dir: &Path, pred_dir: &Path, reference: &Reference, verbose: bool) -> anyhow::Result<BTreeMap<String, Score>> {
    let mentions = read(&pred_dir.join("mentions.csv"))?;
    let ents: BTreeMap<String, Rec> = read(&pred_dir.join("entities.csv"))?.into_iter().map(|e| (g(&e, "entity_id"), e)).collect();
    // Resolving a name walks the gazetteer: each gold name and predicted id is resolved once.
    let gold_ids: std::cell::RefCell<BTreeMap<String, BTreeSet<String>>> = Default::default();
    let pred_ids: std::cell::RefCell<BTreeMap<String, BTreeSet<String>>> = Default::default();
    let same = |gold: &str, pred_id: &str| {
        let mut g = gold_ids.borrow_mut();
        let a = g.entry(gold.to_string()).or_insert_with(|| ids(reference, gold));
        let mut p = pred_ids.borrow_mut();
        let b = p.entry(pred_id.to_string()).or_insert_with(|| pred_keys(reference, &ents, pred_id));
        !a.is_disjoint(b)
    };
    let mut docs_of: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for m in &mentions {
        docs_of.entry((g(m, "table"), g(m, "record_id"))).or_default().insert(g(m, "doc_id"));
    }
    let mut out = BTreeMap::new();
    let specs: [(&str, &str, &str); 4] = [
        ("visits", "visit_id", "doc"),
        ("trade", "trade_id", "doc"),
        ("sanctions", "sanction_id", "doc"),
        ("statements", "statement_id", "doc"),
    ];
    for (table, idcol, _) in specs {
        let gold = read(&gold_dir.join(format!("{table}.csv")))?;
        let pred = read(&pred_dir.join(format!("{table}.csv")))?;
        let mut docs: BTreeSet<String> = gold.iter().map(|r| g(r, "doc")).collect();
        for p in &pred {
            if let Some(ds) = docs_of.get(&(table.to_string(), g(p, idcol))) {
                docs.extend(ds.iter().cloned());
            }
        }
        let matcher: RowMatch = match table {
            "visits" => Box::new(|gr: &Rec, pr: &Rec, len: u8| {
                (same(&g(gr, "visitor"), &g(pr, "visitor_id")) || unnamed_group(gr, pr))
                    && g(gr, "host_country") == g(pr, "host_country")
                    && dates_agree(
                        pdate(&g(gr, "start_date"), &g(gr, "date_precision")),
                        pdate(&g(pr, "start_date"), &g(pr, "date_precision")),
                        len,
                    )
            }),
            "trade" => Box::new(|gr: &Rec, pr: &Rec, _| {
                let unit = |u: String| if u == "tonnes" || u == "tons" { "t".to_string() } else { u };
                let (gv, pv) = (g(gr, "value").parse::<f64>().unwrap_or(f64::NAN), g(pr, "value").parse::<f64>().unwrap_or(f64::NAN));
                unit(g(gr, "unit")) == unit(g(pr, "unit")) && (gv - pv).abs() <= gv.abs() * 0.005
            }),
            "sanctions" => Box::new(|gr: &Rec, pr: &Rec, len: u8| {
                let pa = g(pr, "authority");
                if authority_family(reference, &g(gr, "authority")) != pa && authority_family(reference, &g(gr, "authority")) != authority_family(reference, &pa) {
                    return false;
                }
                let (gi, pi) = (g(gr, "identifier"), g(pr, "identifier"));
                if !gi.is_empty() && !pi.is_empty() {
                    let (a, b) = (digit_groups(&gi), digit_groups(&pi));
                    return a == b || (a.len() == 1 && b.contains(&a[0])) || (b.len() == 1 && a.contains(&b[0]));
                }
                dates_agree(PDate::parse(&g(gr, "date")), pdate(&g(pr, "date"), &g(pr, "date_precision")), len)
            }),
            _ => Box::new(|gr: &Rec, pr: &Rec, _| {
                same(&g(gr, "speaker"), &g(pr, "speaker_id")) && text_match(&g(gr, "text_start"), &g(pr, "text"))
            }),
        };
        let mut total = Score::default();
        for d in &docs {
            let gd: Vec<Rec> = gold.iter().filter(|r| &g(r, "doc") == d).cloned().collect();
            let pd: Vec<Rec> =
                pred.iter().filter(|p| docs_of.get(&(table.to_string(), g(p, idcol))).is_some_and(|s| s.contains(d))).cloned().collect();
            let (s, fg, fp) = score(&gd, &pd, &*matcher);
            total.tp += s.tp;
            total.fp += s.fp;
            total.fn_ += s.fn_;
            if verbose {
                for i in fg {
                    println!("MISS {table} {d}: {:?}", gd[i].values().cloned().collect::<Vec<_>>());
                }
                for i in fp {
                    let p = &pd[i];
                    let keys = [
                        "visitor_name",
                        "host_country",
                        "start_date",
                        "value",
                        "unit",
                        "authority",
                        "identifier",
                        "date",
                        "speaker_name",
                        "cue",
                        "text",
                    ];
                    let v: Vec<String> = keys.iter().filter_map(|k| p.get(*k).map(|x| crate::tables::trunc(x, 30))).collect();
                    println!("EXTRA {table} {d}: {v:?}");
                }
            }
        }
        out.insert(table.to_string(), total);
    }
    Ok(out)
}

/// `cnkp eval`.
pub fn main(gold: &Path, pred: &Path, reference: &crate::bundled::Files, min_f1: Option<f64>, verbose: bool) -> ExitCode {
    let r = match Reference::load_files(reference) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    match evaluate(gold, pred, &r, verbose) {
        Ok(scores) => {
            println!("| table | gold | predicted | matched | precision | recall | F1 |");
            println!("|---|---:|---:|---:|---:|---:|---:|");
            let mut ok = true;
            for (t, s) in &scores {
                println!(
                    "| {t} | {} | {} | {} | {:.3} | {:.3} | {:.3} |",
                    s.tp + s.fn_,
                    s.tp + s.fp,
                    s.tp,
                    s.precision(),
                    s.recall(),
                    s.f1()
                );
                if min_f1.is_some_and(|m| s.f1() < m) {
                    ok = false;
                }
            }
            if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(pairs: &[(&str, &str)]) -> Rec {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn supranational_authorities_score_as_their_family() {
        let r = Reference::load_files(&crate::bundled::Files::reference(None)).expect("bundled reference loads");
        // The pipeline writes the EU and its Council as `EU`, the Security Council as `UNSC`.
        for gold in ["EU", "European Union", "Council of the EU"] {
            assert_eq!(authority_family(&r, gold), "EU", "{gold}");
        }
        assert_eq!(authority_family(&r, "UN Security Council"), "UNSC");
        assert_eq!(authority_family(&r, "US Treasury (OFAC)"), "USA");
    }

    #[test]
    fn an_unnamed_office_is_known_by_its_country_and_description() {
        let r = Reference::load_files(&crate::bundled::Files::reference(None)).expect("bundled reference loads");
        let gold = role_key(&r, "North Korean Foreign Ministry spokesperson (unnamed)");
        assert!(gold.is_some());
        assert_eq!(gold, role_key(&r, "DPRK Foreign Ministry spokesman"));
        assert_eq!(gold, role_key(&r, "DPRK Ministry of Foreign Affairs spokesperson"));
        assert_ne!(gold, role_key(&r, "South Korean Foreign Ministry spokesperson"));
        assert_ne!(gold, role_key(&r, "DPRK Defence Ministry spokesperson"));
    }

    #[test]
    fn an_unnamed_gold_group_is_known_by_its_country_and_head_word() {
        let gold = rec(&[("visitor", "DPRK delegation to the fisheries committee (unnamed)"), ("visitor_country", "PRK")]);
        let ours = rec(&[("visitor_name", "North Korean delegation"), ("visitor_kind", "role"), ("visitor_country", "PRK")]);
        assert!(unnamed_group(&gold, &ours));
        // Another country's delegation, a named person, or another kind of group: no.
        let other = rec(&[("visitor_name", "Lao delegation"), ("visitor_kind", "role"), ("visitor_country", "LAO")]);
        assert!(!unnamed_group(&gold, &other));
        let person = rec(&[("visitor_name", "Kim delegation"), ("visitor_kind", "person"), ("visitor_country", "PRK")]);
        assert!(!unnamed_group(&gold, &person));
        let minister = rec(&[("visitor_name", "North Korean trade minister"), ("visitor_kind", "role"), ("visitor_country", "PRK")]);
        assert!(!unnamed_group(&gold, &minister));
        // A named gold visitor never matches this way.
        let named = rec(&[("visitor", "Kim Song Nam"), ("visitor_country", "PRK")]);
        assert!(!unnamed_group(&named, &ours));
    }
}
