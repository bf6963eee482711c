//! The command line: what `roadmap` accepts, with its help text.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Parser;

/// Track your progress through a learning roadmap, in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "roadmap",
    version,
    after_help = "Examples:\n  roadmap                       open the bundled backend roadmap\n  \
                  roadmap backend-essentials    open another bundled roadmap\n  \
                  roadmap ./my-roadmap.yaml     open your own roadmap file\n\n\
                  Press ? inside the app for every key."
)]
pub struct Cli {
    /// A bundled roadmap's id (backend, backend-essentials) or the path of
    /// a roadmap YAML file. Default: backend.
    #[arg(value_name = "ROADMAP")]
    pub roadmap: Option<OsString>,

    /// Keep progress in FILE instead of the per-user state file.
    /// [env: ROADMAP_STATE=]
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
