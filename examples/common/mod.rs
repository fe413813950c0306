//! What the corpus examples share: reading the corpus folders and pages.

// Each example that includes this module uses only part of it.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};

/// A gzip-compressed page as text (invalid UTF-8 replaced).
pub fn read_gzip_text(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// The folders inside `dir`, sorted (one per Mozilla test page).
pub fn list_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}
