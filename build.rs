//! Stamps the rules version into the binary: a hash of the source files and `Cargo.lock` it is
//! built from. The per-document cache (`src/cache.rs`) keys entries by it, so any change to the
//! code or its dependencies re-extracts every document.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// FNV-1a, 64-bit, from a given basis (two bases give 128 bits).
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn main() {
    let mut paths = Vec::new();
    files(Path::new("src"), &mut paths);
    paths.push(PathBuf::from("Cargo.lock"));
    paths.push(PathBuf::from("build.rs"));
    paths.sort();
    let (mut a, mut b) = (0xcbf29ce484222325u64, 0x84222325cbf29ce4u64);
    for p in &paths {
        let name = p.to_string_lossy().replace('\\', "/");
        let bytes = std::fs::read(p).unwrap_or_default();
        for part in [name.as_bytes(), &[0u8][..], &bytes[..], &[0u8][..]] {
            a = fnv(a, part);
            b = fnv(b, part);
        }
    }
    println!("cargo:rustc-env=CNKP_RULES_VERSION={a:016x}{b:016x}");
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=Cargo.lock");
    println!("cargo:rerun-if-changed=build.rs");
}
