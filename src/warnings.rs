//! Per-document warnings on disk. The second pass appends each document's warnings (sorted) as
//! it reads the document's records back, and `issues.json` lists them from here in file order,
//! so a corpus's hundreds of thousands of warnings never sit in memory at once.

use crate::model::Issue;
use anyhow::{Context, Result};
use std::io::{BufRead, Read, Seek, Write};
use std::path::PathBuf;

/// The order of `issues.json`'s lists: by file, code, message.
pub fn by_file(a: &Issue, b: &Issue) -> std::cmp::Ordering {
    (&a.file, &a.code, &a.message).cmp(&(&b.file, &b.code, &b.message))
}

/// A document's warnings, sorted, one JSON object per line: what [`WarningLog::append`] takes.
pub fn encode(mut ws: Vec<Issue>) -> Result<(Vec<u8>, usize)> {
    ws.sort_by(by_file);
    let mut out = Vec::new();
    for w in &ws {
        serde_json::to_writer(&mut out, w)?;
        out.push(b'\n');
    }
    Ok((out, ws.len()))
}

/// The warnings of the documents of one run, in a scratch folder removed when the log is
/// dropped (and by `write::clean_stale` after a killed run).
pub struct WarningLog {
    dir: PathBuf,
    file: std::io::BufWriter<std::fs::File>,
    /// (document path, byte offset, length) of each document's warnings.
    chunks: Vec<(String, u64, u64)>,
    len: u64,
    count: usize,
}

impl Drop for WarningLog {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl WarningLog {
    /// A new, empty log in `dir` (created; an older one there is replaced).
    pub fn create(dir: PathBuf) -> Result<Self> {
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create the scratch folder", dir.display()))?;
        let file = std::fs::File::create(dir.join("warnings.jsonl")).with_context(|| format!("{}: cannot create the warnings log", dir.display()))?;
        Ok(WarningLog { dir, file: std::io::BufWriter::new(file), chunks: Vec::new(), len: 0, count: 0 })
    }

    /// Appends the warnings of the document at `path` (from [`encode`]; each names `path`).
    pub fn append(&mut self, path: &str, (bytes, n): (Vec<u8>, usize)) -> Result<()> {
        if n == 0 {
            return Ok(());
        }
        self.file.write_all(&bytes)?;
        self.chunks.push((path.to_string(), self.len, bytes.len() as u64));
        self.len += bytes.len() as u64;
        self.count += n;
        Ok(())
    }

    /// How many warnings the log holds.
    pub fn count(&self) -> usize {
        self.count
    }

    /// Flushes the log and orders its documents by path, ready to be listed.
    pub fn finish(&mut self) -> Result<()> {
        self.file.flush()?;
        self.chunks.sort();
        Ok(())
    }

    /// Calls `f` on each warning, documents in path order (each document's sorted).
    fn each(&self, mut f: impl FnMut(Issue) -> Result<()>) -> Result<()> {
        let mut file = std::fs::File::open(self.dir.join("warnings.jsonl"))?;
        let mut buf = Vec::new();
        for (_, offset, len) in &self.chunks {
            file.seek(std::io::SeekFrom::Start(*offset))?;
            buf.clear();
            (&mut file).take(*len).read_to_end(&mut buf)?;
            for line in buf.lines() {
                f(serde_json::from_str(&line?)?)?;
            }
        }
        Ok(())
    }
}

/// All the warnings of a run as `issues.json` lists them: the run's own (sorted) merged with
/// the documents' from the log, by file, code and message. Serialized as read from the log.
pub struct Listed<'a> {
    pub run: &'a [Issue],
    pub log: Option<&'a WarningLog>,
}

impl serde::Serialize for Listed<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeSeq};
        let mut seq = s.serialize_seq(None)?;
        let mut run = self.run.iter().peekable();
        let mut failed = None;
        if let Some(log) = self.log {
            let r = log.each(|w| {
                // A document's warnings name its file: those of the run sort between them (after
                // an equal one of a document's, as a stable sort of documents' then run's has it).
                while let Some(x) = run.next_if(|x| by_file(x, &w).is_lt()) {
                    seq.serialize_element(x).map_err(|e| anyhow::anyhow!("{e}"))?;
                }
                seq.serialize_element(&w).map_err(|e| anyhow::anyhow!("{e}"))
            });
            if let Err(e) = r {
                failed = Some(e);
            }
        }
        if let Some(e) = failed {
            return Err(S::Error::custom(format!("the warnings log cannot be read back: {e:#}")));
        }
        for x in run {
            seq.serialize_element(x)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(file: &str, code: &str, msg: &str) -> Issue {
        Issue::file("warning", code, file, msg)
    }

    /// The listing equals one sort of all warnings, whatever order the documents were logged in,
    /// with the run's own warnings between the documents' where their file sorts.
    #[test]
    fn listed_in_file_order() {
        let dir = std::env::temp_dir().join(format!("cnkp-warnings-test-{}", std::process::id()));
        let mut log = WarningLog::create(dir.clone()).expect("log");
        let docs = [
            ("z.txt", vec![w("z.txt", "b", "2"), w("z.txt", "a", "1")]),
            ("a.txt", vec![w("a.txt", "x", "9"), w("a.txt", "unparsed-date", "1")]),
            ("empty.txt", vec![]),
            ("m/n.txt", vec![w("m/n.txt", "c", "3")]),
        ];
        let mut all: Vec<Issue> = Vec::new();
        for (path, ws) in &docs {
            all.extend(ws.iter().cloned());
            log.append(path, encode(ws.clone()).expect("encode")).expect("append");
        }
        let mut run = vec![w("curation/overrides.csv", "curation-applied", "drop V1"), w("zz", "c", "last"), w("a.txt", "x", "9")];
        run.sort_by(by_file);
        all.extend(run.iter().cloned());
        log.finish().expect("finish");
        assert_eq!(log.count(), 5);
        let got: Vec<Issue> = serde_json::from_value(serde_json::to_value(Listed { run: &run, log: Some(&log) }).expect("serialize")).expect("read");
        all.sort_by(by_file);
        assert_eq!(got, all);
        drop(log);
        assert!(!dir.exists(), "the log's folder is removed with it");
    }
}
