//! `roadmap status --short`: a roadmap in one line for a shell prompt or
//! a status bar (tmux, starship), `backend 23% · 2 in progress · 5-day
//! streak`, counted by [`Glance`]. It may run at every prompt, so it does
//! little more than start: a bundled roadmap's items come from its key
//! list, not from parsing its YAML ([`Bundled::item_keys`]), and progress
//! is read without the lock and without writing a file
//! ([`Context::read_store`]). No colour unless asked.
//!
//! [`Bundled::item_keys`]: crate::io::bundled::Bundled::item_keys

use std::ffi::OsStr;
use std::io::IsTerminal as _;

use anyhow::Result;

use super::Context;
use super::output::print;
use crate::domain::calendar;
use crate::domain::glance::{Glance, Part};
use crate::domain::safe_text::clean_line;

/// When `--short` colours its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorWhen {
    /// Always, NO_COLOR or not: it was asked for.
    Always,
    /// When standard output is a terminal and NO_COLOR is not set.
    Auto,
    /// Never (the default).
    Never,
}

pub fn run(named: Option<&OsStr>, color: Option<ColorWhen>, context: &Context) -> Result<()> {
    let chosen = context.roadmap_name(named)?;
    let listed = context
        .catalog()
        .bundled_of(Some(chosen.name()))
        .and_then(|bundled| Some((bundled.id, bundled.item_keys()?)));
    let glance = match listed {
        Some((id, keys)) => {
            let progress = context.read_store()?.progress(id);
            Glance::new(id, keys, &progress, calendar::now())
        }
        None => {
            let roadmap = context.roadmap(named)?;
            let progress = context.read_store()?.progress(&roadmap.id);
            let keys = roadmap.items().map(|item| item.key.as_str());
            Glance::new(&roadmap.id, keys, &progress, calendar::now())
        }
    };
    print(&format!("{}\n", line(&glance, colours(color))))?;
    Ok(())
}

/// Whether to colour, as `--color` says (absent: never).
fn colours(when: Option<ColorWhen>) -> bool {
    match when.unwrap_or(ColorWhen::Never) {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        // NO_COLOR as the app reads it: set and not empty.
        ColorWhen::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    }
}

/// The line, its parts coloured with SGR codes when `colour` (the app's
/// colours: done green, in progress yellow; separators dim).
pub fn line(glance: &Glance, colour: bool) -> String {
    let glance = Glance {
        id: clean_line(&glance.id),
        ..glance.clone()
    };
    if !colour {
        return glance.line();
    }
    glance.painted(|part, text| {
        let code = match part {
            None => "90",
            Some(Part::Id) => "1",
            Some(Part::Percent) => "32",
            Some(Part::InProgress) => "33",
            Some(Part::Streak) => "35",
        };
        format!("\x1b[{code}m{text}\x1b[0m")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glance(id: &str) -> Glance {
        Glance {
            id: id.to_owned(),
            percent: 23,
            in_progress: 2,
            streak: 5,
        }
    }

    #[test]
    fn the_line_is_plain_unless_colour_is_asked_for() {
        assert_eq!(
            line(&glance("backend"), false),
            "backend 23% · 2 in progress · 5-day streak"
        );
        assert_eq!(
            line(&glance("backend"), true),
            "\x1b[1mbackend\x1b[0m\x1b[90m \x1b[0m\x1b[32m23%\x1b[0m\x1b[90m · \x1b[0m\
             \x1b[33m2 in progress\x1b[0m\x1b[90m · \x1b[0m\x1b[35m5-day streak\x1b[0m"
        );
        assert!(!colours(None));
        assert!(!colours(Some(ColorWhen::Never)));
        assert!(colours(Some(ColorWhen::Always)));
    }

    #[test]
    fn an_id_is_spelled_out_safely() {
        assert_eq!(
            line(&glance("évi\u{1b}[2J"), false),
            "évi\\x1b[2J 23% · 2 in progress · 5-day streak"
        );
    }
}
