//! Running the user's `git` for sync: the one place the program starts
//! it. Every call is `git -C <clone> …` with `GIT_TERMINAL_PROMPT=0`, the
//! `GIT_DIR`-style variables of a surrounding repository removed, no
//! standard input, and its output captured; the program is found through
//! `PATH` like any command the user types, so a test changes which git
//! runs only by changing `PATH`. What a failure means is told here, in
//! one line, with git's own words for why.
//!
//! Writes no configuration but the clone's own (`git -C <clone> config`).

use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Result, anyhow};

use crate::domain::safe_text::clean_line;

/// Variables that would point git at another repository than the clone
/// (set when `roadmap` runs from a git hook, say).
const REPOSITORY_VARIABLES: &[&str] = &[
    "GIT_DIR",
    "GIT_WORK_TREE",
    "GIT_INDEX_FILE",
    "GIT_OBJECT_DIRECTORY",
    "GIT_ALTERNATE_OBJECT_DIRECTORIES",
    "GIT_COMMON_DIR",
    "GIT_NAMESPACE",
    "GIT_PREFIX",
];

/// What every git call is given on top of the environment: nothing in
/// the program, the isolated `HOME`, `PATH` and git settings in tests.
pub(super) type Env = [(OsString, OsString)];

/// `git`, run in one clone.
pub(super) struct Git<'a> {
    pub dir: &'a Path,
    env: &'a Env,
    /// `-c user.name=… -c user.email=…`, when git has no identity.
    identity: Vec<OsString>,
}

/// What a git call printed, and whether it succeeded.
pub(super) struct Output {
    pub ok: bool,
    pub stdout: Vec<u8>,
    pub stderr: String,
}

impl Output {
    /// Standard output as text, without its final line break.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).trim_end().to_owned()
    }

    /// The line of standard error that says why: git's last one, passing
    /// over the advice git adds to every failure to reach a remote.
    pub fn reason(&self) -> String {
        const BOILERPLATE: &[&str] = &[
            "fatal: Could not read from remote repository.",
            "Please make sure you have the correct access rights",
            "and the repository exists.",
        ];
        let line = self
            .stderr
            .lines()
            .map(str::trim)
            .rfind(|line| {
                !line.is_empty() && !BOILERPLATE.contains(line) && !line.starts_with("hint:")
            })
            .unwrap_or("git gave no reason");
        let line = ["fatal: ", "error: "]
            .iter()
            .find_map(|prefix| line.strip_prefix(prefix))
            .unwrap_or(line);
        clean_line(line)
    }

    /// Whether the remote answered, but refused who we are.
    pub fn refused(&self) -> bool {
        const SIGNS: &[&str] = &[
            "authentication failed",
            "permission denied",
            "could not read username",
            "could not read password",
            "terminal prompts disabled",
            "access denied",
            "host key verification failed",
            "the requested url returned error: 401",
            "the requested url returned error: 403",
        ];
        let stderr = self.stderr.to_lowercase();
        SIGNS.iter().any(|sign| stderr.contains(sign))
    }
}

/// The error for a git that cannot be started.
fn missing(err: &std::io::Error) -> anyhow::Error {
    if err.kind() == std::io::ErrorKind::NotFound {
        anyhow!("git is not installed or not on PATH: `roadmap sync` runs your own git")
    } else {
        anyhow!("cannot run git: {err}")
    }
}

/// `git` as the user has it, with the variables sync always sets.
pub(super) fn command(env: &Env) -> Command {
    let mut command = Command::new("git");
    for name in REPOSITORY_VARIABLES {
        command.env_remove(name);
    }
    command
        // Never wait on a question nobody sees; an ssh passphrase is
        // asked on the terminal itself, which this does not stop.
        .env("GIT_TERMINAL_PROMPT", "0")
        // Git's messages in English, so a refusal is told from a remote
        // that cannot be reached; its own line is shown either way.
        .env("LC_ALL", "C")
        .envs(env.iter().map(|(name, value)| (name, value)))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    ignore_ctrl_z(&mut command);
    command
}

/// Git (and the ssh it runs) is not stopped by `Ctrl-Z`: the app, which
/// handles that signal itself, waits on git, and a stopped git would hold
/// it with no way back but `kill`. An ignored signal stays ignored across
/// `exec`, so this reaches ssh too; ssh still handles it while it asks
/// for a passphrase.
fn ignore_ctrl_z(command: &mut Command) {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        // SAFETY: between fork and exec only `signal(2)`, which is
        // async-signal-safe, is called; it touches no memory of ours.
        unsafe {
            command.pre_exec(|| {
                libc::signal(libc::SIGTSTP, libc::SIG_IGN);
                Ok(())
            });
        }
    }
    #[cfg(not(unix))]
    let _ = command;
}

/// Runs `command`, capturing what it prints.
pub(super) fn output(command: &mut Command) -> Result<Output> {
    let output = command.output().map_err(|err| missing(&err))?;
    Ok(Output {
        ok: output.status.success(),
        stdout: output.stdout,
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    })
}

impl<'a> Git<'a> {
    pub fn new(dir: &'a Path, env: &'a Env) -> Git<'a> {
        Git {
            dir,
            env,
            identity: Vec::new(),
        }
    }

    /// Commits in the device's name, on a machine where git has no
    /// identity: given on each call, never written to any configuration.
    pub fn with_identity(mut self, device: &str) -> Git<'a> {
        self.identity = vec![
            "-c".into(),
            format!("user.name=roadmap on {device}").into(),
            "-c".into(),
            format!("user.email={device}@roadmap.invalid").into(),
        ];
        self
    }

    /// Runs `git -C <clone> args…`, whatever its exit status.
    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<Output> {
        let mut command = command(self.env);
        command
            .arg("-C")
            .arg(self.dir)
            .args(&self.identity)
            .args(args);
        output(&mut command)
    }

    /// Runs git and fails, with git's reason, when it does; `what` says
    /// what sync was doing.
    pub fn ok<S: AsRef<OsStr>>(&self, what: &str, args: &[S]) -> Result<Output> {
        let output = self.run(args)?;
        if !output.ok {
            return Err(anyhow!(
                "cannot {what} in the sync clone: {}",
                output.reason()
            ));
        }
        Ok(output)
    }

    /// The commit `rev` names, if it names one.
    pub fn commit(&self, rev: &str) -> Result<Option<String>> {
        let spec = format!("{rev}^{{commit}}");
        let output = self.run(&["rev-parse", "--verify", "--quiet", &spec])?;
        Ok(output.ok.then(|| output.text()))
    }

    /// A setting as git reads it in the clone (its own, the user's and
    /// the system's), if set and not empty.
    pub fn setting(&self, name: &str) -> Result<Option<String>> {
        let output = self.run(&["config", "--get", name])?;
        Ok(Some(output.text()).filter(|value| output.ok && !value.is_empty()))
    }

    /// The file `name` at the top of `commit`'s tree, if it has one.
    pub fn file_at(&self, commit: &str, name: &str) -> Result<Option<Vec<u8>>> {
        let spec = format!("{commit}:{name}");
        let exists = self.run(&["cat-file", "-e", &spec])?;
        if !exists.ok {
            return Ok(None);
        }
        self.blob(commit, name).map(Some)
    }

    /// The file `name` at the top of `commit`'s tree, which has it.
    pub fn blob(&self, commit: &str, name: &str) -> Result<Vec<u8>> {
        let spec = format!("{commit}:{name}");
        Ok(self.ok("read a file", &["cat-file", "blob", &spec])?.stdout)
    }

    /// Whether `ancestor` is in `commit`'s history.
    pub fn contains(&self, commit: &str, ancestor: &str) -> Result<bool> {
        Ok(self
            .run(&["merge-base", "--is-ancestor", ancestor, commit])?
            .ok)
    }

    /// Whether the two commits share any history.
    pub fn related(&self, one: &str, other: &str) -> Result<bool> {
        Ok(self.run(&["merge-base", one, other])?.ok)
    }

    /// The names of the files at the top of `commit`'s tree.
    pub fn top_files(&self, commit: &str) -> Result<Vec<String>> {
        let output = self.ok(
            "list the files",
            &["ls-tree", "-z", "--name-only", "--full-tree", commit],
        )?;
        Ok(output
            .stdout
            .split(|&byte| byte == 0)
            .filter(|name| !name.is_empty())
            .filter_map(|name| std::str::from_utf8(name).ok())
            .map(str::to_owned)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failed(stderr: &str) -> Output {
        Output {
            ok: false,
            stdout: Vec::new(),
            stderr: stderr.to_owned(),
        }
    }

    #[test]
    fn the_reason_is_gits_last_line_without_its_advice() {
        let out = failed(
            "fatal: '/no/such' does not appear to be a git repository\n\
             fatal: Could not read from remote repository.\n\n\
             Please make sure you have the correct access rights\n\
             and the repository exists.\n",
        );
        assert_eq!(
            out.reason(),
            "'/no/such' does not appear to be a git repository"
        );
        assert!(!out.refused());
        let out = failed(
            "git@example.com: Permission denied (publickey).\nfatal: Could not read from remote repository.\n",
        );
        assert_eq!(
            out.reason(),
            "git@example.com: Permission denied (publickey)."
        );
        assert!(out.refused());
        let out = failed(
            "fatal: could not read Username for 'https://example.com': terminal prompts disabled\n",
        );
        assert!(out.refused());
        assert_eq!(failed("").reason(), "git gave no reason");
        assert_eq!(failed("fatal: \u{1b}[2Jgone\n").reason(), "\\x1b[2Jgone");
    }
}
