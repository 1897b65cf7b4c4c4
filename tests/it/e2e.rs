//! End-to-end: the bundled corpus through the binary.

use super::common::*;
use std::collections::BTreeMap;

const TABLES: &[&str] = &["documents", "entities", "visits", "trade", "sanctions", "statements", "mentions"];

/// The bundled corpus run exactly as `make data` runs it (release stamp and quality report).
fn fresh() -> (tempfile::TempDir, std::path::PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let out = t.path().join("processed");
    let (release, gold) = (root().join("release.json"), root().join("tests/gold"));
    let o = run(
        &root().join("raw"),
        &out,
        // As `make data` runs it: the bundled gold counts news outlets' own reports as statements.
        &["--strict", "--release", release.to_str().expect("utf-8"), "--gold", gold.to_str().expect("utf-8"), "--media-statements", "keep"],
    );
    assert!(o.status.success(), "run failed: {}", stderr(&o));
    (t, out)
}

#[test]
fn bundled_corpus_publishes_every_table_with_schema_columns() {
    let (_t, out) = fresh();
    for t in TABLES {
        assert!(out.join(format!("{t}.csv")).exists(), "{t}.csv missing");
        assert!(out.join(format!("{t}.parquet")).exists(), "{t}.parquet missing");
        let schema: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root().join(format!("schemas/{t}.json"))).expect("schema")).expect("json");
        let want: Vec<String> =
            schema["fields"].as_array().expect("fields").iter().map(|f| f["name"].as_str().expect("name").to_string()).collect();
        let mut rdr = csv::Reader::from_path(out.join(format!("{t}.csv"))).expect("csv");
        let got: Vec<String> = rdr.headers().expect("header").iter().map(String::from).collect();
        assert_eq!(got, want, "{t} columns differ from schemas/{t}.json");
    }
    // Minimum row counts, so a silently empty table fails.
    for (t, min) in [("documents", 5), ("visits", 20), ("trade", 10), ("sanctions", 8), ("statements", 100), ("mentions", 150)] {
        let n = read_csv(&out.join(format!("{t}.csv"))).len();
        assert!(n >= min, "{t} has {n} rows, expected at least {min}");
    }
    let v = cnkp().arg("validate").arg(&out).arg("--schemas").arg(root().join("schemas")).output().expect("validate");
    assert!(v.status.success(), "validate: {}", stderr(&v));
    // The package says which version it is, when it was made, what reference data made it and
    // how good it is.
    let dp: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("datapackage.json")).expect("dp")).expect("json");
    assert!(dp["version"].as_str().is_some_and(|v| v.split('.').count() == 3), "no semver version");
    assert!(dp["created"].as_str().is_some_and(|c| c.ends_with("T00:00:00Z")), "no created");
    assert_eq!(dp["cnkp:reference_sha256"].as_str().map(|h| h.len()), Some(64));
    assert!(dp["resources"].as_array().expect("resources").iter().any(|r| r["path"] == "quality.json"));
    let q: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("quality.json")).expect("quality")).expect("json");
    for t in ["visits", "trade", "sanctions", "statements"] {
        assert!(q["tables"][t]["f1"].as_f64().is_some_and(|f| f >= 0.95), "{t}: {}", q["tables"][t]);
        assert!(q["tables"][t]["gold_rows"].as_u64().is_some_and(|n| n > 0));
    }
    assert!(dp["licenses"].as_array().is_some_and(|l| l.iter().any(|x| x["name"] == "CC-BY-SA-4.0")), "ShareAlike sources not declared");
}

#[test]
fn every_mention_is_the_exact_raw_slice() {
    let (_t, out) = fresh();
    let mut raw: BTreeMap<String, Vec<char>> = BTreeMap::new();
    for d in read_csv(&out.join("documents.csv")) {
        let text = std::fs::read_to_string(root().join("raw").join(&d["path"])).expect("raw utf-8");
        raw.insert(d["doc_id"].clone(), text.chars().collect());
    }
    let mentions = read_csv(&out.join("mentions.csv"));
    assert!(!mentions.is_empty());
    for m in mentions {
        let chars = &raw[&m["doc_id"]];
        let (a, b): (usize, usize) = (m["char_start"].parse().expect("int"), m["char_end"].parse().expect("int"));
        assert!(a < b && b <= chars.len(), "span {a}..{b} out of range");
        let slice: String = chars[a..b].iter().collect();
        assert_eq!(slice, m["evidence"], "mention {} evidence differs from raw text", m["mention_id"]);
    }
}

#[test]
fn parquet_columns_are_typed() {
    use polars::prelude::*;
    let (_t, out) = fresh();
    let read =
        |t: &str| ParquetReader::new(std::fs::File::open(out.join(format!("{t}.parquet"))).expect("open")).finish().expect("parquet");
    let v = read("visits");
    assert_eq!(v.column("start_date").expect("col").dtype(), &DataType::Date);
    assert_eq!(v.column("n_sources").expect("col").dtype(), &DataType::Int64);
    let t = read("trade");
    assert_eq!(t.column("value").expect("col").dtype(), &DataType::Float64);
    let s = read("statements");
    assert_eq!(s.column("is_direct_quote").expect("col").dtype(), &DataType::Boolean);
    assert_eq!(s.height(), read_csv(&out.join("statements.csv")).len());
}

#[test]
fn committed_dataset_is_what_the_pipeline_produces() {
    let (_t, out) = fresh();
    let want = snapshot(&out);
    let have = snapshot(&root().join("processed"));
    let differing: Vec<&String> = want.keys().chain(have.keys()).filter(|k| want.get(*k) != have.get(*k)).collect();
    assert!(differing.is_empty(), "processed/ is stale (run `make data`): {differing:?}");
}

#[test]
fn extraction_quality_meets_the_floor() {
    let (_t, out) = fresh();
    let o = cnkp()
        .args(["eval", "--gold"])
        .arg(root().join("tests/gold"))
        .arg("--pred")
        .arg(&out)
        .arg("--reference")
        .arg(root().join("reference"))
        .args(["--min-f1", "0.95"])
        .output()
        .expect("eval");
    assert!(o.status.success(), "F1 below 0.95 for some table:\n{}", String::from_utf8_lossy(&o.stdout));
}

/// Recognition, not memorization: with `reference/entities.csv` cut down to countries, their
/// places and the international bodies (no person, no national body), the speakers and
/// visitors of the bundled gold must still be found as extracted entities. The eval resolves
/// the gold's names through the full gazetteer, so an extracted 习近平 counts as Xi Jinping.
/// Both reach the 0.80 target of the open-world issue.
#[test]
fn names_are_recognized_without_the_gazetteer() {
    let t = tempfile::tempdir().expect("tempdir");
    let refdir = t.path().join("reference");
    copy_dir(&root().join("reference"), &refdir);
    let rows = read_csv(&root().join("reference/entities.csv"));
    let header = "entity_id,kind,name_en,name_zh_hans,name_zh_hant,aliases,country,city,wikidata";
    let mut w = csv::Writer::from_path(refdir.join("entities.csv")).expect("write");
    w.write_record(header.split(',')).expect("header");
    let mut kept = 0;
    for r in &rows {
        if r["kind"] == "country" || r["kind"] == "place" || (r["kind"] == "org" && r["country"].is_empty()) {
            w.write_record(header.split(',').map(|c| r[c].as_str())).expect("row");
            kept += 1;
        }
    }
    w.flush().expect("flush");
    assert!(kept < rows.len() && !rows.iter().any(|r| r["kind"] == "person" && read_csv(&refdir.join("entities.csv")).iter().any(|k| k["entity_id"] == r["entity_id"])));
    let out = t.path().join("out");
    let o = cnkp()
        .arg("run")
        .arg("--raw")
        .arg(root().join("raw"))
        .arg("--out")
        .arg(&out)
        .arg("--reference")
        .arg(&refdir)
        .arg("--schemas")
        .arg(root().join("schemas"))
        .arg("--curation")
        .arg(root().join("curation/overrides.csv"))
        .args(["--media-statements", "keep"])
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let ents = read_csv(&out.join("entities.csv"));
    assert!(ents.iter().any(|e| e["origin"] == "extracted" && e["kind"] == "person"), "no extracted people");
    let e = cnkp().args(["eval", "--gold"]).arg(root().join("tests/gold")).arg("--pred").arg(&out).arg("--reference").arg(root().join("reference")).output().expect("eval");
    let table = String::from_utf8_lossy(&e.stdout).to_string();
    let recall = |name: &str| -> f64 {
        let line = table.lines().find(|l| l.starts_with(&format!("| {name} |"))).unwrap_or_else(|| panic!("no {name} row:\n{table}"));
        line.split('|').nth(6).and_then(|x| x.trim().parse().ok()).expect("recall")
    };
    assert!(recall("statements") >= 0.80, "statement recall without the gazetteer fell:\n{table}");
    assert!(recall("visits") >= 0.80, "visit recall without the gazetteer fell:\n{table}");
}

#[test]
fn output_is_identical_across_threads_file_order_working_directory_and_merge_budget() {
    let t = tempfile::tempdir().expect("tempdir");
    let a = t.path().join("a");
    let o = run(&root().join("raw"), &a, &["--threads", "1"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The same files created in reverse order in another folder, run from another directory.
    let raw2 = t.path().join("raw2");
    std::fs::create_dir_all(&raw2).expect("mkdir");
    let mut files: Vec<_> = std::fs::read_dir(root().join("raw")).expect("raw").flatten().map(|e| e.path()).collect();
    files.sort();
    files.reverse();
    for f in files {
        std::fs::copy(&f, raw2.join(f.file_name().expect("name"))).expect("copy");
    }
    let b = t.path().join("b");
    let r = root();
    // (With merge buckets read back through sorted runs of a few records each, as a corpus
    // larger than the merge budget is.)
    let o = cnkp()
        .current_dir(t.path())
        .env("CNKP_MERGE_BUDGET", "1500")
        .args(["run", "--raw", "raw2", "--out", "b", "--threads", "2"])
        .arg("--reference")
        .arg(r.join("reference"))
        .arg("--schemas")
        .arg(r.join("schemas"))
        .arg("--curation")
        .arg(r.join("curation/overrides.csv"))
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between runs");
    }
    // And a second run into the same folder changes nothing.
    let o = run(&root().join("raw"), &a, &["--threads", "2"]);
    assert!(o.status.success());
    assert_eq!(snapshot(&a), sa);
}

#[test]
fn readme_column_dictionary_matches_the_schemas() {
    let o = cnkp().arg("schema-docs").arg("--schemas").arg(root().join("schemas")).output().expect("schema-docs");
    assert!(o.status.success());
    let want = String::from_utf8(o.stdout).expect("utf-8");
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README");
    let start = readme.find("<!-- columns:start -->\n").expect("start marker") + "<!-- columns:start -->\n".len();
    let end = readme.find("<!-- columns:end -->").expect("end marker");
    assert_eq!(&readme[start..end], want, "README column dictionary is stale: run `cnkp schema-docs` and paste it between the markers");
}

/// The binary carries the reference data and schemas: run from an empty folder with no
/// `--reference`/`--schemas`, it publishes the same tables as with the repository's folders;
/// `cnkp init` writes an editable copy that reproduces them too; the built-in copy is complete.
#[test]
fn the_binary_runs_anywhere_with_its_built_in_data() {
    let t = tempfile::tempdir().expect("tempdir");
    let raw = t.path().join("raw");
    std::fs::create_dir_all(&raw).expect("mkdir");
    std::fs::copy(root().join("raw/002_0925f88c9684cde2.txt"), raw.join("a.txt")).expect("copy");
    let empty = t.path().join("cwd");
    std::fs::create_dir_all(&empty).expect("mkdir");
    let o = cnkp().current_dir(&empty).args(["run", "--raw", "../raw", "--out", "../built-in"]).output().expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let repo = t.path().join("repo-data");
    let o = cnkp()
        .arg("run")
        .arg("--raw")
        .arg(&raw)
        .arg("--out")
        .arg(&repo)
        .arg("--reference")
        .arg(root().join("reference"))
        .arg("--schemas")
        .arg(root().join("schemas"))
        .output()
        .expect("run");
    assert!(o.status.success(), "{}", stderr(&o));
    let (a, b) = (snapshot(&t.path().join("built-in")), snapshot(&repo));
    assert_eq!(a, b, "built-in reference data or schemas differ from the repository's (rebuild the binary)");
    // An editable copy for a curator.
    let init = t.path().join("project");
    let o = cnkp().arg("init").arg(&init).output().expect("init");
    assert!(o.status.success(), "{}", stderr(&o));
    for sub in ["reference", "schemas"] {
        let mut want: Vec<String> = std::fs::read_dir(root().join(sub)).expect("dir").flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
        let mut got: Vec<String> = std::fs::read_dir(init.join(sub)).expect("dir").flatten().map(|e| e.file_name().to_string_lossy().to_string()).collect();
        want.sort();
        got.sort();
        assert_eq!(got, want, "{sub}: the built-in copy is not complete (add the file to src/bundled.rs)");
    }
    assert!(init.join("curation/overrides.csv").exists());
    assert!(!cnkp().arg("init").arg(&init).output().expect("init").status.success(), "init overwrote files");
}
