//! The `roadmap` binary: parse the command line, pick the files, run the
//! app or a subcommand, and turn an error into one `roadmap: error: …`
//! line and exit code 1; an app ended by signal N exits with 128 + N.
//! (clap exits with 2 on bad usage before we get here.)
//! Only wiring: no rule of the app or of a file format lives here.

use std::ffi::OsStr;
use std::io::Write as _;
use std::process::ExitCode;

use clap::error::ErrorKind;

use roadmap::cli::completions::{COMPLETE_ENV, KeyRows};
use roadmap::cli::{Chosen, Cli, Command, Context};
use roadmap::domain::safe_text::clean_line;
use roadmap::format::roadmap::load::LoadError;
use roadmap::io::paths;
use roadmap::tui::keymap::{self, Keymap};
use roadmap::tui::runner::{self, Exit, Runner};
use roadmap::tui::theme::{self, Appearance};

fn main() -> ExitCode {
    // `COMPLETE=bash roadmap -- …`, from the completion script: print
    // the candidates and exit, before anything else is read or printed.
    clap_complete::CompleteEnv::with_factory(roadmap::cli::command)
        .var(COMPLETE_ENV)
        .complete();
    let cli = roadmap::cli::parse();
    if let (Some(name), Some(_)) = (&cli.roadmap, &cli.command) {
        // `roadmap mine.yaml status`: the subcommand would quietly ignore it.
        usage_error(
            ErrorKind::ArgumentConflict,
            format!(
                "a roadmap ({}) goes after the subcommand, not before it",
                clean_line(&name.to_string_lossy())
            ),
        );
    }
    match run(cli) {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(err) => {
            // Never `eprintln!`, which panics when standard error is gone
            // (the terminal hung up).
            let mut stderr = std::io::stderr().lock();
            // An invalid roadmap: every problem, as `validate` prints them.
            if let Some(load) = err.downcast_ref::<LoadError>()
                && load.has_several()
            {
                let _ = write!(stderr, "{}", load.report());
            }
            let _ = writeln!(stderr, "roadmap: error: {err:#}");
            match err.downcast_ref::<Exit>() {
                Some(exit) => ExitCode::from(exit.code()),
                None => ExitCode::FAILURE,
            }
        }
    }
}

/// Bad usage: clap's message and usage line, and exit code 2.
fn usage_error(kind: ErrorKind, message: String) -> ! {
    roadmap::cli::command().error(kind, message).exit()
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    let state = cli
        .command
        .as_ref()
        .and_then(Command::state)
        .or(cli.state.state.as_ref())
        .cloned();
    let view_path = paths::view_file();
    let context = Context::new(paths::user_roadmaps_dir(), paths::settings_file(), state)
        .with_view_file(view_path.clone());
    if let Some(command) = cli.command {
        // The manual's KEYS are the app's own table; only `man` shows it.
        let (main, search) = match command {
            Command::Man(_) => (Keymap::default().help_rows(), keymap::search_help_rows()),
            _ => (Vec::new(), Vec::new()),
        };
        let keys = KeyRows {
            main: &main,
            search: &search,
        };
        return roadmap::cli::run(command, &context, &keys).map(|()| Exit::Quit);
    }
    if let Some(word) = &cli.roadmap
        && let Some(err) = roadmap::cli::mistyped_subcommand_error(word, context.catalog())
    {
        err.exit();
    }
    let settings = context.settings()?.clone();
    let shown = paths::settings_file().map(|file| clean_line(&file.display().to_string()));
    let keymap = Keymap::with_overrides(&settings.keys, shown.as_deref().unwrap_or(""))
        .map_err(anyhow::Error::msg)?;
    let color =
        !cli.no_color && !theme::no_color_requested(std::env::var_os("NO_COLOR").as_deref());
    let mouse = !cli.no_mouse && settings.mouse.unwrap_or(true);
    let appearance =
        Appearance::new(settings.theme.unwrap_or_default(), color, cli.ascii).with_mouse(mouse);
    let (roadmap, chosen) = context.open_chosen(cli.roadmap.as_deref())?;
    let opened_as = match &chosen {
        Chosen::Bundled(_) | Chosen::InsteadOfLast(_) => None,
        Chosen::Named(name) | Chosen::Settings(name) | Chosen::Last(name) => {
            reopen_name(&context, name)
        }
    };
    let views = context.views().clone();
    // Before the full screen takes over, so its warnings are still on the
    // terminal after it ends; the app shows them too.
    let store = context.store()?;
    let mut app = Runner::new(roadmap, store)
        .with_catalog(context.into_catalog())
        .with_appearance(appearance)
        .with_keymap(keymap)
        .with_sync_settings(settings.sync);
    if let Some(path) = view_path {
        app = app.with_view_file(path, views, opened_as);
    }
    // On the terminal too, where it stays after the full screen ends.
    if let Chosen::InsteadOfLast(warning) = chosen {
        let _ = writeln!(std::io::stderr(), "roadmap: warning: {warning}");
        app = app.with_notice(warning);
    }
    runner::run(app, mouse)
}

/// How the roadmap opened as `name` is named next time it opens by
/// itself: `None` for a catalog id (the roadmap's own), else the file's
/// absolute path, so it opens from any folder.
fn reopen_name(context: &Context, name: &OsStr) -> Option<String> {
    if let Some(id) = name.to_str()
        && let Ok(Some(_)) = context.catalog().find(id)
    {
        return None;
    }
    let path = std::path::absolute(name).ok()?;
    path.into_os_string().into_string().ok()
}
