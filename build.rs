//! Derives a build id from the sources, so that the app can tell whether the worker it
//! talks to was built from the same code (see `protocol::BUILD_ID`). Trunk does not hash
//! worker file names, so the app also asks for the worker's files with this id in the
//! query string, which keeps browsers from pairing a new app with a cached old worker.

use std::fs;
use std::hash::Hasher;
use std::path::Path;

/// FNV-1a: stable across Rust versions and platforms, unlike `DefaultHasher`, and five
/// lines, so not worth a dependency.
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x100_0000_01b3);
        }
    }
}

fn hash_tree(path: &Path, hasher: &mut Fnv) {
    let mut entries: Vec<_> = match fs::read_dir(path) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .collect(),
        Err(_) => return,
    };
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            hash_tree(&entry, hasher);
        } else if let Ok(bytes) = fs::read(&entry) {
            hasher.write(entry.to_string_lossy().as_bytes());
            hasher.write(&bytes);
        }
    }
}

fn main() {
    let mut hasher = Fnv(0xcbf2_9ce4_8422_2325);
    hasher.write(env!("CARGO_PKG_VERSION").as_bytes());
    for input in ["src", "Cargo.toml", "Cargo.lock"] {
        println!("cargo::rerun-if-changed={input}");
        let path = Path::new(input);
        if path.is_dir() {
            hash_tree(path, &mut hasher);
        } else if let Ok(bytes) = fs::read(path) {
            hasher.write(&bytes);
        }
    }
    println!("cargo::rustc-env=CRM_LENS_BUILD={:016x}", hasher.finish());
}
