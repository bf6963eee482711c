//! Running the user's `git` for sync: the one place the program starts
//! it. Every call is `git -C <clone> …` with `GIT_TERMINAL_PROMPT=0`, the
//! `GIT_DIR`-style variables of a surrounding repository removed, no
//! standard input, and its output captured; the program is found through
//! `PATH` like any command the user types, so a test changes which git
//! runs only by changing `PATH`. Git is waited on, never blocked on: a
//! caller's stop request ends it (and, on Linux, what it started, such as
//! an ssh that hangs) at once. What a failure means is told here, in one
//! line, with git's own words for why.
//!
//! Writes no configuration but the clone's own (`git -C <clone> config`).

use std::ffi::{OsStr, OsString};
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};

use super::url::hide_passwords;
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

/// Asked while git runs: `true` ends it, and the sync fails as stopped.
pub(super) type Stop<'a> = &'a dyn Fn() -> bool;

/// A stop that never comes: what [`super::sync`] waits with.
pub(super) fn never() -> bool {
    false
}

/// The longest git runs between two looks at the stop request.
const POLL: Duration = Duration::from_millis(20);

/// How long git has to end by itself, removing its lock files, before
/// it is killed.
const GRACE: Duration = Duration::from_millis(500);

/// A sync ended on the caller's request before git finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stopped {
    /// The git command that was running (`fetch`), or about to.
    pub during: String,
}

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "sync stopped during `git {}`; what it had not finished is left to the next \
             `roadmap sync`",
            self.during
        )
    }
}

impl std::error::Error for Stopped {}

/// `git`, run in one clone.
pub(super) struct Git<'a> {
    pub dir: &'a Path,
    env: &'a Env,
    stop: Stop<'a>,
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

    /// The line that says why, in git's words: a ref the remote
    /// rejected (`[remote rejected] … (reason)`) before the error git adds
    /// to it, or else git's last line of standard error, with the
    /// remote's own last word (`remote: …`, what a server hook printed)
    /// after it. Passes over the advice git adds to every failure to
    /// reach a remote, and falls back on standard output, where git says
    /// why a merge failed. A password in a URL is hidden.
    pub fn reason(&self) -> String {
        const BOILERPLATE: &[&str] = &[
            "fatal: Could not read from remote repository.",
            "Please make sure you have the correct access rights",
            "and the repository exists.",
        ];
        let lines: Vec<&str> = self
            .stderr
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .collect();
        let rejected = lines.iter().rev().find_map(|line| {
            line.strip_prefix("! ").filter(|rest| {
                rest.starts_with("[remote rejected]") || rest.starts_with("[rejected]")
            })
        });
        let remote = lines
            .iter()
            .rev()
            .filter_map(|line| line.strip_prefix("remote:"))
            .map(str::trim)
            .find(|said| is_meaningful(said));
        let own = lines.iter().copied().rfind(|line| {
            !line.starts_with("remote:")
                && !BOILERPLATE.contains(line)
                && !line.starts_with("hint:")
        });
        let stdout = String::from_utf8_lossy(&self.stdout);
        let printed = || {
            let mut lines = stdout
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty());
            lines
                .clone()
                .rfind(|line| line.starts_with("CONFLICT"))
                .or_else(|| lines.next_back())
        };
        let line = match (rejected.or(own), remote) {
            (Some(line), Some(remote)) => format!("{}; remote: {remote}", without_level(line)),
            (Some(line), None) => without_level(line).to_owned(),
            (None, Some(remote)) => format!("remote: {remote}"),
            (None, None) => printed().unwrap_or("git gave no reason").to_owned(),
        };
        hide_passwords(&clean_line(&line))
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

/// `line` without the `fatal: ` or `error: ` git starts it with.
fn without_level(line: &str) -> &str {
    ["fatal: ", "error: "]
        .iter()
        .find_map(|prefix| line.strip_prefix(prefix))
        .unwrap_or(line)
}

/// Whether a line the remote printed says something: not a rule of
/// dashes, nor a progress count (`Resolving deltas: 100% (3/3)`).
fn is_meaningful(said: &str) -> bool {
    said.chars().any(char::is_alphanumeric) && !said.contains("% (") && !said.contains('\r')
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

/// Runs `command`, capturing what it prints, and ends it when `stop`
/// turns true. Its output is read on threads of their own while it runs,
/// so a git that prints much never waits on a full pipe.
pub(super) fn output(command: &mut Command, stop: Stop) -> Result<Output> {
    let during = subcommand(command);
    let stopped = || Stopped {
        during: during.clone(),
    };
    if stop() {
        return Err(stopped().into());
    }
    let mut child = command.spawn().map_err(|err| missing(&err))?;
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    // Most git calls take milliseconds: looked at soon, then every POLL.
    let mut pause = Duration::from_millis(1);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if stop() => {
                end(&mut child);
                return Err(stopped().into());
            }
            Ok(None) => {
                thread::sleep(pause);
                pause = (pause * 2).min(POLL);
            }
            Err(err) => {
                end(&mut child);
                return Err(anyhow!("cannot wait for git: {err}"));
            }
        }
    };
    // A git ended by the signal that asked the stop (Ctrl-C reaches it
    // too) failed for that reason, not for the one it prints.
    if !status.success() && stop() {
        return Err(stopped().into());
    }
    Ok(Output {
        ok: status.success(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: String::from_utf8_lossy(&stderr.join().unwrap_or_default()).into_owned(),
    })
}

/// Reads all of `pipe` on a thread of its own.
fn drain(pipe: Option<impl Read + Send + 'static>) -> JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// The git command `command` runs (`fetch`), past `-C <dir>` and
/// `-c <setting>`.
fn subcommand(command: &Command) -> String {
    let mut args = command.get_args();
    while let Some(arg) = args.next() {
        if arg == "-C" || arg == "-c" {
            args.next();
        } else if !arg.to_string_lossy().starts_with('-') {
            return clean_line(&arg.to_string_lossy());
        }
    }
    "git".to_owned()
}

/// Ends git and what it started: asked first (`SIGTERM`), which lets git
/// remove its lock files, then killed after [`GRACE`]. Its helpers (an
/// ssh that waits on a host that never answers) are not ended by git, so
/// they are asked too. Reaps git; its output is left unread.
fn end(child: &mut Child) {
    #[cfg(unix)]
    {
        let family = descendants(child.id());
        for pid in std::iter::once(child.id()).chain(family) {
            if let Ok(pid) = libc::pid_t::try_from(pid) {
                // SAFETY: kill(2) touches no memory. Git is not reaped
                // yet, so its id is its own; its helpers' were read from
                // under it a moment ago.
                unsafe { libc::kill(pid, libc::SIGTERM) };
            }
        }
        let deadline = Instant::now() + GRACE;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(5));
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// Every process below `pid`, as Linux lists them (nothing elsewhere).
#[cfg(unix)]
fn descendants(pid: u32) -> Vec<u32> {
    let mut found = Vec::new();
    if !cfg!(target_os = "linux") {
        return found;
    }
    let mut todo = vec![pid];
    while let Some(parent) = todo.pop() {
        let Ok(tasks) = std::fs::read_dir(format!("/proc/{parent}/task")) else {
            continue;
        };
        for task in tasks.flatten() {
            let Ok(text) = std::fs::read_to_string(task.path().join("children")) else {
                continue;
            };
            for child in text.split_whitespace().filter_map(|id| id.parse().ok()) {
                if !found.contains(&child) {
                    found.push(child);
                    todo.push(child);
                }
            }
        }
    }
    found
}

impl<'a> Git<'a> {
    pub fn new(dir: &'a Path, env: &'a Env, stop: Stop<'a>) -> Git<'a> {
        Git {
            dir,
            env,
            stop,
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
        // A clone whose `.git` git cannot read must never send it looking
        // in the folders above (a home kept in git, say): it stops here.
        if let Some(parent) = self.dir.parent() {
            command.env("GIT_CEILING_DIRECTORIES", parent);
        }
        command
            .arg("-C")
            .arg(self.dir)
            .args(&self.identity)
            .args(args);
        output(&mut command, self.stop)
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
    /// Whether git can read the clone as a repository at all.
    pub fn is_repository(&self) -> Result<bool> {
        Ok(self.run(&["rev-parse", "--git-dir"])?.ok)
    }

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

    #[test]
    fn a_rejected_push_says_what_the_remote_said_and_why() {
        let out = failed(
            "remote: Checking the push...        \n\
             remote: pushes are frozen until Monday        \n\
             remote: ------        \n\
             To /srv/progress.git\n \
             ! [remote rejected] HEAD -> roadmap-progress (pre-receive hook declined)\n\
             error: failed to push some refs to '/srv/progress.git'\n",
        );
        assert_eq!(
            out.reason(),
            "[remote rejected] HEAD -> roadmap-progress (pre-receive hook declined); \
             remote: pushes are frozen until Monday"
        );
        let out = failed(
            "To example.com:me/p.git\n \
             ! [rejected]        HEAD -> roadmap-progress (fetch first)\n\
             error: failed to push some refs to 'example.com:me/p.git'\n\
             hint: Updates were rejected because the remote contains work that you do not\n",
        );
        assert_eq!(
            out.reason(),
            "[rejected] HEAD -> roadmap-progress (fetch first)"
        );
        // Progress the remote printed is no reason; what it said is.
        let out = failed(
            "remote: Resolving deltas: 100% (3/3), done.\n\
             remote: error: GH006: Protected branch update failed for refs/heads/roadmap-progress.\n\
             fatal: the remote end hung up unexpectedly\n",
        );
        assert_eq!(
            out.reason(),
            "the remote end hung up unexpectedly; remote: error: GH006: Protected branch \
             update failed for refs/heads/roadmap-progress."
        );
        assert_eq!(
            failed("remote: no such repository\n").reason(),
            "remote: no such repository"
        );
    }

    #[test]
    fn without_a_line_on_standard_error_the_reason_is_what_git_printed() {
        let out = Output {
            ok: false,
            stdout: b"Auto-merging x.jsonl\nCONFLICT (add/add): Merge conflict in x.jsonl\n\
                      Automatic merge failed; fix conflicts and then commit the result.\n"
                .to_vec(),
            stderr: String::new(),
        };
        assert_eq!(
            out.reason(),
            "CONFLICT (add/add): Merge conflict in x.jsonl"
        );
        let out = Output {
            ok: false,
            stdout: b"nothing to commit\n\n".to_vec(),
            stderr: "hint: try again\n".to_owned(),
        };
        assert_eq!(out.reason(), "nothing to commit");
    }

    #[test]
    fn a_password_in_a_url_git_names_is_hidden() {
        assert_eq!(
            failed("fatal: unable to access 'https://me:tok3n@example.com/p.git/': 403\n").reason(),
            "unable to access 'https://me:***@example.com/p.git/': 403"
        );
    }

    #[test]
    fn the_git_command_a_stop_came_during_is_named() {
        let mut command = Command::new("git");
        command.args([
            "-C",
            "/x",
            "-c",
            "user.name=a",
            "--no-pager",
            "fetch",
            "origin",
        ]);
        assert_eq!(subcommand(&command), "fetch");
        assert_eq!(
            Stopped {
                during: "push".to_owned()
            }
            .to_string(),
            "sync stopped during `git push`; what it had not finished is left to the next \
             `roadmap sync`"
        );
    }
}
