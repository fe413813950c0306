//! What the corpus examples share: reading the WCXB pages.

use std::io::Read;
use std::path::Path;

/// A gzip-compressed page as text (invalid UTF-8 replaced).
pub fn read_gzip_text(path: &Path) -> Result<String, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
