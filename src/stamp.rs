//! The run stamp: what a published folder was made from, so that a cached run with nothing
//! changed finds the folder up to date and leaves it as it is (as `make` does), instead of
//! reading every cache entry back and writing the same bytes again.
//!
//! "Nothing changed" means the same fingerprint of the inputs: every document's cache key
//! (rules, reference data, options, id, path, `sources.csv` row, bytes), the files turned away
//! before reading, the schemas, the curation and release files, the gold folder and the options
//! that change output. The stamp also lists every published file with its size and SHA-256;
//! it is trusted only while the folder still holds exactly those files with those bytes, so a
//! hand-edited or damaged dataset is rebuilt.
//!
//! Stamps live in the cache folder (`DIR/runs/<sha256 of the output path>.json`), never in the
//! published folder: deleting the cache changes no output byte.

use crate::model::{sha256_hex, sha256_reader, Issue};
use anyhow::Result;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// What the run that published a folder reported (its summary line and `issues.json` counts).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Summary {
    pub documents: usize,
    pub rejected: Vec<Issue>,
    pub quarantined: Vec<Issue>,
    pub warnings: Vec<Issue>,
    pub document_warnings: usize,
    pub counts: BTreeMap<String, usize>,
}

/// A published folder's stamp.
#[derive(Debug, Serialize, Deserialize)]
struct Stamp {
    /// The fingerprint of what the folder was made from.
    inputs: String,
    /// Every file of the folder (path relative to it, `/`-separated): size and SHA-256.
    files: Vec<(String, u64, String)>,
    summary: Summary,
}

/// Where the stamp of output folder `out` lives in cache folder `cache`.
fn path(cache: &Path, out: &Path) -> PathBuf {
    let abs = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    cache.join("runs").join(format!("{}.json", sha256_hex(abs.to_string_lossy().as_bytes())))
}

/// Every file under `dir`, sorted, with its size and SHA-256 (hashed in parallel, in blocks).
fn files_of(dir: &Path) -> Result<Vec<(String, u64, String)>> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                found.push((crate::model::rel_path(dir, &p), p));
            }
        }
    }
    found.sort();
    found
        .into_par_iter()
        .map(|(rel, p)| {
            let (n, h) = sha256_reader(std::io::BufReader::new(std::fs::File::open(&p)?))?;
            Ok((rel, n, h))
        })
        .collect()
}

/// The summary of the run that published `out`, if its stamp says it was made from `inputs`
/// and the folder still holds exactly the files it wrote. `None` (do the run) on any doubt.
pub fn up_to_date(cache: &Path, out: &Path, inputs: &str) -> Option<Summary> {
    let text = std::fs::read(path(cache, out)).ok()?;
    let stamp: Stamp = serde_json::from_slice(&text).ok()?;
    if stamp.inputs != inputs || !out.is_dir() {
        return None;
    }
    (files_of(out).ok()? == stamp.files).then_some(stamp.summary)
}

/// Records that `out` was just published from `inputs` (written to a temporary name and
/// renamed: a killed run leaves the old stamp or none, never half of one).
pub fn record(cache: &Path, out: &Path, inputs: &str, summary: Summary) -> Result<()> {
    let stamp = Stamp { inputs: inputs.to_string(), files: files_of(out)?, summary };
    let p = path(cache, out);
    let dir = p.parent().expect("a stamp path has a folder");
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(".stamp.tmp-{}", std::process::id()));
    std::fs::write(&tmp, serde_json::to_vec(&stamp)?)?;
    std::fs::rename(&tmp, &p)?;
    Ok(())
}

/// Removes the stamp of `out` (before a run replaces it: if that run is killed after
/// publishing, no stale stamp vouches for the new folder; the file check would catch it anyway).
pub fn forget(cache: &Path, out: &Path) {
    let _ = std::fs::remove_file(path(cache, out));
}

/// Hashes named parts into one fingerprint (each part length-prefixed, so no two sequences of
/// parts give the same stream).
#[derive(Default)]
pub struct Fingerprint(sha2::Sha256);

impl Fingerprint {
    /// Adds one part.
    pub fn part(&mut self, label: &str, bytes: &[u8]) -> &mut Self {
        use sha2::Digest;
        for x in [label.as_bytes(), bytes] {
            self.0.update((x.len() as u64).to_le_bytes());
            self.0.update(x);
        }
        self
    }

    /// Adds every file under `dir` (relative path and bytes), in sorted order; a missing
    /// folder is a part of its own.
    pub fn folder(&mut self, label: &str, dir: &Path) -> &mut Self {
        match files_of(dir) {
            Ok(files) => {
                for (rel, n, h) in files {
                    self.part(label, format!("{rel}\u{1f}{n}\u{1f}{h}").as_bytes());
                }
            }
            Err(e) => {
                self.part(label, format!("unreadable: {e}").as_bytes());
            }
        }
        self
    }

    /// The fingerprint, hex.
    pub fn hex(self) -> String {
        use sha2::Digest;
        crate::model::hex_digest(self.0.finalize())
    }
}
