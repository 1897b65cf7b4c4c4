//! Records partitioned on disk by their merge key. Records that can merge share a key (a
//! visit's visitor and host, a sanction's authority), so each bucket is merged on its own and
//! memory holds one bucket at a time, not every record of the corpus.

use anyhow::{Context, Result};
use serde::{de::DeserializeOwned, Serialize};
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
}
