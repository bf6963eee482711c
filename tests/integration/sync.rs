//! `roadmap sync` end to end: two homes stand for two machines, and a
//! bare repository in a temporary folder is their remote. No network;
//! git reads no configuration but what each home holds; standard input
//! is no terminal, as under CI.

use std::path::{Path, PathBuf};
use std::process::{Command as StdCommand, Stdio};

use assert_cmd::Command;

use crate::support::{Home, stdout};

/// A machine: a home, and its progress folder given as `--state`.
struct Machine {
    home: Home,
}

impl Machine {
    fn new(device: &str) -> Machine {
        Machine {
            home: Home::with_device(device),
        }
    }

    fn folder(&self) -> PathBuf {
        self.home.path().join("state/roadmap/progress")
    }

    /// `roadmap sync --state <folder> args…`, with no terminal.
    fn sync(&self, args: &[&str]) -> Command {
        let mut command = self.home.command();
        command
            .arg("sync")
            .arg("--state")
            .arg(self.folder())
            .args(args)
            .env("CI", "true")
            .stdin(Stdio::null());
        Command::from_std(command)
    }

    fn device(&self) -> String {
        let file = self.home.path().join("state/roadmap/device");
        std::fs::read_to_string(file).unwrap().trim().to_owned()
    }

    /// Appends one line to this device's log per line of `text`, as the
    /// store would write them: the header first, then changes.
    fn append(&self, text: &str) {
        use std::io::Write as _;
        std::fs::create_dir_all(self.folder()).unwrap();
        let device = self.device();
        let path = self.folder().join(format!("{device}.jsonl"));
        let first = std::fs::read_to_string(&path)
            .map(|log| log.lines().count())
            .unwrap_or(0);
        let mut out = String::new();
        for seq in first..first + text.lines().count() {
            if seq == 0 {
                out.push_str(&format!(
                    "{{\"format\":\"roadmap-progress\",\"version\":3,\"device\":\"{device}\"}}\n"
                ));
            } else {
                out.push_str(&format!(
                    "{{\"device\":\"{device}\",\"seq\":{seq},\"clock\":[{seq},0],\"at\":1,\
                     \"roadmap\":\"backend\",\"item\":\"l/t/{device}{seq}\",\"status\":\"done\"}}\n"
                ));
            }
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .unwrap();
        file.write_all(out.as_bytes()).unwrap();
    }
}

/// Exit 1 with one `roadmap: error:` line: that line.
fn fails(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stdout.is_empty(), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    stderr.trim_end().to_owned()
}

/// A bare repository to sync through.
fn bare_remote(dir: &Path) -> String {
    let remote = dir.join("remote.git");
    let status = StdCommand::new("git")
        .args(["init", "--quiet", "--bare"])
        .arg(&remote)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", dir.join("gitconfig"))
        .env("HOME", dir)
        .status()
        .unwrap();
    assert!(status.success());
    remote.display().to_string()
}

#[test]
fn two_machines_sync_through_a_local_bare_remote() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let a = Machine::new("aaaa");
    let b = Machine::new("bbbb");

    assert_eq!(
        stdout(&mut a.sync(&["--remote", &remote])),
        format!("Up to date with {remote}\n")
    );
    // The log's header and two changes: a header is no change.
    a.append("header\nchange\nchange\n");
    assert_eq!(
        stdout(&mut a.sync(&[])),
        format!("Pushed 2 changes to {remote}\n")
    );

    assert_eq!(
        stdout(&mut b.sync(&["--remote", &remote])),
        format!("From {remote}: 2 changes came in from 1 other device\n")
    );
    let a_log = format!("{}.jsonl", a.device());
    assert_eq!(
        std::fs::read_to_string(b.folder().join(&a_log)).unwrap(),
        std::fs::read_to_string(a.folder().join(&a_log)).unwrap()
    );
    assert_ne!(a.device(), b.device());

    a.append("change\n");
    b.append("header\nchange\n");
    assert_eq!(
        stdout(&mut b.sync(&[])),
        format!("Pushed 1 change to {remote}\n")
    );
    assert_eq!(
        stdout(&mut a.sync(&[])),
        format!("Pushed 1 change to {remote}; 1 change came in from 1 other device\n")
    );
    assert_eq!(
        stdout(&mut b.sync(&[])),
        format!("From {remote}: 1 change came in from 1 other device\n")
    );
    assert_eq!(
        std::fs::read_to_string(b.folder().join(&a_log)).unwrap(),
        std::fs::read_to_string(a.folder().join(&a_log)).unwrap()
    );
}

#[test]
fn the_status_names_the_remote_the_last_sync_and_what_is_not_pushed() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let a = Machine::new("aaaa");
    assert_eq!(
        stdout(&mut a.sync(&["--status"])),
        "remote:     none yet (run `roadmap sync --remote URL`)\n\
         last sync:  never\n\
         not pushed: 0 changes\n"
    );
    a.append("header\nchange\nchange\n");
    assert!(stdout(&mut a.sync(&["--status"])).ends_with("not pushed: 2 changes\n"));
    stdout(&mut a.sync(&["--remote", &remote]));
    a.append("{}\n");
    let text = stdout(&mut a.sync(&["--status"]));
    assert!(
        text.starts_with(&format!("remote:     {remote}\nlast sync:  20")),
        "{text}"
    );
    assert!(text.ends_with("Z\nnot pushed: 1 change\n"), "{text}");
}

#[test]
fn failures_are_one_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let a = Machine::new("aaaa");
    a.sync(&["--status"]).assert().success();
    a.append("{}\n");
    let log = std::fs::read(a.folder().join(format!("{}.jsonl", a.device()))).unwrap();

    assert_eq!(
        fails(&mut a.sync(&[])),
        "roadmap: error: no remote configured yet: run `roadmap sync --remote URL` first"
    );
    let nowhere = dir.path().join("nowhere");
    let line = fails(&mut a.sync(&["--remote", &nowhere.display().to_string()]));
    assert!(
        line.starts_with(&format!(
            "roadmap: error: cannot reach the remote {}: ",
            nowhere.display()
        )),
        "{line}"
    );
    // Not remembered: the next sync still has no remote.
    assert_eq!(
        fails(&mut a.sync(&[])),
        "roadmap: error: no remote configured yet: run `roadmap sync --remote URL` first"
    );
    let empty = dir.path().join("empty-bin");
    std::fs::create_dir_all(&empty).unwrap();
    let remote = bare_remote(dir.path());
    assert_eq!(
        fails(a.sync(&["--remote", &remote]).env("PATH", &empty)),
        "roadmap: error: git is not installed or not on PATH: `roadmap sync` runs your own git"
    );
    assert_eq!(
        std::fs::read(a.folder().join(format!("{}.jsonl", a.device()))).unwrap(),
        log,
        "nothing local changed"
    );
}

#[test]
fn remote_and_status_go_apart() {
    let a = Machine::new("aaaa");
    a.sync(&["--remote", "x", "--status"]).assert().code(2);
    a.sync(&["--remote", ""]).assert().code(2);
}

#[test]
fn a_remote_given_as_a_relative_path_is_kept_absolute() {
    let a = Machine::new("aaaa");
    let remote = bare_remote(a.home.path());
    // The command runs in the home folder, where `remote.git` is.
    assert_eq!(
        stdout(&mut a.sync(&["--remote", "remote.git"])),
        format!("Up to date with {remote}\n")
    );
    let text = stdout(&mut a.sync(&["--status"]));
    assert!(
        text.starts_with(&format!("remote:     {remote}\n")),
        "{text}"
    );
}

/// Both machines see the same progress: `status --json` byte for byte.
fn assert_same_progress(one: &Machine, other: &Machine) {
    assert_eq!(
        roadmap(one, &["status", "backend", "--json"]),
        roadmap(other, &["status", "backend", "--json"])
    );
}

/// `roadmap` itself on a machine, with its progress folder.
fn roadmap(machine: &Machine, args: &[&str]) -> String {
    let mut command = machine.home.command();
    command
        .arg("--state")
        .arg(machine.folder())
        .args(args)
        .stdin(Stdio::null());
    stdout(&mut Command::from_std(command))
}

#[test]
fn marks_made_on_two_machines_offline_end_equal_after_syncing_in_either_order() {
    const A: &str = "beginner/general-knowledge-and-best-practices/foundational-concepts";
    const B: &str = "beginner/database-management/database-basics";
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let laptop = Machine::new("laptop");
    let desktop = Machine::new("desktop");
    roadmap(
        &laptop,
        &["mark", "--roadmap", "backend", A, "--status", "in-progress"],
    );
    stdout(&mut laptop.sync(&["--remote", &remote]));
    stdout(&mut desktop.sync(&["--remote", &remote]));
    // Offline on both: the same item changed on one after it saw the
    // other's change, and another item on the other.
    roadmap(
        &desktop,
        &["mark", "--roadmap", "backend", A, "--status", "done"],
    );
    roadmap(
        &laptop,
        &["mark", "--roadmap", "backend", B, "--status", "skipped"],
    );
    // Both orders of syncing, twice round.
    for machine in [&desktop, &laptop, &desktop, &laptop] {
        stdout(&mut machine.sync(&[]));
    }
    let on_laptop = roadmap(&laptop, &["status", "backend", "--json"]);
    let on_desktop = roadmap(&desktop, &["status", "backend", "--json"]);
    assert_eq!(on_laptop, on_desktop);
    let json: serde_json::Value = serde_json::from_str(&on_laptop).unwrap();
    assert_eq!(
        json["totals"]["done"], 1,
        "the later tick of A wins: {json}"
    );
    assert_eq!(json["totals"]["skipped"], 1, "{json}");
    assert_eq!(json["totals"]["in_progress"], 0, "{json}");
}

/// The app syncs by itself before its first screen and after the last
/// save (`sync: {on-start, on-quit}`), and `S` syncs while it runs:
/// another machine's ticks show, and this one's reach it.
#[test]
fn the_app_syncs_on_start_on_s_and_on_quit() {
    use crate::pty::{Tui, assert_restored};
    const FIRST: &str = "beginner/general-knowledge-and-best-practices/foundational-concepts";
    const OTHER: &str = "beginner/database-management/database-basics";
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let laptop = Machine::new("laptop");
    let desktop = Machine::new("desktop");
    stdout(&mut laptop.sync(&["--remote", &remote]));
    stdout(&mut desktop.sync(&["--remote", &remote]));
    let config = laptop.home.path().join("config/roadmap/config.yaml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(&config, "sync:\n  on-start: true\n  on-quit: true\n").unwrap();

    roadmap(&desktop, &["mark", FIRST, "--status", "done"]);
    stdout(&mut desktop.sync(&[]));
    let mut tui = Tui::start(&laptop.home, &["backend"]);
    tui.wait_for("1 change came in from 1 other device");
    tui.wait_for("1 Beginner 8%");

    roadmap(&desktop, &["mark", OTHER, "--status", "done"]);
    stdout(&mut desktop.sync(&[]));
    tui.send("S");
    tui.wait_until("the other tick", |screen| {
        screen.contains("1 Beginner 16%") || screen.contains("1 Beginner 17%")
    });

    // The first topic's second item, ticked here.
    tui.send("\rjj ");
    tui.wait_for("1 Beginner 25%");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    assert_restored(&tui.raw);
    let said = String::from_utf8_lossy(&tui.raw);
    assert!(
        said.contains(&format!("roadmap: Pushed 1 change to {remote}")),
        "{said}"
    );

    assert_eq!(
        stdout(&mut desktop.sync(&[])),
        format!("From {remote}: 1 change came in from 1 other device\n")
    );
    assert_same_progress(&laptop, &desktop);
}

/// Without a remote, `S` says how to set one, and the app goes on.
#[test]
fn s_without_a_remote_says_how_to_set_one() {
    use crate::pty::Tui;
    let machine = Machine::new("laptop");
    let mut tui = Tui::start(&machine.home, &["backend"]);
    tui.wait_for("1 Beginner 0%");
    tui.send("S");
    tui.wait_for("sync failed: no git remote to sync with yet");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

/// Goals are progress: set on one machine, they reach the other, and a
/// later change of one on the other wins.
#[test]
fn a_goal_set_on_one_machine_reaches_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let laptop = Machine::new("laptop");
    let desktop = Machine::new("desktop");
    stdout(&mut laptop.sync(&["--remote", &remote]));
    stdout(&mut desktop.sync(&["--remote", &remote]));
    roadmap(
        &laptop,
        &[
            "goal",
            "backend",
            "--level",
            "beginner",
            "--by",
            "2099-03-01",
        ],
    );
    roadmap(&laptop, &["goal", "backend", "--by", "2099-12-31"]);
    stdout(&mut laptop.sync(&[]));
    stdout(&mut desktop.sync(&[]));
    let json = |machine: &Machine| -> serde_json::Value {
        serde_json::from_str(&roadmap(machine, &["status", "backend", "--json"])).unwrap()
    };
    assert_eq!(json(&desktop)["levels"][0]["goal"], "2099-03-01");
    assert_eq!(json(&desktop)["goal"], "2099-12-31");
    roadmap(
        &desktop,
        &["goal", "backend", "--level", "beginner", "--clear"],
    );
    stdout(&mut desktop.sync(&[]));
    stdout(&mut laptop.sync(&[]));
    assert_eq!(json(&laptop)["levels"][0]["goal"], serde_json::Value::Null);
    assert_eq!(json(&laptop)["goal"], "2099-12-31");
    assert_same_progress(&laptop, &desktop);
}

/// What `command` printed on standard output and standard error, once it
/// succeeded.
fn said(command: &mut Command) -> (String, String) {
    let output = command.output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stderr}");
    (String::from_utf8(output.stdout).unwrap(), stderr)
}

const FIRST: &str = "beginner/general-knowledge-and-best-practices/foundational-concepts";
const SECOND: &str = "beginner/database-management/database-basics";
const THIRD: &str =
    "beginner/general-knowledge-and-best-practices/coding-standards-and-best-practices";

/// A log the store repaired (a damaged line dropped, the rest written
/// anew) no longer extends what the remote has of it: one `roadmap sync`
/// gives the device a fresh id, pushes under it, and brings the remote's
/// copy in as another log, so the line only the remote still had counts.
#[test]
fn a_log_rewritten_by_a_repair_is_pushed_by_one_sync_under_a_fresh_id() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let laptop = Machine::new("laptop");
    let mark = |item: &str, status: &str| {
        let mut command = laptop.home.command();
        command
            .args(["--state"])
            .arg(laptop.folder())
            .args(["mark", "--roadmap", "backend", item, "--status", status])
            .stdin(Stdio::null());
        Command::from_std(command).assert().success();
    };
    mark(FIRST, "done");
    mark(SECOND, "skipped");
    mark(THIRD, "done");
    stdout(&mut laptop.sync(&["--remote", &remote]));
    // The line of SECOND's change is damaged; the next change repairs.
    let log = laptop.folder().join("laptop.jsonl");
    let text = std::fs::read_to_string(&log).unwrap();
    let damaged: Vec<&str> = text
        .lines()
        .enumerate()
        .map(|(at, line)| if at == 2 { "{\"damaged" } else { line })
        .collect();
    std::fs::write(&log, damaged.join("\n") + "\n").unwrap();
    mark(FIRST, "in-progress");

    let (out, err) = said(&mut laptop.sync(&[]));
    let id = laptop.device();
    assert_ne!(id, "laptop");
    assert_eq!(
        err,
        format!(
            "roadmap: warning: this device's log was rewritten since it was pushed (a repair, \
             say), so the remote's copy no longer fits it; this device now saves as {id}, and \
             nothing is lost\n"
        )
    );
    assert_eq!(
        out,
        format!("Pushed 3 changes to {remote}; 3 changes came in from 1 other device\n")
    );
    let mut names: Vec<String> = std::fs::read_dir(laptop.folder())
        .unwrap()
        .flatten()
        .map(|entry| entry.file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".jsonl"))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [format!("{id}.was-laptop.jsonl"), "laptop.jsonl".to_owned()],
        "no stray left"
    );
    // The remote's copy, as it was pushed, is back: no longer this device's.
    assert_eq!(
        std::fs::read_to_string(laptop.folder().join("laptop.jsonl")).unwrap(),
        text
    );
    let json: serde_json::Value =
        serde_json::from_str(&roadmap(&laptop, &["status", "backend", "--json"])).unwrap();
    assert_eq!(
        json["totals"]["skipped"], 1,
        "the damaged line's change: {json}"
    );
    assert_eq!(json["totals"]["in_progress"], 1, "{json}");
    assert_eq!(json["totals"]["done"], 1, "{json}");
    assert_eq!(
        stdout(&mut laptop.sync(&[])),
        format!("Up to date with {remote}\n")
    );
}

/// A home folder copied to a second machine: the store takes a fresh id
/// when the sync shows it, and the same `roadmap sync` pushes under it.
#[test]
fn a_copied_home_is_pushed_by_one_sync() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let laptop = Machine::new("twin");
    let desktop = Machine::new("twin");
    roadmap(
        &laptop,
        &["mark", "--roadmap", "backend", FIRST, "--status", "done"],
    );
    stdout(&mut laptop.sync(&["--remote", &remote]));
    roadmap(
        &desktop,
        &["mark", "--roadmap", "backend", SECOND, "--status", "done"],
    );
    let (out, err) = said(&mut desktop.sync(&["--remote", &remote]));
    assert!(err.contains("this device now saves as"), "{err}");
    assert!(!err.contains("run `roadmap sync` again"), "{err}");
    assert_eq!(
        out,
        format!("Pushed 1 change to {remote}; 1 change came in from 1 other device\n")
    );
    assert_eq!(
        stdout(&mut laptop.sync(&[])),
        format!("From {remote}: 1 change came in from 1 other device\n")
    );
    assert_same_progress(&laptop, &desktop);
}

#[test]
fn a_progress_folder_that_was_deleted_comes_back_from_the_remote() {
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let laptop = Machine::new("laptop");
    roadmap(
        &laptop,
        &["mark", "--roadmap", "backend", FIRST, "--status", "done"],
    );
    stdout(&mut laptop.sync(&["--remote", &remote]));
    std::fs::remove_dir_all(laptop.folder()).unwrap();
    assert_eq!(
        stdout(&mut laptop.sync(&[])),
        format!("From {remote}: 1 change came back to this device\n")
    );
    assert_eq!(laptop.device(), "laptop");
    roadmap(
        &laptop,
        &["mark", "--roadmap", "backend", SECOND, "--status", "done"],
    );
    assert_eq!(
        stdout(&mut laptop.sync(&[])),
        format!("Pushed 1 change to {remote}\n")
    );
    let json: serde_json::Value =
        serde_json::from_str(&roadmap(&laptop, &["status", "backend", "--json"])).unwrap();
    assert_eq!(json["totals"]["done"], 2, "{json}");
}

/// A server hook that refuses the push: its words, and git's reason.
#[cfg(unix)]
#[test]
fn a_push_a_server_hook_refuses_says_what_the_hook_said() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let remote = bare_remote(dir.path());
    let hook = Path::new(&remote).join("hooks/pre-receive");
    std::fs::write(
        &hook,
        "#!/bin/sh\necho 'pushes are frozen until Monday' >&2\nexit 1\n",
    )
    .unwrap();
    std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).unwrap();
    let laptop = Machine::new("laptop");
    laptop.append("header\nchange\n");
    assert_eq!(
        fails(&mut laptop.sync(&["--remote", &remote])),
        format!(
            "roadmap: error: cannot push to the remote {remote}: [remote rejected] HEAD -> \
             roadmap-progress (pre-receive hook declined); remote: pushes are frozen until Monday"
        )
    );
}

#[test]
fn a_blank_remote_is_bad_usage() {
    let laptop = Machine::new("laptop");
    let output = laptop.sync(&["--remote", " "]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("a remote is a git URL or a path, not blank"),
        "{stderr}"
    );
}

/// `SIGTERM` while ssh waits on a host that never answers: git is ended,
/// and the command fails at once, having kept nothing.
#[cfg(unix)]
#[test]
fn a_sync_ended_by_sigterm_while_ssh_hangs_stops_and_keeps_nothing() {
    use std::os::unix::fs::PermissionsExt as _;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let ssh = dir.path().join("ssh");
    std::fs::write(&ssh, "#!/bin/sh\nexec sleep 30\n").unwrap();
    std::fs::set_permissions(&ssh, std::fs::Permissions::from_mode(0o755)).unwrap();
    let laptop = Machine::new("laptop");
    let mut command = laptop.home.command();
    command
        .arg("sync")
        .arg("--state")
        .arg(laptop.folder())
        .args(["--remote", "me@unreachable.invalid:progress.git"])
        .env("GIT_SSH_COMMAND", &ssh)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let child = command.spawn().unwrap();
    let start = Instant::now();
    // Long enough for git to be waiting on ssh.
    std::thread::sleep(Duration::from_millis(700));
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    // SAFETY: kill(2) on the child this test started and has not reaped.
    assert_eq!(unsafe { libc::kill(pid, libc::SIGTERM) }, 0);
    let output = child.wait_with_output().unwrap();
    assert!(start.elapsed() < Duration::from_secs(20), "waited on ssh");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "roadmap: error: sync stopped during `git fetch`; what it had not finished is left to \
         the next `roadmap sync`\n"
    );
    let clone = laptop.home.path().join("state/roadmap/progress.sync");
    assert!(!clone.exists() && !clone.with_extension("sync.new").exists());
}
