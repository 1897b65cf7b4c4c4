//! The per-document cache is an optimisation only: a run that reuses it publishes the same bytes
//! as one without it, and a changed document, reference file or rule is processed again.

use super::common::*;
use std::path::Path;

/// `cnkp run` with `reference` and, if given, a cache folder; returns stderr.
fn cached_run(raw: &Path, out: &Path, reference: &Path, cache: Option<&Path>) -> String {
    let mut c = cnkp();
    c.arg("run").arg("--raw").arg(raw).arg("--out").arg(out).arg("--reference").arg(reference);
    if let Some(dir) = cache {
        c.arg("--cache").arg(dir);
    }
    let o = c.output().expect("cnkp runs");
    let err = stderr(&o);
    assert!(o.status.success(), "run failed: {err}");
    err
}

/// A temporary folder with copies of `raw/` and `reference/` (tests edit them).
fn workspace() -> (tempfile::TempDir, std::path::PathBuf, std::path::PathBuf) {
    let t = tempfile::tempdir().expect("tempdir");
    let (raw, reference) = (t.path().join("raw"), t.path().join("reference"));
    copy_dir(&root().join("raw"), &raw);
    copy_dir(&root().join("reference"), &reference);
    (t, raw, reference)
}

/// The `reused`/`processed` counts of the run's cache line.
fn counts(err: &str) -> (usize, usize) {
    let line = err.lines().find(|l| l.starts_with("cnkp: cache ")).unwrap_or_else(|| panic!("no cache line in {err}"));
    let n = |word: &str| -> usize {
        let head = line.split(word).next().unwrap_or_default();
        head.rsplit(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty()).and_then(|s| s.parse().ok()).unwrap_or(usize::MAX)
    };
    (n(" documents reused"), n(" processed"))
}

#[test]
fn a_cached_run_publishes_the_same_bytes_and_redoes_only_what_changed() {
    let (t, raw, reference) = workspace();
    let cache = t.path().join("cache");
    let n_docs = std::fs::read_dir(&raw).expect("raw").flatten().filter(|e| e.path().extension().is_some_and(|x| x == "txt")).count();

    // Cold, warm, and without a cache: one dataset.
    let cold = cached_run(&raw, &t.path().join("cold"), &reference, Some(&cache));
    assert_eq!(counts(&cold), (0, n_docs), "{cold}");
    let warm = cached_run(&raw, &t.path().join("warm"), &reference, Some(&cache));
    assert_eq!(counts(&warm), (n_docs, 0), "{warm}");
    cached_run(&raw, &t.path().join("none"), &reference, None);
    let none = snapshot(&t.path().join("none"));
    assert_eq!(snapshot(&t.path().join("cold")), none);
    assert_eq!(snapshot(&t.path().join("warm")), none, "a run from the cache must publish the same bytes");

    // A new article is the only document processed.
    std::fs::write(raw.join("zz_new.txt"), "2019年6月20日，中共中央总书记、国家主席习近平抵达平壤，对朝鲜进行国事访问。").expect("write");
    let added = cached_run(&raw, &t.path().join("added"), &reference, Some(&cache));
    assert_eq!(counts(&added), (n_docs, 1), "{added}");

    // A damaged entry is recomputed, not trusted: the output does not change.
    let entry = walk(&cache).into_iter().find(|p| p.extension().is_some_and(|x| x == "json")).expect("an entry");
    std::fs::write(&entry, b"{ not json").expect("damage");
    std::fs::remove_file(raw.join("zz_new.txt")).expect("rm");
    let repaired = cached_run(&raw, &t.path().join("repaired"), &reference, Some(&cache));
    let (reused, processed) = counts(&repaired);
    assert_eq!((reused + processed, processed <= 1), (n_docs, true), "{repaired}");
    assert_eq!(snapshot(&t.path().join("repaired")), none);

    // A changed reference file re-extracts every document, and the result is what a run
    // without the cache gives with that reference: a person taken out of the gazetteer.
    let ents = std::fs::read_to_string(reference.join("entities.csv")).expect("entities");
    let gone = ents.lines().find(|l| l.contains(",person,") && l.contains("金正恩")).expect("a person row").to_string();
    std::fs::write(reference.join("entities.csv"), ents.replace(&format!("{gone}\n"), "")).expect("write");
    let changed = cached_run(&raw, &t.path().join("changed"), &reference, Some(&cache));
    assert_eq!(counts(&changed), (0, n_docs), "{changed}");
    cached_run(&raw, &t.path().join("changed-none"), &reference, None);
    let changed_none = snapshot(&t.path().join("changed-none"));
    assert_ne!(changed_none, none, "the edit must change the dataset for this test to mean anything");
    assert_eq!(snapshot(&t.path().join("changed")), changed_none);
    // Entries of the old reference data are removed: one per document remains (run stamps
    // live beside them, in `runs/`).
    assert_eq!(walk(&cache.join("v1")).len(), n_docs);
    // Runs without a cache spill each document's records beside the output and remove them.
    let left: Vec<String> = std::fs::read_dir(t.path()).expect("dir").flatten().map(|e| e.file_name().to_string_lossy().to_string()).filter(|n| n.starts_with('.')).collect();
    assert!(left.is_empty(), "temporary folders left behind: {left:?}");
}

#[test]
fn a_changed_rule_is_a_different_cache_key() {
    let reference = cnkp::reference::Reference::load(&root().join("reference")).expect("reference");
    let dir = std::path::PathBuf::from("unused");
    let a = cnkp::cache::Cache::with_rules(&dir, &reference, "Drop", "rules-a");
    let b = cnkp::cache::Cache::with_rules(&dir, &reference, "Drop", "rules-b");
    let media = cnkp::cache::Cache::with_rules(&dir, &reference, "Keep", "rules-a");
    let k = |c: &cnkp::cache::Cache, bytes: &[u8]| c.key("doc", "doc.txt", "None", bytes);
    assert_eq!(k(&a, b"text"), k(&a, b"text"));
    assert_ne!(k(&a, b"text"), k(&b, b"text"));
    assert_ne!(k(&a, b"text"), k(&media, b"text"));
    assert_ne!(k(&a, b"text"), k(&a, b"text."));
    assert_ne!(k(&a, b"text"), a.key("doc", "doc.txt", "Some(Source { title: \"T\" })", b"text"));
    assert!(!cnkp::cache::RULES_VERSION.is_empty());
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("dir").flatten() {
            if e.path().is_dir() {
                stack.push(e.path());
            } else {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_rerun_with_nothing_changed_leaves_the_folder_and_any_change_rebuilds_it() {
    let (t, raw, reference) = workspace();
    let (cache, out) = (t.path().join("cache"), t.path().join("out"));
    let up_to_date = |err: &str| err.lines().any(|l| l.starts_with("cnkp: up to date"));

    let first = cached_run(&raw, &out, &reference, Some(&cache));
    assert!(!up_to_date(&first), "{first}");
    let published = snapshot(&out);
    let second = cached_run(&raw, &out, &reference, Some(&cache));
    assert!(up_to_date(&second), "nothing changed, so the folder is up to date: {second}");
    assert_eq!(snapshot(&out), published);
    // The summary line reports what the publishing run reported.
    let summary = |err: &str| err.lines().find(|l| l.contains(" documents, ")).map(|l| l[l.find('(').expect("counts")..].to_string());
    assert_eq!(summary(&second), summary(&first));

    // A damaged published file is not vouched for: the run rebuilds the folder.
    std::fs::write(out.join("trade.csv"), "damaged\n").expect("damage");
    let repaired = cached_run(&raw, &out, &reference, Some(&cache));
    assert!(!up_to_date(&repaired), "{repaired}");
    assert_eq!(snapshot(&out), published);
    // So does an extra file in it.
    std::fs::write(out.join("notes.txt"), "mine").expect("write");
    assert!(!up_to_date(&cached_run(&raw, &out, &reference, Some(&cache))));
    assert_eq!(snapshot(&out), published);

    // A changed reference file, or a changed document, is a change.
    assert!(up_to_date(&cached_run(&raw, &out, &reference, Some(&cache))));
    let aliases = reference.join("entities.csv");
    let text = std::fs::read_to_string(&aliases).expect("entities");
    std::fs::write(&aliases, format!("{text}\n")).expect("write");
    assert!(!up_to_date(&cached_run(&raw, &out, &reference, Some(&cache))));
    let doc = walk(&raw).into_iter().find(|p| p.extension().is_some_and(|x| x == "txt")).expect("a document");
    let mut bytes = std::fs::read(&doc).expect("doc");
    bytes.extend_from_slice("\n".as_bytes());
    std::fs::write(&doc, bytes).expect("write");
    let changed = cached_run(&raw, &out, &reference, Some(&cache));
    assert!(!up_to_date(&changed), "{changed}");
    assert_eq!(counts(&changed).1, 1, "only the changed document is processed: {changed}");
    // Another option (here: keeping the press's own reports) is a change too.
    let mut c = cnkp();
    c.arg("run").arg("--raw").arg(&raw).arg("--out").arg(&out).arg("--reference").arg(&reference).arg("--cache").arg(&cache);
    let o = c.arg("--media-statements").arg("keep").output().expect("cnkp runs");
    assert!(o.status.success() && !up_to_date(&stderr(&o)), "{}", stderr(&o));
}
