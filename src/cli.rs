//! The command line: what `roadmap` accepts, with its help text, and the
//! subcommands that need no terminal.

pub mod validate;

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Track your progress through a learning roadmap, in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    args_conflicts_with_subcommands = true,
    after_help = "Examples:\n  roadmap                       open the bundled backend roadmap\n  \
                  roadmap backend-essentials    open another roadmap by its id\n  \
                  roadmap ./my-roadmap.yaml     open your own roadmap file\n  \
                  roadmap validate mine.yaml    check a roadmap file for mistakes\n\n\
                  Your own roadmaps in ~/.config/roadmap/roadmaps/*.yaml open by id too.\n\
                  Press ? inside the app for every key."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A roadmap's id (bundled: backend, backend-essentials; or one of
    /// yours) or the path of a roadmap YAML file. Default: backend.
    #[arg(value_name = "ROADMAP")]
    pub roadmap: Option<OsString>,

    /// Keep progress in FILE instead of the per-user state file.
    /// [env: ROADMAP_STATE=]
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Validate(validate::Args),
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_roadmap_name_and_a_subcommand_are_told_apart() {
        let cli = Cli::try_parse_from(["roadmap", "backend"]).unwrap();
        assert_eq!(cli.roadmap.as_deref(), Some("backend".as_ref()));
        assert!(cli.command.is_none());
        let cli = Cli::try_parse_from(["roadmap", "validate", "a.yaml", "b.yaml"]).unwrap();
        let Some(Command::Validate(args)) = cli.command else {
            panic!("validate is a subcommand");
        };
        assert_eq!(args.files.len(), 2);
    }
}
