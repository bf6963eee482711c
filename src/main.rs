//! The `roadmap` binary: parse the command line, pick the files, run the
//! app, and turn an error into one `roadmap: error: …` line and exit code 1.
//! (clap exits with 2 on bad usage before we get here.)

use std::process::ExitCode;

use clap::Parser;
use roadmap::app::{self, App};
use roadmap::cli::Cli;
use roadmap::store::Store;
use roadmap::{paths, roadmap::load};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("roadmap: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let roadmap = load::open(cli.roadmap.as_deref())?;
    let store = Store::open(&paths::state_file(cli.state)?);
    // Before the full screen takes over, so they are still on the
    // terminal after it ends; the app shows them too.
    for notice in store.notices() {
        eprintln!("roadmap: warning: {notice}");
    }
    app::run(App::new(roadmap, store))
}
