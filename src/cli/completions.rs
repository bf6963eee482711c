//! `roadmap completions SHELL` and `roadmap man`: generated from the clap
//! definition, so they always match the commands. The completion script
//! calls back into `roadmap` at each Tab (clap_complete's dynamic
//! completion, see [`super::completion`]), so it offers the roadmap ids
//! and item keys of the moment. The manual page is clap_mangen's, plus
//! the sections a manual needs (KEYS from the app's key table, which the
//! caller hands in, FILES, ENVIRONMENT, EXIT STATUS, EXAMPLES).
//! Never written by hand.

use anyhow::{Context as _, Result};
use clap_complete::Shell;
use clap_complete::env::Shells;
use roff::{Roff, bold, italic, roman};

use super::{EXAMPLES, definition};

/// Print a shell completion script
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The script asks `roadmap` for the words at each Tab, so it completes\n\
                  subcommands, options, roadmap ids and item keys as they are now.\n\
                  Print it again after upgrading roadmap.\n\n\
                  Examples:\n  \
                  roadmap completions bash > ~/.local/share/bash-completion/completions/roadmap\n  \
                  roadmap completions zsh > ~/.zfunc/_roadmap\n  \
                  roadmap completions fish > ~/.config/fish/completions/roadmap.fish\n  \
                  source <(roadmap completions bash)      for this shell only"
)]
pub struct Args {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Print the manual page (roff)
#[derive(Debug, clap::Args)]
#[command(after_help = "Example:\n  roadmap man > ~/.local/share/man/man1/roadmap.1")]
pub struct ManArgs {}

/// The environment variable that asks `roadmap` for completions.
pub const COMPLETE_ENV: &str = "COMPLETE";

pub fn run(args: Args) -> Result<()> {
    let name = args.shell.to_string();
    let shells = Shells::builtins();
    let shell = shells
        .completer(&name)
        .with_context(|| format!("no completion for {name}"))?;
    let mut script = Vec::new();
    // The completer is `roadmap` as found on PATH, not this binary's
    // path: the script keeps working after a reinstall elsewhere.
    shell.write_registration(COMPLETE_ENV, "roadmap", "roadmap", "roadmap", &mut script)?;
    super::output::print(&String::from_utf8_lossy(&script))?;
    Ok(())
}

/// Key bindings for the manual: (keys, what they do), as the app's help
/// lists them.
pub struct KeyRows<'a> {
    pub main: &'a [(String, &'a str)],
    pub search: &'a [(String, &'a str)],
}

pub fn man(_args: ManArgs, keys: &KeyRows<'_>) -> Result<()> {
    super::output::print(&page(keys)?)?;
    Ok(())
}

/// The whole manual page, roff.
pub fn page(keys: &KeyRows<'_>) -> Result<String> {
    let command = definition();
    let man = clap_mangen::Man::new(command.clone());
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    commands_section(&command, &mut page)?;
    let mut roff = Roff::new();
    keys_section(&mut roff, keys);
    files_section(&mut roff);
    environment_section(&mut roff);
    exit_status_section(&mut roff);
    examples_section(&mut roff);
    roff.to_writer(&mut page)?;
    man.render_version_section(&mut page)?;
    // Each part rendered on its own starts with roff's preamble (a string
    // that holds an apostrophe): once is enough.
    let page = String::from_utf8_lossy(&page);
    let mut lines = page.lines();
    let preamble: Vec<&str> = lines.by_ref().take(2).collect();
    let mut out = preamble.join("\n");
    out.push('\n');
    let mut rest: Vec<&str> = lines.collect();
    rest.retain(|line| !preamble.contains(line));
    for line in rest {
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

/// COMMANDS: each subcommand in this one page (there are no pages of
/// their own to refer to), with its synopsis, description and options.
fn commands_section(command: &clap::Command, page: &mut Vec<u8>) -> Result<()> {
    Roff::new()
        .control("SH", ["COMMANDS"])
        .text([
            roman("Each runs without a terminal; "),
            bold("roadmap "),
            italic("COMMAND"),
            bold(" --help"),
            roman(" says more."),
        ])
        .to_writer(page)?;
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let name = format!("roadmap {}", sub.get_name());
        let mut sub = sub.clone().bin_name(&name).display_name(&name);
        let usage = sub.render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        let mut roff = Roff::new();
        roff.control("SS", [usage]);
        if let Some(about) = sub.get_about() {
            roff.text([roman(format!("{about}."))]);
        }
        roff.to_writer(page)?;
        // clap_mangen's options, under this subcommand's heading.
        let mut options = Vec::new();
        clap_mangen::Man::new(sub.clone()).render_options_section(&mut options)?;
        let options = String::from_utf8_lossy(&options);
        for line in options.lines().filter(|line| !line.starts_with(".SH ")) {
            page.extend_from_slice(line.as_bytes());
            page.push(b'\n');
        }
        if let Some(after) = sub.get_after_help() {
            let mut roff = Roff::new();
            after_help(&mut roff, &after.to_string());
            roff.to_writer(page)?;
        }
    }
    Ok(())
}

/// A subcommand's text after its options, as `--help` prints it: prose
/// lines joined into filled paragraphs, and the indented lines (the
/// examples, their words lined up in columns) left as written, so roff
/// neither stretches nor hyphenates a command line.
fn after_help(roff: &mut Roff, text: &str) {
    let mut prose: Vec<&str> = Vec::new();
    let mut examples: Vec<&str> = Vec::new();
    let flush = |roff: &mut Roff, prose: &mut Vec<&str>, examples: &mut Vec<&str>| {
        if !prose.is_empty() {
            roff.control("PP", []).text([roman(prose.join(" "))]);
            prose.clear();
        }
        if !examples.is_empty() {
            roff.control("RS", []).control("nf", []);
            for line in examples.drain(..) {
                roff.text([roman(line)]);
            }
            roff.control("fi", []).control("RE", []);
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(roff, &mut prose, &mut examples);
        } else if line.starts_with(' ') {
            // An example ends the sentence that introduced it.
            if !prose.is_empty() {
                roff.control("PP", []).text([roman(prose.join(" "))]);
                prose.clear();
            }
            examples.push(line.trim_start());
        } else {
            if !examples.is_empty() {
                flush(roff, &mut prose, &mut examples);
            }
            prose.push(line);
        }
    }
    flush(roff, &mut prose, &mut examples);
}

fn keys_section(roff: &mut Roff, keys: &KeyRows<'_>) {
    roff.control("SH", ["KEYS"]).text([roman(
        "In the app (press ? there for this list, with any keys the settings change). \
         Ctrl-C always quits, whatever the settings say.",
    )]);
    for (keys, help) in keys.main {
        roff.control("TP", [])
            .text([bold(keys)])
            .text([roman(*help)]);
    }
    roff.control("SS", ["In the search prompt (/)"]);
    for (keys, help) in keys.search {
        roff.control("TP", [])
            .text([bold(keys)])
            .text([roman(*help)]);
    }
}

fn files_section(roff: &mut Roff) {
    roff.control("SH", ["FILES"]);
    let files = [
        (
            "$XDG_STATE_HOME/roadmap/progress.json",
            "Your progress (default ~/.local/state/roadmap/), a log of one JSON line per change, \
             with its lock file beside it. --state or ROADMAP_STATE put it elsewhere.",
        ),
        (
            "$XDG_CONFIG_HOME/roadmap/roadmaps/*.yaml",
            "Your own roadmaps (default ~/.config/roadmap/roadmaps/), opened by id like the \
             bundled ones. Read only.",
        ),
        (
            "$XDG_CONFIG_HOME/roadmap/config.yaml",
            "Settings, optional: theme, mouse, the default roadmap (roadmap:), keys. Read only.",
        ),
        (
            "$XDG_STATE_HOME/roadmap/view.json",
            "Where you left off: the roadmap used last and, for each roadmap, the tab, the open \
             topics and the selected row. Safe to delete; --state does not move it.",
        ),
    ];
    for (path, what) in files {
        roff.control("TP", [])
            .text([italic(path)])
            .text([roman(what)]);
    }
    roff.control("PP", []).text([roman(
        "On macOS and Windows, the platform's data and config folders. \
         roadmap paths prints the ones in use.",
    )]);
}

fn environment_section(roff: &mut Roff) {
    roff.control("SH", ["ENVIRONMENT"]);
    let variables = [
        (
            crate::io::paths::STATE_ENV,
            "The progress file, when --state is not given and it is not empty.",
        ),
        (
            "XDG_STATE_HOME, XDG_CONFIG_HOME",
            "Where progress, and your roadmaps and settings, are kept (see FILES).",
        ),
        (
            "NO_COLOR",
            "When not empty, no colour at all (as --no-color).",
        ),
        ("VISUAL, EDITOR", "The editor for notes (e), else vi."),
        (
            "BROWSER",
            "The program that opens a resource link (o), else xdg-open, gio open or wslview \
             (open on macOS).",
        ),
        (
            "COLUMNS",
            "The width roadmap list fits its table to, when set.",
        ),
        (
            COMPLETE_ENV,
            "Set by the completion script when it asks roadmap for completions.",
        ),
    ];
    for (name, what) in variables {
        roff.control("TP", [])
            .text([bold(name)])
            .text([roman(what)]);
    }
}

fn exit_status_section(roff: &mut Roff) {
    roff.control("SH", ["EXIT STATUS"]);
    let codes = [
        ("0", "Success."),
        (
            "1",
            "An error you can fix (a bad roadmap file, no terminal, changes that could not be saved), printed once as roadmap: error: …; for validate, any file with an error.",
        ),
        (
            "2",
            "Bad command-line usage: an unknown subcommand (a mistyped one is suggested), flag or value.",
        ),
        (
            "128+N",
            "The app was ended by signal N, after saving what was pending and giving the terminal back.",
        ),
    ];
    for (code, what) in codes {
        roff.control("TP", [])
            .text([bold(code)])
            .text([roman(what)]);
    }
}

fn examples_section(roff: &mut Roff) {
    roff.control("SH", ["EXAMPLES"]);
    for (line, what) in EXAMPLES {
        roff.control("TP", [])
            .text([bold(*line)])
            .text([roman(*what)]);
    }
}
