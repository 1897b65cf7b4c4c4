//! The stage order, and the only place that knows it: guard → extract → clean → normalize →
//! tables → curate → validate → write → publish. Documents are processed in parallel (bounded by
//! the thread pool) and collected in sorted `doc_id` order, so output never depends on threads
//! or file order.

use crate::model::{rel_path as rel, Issue};
use crate::reference::Reference;
use crate::tables::{self, output::Output, Row};
use crate::validate::{self, Schema, TABLES};
use crate::{clean, curate, extract, normalize, write};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use serde::Deserialize;
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
    /// The output folder was already what this run would publish (a cached run with nothing
    /// changed: see [`crate::stamp`]); nothing was read back or written.
    pub up_to_date: bool,
    pub documents: usize,
    pub rejected: Vec<Issue>,
    /// The run's own warnings (a curation applied …).
    pub warnings: Vec<Issue>,
    /// How many warnings the documents gave (listed in `issues.json`, not kept in memory).
    pub document_warnings: usize,
    pub errors: Vec<Issue>,
    /// Records left out because they violate their table's schema (each with its evidence).
    pub quarantined: Vec<Issue>,
    pub counts: BTreeMap<String, usize>,
    /// Per stage, in run order (`cnkp run --timings` prints them): wall-clock seconds, and the
    /// process's resident and peak resident memory in MB when the stage ended (Linux only).
    pub timings: Vec<(&'static str, f64, Option<(u64, u64)>)>,
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
    let mut source_warnings: Vec<Issue> = Vec::new();
    if let Some(s) = source {
        let m = &mut x.meta;
        set_if(&mut m.title, &s.title);
        set_if(&mut m.publisher, &s.publisher);
        set_if(&mut m.url, &s.url);
        set_if(&mut m.language, &s.language);
        set_if(&mut m.licence, &s.licence);
        let d = s.published_date.trim();
        // (A day the schema cannot hold, "2022-04", would stop the whole run at validation: the
        // document is read as undated instead, unless its URL or dateline gives the day.)
        if chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok() {
            m.published_date = Some(d.to_string());
            m.published_date_source = Some("sources.csv".into());
        } else if !d.is_empty() {
            source_warnings.push(Issue::file(
                "warning",
                "source-date",
                path,
                format!("sources.csv gives published_date {d:?}, not a day (YYYY-MM-DD): left out, the document is read as undated"),
            ));
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
    let mut warnings: Vec<Issue> = source_warnings;
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

/// What the first pass keeps of a document in memory: its `documents` row and the records that
/// are merged across documents (visits, sanctions) or listed once (extracted entities). Its
/// trade figures and statements wait in the spill store for the second pass.
pub struct DocMeta {
    pub doc_id: String,
    pub path: String,
    /// The key of the document's entry in the store.
    key: String,
    pub row: Row,
    pub entities: Vec<crate::reference::EntRef>,
    /// The merged visit (index into the run's visits) each of the document's visit records went
    /// into (the records themselves wait in the store's buckets).
    visit_links: Vec<u32>,
    /// The merged sanction each of the document's sanction records went into.
    sanction_links: Vec<u32>,
}

/// A record in a merge bucket, tagged with its document and position there.
type Tagged<R> = (R, (String, u32));

/// Where each document's records wait between the two passes: the per-document cache when the
/// run has one, else a temporary folder beside the output, removed when the run ends.
pub struct Store {
    cache: crate::cache::Cache,
    temp: Option<PathBuf>,
    /// The visit records, by visitor and host, waiting to be merged.
    visits: crate::buckets::Buckets<Tagged<tables::visits::VisitRec>>,
    /// The sanction records, by authority, waiting to be merged.
    sanctions: crate::buckets::Buckets<Tagged<tables::sanctions::SanctionRec>>,
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Some(t) = &self.temp {
            let _ = std::fs::remove_dir_all(t);
        }
    }
}

impl Store {
    /// A store of the first pass's records (in `cache`; buckets and `temp` beside `out`).
    fn new(out: &Path, cache: crate::cache::Cache, temp: Option<PathBuf>) -> Result<Self> {
        Ok(Store {
            cache,
            temp,
            visits: crate::buckets::Buckets::create(write::scratch_dir_for(out, "visits")?, 64)?,
            sanctions: crate::buckets::Buckets::create(write::scratch_dir_for(out, "sanctions")?, 16)?,
        })
    }

    /// Puts the visit and sanction records of document `doc_id` into their merge buckets.
    fn bucket(&self, doc_id: &str, visits: Vec<tables::visits::VisitRec>, sanctions: Vec<tables::sanctions::SanctionRec>) -> Result<()> {
        self.cache.with_gazetteer(|| {
            for (i, v) in visits.into_iter().enumerate() {
                let key = format!("{}\u{1f}{}", v.visitor.entity_id, v.host);
                self.visits.put(&key, &(v, (doc_id.to_string(), i as u32)))?;
            }
            for (i, x) in sanctions.into_iter().enumerate() {
                self.sanctions.put(&x.authority.clone(), &(x, (doc_id.to_string(), i as u32)))?;
            }
            Ok(())
        })
    }

    /// The records of a document the first pass stored.
    fn get(&self, m: &DocMeta) -> Result<DocResult> {
        match self.cache.get(&m.key) {
            Some(Ok(d)) => Ok(d),
            _ => bail!("{}: its records could not be read back from {} (was the folder removed during the run?)", m.path, self.cache.dir().display()),
        }
    }
}

/// The input folder as a run sees it before reading a document: the files to read (in path
/// order), `sources.csv`, and each file's cache key and size (or why it cannot be read).
struct Scan {
    jobs: Vec<(String, String, PathBuf)>,
    sources: BTreeMap<String, Source>,
    keys: Vec<Result<(String, u64), Issue>>,
}

/// Lists and checks the input files (size limit, duplicate ids) and hashes them into their
/// cache keys, in parallel.
fn scan(opts: &RunOptions, keyer: &crate::cache::Cache, report: &mut RunReport) -> Result<Scan> {
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
    let keys = jobs
        .par_iter()
        .map(|(id, r, p)| match std::fs::read(p) {
            Ok(bytes) => Ok((keyer.key(id, r, &format!("{:?}", sources.get(id)), &bytes), bytes.len() as u64)),
            Err(e) => Err(Issue::file("error", "unreadable-file", r, format!("cannot read: {e}"))),
        })
        .collect();
    Ok(Scan { jobs, sources, keys })
}

/// The fingerprint of everything a run's output is made from (see [`crate::stamp`]): the
/// documents' cache keys, the files turned away before reading, the schemas, the curation,
/// release and gold files, and the options that change output.
fn inputs_fingerprint(opts: &RunOptions, reference: &Reference, schema_files: &crate::bundled::Files, scan: &Scan, rejected: &[Issue]) -> Result<String> {
    let mut f = crate::stamp::Fingerprint::default();
    f.part("cnkp", env!("CARGO_PKG_VERSION").as_bytes())
        .part("rules", crate::cache::RULES_VERSION.as_bytes())
        .part("reference", reference.fingerprint.as_bytes())
        .part("options", format!("{} {} {:?}", opts.strict, opts.max_bytes, opts.media).as_bytes());
    for name in schema_files.names()? {
        f.part(&name, schema_files.read(&name)?.as_bytes());
    }
    for (label, file) in [("curation", &opts.curation), ("release", &opts.release)] {
        if let Some(p) = file {
            f.part(label, &std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?);
        }
    }
    if let Some(g) = &opts.gold {
        f.folder("gold", g);
    }
    for i in rejected {
        f.part("rejected", format!("{i:?}").as_bytes());
    }
    for k in &scan.keys {
        f.part("document", format!("{k:?}").as_bytes());
    }
    Ok(f.hex())
}

/// First pass: processes the input folder, one document per worker at a time (the first four
/// stages). Each document's records go to the store as soon as they are made; memory keeps
/// only what [`DocMeta`] holds. Returned in `doc_id` order.
fn read_documents(opts: &RunOptions, reference: &Reference, report: &mut RunReport, scan: Scan) -> Result<(Vec<DocMeta>, Store)> {
    let Scan { jobs, sources, keys, .. } = scan;
    let bar = progress_bar(&jobs);
    // The fault-injection test hook stands for a changed rule: no cache then.
    let cached = opts.cache.as_ref().filter(|_| std::env::var_os("CNKP_FAULT_INJECT").is_none());
    let media = format!("{:?}", opts.media);
    let store = match cached {
        Some(dir) => Store::new(&opts.out, crate::cache::Cache::new(dir, reference, &media), None)?,
        None => {
            let dir = write::spill_dir_for(&opts.out)?;
            if dir.exists() {
                std::fs::remove_dir_all(&dir)?;
            }
            std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create the spill folder", dir.display()))?;
            Store::new(&opts.out, crate::cache::Cache::new(&dir, reference, &media), Some(dir.clone()))?
        }
    };
    let hits = std::sync::atomic::AtomicUsize::new(0);
    type Read = (Option<String>, Result<(DocMeta, String), Issue>);
    let results: Vec<Read> = jobs
        .par_iter()
        .zip(keys)
        .map(|((id, r, p), key)| -> Result<Read> {
            let (mut key, len) = match key {
                Ok(k) => k,
                Err(i) => return Ok((None, Err(i))),
            };
            let source = sources.get(id);
            bar.inc(len);
            let reused = if cached.is_some() { store.cache.get(&key) } else { None };
            let entry = match reused {
                Some(e) => {
                    hits.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    e
                }
                None => {
                    let bytes = match std::fs::read(p) {
                        Ok(b) => b,
                        Err(e) => return Ok((None, Err(Issue::file("error", "unreadable-file", r, format!("cannot read: {e}"))))),
                    };
                    // The key of the bytes read now (the file may have changed since the scan).
                    key = store.cache.key(id, r, &format!("{source:?}"), &bytes);
                    // A defect in the rules that panics on one file must not sink the run: that
                    // file is rejected with the reason, the others publish (and --strict still
                    // fails).
                    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process(id, r, &bytes, source, reference, opts.media)))
                        .unwrap_or_else(|e| {
                            let why = e.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| e.downcast_ref::<String>().cloned()).unwrap_or_default();
                            Err(Issue::file("error", "internal-error", r, format!("the extraction rules failed on this file ({why}); it is left out of the dataset: please report it")))
                        });
                    // Rejections are cached too (not a rule's panic: that may be fixed).
                    if out.is_ok() || (cached.is_some() && out.as_ref().err().is_some_and(|i| i.code != "internal-error")) {
                        store.cache.put(&key, &out);
                    }
                    out
                }
            };
            let meta = match entry {
                // Trade, statements and warnings are read back in the second pass.
                Ok(DocResult { doc_id, path, sha256, row, mut visits, sanctions, entities, .. }) => {
                    // A visit to Minsk in 1984 was a visit to the USSR (former_states.csv).
                    for v in &mut visits {
                        if let Some(day) = v.start.or(v.end).map(|d| d.first_day()) {
                            v.host = reference.sovereign_on(&v.host, day).to_string();
                        }
                    }
                    let (visit_links, sanction_links) = (vec![u32::MAX; visits.len()], vec![u32::MAX; sanctions.len()]);
                    store.bucket(&doc_id, visits, sanctions)?;
                    Ok((DocMeta { doc_id, path, key: key.clone(), row, entities, visit_links, sanction_links }, sha256))
                }
                Err(i) => Err(i),
            };
            Ok((Some(key), meta))
        })
        .collect::<Result<_>>()?;
    store.visits.flush()?;
    store.sanctions.flush()?;
    bar.finish_and_clear();
    if cached.is_some() {
        let used: std::collections::HashSet<String> = results.iter().filter_map(|(k, _)| k.clone()).collect();
        let hits = hits.into_inner();
        report.cache = Some(crate::cache::Stats { hits, misses: used.len().saturating_sub(hits), pruned: store.cache.prune(&used) });
    }
    let mut docs = Vec::new();
    let mut shas: BTreeMap<String, String> = BTreeMap::new();
    for (_, r) in results {
        match r {
            Ok((d, sha256)) => {
                if let Some(first) = shas.get(&sha256) {
                    report.rejected.push(Issue::file("error", "duplicate-content", &d.path, format!("same content (sha256 {}) as {first}", &sha256[..12])));
                    continue;
                }
                shas.insert(sha256, d.path.clone());
                docs.push(d);
            }
            Err(i) => report.rejected.push(i),
        }
    }
    docs.sort_by(|a, b| a.doc_id.cmp(&b.doc_id));
    Ok((docs, store))
}

/// The tables held in memory (documents, entities, and the records merged across documents:
/// visits, sanctions), curated, validated, their bad records quarantined; and what the second
/// pass needs of them.
struct InMemory {
    /// `documents`, `entities`, `visits`, `sanctions`, with their schemas.
    tables: Vec<(Schema, Vec<Row>)>,
    /// The merged visits' and sanctions' ids (before curation), which [`DocMeta`]'s links
    /// point into: each document writes the mentions of its own records with them.
    visit_ids: Vec<String>,
    sanction_ids: Vec<String>,
    /// Visits as statements are linked to them (before curation).
    visit_index: tables::output::VisitIndex,
}

/// Bytes of a merge bucket (as stored) sorted in memory at a time; a larger bucket is sorted
/// in runs on disk. (`CNKP_MERGE_BUDGET` sets it, for tests of the spilled path.)
fn merge_budget() -> usize {
    std::env::var("CNKP_MERGE_BUDGET").ok().and_then(|v| v.parse().ok()).unwrap_or(32 << 20)
}

/// Tables kept in memory (whole, sorted by key); the others stream (document by document).
const MEMORY_TABLES: &[&str] = &["documents", "entities", "visits", "sanctions"];
/// Tables written one document at a time, in `doc_id` order.
const STREAMED_TABLES: &[&str] = &["trade", "statements", "mentions"];

/// Builds the in-memory tables from the documents' kept records (tables + curate stages).
fn build_in_memory(
    docs: &mut [DocMeta],
    store: &Store,
    schemas: &[Schema],
    reference: &Reference,
    overrides: &[curate::Override],
    outcomes: &mut [Option<bool>],
) -> Result<InMemory> {
    let mut doc_rows = Vec::new();
    let mut extracted = Vec::new();
    for d in docs.iter_mut() {
        extracted.append(&mut d.entities);
        doc_rows.push(std::mem::take(&mut d.row));
    }
    // Records that can merge share a bucket: each bucket is merged on its own. A record's tag
    // (document, position) links the merged record back to the document, which writes the
    // mentions of its records in the second pass. (Records of a document rejected as a
    // duplicate after it was read have no document here and are left out.)
    let index: std::collections::HashMap<&str, usize> = docs.iter().enumerate().map(|(i, d)| (d.doc_id.as_str(), i)).collect();
    // A bucket is read back in merge order through sorted runs of at most `merge_budget()` bytes,
    // and merged as it is read: memory holds one run and the merged records, however large the
    // bucket (one visitor and host reported by every document).
    fn merged<R: serde::Serialize + serde::de::DeserializeOwned, M>(
        buckets: &crate::buckets::Buckets<Tagged<R>>,
        b: usize,
        index: &std::collections::HashMap<&str, usize>,
        order: impl Fn(&R, &R) -> std::cmp::Ordering,
        merge: impl FnOnce(&mut dyn Iterator<Item = (R, (usize, usize))>) -> Vec<(M, Vec<(usize, usize)>)>,
    ) -> Result<Vec<(M, Vec<(usize, usize)>)>> {
        let mut failed = None;
        let sorted = buckets.read_sorted(b, merge_budget(), |x: &Tagged<R>, y: &Tagged<R>| order(&x.0, &y.0))?;
        let mut recs = sorted
            .map_while(|r| r.map_err(|e| failed = Some(e)).ok())
            .filter_map(|(r, (doc, i))| index.get(doc.as_str()).map(|&di| (r, (di, i as usize))));
        let out = merge(&mut recs);
        drop(recs);
        match failed {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }
    let mut out = Output::default();
    let mut visits = Vec::new();
    for b in 0..store.visits.len() {
        let merged = store.cache.with_gazetteer(|| merged(&store.visits, b, &index, tables::visits::merge_order, |r| tables::visits::merge_sorted(r)))?;
        let order: Vec<_> = merged.iter().map(|(v, _)| tables::visits::visit_key(&v.rec)).collect();
        let (vs, links): (Vec<_>, Vec<_>) = merged.into_iter().unzip();
        let keys = out.add_visits(vs);
        visits.extend(order.into_iter().zip(keys).zip(links));
    }
    let mut sanctions = Vec::new();
    for b in 0..store.sanctions.len() {
        let merged = store.cache.with_gazetteer(|| merged(&store.sanctions, b, &index, tables::sanctions::merge_order, |r| tables::sanctions::merge_sorted(r)))?;
        let (xs, links): (Vec<_>, Vec<_>) = merged.into_iter().unzip();
        sanctions.extend(out.add_sanctions(xs).into_iter().zip(links));
    }
    drop(index);
    // Merged visits in the order one merge of all records gives (by visitor, host, start):
    // a statement's visit is the first in that order that covers its day.
    visits.sort_by(|a, b| a.0 .0.cmp(&b.0 .0));
    let (mut keys, mut visit_ids, mut sanction_ids) = (Vec::new(), Vec::new(), Vec::new());
    for (k, ((_, key), links)) in visits.into_iter().enumerate() {
        for (di, i) in links {
            docs[di].visit_links[i] = k as u32;
        }
        visit_ids.push(key.0.clone());
        keys.push(key);
    }
    for (k, (id, links)) in sanctions.into_iter().enumerate() {
        for (di, i) in links {
            docs[di].sanction_links[i] = k as u32;
        }
        sanction_ids.push(id);
    }
    let entities = tables::documents::entity_rows(reference, &extracted);
    let schema = |name: &str| schemas.iter().find(|s| s.name == name).cloned().expect("a schema per table");
    let mut t: Vec<(String, String, Vec<Row>)> = MEMORY_TABLES
        .iter()
        .zip([doc_rows, entities, out.visits, out.sanctions])
        .map(|(name, rows)| (name.to_string(), schema(name).id_column().to_string(), rows))
        .collect();
    for (i, o) in overrides.iter().enumerate() {
        if MEMORY_TABLES.contains(&o.table.as_str()) {
            outcomes[i] = curate::apply_one(o, &mut t);
        }
    }
    // Stable order: by primary key (documents and entities keep their natural order).
    for (name, idc, rows) in t.iter_mut() {
        if !matches!(name.as_str(), "documents" | "entities") {
            rows.sort_by_cached_key(|r| r.get(idc).to_string());
            rows.dedup_by(|a, b| a.get(idc) == b.get(idc) && a == b);
        }
    }
    let tables = t.into_iter().map(|(name, _, rows)| (schema(&name), rows)).collect();
    Ok(InMemory { tables, visit_ids, sanction_ids, visit_index: tables::output::VisitIndex::new(keys) })
}

/// Records left out because they violate their schema, waiting for their evidence (their
/// mentions, which come later in the stream) before they are reported.
#[derive(Default)]
struct Quarantine {
    issues: Vec<(Issue, String, String)>,
    /// (table, record id) → (first document, evidence spans).
    evidence: std::collections::HashMap<(String, String), (Option<String>, Vec<String>)>,
}

impl Quarantine {
    /// Takes `row` of `schema` out for each row-level problem.
    fn add(&mut self, schema: &Schema, row: &Row, problems: Vec<Issue>) {
        let key = row.get(schema.id_column()).to_string();
        let record: Vec<String> = schema.columns().iter().filter(|c| !row.get(c).is_empty()).map(|c| format!("{c}={}", row.get(c))).collect();
        for p in problems {
            let mut i = p.clone();
            i.severity = "error".into();
            i.code = "quarantined".into();
            i.message = format!("{} ({}); record: {}", p.message, p.code, record.join(", "));
            self.issues.push((i, schema.name.clone(), key.clone()));
        }
        self.evidence.entry((schema.name.clone(), key)).or_default();
    }

    /// Whether a record of `table` with `id` was taken out.
    fn holds(&self, table: &str, id: &str) -> bool {
        !self.evidence.is_empty() && self.evidence.contains_key(&(table.to_string(), id.to_string()))
    }

    /// Keeps a mention of a record taken out as its evidence; true when it was one.
    fn mention(&mut self, m: &Row) -> bool {
        if self.evidence.is_empty() {
            return false;
        }
        let Some(e) = self.evidence.get_mut(&(m.get("table").to_string(), m.get("record_id").to_string())) else { return false };
        e.0.get_or_insert_with(|| m.get("doc_id").to_string());
        e.1.push(format!("{}[{}..{}] {:?}", m.get("doc_id"), m.get("char_start"), m.get("char_end"), m.get("evidence")));
        true
    }

    /// One `quarantined` issue per problem, carrying the record and its evidence spans.
    fn issues(self) -> Vec<Issue> {
        let mut out: Vec<Issue> = self
            .issues
            .into_iter()
            .map(|(mut i, t, id)| {
                if let Some((file, ev)) = self.evidence.get(&(t, id)) {
                    if let Some(f) = file {
                        i.file = f.clone();
                    }
                    i.message = format!("{}; evidence: {}", i.message, ev.join(" | "));
                }
                i
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The streamed tables being written, checked and curated.
struct Streams<'a> {
    writers: Vec<write::TableWriter>,
    checkers: Vec<validate::Checker<'a>>,
    schemas: Vec<&'a Schema>,
    curator: curate::Streamed<'a>,
    quarantine: Quarantine,
    errors: Vec<Issue>,
}

impl Streams<'_> {
    /// Curates, checks and writes one row of streamed table `k`; false when it is not published.
    fn emit(&mut self, k: usize, row: Row) -> Result<bool> {
        let sc = self.schemas[k];
        let mut kept = false;
        for r in self.curator.row(&sc.name, sc.id_column(), row) {
            kept |= self.publish(k, r)?;
        }
        Ok(kept)
    }

    fn publish(&mut self, k: usize, r: Row) -> Result<bool> {
        let (bad, table_level): (Vec<Issue>, Vec<Issue>) = self.checkers[k].row(&r).into_iter().partition(is_row_level);
        self.errors.extend(table_level);
        if !bad.is_empty() {
            self.quarantine.add(self.schemas[k], &r, bad);
            return Ok(false);
        }
        self.writers[k].push(r)?;
        Ok(true)
    }
}

/// Where a mention stands in its document: span first, then what it is evidence of.
fn reading_order(m: &Row) -> (usize, usize, &str, &str, &str, &str) {
    let num = |c: &str| m.get(c).parse::<usize>().unwrap_or(0);
    (num("char_start"), num("char_end"), m.get("table"), m.get("record_id"), m.get("rule"), m.get("mention_id"))
}

/// Removes duplicate rows (same cells) from one document's rows of a table, keeping the first.
fn dedup_rows(rows: Vec<Row>, idc: &str) -> Vec<Row> {
    let mut by_id: std::collections::HashMap<String, Vec<usize>> = Default::default();
    let mut out: Vec<Row> = Vec::with_capacity(rows.len());
    for r in rows {
        let same = by_id.get(r.get(idc)).is_some_and(|ix| ix.iter().any(|&i| out[i] == r));
        if !same {
            by_id.entry(r.get(idc).to_string()).or_default().push(out.len());
            out.push(r);
        }
    }
    out
}

/// Second pass: reads each document's records back from the store, in `doc_id` order (blocks of
/// documents in parallel), and writes its trade figures, statements and mentions (with those of
/// the visits and sanctions it reports) into `dir`. Memory holds one block of documents.
#[allow(clippy::too_many_arguments)]
fn stream(
    dir: &Path,
    docs: &[DocMeta],
    store: &Store,
    mem: &InMemory,
    schemas: &[Schema],
    overrides: &[curate::Override],
    quarantine: Quarantine,
    log: &mut crate::warnings::WarningLog,
    report: &mut RunReport,
) -> Result<(Vec<(Schema, usize)>, Vec<Option<bool>>, Quarantine)> {
    const BLOCK: usize = 64;
    let streamed: Vec<&Schema> = STREAMED_TABLES.iter().map(|n| schemas.iter().find(|s| &s.name == n).expect("a schema per table")).collect();
    let mut s = Streams {
        writers: streamed.iter().map(|sc| write::TableWriter::create(dir, sc)).collect::<Result<_>>()?,
        checkers: streamed.iter().map(|sc| validate::Checker::new(sc, &mem.tables)).collect(),
        schemas: streamed.clone(),
        curator: curate::Streamed::new(overrides, STREAMED_TABLES),
        quarantine,
        errors: Vec::new(),
    };
    let (trade, statements, mentions) = (0, 1, 2);
    // What the mentions of a record and a statement's visit link must agree with.
    let live: std::collections::HashSet<(&str, &str)> = mem
        .tables
        .iter()
        .filter(|(sc, _)| RECORD_TABLES.contains(&sc.name.as_str()))
        .flat_map(|(sc, rows)| rows.iter().map(move |r| (sc.name.as_str(), r.get(sc.id_column()))))
        .collect();
    let dropped_visit = |id: &str| !live.contains(&("visits", id)) && overrides.iter().any(|o| o.action == "drop" && o.table == "visits" && o.record_id == id);
    // A field a curator set is visible in mentions.rule, on the first evidence of the record.
    let mut set_marks: Vec<(&curate::Override, bool)> = overrides.iter().filter(|o| o.action == "set").map(|o| (o, false)).collect();
    // Records of the streamed tables left out (curation drop, quarantine): their mentions go.
    let mut gone: std::collections::HashSet<(&'static str, String)> = Default::default();
    for block in docs.chunks(BLOCK) {
        type Built = (Vec<Row>, Vec<Row>, Vec<Row>, (Vec<u8>, usize));
        let built: Vec<Result<Built>> = block
            .par_iter()
            .map(|d| {
                let r = store.get(d)?;
                let warnings = crate::warnings::encode(r.warnings)?;
                let mut out = Output::default();
                // The mentions of the merged visits and sanctions this document reports.
                let (vn, sn) = (r.visits.len(), r.sanctions.len());
                if vn != d.visit_links.len() || sn != d.sanction_links.len() {
                    bail!("{}: its records read back from the store differ from the first pass's (was the store changed during the run?)", d.path);
                }
                for (v, &k) in r.visits.into_iter().zip(&d.visit_links) {
                    for e in v.evidence {
                        out.add_mention("visits", &mem.visit_ids[k as usize], e);
                    }
                }
                for (x, &k) in r.sanctions.into_iter().zip(&d.sanction_links) {
                    for e in x.evidence {
                        out.add_mention("sanctions", &mem.sanction_ids[k as usize], e);
                    }
                }
                out.add_trade(r.trade);
                out.add_statements(r.statements, &mem.visit_index);
                let mut ms = out.mentions;
                ms.sort_by(|a, b| reading_order(a).cmp(&reading_order(b)));
                ms.dedup();
                Ok((dedup_rows(out.trade, "trade_id"), dedup_rows(out.statements, "statement_id"), ms, warnings))
            })
            .collect();
        for (d, b) in block.iter().zip(built) {
            let (t_rows, s_rows, m_rows, warnings) = b?;
            log.append(&d.path, warnings)?;
            for r in t_rows {
                let id = r.get("trade_id").to_string();
                if !s.emit(trade, r)? {
                    gone.insert(("trade", id));
                }
            }
            for mut r in s_rows {
                let v = r.get("visit_id");
                if !v.is_empty() && (dropped_visit(v) || s.quarantine.holds("visits", v)) {
                    r.set("visit_id", "");
                }
                let id = r.get("statement_id").to_string();
                if !s.emit(statements, r)? {
                    gone.insert(("statements", id));
                }
            }
            for m in m_rows {
                let (t, id) = (m.get("table"), m.get("record_id"));
                if s.quarantine.mention(&m) {
                    continue;
                }
                let exists = match t {
                    "trade" => gone.is_empty() || !gone.contains(&("trade", id.to_string())),
                    "statements" => gone.is_empty() || !gone.contains(&("statements", id.to_string())),
                    _ => live.contains(&(t, id)),
                };
                if !exists {
                    continue;
                }
                let extra: Vec<Row> = set_marks
                    .iter_mut()
                    .filter(|(o, done)| !done && o.table == t && o.record_id == id)
                    .map(|(o, done)| {
                        *done = true;
                        let mut x = m.clone();
                        let rule = format!("curation:set:{}:{}", o.field, o.reason);
                        x.set(
                            "mention_id",
                            crate::model::content_id("M", &[&o.table, &o.record_id, m.get("doc_id"), m.get("char_start"), m.get("char_end"), &rule]),
                        );
                        x.set("rule", rule);
                        x
                    })
                    .collect();
                s.emit(mentions, m)?;
                for x in extra {
                    s.emit(mentions, x)?;
                }
            }
        }
    }
    for (k, sc) in streamed.iter().enumerate() {
        for r in s.curator.finish(&sc.name, sc.id_column()) {
            s.publish(k, r)?;
        }
    }
    report.errors.extend(s.errors);
    let mut written = Vec::new();
    for (w, sc) in s.writers.into_iter().zip(&streamed) {
        written.push(((*sc).clone(), w.finish()?));
    }
    Ok((written, s.curator.outcomes, s.quarantine))
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
        report.timings.push((stage, clock.elapsed().as_secs_f64(), memory_mb()));
        clock = std::time::Instant::now();
    };
    write::clean_stale(&opts.out);
    let keyer = crate::cache::Cache::new(Path::new(""), &reference, &format!("{:?}", opts.media));
    let scanned = scan(opts, &keyer, &mut report)?;
    drop(keyer);
    // A cached run whose inputs and published folder are as the last run left them is done.
    let fingerprint = match &opts.cache {
        Some(dir) if std::env::var_os("CNKP_FAULT_INJECT").is_none() => {
            let f = inputs_fingerprint(opts, &reference, &schema_files, &scanned, &report.rejected)?;
            if let Some(s) = crate::stamp::up_to_date(dir, &opts.out, &f) {
                let n = scanned.jobs.len();
                let mut done = RunReport {
                    published: true,
                    up_to_date: true,
                    documents: s.documents,
                    rejected: s.rejected,
                    warnings: s.warnings,
                    document_warnings: s.document_warnings,
                    quarantined: s.quarantined,
                    counts: s.counts,
                    cache: Some(crate::cache::Stats { hits: n, misses: 0, pruned: 0 }),
                    ..RunReport::default()
                };
                lap(&mut done, "up-to-date check");
                return Ok(done);
            }
            crate::stamp::forget(dir, &opts.out);
            Some((dir, f))
        }
        _ => None,
    };
    let (mut docs, store) = read_documents(opts, &reference, &mut report, scanned)?;
    report.documents = docs.len();
    lap(&mut report, "documents");

    // Visits and sanctions are merged across documents, in memory; checked before the rest, so
    // statements and mentions know which of them are published.
    let mut outcomes = vec![None; overrides.len()];
    let mut mem = build_in_memory(&mut docs, &store, &schemas, &reference, &overrides, &mut outcomes)?;
    let mut quarantine = Quarantine::default();
    let (rows_bad, table_bad): (Vec<Issue>, Vec<Issue>) = validate::check(&mem.tables).into_iter().partition(is_row_level);
    report.errors.extend(table_bad);
    if !rows_bad.is_empty() {
        let mut drop_rows: std::collections::BTreeSet<(String, usize)> = Default::default();
        for p in rows_bad {
            let (Some(t), Some(n)) = (p.table.clone(), p.row) else { continue };
            let Some((schema, rows)) = mem.tables.iter().find(|x| x.0.name == t) else { continue };
            let Some(row) = rows.get(n - 1) else { continue };
            quarantine.add(schema, row, vec![p]);
            drop_rows.insert((t, n - 1));
        }
        for (schema, rows) in mem.tables.iter_mut() {
            let mut i = 0;
            rows.retain(|_| {
                i += 1;
                !drop_rows.contains(&(schema.name.clone(), i - 1))
            });
        }
    }
    lap(&mut report, "tables");

    // The rest streams, document by document, into the temporary folder.
    let tmp = write::temp_dir_for(&opts.out)?;
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp)?;
    }
    std::fs::create_dir_all(&tmp)?;
    let mut log = crate::warnings::WarningLog::create(write::scratch_dir_for(&opts.out, "warnings")?)?;
    let streamed = stream(&tmp, &docs, &store, &mem, &schemas, &overrides, quarantine, &mut log, &mut report);
    drop(store);
    log.finish()?;
    report.document_warnings = log.count();
    let (written, streamed_outcomes, quarantine) = match streamed {
        Ok(x) => x,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    let outcomes: Vec<Option<bool>> = outcomes.iter().zip(&streamed_outcomes).map(|(a, b)| a.or(*b)).collect();
    let (applied, problems) = curate::report(&overrides, &outcomes);
    report.errors.extend(problems);
    report.warnings.extend(applied.into_iter().map(|a| Issue::file("warning", "curation-applied", "curation/overrides.csv", a)));
    report.quarantined = quarantine.issues();
    report.counts = mem.tables.iter().map(|(s, r)| (s.name.clone(), r.len())).chain(written.iter().map(|(s, n)| (s.name.clone(), *n))).collect();
    lap(&mut report, "stream");

    let by_file = crate::warnings::by_file;
    report.rejected.sort_by(by_file);
    report.warnings.sort_by(by_file);
    if !report.errors.is_empty() || (opts.strict && (!report.rejected.is_empty() || !report.quarantined.is_empty())) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Ok(report);
    }
    let issues = IssuesFile {
        documents: report.documents,
        rejected: &report.rejected,
        quarantined: &report.quarantined,
        warnings: crate::warnings::Listed { run: &report.warnings, log: Some(&log) },
        counts: &report.counts,
    };
    let meta = write::PackageMeta {
        release: match &opts.release {
            Some(p) => crate::release::Release::load(p)?,
            None => None,
        },
        reference_sha256: reference.fingerprint.clone(),
        gold: opts.gold.clone(),
        reference: Some(ref_files.clone()),
    };
    if let Err(e) = write::write_all(&tmp, &mem.tables, &written, &issues, &meta) {
        let _ = std::fs::remove_dir_all(&tmp);
        bail!("writing the dataset failed: {e:#}");
    }
    if std::env::var_os("CNKP_PAUSE_BEFORE_PUBLISH_MS").is_some() {
        // Test hook: widen the window in which a kill can land between write and swap.
        let ms = std::env::var("CNKP_PAUSE_BEFORE_PUBLISH_MS").ok().and_then(|v| v.parse().ok()).unwrap_or(0);
        std::thread::sleep(std::time::Duration::from_millis(ms));
    }
    write::publish(&tmp, &opts.out)?;
    if let Some((dir, f)) = fingerprint {
        let summary = crate::stamp::Summary {
            documents: report.documents,
            rejected: report.rejected.clone(),
            quarantined: report.quarantined.clone(),
            warnings: report.warnings.clone(),
            document_warnings: report.document_warnings,
            counts: report.counts.clone(),
        };
        // Without a stamp the next run is a full one: a failure here costs time, not data.
        if let Err(e) = crate::stamp::record(dir, &opts.out, &f, summary) {
            report.warnings.push(Issue::file("warning", "stamp-not-written", &dir.display().to_string(), format!("{e:#}")));
        }
    }
    lap(&mut report, "write");
    report.published = true;
    Ok(report)
}

/// The process's resident and peak resident set, in MB (from `/proc/self/status`; `None`
/// where there is none).
fn memory_mb() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = |key: &str| status.lines().find_map(|l| l.strip_prefix(key)?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok());
    Some((kb("VmRSS:")? / 1024, kb("VmHWM:")? / 1024))
}

/// What `issues.json` holds (fields in this order), borrowed from the run report.
#[derive(serde::Serialize)]
struct IssuesFile<'a> {
    documents: usize,
    rejected: &'a [Issue],
    quarantined: &'a [Issue],
    warnings: crate::warnings::Listed<'a>,
    counts: &'a BTreeMap<String, usize>,
}

/// Tables whose rows are records read from the articles: one bad record is quarantined, the
/// rest publishes.
const RECORD_TABLES: &[&str] = &["visits", "trade", "sanctions", "statements"];

/// A problem confined to one record (a type, enum, pattern or required-value error), as opposed
/// to one between rows or tables (duplicate keys, broken foreign keys), which stops the run.
fn is_row_level(i: &Issue) -> bool {
    i.table.as_deref().is_some_and(|t| RECORD_TABLES.contains(&t)) && matches!(i.code.as_str(), "type-error" | "constraint-error")
}
