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

/// Completes `goal --level`: the level ids of the roadmap named on the
/// line (the first word after `goal` that is no option), else of the
/// default one.
pub fn level_ids() -> ArgValueCompleter {
    ArgValueCompleter::new(|current: &OsStr| {
        let context = context();
        let named = positional_after(std::env::args_os(), "goal", &["--level", "--by", "--state"]);
        let Ok((roadmap, _)) = context.open_chosen(named.as_deref()) else {
            return Vec::new();
        };
        let prefix = current.to_string_lossy();
        roadmap
            .levels
            .iter()
            .filter(|level| level.id.starts_with(prefix.as_ref()))
            .map(|level| CompletionCandidate::new(&level.id).help(Some(level.title.clone().into())))
            .collect()
    })
}

/// The first word after `subcommand` among the words being completed
/// that is neither an option nor the value of one of `with_values`.
fn positional_after(
    args: impl IntoIterator<Item = OsString>,
    subcommand: &str,
    with_values: &[&str],
) -> Option<OsString> {
    let words: Vec<OsString> = args
        .into_iter()
        .skip_while(|word| word != "--")
        .skip(1)
        .skip_while(|word| word != subcommand)
        .skip(1)
        .collect();
    let mut skip_next = false;
    // The last word is the one being completed.
    let complete = words.len().saturating_sub(1);
    for word in &words[..complete] {
        let text = word.to_string_lossy();
        if skip_next {
            skip_next = false;
        } else if with_values.contains(&text.as_ref()) {
            skip_next = true;
        } else if !text.starts_with('-') {
            return Some(word.clone());
        }
    }
    None
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
    fn the_roadmap_a_goal_is_for_is_the_first_word_that_is_no_option() {
        let after =
            |line: &[&str]| positional_after(words(line), "goal", &["--level", "--by", "--state"]);
        assert_eq!(
            after(&[
                "roadmap",
                "--",
                "roadmap",
                "goal",
                "--by",
                "2027-01-01",
                "mine",
                "--level",
                ""
            ]),
            Some(OsString::from("mine"))
        );
        assert_eq!(
            after(&["roadmap", "--", "roadmap", "goal", "--level", "beg"]),
            None
        );
        assert_eq!(
            after(&[
                "roadmap", "--", "roadmap", "goal", "--clear", "x.yaml", "--level", "b"
            ]),
            Some(OsString::from("x.yaml"))
        );
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
