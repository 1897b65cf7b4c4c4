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
    let outcomes: Vec<Option<bool>> = overrides.iter().map(|o| apply_one(o, tables)).collect();
    report(overrides, &outcomes)
}

/// The `issues.json` lines of applied overrides and the problems of the others, in file order
/// (`None`: the override names no known table).
pub fn report(overrides: &[Override], outcomes: &[Option<bool>]) -> (Vec<String>, Vec<Issue>) {
    let mut applied = Vec::new();
    let mut problems = Vec::new();
    for (o, ok) in overrides.iter().zip(outcomes) {
        let line = format!("curation:{}:{}:{}:{} ({})", o.action, o.table, o.record_id, o.field, o.reason);
        match ok {
            None => problems.push(Issue::file("error", "curation-error", "curation/overrides.csv", format!("unknown table {}", o.table))),
            Some(true) => applied.push(line),
            Some(false) => problems.push(Issue::file("error", "curation-error", "curation/overrides.csv", format!("could not apply {line}"))),
        }
    }
    (applied, problems)
}

/// Applies one override; `None` when its table is not among `tables`.
pub fn apply_one(o: &Override, tables: &mut [(String, String, Vec<Row>)]) -> Option<bool> {
    let (_, idcol, rows) = tables.iter_mut().find(|t| t.0 == o.table)?;
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
    Some(ok)
}

/// Overrides applied to a table that streams past one row at a time (see `pipeline`): a row
/// whose id an override names is run through those overrides, in file order; overrides whose
/// record never came (an `add`, or a `drop`/`set` of a missing id) are applied at the end.
pub struct Streamed<'a> {
    overrides: &'a [Override],
    /// Table → record id → indices of the overrides naming it.
    by_target: std::collections::HashMap<&'a str, std::collections::HashMap<&'a str, Vec<usize>>>,
    /// Per override: `Some(applied)` once tried.
    pub outcomes: Vec<Option<bool>>,
}

impl<'a> Streamed<'a> {
    /// The overrides of `tables` (the others are left as `None` in `outcomes`).
    pub fn new(overrides: &'a [Override], tables: &[&str]) -> Self {
        let mut by_target: std::collections::HashMap<&str, std::collections::HashMap<&str, Vec<usize>>> = Default::default();
        for (i, o) in overrides.iter().enumerate().filter(|(_, o)| tables.contains(&o.table.as_str())) {
            by_target.entry(o.table.as_str()).or_default().entry(o.record_id.as_str()).or_default().push(i);
        }
        Streamed { overrides, by_target, outcomes: vec![None; overrides.len()] }
    }

    /// The rows that `row` (of `table`, id in column `idcol`) becomes: itself, none (dropped),
    /// or itself and an added row.
    pub fn row(&mut self, table: &str, idcol: &str, row: Row) -> Vec<Row> {
        let Some(ixs) = self.by_target.get_mut(table).and_then(|m| m.remove(row.get(idcol))) else { return vec![row] };
        self.run(table, idcol, ixs, vec![row])
    }

    /// Rows added to `table` by overrides whose record never came.
    pub fn finish(&mut self, table: &str, idcol: &str) -> Vec<Row> {
        let mut left: Vec<Vec<usize>> = self.by_target.remove(table).map(|m| m.into_values().collect()).unwrap_or_default();
        left.sort();
        left.into_iter().flat_map(|ixs| self.run(table, idcol, ixs, Vec::new())).collect()
    }

    fn run(&mut self, table: &str, idcol: &str, ixs: Vec<usize>, rows: Vec<Row>) -> Vec<Row> {
        let mut t = [(table.to_string(), idcol.to_string(), rows)];
        for i in ixs {
            self.outcomes[i] = apply_one(&self.overrides[i], &mut t);
        }
        let [(_, _, rows)] = t;
        rows
    }
}
