//! The stage order, and the only place that knows it: guard → extract → clean → normalize →
//! tables → curate → validate → write → publish. Documents are processed in parallel (bounded by
//! the thread pool) and collected in sorted `doc_id` order, so output never depends on threads
//! or file order.

use crate::model::Issue;
use crate::reference::Reference;
use crate::tables::{self, output::Output, Row};
use crate::validate::{self, Schema, TABLES};
use crate::{clean, curate, extract, normalize, write};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde::Deserialize;
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Options of one run.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub raw: PathBuf,
    pub out: PathBuf,
    /// Reference data folder; `None`: the built-in copy.
    pub reference: Option<PathBuf>,
    /// Table Schema folder; `None`: the built-in copy.
    pub schemas: Option<PathBuf>,
    /// Curation overrides file; `None`: no overrides.
    pub curation: Option<PathBuf>,
    pub strict: bool,
    pub max_bytes: u64,
    /// A release file (`release.json`) whose version and date are stamped into the package.
    pub release: Option<PathBuf>,
    /// A gold folder: its precision/recall/F1 are published as `quality.json`.
    pub gold: Option<PathBuf>,
    /// Whether a news outlet's own reporting is a statement.
    pub media: MediaStatements,
    /// Per-document cache folder (`None`: every document is processed).
    pub cache: Option<PathBuf>,
}

/// Whether a statement whose speaker is the press (an outlet reporting on its own account, not
/// state media: see `reference/media.csv`) is published.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum MediaStatements {
    /// Left out of `statements`, listed in the run report (`media-report`).
    #[default]
    Drop,
    /// Published like any other speaker's.
    Keep,
}

/// What a run did.
#[derive(Debug, Default)]
pub struct RunReport {
    pub published: bool,
    pub documents: usize,
    pub rejected: Vec<Issue>,
    pub warnings: Vec<Issue>,
    pub errors: Vec<Issue>,
    /// Records left out because they violate their table's schema (each with its evidence).
    pub quarantined: Vec<Issue>,
    pub counts: BTreeMap<String, usize>,
    /// Wall-clock seconds per stage, in run order (`cnkp run --timings` prints them).
    pub timings: Vec<(&'static str, f64)>,
    /// What the per-document cache did (`None` when the run had no cache).
    pub cache: Option<crate::cache::Stats>,
}

/// A row of `raw/sources.csv` (all columns optional but `doc_id`).
#[derive(Debug, Clone, Deserialize, Default, Hash)]
pub struct Source {
    doc_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    published_date: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    licence: String,
}

fn rel(root: &Path, p: &Path) -> String {
    p.strip_prefix(root).unwrap_or(p).components().map(|c| c.as_os_str().to_string_lossy().to_string()).collect::<Vec<_>>().join("/")
}

/// Input files, sorted by relative path; symlinks that leave the folder are rejected.
fn list_inputs(root: &Path, rejected: &mut Vec<Issue>) -> Result<Vec<PathBuf>> {
    let canon_root = root.canonicalize().with_context(|| format!("{}: input folder not found", root.display()))?;
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let rd = std::fs::read_dir(&dir).with_context(|| format!("{}: cannot list", dir.display()))?;
        for e in rd {
            let e = e?;
            let p = e.path();
            let name = e.file_name().to_string_lossy().to_string();
            if name.starts_with('.') || (dir == root && (name == "sources.csv" || name.eq_ignore_ascii_case("README.md"))) {
                continue;
            }
            let ft = e.file_type()?;
            if ft.is_symlink() {
                match p.canonicalize() {
                    Ok(t) if t.starts_with(&canon_root) => {}
                    Ok(_) => {
                        rejected.push(Issue::file(
                            "error",
                            "symlink-outside",
                            &rel(root, &p),
                            "symbolic link leads outside the input folder (not followed)",
                        ));
                        continue;
                    }
                    Err(_) => {
                        rejected.push(Issue::file("error", "unreadable-file", &rel(root, &p), "broken symbolic link"));
                        continue;
                    }
                }
            }
            if p.is_dir() {
                if !ft.is_symlink() {
                    stack.push(p);
                }
            } else {
                out.push(p);
            }
        }
    }
    out.sort_by_key(|p| rel(root, p));
    Ok(out)
}

fn load_sources(root: &Path) -> Result<BTreeMap<String, Source>> {
    let path = root.join("sources.csv");
    let mut map = BTreeMap::new();
    if !path.exists() {
        return Ok(map);
    }
    let mut rdr = csv::Reader::from_path(&path)?;
    for (i, r) in rdr.deserialize::<Source>().enumerate() {
        let s = r.with_context(|| format!("{}: row {} is malformed", path.display(), i + 2))?;
        map.insert(s.doc_id.clone(), s);
    }
    Ok(map)
}

fn set_if(field: &mut Option<String>, v: &str) {
    if !v.trim().is_empty() {
        *field = Some(v.trim().to_string());
    }
}

/// Everything kept of one document once it has been read: its `documents` row, its records
/// (with evidence already resolved to raw spans) and its warnings. The text itself is dropped,
/// so memory holds at most one document per worker thread. Serializable: the per-document cache
/// ([`crate::cache`]) stores it.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct DocResult {
    pub doc_id: String,
    pub path: String,
    pub sha256: String,
    pub row: Row,
    pub visits: Vec<tables::visits::VisitRec>,
    pub trade: Vec<tables::trade::TradeRec>,
    pub sanctions: Vec<tables::sanctions::SanctionRec>,
    pub statements: Vec<tables::statements::StatementRec>,
    /// Extracted (open-world) entities the records refer to.
    pub entities: Vec<crate::reference::EntRef>,
    pub warnings: Vec<Issue>,
}

/// Runs extract → clean → normalize → tables on one document.
pub fn process(
    doc_id: &str,
    path: &str,
    bytes: &[u8],
    source: Option<&Source>,
    reference: &Reference,
    media: MediaStatements,
) -> Result<DocResult, Issue> {
    // A fault injected by the test suite (`CNKP_FAULT_INJECT=<file>`) stands for a defect in the
    // rules, to check that one failing file does not sink the run.
    if std::env::var_os("CNKP_FAULT_INJECT").is_some_and(|f| f == path) {
        panic!("fault injected for {path}");
    }
    let mut x = extract::extract(doc_id, path, bytes).map_err(|(code, why)| Issue::file("error", &code, path, why))?;
    extract::blocks::furniture(&mut x, reference);
    if let Some(s) = source {
        let m = &mut x.meta;
        set_if(&mut m.title, &s.title);
        set_if(&mut m.publisher, &s.publisher);
        set_if(&mut m.url, &s.url);
        set_if(&mut m.language, &s.language);
        set_if(&mut m.licence, &s.licence);
        if !s.published_date.trim().is_empty() {
            m.published_date = Some(s.published_date.trim().to_string());
            m.published_date_source = Some("sources.csv".into());
        }
    }
    if x.meta.published_date.is_none() {
        if let Some(d) = x.meta.url.as_deref().and_then(extract::markup::url_date) {
            x.meta.published_date = Some(d);
            x.meta.published_date_source = Some("url".into());
        }
    }
    if x.meta.published_date.is_none() {
        if let Some(d) = extract::markup::wire_dateline(&x.text.string()) {
            x.meta.published_date = Some(d);
            x.meta.published_date_source = Some("header:wire-dateline".into());
        }
    }
    let sha256 = x.sha256.clone();
    let cleaned = clean::clean(x, &reference.script);
    let d = normalize::annotate(cleaned, reference);
    let (mut statements, unresolved) = tables::statements::extract_with_report(&d, reference);
    let mut warnings: Vec<Issue> = Vec::new();
    if media == MediaStatements::Drop {
        statements.retain(|s| {
            let press = reference.is_press(&s.speaker);
            if press {
                warnings.push(Issue::file("warning", "media-report", path, format!("cue {:?}: {} reports on its own account (not a statement row)", s.cue, s.speaker.name_en)));
            }
            !press
        });
    }
    warnings.extend(unresolved
        .into_iter()
        .map(|u| {
            Issue::file(
                "warning",
                "unknown-speaker",
                path,
                format!("cue {:?}: speaker {:?} is not in reference/entities.csv", u.cue, u.who),
            )
        }));
    warnings.extend(normalize::leftovers(&d, reference).into_iter().map(|(code, what)| Issue::file("warning", code, path, what)));
    let visits = tables::visits::extract(&d, reference);
    let mut entities: Vec<crate::reference::EntRef> = Vec::new();
    for e in visits.iter().map(|v| &v.visitor).chain(statements.iter().map(|s| &s.speaker)) {
        if e.origin == "extracted" && !entities.contains(e) {
            entities.push(e.clone());
        }
    }
    entities.sort();
    Ok(DocResult {
        doc_id: doc_id.to_string(),
        path: path.to_string(),
        sha256,
        row: tables::documents::document_row(&d),
        visits,
        trade: tables::trade::extract(&d, reference),
        sanctions: tables::sanctions::extract(&d, reference),
        statements,
        entities,
        warnings,
    })
}

/// Processes the input folder, one document per worker at a time (the first four stages).
pub fn read_documents(opts: &RunOptions, reference: &Reference, report: &mut RunReport) -> Result<Vec<DocResult>> {
    let files = list_inputs(&opts.raw, &mut report.rejected)?;
    let sources = load_sources(&opts.raw)?;
    // Read bytes sequentially (cheap) to find size problems and duplicates in a fixed order.
    let mut jobs: Vec<(String, String, PathBuf)> = Vec::new();
    let mut seen_ids: BTreeMap<String, String> = BTreeMap::new();
    for p in files {
        let r = rel(&opts.raw, &p);
        let id = p.file_stem().map(|s| s.to_string_lossy().to_string()).unwrap_or_default();
        match std::fs::metadata(&p) {
            Ok(m) if m.len() > opts.max_bytes => {
                report.rejected.push(Issue::file(
                    "error",
                    "file-too-large",
                    &r,
                    format!("{} bytes exceeds the limit of {} (--max-bytes)", m.len(), opts.max_bytes),
                ));
                continue;
            }
            Err(e) => {
                report.rejected.push(Issue::file("error", "unreadable-file", &r, format!("cannot read: {e}")));
                continue;
            }
            _ => {}
        }
        if let Some(other) = seen_ids.get(&id) {
            report.rejected.push(Issue::file("error", "duplicate-id", &r, format!("document id {id} is already used by {other}")));
            continue;
        }
        seen_ids.insert(id.clone(), r.clone());
        jobs.push((id, r, p));
    }
    let bar = progress_bar(&jobs);
    // The fault-injection test hook stands for a changed rule: no cache then.
    let cache = opts
        .cache
        .as_ref()
        .filter(|_| std::env::var_os("CNKP_FAULT_INJECT").is_none())
        .map(|dir| crate::cache::Cache::new(dir, reference, &format!("{:?}", opts.media)));
    let hits = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<(Option<String>, Result<DocResult, Issue>)> = jobs
        .par_iter()
        .map(|(id, r, p)| {
            let bytes = match std::fs::read(p) {
                Ok(b) => b,
                Err(e) => return (None, Err(Issue::file("error", "unreadable-file", r, format!("cannot read: {e}")))),
            };
            let source = sources.get(id);
            let key = cache.as_ref().map(|c| c.key(id, r, &format!("{source:?}"), &bytes));
            if let (Some(c), Some(k)) = (&cache, &key) {
                if let Some(entry) = c.get(k) {
                    hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    bar.inc(bytes.len() as u64);
                    return (key, entry);
                }
            }
            // A defect in the rules that panics on one file must not sink the run: that file is
            // rejected with the reason, the others publish (and --strict still fails).
            let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(id, r, &bytes, source, reference, opts.media)))
                .unwrap_or_else(|e| {
                    let why = e.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| e.downcast_ref::<String>().cloned()).unwrap_or_default();
                    Err(Issue::file("error", "internal-error", r, format!("the extraction rules failed on this file ({why}); it is left out of the dataset: please report it")))
                });
            if let (Some(c), Some(k)) = (&cache, &key) {
                if out.as_ref().err().is_none_or(|i| i.code != "internal-error") {
                    c.put(k, &out);
                }
            }
            bar.inc(bytes.len() as u64);
            (key, out)
        })
        .collect();
    bar.finish_and_clear();
    if let Some(c) = &cache {
        let used: std::collections::HashSet<String> = results.iter().filter_map(|(k, _)| k.clone()).collect();
        let hits = hits.into_inner();
        report.cache = Some(crate::cache::Stats { hits, misses: used.len().saturating_sub(hits), pruned: c.prune(&used) });
    }
    let mut docs = Vec::new();
    let mut shas: BTreeMap<String, String> = BTreeMap::new();
    for (_, r) in results {
        match r {
            Ok(d) => {
                if let Some(first) = shas.get(&d.sha256) {
                    report.rejected.push(Issue::file(
                        "error",
                        "duplicate-content",
                        &d.path,
                        format!("same content (sha256 {}) as {first}", &d.sha256[..12]),
                    ));
                    continue;
                }
                shas.insert(d.sha256.clone(), d.path.clone());
                report.warnings.extend(d.warnings.iter().cloned());
                docs.push(d);
            }
            Err(i) => report.rejected.push(i),
        }
    }
    docs.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    Ok(docs)
}

/// Builds every output table from the documents' records (tables + curate stages).
pub fn build_tables(
    docs: Vec<DocResult>,
    reference: &Reference,
    overrides: &[curate::Override],
    report: &mut RunReport,
) -> Vec<(String, String, Vec<Row>)> {
    let mut visits = Vec::new();
    let mut trade = Vec::new();
    let mut sanctions = Vec::new();
    let mut statements = Vec::new();
    let mut doc_rows = Vec::new();
    let mut extracted = Vec::new();
    for d in docs {
        extracted.extend(d.entities);
        visits.extend(d.visits);
        trade.extend(d.trade);
        sanctions.extend(d.sanctions);
        statements.extend(d.statements);
        doc_rows.push(d.row);
    }
    // A visit to Minsk in 1984 was a visit to the USSR (former_states.csv).
    for v in &mut visits {
        if let Some(day) = v.start.or(v.end).map(|d| d.first_day()) {
            v.host = reference.sovereign_on(&v.host, day).to_string();
        }
    }
    let merged = tables::visits::merge(visits);
    let sanctions = tables::sanctions::merge(sanctions);
    let mut out = Output::default();
    let keys = out.add_visits(&merged);
    out.add_trade(&trade);
    out.add_sanctions(&sanctions);
    out.add_statements(&statements, &keys);
    let mut t = vec![
        ("documents".to_string(), "doc_id".to_string(), doc_rows),
        ("entities".to_string(), "entity_id".to_string(), tables::documents::entity_rows(reference, &extracted)),
        ("visits".to_string(), "visit_id".to_string(), out.visits),
        ("trade".to_string(), "trade_id".to_string(), out.trade),
        ("sanctions".to_string(), "sanction_id".to_string(), out.sanctions),
        ("statements".to_string(), "statement_id".to_string(), out.statements),
        ("mentions".to_string(), "mention_id".to_string(), out.mentions),
    ];
    let (applied, problems) = curate::apply(overrides, &mut t);
    report.errors.extend(problems);
    // A field a curator set is visible in mentions.rule, on the record's evidence.
    let mut extra = Vec::new();
    if let Some(m) = t.iter().find(|x| x.0 == "mentions") {
        for o in overrides.iter().filter(|o| o.action == "set") {
            if let Some(first) = m.2.iter().find(|r| r.get("table") == o.table && r.get("record_id") == o.record_id) {
                let mut r = first.clone();
                let rule = format!("curation:set:{}:{}", o.field, o.reason);
                r.set(
                    "mention_id",
                    crate::model::content_id(
                        "M",
                        &[&o.table, &o.record_id, r.get("doc_id"), r.get("char_start"), r.get("char_end"), &rule],
                    ),
                );
                r.set("rule", rule);
                extra.push(r);
            }
        }
    }
    if let Some(m) = t.iter_mut().find(|x| x.0 == "mentions") {
        m.2.extend(extra);
    }
    // A statement made during a dropped visit keeps its row, without the link.
    let visit_ids: std::collections::HashSet<String> =
        t.iter().find(|x| x.0 == "visits").map(|v| v.2.iter().map(|r| r.get("visit_id").to_string()).collect()).unwrap_or_default();
    if let Some(st) = t.iter_mut().find(|x| x.0 == "statements") {
        for r in st.2.iter_mut() {
            if !r.get("visit_id").is_empty()
                && !visit_ids.contains(r.get("visit_id"))
                && overrides.iter().any(|o| o.action == "drop" && o.record_id == r.get("visit_id"))
            {
                r.set("visit_id", "");
            }
        }
    }
    // Mentions of dropped records go too.
    let live: std::collections::HashSet<(String, String)> =
        t.iter().take(6).flat_map(|(name, idc, rows)| rows.iter().map(move |r| (name.clone(), r.get(idc).to_string()))).collect();
    if let Some(m) = t.iter_mut().find(|x| x.0 == "mentions") {
        m.2.retain(|r| live.contains(&(r.get("table").to_string(), r.get("record_id").to_string())));
    }
    // Stable order: by primary key (documents and entities keep their natural order).
    for (name, idc, rows) in t.iter_mut() {
        if !matches!(name.as_str(), "documents" | "entities") {
            rows.sort_by_cached_key(|r| r.get(idc).to_string());
            rows.dedup_by(|a, b| a.get(idc) == b.get(idc) && a == b);
        }
    }
    report.counts = t.iter().map(|(n, _, r)| (n.clone(), r.len())).collect();
    report.warnings.extend(applied.into_iter().map(|a| Issue::file("warning", "curation-applied", "curation/overrides.csv", a)));
    t
}

/// A progress bar on stderr (bytes read, MB/s, ETA) when stderr is a terminal and the corpus is
/// large enough to wait for; hidden otherwise (logs and CI get the one-line summary only).
fn progress_bar<A, B>(jobs: &[(A, B, std::path::PathBuf)]) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let total: u64 = jobs.iter().filter_map(|(_, _, p)| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
    if total < 20_000_000 {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} extract {bar:30} {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// Runs the whole pipeline and publishes atomically (unless strict mode finds problems).
pub fn run(opts: &RunOptions) -> Result<RunReport> {
    let ref_files = crate::bundled::Files::reference(opts.reference.as_deref());
    let reference = Reference::load_files(&ref_files)?;
    let schema_files = crate::bundled::Files::schemas(opts.schemas.as_deref());
    let schemas: Vec<Schema> = TABLES.iter().map(|n| Schema::load_files(&schema_files, n)).collect::<Result<_>>()?;
    let overrides = match &opts.curation {
        Some(p) => curate::load(p)?,
        None => Vec::new(),
    };
    let mut report = RunReport::default();
    let mut clock = std::time::Instant::now();
    let mut lap = |report: &mut RunReport, stage: &'static str| {
        report.timings.push((stage, clock.elapsed().as_secs_f64()));
        clock = std::time::Instant::now();
    };
    let docs = read_documents(opts, &reference, &mut report)?;
    report.documents = docs.len();
    lap(&mut report, "documents");
    let built = build_tables(docs, &reference, &overrides, &mut report);
    let mut tables: Vec<(Schema, Vec<Row>)> = schemas.into_iter().zip(built).map(|(s, (_, _, rows))| (s, rows)).collect();
    lap(&mut report, "tables");
    let problems = validate::check(&tables);
    let (rows_bad, table_bad): (Vec<Issue>, Vec<Issue>) = problems.into_iter().partition(is_row_level);
    report.errors.extend(table_bad);
    if report.errors.is_empty() && !rows_bad.is_empty() {
        report.quarantined = quarantine(&mut tables, rows_bad);
        for (name, rows) in tables.iter().map(|(s, r)| (&s.name, r.len())) {
            report.counts.insert(name.clone(), rows);
        }
        // What remains must be clean, including the links between tables.
        report.errors.extend(validate::check(&tables));
    }
    lap(&mut report, "validate");
    let by_file = |a: &Issue, b: &Issue| (&a.file, &a.code, &a.message).cmp(&(&b.file, &b.code, &b.message));
    report.rejected.sort_by(by_file);
    report.warnings.sort_by(by_file);
    if !report.errors.is_empty() {
        return Ok(report);
    }
    if opts.strict && (!report.rejected.is_empty() || !report.quarantined.is_empty()) {
        return Ok(report);
    }
    let issues = json!({
        "documents": report.documents,
        "rejected": report.rejected,
        "quarantined": report.quarantined,
        "warnings": report.warnings,
        "counts": report.counts,
    });
    write::clean_stale(&opts.out);
    let tmp = write::temp_dir_for(&opts.out)?;
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    std::fs::create_dir_all(&tmp)?;
    let meta = write::PackageMeta {
        release: match &opts.release {
            Some(p) => crate::release::Release::load(p)?,
            None => None,
        },
        reference_sha256: reference.fingerprint.clone(),
        gold: opts.gold.clone(),
        reference: Some(ref_files.clone()),
    };
    if let Err(e) = write::write_all(&tmp, &tables, &issues, &meta) {
        let _ = std::fs::remove_dir_all(&tmp);
        bail!("writing the dataset failed: {e:#}");
    }
    if std::env::var_os("CNKP_PAUSE_BEFORE_PUBLISH_MS").is_some() {
        // Test hook: widen the window in which a kill can land between write and swap.
        let ms = std::env::var("CNKP_PAUSE_BEFORE_PUBLISH_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    write::publish(&tmp, &opts.out)?;
    lap(&mut report, "write");
    report.published = true;
    // Freeing millions of small cells takes seconds and nothing waits for it: a command-line
    // run exits before the thread is done, and the OS takes the memory back at once.
    std::thread::spawn(move || drop(tables));
    Ok(report)
}

/// Tables whose rows are records read from the articles: one bad record is quarantined, the
/// rest publishes.
const RECORD_TABLES: &[&str] = &["visits", "trade", "sanctions", "statements"];

/// A problem confined to one record (a type, enum, pattern or required-value error), as opposed
/// to one between rows or tables (duplicate keys, broken foreign keys), which stops the run.
fn is_row_level(i: &Issue) -> bool {
    i.table.as_deref().is_some_and(|t| RECORD_TABLES.contains(&t)) && matches!(i.code.as_str(), "type-error" | "constraint-error")
}

/// Removes the records named by row-level problems (and their mentions; a statement loses its
/// link to a quarantined visit) and returns one `quarantined` issue per problem, carrying the
/// record and its evidence span.
fn quarantine(tables: &mut [(Schema, Vec<Row>)], problems: Vec<Issue>) -> Vec<Issue> {
    use std::collections::BTreeSet;
    let mut out = Vec::new();
    let mut gone: BTreeSet<(String, String)> = BTreeSet::new();
    let mut drop_rows: BTreeSet<(String, usize)> = BTreeSet::new();
    let mentions: Vec<Row> = tables.iter().find(|t| t.0.name == "mentions").map(|t| t.1.clone()).unwrap_or_default();
    for p in problems {
        let (Some(t), Some(n)) = (p.table.clone(), p.row) else { continue };
        let Some((schema, rows)) = tables.iter().find(|x| x.0.name == t) else { continue };
        let Some(row) = rows.get(n - 1) else { continue };
        let key = schema.primary_key.first().map(|k| row.get(k).to_string()).unwrap_or_default();
        let ev: Vec<String> = mentions
            .iter()
            .filter(|m| m.get("table") == t && m.get("record_id") == key)
            .map(|m| format!("{}[{}..{}] {:?}", m.get("doc_id"), m.get("char_start"), m.get("char_end"), m.get("evidence")))
            .collect();
        let record: Vec<String> = schema.columns().iter().filter(|c| !row.get(c).is_empty()).map(|c| format!("{c}={}", row.get(c))).collect();
        let file = mentions.iter().find(|m| m.get("table") == t && m.get("record_id") == key).map(|m| m.get("doc_id").to_string());
        out.push(Issue {
            severity: "error".into(),
            code: "quarantined".into(),
            file: file.unwrap_or_else(|| p.file.clone()),
            table: Some(t.clone()),
            row: Some(n),
            field: p.field.clone(),
            value: p.value.clone(),
            message: format!("{} ({}); record: {}; evidence: {}", p.message, p.code, record.join(", "), ev.join(" | ")),
        });
        gone.insert((t.clone(), key));
        drop_rows.insert((t, n - 1));
    }
    for (schema, rows) in tables.iter_mut() {
        let name = schema.name.clone();
        let mut i = 0;
        rows.retain(|_| {
            i += 1;
            !drop_rows.contains(&(name.clone(), i - 1))
        });
        if name == "mentions" {
            rows.retain(|m| !gone.contains(&(m.get("table").to_string(), m.get("record_id").to_string())));
        }
        if name == "statements" {
            for r in rows.iter_mut() {
                if gone.contains(&("visits".to_string(), r.get("visit_id").to_string())) {
                    r.set("visit_id", "");
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}
