//! The shape of the code, checked: arrows between crates point one way (web → app → store →
//! domain), no handler calls the store, and no two modules of a crate depend on each other
//! through any path (a cycle).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file without comments and without its unit tests.
fn code(p: &Path) -> String {
    let text = std::fs::read_to_string(p).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level module a file belongs to (`None` for the crate root).
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .to_string();
    let name = first.trim_end_matches(".rs").to_owned();
    (!matches!(name.as_str(), "lib" | "main")).then_some(name)
}

/// Names that follow `crate::` in `text`, including inside `use crate::{a, b::c}`.
fn crate_paths(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in text.match_indices("crate::") {
        let rest = &text[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = group.split('}').next().unwrap_or("");
            for item in group.split(',') {
                out.insert(ident(item.trim()));
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|s| !s.is_empty());
    out
}

fn module_graph(krate: &str) -> BTreeMap<String, BTreeSet<String>> {
    let src = crates_dir().join(krate).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in &files {
        if let Some(m) = top_module(&src, f) {
            graph.entry(m).or_default();
        }
    }
    for f in &files {
        let Some(m) = top_module(&src, f) else {
            continue;
        };
        let deps: BTreeSet<String> = crate_paths(&code(f))
            .into_iter()
            .filter(|d| *d != m && graph.contains_key(d))
            .collect();
        graph.get_mut(&m).unwrap().extend(deps);
    }
    graph
}

/// A cycle in `graph`, if there is one.
fn cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        state.insert(n.to_owned(), 1);
        path.push(n.to_owned());
        for d in &graph[n] {
            match state.get(d.as_str()).copied().unwrap_or(0) {
                1 => {
                    let start = path.iter().position(|p| p == d).unwrap();
                    let mut c = path[start..].to_vec();
                    c.push(d.clone());
                    return Some(c);
                }
                0 => {
                    if let Some(c) = visit(d, graph, state, path) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        path.pop();
        state.insert(n.to_owned(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n.as_str()).copied().unwrap_or(0) == 0
            && let Some(c) = visit(n, graph, &mut state, &mut Vec::new())
        {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_module_depends_on_itself_through_others() {
    for krate in ["domain", "store", "app", "web", "erikti"] {
        let graph = module_graph(krate);
        assert!(graph.len() > 1 || krate == "erikti", "{krate}: {graph:?}");
        if let Some(c) = cycle(&graph) {
            panic!("{krate}: modules in a cycle: {}", c.join(" → "));
        }
    }
}

#[test]
fn crates_depend_one_way() {
    // What each crate may name: web → app → store → domain, app → domain, web → domain.
    // The web never names the store: what it renders of the store's read models, the
    // application layer re-exports (its tests may still set up data through the store).
    let allowed: &[(&str, &[&str])] = &[
        ("domain", &[]),
        ("store", &["domain"]),
        ("app", &["domain", "store"]),
        ("web", &["domain", "app"]),
    ];
    let all = ["domain", "store", "app", "web", "erikti"];
    for (krate, may) in allowed {
        let manifest =
            std::fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
        let deps = manifest.split("[dev-dependencies]").next().unwrap();
        for other in all.iter().filter(|o| *o != krate && !may.contains(o)) {
            assert!(
                !deps
                    .lines()
                    .any(|l| l.trim_start().starts_with(&format!("{other}."))
                        || l.trim_start().starts_with(&format!("{other} "))),
                "{krate} must not depend on {other}"
            );
        }
    }
}

#[test]
fn handlers_call_operations_not_the_store() {
    let src = crates_dir().join("web").join("src");
    let mut files = Vec::new();
    for dir in ["pages", "api"] {
        sources(&src.join(dir), &mut files);
    }
    assert!(files.len() > 10);
    let mut calls = Vec::new();
    for f in &files {
        let text = code(f);
        for (i, _) in text.match_indices("store::") {
            // A path to a function call: `store::module::function(`.
            let rest: String = text[i..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':' || *c == '(')
                .collect();
            let last = rest.trim_end_matches('(').rsplit("::").next().unwrap_or("");
            let is_call =
                rest.ends_with('(') && last.chars().next().is_some_and(|c| c.is_ascii_lowercase());
            if is_call {
                calls.push(format!("{}: {rest}", f.display()));
            }
        }
    }
    assert!(calls.is_empty(), "handlers calling the store: {calls:#?}");
}
