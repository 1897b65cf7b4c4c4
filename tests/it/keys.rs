//! Keys that cannot collide. Corpora generated the way `../shared/bench/gen_corpus.py` makes its
//! speed corpus (the bundled articles' paragraphs shuffled into new files, years, days and
//! amounts shifted, so the same visit or sanction is reported many times with small differences)
//! must publish with every primary key unique, and the merged tables must not depend on how the
//! input files are named or ordered. At 11 MB such a corpus once published nothing (duplicate
//! `visit_id`); this is its regression test at a size `make test` can afford.

use super::common::{read_csv, root, run, stderr};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Deterministic generator (64-bit LCG): the same seed gives the same corpus.
struct Gen(u64);

impl Gen {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n.max(1)
    }
}

/// `n` article bodies from the bundled articles' paragraphs, facts shifted.
fn corpus(seed: u64, n: usize) -> Vec<String> {
    let mut paras = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(root().join("raw")).expect("raw/").flatten().map(|e| e.path()).collect();
    names.sort();
    for p in names.iter().filter(|p| p.extension().is_some_and(|x| x == "txt")) {
        let text = std::fs::read_to_string(p).expect("utf-8 article");
        let blank = regex::Regex::new(r"\n\s*\n").expect("regex");
        paras.extend(blank.split(&text).filter(|p| p.chars().count() > 40).map(String::from));
    }
    let year = regex::Regex::new(r"(19[5-9][0-9]|20[0-2][0-9])年").expect("regex");
    let day = regex::Regex::new(r"([0-9]{1,2})日").expect("regex");
    let amount = regex::Regex::new(r"([0-9]+)\.([0-9]+)([億亿萬万])").expect("regex");
    let mut g = Gen(seed);
    (0..n)
        .map(|i| {
            let k = 6 + g.next(25) as usize;
            let body: Vec<&str> = (0..k).map(|_| paras[g.next(paras.len() as u64) as usize].as_str()).collect();
            let body = body.join("\n\n");
            let dy = g.next(7) as i32 - 3;
            let body = year.replace_all(&body, |c: &regex::Captures| format!("{}年", c[1].parse::<i32>().unwrap_or(2000) + dy));
            let body = day.replace_all(&body, |c: &regex::Captures| format!("{}日", (c[1].parse::<u64>().unwrap_or(1) + g.next(3)) % 28 + 1));
            let body = amount.replace_all(&body, |c: &regex::Captures| format!("{}.{}{}", c[1].parse::<u64>().unwrap_or(1) + g.next(3), &c[2], &c[3]));
            format!("doc {i}\n\n{body}\n")
        })
        .collect()
}

/// Primary key columns of each published table, from the package.
fn keys(out: &Path) -> BTreeMap<String, Vec<String>> {
    let dp: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("datapackage.json")).expect("package")).expect("json");
    let mut m = BTreeMap::new();
    for r in dp["resources"].as_array().expect("resources") {
        if r["format"] == "csv" {
            let pk = match &r["schema"]["primaryKey"] {
                serde_json::Value::String(s) => vec![s.clone()],
                serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
                _ => Vec::new(),
            };
            m.insert(r["name"].as_str().expect("name").to_string(), pk);
        }
    }
    m
}

fn publish(bodies: &[String], name: impl Fn(usize) -> String) -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let raw = t.path().join("raw");
    std::fs::create_dir_all(&raw).expect("mkdir");
    for (i, b) in bodies.iter().enumerate() {
        std::fs::write(raw.join(name(i)), b).expect("write");
    }
    let out = t.path().join("out");
    let o = run(&raw, &out, &[]);
    assert!(o.status.success(), "a generated corpus must publish: {}", stderr(&o));
    (t, out)
}

/// Every table's primary key is unique; returns the number of merged visits.
fn assert_unique_keys(out: &Path) -> usize {
    for (table, pk) in keys(out) {
        assert!(!pk.is_empty(), "{table} has a primary key");
        let rows = read_csv(&out.join(format!("{table}.csv")));
        let mut seen = BTreeSet::new();
        for r in &rows {
            let k: Vec<&str> = pk.iter().map(|c| r[c].as_str()).collect();
            assert!(seen.insert(k.join("|")), "{table}: duplicate primary key {k:?}");
        }
    }
    read_csv(&out.join("visits.csv")).len()
}

/// A table's rows without the given columns, as a multiset (IDs made from document names differ
/// between two namings of the same files; everything else must not).
fn content(out: &Path, table: &str, drop: &[&str]) -> Vec<Vec<String>> {
    let mut v: Vec<Vec<String>> = read_csv(&out.join(format!("{table}.csv")))
        .into_iter()
        .map(|r| r.into_iter().filter(|(k, _)| !drop.contains(&k.as_str())).map(|(_, v)| v).collect())
        .collect();
    v.sort();
    v
}

fn check(seed: u64, n: usize) {
    let bodies = corpus(seed, n);
    let (_a, out_a) = publish(&bodies, |i| format!("gen_{i:05}.txt"));
    let visits = assert_unique_keys(&out_a);
    assert!(visits > 5, "the corpus reports visits ({visits})");
    // The same files under names that sort the other way round: document order reversed.
    let (_b, out_b) = publish(&bodies, |i| format!("r_{:05}.txt", n - i));
    assert_unique_keys(&out_b);
    assert_eq!(
        std::fs::read(out_a.join("visits.csv")).expect("visits"),
        std::fs::read(out_b.join("visits.csv")).expect("visits"),
        "merged visits depend on document order"
    );
    assert_eq!(content(&out_a, "sanctions", &["sanction_id"]), content(&out_b, "sanctions", &["sanction_id"]), "merged sanctions depend on document order");
}

#[test]
fn generated_corpus_publishes_unique_keys_whatever_the_file_order() {
    check(7, 150);
}

/// Cases in `make test`; `make fuzz` sets PROPTEST_CASES higher (each case is two pipeline runs).
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).map(|c: u32| (c / 1000).max(3)).unwrap_or(3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn prop_overlapping_facts_give_unique_keys_in_any_order(seed in any::<u64>(), n in 10usize..60) {
        check(seed, n);
    }
}
