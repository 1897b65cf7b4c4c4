//! Stage 6 — write: CSV, Parquet (typed: dates as `Date`, numbers as numbers) and
//! `datapackage.json` into a temporary directory beside the output, then an atomic swap.

use crate::tables::Row;
use crate::validate::Schema;
use anyhow::{Context, Result};
use polars::prelude::*;
use serde_json::{json, Value};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The cells of each column, in schema order (`""` for a cell the row lacks). One ordered walk
/// of each row against the sorted column names, rather than a lookup per cell.
pub fn columns<'a>(schema: &Schema, rows: &'a [Row]) -> Vec<Vec<&'a str>> {
    let mut sorted: Vec<(&str, usize)> = schema.fields.iter().enumerate().map(|(i, f)| (f.name.as_str(), i)).collect();
    sorted.sort();
    let mut cols: Vec<Vec<&str>> = schema.fields.iter().map(|_| Vec::with_capacity(rows.len())).collect();
    for r in rows {
        let mut cells = r.cells().peekable();
        for &(name, i) in &sorted {
            while cells.peek().is_some_and(|&(k, _)| k < name) {
                cells.next();
            }
            let v = match cells.peek() {
                Some(&(k, v)) if k == name => v,
                _ => "",
            };
            cols[i].push(v);
        }
    }
    cols
}

/// Writes a table as CSV (RFC 4180, `\n` line ends, columns in schema order).
fn write_csv_columns(path: &Path, schema: &Schema, cols: &[Vec<&str>], n: usize) -> Result<()> {
    let file = File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
    w.write_record(schema.columns())?;
    for i in 0..n {
        w.write_record(cols.iter().map(|c| c[i]))?;
    }
    w.flush()?;
    Ok(())
}

/// Writes a table as Parquet with the schema's types.
fn write_parquet_columns(path: &Path, schema: &Schema, columns: &[Vec<&str>], n: usize) -> Result<()> {
    let mut df = frame(schema, columns, n)?;
    let file = File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
    ParquetWriter::new(file).finish(&mut df)?;
    Ok(())
}

/// The cells of a table as a typed DataFrame (the schema's types; `""` is null).
fn frame(schema: &Schema, columns: &[Vec<&str>], n: usize) -> Result<DataFrame> {
    let mut cols: Vec<Column> = Vec::new();
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).context("epoch")?;
    for (f, col) in schema.fields.iter().zip(columns) {
        let name: PlSmallStr = f.name.as_str().into();
        let cells = col.iter().map(|&v| if v.is_empty() { None } else { Some(v) });
        let s = match f.kind.as_str() {
            "integer" => Series::new(name, cells.map(|v| v.and_then(|v| v.parse::<i64>().ok())).collect::<Vec<_>>()),
            "number" => Series::new(name, cells.map(|v| v.and_then(|v| v.parse::<f64>().ok())).collect::<Vec<_>>()),
            "boolean" => Series::new(name, cells.map(|v| v.map(|v| v == "true")).collect::<Vec<_>>()),
            "date" => Series::new(
                name,
                cells
                    .map(|v| v.and_then(|v| chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").ok()).map(|d| (d - epoch).num_days() as i32))
                    .collect::<Vec<_>>(),
            )
            .cast(&DataType::Date)?,
            _ => Series::new(name, cells.collect::<Vec<_>>()),
        };
        cols.push(s.into());
    }
    Ok(DataFrame::new(n, cols)?)
}

/// Rows per batch of a streamed table: a Parquet row group, and the most rows held in memory.
const ROW_GROUP: usize = 16_384;

/// Writes one table row by row, in bounded memory: rows are written a batch at a time, to the
/// CSV and as one Parquet row group, on a thread of the table's own (so encoding overlaps with
/// the rows still being made; batches are written in the order pushed).
pub struct TableWriter {
    batch: Vec<Row>,
    tx: Option<std::sync::mpsc::SyncSender<Vec<Row>>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
    /// Rows written so far.
    pub rows: usize,
}

/// The files of one streamed table.
struct Sink {
    schema: Schema,
    csv: csv::Writer<std::io::BufWriter<File>>,
    parquet: Option<polars::io::parquet::write::BatchedWriter<File>>,
    parquet_path: PathBuf,
}

impl Sink {
    fn write(&mut self, batch: &[Row]) -> Result<()> {
        let n = batch.len();
        let cols = columns(&self.schema, batch);
        for i in 0..n {
            self.csv.write_record(cols.iter().map(|c| c[i]))?;
        }
        let df = frame(&self.schema, &cols, n)?;
        drop(cols);
        if self.parquet.is_none() {
            let file = File::create(&self.parquet_path).with_context(|| format!("{}: cannot create", self.parquet_path.display()))?;
            self.parquet = Some(ParquetWriter::new(file).batched(df.schema())?);
        }
        if let Some(w) = self.parquet.as_mut() {
            w.write_batch(&df)?;
        }
        Ok(())
    }

    fn close(mut self) -> Result<()> {
        if self.parquet.is_none() {
            // An empty table still gets its (typed, empty) Parquet file.
            self.write(&[])?;
        }
        if let Some(w) = self.parquet.take() {
            w.finish()?;
        }
        self.csv.flush()?;
        Ok(())
    }
}

impl TableWriter {
    /// Creates `NAME.csv` (with its header) and `NAME.parquet` in `dir`.
    pub fn create(dir: &Path, schema: &Schema) -> Result<Self> {
        let path = dir.join(format!("{}.csv", schema.name));
        let file = File::create(&path).with_context(|| format!("{}: cannot create", path.display()))?;
        let mut csv = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
        csv.write_record(schema.columns())?;
        let mut sink = Sink { schema: schema.clone(), csv, parquet: None, parquet_path: dir.join(format!("{}.parquet", schema.name)) };
        // Two batches in flight at most: memory stays bounded when writing is the slower side.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Row>>(1);
        let thread = std::thread::spawn(move || -> Result<()> {
            for batch in rx {
                sink.write(&batch)?;
            }
            sink.close()
        });
        Ok(TableWriter { batch: Vec::new(), tx: Some(tx), thread: Some(thread), rows: 0 })
    }

    /// Appends a row.
    pub fn push(&mut self, row: Row) -> Result<()> {
        self.batch.push(row);
        self.rows += 1;
        if self.batch.len() == ROW_GROUP {
            self.send()?;
        }
        Ok(())
    }

    fn send(&mut self) -> Result<()> {
        let batch = std::mem::take(&mut self.batch);
        if self.tx.as_ref().is_some_and(|tx| tx.send(batch).is_err()) {
            // The writing thread stopped: its error is the one to report.
            self.tx = None;
            return self.join().and_then(|_| anyhow::bail!("the writer of a table stopped"));
        }
        Ok(())
    }

    fn join(&mut self) -> Result<()> {
        match self.thread.take().map(|t| t.join()) {
            Some(Ok(r)) => r,
            Some(Err(_)) => anyhow::bail!("the writer of a table panicked"),
            None => Ok(()),
        }
    }

    /// Writes the last row group and closes both files.
    pub fn finish(mut self) -> Result<usize> {
        if !self.batch.is_empty() {
            self.send()?;
        }
        self.tx = None;
        self.join()?;
        Ok(self.rows)
    }
}

impl Drop for TableWriter {
    /// A writer given up on (the run failed) still waits for its thread, so nothing writes
    /// into the temporary folder once it is removed.
    fn drop(&mut self) {
        self.tx = None;
        let _ = self.join();
    }
}

fn file_entry(dir: &Path, file: &str) -> Result<(u64, String)> {
    // Hashed as it is read: a table of any size costs one buffer, not its size in memory.
    let f = std::fs::File::open(dir.join(file)).with_context(|| format!("{file}: cannot read back"))?;
    Ok(crate::model::sha256_reader(f)?)
}

/// What the package says about itself besides its tables.
#[derive(Debug, Clone, Default)]
pub struct PackageMeta {
    /// Version and release date (from `release.json`); none for an unreleased run.
    pub release: Option<crate::release::Release>,
    /// SHA-256 over the reference data that produced the package.
    pub reference_sha256: String,
    /// A gold folder to score the package against (`quality.json`).
    pub gold: Option<PathBuf>,
    /// The reference data (for scoring).
    pub reference: Option<crate::bundled::Files>,
}

/// Writes every table plus `datapackage.json`, `issues.json` and (with a gold folder)
/// `quality.json` into `dir`. `tables` are written here; `written` ones (name, rows) are
/// already in `dir` (streamed with [`TableWriter`]). Resources follow `validate::TABLES`.
pub fn write_all(dir: &Path, tables: &[(Schema, Vec<Row>)], written: &[(Schema, usize)], issues: &impl serde::Serialize, meta: &PackageMeta) -> Result<()> {
    use rayon::prelude::*;
    // Tables are written in parallel (each CSV beside its Parquet twin).
    tables.par_iter().try_for_each(|(schema, rows)| -> Result<()> {
        let cols = columns(schema, rows);
        let (c, p) = rayon::join(
            || write_csv_columns(&dir.join(format!("{}.csv", schema.name)), schema, &cols, rows.len()),
            || write_parquet_columns(&dir.join(format!("{}.parquet", schema.name)), schema, &cols, rows.len()),
        );
        c.and(p)
    })?;
    let mut all: Vec<(&Schema, usize)> = tables.iter().map(|(s, r)| (s, r.len())).chain(written.iter().map(|(s, n)| (s, *n))).collect();
    all.sort_by_key(|(s, _)| crate::validate::TABLES.iter().position(|t| *t == s.name).unwrap_or(usize::MAX));
    let mut resources = all
        .par_iter()
        .map(|&(schema, n_rows)| -> Result<Value> {
            let csv_name = format!("{}.csv", schema.name);
            let pq_name = format!("{}.parquet", schema.name);
            let (b, h) = file_entry(dir, &csv_name)?;
            let (pb, ph) = file_entry(dir, &pq_name)?;
            // The Parquet twin is described on its table's resource (same rows, typed): Frictionless
            // tools validate the CSV resources and cannot byte-count Parquet ones.
            Ok(json!({
                "name": schema.name, "path": csv_name, "profile": "tabular-data-resource", "format": "csv",
                "mediatype": "text/csv", "encoding": "utf-8", "bytes": b, "hash": format!("sha256:{h}"),
                "rows": n_rows, "schema": schema.json,
                "cnkp:parquet": {"path": pq_name, "mediatype": "application/vnd.apache.parquet", "bytes": pb, "hash": format!("sha256:{ph}")},
            }))
        })
        .collect::<Result<Vec<Value>>>()?;
    // Serialized straight into the file (hundreds of thousands of warnings on a large corpus).
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(dir.join("issues.json"))?);
        serde_json::to_writer_pretty(&mut f, issues)?;
        std::io::Write::write_all(&mut f, b"\n")?;
        std::io::Write::flush(&mut f)?;
    }
    let (b, h) = file_entry(dir, "issues.json")?;
    resources.push(json!({"name": "issues", "path": "issues.json", "format": "json", "mediatype": "application/json", "bytes": b, "hash": format!("sha256:{h}")}));
    if let Some(gold) = &meta.gold {
        // Quality published with the data: the package scored against the gold, as written.
        let reference = crate::reference::Reference::load_files(meta.reference.as_ref().unwrap_or(&crate::bundled::Files::reference(None)))?;
        let scores = crate::eval::evaluate(gold, dir, &reference, false)?;
        let mut q = serde_json::Map::new();
        for (t, sc) in &scores {
            let r3 = |x: f64| (x * 1000.0).round() / 1000.0;
            q.insert(
                t.clone(),
                json!({"gold_rows": sc.tp + sc.fn_, "predicted_rows": sc.tp + sc.fp, "matched": sc.tp,
                       "precision": r3(sc.precision()), "recall": r3(sc.recall()), "f1": r3(sc.f1())}),
            );
        }
        let quality = json!({"gold": "tests/gold (the curators' annotation of the bundled articles)", "matching": "see README, Quality", "tables": q});
        std::fs::write(dir.join("quality.json"), serde_json::to_string_pretty(&quality)? + "\n")?;
        let (b, h) = file_entry(dir, "quality.json")?;
        resources.push(json!({"name": "quality", "path": "quality.json", "format": "json", "mediatype": "application/json", "bytes": b, "hash": format!("sha256:{h}")}));
    }
    // Licences and sources: one entry per licence the documents state, one source per document.
    let docs = tables.iter().find(|(s, _)| s.name == "documents").map(|(_, r)| r.as_slice()).unwrap_or(&[]);
    let mut licences: Vec<String> = docs.iter().map(|r| r.get("licence").to_string()).filter(|l| !l.is_empty()).collect();
    licences.sort();
    licences.dedup();
    let licenses: Vec<Value> = licences
        .iter()
        .map(|l| {
            let (name, path) = if l.contains("BY-SA") { ("CC-BY-SA-4.0", "https://creativecommons.org/licenses/by-sa/4.0/") } else { ("other", "") };
            let mut v = json!({"name": name, "title": l});
            if !path.is_empty() {
                v["path"] = path.into();
            }
            v
        })
        .collect();
    let sources: Vec<Value> = docs
        .iter()
        .map(|r| {
            let mut v = json!({"title": if r.get("title").is_empty() { r.get("doc_id") } else { r.get("title") }});
            if !r.get("url").is_empty() {
                v["path"] = r.get("url").into();
            }
            v
        })
        .collect();
    let mut dp = json!({
        "profile": "data-package",
        "name": "cnkp",
        "title": "China–DPRK relations: visits, trade, sanctions and statements",
        "description": "Curated by the cnkp pipeline from raw article text; every record is traced to its source spans in the mentions table. Rows derived from a ShareAlike source (documents.licence) are under that licence.",
        "licenses": licenses,
        "sources": sources,
        "cnkp:reference_sha256": meta.reference_sha256,
        "resources": resources,
    });
    if let Some(r) = &meta.release {
        dp["version"] = r.version.clone().into();
        dp["created"] = r.created.clone().into();
    }
    std::fs::write(dir.join("datapackage.json"), serde_json::to_string_pretty(&dp)? + "\n")?;
    Ok(())
}

fn sync_dir(dir: &Path) -> Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        File::open(&p)?.sync_all()?;
    }
    File::open(dir)?.sync_all()?;
    Ok(())
}

/// The temporary directory beside `out` for this process.
pub fn temp_dir_for(out: &Path) -> Result<PathBuf> {
    beside(out, &format!("tmp-{}", std::process::id()))
}

/// The folder beside `out` where this process keeps each document's records between the two
/// passes of a run without a cache.
pub fn spill_dir_for(out: &Path) -> Result<PathBuf> {
    beside(out, &format!("spill-{}", std::process::id()))
}

/// A scratch folder beside `out` for this process's `what` (removed after a killed run by
/// [`clean_stale`]).
pub fn scratch_dir_for(out: &Path, what: &str) -> Result<PathBuf> {
    beside(out, &format!("spill-{}-{what}", std::process::id()))
}

/// `.NAME.SUFFIX` in the folder of `out` (named `NAME`): a hidden sibling of the output.
fn beside(out: &Path, suffix: &str) -> Result<PathBuf> {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = out.file_name().context("output path has no name")?.to_string_lossy();
    Ok(parent.join(format!(".{name}.{suffix}")))
}

/// Removes temporary directories left beside `out` by killed runs.
pub fn clean_stale(out: &Path) {
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let Some(name) = out.file_name().map(|n| n.to_string_lossy().to_string()) else { return };
    if let Ok(rd) = std::fs::read_dir(parent) {
        for e in rd.flatten() {
            let f = e.file_name().to_string_lossy().to_string();
            if f.starts_with(&format!(".{name}.tmp-")) || f.starts_with(&format!(".{name}.old-")) || f.starts_with(&format!(".{name}.spill-")) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

/// Atomically replaces `out` with the complete directory `tmp`: Linux `renameat2` with
/// `RENAME_EXCHANGE` swaps the two in one step, so a reader (or a kill) sees either the old or
/// the new dataset, never a mix and never nothing.
pub fn publish(tmp: &Path, out: &Path) -> Result<()> {
    sync_dir(tmp)?;
    if !out.exists() {
        std::fs::rename(tmp, out).with_context(|| format!("cannot move {} to {}", tmp.display(), out.display()))?;
    } else if exchange(tmp, out).is_err() {
        // Fallback for file systems without RENAME_EXCHANGE: two renames.
        let old = tmp.with_extension("old");
        std::fs::rename(out, &old)?;
        std::fs::rename(tmp, out)?;
        let _ = std::fs::remove_dir_all(old);
        return Ok(());
    }
    let _ = std::fs::remove_dir_all(tmp);
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        let _ = File::open(parent).and_then(|f| f.sync_all());
    }
    Ok(())
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let ca = CString::new(a.as_os_str().as_bytes())?;
    let cb = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; renameat2 does not retain them.
    let rc = unsafe { libc::renameat2(libc::AT_FDCWD, ca.as_ptr(), libc::AT_FDCWD, cb.as_ptr(), libc::RENAME_EXCHANGE) };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("RENAME_EXCHANGE unavailable"))
}
