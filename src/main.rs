//! The `roadmap` binary: parse the command line, pick the files, run the
//! app or a subcommand, and turn an error into one `roadmap: error: …`
//! line and exit code 1; an app ended by signal N exits with 128 + N.
//! (clap exits with 2 on bad usage before we get here.)
//! Only wiring: no rule of the app or of a file format lives here.

use std::io::Write as _;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use std::ffi::{OsStr, OsString};

use roadmap::cli::{Cli, Context};
use roadmap::domain::safe_text::clean_line;
use roadmap::format::config::Config;
use roadmap::format::roadmap::load::LoadError;
use roadmap::io::{paths, settings, view_file};
use roadmap::tui::keymap::Keymap;
use roadmap::tui::runner::{self, Exit, Runner};
use roadmap::tui::theme::{self, Appearance};

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let (Some(name), Some(_)) = (&cli.roadmap, &cli.command) {
        // `roadmap mine.yaml status`: the subcommand would quietly ignore it.
        Cli::command()
            .error(
                ErrorKind::ArgumentConflict,
                format!(
                    "a roadmap ({}) goes after the subcommand, not before it",
                    roadmap::domain::safe_text::clean_line(&name.to_string_lossy())
                ),
            )
            .exit();
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

fn run(cli: Cli) -> anyhow::Result<Exit> {
    let context = Context::new(paths::user_roadmaps_dir(), cli.state);
    if let Some(command) = cli.command {
        return roadmap::cli::run(command, &context).map(|()| Exit::Quit);
    }
    let config_file = paths::settings_file();
    let settings = match &config_file {
        Some(file) => settings::load(file)?.unwrap_or_default(),
        None => Config::default(),
    };
    let shown =
        config_file.map(|file| roadmap::domain::safe_text::clean_line(&file.display().to_string()));
    let keymap = Keymap::with_overrides(&settings.keys, shown.as_deref().unwrap_or(""))
        .map_err(anyhow::Error::msg)?;
    let color =
        !cli.no_color && !theme::no_color_requested(std::env::var_os("NO_COLOR").as_deref());
    let appearance = Appearance::new(settings.theme.unwrap_or_default(), color, cli.ascii);
    let mouse = !cli.no_mouse && settings.mouse.unwrap_or(true);
    let view_path = paths::view_file();
    let views = view_path
        .as_deref()
        .map(view_file::load)
        .unwrap_or_default();
    let named = cli
        .roadmap
        .or_else(|| settings.default_roadmap.map(OsString::from));
    let mut notice = None;
    let (roadmap, name) = match (named, views.last.clone()) {
        (Some(name), _) => (context.roadmap(Some(&name))?, Some(name)),
        (None, Some(last)) => match context.roadmap(Some(OsStr::new(&last))) {
            Ok(roadmap) => (roadmap, Some(OsString::from(last))),
            // The view is safe to lose: the default opens, saying why.
            Err(err) => {
                notice = Some(format!(
                    "the roadmap used last, {}, could not be opened ({err:#}); the default is open",
                    clean_line(&last)
                ));
                (context.roadmap(None)?, None)
            }
        },
        (None, None) => (context.roadmap(None)?, None),
    };
    let opened_as = name.and_then(|name| reopen_name(&context, &name));
    // Before the full screen takes over, so its warnings are still on the
    // terminal after it ends; the app shows them too.
    let store = context.store()?;
    let mut app = Runner::new(roadmap, store)
        .with_catalog(context.into_catalog())
        .with_appearance(appearance)
        .with_keymap(keymap);
    if let Some(path) = view_path {
        app = app.with_view_file(path, views, opened_as);
    }
    if let Some(notice) = notice {
        app = app.with_notice(notice);
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
