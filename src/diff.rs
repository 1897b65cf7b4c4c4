//! `cnkp diff OLD NEW`: what changed between two published folders, table by table, keyed by
//! each table's primary key (a hash join, linear in the rows): rows added, removed and modified
//! (with the cells that changed, old → new), and schema changes (columns added, removed or
//! retyped; a table present on one side only). Markdown for a pull-request comment, or JSON.

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// One changed cell.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Cell {
    pub column: String,
    pub old: String,
    pub new: String,
}

/// One modified row: its key and the cells that changed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Modified {
    pub key: String,
    pub cells: Vec<Cell>,
}

/// The difference of one table.
#[derive(Debug, Clone, Serialize, Default, PartialEq, Eq)]
pub struct TableDiff {
    pub table: String,
    /// `added` / `removed` when the table exists on one side only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub table_change: Option<String>,
    pub columns_added: Vec<String>,
    pub columns_removed: Vec<String>,
    /// `column: old type → new type`.
    pub columns_retyped: Vec<String>,
    pub rows_old: usize,
    pub rows_new: usize,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub modified: Vec<Modified>,
}

impl TableDiff {
    /// True when nothing differs.
    pub fn is_empty(&self) -> bool {
        self.table_change.is_none()
            && self.columns_added.is_empty()
            && self.columns_removed.is_empty()
            && self.columns_retyped.is_empty()
            && self.added.is_empty()
            && self.removed.is_empty()
            && self.modified.is_empty()
    }

    /// True when the table's shape changed (a breaking change of the dataset).
    pub fn schema_changed(&self) -> bool {
        self.table_change.is_some() || !self.columns_added.is_empty() || !self.columns_removed.is_empty() || !self.columns_retyped.is_empty()
    }

    /// True when most of the old keys vanished while about as many new ones appeared: the ID
    /// scheme changed (existing IDs reappear under new keys), a breaking change.
    pub fn ids_changed(&self) -> bool {
        self.rows_old >= 4 && self.removed.len() * 2 > self.rows_old && self.added.len() * 2 > self.rows_new
    }
}

/// A table as read: its columns (name, type), primary key and rows by key.
struct Table {
    columns: Vec<(String, String)>,
    rows: HashMap<String, Vec<String>>,
    order: Vec<String>,
}

/// Table names and their schema (fields with types, primary key) from a folder's
/// `datapackage.json`; without one, every `*.csv` with its first column as key.
fn catalog(dir: &Path) -> Result<BTreeMap<String, (Vec<(String, String)>, Vec<String>)>> {
    let mut out = BTreeMap::new();
    if let Ok(text) = std::fs::read_to_string(dir.join("datapackage.json")) {
        let dp: Value = serde_json::from_str(&text).with_context(|| format!("{}: datapackage.json is not JSON", dir.display()))?;
        for r in dp["resources"].as_array().into_iter().flatten() {
            if r["format"].as_str() != Some("csv") {
                continue;
            }
            let name = r["name"].as_str().unwrap_or_default().to_string();
            let fields = r["schema"]["fields"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|f| (f["name"].as_str().unwrap_or_default().to_string(), f["type"].as_str().unwrap_or("string").to_string()))
                .collect();
            let pk = match &r["schema"]["primaryKey"] {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
                _ => Vec::new(),
            };
            out.insert(name, (fields, pk));
        }
        return Ok(out);
    }
    for e in std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))? {
        let p = e?.path();
        if p.extension().is_some_and(|x| x == "csv") {
            let name = p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
            out.insert(name, (Vec::new(), Vec::new()));
        }
    }
    Ok(out)
}

fn read_table(dir: &Path, name: &str, fields: &[(String, String)], pk: &[String]) -> Result<Table> {
    let path = dir.join(format!("{name}.csv"));
    let mut rdr = csv::Reader::from_path(&path).with_context(|| format!("{}: cannot read", path.display()))?;
    let header: Vec<String> = rdr.headers()?.iter().map(String::from).collect();
    let columns: Vec<(String, String)> = header
        .iter()
        .map(|h| (h.clone(), fields.iter().find(|f| &f.0 == h).map(|f| f.1.clone()).unwrap_or_else(|| "string".into())))
        .collect();
    let key_idx: Vec<usize> = if pk.is_empty() { vec![0] } else { pk.iter().filter_map(|k| header.iter().position(|h| h == k)).collect() };
    let mut rows = HashMap::new();
    let mut order = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.with_context(|| format!("{}: row {}", path.display(), i + 2))?;
        let vals: Vec<String> = rec.iter().map(String::from).collect();
        let mut key = key_idx.iter().map(|&k| vals.get(k).cloned().unwrap_or_default()).collect::<Vec<_>>().join("|");
        if rows.contains_key(&key) {
            key = format!("{key}#{}", i + 2); // a duplicate key: keep both rows apart
        }
        order.push(key.clone());
        rows.insert(key, vals);
    }
    Ok(Table { columns, rows, order })
}

/// Compares two published folders.
pub fn diff(old: &Path, new: &Path) -> Result<Vec<TableDiff>> {
    let (co, cn) = (catalog(old)?, catalog(new)?);
    let mut names: Vec<String> = co.keys().chain(cn.keys()).cloned().collect();
    names.sort();
    names.dedup();
    let mut out = Vec::new();
    for name in names {
        let mut d = TableDiff { table: name.clone(), ..Default::default() };
        let o = co.get(&name).map(|(f, pk)| read_table(old, &name, f, pk)).transpose()?;
        let n = cn.get(&name).map(|(f, pk)| read_table(new, &name, f, pk)).transpose()?;
        match (o, n) {
            (None, Some(n)) => {
                d.table_change = Some("added".into());
                d.rows_new = n.rows.len();
                d.added = n.order.clone();
            }
            (Some(o), None) => {
                d.table_change = Some("removed".into());
                d.rows_old = o.rows.len();
                d.removed = o.order.clone();
            }
            (Some(o), Some(n)) => {
                d.rows_old = o.rows.len();
                d.rows_new = n.rows.len();
                for (c, t) in &n.columns {
                    match o.columns.iter().find(|x| &x.0 == c) {
                        None => d.columns_added.push(c.clone()),
                        Some((_, ot)) if ot != t => d.columns_retyped.push(format!("{c}: {ot} → {t}")),
                        _ => {}
                    }
                }
                for (c, _) in &o.columns {
                    if !n.columns.iter().any(|x| &x.0 == c) {
                        d.columns_removed.push(c.clone());
                    }
                }
                // Cells are compared on the columns both sides have.
                let shared: Vec<(usize, usize, String)> = n
                    .columns
                    .iter()
                    .enumerate()
                    .filter_map(|(ni, (c, _))| o.columns.iter().position(|x| &x.0 == c).map(|oi| (oi, ni, c.clone())))
                    .collect();
                for k in &n.order {
                    match o.rows.get(k) {
                        None => d.added.push(k.clone()),
                        Some(orow) => {
                            let nrow = &n.rows[k];
                            let cells: Vec<Cell> = shared
                                .iter()
                                .filter_map(|(oi, ni, c)| {
                                    let (a, b) = (orow.get(*oi).cloned().unwrap_or_default(), nrow.get(*ni).cloned().unwrap_or_default());
                                    (a != b).then(|| Cell { column: c.clone(), old: a, new: b })
                                })
                                .collect();
                            if !cells.is_empty() {
                                d.modified.push(Modified { key: k.clone(), cells });
                            }
                        }
                    }
                }
                d.removed = o.order.iter().filter(|k| !n.rows.contains_key(*k)).cloned().collect();
            }
            (None, None) => continue,
        }
        out.push(d);
    }
    Ok(out)
}

/// The diff as Markdown: a summary table, then the changes of each table (up to `limit` rows of
/// each kind).
pub fn markdown(diffs: &[TableDiff], limit: usize) -> String {
    let mut s = String::from("| table | rows before | rows after | added | removed | modified | schema |\n|---|---:|---:|---:|---:|---:|---|\n");
    for d in diffs {
        let mut schema: Vec<String> = Vec::new();
        if let Some(t) = &d.table_change {
            schema.push(format!("table {t}"));
        }
        schema.extend(d.columns_added.iter().map(|c| format!("+{c}")));
        schema.extend(d.columns_removed.iter().map(|c| format!("-{c}")));
        schema.extend(d.columns_retyped.iter().cloned());
        s += &format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            d.table,
            d.rows_old,
            d.rows_new,
            d.added.len(),
            d.removed.len(),
            d.modified.len(),
            schema.join(", ")
        );
    }
    for d in diffs.iter().filter(|d| !d.is_empty()) {
        s += &format!("\n### {}\n", d.table);
        let more = |n: usize| if n > limit { format!("\n… and {} more\n", n - limit) } else { String::new() };
        if !d.added.is_empty() {
            s += &format!("\nAdded ({}): {}\n{}", d.added.len(), d.added.iter().take(limit).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "), more(d.added.len()));
        }
        if !d.removed.is_empty() {
            s += &format!(
                "\nRemoved ({}): {}\n{}",
                d.removed.len(),
                d.removed.iter().take(limit).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", "),
                more(d.removed.len())
            );
        }
        if !d.modified.is_empty() {
            s += &format!("\nModified ({}):\n\n| key | column | old | new |\n|---|---|---|---|\n", d.modified.len());
            for m in d.modified.iter().take(limit) {
                for c in &m.cells {
                    let esc = |x: &str| crate::tables::trunc(x, 80).replace('|', "\\|").replace('\n', " ");
                    s += &format!("| `{}` | {} | {} | {} |\n", m.key, c.column, esc(&c.old), esc(&c.new));
                }
            }
            s += &more(d.modified.len());
        }
    }
    s
}

/// The diff as JSON (every change, no limit).
pub fn to_json(diffs: &[TableDiff]) -> Value {
    json!({
        "identical": diffs.iter().all(|d| d.is_empty()),
        "tables": diffs,
    })
}
