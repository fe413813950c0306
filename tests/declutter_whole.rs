//! Clutter hidden whole: pages written from scratch in
//! `tests/fixtures/whole/`, one per shape of block that live declutter once
//! hid only in part (a comment thread longer than a block may grow, a
//! consent banner with its logo and a close button named "banner", a
//! sidebar of a site's newest posts, related links wrapped in a `<span>`,
//! a footer row of social icons around the copyright line, named for the
//! copyright, not as a share bar, a sign-up band whose form a script fills,
//! an affiliate disclosure, story cards with dates and excerpt lines under
//! "Keep reading", the lone "Manage consent" tab a consent platform leaves).
//! Marks as in `tests/declutter_guard.rs`: every `data-expect-clutter`
//! block is hidden whole by a block of its kind, and no `data-expect-keep`
//! element is touched.

use std::path::Path;

mod plan_marks;
use plan_marks::check;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/whole");

#[test]
fn whole_fixtures() {
    let mut names: Vec<_> = std::fs::read_dir(Path::new(DIR))
        .expect("tests/fixtures/whole")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "the whole-block fixtures are missing");
    let failures: Vec<String> = names
        .iter()
        .flat_map(|path| {
            let html = std::fs::read_to_string(path).expect("a fixture");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            check(&name, &html)
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
