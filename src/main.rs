//! The `roadmap` binary: parse the command line, pick the files, run the
//! app or a subcommand, and turn an error into one `roadmap: error: …`
//! line and exit code 1; an app ended by signal N exits with 128 + N.
//! (clap exits with 2 on bad usage before we get here.)
//! Only wiring: no rule of the app or of a file format lives here.

use std::io::Write as _;
use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::{CommandFactory, Parser};
use std::ffi::OsString;

use roadmap::cli::{Cli, Context};
use roadmap::format::config::Config;
use roadmap::format::roadmap::load::LoadError;
use roadmap::io::{paths, settings};
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
    let mouse = !cli.no_mouse && settings.mouse.unwrap_or(true);
    let appearance =
        Appearance::new(settings.theme.unwrap_or_default(), color, cli.ascii).with_mouse(mouse);
    let name = cli
        .roadmap
        .or_else(|| settings.default_roadmap.map(OsString::from));
    let roadmap = context.roadmap(name.as_deref())?;
    // Before the full screen takes over, so its warnings are still on the
    // terminal after it ends; the app shows them too.
    let store = context.store()?;
    let app = Runner::new(roadmap, store)
        .with_catalog(context.into_catalog())
        .with_appearance(appearance)
        .with_keymap(keymap);
    runner::run(app, mouse)
}
