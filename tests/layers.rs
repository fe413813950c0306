//! The module graph keeps its shape: every `crate::` (and `super::`) path in
//! `src/` points down the layer list in ARCHITECTURE.md or across its own
//! layer, never up, and no modules import each other in a circle.
//!
//! The layer list is read from ARCHITECTURE.md (the table between
//! `<!-- layers:begin -->` and `<!-- layers:end -->`, bottom row first), so
//! the map a newcomer reads is the one this test holds the code to. A
//! submodule (`clutter::lexicon`) is in its top module's layer; a module
//! naming its own submodules (`mod x;`, `x::f`) is containment, not an
//! import. Unit tests (`#[cfg(test)] mod tests`, at the end of a file) may
//! run the whole pipeline and are not read.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Layer of each top-level module, 0 the bottom, from ARCHITECTURE.md.
fn layers() -> BTreeMap<String, usize> {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("ARCHITECTURE.md")).unwrap();
    let start = doc
        .find("<!-- layers:begin -->")
        .expect("layers:begin in ARCHITECTURE.md");
    let end = doc
        .find("<!-- layers:end -->")
        .expect("layers:end in ARCHITECTURE.md");
    let rows: Vec<&str> = doc[start..end]
        .lines()
        .filter(|l| l.starts_with('|') && !l.starts_with("|---") && !l.starts_with("| layer"))
        .collect();
    let mut out = BTreeMap::new();
    for (layer, row) in rows.iter().enumerate() {
        // The second column names the modules, each in backticks.
        let modules = row.split('|').nth(2).expect("| layer | modules | ... |");
        for name in modules.split('`').skip(1).step_by(2) {
            assert!(
                out.insert(name.to_string(), layer).is_none(),
                "{name} listed twice"
            );
        }
    }
    out
}

/// Every `.rs` file under `src/`, as its module path (`lib` the crate root).
fn modules() -> BTreeMap<String, PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = Path::new(ROOT).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    files
        .into_iter()
        .map(|file| {
            let rel = file.strip_prefix(&src).unwrap().with_extension("");
            let mut parts: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            (parts.join("::"), file)
        })
        .collect()
}

/// The code of a file without comments and without its unit tests.
fn code(source: &str) -> String {
    let source = match source.find("#[cfg(test)]\nmod ") {
        Some(at) => &source[..at],
        None => source,
    };
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(|l| match l.find(" // ") {
            Some(at) if !l[..at].contains('"') => &l[..at],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths after each `prefix` (`crate::`, `super::`), as segments; a
/// group `{a::b, c}` gives one path per member.
fn paths_after(code: &str, prefix: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find(prefix) {
        let before = rest[..at].chars().next_back();
        rest = &rest[at + prefix.len()..];
        if before.is_some_and(|c| is_ident(c) || c == ':') {
            continue; // `a::crate::` is no crate path; `super::super::` reads as one
        }
        out.extend(read_path(rest));
    }
    out
}

/// `a::b::{c, d::e}` → `[a, b, c]`, `[a, b, d, e]`.
fn read_path(s: &str) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut s = s;
    loop {
        let s2 = s.trim_start();
        if let Some(group) = s2.strip_prefix('{') {
            let mut depth = 1;
            let mut end = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = i;
                    break;
                }
            }
            let mut members = Vec::new();
            let mut depth = 0;
            let mut from = 0;
            let inner = &group[..end];
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        members.push(&inner[from..i]);
                        from = i + 1;
                    }
                    _ => {}
                }
            }
            members.push(&inner[from..]);
            return members
                .into_iter()
                .filter(|m| !m.trim().is_empty())
                .flat_map(read_path)
                .map(|tail| segments.iter().cloned().chain(tail).collect())
                .collect();
        }
        let len = s2.find(|c: char| !is_ident(c)).unwrap_or(s2.len());
        if len == 0 {
            break;
        }
        segments.push(s2[..len].to_string());
        s = &s2[len..];
        match s.strip_prefix("::") {
            Some(next) => s = next,
            None => break,
        }
    }
    vec![segments]
}

/// The module a path from the crate root names: its longest prefix that is
/// a module, else the crate root (`crate::extract`).
fn resolve(path: &[String], modules: &BTreeMap<String, PathBuf>) -> String {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|m| modules.contains_key(m))
        .unwrap_or_else(|| "lib".to_string())
}

/// Each module's imports of other modules (not of itself, not of its own
/// submodules).
fn graph(modules: &BTreeMap<String, PathBuf>) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges = BTreeMap::new();
    for (module, file) in modules {
        let code = code(&std::fs::read_to_string(file).unwrap());
        let own: Vec<String> = if module == "lib" {
            Vec::new()
        } else {
            module.split("::").map(str::to_string).collect()
        };
        let mut paths = paths_after(&code, "crate::");
        // The binary reaches the library by its name.
        paths.extend(paths_after(&code, "declutter::"));
        for path in paths_after(&code, "super::") {
            // `super` of `a::b` (file a/b.rs) is `a`; of `a` (a.rs or a/mod.rs), the root.
            let mut full: Vec<String> = own[..own.len().saturating_sub(1)].to_vec();
            full.extend(path);
            paths.push(full);
        }
        let targets: BTreeSet<String> = paths
            .iter()
            .map(|p| resolve(p, modules))
            .filter(|t| t != module && !t.starts_with(&format!("{module}::")))
            .collect();
        edges.insert(module.clone(), targets);
    }
    edges
}

fn layer_of(module: &str, layers: &BTreeMap<String, usize>) -> usize {
    let top = module.split("::").next().unwrap();
    *layers
        .get(top)
        .unwrap_or_else(|| panic!("module `{top}` is in no layer of ARCHITECTURE.md's list"))
}

/// Imports from a lower layer to a higher one, as "from → to".
fn upward(
    edges: &BTreeMap<String, BTreeSet<String>>,
    layers: &BTreeMap<String, usize>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (from, targets) in edges {
        for to in targets {
            if layer_of(to, layers) > layer_of(from, layers) {
                out.push(format!("{from} → {to}"));
            }
        }
    }
    out
}

/// Each circle of imports once, as "a → b → a".
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    // Strongly connected components (Tarjan); any with two or more modules
    // is a circle.
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<&'a str>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.edges.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w);
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found.into_iter().map(|c| c.join(" ↔ ")).collect()
}

#[test]
fn every_module_is_in_a_layer() {
    let layers = layers();
    let modules = modules();
    let tops: BTreeSet<&str> = modules
        .keys()
        .map(|m| m.split("::").next().unwrap())
        .collect();
    let listed: BTreeSet<&str> = layers.keys().map(String::as_str).collect();
    assert_eq!(tops, listed, "ARCHITECTURE.md's layer list and src/ differ");
}

#[test]
fn imports_point_down_the_layers() {
    let layers = layers();
    let edges = graph(&modules());
    if std::env::var_os("LAYERS_PRINT").is_some() {
        for (from, to) in &edges {
            println!("{from} → {to:?}");
        }
    }
    let up = upward(&edges, &layers);
    assert!(up.is_empty(), "imports up the layers:\n{}", up.join("\n"));
}

#[test]
fn no_import_circles() {
    let edges = graph(&modules());
    let found = circles(&edges);
    assert!(
        found.is_empty(),
        "modules importing each other:\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checker_reads_paths_and_finds_circles() {
    assert_eq!(
        read_path("{a::{B, c::D}, e};"),
        vec![
            vec!["a".to_string(), "B".into()],
            vec!["a".into(), "c".into(), "D".into()],
            vec!["e".into()],
        ]
    );
    let source =
        "use crate::dom::{Dom, NodeIx};\n// crate::comment\nlet x = crate::text::words(s);\n\
                  #[cfg(test)]\nmod tests {\n    use crate::extract;\n}\n";
    assert_eq!(paths_after(&code(source), "crate::").len(), 3);
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec!["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(circles(&edges), vec!["a ↔ b ↔ c".to_string()]);
    let layers: BTreeMap<String, usize> = [("a", 0), ("b", 1), ("c", 2), ("d", 3)]
        .map(|(k, v)| (k.to_string(), v))
        .into();
    assert_eq!(upward(&edges, &layers), vec!["a → b", "b → c"]);
}
