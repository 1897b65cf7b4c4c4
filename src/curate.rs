//! Curation layer: `curation/overrides.csv` lets a curator drop a wrong row, set a field, or add
//! a row the rules miss, each with a reason. Applied deterministically after extraction (in file
//! order); every applied override is listed in `issues.json` under `curation`.

use crate::model::Issue;
use crate::tables::Row;
use anyhow::{Context, Result};
use serde::Deserialize;
use std::path::Path;

/// One override.
#[derive(Debug, Clone, Deserialize)]
pub struct Override {
    /// `drop`, `set` or `add`.
    pub action: String,
    pub table: String,
    pub record_id: String,
    #[serde(default)]
    pub field: String,
    /// For `set`: the new value. For `add`: the row as `col=value;col=value`.
    #[serde(default)]
    pub value: String,
    pub reason: String,
}

/// Loads overrides (a missing file means none).
pub fn load(path: &Path) -> Result<Vec<Override>> {
    if !path.exists() {
        return Ok(Vec::new());
    }
    let mut rdr = csv::ReaderBuilder::new().comment(Some(b'#')).from_path(path)?;
    let mut out = Vec::new();
    for (i, r) in rdr.deserialize().enumerate() {
        out.push(r.with_context(|| format!("{}: row {} is malformed", path.display(), i + 2))?);
    }
    Ok(out)
}

/// Applies overrides to `(table name, id column, rows)`; returns applied and failed overrides.
pub fn apply(overrides: &[Override], tables: &mut [(String, String, Vec<Row>)]) -> (Vec<String>, Vec<Issue>) {
    let mut applied = Vec::new();
    let mut problems = Vec::new();
    for o in overrides {
        let Some((_, idcol, rows)) = tables.iter_mut().find(|t| t.0 == o.table) else {
            problems.push(Issue::file("error", "curation-error", "curation/overrides.csv", format!("unknown table {}", o.table)));
            continue;
        };
        let ok = match o.action.as_str() {
            "drop" => {
                let before = rows.len();
                rows.retain(|r| r.get(idcol) != o.record_id);
                rows.len() < before
            }
            "set" => match rows.iter_mut().find(|r| r.get(idcol) == o.record_id) {
                Some(r) => {
                    r.set(o.field.clone(), &o.value);
                    true
                }
                None => false,
            },
            "add" => {
                let mut r = Row::new();
                r.set(idcol.clone(), &o.record_id);
                for kv in o.value.split(';') {
                    if let Some((k, v)) = kv.split_once('=') {
                        r.set(k.trim().to_string(), v.trim());
                    }
                }
                rows.push(r);
                true
            }
            _ => false,
        };
        let line = format!("curation:{}:{}:{}:{} ({})", o.action, o.table, o.record_id, o.field, o.reason);
        if ok {
            applied.push(line);
        } else {
            problems.push(Issue::file("error", "curation-error", "curation/overrides.csv", format!("could not apply {line}")));
        }
    }
    (applied, problems)
}
