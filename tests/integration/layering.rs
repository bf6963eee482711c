//! The shape `docs/architecture.md` promises, checked on the source: the
//! rooms depend one way (domain ← format ← io ← tui, cli), and no module
//! imports one that imports it back. Read from `src/` as text: each file
//! is a module, each `crate::…` path outside test code an import.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module path (`tui::app::overlay`) → its code, tests left out.
fn modules() -> BTreeMap<String, String> {
    let mut modules = BTreeMap::new();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut folders = vec![src.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let relative = path.strip_prefix(&src).unwrap().with_extension("");
            let name = relative
                .components()
                .map(|part| part.as_os_str().to_str().unwrap())
                .collect::<Vec<_>>()
                .join("::");
            if name == "lib" || name == "main" || name.ends_with("tests") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let code = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => &text[..at],
                None => &text[..],
            };
            let code: String = code
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            modules.insert(name, code);
        }
    }
    modules
}

/// Every module each module's code names, to the deepest one that exists.
/// A module's own ancestors and descendants are left out: that is Rust's
/// nesting, not an import.
fn imports(modules: &BTreeMap<String, String>) -> BTreeMap<&str, BTreeSet<&str>> {
    let mut edges = BTreeMap::new();
    for (name, code) in modules {
        let mut targets = BTreeSet::new();
        for (at, _) in code.match_indices("crate::") {
            let path: String = code[at + 7..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_' || *c == ':')
                .collect();
            let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
            let target = (1..=parts.len())
                .rev()
                .map(|n| parts[..n].join("::"))
                .find(|candidate| modules.contains_key(candidate));
            let Some(target) = target else {
                continue;
            };
            let (target, _) = modules.get_key_value(&target).unwrap();
            let nested = name.starts_with(&format!("{target}::"))
                || target.starts_with(&format!("{name}::"));
            if target != name && !nested {
                targets.insert(target.as_str());
            }
        }
        edges.insert(name.as_str(), targets);
    }
    edges
}

#[test]
fn each_room_depends_only_on_the_rooms_before_it() {
    // What each room may name, besides itself.
    let allowed: &[(&str, &[&str])] = &[
        ("domain", &[]),
        ("format", &["domain"]),
        ("io", &["domain", "format"]),
        ("tui", &["domain", "format", "io"]),
        ("cli", &["domain", "format", "io"]),
    ];
    let modules = modules();
    let mut wrong = Vec::new();
    for (from, targets) in imports(&modules) {
        let room = from.split("::").next().unwrap();
        let Some((_, may)) = allowed.iter().find(|(name, _)| *name == room) else {
            continue;
        };
        for target in targets {
            let to = target.split("::").next().unwrap();
            if to != room && !may.contains(&to) {
                wrong.push(format!("{from} → {target}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the rooms' order: {wrong:#?}"
    );
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let modules = modules();
    let edges = imports(&modules);
    // A loop is a module reachable from one of the modules it imports.
    let mut loops = Vec::new();
    for (&from, targets) in &edges {
        for &first in targets {
            let mut seen = BTreeSet::from([first]);
            let mut todo = vec![first];
            while let Some(at) = todo.pop() {
                for &next in edges.get(at).into_iter().flatten() {
                    if next == from {
                        loops.push(format!("{from} → {first} → … → {from}"));
                    }
                    if seen.insert(next) {
                        todo.push(next);
                    }
                }
            }
        }
    }
    loops.dedup();
    assert!(loops.is_empty(), "modules in a loop: {loops:#?}");
}

#[test]
fn no_source_file_is_much_over_800_lines_of_code() {
    for (name, code) in modules() {
        let lines = code.lines().filter(|line| !line.trim().is_empty()).count();
        assert!(lines <= 850, "{name} has {lines} lines of code");
    }
}
