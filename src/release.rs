//! Releases: a semantic version for the dataset, computed from what changed since the previous
//! release ([`crate::diff`]), kept in `release.json` (which `cnkp run --release` stamps into
//! `datapackage.json`, so `make data` stays byte-for-byte reproducible) and logged in
//! `CHANGELOG.md`.
//!
//! * major — a table, column or type changed, or an ID scheme changed (existing IDs vanished and
//!   reappeared under new keys);
//! * minor — rows were added, removed or changed;
//! * patch — only metadata changed.

use crate::diff::{diff, TableDiff};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The contents of `release.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Release {
    /// Semantic version of the dataset (`1.4.0`).
    pub version: String,
    /// When it was released (RFC 3339, midnight UTC of the release date).
    pub created: String,
}

impl Release {
    /// Reads a release file; `None` when it does not exist.
    pub fn load(path: &Path) -> Result<Option<Release>> {
        if !path.exists() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
        Ok(Some(serde_json::from_str(&text).with_context(|| format!("{}: not a release file", path.display()))?))
    }
}

/// Which part of the version a change calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

/// The bump a set of table differences calls for.
pub fn bump_for(diffs: &[TableDiff]) -> Bump {
    if diffs.iter().any(|d| d.schema_changed() || d.ids_changed()) {
        Bump::Major
    } else if diffs.iter().any(|d| !d.is_empty()) {
        Bump::Minor
    } else {
        Bump::Patch
    }
}

fn parse(v: &str) -> Result<(u64, u64, u64)> {
    let p: Vec<u64> = v.split('.').map(|x| x.parse()).collect::<std::result::Result<_, _>>().with_context(|| format!("version {v:?} is not x.y.z"))?;
    match p[..] {
        [a, b, c] => Ok((a, b, c)),
        _ => bail!("version {v:?} is not x.y.z"),
    }
}

/// The next version after `v`.
pub fn next(v: &str, b: Bump) -> Result<String> {
    let (ma, mi, pa) = parse(v)?;
    Ok(match b {
        Bump::Major => format!("{}.0.0", ma + 1),
        Bump::Minor => format!("{ma}.{}.0", mi + 1),
        Bump::Patch => format!("{ma}.{mi}.{}", pa + 1),
    })
}

fn today() -> String {
    let days = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0);
    let epoch = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch");
    (epoch + chrono::Duration::days(days as i64)).format("%Y-%m-%d").to_string()
}

/// Stamps `version` and `created` into a published folder's `datapackage.json`.
pub fn stamp(dir: &Path, r: &Release) -> Result<()> {
    let path = dir.join("datapackage.json");
    let mut dp: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path)?)?;
    dp["version"] = r.version.clone().into();
    dp["created"] = r.created.clone().into();
    std::fs::write(&path, serde_json::to_string_pretty(&dp)? + "\n")?;
    Ok(())
}

/// Makes a release of `new` against `previous`; returns the new version.
pub fn release(previous: &Path, new: &Path, release_file: &Path, changelog: &Path, date: Option<String>) -> Result<String> {
    let diffs = diff(previous, new)?;
    let bump = bump_for(&diffs);
    let prev_version = std::fs::read_to_string(previous.join("datapackage.json"))
        .ok()
        .and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok())
        .and_then(|v| v["version"].as_str().map(String::from))
        .or(Release::load(release_file)?.map(|r| r.version))
        .unwrap_or_else(|| "0.0.0".into());
    let version = next(&prev_version, bump)?;
    let date = date.unwrap_or_else(today);
    chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").with_context(|| format!("--date {date:?} is not YYYY-MM-DD"))?;
    let r = Release { version: version.clone(), created: format!("{date}T00:00:00Z") };
    std::fs::write(release_file, serde_json::to_string_pretty(&r)? + "\n").with_context(|| format!("{}: cannot write", release_file.display()))?;
    stamp(new, &r)?;
    let mut entry = format!("## {version} — {date}\n\n");
    entry += &format!("{} release (from {prev_version}).\n\n", match bump {
        Bump::Major => "Major",
        Bump::Minor => "Minor",
        Bump::Patch => "Patch",
    });
    entry += "| table | rows | added | removed | modified | schema changes |\n|---|---:|---:|---:|---:|---|\n";
    for d in &diffs {
        let mut schema: Vec<String> = d.table_change.iter().map(|t| format!("table {t}")).collect();
        schema.extend(d.columns_added.iter().map(|c| format!("+{c}")));
        schema.extend(d.columns_removed.iter().map(|c| format!("-{c}")));
        schema.extend(d.columns_retyped.iter().cloned());
        if d.ids_changed() {
            schema.push("ID scheme changed".into());
        }
        entry += &format!("| {} | {} | {} | {} | {} | {} |\n", d.table, d.rows_new, d.added.len(), d.removed.len(), d.modified.len(), schema.join(", "));
    }
    let old = std::fs::read_to_string(changelog).unwrap_or_else(|_| "# Changelog\n\nDataset releases of cnkp (`processed/`), newest first. Versions follow the rules in the README (Versions and changes).\n\n".into());
    let (head, rest) = match old.find("\n## ") {
        Some(i) => old.split_at(i + 1),
        None => (old.as_str(), ""),
    };
    std::fs::write(changelog, format!("{head}{entry}\n{rest}")).with_context(|| format!("{}: cannot write", changelog.display()))?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump() {
        assert_eq!(next("1.4.2", Bump::Major).unwrap(), "2.0.0");
        assert_eq!(next("1.4.2", Bump::Minor).unwrap(), "1.5.0");
        assert_eq!(next("1.4.2", Bump::Patch).unwrap(), "1.4.3");
        assert!(next("1.4", Bump::Patch).is_err());
    }
}
