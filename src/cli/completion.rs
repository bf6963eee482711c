//! What the shell completes as values: roadmap ids (and roadmap files)
//! wherever a ROADMAP goes, and item keys for `mark`. Called by
//! clap_complete's dynamic completion (`COMPLETE=bash roadmap -- …`, set
//! up by the script `roadmap completions SHELL` prints), so the ids and
//! keys are read afresh at each Tab from the catalog and the roadmap.
//! Reads only, and never fails: what cannot be read completes nothing.

use std::ffi::{OsStr, OsString};

use clap_complete::engine::{ArgValueCompleter, CompletionCandidate, PathCompleter};

use super::Context;
use crate::domain::safe_text::clean_line;
use crate::io::paths;

/// The context a completion reads from: the user's catalog and settings.
fn context() -> Context {
    Context::new(paths::user_roadmaps_dir(), paths::settings_file(), None)
        .with_view_file(paths::view_file())
}

/// Completes a ROADMAP: every id that opens (with its title as the
/// help), then `.yaml`/`.yml` files and folders, as a path may be given.
pub fn roadmaps() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let context = context();
        let catalog = context.catalog();
        let prefix = current.to_string_lossy();
        let mut candidates: Vec<CompletionCandidate> = catalog
            .entries()
            .iter()
            .filter(|entry| entry.id.starts_with(prefix.as_ref()))
            .map(|entry| CompletionCandidate::new(clean_line(&entry.id)))
            .collect();
        candidates.dedup_by(|a, b| a.get_value() == b.get_value());
        let files = PathCompleter::any().filter(|path| {
            path.is_dir()
                || path
                    .extension()
                    .is_some_and(|ext| ext == "yaml" || ext == "yml")
        });
        candidates.extend(clap_complete::engine::ValueCompleter::complete(
            &files, current,
        ));
        candidates
    })
}

/// Completes a `mark` ITEM: the keys of the roadmap that `mark` would
/// open (its `--roadmap` on the line being completed, else the default).
pub fn item_keys() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let context = context();
        let named = roadmap_on_line(std::env::args_os());
        // Quiet: a warning would land in the middle of the command line.
        let Ok((roadmap, _)) = context.open_chosen(named.as_deref()) else {
            return Vec::new();
        };
        let prefix = current.to_string_lossy();
        roadmap
            .items()
            .filter(|item| item.key.starts_with(prefix.as_ref()))
            .map(|item| CompletionCandidate::new(&item.key).help(Some(item.title.clone().into())))
            .collect()
    })
}

/// The `--roadmap` value among the words being completed: the shell
/// passes them after `--` (`roadmap -- roadmap mark --roadmap X …`).
fn roadmap_on_line(args: impl IntoIterator<Item = OsString>) -> Option<OsString> {
    let words: Vec<OsString> = args
        .into_iter()
        .skip_while(|word| word != "--")
        .skip(1)
        .collect();
    let mut found = None;
    for (at, word) in words.iter().enumerate() {
        let Some(text) = word.to_str() else {
            continue;
        };
        if text == "--roadmap" {
            found = words.get(at + 1).cloned();
        } else if let Some(value) = text.strip_prefix("--roadmap=") {
            found = Some(OsString::from(value));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &[&str]) -> Vec<OsString> {
        line.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_roadmap_of_the_line_being_completed_is_found() {
        let line = words(&[
            "roadmap",
            "--",
            "roadmap",
            "mark",
            "--roadmap",
            "mine",
            "beg",
        ]);
        assert_eq!(roadmap_on_line(line), Some(OsString::from("mine")));
        let line = words(&["roadmap", "--", "roadmap", "mark", "--roadmap=x.yaml", ""]);
        assert_eq!(roadmap_on_line(line), Some(OsString::from("x.yaml")));
        let line = words(&["roadmap", "--", "roadmap", "mark", "beg"]);
        assert_eq!(roadmap_on_line(line), None);
        // Words before the `--` are the completer's own.
        let line = words(&["roadmap", "--roadmap", "no", "--", "roadmap", "mark", ""]);
        assert_eq!(roadmap_on_line(line), None);
    }
}
