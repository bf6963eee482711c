//! The command line: what `roadmap` accepts, with its help text, and the
//! subcommands that need no terminal, one module each.
//! None of them keeps state between runs or takes the terminal.

pub mod completion;
pub mod completions;
pub mod export;
pub mod goal;
pub mod import;
pub mod list;
pub mod locations;
pub mod mark;
pub mod next;
pub mod output;
pub mod saving;
pub mod status;
pub mod statusline;
pub mod sync;
pub mod validate;

use std::cell::OnceCell;
use std::ffi::{OsStr, OsString};
use std::io::Write as _;
use std::path::PathBuf;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::domain::roadmap::Roadmap;
use crate::domain::safe_text::clean_line;
use crate::format::config::Config;
use crate::format::view_state::ViewState;
use crate::format::yaml::closest;
use crate::io::catalog::Catalog;
use crate::io::store::Store;
use crate::io::{bundled, paths, settings, view_file};

/// How every `--help` names the roadmap used when none is given. One text,
/// so that it changes in one place with [`Context::roadmap_name`]; a test
/// checks that it names the bundled default.
pub const DEFAULT_ROADMAP_HELP: &str = "Default: the settings file's `roadmap:`, else the roadmap the app had open last, else the \
     bundled backend.";

/// The examples ending `roadmap --help` (and the manual's EXAMPLES).
pub const EXAMPLES: &[(&str, &str)] = &[
    ("roadmap", "open the default roadmap (see ROADMAP)"),
    (
        "roadmap backend-essentials",
        "open another roadmap by its id",
    ),
    ("roadmap ./my-roadmap.yaml", "open your own roadmap file"),
    ("roadmap status", "progress per level and topic"),
    (
        "roadmap status --keys",
        "every item's key, for `roadmap mark`",
    ),
    ("roadmap next", "what to work on next"),
    (
        "roadmap validate mine.yaml",
        "check a roadmap file for mistakes",
    ),
];

/// Track your progress through a learning roadmap, in the terminal.
#[derive(Debug, Parser)]
#[command(name = "roadmap", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// A roadmap's id (bundled: backend, backend-essentials; or one of
    /// yours) or the path of a roadmap YAML file.
    #[arg(value_name = "ROADMAP", add = completion::roadmaps())]
    pub roadmap: Option<OsString>,

    #[command(flatten)]
    pub state: StateArg,

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

/// `--state`, on the app and on the subcommands that read or write
/// progress (not on `completions`, `man` or `validate`, which never do).
#[derive(Debug, Clone, Default, clap::Args)]
pub struct StateArg {
    /// Keep progress in the folder DIR (one log per device; a sync folder
    /// will do) instead of the per-user one [env: ROADMAP_STATE]
    // The variable is read by `io::paths::progress_place`, which ignores
    // it when empty; clap's `env` would refuse an empty one as a bad path.
    #[arg(long, value_name = "DIR", value_hint = clap::ValueHint::DirPath)]
    pub state: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    List(list::Args),
    Status(status::Args),
    Next(next::Args),
    Mark(mark::Args),
    Goal(goal::Args),
    Export(export::Args),
    Import(import::Args),
    Validate(validate::Args),
    Paths(locations::Args),
    Sync(sync::Args),
    Completions(completions::Args),
    Man(completions::ManArgs),
}

impl Command {
    /// The subcommand's own `--state`, if it has one and it was given.
    pub fn state(&self) -> Option<&PathBuf> {
        let arg = match self {
            Command::List(args) => &args.state,
            Command::Status(args) => &args.state,
            Command::Next(args) => &args.state,
            Command::Mark(args) => &args.state,
            Command::Goal(args) => &args.state,
            Command::Export(args) => &args.state,
            Command::Import(args) => &args.state,
            Command::Paths(args) => &args.state,
            Command::Sync(args) => &args.state,
            Command::Validate(_) | Command::Completions(_) | Command::Man(_) => return None,
        };
        arg.state.as_ref()
    }
}

/// The command line's definition, with the `--help` footer that names the
/// roadmaps folder in use (computed here, from the environment, so it is
/// true under any `XDG_CONFIG_HOME`).
pub fn command() -> clap::Command {
    definition().after_help(footer(paths::user_roadmaps_dir().as_deref()))
}

/// The command line's definition, each ROADMAP argument's help ending
/// with [`DEFAULT_ROADMAP_HELP`]: what the manual page is made of.
pub fn definition() -> clap::Command {
    fn name_the_default(command: clap::Command) -> clap::Command {
        let command = command.mut_args(|arg| {
            if arg.get_id() != "roadmap" {
                return arg;
            }
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            // clap takes the last full stop off a one-paragraph help.
            arg.help(format!(
                "{}. {DEFAULT_ROADMAP_HELP}",
                help.trim_end_matches('.')
            ))
        });
        command.mut_subcommands(name_the_default)
    }
    name_the_default(Cli::command())
}

/// Parses the command line as [`command`] defines it; exits with 2 and
/// clap's message on bad usage.
pub fn parse() -> Cli {
    let mut command = command();
    let matches = match command.try_get_matches_from_mut(std::env::args_os()) {
        Ok(matches) => matches,
        Err(err) => {
            // `roadmap statsu backend`: clap stops at the second word, but
            // the first is what was mistyped.
            if err.kind() == clap::error::ErrorKind::UnknownArgument
                && let Some(word) = std::env::args_os().nth(1)
                && !word.to_string_lossy().starts_with('-')
                && let Some(mistyped) = mistyped_subcommand_error(
                    &word,
                    &Catalog::scan(paths::user_roadmaps_dir().as_deref()),
                )
            {
                mistyped.exit();
            }
            err.exit()
        }
    };
    Cli::from_arg_matches(&matches)
        .map_err(|err| err.format(&mut command))
        .unwrap_or_else(|err| err.exit())
}

/// The end of `roadmap --help`: examples, and where the user's roadmaps
/// are looked for.
fn footer(roadmaps_dir: Option<&std::path::Path>) -> String {
    let width = EXAMPLES
        .iter()
        .map(|(line, _)| line.len())
        .max()
        .unwrap_or(0);
    let mut text = String::from("Examples:\n");
    for (line, what) in EXAMPLES {
        text.push_str(&format!("  {line:width$}    {what}\n"));
    }
    text.push('\n');
    match roadmaps_dir {
        Some(dir) => text.push_str(&format!(
            "Your own roadmaps in {}/*.yaml open by id too.\n",
            clean_line(&dir.display().to_string())
        )),
        None => text.push_str("Your own roadmaps open by id too (see `roadmap paths`).\n"),
    }
    text.push_str("Press ? inside the app for every key.");
    text
}

/// `roadmap lsit`: a word given as ROADMAP that names no roadmap (nor
/// looks like a path) but is close to a subcommand's name: that
/// subcommand, for a usage error that suggests it.
pub fn mistyped_subcommand(word: &OsStr, catalog: &Catalog) -> Option<String> {
    let text = word.to_str()?;
    let path = std::path::Path::new(word);
    let path_like = path.exists() || text.contains(['/', std::path::MAIN_SEPARATOR]);
    if path_like || path.extension().is_some() || !matches!(catalog.find(text), Ok(None)) {
        return None;
    }
    let command = Cli::command();
    let names: Vec<&str> = command
        .get_subcommands()
        .map(|sub| sub.get_name())
        .collect();
    // A subcommand named right: what went wrong is after it, and clap's
    // own message says what.
    if names.contains(&text) {
        return None;
    }
    closest(text, names.iter().copied()).map(str::to_owned)
}

/// The usage error for `word`, when [`mistyped_subcommand`] finds it
/// was a subcommand mistyped: exit code 2, as for any bad usage.
pub fn mistyped_subcommand_error(word: &OsStr, catalog: &Catalog) -> Option<clap::Error> {
    let subcommand = mistyped_subcommand(word, catalog)?;
    Some(command().error(
        clap::error::ErrorKind::InvalidSubcommand,
        format!(
            "`{}` is no roadmap and no subcommand: did you mean `{subcommand}`?",
            clean_line(&word.to_string_lossy())
        ),
    ))
}

/// What subcommands share: the roadmaps known by id, the settings, and
/// where progress is.
pub struct Context {
    /// The folder of the user's roadmaps, read only when a command needs
    /// the catalog (`completions` and `man` never do).
    user_dir: Option<PathBuf>,
    catalog: OnceCell<Catalog>,
    /// The settings file, read only when a command needs a setting.
    settings_file: Option<PathBuf>,
    settings: OnceCell<Config>,
    /// Where the app remembers its view (and the roadmap used last).
    view_file: Option<PathBuf>,
    views: OnceCell<ViewState>,
    /// `--state`, if given.
    pub state: Option<PathBuf>,
}

/// Where the roadmap a command opens was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Chosen {
    /// Named on the command line.
    Named(OsString),
    /// The settings file's `roadmap:`.
    Settings(OsString),
    /// The roadmap the app had open last (an id, or a path).
    Last(OsString),
    /// The bundled default.
    Bundled(&'static str),
    /// The bundled default, because the roadmap used last opens no more:
    /// the warning that says so, for the app to show too.
    InsteadOfLast(String),
}

impl Chosen {
    /// The id or path to open.
    pub fn name(&self) -> &OsStr {
        match self {
            Chosen::Named(name) | Chosen::Settings(name) | Chosen::Last(name) => name,
            Chosen::Bundled(id) => OsStr::new(id),
            Chosen::InsteadOfLast(_) => OsStr::new(bundled::default().id),
        }
    }
}

impl Context {
    pub fn new(
        user_dir: Option<PathBuf>,
        settings_file: Option<PathBuf>,
        state: Option<PathBuf>,
    ) -> Context {
        Context {
            user_dir,
            catalog: OnceCell::new(),
            settings_file,
            settings: OnceCell::new(),
            view_file: None,
            views: OnceCell::new(),
            state,
        }
    }

    /// Where the app's view state is, for the roadmap used last.
    pub fn with_view_file(mut self, file: Option<PathBuf>) -> Context {
        self.view_file = file;
        self
    }

    /// The view state, read at first use; a fresh one when there is no
    /// file or it is damaged (it is safe to lose).
    pub fn views(&self) -> &ViewState {
        self.views.get_or_init(|| {
            self.view_file
                .as_deref()
                .map(view_file::load)
                .unwrap_or_default()
        })
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

    /// The settings (`config.yaml`), read at first use; none when there
    /// is no file. A file with a mistake is an error, as when the app
    /// starts.
    pub fn settings(&self) -> Result<&Config> {
        if let Some(settings) = self.settings.get() {
            return Ok(settings);
        }
        let settings = match &self.settings_file {
            Some(file) => settings::load(file)?.unwrap_or_default(),
            None => Config::default(),
        };
        Ok(self.settings.get_or_init(|| settings))
    }

    /// The one choice of the roadmap that the app and every subcommand
    /// open: the name given on the command line, else the settings file's
    /// `roadmap:`, else the roadmap the app had open last, else the
    /// bundled default. Each step is a fallback for the one before; a new
    /// one goes in here and in [`DEFAULT_ROADMAP_HELP`]. The settings and
    /// the view state are read only when no name is given.
    pub fn roadmap_name(&self, named: Option<&OsStr>) -> Result<Chosen> {
        if let Some(name) = named {
            return Ok(Chosen::Named(name.to_owned()));
        }
        if let Some(name) = &self.settings()?.default_roadmap {
            return Ok(Chosen::Settings(OsString::from(name)));
        }
        if let Some(last) = &self.views().last {
            return Ok(Chosen::Last(OsString::from(last)));
        }
        Ok(Chosen::Bundled(bundled::default().id))
    }

    /// The roadmap [`Context::roadmap_name`] chooses, loaded, for a
    /// command: a `roadmap:` in the settings that opens nothing says where
    /// it came from, and a roadmap used last that opens no more is a
    /// warning on standard error.
    pub fn roadmap(&self, named: Option<&OsStr>) -> Result<Roadmap> {
        let (roadmap, chosen) = self.open_chosen(named)?;
        if let Chosen::InsteadOfLast(warning) = chosen {
            // Never `eprintln!`: standard error may be gone.
            let _ = writeln!(std::io::stderr(), "roadmap: warning: {warning}");
        }
        Ok(roadmap)
    }

    /// The roadmap, and what was chosen; says nothing itself, so a caller
    /// that must stay quiet (shell completion) can. The roadmap used last
    /// that opens no more (its file gone or broken) is only remembered,
    /// never required: the bundled default opens instead, and
    /// [`Chosen::InsteadOfLast`] holds the warning to give.
    pub fn open_chosen(&self, named: Option<&OsStr>) -> Result<(Roadmap, Chosen)> {
        let chosen = self.roadmap_name(named)?;
        let opened = self.catalog().open(Some(chosen.name()));
        let roadmap = match (&chosen, &self.settings_file, opened) {
            (_, _, Ok(roadmap)) => roadmap,
            (Chosen::Settings(_), Some(file), Err(err)) => {
                return Err(err.context(format!(
                    "the default roadmap, `roadmap:` in {}",
                    clean_line(&file.display().to_string())
                )));
            }
            (Chosen::Last(last), _, Err(err)) => {
                // The reason last: it may hold parentheses of its own.
                let warning = format!(
                    "the roadmap used last, {}, cannot be opened, so {} opens instead: {}",
                    clean_line(&last.to_string_lossy()),
                    bundled::default().id,
                    clean_line(&format!("{err:#}"))
                );
                let fallback = Chosen::InsteadOfLast(warning);
                return Ok((self.catalog().open(Some(fallback.name()))?, fallback));
            }
            (_, _, Err(err)) => return Err(err),
        };
        Ok((roadmap, chosen))
    }

    /// The file [`Context::roadmap`] reads, if it reads one (not for a
    /// bundled roadmap): what an export must not write over.
    pub fn roadmap_file(&self, named: Option<&OsStr>) -> Result<Option<PathBuf>> {
        let chosen = self.roadmap_name(named)?;
        Ok(self.catalog().file_of(Some(chosen.name())))
    }

    /// The progress store. Its notices (a damaged file, say) go to
    /// standard error as warnings, as when the app starts.
    pub fn store(&self) -> Result<Store> {
        let store = Store::open_at(paths::progress_place(self.state.clone())?);
        Ok(warned(store))
    }

    /// The progress store, opened to be read only: no lock and no file
    /// written, whatever it finds ([`Store::read_at`]). For commands that
    /// only show progress and may run at every shell prompt.
    pub fn read_store(&self) -> Result<Store> {
        let store = Store::read_at(paths::progress_place(self.state.clone())?);
        Ok(warned(store))
    }

    /// Every place `roadmap` keeps files: what `roadmap paths` lists and
    /// what `-o` refuses to write over.
    pub fn locations(&self) -> Result<paths::Locations> {
        paths::Locations::new(self.state.clone(), self.user_dir.clone())
    }
}

/// `store`, its notices (a damaged file, say) given on standard error.
fn warned(store: Store) -> Store {
    warn(store.notices());
    store
}

/// Each of `notices` as a `roadmap: warning:` line on standard error.
fn warn<S: AsRef<str>>(notices: impl IntoIterator<Item = S>) {
    for notice in notices {
        eprintln!("roadmap: warning: {}", clean_line(notice.as_ref()));
    }
}

/// Runs one subcommand. `keys` are the app's key bindings, for the
/// manual page (the binary hands them in: `cli` never names the app).
pub fn run(command: Command, context: &Context, keys: &completions::KeyRows<'_>) -> Result<()> {
    match command {
        Command::List(args) => list::run(args, context),
        Command::Status(args) => status::run(args, context),
        Command::Next(args) => next::run(args, context),
        Command::Mark(args) => mark::run(args, context),
        Command::Goal(args) => goal::run(args, context),
        Command::Export(args) => export::run(args, context),
        Command::Import(args) => import::run(args, context),
        Command::Validate(args) => validate::run(args, context.catalog()),
        Command::Paths(args) => locations::run(args, context),
        Command::Sync(args) => sync::run(args, context),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::man(args, keys),
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
    fn the_state_flag_goes_with_the_commands_that_read_progress_only() {
        for command in ["list", "status", "next", "paths", "export"] {
            let cli = Cli::try_parse_from(["roadmap", command, "--state", "p.json"]).unwrap();
            let state = cli.command.as_ref().and_then(Command::state);
            assert_eq!(state, Some(&PathBuf::from("p.json")), "{command}");
        }
        let cli = Cli::try_parse_from(["roadmap", "--state", "p.json", "status"]).unwrap();
        assert_eq!(cli.state.state, Some(PathBuf::from("p.json")));
        for command in [&["completions", "bash"][..], &["man"], &["validate"]] {
            let mut line = vec!["roadmap"];
            line.extend(command);
            line.extend(["--state", "p.json"]);
            assert!(Cli::try_parse_from(&line).is_err(), "{line:?}");
        }
    }

    #[test]
    fn the_default_roadmap_help_names_the_bundled_default() {
        assert!(DEFAULT_ROADMAP_HELP.contains(bundled::default().id));
        let mut command = definition();
        command.build();
        for sub in [
            Some("status"),
            Some("next"),
            Some("export"),
            Some("mark"),
            None,
        ] {
            let owner = match sub {
                Some(name) => command.find_subcommand(name).unwrap(),
                None => &command,
            };
            let arg = owner
                .get_arguments()
                .find(|a| a.get_id() == "roadmap")
                .unwrap();
            let help = arg.get_help().unwrap().to_string();
            assert!(help.ends_with(DEFAULT_ROADMAP_HELP), "{sub:?}: {help}");
        }
    }

    /// `export --help` showed `--format <FORMAT>` with no word of what
    /// it is: every option and argument says what it does.
    #[test]
    fn every_argument_has_a_help_line() {
        let mut command = definition();
        command.build();
        for owner in std::iter::once(&command).chain(command.get_subcommands()) {
            for arg in owner.get_arguments().filter(|arg| !arg.is_hide_set()) {
                assert!(
                    arg.get_help().is_some(),
                    "{} {} has no help",
                    owner.get_name(),
                    arg.get_id()
                );
            }
        }
    }

    #[test]
    fn the_help_footer_names_the_roadmaps_folder_given() {
        let footer = footer(Some(std::path::Path::new("/elsewhere/roadmap/roadmaps")));
        assert!(
            footer.contains("/elsewhere/roadmap/roadmaps/*.yaml"),
            "{footer}"
        );
        assert!(!footer.contains("~/.config"), "{footer}");
    }

    #[test]
    fn a_word_close_to_a_subcommand_is_taken_for_it_unless_it_is_a_roadmap() {
        let catalog = Catalog::bundled();
        let word = |w: &str| mistyped_subcommand(OsStr::new(w), &catalog);
        assert_eq!(word("lsit").as_deref(), Some("list"));
        assert_eq!(word("statsu").as_deref(), Some("status"));
        assert_eq!(word("backend"), None);
        assert_eq!(word("mine.yaml"), None);
        assert_eq!(word("./list"), None);
        assert_eq!(word("frontend"), None);
        // `roadmap next -n -1`: the subcommand is right, its option not.
        assert_eq!(word("next"), None);
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
