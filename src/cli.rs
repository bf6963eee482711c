//! The command line: what `roadmap` accepts, with its help text, and the
//! subcommands that need no terminal, one module each.
//! None of them keeps state between runs or takes the terminal.

pub mod completions;
pub mod export;
pub mod import;
pub mod list;
pub mod locations;
pub mod mark;
pub mod output;
pub mod saving;
pub mod status;
pub mod validate;

use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, Subcommand};

use crate::domain::roadmap::Roadmap;
use crate::io::catalog::Catalog;
use crate::io::paths;
use crate::io::store::Store;

/// Track your progress through a learning roadmap, in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    after_help = "Examples:\n  roadmap                       open the bundled backend roadmap\n  \
                  roadmap backend-essentials    open another roadmap by its id\n  \
                  roadmap ./my-roadmap.yaml     open your own roadmap file\n  \
                  roadmap status                progress per level and topic\n  \
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
    #[arg(long, value_name = "FILE", global = true)]
    pub state: Option<PathBuf>,

    /// No colour at all (as does a non-empty NO_COLOR).
    #[arg(long)]
    pub no_color: bool,

    /// Draw only ASCII: for terminals and fonts without box drawing or
    /// symbols.
    #[arg(long)]
    pub ascii: bool,

    /// Leave the mouse to the terminal, so text can be selected as usual
    /// (also `mouse: false` in config.yaml).
    #[arg(long)]
    pub no_mouse: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    List(list::Args),
    Status(status::Args),
    Mark(mark::Args),
    Export(export::Args),
    Import(import::Args),
    Validate(validate::Args),
    Paths(locations::Args),
    Completions(completions::Args),
    Man(completions::ManArgs),
}

/// What subcommands share: the roadmaps known by id, and where progress is.
pub struct Context {
    /// The folder of the user's roadmaps, read only when a command needs
    /// the catalog (`completions` and `man` never do).
    user_dir: Option<PathBuf>,
    catalog: std::cell::OnceCell<Catalog>,
    /// `--state`, if given.
    pub state: Option<PathBuf>,
}

impl Context {
    pub fn new(user_dir: Option<PathBuf>, state: Option<PathBuf>) -> Context {
        Context {
            user_dir,
            catalog: std::cell::OnceCell::new(),
            state,
        }
    }

    /// The roadmaps known by id, read from the folder at first use.
    pub fn catalog(&self) -> &Catalog {
        self.catalog
            .get_or_init(|| Catalog::scan(self.user_dir.as_deref()))
    }

    /// The catalog, for the app to keep.
    pub fn into_catalog(self) -> Catalog {
        self.catalog();
        self.catalog.into_inner().unwrap_or_else(Catalog::bundled)
    }

    /// The progress store. Its notices (a damaged file, say) go to
    /// standard error as warnings, as when the app starts.
    pub fn store(&self) -> Result<Store> {
        let store = Store::open(&paths::state_file(self.state.clone())?);
        for notice in store.notices() {
            eprintln!(
                "roadmap: warning: {}",
                crate::domain::safe_text::clean_line(notice)
            );
        }
        Ok(store)
    }

    /// Every place `roadmap` keeps files: what `roadmap paths` lists and
    /// what `-o` refuses to write over.
    pub fn locations(&self) -> Result<paths::Locations> {
        paths::Locations::new(self.state.clone(), self.user_dir.clone())
    }

    /// The roadmap named on the command line, as `roadmap NAME` opens it.
    pub fn roadmap(&self, name_or_path: Option<&OsStr>) -> Result<Roadmap> {
        self.catalog().open(name_or_path)
    }
}

/// Runs one subcommand.
pub fn run(command: Command, context: &Context) -> Result<()> {
    match command {
        Command::List(args) => list::run(args, context),
        Command::Status(args) => status::run(args, context),
        Command::Mark(args) => mark::run(args, context),
        Command::Export(args) => export::run(args, context),
        Command::Import(args) => import::run(args, context),
        Command::Validate(args) => validate::run(args, context.catalog()),
        Command::Paths(args) => locations::run(args, context),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args),
    }
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

    #[test]
    fn the_state_flag_goes_with_any_subcommand() {
        let cli = Cli::try_parse_from(["roadmap", "status", "--state", "p.json"]).unwrap();
        assert_eq!(cli.state, Some(PathBuf::from("p.json")));
    }

    #[test]
    fn every_subcommand_help_has_an_example() {
        let mut command = Cli::command();
        command.build();
        for sub in command
            .get_subcommands()
            .filter(|sub| sub.get_name() != "help")
        {
            let help = sub
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            assert!(
                help.contains("Example"),
                "{} has no example",
                sub.get_name()
            );
        }
    }
}
