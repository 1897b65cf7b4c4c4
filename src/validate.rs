//! Stage 5 — validate: Frictionless Table Schema checks (types, required, enum, pattern,
//! primaryKey, foreignKeys). Problems use Frictionless error names.

use crate::model::Issue;
use crate::tables::Row;
use anyhow::{Context, Result};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// One field of a Table Schema.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub kind: String,
    pub required: bool,
    pub enumeration: Option<Vec<String>>,
    pub pattern: Option<regex::Regex>,
}

/// A Table Schema, with the JSON kept for `datapackage.json`.
#[derive(Debug, Clone)]
pub struct Schema {
    pub name: String,
    pub fields: Vec<Field>,
    pub primary_key: Vec<String>,
    /// (fields, referenced resource, referenced fields).
    pub foreign_keys: Vec<(Vec<String>, String, Vec<String>)>,
    pub json: Value,
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
        _ => Vec::new(),
    }
}

impl Schema {
    /// Loads `dir/NAME.json`.
    pub fn load(dir: &Path, name: &str) -> Result<Schema> {
        Schema::load_files(&crate::bundled::Files::Dir(dir.to_path_buf()), name)
    }

    /// Loads `NAME.json` from a folder or from the built-in schemas.
    pub fn load_files(dir: &crate::bundled::Files, name: &str) -> Result<Schema> {
        let file = format!("{name}.json");
        let path = dir.label(&file);
        let text = dir.read(&file)?;
        let json: Value = serde_json::from_str(&text).with_context(|| format!("{path}: invalid JSON"))?;
        let mut fields = Vec::new();
        for f in json["fields"].as_array().context("schema has no fields")? {
            let c = &f["constraints"];
            fields.push(Field {
                name: f["name"].as_str().context("field without name")?.to_string(),
                kind: f["type"].as_str().unwrap_or("string").to_string(),
                required: c["required"].as_bool().unwrap_or(false),
                enumeration: c.get("enum").map(strings),
                pattern: match c["pattern"].as_str() {
                    Some(p) => Some(regex::Regex::new(&format!("^(?:{p})$")).with_context(|| format!("{path}: bad pattern"))?),
                    None => None,
                },
            });
        }
        let foreign_keys = json["foreignKeys"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|fk| {
                        (
                            strings(&fk["fields"]),
                            fk["reference"]["resource"].as_str().unwrap_or("").to_string(),
                            strings(&fk["reference"]["fields"]),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        Ok(Schema { name: name.to_string(), fields, primary_key: strings(&json["primaryKey"]), foreign_keys, json })
    }

    /// The (first) primary-key column: a record's id (`""` when the table has no key).
    pub fn id_column(&self) -> &str {
        self.primary_key.first().map(String::as_str).unwrap_or("")
    }

    /// Column names in order.
    pub fn columns(&self) -> Vec<String> {
        self.fields.iter().map(|f| f.name.clone()).collect()
    }
}

fn type_ok(kind: &str, v: &str) -> bool {
    match kind {
        "integer" => v.parse::<i64>().is_ok(),
        "number" => v.parse::<f64>().is_ok_and(|x| x.is_finite()),
        "date" => chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok() && v.len() == 10,
        "boolean" => v == "true" || v == "false",
        _ => true,
    }
}

fn issue(code: &str, table: &str, row: usize, field: &str, value: &str, msg: String) -> Issue {
    Issue {
        severity: "error".into(),
        code: code.into(),
        file: format!("{table}.csv"),
        table: Some(table.into()),
        row: Some(row),
        field: Some(field.into()),
        value: Some(value.into()),
        message: msg,
    }
}

/// The cell checks of one row (`n` is its 1-based number): unknown columns, required values,
/// types, enums and patterns.
fn check_row(schema: &Schema, known: &HashSet<&str>, n: usize, row: &Row, out: &mut Vec<Issue>) {
    let t = schema.name.as_str();
    for (k, _) in row.cells() {
        if !known.contains(k) {
            out.push(issue("extra-cell", t, n, k, row.get(k), format!("column {k} is not in the schema")));
        }
    }
    for f in &schema.fields {
        let v = row.get(&f.name);
        if v.is_empty() {
            if f.required || schema.primary_key.contains(&f.name) {
                out.push(issue("constraint-error", t, n, &f.name, v, "required value is missing".into()));
            }
            continue;
        }
        if !type_ok(&f.kind, v) {
            out.push(issue("type-error", t, n, &f.name, v, format!("not a valid {}", f.kind)));
        }
        if let Some(e) = &f.enumeration {
            if !e.iter().any(|x| x == v) {
                out.push(issue("constraint-error", t, n, &f.name, v, format!("not one of {}", e.join(", "))));
            }
        }
        if let Some(p) = &f.pattern {
            if !p.is_match(v) {
                out.push(issue("constraint-error", t, n, &f.name, v, format!("does not match pattern {}", p.as_str())));
            }
        }
    }
}

/// Checks all tables against their schemas; an empty result means every table may be published.
/// Tables, and blocks of rows within a table, are checked in parallel; the problems come out in
/// table and row order all the same.
pub fn check(tables: &[(Schema, Vec<Row>)]) -> Vec<Issue> {
    use rayon::prelude::*;
    let by_name: BTreeMap<&str, &(Schema, Vec<Row>)> = tables.iter().map(|t| (t.0.name.as_str(), t)).collect();
    let per_table: Vec<Vec<Issue>> = tables.par_iter().map(|(schema, rows)| check_table(schema, rows, &by_name)).collect();
    per_table.into_iter().flatten().collect()
}

fn check_table(schema: &Schema, rows: &[Row], by_name: &BTreeMap<&str, &(Schema, Vec<Row>)>) -> Vec<Issue> {
    use rayon::prelude::*;
    const BLOCK: usize = 4096;
    let t = schema.name.as_str();
    let known: HashSet<&str> = schema.fields.iter().map(|f| f.name.as_str()).collect();
    let blocks: Vec<Vec<Issue>> = rows
        .par_chunks(BLOCK)
        .enumerate()
        .map(|(b, chunk)| {
            let mut out = Vec::new();
            for (i, row) in chunk.iter().enumerate() {
                check_row(schema, &known, b * BLOCK + i + 1, row, &mut out);
            }
            out
        })
        .collect();
    let mut out: Vec<Issue> = Vec::new();
    // Each row's cell problems, then its key problem, in row order.
    let mut cell_issues = blocks.into_iter().flatten().peekable();
    let mut keys = HashSet::new();
    for (i, row) in rows.iter().enumerate() {
        let n = i + 1;
        while cell_issues.peek().is_some_and(|x| x.row == Some(n)) {
            out.extend(cell_issues.next());
        }
        if !schema.primary_key.is_empty() {
            let key: Vec<&str> = schema.primary_key.iter().map(|k| row.get(k)).collect();
            if !keys.insert(key.join("\u{1f}")) {
                out.push(issue("primary-key", t, n, &schema.primary_key.join(","), &key.join(","), "duplicate primary key".into()));
            }
        }
    }
    out.extend(cell_issues);
    for (fields, res, rfields) in &schema.foreign_keys {
        let Some((_, rrows)) = by_name.get(res.as_str()).map(|x| (&x.0, &x.1)) else {
            out.push(issue("foreign-key", t, 0, &fields.join(","), res, format!("referenced table {res} is missing")));
            continue;
        };
        let targets: HashSet<String> =
            rrows.iter().map(|r| rfields.iter().map(|f| r.get(f)).collect::<Vec<_>>().join("\u{1f}")).collect();
        for (i, row) in rows.iter().enumerate() {
            let vals: Vec<&str> = fields.iter().map(|f| row.get(f)).collect();
            if vals.iter().all(|v| v.is_empty()) {
                continue;
            }
            if !targets.contains(&vals.join("\u{1f}")) {
                out.push(issue(
                    "foreign-key",
                    t,
                    i + 1,
                    &fields.join(","),
                    &vals.join(","),
                    format!("no {res} row has this {}", rfields.join(",")),
                ));
            }
        }
    }
    out
}

/// The published tables, in order (entities and documents first: others refer to them).
pub const TABLES: &[&str] = &["documents", "entities", "visits", "trade", "sanctions", "statements", "mentions"];

/// Reads a published CSV as rows, checking that its header matches the schema.
pub fn read_csv(path: &Path, schema: &Schema) -> Result<Vec<Row>, Issue> {
    let name = path.file_name().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
    let err = |m: String| Issue::file("error", "source-error", &name, m);
    let mut rdr = csv::Reader::from_path(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let header: Vec<String> = rdr.headers().map_err(|e| err(e.to_string()))?.iter().map(String::from).collect();
    if header != schema.columns() {
        return Err(Issue::file(
            "error",
            "incorrect-label",
            &name,
            format!("header {:?} differs from schema {:?}", header, schema.columns()),
        ));
    }
    let mut rows = Vec::new();
    for rec in rdr.records() {
        let rec = rec.map_err(|e| err(e.to_string()))?;
        let mut r = Row::new();
        for (h, v) in header.iter().zip(rec.iter()) {
            r.set(h.clone(), v);
        }
        rows.push(r);
    }
    Ok(rows)
}

/// Checks the rows of one table as they stream past, in bounded memory: the cell checks of
/// [`check`], primary keys (kept as 64-bit hashes) and foreign keys into tables already in
/// memory. Problems come per row, in row order.
pub struct Checker<'a> {
    schema: &'a Schema,
    known: HashSet<&'a str>,
    keys: HashSet<u64>,
    /// (fields, referenced table, referenced fields, the referenced keys).
    fks: Vec<(&'a [String], &'a str, &'a [String], HashSet<String>)>,
    /// Rows seen so far.
    pub rows: usize,
}

impl<'a> Checker<'a> {
    /// A checker for `schema` whose foreign keys refer to the tables in `targets`.
    pub fn new(schema: &'a Schema, targets: &[(Schema, Vec<Row>)]) -> Self {
        let fks = schema
            .foreign_keys
            .iter()
            .map(|(fields, res, rfields)| {
                let keys = targets
                    .iter()
                    .find(|t| &t.0.name == res)
                    .map(|t| t.1.iter().map(|r| rfields.iter().map(|f| r.get(f)).collect::<Vec<_>>().join("\u{1f}")).collect())
                    .unwrap_or_default();
                (fields.as_slice(), res.as_str(), rfields.as_slice(), keys)
            })
            .collect();
        Checker { schema, known: schema.fields.iter().map(|f| f.name.as_str()).collect(), keys: HashSet::new(), fks, rows: 0 }
    }

    /// The problems of the next row (its number is `self.rows` afterwards).
    pub fn row(&mut self, row: &Row) -> Vec<Issue> {
        use std::hash::{Hash, Hasher};
        self.rows += 1;
        let (t, n) = (self.schema.name.as_str(), self.rows);
        let mut out = Vec::new();
        check_row(self.schema, &self.known, n, row, &mut out);
        if !self.schema.primary_key.is_empty() {
            let key: Vec<&str> = self.schema.primary_key.iter().map(|k| row.get(k)).collect();
            let mut h = std::collections::hash_map::DefaultHasher::new();
            key.hash(&mut h);
            if !self.keys.insert(h.finish()) {
                out.push(issue("primary-key", t, n, &self.schema.primary_key.join(","), &key.join(","), "duplicate primary key".into()));
            }
        }
        for (fields, res, rfields, targets) in &self.fks {
            let vals: Vec<&str> = fields.iter().map(|f| row.get(f)).collect();
            if vals.iter().all(|v| v.is_empty()) {
                continue;
            }
            if !targets.contains(&vals.join("\u{1f}")) {
                out.push(issue("foreign-key", t, n, &fields.join(","), &vals.join(","), format!("no {res} row has this {}", rfields.join(","))));
            }
        }
        out
    }
}
