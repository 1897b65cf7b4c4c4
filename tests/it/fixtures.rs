//! Fixture articles (tests/fixtures/<case>/): each folder is run through the binary and its
//! `expect.csv` checked: rows that must be present, rows that must be absent.

use super::common::*;
use std::collections::BTreeMap;
use std::path::Path;

type Row = BTreeMap<String, String>;

fn matches(row: &Row, cond: &str) -> bool {
    cond.split(';').filter(|c| !c.is_empty()).all(|c| {
        if let Some((k, v)) = c.split_once("~=") {
            row.get(k).is_some_and(|x| x.contains(v))
        } else if let Some((k, v)) = c.split_once('=') {
            row.get(k).is_some_and(|x| x == v)
        } else {
            false
        }
    })
}

fn issues_rows(out: &Path) -> Vec<Row> {
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(out.join("issues.json")).expect("issues")).expect("json");
    ["warnings", "rejected"]
        .iter()
        .flat_map(|k| v[k].as_array().cloned().unwrap_or_default())
        .map(|i| ["code", "file", "message"].iter().map(|k| (k.to_string(), i[k].as_str().unwrap_or("").to_string())).collect())
        .collect()
}

fn check_case(dir: &Path) -> Vec<String> {
    let t = tempfile::tempdir().expect("tempdir");
    let raw = t.path().join("raw");
    copy_dir(dir, &raw);
    std::fs::remove_file(raw.join("expect.csv")).ok();
    let out = t.path().join("out");
    let o = run(&raw, &out, &[]);
    if !o.status.success() {
        return vec![format!("{}: run failed: {}", dir.display(), stderr(&o))];
    }
    let mut tables: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    let mut failures = Vec::new();
    // Whatever the case expects, no statement carries markup or page furniture.
    let furniture: Vec<String> = std::fs::read_to_string(root().join("reference/boilerplate.csv"))
        .expect("boilerplate.csv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(','))
        .filter(|(_, rest)| rest.starts_with("line,"))
        .map(|(t, _)| t.to_string())
        .collect();
    for st in read_csv(&out.join("statements.csv")) {
        let text = &st["text"];
        if let Some(bad) = ["[[", "]]", "<", "](", "_Context"].iter().find(|m| text.contains(*m)) {
            failures.push(format!("{}: statement text holds markup {bad:?}: {text}", dir.display()));
        }
        if let Some(bad) = furniture.iter().find(|m| text.contains(m.as_str())) {
            failures.push(format!("{}: statement text holds page furniture {bad:?}: {text}", dir.display()));
        }
    }
    for e in read_csv(&dir.join("expect.csv")) {
        let table = e["table"].clone();
        let rows = tables.entry(table.clone()).or_insert_with(|| {
            if table == "issues" {
                issues_rows(&out)
            } else {
                read_csv(&out.join(format!("{table}.csv")))
            }
        });
        let found = rows.iter().any(|r| matches(r, &e["match"]));
        let want = e["expect"] == "present";
        if found != want {
            let near: Vec<String> = rows.iter().take(12).map(|r| format!("{r:?}")).collect();
            failures.push(format!(
                "{}: {} {} row {:?} ({})\n  rows: {}",
                dir.display(),
                table,
                e["expect"],
                e["match"],
                e["covers"],
                near.join("\n        ")
            ));
        }
    }
    failures
}

#[test]
fn fixture_articles_give_the_expected_rows() {
    let root = root().join("tests/fixtures");
    let mut dirs: Vec<_> = std::fs::read_dir(&root).expect("fixtures").flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    assert!(dirs.len() >= 8, "fixture folders missing");
    let mut covered = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for d in &dirs {
        for e in read_csv(&d.join("expect.csv")) {
            covered.extend(e["covers"].split('+').map(String::from));
        }
        failures.extend(check_case(d));
    }
    for form in ["formats", "pubdate", "dates", "amounts", "people", "visits", "statements", "sanctions", "names", "furniture"] {
        assert!(covered.contains(form), "no fixture covers {form}");
    }
    assert!(failures.is_empty(), "{} fixture expectations failed:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn curation_overrides_drop_and_fix_rows_with_a_reason() {
    let (t, raw, out) = one_article("004_6a619cd3fbb93b98.txt");
    let visits = read_csv(&out.join("visits.csv"));
    let (drop_id, fix_id) = (visits[0]["visit_id"].clone(), visits[1]["visit_id"].clone());
    // Statements stream past document by document: overrides reach them too.
    let statements = read_csv(&out.join("statements.csv"));
    let (drop_q, fix_q) = (statements[0]["statement_id"].clone(), statements[1]["statement_id"].clone());
    let cur = t.path().join("overrides.csv");
    std::fs::write(
        &cur,
        format!(
            "action,table,record_id,field,value,reason\ndrop,visits,{drop_id},,,not a visit (test)\nset,visits,{fix_id},city,Kaesong,city confirmed by curator (test)\n\
             drop,statements,{drop_q},,,not a statement (test)\nset,statements,{fix_q},cue,said,cue normalized (test)\n"
        ),
    )
    .expect("write");
    let o = run(&raw, &out, &["--curation", cur.to_str().expect("utf-8")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let visits = read_csv(&out.join("visits.csv"));
    assert!(!visits.iter().any(|v| v["visit_id"] == drop_id), "dropped row still published");
    assert!(visits.iter().any(|v| v["visit_id"] == fix_id && v["city"] == "Kaesong"), "set not applied");
    let mentions = read_csv(&out.join("mentions.csv"));
    assert!(!mentions.iter().any(|m| m["record_id"] == drop_id), "mentions of a dropped row remain");
    assert!(
        mentions.iter().any(|m| m["record_id"] == fix_id && m["rule"].starts_with("curation:set:city")),
        "curation not visible in mentions.rule"
    );
    let statements = read_csv(&out.join("statements.csv"));
    assert!(!statements.iter().any(|s| s["statement_id"] == drop_q), "dropped statement still published");
    assert!(statements.iter().any(|s| s["statement_id"] == fix_q && s["cue"] == "said"), "set not applied to a statement");
    assert!(!mentions.iter().any(|m| m["record_id"] == drop_q), "mentions of a dropped statement remain");
    assert!(mentions.iter().any(|m| m["record_id"] == fix_q && m["rule"].starts_with("curation:set:cue")), "statement curation not in mentions.rule");
    let issues = std::fs::read_to_string(out.join("issues.json")).expect("issues");
    assert!(issues.contains("curation-applied") && issues.contains("not a visit (test)") && issues.contains("not a statement (test)"));
}
