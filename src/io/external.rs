//! The programs `roadmap` starts for the user: their editor, to write a
//! note, and their browser, to read a resource. Each is started directly,
//! with its arguments as given, never through a shell, so nothing in a
//! roadmap file or a note can become a command.
//!
//! The terminal is the caller's business: [`edit`] expects it handed over
//! (raw mode off, main screen), the browser never touches it.

use std::ffi::OsString;
use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use tempfile::TempPath;

use crate::domain::progress::MAX_NOTE_BYTES;

/// What the editor left in its file, and the file, which is deleted when
/// dropped unless kept (when the note could not be saved).
#[derive(Debug)]
pub struct Draft {
    pub text: String,
    pub file: TempPath,
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`, split at
/// whitespace (`code --wait` is a program and an argument).
pub fn editor_command(visual: Option<OsString>, editor: Option<OsString>) -> Vec<String> {
    [visual, editor]
        .into_iter()
        .flatten()
        .map(|value| value.to_string_lossy().into_owned())
        .find(|value| !value.trim().is_empty())
        .map_or_else(
            || vec!["vi".to_owned()],
            |value| value.split_whitespace().map(str::to_owned).collect(),
        )
}

/// Lets the user edit `text` in their editor, in a temporary file named
/// after `name`, and returns what they saved. `run` starts the editor
/// and waits for it (the caller decides how: it owns the terminal and
/// the signals). Fails, leaving the note as it was, when the editor
/// cannot be started or exits with an error.
pub fn edit(
    text: &str,
    name: &str,
    run: impl FnOnce(&mut Command) -> std::io::Result<std::process::ExitStatus>,
) -> Result<Draft> {
    let command = editor_command(std::env::var_os("VISUAL"), std::env::var_os("EDITOR"));
    let mut file = tempfile::Builder::new()
        .prefix(&format!("roadmap-note-{}-", file_safe(name)))
        .suffix(".md")
        .tempfile()
        .context("cannot create a temporary file for the note")?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .context("cannot write the note to a temporary file")?;
    let path = file.into_temp_path();
    run_editor(&command, &path, run)?;
    let text = read_note(&path)?;
    Ok(Draft { text, file: path })
}

fn run_editor(
    command: &[String],
    path: &Path,
    run: impl FnOnce(&mut Command) -> std::io::Result<std::process::ExitStatus>,
) -> Result<()> {
    let Some((program, args)) = command.split_first() else {
        bail!("no editor is set: set $VISUAL or $EDITOR");
    };
    let status = run(Command::new(program).args(args).arg(path)).with_context(|| {
        format!("cannot start the editor `{program}`; set $VISUAL or $EDITOR to one you have")
    })?;
    if !status.success() {
        bail!("the editor `{program}` failed ({status})");
    }
    Ok(())
}

/// The note as saved: at most [`MAX_NOTE_BYTES`], lines ending in `\n`,
/// no blank lines or spaces at the end.
fn read_note(path: &Path) -> Result<String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_NOTE_BYTES as u64 + 1).read_to_end(&mut bytes))
        .with_context(|| format!("cannot read the note back from {}", path.display()))?;
    if bytes.len() > MAX_NOTE_BYTES {
        bail!("the text is longer than {} KiB", MAX_NOTE_BYTES / 1024);
    }
    let text = String::from_utf8_lossy(&bytes).replace("\r\n", "\n");
    Ok(text.trim_end().to_owned())
}

/// `name` cut down to letters, digits and dashes, for a file name.
fn file_safe(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .take(40)
        .collect();
    safe.trim_matches('-').to_owned()
}

/// Only web links are opened: a roadmap file could name anything else.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Programs that open a link in the user's browser, most specific first:
/// `$BROWSER` (each of its `:`-separated commands, `%s` standing for the
/// link), then the platform's opener.
pub fn browser_commands(browser: Option<OsString>, url: &str) -> Vec<Vec<String>> {
    let mut commands: Vec<Vec<String>> = browser
        .map(|value| value.to_string_lossy().into_owned())
        .iter()
        .flat_map(|value| value.split(':'))
        .filter(|command| !command.trim().is_empty())
        .map(|command| {
            let mut words: Vec<String> = command
                .split_whitespace()
                .map(|word| word.replace("%s", url))
                .collect();
            if !command.contains("%s") {
                words.push(url.to_owned());
            }
            words
        })
        .collect();
    let platform: &[&[&str]] = if cfg!(target_os = "macos") {
        &[&["open"]]
    } else if cfg!(windows) {
        &[&["rundll32", "url.dll,FileProtocolHandler"]]
    } else {
        &[&["xdg-open"], &["gio", "open"], &["wslview"]]
    };
    commands.extend(platform.iter().map(|words| {
        let mut command: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        command.push(url.to_owned());
        command
    }));
    commands
}

/// How long an opener is given to fail before it is taken to have worked.
/// Openers hand the link over and exit at once; a browser started in their
/// place keeps running, and is left to run.
const OPENER_GRACE: Duration = Duration::from_millis(1500);

/// Opens `url` in the browser, trying each opener in turn. Their output
/// goes nowhere, so nothing is drawn over the screen.
pub fn open_url(url: &str) -> Result<()> {
    if !is_web_link(url) {
        bail!("only http and https links are opened");
    }
    let mut failures = Vec::new();
    for command in browser_commands(std::env::var_os("BROWSER"), url) {
        let Some((program, args)) = command.split_first() else {
            continue;
        };
        let child = Command::new(program)
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn();
        let mut child = match child {
            Ok(child) => child,
            Err(err) => {
                failures.push(format!("{program}: {err}"));
                continue;
            }
        };
        let deadline = Instant::now() + OPENER_GRACE;
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => {
                    failures.push(format!("{program}: {status}"));
                    break;
                }
                Ok(None) if Instant::now() < deadline => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Ok(None) => {
                    // Still running: a browser itself. Reap it when it ends.
                    std::thread::spawn(move || child.wait());
                    return Ok(());
                }
                Err(err) => {
                    failures.push(format!("{program}: {err}"));
                    break;
                }
            }
        }
    }
    bail!("no browser could be started ({})", failures.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(command: &[&str]) -> Vec<String> {
        command.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn the_editor_is_visual_then_editor_then_vi() {
        let some = |s: &str| Some(OsString::from(s));
        assert_eq!(
            editor_command(some("code --wait"), some("nano")),
            words(&["code", "--wait"])
        );
        assert_eq!(editor_command(some("  "), some("nano")), words(&["nano"]));
        assert_eq!(editor_command(None, None), words(&["vi"]));
    }

    #[test]
    fn only_plain_web_links_are_opened() {
        assert!(is_web_link("https://www.postgresql.org/docs/"));
        assert!(is_web_link("HTTP://example.com"));
        assert!(!is_web_link("file:///etc/passwd"));
        assert!(!is_web_link("javascript:alert(1)"));
        assert!(!is_web_link("https://example.com/a b"));
        assert!(!is_web_link("https://example.com/\u{1b}[2J"));
        assert!(!is_web_link("http:"));
        assert!(open_url("ftp://example.com").is_err());
    }

    #[test]
    fn browser_commands_take_browser_first_and_the_link_as_one_argument() {
        let url = "https://example.com/?q=a;rm -rf";
        let commands = browser_commands(Some("firefox:lynx -dump %s".into()), url);
        assert_eq!(commands[0], words(&["firefox", url]));
        assert_eq!(commands[1], words(&["lynx", "-dump", url]));
        assert!(commands.len() > 2, "then the platform's opener");
        assert!(
            commands
                .iter()
                .all(|c| c.last().map(String::as_str) == Some(url))
        );
    }

    #[test]
    fn file_names_are_made_of_safe_characters() {
        assert_eq!(file_safe("Database Basics / SQL"), "Database-Basics---SQL");
        assert_eq!(file_safe("../../x"), "x");
    }

    #[test]
    fn a_note_is_read_back_trimmed_and_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        std::fs::write(&path, "line one\r\nline two  \n\n\n").unwrap();
        assert_eq!(read_note(&path).unwrap(), "line one\nline two");
        std::fs::write(&path, vec![b'x'; MAX_NOTE_BYTES + 1]).unwrap();
        assert!(
            read_note(&path)
                .unwrap_err()
                .to_string()
                .contains("longer than")
        );
    }

    #[test]
    fn an_editor_that_fails_or_is_missing_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.md");
        let err = run_editor(&words(&["false"]), &path, Command::status).unwrap_err();
        assert!(
            err.to_string().contains("the editor `false` failed"),
            "{err}"
        );
        let err = run_editor(&words(&["/no/such/editor"]), &path, Command::status).unwrap_err();
        assert!(err.to_string().contains("cannot start the editor"), "{err}");
        assert!(run_editor(&words(&["true"]), &path, Command::status).is_ok());
    }
}
