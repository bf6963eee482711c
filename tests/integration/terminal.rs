//! The terminal always comes back, and a held lock never hangs anything:
//! the real binary in a pseudo-terminal, ended by each signal, suspended
//! and resumed, made to panic, and run while another process holds the
//! lock on the state file. Waits are deadlines for a result, never
//! timing measurements.

use std::fs::File;
use std::path::Path;
use std::thread::sleep;
use std::time::{Duration, Instant};

use expectrl::process::unix::Signal;

use crate::pty::{DEADLINE, Tui, assert_restored};
use crate::support::Home;

const FIRST_ITEM: &str = "beginner/general-knowledge-and-best-practices/foundational-concepts";

/// Opens the bundled roadmap's first topic and ticks its first item.
fn tick_first_item(tui: &mut Tui) {
    tui.wait_for("1 Beginner 0%");
    tui.send("\r");
    tui.wait_for("[ ] Foundational Concepts");
    tui.send("j ");
    tui.wait_for("[x] Foundational Concepts");
}

/// Sends `signal` to the app, as `kill` from another terminal would.
fn send_signal(tui: &mut Tui, signal: Signal) {
    tui.session
        .get_process_mut()
        .kill(signal)
        .unwrap_or_else(|err| panic!("send {signal:?}: {err}"));
}

/// Raw mode is off when the pty reads lines and turns `Ctrl-C` into a
/// signal again (its slave's modes, read through the master).
fn cooked(tui: &Tui) -> bool {
    use std::os::fd::AsRawFd;
    let master = tui
        .session
        .get_process()
        .get_raw_handle()
        .expect("the pty's master");
    // SAFETY: a zeroed termios is a valid value to be overwritten, and
    // the descriptor is open for as long as `master` lives.
    let mut modes: libc::termios = unsafe { std::mem::zeroed() };
    let read = unsafe { libc::tcgetattr(master.as_raw_fd(), &mut modes) };
    assert_eq!(read, 0, "read the pty's modes");
    modes.c_lflag & (libc::ICANON | libc::ISIG) == (libc::ICANON | libc::ISIG)
}

/// Everything since the last time the app entered the alternate screen.
fn since_last_entry(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw).into_owned();
    let start = text.rfind("\x1b[?1049h").unwrap_or(0);
    text[start..].to_owned()
}

/// Whether the app's process is stopped (`T` in `/proc/PID/stat`).
fn is_stopped(tui: &Tui) -> bool {
    let pid = tui.session.get_process().pid();
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // The state follows the command name, which is in parentheses.
    stat.rsplit_once(')')
        .is_some_and(|(_, rest)| rest.trim_start().starts_with('T'))
}

fn wait_until_stopped(tui: &mut Tui, stopped: bool) {
    let deadline = Instant::now() + DEADLINE;
    while is_stopped(tui) != stopped {
        tui.pump();
        assert!(Instant::now() < deadline, "stopped is not {stopped}");
        sleep(Duration::from_millis(20));
    }
    tui.pump();
}

/// Takes the lock on the state file's lock as another process would
/// (`flock` locks belong to the open file, so this process's lock keeps
/// the child out), until dropped.
fn hold_lock(state: &Path) -> File {
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    let mut name = state.file_name().unwrap().to_owned();
    name.push(".lock");
    let lock = File::create(state.with_file_name(name)).expect("create the lock file");
    lock.lock().expect("take the lock");
    lock
}

/// The app on `home`, with its first item ticked while another process
/// holds the lock (until the returned lock is dropped).
fn ticked_while_locked(home: &Home) -> (Tui, File) {
    let mut tui = Tui::start(home, &[]);
    tui.wait_for("1 Beginner 0%");
    let held = hold_lock(&home.state_file());
    tick_first_item(&mut tui);
    tui.wait_for("Not saved yet");
    (tui, held)
}

fn saved(home: &Home) -> String {
    std::fs::read_to_string(home.state_file()).unwrap_or_default()
}

#[test]
fn each_ending_signal_saves_gives_the_terminal_back_and_exits_128_plus_its_number() {
    for (signal, number) in [
        (Signal::SIGTERM, 15),
        (Signal::SIGHUP, 1),
        (Signal::SIGINT, 2),
        (Signal::SIGQUIT, 3),
    ] {
        let home = Home::new();
        let mut tui = Tui::start(&home, &[]);
        tui.wait_for("1 Beginner 0%");
        send_signal(&mut tui, signal);
        assert_eq!(tui.exit_code(), 128 + number, "{signal:?}");
        assert_restored(&tui.raw);
        let after = since_last_entry(&tui.raw);
        assert!(after.contains("\x1b[?1000l"), "{signal:?}: mouse released");
        assert!(after.contains("\x1b[?25h"), "{signal:?}: cursor shown");
        assert!(cooked(&tui), "{signal:?}: raw mode off");
    }
}

#[test]
fn a_change_waiting_for_the_lock_is_saved_before_a_signal_ends_the_app() {
    let home = Home::new();
    let (mut tui, held) = ticked_while_locked(&home);
    send_signal(&mut tui, Signal::SIGTERM);
    // The app is now trying again on its way out: let it have the lock.
    sleep(Duration::from_millis(300));
    drop(held);
    assert_eq!(tui.exit_code(), 143);
    assert_restored(&tui.raw);
    assert!(saved(&home).contains(FIRST_ITEM), "{}", saved(&home));
}

#[test]
fn ctrl_z_gives_the_terminal_back_stops_and_redraws_whole_when_continued() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &[]);
    tick_first_item(&mut tui);
    tui.send("\x1a");
    wait_until_stopped(&mut tui, true);
    let text = String::from_utf8_lossy(&tui.raw).into_owned();
    assert!(
        text.rfind("\x1b[?1049l") > text.rfind("\x1b[?1049h"),
        "left the alternate screen before stopping"
    );
    assert!(cooked(&tui), "raw mode off while stopped");

    let before = tui.raw.len();
    send_signal(&mut tui, Signal::SIGCONT);
    wait_until_stopped(&mut tui, false);
    tui.wait_until("the whole screen drawn again", |screen| {
        screen.contains("1 Beginner 8%") && screen.contains("[x] Foundational Concepts")
    });
    let resumed = String::from_utf8_lossy(&tui.raw[before..]).into_owned();
    assert!(
        resumed.contains("\x1b[?1049h"),
        "the alternate screen again"
    );
    assert!(resumed.contains("\x1b[2J"), "cleared, then drawn whole");
    assert!(!cooked(&tui), "raw mode again");
    tui.send("j");
    tui.wait_for("Coding Standards and Best Practices");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    assert_restored(&tui.raw);
}

#[test]
fn sigtstp_from_outside_suspends_like_ctrl_z() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &[]);
    tick_first_item(&mut tui);
    send_signal(&mut tui, Signal::SIGTSTP);
    wait_until_stopped(&mut tui, true);
    assert!(cooked(&tui), "raw mode off while stopped");
    send_signal(&mut tui, Signal::SIGCONT);
    wait_until_stopped(&mut tui, false);
    tui.wait_for("[x] Foundational Concepts");
    assert!(!cooked(&tui), "raw mode again, so keys are not echoed");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn sigstop_then_sigcont_takes_the_terminal_back() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &[]);
    tick_first_item(&mut tui);
    send_signal(&mut tui, Signal::SIGSTOP);
    wait_until_stopped(&mut tui, true);
    let before = tui.raw.len();
    send_signal(&mut tui, Signal::SIGCONT);
    let deadline = Instant::now() + DEADLINE;
    while !String::from_utf8_lossy(&tui.raw[before..]).contains("\x1b[2J") {
        tui.pump();
        assert!(Instant::now() < deadline, "no redraw after SIGCONT");
        sleep(Duration::from_millis(20));
    }
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn a_panic_gives_the_terminal_back_before_its_message() {
    let home = Home::new();
    let mut command = home.command();
    command.env("ROADMAP_TEST_PANIC", "1");
    let mut tui = Tui::spawn(command);
    assert_eq!(tui.exit_code(), 101, "a panic's exit status");
    assert_restored(&tui.raw);
    let text = String::from_utf8_lossy(&tui.raw).into_owned();
    let left = text
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen");
    let message = text.find("panicked").expect("the panic message");
    assert!(left < message, "restored before the message printed");
    assert!(cooked(&tui), "raw mode off");
}

#[test]
fn a_held_lock_never_freezes_the_app_and_the_change_is_saved_once_it_is_free() {
    let home = Home::new();
    let (mut tui, held) = ticked_while_locked(&home);
    assert!(!saved(&home).contains(FIRST_ITEM));
    // Keys still work while the save waits.
    tui.send("j");
    tui.wait_for("Coding Standards and Best Practices");
    tui.send("?");
    tui.wait_for("┌ Keys");
    tui.send("\x1b");
    tui.wait_for("Not saved yet");
    drop(held);
    tui.wait_until("the waiting save done", |screen| {
        !screen.contains("Not saved yet")
    });
    assert!(saved(&home).contains(FIRST_ITEM), "{}", saved(&home));
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn quitting_with_the_lock_held_says_what_could_not_be_saved() {
    let home = Home::new();
    let (mut tui, _held) = ticked_while_locked(&home);
    tui.send("\x03");
    assert_eq!(tui.exit_code(), 1);
    assert_restored(&tui.raw);
    let text = String::from_utf8_lossy(&tui.raw).into_owned();
    assert!(text.contains("waiting up to 5 s"), "says it waits");
    assert!(
        text.contains("1 change could not be saved"),
        "says what was lost"
    );
    assert!(!saved(&home).contains(FIRST_ITEM));
}

#[test]
fn commands_never_hang_on_a_held_lock_and_a_save_gives_up_having_changed_nothing() {
    let home = Home::new();
    let run = |args: &[&str]| {
        let mut command = home.command();
        command.args(args);
        command.output().expect("run roadmap")
    };
    let mark = ["mark", "--status", "done", FIRST_ITEM];
    assert!(run(&mark).status.success());
    let before = std::fs::read(home.state_file()).unwrap();
    let held = hold_lock(&home.state_file());

    // Reading needs no lock: the log is read up to its last whole line.
    for args in [
        &["status"][..],
        &["list"],
        &["export"],
        &["export", "--format", "json"],
    ] {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Backend Developer"),
            "{args:?}"
        );
    }

    let out = run(&["mark", "--status", "skipped", FIRST_ITEM]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("roadmap: waiting for"), "{stderr}");
    assert!(stderr.contains("d1.jsonl.lock"), "names the lock: {stderr}");
    assert!(stderr.contains("nothing was saved"), "{stderr}");
    assert_eq!(std::fs::read(home.state_file()).unwrap(), before);

    // Nor does an import that would also record progress write its file.
    std::fs::write(
        home.path().join("list.md"),
        "# Mine\n\n- [x] One\n- [ ] Two\n",
    )
    .unwrap();
    let import = ["import", "list.md", "-o", "mine.yaml", "--with-progress"];
    let out = run(&import);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(!home.path().join("mine.yaml").exists(), "no file written");
    assert_eq!(std::fs::read(home.state_file()).unwrap(), before);

    drop(held);
    assert!(
        run(&["mark", "--status", "skipped", FIRST_ITEM])
            .status
            .success()
    );
    assert!(saved(&home).contains("skipped"));
    let out = run(&import);
    assert!(out.status.success(), "{out:?}");
    assert!(home.path().join("mine.yaml").exists());
}

/// `roadmap` in a terminal of the test's own: a pty whose master this
/// test holds, so that closing it is the terminal going away (a closed
/// window, a dropped ssh connection), which expectrl cannot do.
struct OwnTerminal {
    master: Option<File>,
    child: std::process::Child,
    raw: Vec<u8>,
}

impl OwnTerminal {
    fn start(home: &Home) -> OwnTerminal {
        use std::os::fd::FromRawFd;
        use std::os::unix::process::CommandExt;
        let size = libc::winsize {
            ws_row: 24,
            ws_col: 80,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let (mut master, mut slave) = (0, 0);
        // SAFETY: openpty writes two descriptors to the places given.
        let opened = unsafe {
            libc::openpty(
                &mut master,
                &mut slave,
                std::ptr::null_mut(),
                std::ptr::null(),
                &size,
            )
        };
        assert_eq!(opened, 0, "openpty: {}", std::io::Error::last_os_error());
        // SAFETY: both descriptors were just opened and are owned here.
        let (master, slave) = unsafe { (File::from_raw_fd(master), File::from_raw_fd(slave)) };
        // SAFETY: fcntl on descriptors owned here. The master must not
        // leak into the child, or closing it here would hang nothing up.
        unsafe {
            use std::os::fd::AsRawFd;
            for fd in [master.as_raw_fd(), slave.as_raw_fd()] {
                libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC);
            }
            let flags = libc::fcntl(master.as_raw_fd(), libc::F_GETFL);
            libc::fcntl(master.as_raw_fd(), libc::F_SETFL, flags | libc::O_NONBLOCK);
        }
        let mut command = home.command();
        command
            .stdin(slave.try_clone().unwrap())
            .stdout(slave.try_clone().unwrap())
            .stderr(slave);
        // SAFETY: only async-signal-safe calls between fork and exec: a
        // session of its own, with this pty as its controlling terminal.
        unsafe {
            command.pre_exec(|| {
                if libc::setsid() == -1 || libc::ioctl(0, libc::TIOCSCTTY, 0) == -1 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let child = command.spawn().expect("start roadmap");
        OwnTerminal {
            master: Some(master),
            child,
            raw: Vec::new(),
        }
    }

    fn pump(&mut self) {
        use std::io::Read;
        let Some(master) = &mut self.master else {
            return;
        };
        let mut buf = [0u8; 16 * 1024];
        while let Ok(n @ 1..) = master.read(&mut buf) {
            self.raw.extend_from_slice(&buf[..n]);
        }
    }

    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + DEADLINE;
        while !String::from_utf8_lossy(&self.raw).contains(text) {
            self.pump();
            assert!(Instant::now() < deadline, "gave up waiting for {text:?}");
            sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        use std::io::Write;
        let master = self.master.as_mut().expect("the terminal is open");
        master.write_all(keys.as_bytes()).expect("send keys");
    }

    /// Closes the terminal, as closing its window does.
    fn hang_up(&mut self) {
        self.master = None;
    }

    fn exit_code(&mut self) -> Option<i32> {
        let deadline = Instant::now() + DEADLINE;
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for roadmap") {
                return status.code();
            }
            if Instant::now() >= deadline {
                let _ = self.child.kill();
                panic!("roadmap did not exit after the hangup");
            }
            sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn closing_the_terminal_saves_what_waits_and_exits_129() {
    let home = Home::new();
    let mut terminal = OwnTerminal::start(&home);
    terminal.wait_for("Beginner");
    let held = hold_lock(&home.state_file());
    terminal.send("\rj ");
    terminal.wait_for("Not saved yet");
    terminal.hang_up();
    // The app is trying again on its way out: let it have the lock.
    sleep(Duration::from_millis(300));
    drop(held);
    assert_eq!(terminal.exit_code(), Some(129), "ended as by SIGHUP");
    assert!(saved(&home).contains(FIRST_ITEM), "{}", saved(&home));
}

/// An editor that runs `first` (shell), then writes `note`.
fn editor(home: &Home, first: &str, note: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = home.path().join("editor.sh");
    std::fs::write(
        &path,
        format!("#!/bin/sh\n{first}\necho '{note}' > \"$1\"\n"),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// `Ctrl-Z` in an editor (vim's, or the terminal's in line mode) stops
/// the editor; the app must stop with it, or the shell never gets the
/// terminal back. The pty here has no shell, so its process group is
/// orphaned and the kernel drops a `SIGTSTP`: the editor stops itself
/// with `SIGSTOP` instead, which is what the app sees either way.
#[test]
fn an_editor_that_stops_stops_the_app_with_it_and_both_go_on_together() {
    let home = Home::new();
    let editor = editor(&home, "kill -STOP $$", "written after a suspend");
    let mut command = home.command();
    command.env("VISUAL", &editor);
    let mut tui = Tui::spawn(command);
    tick_first_item(&mut tui);
    tui.send("e");
    wait_until_stopped(&mut tui, true);
    // What a shell's `fg` does: continue the whole group.
    let group = tui.session.get_process().pid().as_raw();
    // SAFETY: kill(2) on the process group of the test's own child.
    assert_eq!(unsafe { libc::kill(-group, libc::SIGCONT) }, 0);
    wait_until_stopped(&mut tui, false);
    tui.wait_for("written after a suspend");
    assert!(!cooked(&tui), "the app has the terminal again");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn sigterm_while_the_editor_runs_ends_the_editor_then_the_app() {
    let home = Home::new();
    let editor = editor(&home, "sleep 60", "never written");
    let mut command = home.command();
    command.env("VISUAL", &editor);
    let mut tui = Tui::spawn(command);
    tick_first_item(&mut tui);
    tui.send("e");
    sleep(Duration::from_millis(300));
    send_signal(&mut tui, Signal::SIGTERM);
    assert_eq!(tui.exit_code(), 143, "well before the editor's minute");
    assert!(cooked(&tui), "the terminal is given back");
    assert!(saved(&home).contains(FIRST_ITEM));
}
