//! Helpers shared by the integration tests.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `cnkp` command with reference/schemas/curation taken from the repository.
pub fn cnkp() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cnkp"))
}

/// `cnkp run --raw RAW --out OUT` plus extra args, with the repository's reference data.
pub fn run(raw: &Path, out: &Path, extra: &[&str]) -> Output {
    let r = root();
    let mut c = cnkp();
    c.arg("run").arg("--raw").arg(raw).arg("--out").arg(out);
    c.arg("--reference").arg(r.join("reference")).arg("--schemas").arg(r.join("schemas"));
    if !extra.contains(&"--curation") {
        c.arg("--curation").arg(r.join("curation/overrides.csv"));
    }
    c.args(extra);
    c.output().expect("cnkp runs")
}

/// Every file of a directory (recursively) with its bytes, by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("readable dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).expect("prefix").to_string_lossy().to_string();
                out.insert(rel, std::fs::read(&p).expect("readable file"));
            }
        }
    }
    out
}

/// Copies every file of `from` into `to` (flat).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("readable").flatten() {
        if e.path().is_file() {
            std::fs::copy(e.path(), to.join(e.file_name())).expect("copy");
        }
    }
}

/// Reads a CSV into rows of column → value.
pub fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut rdr = csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let h: Vec<String> = rdr.headers().expect("header").iter().map(String::from).collect();
    rdr.records().map(|r| h.iter().cloned().zip(r.expect("record").iter().map(String::from)).collect()).collect()
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

/// A scratch folder holding one bundled article in `raw/`, published once into `out/`.
pub fn one_article(name: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let raw = t.path().join("raw");
    std::fs::create_dir_all(&raw).expect("mkdir");
    std::fs::copy(root().join("raw").join(name), raw.join(name)).expect("copy");
    let out = t.path().join("out");
    let o = run(&raw, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    (t, raw, out)
}
