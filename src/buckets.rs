//! Records partitioned on disk by their merge key. Records that can merge share a key (a
//! visit's visitor and host, a sanction's authority), so each bucket is merged on its own; a
//! bucket is read back in merge order through sorted runs of bounded size
//! ([`Buckets::read_sorted`]), so memory holds one run, not every record of the corpus.

use anyhow::{Context, Result};
use serde::{de::DeserializeOwned, Serialize};
use std::cmp::Ordering;
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::sync::Mutex;

/// Buckets of `T` (one JSON object per line), in a scratch folder removed when dropped (and
/// by `write::clean_stale` after a killed run).
pub struct Buckets<T> {
    dir: PathBuf,
    files: Vec<Mutex<std::io::BufWriter<std::fs::File>>>,
    _t: std::marker::PhantomData<fn(T) -> T>,
}

impl<T> Drop for Buckets<T> {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

impl<T: Serialize + DeserializeOwned> Buckets<T> {
    /// `n` empty buckets in `dir` (created; an older folder there is replaced).
    pub fn create(dir: PathBuf, n: usize) -> Result<Self> {
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create the scratch folder", dir.display()))?;
        let files = (0..n.max(1))
            .map(|i| {
                let p = dir.join(format!("{i:04}.jsonl"));
                let f = std::fs::File::create(&p).with_context(|| format!("{}: cannot create", p.display()))?;
                Ok(Mutex::new(std::io::BufWriter::new(f)))
            })
            .collect::<Result<_>>()?;
        Ok(Buckets { dir, files, _t: std::marker::PhantomData })
    }

    /// The number of buckets.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are no buckets (never: at least one is made).
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Adds `item` to the bucket of `key` (callable from many threads).
    pub fn put(&self, key: &str, item: &T) -> Result<()> {
        let line = serde_json::to_vec(item)?;
        let mut f = self.files[bucket_of(key, self.files.len())].lock().map_err(|_| anyhow::anyhow!("a bucket writer panicked"))?;
        f.write_all(&line)?;
        f.write_all(b"\n")?;
        Ok(())
    }

    /// Flushes every bucket to disk; call once all items are in.
    pub fn flush(&self) -> Result<()> {
        for f in &self.files {
            f.lock().map_err(|_| anyhow::anyhow!("a bucket writer panicked"))?.flush()?;
        }
        Ok(())
    }

    /// The items of bucket `i`, in the order they were put (which may depend on threads: the
    /// caller orders them).
    pub fn read(&self, i: usize) -> Result<Vec<T>> {
        let p = self.dir.join(format!("{i:04}.jsonl"));
        let f = std::io::BufReader::new(std::fs::File::open(&p).with_context(|| format!("{}: cannot read back", p.display()))?);
        f.lines().map(|l| Ok(serde_json::from_str(&l?)?)).collect()
    }
}

impl<T: Serialize + DeserializeOwned> Buckets<T> {
    /// The items of bucket `i` in the order `cmp` gives, holding about `budget` bytes of them
    /// (as stored) in memory at a time: a larger bucket is sorted in runs of that size, spilled
    /// beside it, and the runs are merged as the items are taken. Items `cmp` finds equal come
    /// in no particular order.
    pub fn read_sorted<F: Fn(&T, &T) -> Ordering>(&self, i: usize, budget: usize, cmp: F) -> Result<Sorted<T, F>> {
        let p = self.dir.join(format!("{i:04}.jsonl"));
        let f = std::io::BufReader::new(std::fs::File::open(&p).with_context(|| format!("{}: cannot read back", p.display()))?);
        let (mut chunk, mut bytes, mut runs) = (Vec::new(), 0usize, Vec::new());
        for line in f.lines() {
            let line = line?;
            bytes += line.len() + 1;
            chunk.push(serde_json::from_str::<T>(&line)?);
            if bytes >= budget {
                chunk.sort_by(&cmp);
                runs.push(self.spill(i, runs.len(), &chunk)?);
                chunk.clear();
                bytes = 0;
            }
        }
        chunk.sort_by(&cmp);
        if runs.is_empty() {
            return Ok(Sorted { held: chunk.into_iter(), runs: Vec::new(), heads: Vec::new(), cmp });
        }
        if !chunk.is_empty() {
            runs.push(self.spill(i, runs.len(), &chunk)?);
        }
        drop(chunk);
        let mut readers: Vec<_> = runs
            .iter()
            .map(|p| Ok(std::io::BufReader::new(std::fs::File::open(p).with_context(|| format!("{}: cannot read back", p.display()))?).lines()))
            .collect::<Result<_>>()?;
        let heads = readers.iter_mut().map(next_item).collect::<Result<_>>()?;
        Ok(Sorted { held: Vec::new().into_iter(), runs: readers, heads, cmp })
    }

    /// Writes a sorted run of bucket `i`.
    fn spill(&self, i: usize, k: usize, items: &[T]) -> Result<PathBuf> {
        let p = self.dir.join(format!("{i:04}.run{k:03}.jsonl"));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&p).with_context(|| format!("{}: cannot create", p.display()))?);
        for x in items {
            serde_json::to_writer(&mut w, x)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        Ok(p)
    }
}

type Run = std::io::Lines<std::io::BufReader<std::fs::File>>;

fn next_item<T: DeserializeOwned>(r: &mut Run) -> Result<Option<T>> {
    r.next().map(|l| Ok(serde_json::from_str(&l?)?)).transpose()
}

/// A bucket's items in sorted order ([`Buckets::read_sorted`]): held in memory, or merged from
/// sorted runs on disk.
pub struct Sorted<T, F> {
    held: std::vec::IntoIter<T>,
    runs: Vec<Run>,
    heads: Vec<Option<T>>,
    cmp: F,
}

impl<T: DeserializeOwned, F: Fn(&T, &T) -> Ordering> Iterator for Sorted<T, F> {
    type Item = Result<T>;
    fn next(&mut self) -> Option<Result<T>> {
        if self.runs.is_empty() {
            return self.held.next().map(Ok);
        }
        let cmp = &self.cmp;
        let k = (0..self.heads.len()).filter(|&k| self.heads[k].is_some()).min_by(|&a, &b| match (&self.heads[a], &self.heads[b]) {
            (Some(x), Some(y)) => cmp(x, y),
            _ => Ordering::Equal,
        })?;
        let item = self.heads[k].take();
        match next_item(&mut self.runs[k]) {
            Ok(next) => self.heads[k] = next,
            Err(e) => return Some(Err(e)),
        }
        item.map(Ok)
    }
}

/// The bucket of `key`: FNV-1a, so the partition is the same on every machine and run.
fn bucket_of(key: &str, n: usize) -> usize {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    (h % n as u64) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_come_back_from_their_key_bucket() {
        let dir = std::env::temp_dir().join(format!("cnkp-buckets-test-{}", std::process::id()));
        let b: Buckets<(String, u32)> = Buckets::create(dir.clone(), 8).expect("create");
        for i in 0..100u32 {
            let key = format!("k{}", i % 7);
            b.put(&key, &(key.clone(), i)).expect("put");
        }
        b.flush().expect("flush");
        let mut all = Vec::new();
        for i in 0..b.len() {
            let items = b.read(i).expect("read");
            // One key never spans two buckets.
            for (k, _) in &items {
                assert_eq!(bucket_of(k, b.len()), i);
            }
            all.extend(items);
        }
        all.sort_by_key(|x| x.1);
        assert_eq!(all.len(), 100);
        assert!(all.iter().enumerate().all(|(i, x)| x.1 == i as u32 && x.0 == format!("k{}", i % 7)));
        drop(b);
        assert!(!dir.exists());
    }

    #[test]
    fn a_bucket_larger_than_the_budget_comes_back_sorted_through_spilled_runs() {
        let dir = std::env::temp_dir().join(format!("cnkp-buckets-sorted-test-{}", std::process::id()));
        let b: Buckets<(String, u32)> = Buckets::create(dir.clone(), 2).expect("create");
        // A pseudo-random order, with repeated keys.
        let items: Vec<(String, u32)> = (0..500u32).map(|i| (format!("k{:03}", (i * 7919) % 211), i)).collect();
        for x in &items {
            b.put("same", x).expect("put");
        }
        b.flush().expect("flush");
        let i = bucket_of("same", b.len());
        let mut want = items.clone();
        want.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
        let cmp = |x: &(String, u32), y: &(String, u32)| x.0.cmp(&y.0).then(y.1.cmp(&x.1));
        // Held whole, and in runs of about 40 items.
        for budget in [1 << 20, 600] {
            let got: Vec<_> = b.read_sorted(i, budget, cmp).expect("read").collect::<Result<_>>().expect("items");
            assert_eq!(got, want, "budget {budget}");
        }
        assert!(std::fs::read_dir(&dir).expect("dir").count() > 2, "runs were spilled");
        drop(b);
        assert!(!dir.exists());
    }
}
