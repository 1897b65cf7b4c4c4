//! Dataset releases: `cnkp diff` between published folders and `cnkp release` version bumps.

use super::common::*;
use std::path::Path;

/// A small published folder: a datapackage with one keyed table.
fn folder(dir: &Path, header: &str, rows: &[&str], extra_table: bool) {
    std::fs::create_dir_all(dir).expect("mkdir");
    let cols: Vec<&str> = header.split(',').collect();
    let fields: Vec<serde_json::Value> =
        cols.iter().map(|c| serde_json::json!({"name": c, "type": if *c == "n" { "integer" } else { "string" }})).collect();
    let mut resources = vec![serde_json::json!({"name": "visits", "path": "visits.csv", "format": "csv",
        "schema": {"fields": fields, "primaryKey": "id"}})];
    std::fs::write(dir.join("visits.csv"), format!("{header}\n{}", rows.iter().map(|r| format!("{r}\n")).collect::<String>())).expect("csv");
    if extra_table {
        std::fs::write(dir.join("trade.csv"), "id,v\nT1,5\n").expect("csv");
        resources.push(serde_json::json!({"name": "trade", "path": "trade.csv", "format": "csv",
            "schema": {"fields": [{"name": "id", "type": "string"}, {"name": "v", "type": "string"}], "primaryKey": "id"}}));
    }
    let dp = serde_json::json!({"name": "t", "version": "1.2.3", "resources": resources});
    std::fs::write(dir.join("datapackage.json"), serde_json::to_string_pretty(&dp).expect("json")).expect("dp");
}

fn diff(a: &Path, b: &Path, json: bool) -> (i32, String) {
    let mut c = cnkp();
    c.arg("diff").arg(a).arg(b);
    if json {
        c.arg("--json");
    }
    let o = c.output().expect("diff");
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).to_string())
}

#[test]
fn diff_reports_rows_cells_columns_and_tables_with_counts() {
    let t = tempfile::tempdir().expect("tempdir");
    let (a, b) = (t.path().join("a"), t.path().join("b"));
    folder(&a, "id,who,n", &["V1,Kim,1", "V2,Xi,2", "V3,Moon,3"], true);
    // Identical folders: empty diff, exit 0.
    folder(&b, "id,who,n", &["V1,Kim,1", "V2,Xi,2", "V3,Moon,3"], true);
    let (code, out) = diff(&a, &b, true);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("\"identical\": true"));
    // One row added, one removed, one cell changed, a column added, a table missing.
    std::fs::remove_dir_all(&b).expect("rm");
    folder(&b, "id,who,n,role", &["V1,Kim,1,leader", "V2,Xi Jinping,2,president", "V4,Trump,4,president"], false);
    let (code, out) = diff(&a, &b, true);
    assert_eq!(code, 1, "{out}");
    let j: serde_json::Value = serde_json::from_str(&out).expect("json");
    let visits = j["tables"].as_array().expect("tables").iter().find(|t| t["table"] == "visits").expect("visits").clone();
    assert_eq!(visits["added"], serde_json::json!(["V4"]));
    assert_eq!(visits["removed"], serde_json::json!(["V3"]));
    assert_eq!(visits["modified"][0]["key"], "V2");
    assert_eq!(visits["modified"][0]["cells"], serde_json::json!([{"column": "who", "old": "Xi", "new": "Xi Jinping"}]));
    assert_eq!(visits["columns_added"], serde_json::json!(["role"]));
    let trade = j["tables"].as_array().expect("tables").iter().find(|t| t["table"] == "trade").expect("trade").clone();
    assert_eq!(trade["table_change"], "removed");
    let (code, md) = diff(&a, &b, false);
    assert_eq!(code, 1);
    assert!(md.contains("| visits | 3 | 3 | 1 | 1 | 1 | +role |"), "{md}");
    assert!(md.contains("| trade | 1 | 0 | 0 | 1 | 0 | table removed |"), "{md}");
    assert!(md.contains("| `V2` | who | Xi | Xi Jinping |"), "{md}");
    // A folder that does not exist is an error (exit 2).
    assert_eq!(diff(&a, &t.path().join("nope"), false).0, 2);
}

fn release(prev: &Path, new: &Path, dir: &Path) -> String {
    let o = cnkp()
        .arg("release")
        .arg("--previous")
        .arg(prev)
        .arg("--new")
        .arg(new)
        .arg("--release")
        .arg(dir.join("release.json"))
        .arg("--changelog")
        .arg(dir.join("CHANGELOG.md"))
        .args(["--date", "2026-12-01"])
        .output()
        .expect("release");
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("release.json")).expect("release.json")).expect("json");
    let dp: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(new.join("datapackage.json")).expect("dp")).expect("json");
    assert_eq!(dp["version"], r["version"], "package not stamped");
    assert_eq!(dp["created"], "2026-12-01T00:00:00Z");
    r["version"].as_str().expect("version").to_string()
}

#[test]
fn release_bumps_minor_for_rows_major_for_columns_patch_for_metadata() {
    let t = tempfile::tempdir().expect("tempdir");
    let a = t.path().join("a");
    folder(&a, "id,who,n", &["V1,Kim,1", "V2,Xi,2"], false);
    // Metadata only.
    let b = t.path().join("b");
    folder(&b, "id,who,n", &["V1,Kim,1", "V2,Xi,2"], false);
    assert_eq!(release(&a, &b, t.path()), "1.2.4");
    // A changed cell.
    let c = t.path().join("c");
    folder(&c, "id,who,n", &["V1,Kim,1", "V2,Xi Jinping,2"], false);
    assert_eq!(release(&a, &c, t.path()), "1.3.0");
    // A new column.
    let d = t.path().join("d");
    folder(&d, "id,who,n,role", &["V1,Kim,1,x", "V2,Xi,2,y"], false);
    assert_eq!(release(&a, &d, t.path()), "2.0.0");
    let log = std::fs::read_to_string(t.path().join("CHANGELOG.md")).expect("changelog");
    let (first, second) = (log.find("## 2.0.0").expect("2.0.0"), log.find("## 1.3.0").expect("1.3.0"));
    assert!(first < second, "newest entry first:\n{log}");
    assert!(log.contains("| visits | 2 | 0 | 0 | 0 | +role |"), "{log}");
}
