//! `roadmap completions SHELL` and `roadmap man`: generated from the clap
//! definition, so they always match the commands.
//! Never written by hand.

use anyhow::Result;
use clap::CommandFactory;
use clap_complete::Shell;

use super::Cli;

/// Print a shell completion script
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
                  roadmap completions bash > ~/.local/share/bash-completion/completions/roadmap\n  \
                  roadmap completions zsh > ~/.zfunc/_roadmap\n  \
                  roadmap completions fish > ~/.config/fish/completions/roadmap.fish")]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the manual page (roff)
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  roadmap man > ~/.local/share/man/man1/roadmap.1")]
pub struct ManArgs {}

pub fn run(args: Args) -> Result<()> {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "roadmap", &mut script);
    super::output::print(&String::from_utf8_lossy(&script))?;
    Ok(())
}

pub fn man(_args: ManArgs) -> Result<()> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    super::output::print(&String::from_utf8_lossy(&page))?;
    Ok(())
}
