//! Command-line interface: `cnkp run`, `cnkp validate`, `cnkp eval`. Each returns an exit code;
//! problems are printed one line each on stderr.

use crate::pipeline::{run, MediaStatements, RunOptions};
use crate::validate::{self, Schema, TABLES};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// cnkp — raw articles on China–DPRK relations to curated, schema-validated datasets.
#[derive(Parser, Debug)]
#[command(name = "cnkp", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the pipeline: read --raw, publish validated tables into --out atomically.
    Run {
        /// Folder of article files (.txt/.md/.html …) and optional sources.csv.
        #[arg(long, default_value = "raw")]
        raw: PathBuf,
        /// Output folder (replaced atomically when the run succeeds).
        #[arg(long, default_value = "processed")]
        out: PathBuf,
        /// Reference data folder (gazetteer and lexicons).
        /// (default: the reference data built into the binary)
        #[arg(long)]
        reference: Option<PathBuf>,
        /// Table Schema folder.
        /// (default: the schemas built into the binary)
        #[arg(long)]
        schemas: Option<PathBuf>,
        /// Curation overrides file.
        /// (default: none)
        #[arg(long)]
        curation: Option<PathBuf>,
        /// Fail (exit 1, publish nothing) if any input file is rejected.
        #[arg(long)]
        strict: bool,
        /// Largest input file accepted, in bytes.
        #[arg(long, default_value_t = 64 * 1024 * 1024)]
        max_bytes: u64,
        /// Worker threads (default: all cores). Output is identical for any value.
        #[arg(long)]
        threads: Option<usize>,
        /// Release file whose version and date go into datapackage.json (see `cnkp release`).
        #[arg(long)]
        release: Option<PathBuf>,
        /// Gold folder: publish quality.json (precision, recall, F1 per table) with the data.
        #[arg(long)]
        gold: Option<PathBuf>,
        /// A news outlet's own reporting (韩联社报道, "Reuters reported"; not state media, see
        /// reference/media.csv): drop = no statement row, a run-report line; keep = a row.
        #[arg(long, value_enum, default_value_t = MediaStatements::Drop)]
        media_statements: MediaStatements,
        /// Print the wall-clock time of each stage on stderr.
        #[arg(long)]
        timings: bool,
        /// Per-document cache folder: documents whose bytes, reference data, rules and options
        /// are unchanged since the last run are not processed again (output is the same).
        #[arg(long)]
        cache: Option<PathBuf>,
    },
    /// Check a published folder against the schemas and its datapackage.json.
    Validate {
        /// Published folder.
        #[arg(default_value = "processed")]
        dir: PathBuf,
        /// (default: the schemas built into the binary)
        #[arg(long)]
        schemas: Option<PathBuf>,
    },
    /// Show how one file is read: sentences with their dates, amounts and entities (for curators
    /// checking why a rule did or did not fire).
    Inspect {
        /// The article file.
        file: PathBuf,
        /// (default: the reference data built into the binary)
        #[arg(long)]
        reference: Option<PathBuf>,
        /// Publication date to anchor relative dates (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
    },
    /// What changed between two published folders, table by table (rows added, removed,
    /// modified; schema changes). Exit 0 when identical, 1 when they differ, 2 on error.
    Diff {
        /// The older published folder.
        old: PathBuf,
        /// The newer published folder.
        new: PathBuf,
        /// JSON instead of Markdown.
        #[arg(long)]
        json: bool,
        /// Rows listed per kind of change and table in Markdown.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Make a release: compare the new dataset with the previous one, bump the version (major:
    /// a table, column, type or ID scheme changed; minor: rows changed; patch: metadata only),
    /// write it into --release and the package, and prepend an entry to the changelog.
    Release {
        /// The previous release's published folder.
        #[arg(long)]
        previous: PathBuf,
        /// The new published folder (stamped with the new version).
        #[arg(long, default_value = "processed")]
        new: PathBuf,
        /// The release file that `cnkp run --release` stamps into the package.
        #[arg(long, default_value = "release.json")]
        release: PathBuf,
        #[arg(long, default_value = "CHANGELOG.md")]
        changelog: PathBuf,
        /// Release date (YYYY-MM-DD); default today (UTC).
        #[arg(long)]
        date: Option<String>,
    },
    /// Write a self-contained HTML report of a published folder: counts, visit timeline, trade
    /// chart, sanctions, top speakers, quality, run report, sources, and every record's evidence.
    Report {
        /// Published folder.
        #[arg(default_value = "processed")]
        dir: PathBuf,
        /// The page to write (replaced atomically).
        #[arg(long, default_value = "report/index.html")]
        out: PathBuf,
    },
    /// Write an editable copy of the built-in reference data, schemas and curation file into DIR
    /// (for a curator's own project: then run with --reference DIR/reference …).
    Init {
        dir: PathBuf,
    },
    /// Print the column dictionary (Markdown) generated from the schemas, as in the README.
    SchemaDocs {
        /// (default: the schemas built into the binary)
        #[arg(long)]
        schemas: Option<PathBuf>,
    },
    /// Precision, recall and F1 per table against a gold annotation.
    Eval {
        /// Gold folder (visits.csv, trade.csv, sanctions.csv, statements.csv).
        #[arg(long, default_value = "tests/gold")]
        gold: PathBuf,
        /// Published folder to score.
        #[arg(long, default_value = "processed")]
        pred: PathBuf,
        /// (default: the reference data built into the binary)
        #[arg(long)]
        reference: Option<PathBuf>,
        /// Exit non-zero when any table's F1 is below this.
        #[arg(long)]
        min_f1: Option<f64>,
        /// Print unmatched gold and predicted rows.
        #[arg(long)]
        verbose: bool,
    },
}

/// Runs a parsed command line.
pub fn main(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Run { raw, out, reference, schemas, curation, strict, max_bytes, threads, release, gold, media_statements, timings, cache } => {
            if let Some(n) = threads {
                let _ = rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build_global();
            }
            let opts = RunOptions { raw, out, reference, schemas, curation, strict, max_bytes, release, gold, media: media_statements, cache };
            match run(&opts) {
                Ok(rep) => {
                    for i in rep.rejected.iter().chain(&rep.quarantined).chain(&rep.errors) {
                        eprintln!("{}", i.line());
                    }
                    let n_warn = rep.warnings.len() + rep.document_warnings;
                    if let (Some(c), Some(dir)) = (rep.cache, &opts.cache) {
                        eprintln!("cnkp: cache {}: {} documents reused, {} processed, {} stale entries removed", dir.display(), c.hits, c.misses, c.pruned);
                    }
                    if timings {
                        let t: Vec<String> = rep
                            .timings
                            .iter()
                            .map(|(s, secs, mem)| match mem {
                                Some((rss, peak)) => format!("{s} {secs:.2} s (RSS {rss} MB, peak {peak} MB)"),
                                None => format!("{s} {secs:.2} s"),
                            })
                            .collect();
                        eprintln!("cnkp: stages: {}", t.join(", "));
                    }
                    if rep.published {
                        let counts: Vec<String> = rep.counts.iter().map(|(k, v)| format!("{k}={v}")).collect();
                        eprintln!(
                            "cnkp: {} {} ({} documents, {} rejected, {} records quarantined, {} warnings; {})",
                            if rep.up_to_date { "up to date, nothing changed since it was published, every file checked:" } else { "published" },
                            opts.out.display(),
                            rep.documents,
                            rep.rejected.len(),
                            rep.quarantined.len(),
                            n_warn,
                            counts.join(" ")
                        );
                        ExitCode::SUCCESS
                    } else {
                        eprintln!(
                            "cnkp: nothing published ({} rejected files, {} records quarantined, {} errors{}); {} left unchanged",
                            rep.rejected.len(),
                            rep.quarantined.len(),
                            rep.errors.len(),
                            if opts.strict { ", --strict" } else { "" },
                            opts.out.display()
                        );
                        ExitCode::FAILURE
                    }
                }
                Err(e) => {
                    eprintln!("error: {e:#}");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Validate { dir, schemas } => validate_dir(&dir, &crate::bundled::Files::schemas(schemas.as_deref())),
        Command::Inspect { file, reference, date } => inspect(&file, &crate::bundled::Files::reference(reference.as_deref()), date),
        Command::Init { dir } => match crate::bundled::init(&dir) {
            Ok(()) => {
                eprintln!("cnkp: wrote {0}/reference, {0}/schemas and {0}/curation/overrides.csv", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
        Command::SchemaDocs { schemas } => match schema_docs(&crate::bundled::Files::schemas(schemas.as_deref())) {
            Ok(text) => {
                print!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::FAILURE
            }
        },
        Command::Eval { gold, pred, reference, min_f1, verbose } => {
            crate::eval::main(&gold, &pred, &crate::bundled::Files::reference(reference.as_deref()), min_f1, verbose)
        }
        Command::Diff { old, new, json, limit } => match crate::diff::diff(&old, &new) {
            Ok(d) => {
                if json {
                    println!("{}", serde_json::to_string_pretty(&crate::diff::to_json(&d)).unwrap_or_default());
                } else {
                    print!("{}", crate::diff::markdown(&d, limit));
                }
                if d.iter().all(|t| t.is_empty()) {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                }
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Report { dir, out } => match crate::report::write(&dir, &out) {
            Ok(m) => {
                eprintln!("cnkp: wrote {} ({} visit marks, {} trade marks)", out.display(), m.visits, m.trade);
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
        Command::Release { previous, new, release, changelog, date } => match crate::release::release(&previous, &new, &release, &changelog, date) {
            Ok(v) => {
                eprintln!("cnkp: released {v}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e:#}");
                ExitCode::from(2)
            }
        },
    }
}

fn validate_dir(dir: &std::path::Path, schemas: &crate::bundled::Files) -> ExitCode {
    let mut problems = Vec::new();
    let mut tables = Vec::new();
    for name in TABLES {
        let schema = match Schema::load_files(schemas, name) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {e:#}");
                return ExitCode::FAILURE;
            }
        };
        match validate::read_csv(&dir.join(format!("{name}.csv")), &schema) {
            Ok(rows) => tables.push((schema, rows)),
            Err(i) => problems.push(i),
        }
        problems.extend(check_parquet(dir, name, tables.last().filter(|t| t.0.name == *name).map(|t| (&t.0, t.1.len()))));
    }
    problems.extend(validate::check(&tables));
    problems.extend(check_datapackage(dir));
    for p in &problems {
        eprintln!("{}", p.line());
    }
    if problems.is_empty() {
        eprintln!("cnkp: {} is valid ({} tables)", dir.display(), tables.len());
        ExitCode::SUCCESS
    } else {
        eprintln!("cnkp: {} problems in {}", problems.len(), dir.display());
        ExitCode::FAILURE
    }
}

/// The Parquet twin of a table: present, readable, same columns and row count as the CSV.
fn check_parquet(dir: &std::path::Path, name: &str, csv: Option<(&Schema, usize)>) -> Vec<crate::model::Issue> {
    use crate::model::Issue;
    use polars::prelude::*;
    let file = format!("{name}.parquet");
    let Ok(f) = std::fs::File::open(dir.join(&file)) else {
        return vec![Issue::file("error", "missing-file", &file, "Parquet file is missing")];
    };
    let df = match ParquetReader::new(f).finish() {
        Ok(df) => df,
        Err(e) => return vec![Issue::file("error", "source-error", &file, format!("cannot read Parquet: {e}"))],
    };
    let mut out = Vec::new();
    if let Some((schema, rows)) = csv {
        let cols: Vec<String> = df.get_column_names().iter().map(|c| c.to_string()).collect();
        if cols != schema.columns() {
            out.push(Issue::file("error", "incorrect-label", &file, "columns differ from the schema"));
        }
        if df.height() != rows {
            out.push(Issue::file("error", "row-count", &file, format!("{} rows, the CSV has {rows}", df.height())));
        }
    }
    out
}

fn check_datapackage(dir: &std::path::Path) -> Vec<crate::model::Issue> {
    use crate::model::{sha256_hex, Issue};
    let mut out = Vec::new();
    let dp: serde_json::Value = match std::fs::read_to_string(dir.join("datapackage.json")).ok().and_then(|t| serde_json::from_str(&t).ok())
    {
        Some(v) => v,
        None => return vec![Issue::file("error", "package-error", "datapackage.json", "missing or not JSON")],
    };
    for r in dp["resources"].as_array().cloned().unwrap_or_default() {
        // Each resource, and the Parquet twin described on a table's resource.
        for entry in [r.clone(), r["cnkp:parquet"].clone()].into_iter().filter(|e| e.is_object()) {
            let path = entry["path"].as_str().unwrap_or("");
            match std::fs::read(dir.join(path)) {
                Ok(b) => {
                    if entry["hash"].as_str() != Some(&format!("sha256:{}", sha256_hex(&b))) || entry["bytes"].as_u64() != Some(b.len() as u64) {
                        out.push(Issue::file("error", "hash-count", path, "sha256 or bytes differ from datapackage.json"));
                    }
                }
                Err(_) => out.push(Issue::file("error", "missing-file", path, "listed in datapackage.json but missing")),
            }
        }
    }
    out
}

fn inspect(file: &std::path::Path, reference: &crate::bundled::Files, date: Option<String>) -> ExitCode {
    let run = || -> anyhow::Result<()> {
        let r = crate::reference::Reference::load_files(reference)?;
        let bytes = std::fs::read(file)?;
        let id = file.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        let mut x = crate::extract::extract(&id, &file.to_string_lossy(), &bytes).map_err(|(c, m)| anyhow::anyhow!("{c}: {m}"))?;
        crate::extract::blocks::furniture(&mut x, &r);
        if date.is_some() {
            x.meta.published_date = date;
        }
        if x.meta.published_date.is_none() {
            x.meta.published_date = crate::extract::markup::wire_dateline(&x.text.string());
        }
        let a = crate::normalize::annotate(crate::clean::clean(x, &r.script), &r);
        println!("encoding={} format={} published={:?}", a.cleaned.doc.encoding, a.cleaned.doc.format, a.doc_date);
        for (i, s) in a.sentences.iter().enumerate() {
            println!("[{i}] {}", s.orig.iter().collect::<String>());
            for d in &s.dates {
                println!("    date {:?} {}..{:?} ({})", s.text(d.start, d.end), d.date.text(), d.end_date.map(|e| e.text()), d.rule);
            }
            for m in &s.amounts {
                println!("    amount {:?} = {} {} {}", s.text(m.start, m.end), m.value, m.unit, m.qualifier);
            }
            let ents: Vec<String> = s
                .entities
                .iter()
                .map(|e| {
                    let x = a.ents(&r).get(e.entity);
                    let tag = if x.origin == "extracted" { format!("+{}:{}", x.kind, x.name_en) } else { x.entity_id.to_string() };
                    format!("{}={}", s.text(e.start, e.end), tag)
                })
                .collect();
            if !ents.is_empty() {
                println!("    entities {}", ents.join(" "));
            }
        }
        Ok(())
    };
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// The README column dictionary, generated from `schemas/*.json`.
pub fn schema_docs(schemas: &crate::bundled::Files) -> anyhow::Result<String> {
    let mut out = String::new();
    for name in TABLES {
        let s = Schema::load_files(schemas, name)?;
        let j = &s.json;
        out += &format!("#### `{name}` — {}\n\n", j["description"].as_str().unwrap_or(""));
        out += &format!("Primary key: `{}`.", s.primary_key.join("`, `"));
        for (f, res, rf) in &s.foreign_keys {
            out += &format!(" `{}` → `{res}.{}`.", f.join(","), rf.join(","));
        }
        out += "\n\n| column | type | description |\n|---|---|---|\n";
        for f in j["fields"].as_array().into_iter().flatten() {
            let mut desc = f["description"].as_str().unwrap_or("").to_string();
            let c = &f["constraints"];
            if c["required"].as_bool() == Some(true) {
                desc += " Required.";
            }
            if let Some(e) = c["enum"].as_array() {
                let v: Vec<&str> = e.iter().filter_map(|x| x.as_str()).collect();
                desc += &format!(" One of `{}`.", v.join("`, `"));
            }
            out += &format!(
                "| `{}` | {} | {} |\n",
                f["name"].as_str().unwrap_or(""),
                f["type"].as_str().unwrap_or("string"),
                desc.replace('|', "\\|")
            );
        }
        out += "\n";
    }
    Ok(out)
}
