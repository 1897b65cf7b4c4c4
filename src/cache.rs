//! The per-document cache: what extract → clean → normalize → tables made of one document, kept
//! on disk so a run after adding a day's articles redoes only those files and the merge.
//!
//! An entry is keyed by everything `pipeline::process` reads: the rules (a hash of the source
//! code and `Cargo.lock` the binary was built from, [`RULES_VERSION`]), the reference data
//! ([`crate::reference::Reference::fingerprint`]), the document's id, path, bytes (SHA-256) and
//! `sources.csv` row, and the media-statements option. Any change to one of them is a different
//! key, so a changed rule or reference file re-extracts everything. The cache is an optimisation
//! only: an entry that is missing, unreadable or from another build is recomputed, and output
//! bytes never depend on it.
//!
//! Layout: `DIR/v1/<2 hex>/<64 hex>.json`, one JSON file per document, written to a temporary
//! name and renamed (a killed run leaves no half entry). Gazetteer entities are stored by id and
//! resolved against the run's reference data when read; extracted entities are stored whole.

use crate::model::{sha256_hex, Issue};
use crate::pipeline::DocResult;
use crate::reference::{EntRef, Entity, Reference};
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Hash of the rules: the source files and `Cargo.lock` this binary was built from (`build.rs`).
pub const RULES_VERSION: &str = env!("CNKP_RULES_VERSION");

/// Format of the entries; bumped when [`DocResult`]'s serialized form changes.
const LAYOUT: &str = "v1";

/// What a cached run did with the cache.
#[derive(Debug, Default, Clone, Copy)]
pub struct Stats {
    /// Documents read from the cache.
    pub hits: usize,
    /// Documents processed and stored.
    pub misses: usize,
    /// Entries removed because no document of the run used them.
    pub pruned: usize,
}

/// A cache folder bound to one run's rules and reference data.
pub struct Cache {
    dir: PathBuf,
    /// Rules, reference and options: the part of every key shared by all documents.
    base: String,
    gazetteer: Arc<HashMap<String, EntRef>>,
}

/// The cached outcome of one document: its records, or the reason it was rejected.
type Entry = Result<DocResult, Issue>;

thread_local! {
    /// The gazetteer entries are resolved against while a cache entry is read.
    static GAZETTEER: RefCell<Option<Arc<HashMap<String, EntRef>>>> = const { RefCell::new(None) };
}

impl Cache {
    /// A cache in `dir` for a run with these rules, reference data and media option.
    pub fn new(dir: &Path, reference: &Reference, media: &str) -> Self {
        Self::with_rules(dir, reference, media, RULES_VERSION)
    }

    /// As [`Cache::new`], for a given rules version (tests: a changed rule is a different key).
    pub fn with_rules(dir: &Path, reference: &Reference, media: &str, rules: &str) -> Self {
        let base = [LAYOUT, rules, &reference.fingerprint, media].join("\u{1f}");
        let gazetteer = reference.entities.iter().map(|e| (e.entity_id.clone(), e.clone())).collect();
        Cache { dir: dir.join(LAYOUT), base, gazetteer: Arc::new(gazetteer) }
    }

    /// The key of one document: the run's base, its id and path, its `sources.csv` row (as
    /// debug text) and the SHA-256 of its bytes.
    pub fn key(&self, doc_id: &str, path: &str, source: &str, bytes: &[u8]) -> String {
        let parts = [self.base.as_str(), doc_id, path, source, &sha256_hex(bytes)];
        sha256_hex(parts.join("\u{1f}").as_bytes())
    }

    /// The folder of the entries.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir.join(&key[..2]).join(format!("{key}.json"))
    }

    /// The cached outcome for `key`, if there is a readable one.
    pub fn get(&self, key: &str) -> Option<Entry> {
        let bytes = std::fs::read(self.path(key)).ok()?;
        self.with_gazetteer(|| serde_json::from_slice::<Entry>(&bytes).ok())
    }

    /// Runs `f` with gazetteer entities resolved by id (see the serde impls of `EntRef`).
    pub(crate) fn with_gazetteer<T>(&self, f: impl FnOnce() -> T) -> T {
        GAZETTEER.with(|g| *g.borrow_mut() = Some(self.gazetteer.clone()));
        let out = f();
        GAZETTEER.with(|g| *g.borrow_mut() = None);
        out
    }

    /// Stores an outcome. Failing to store is not an error: the next run recomputes it.
    pub fn put(&self, key: &str, entry: &Entry) {
        let path = self.path(key);
        let Ok(json) = self.with_gazetteer(|| serde_json::to_vec(entry)) else { return };
        let Some(dir) = path.parent() else { return };
        let tmp = dir.join(format!(".{key}.tmp-{}-{:?}", std::process::id(), std::thread::current().id()));
        // The shard folder is made the first time a write into it fails (not checked for every
        // entry: that was a quarter of the time spent storing).
        let written = std::fs::write(&tmp, &json).or_else(|_| std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&tmp, &json)));
        if written.is_ok() && std::fs::rename(&tmp, &path).is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
    }

    /// Removes every entry whose key is not in `used` (and leftovers of killed runs), so the
    /// cache holds one entry per document of the last run. Returns how many went.
    pub fn prune(&self, used: &std::collections::HashSet<String>) -> usize {
        let mut n = 0;
        let Ok(shards) = std::fs::read_dir(&self.dir) else { return 0 };
        for shard in shards.flatten() {
            let Ok(files) = std::fs::read_dir(shard.path()) else { continue };
            for f in files.flatten() {
                let name = f.file_name().to_string_lossy().to_string();
                let key = name.strip_suffix(".json").unwrap_or("");
                if !used.contains(key) && std::fs::remove_file(f.path()).is_ok() {
                    n += 1;
                }
            }
        }
        n
    }
}

/// A gazetteer entity is stored as its id (the run's reference data has the rest), any other
/// (extracted, or made by a rule) whole.
impl serde::Serialize for EntRef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let listed = GAZETTEER.with(|g| g.borrow().as_ref().is_some_and(|m| m.get(&self.entity_id).is_some_and(|e| Arc::ptr_eq(&e.0, &self.0))));
        if listed {
            s.serialize_str(&self.entity_id)
        } else {
            self.0.as_ref().serialize(s)
        }
    }
}

impl<'de> serde::Deserialize<'de> for EntRef {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        #[serde(untagged)]
        enum Stored {
            Id(String),
            Whole(Entity),
        }
        match Stored::deserialize(d)? {
            Stored::Whole(e) => Ok(EntRef(Arc::new(e))),
            Stored::Id(id) => GAZETTEER
                .with(|g| g.borrow().as_ref().and_then(|m| m.get(&id).cloned()))
                .ok_or_else(|| serde::de::Error::custom(format!("entity {id} is not in the reference data"))),
        }
    }
}
