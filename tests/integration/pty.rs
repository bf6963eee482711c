//! The real binary in a pseudo-terminal, as a person would run it: keys
//! in, screen out (parsed by a terminal emulator), with a temporary HOME.
//! Waits are generous deadlines for a result, never timing measurements.

use std::io::{ErrorKind, Read};
use std::num::NonZeroU16;
use std::thread::sleep;
use std::time::{Duration, Instant};

use expectrl::Session;
use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;

use crate::support::Home;

const DEADLINE: Duration = Duration::from_secs(30);

struct Tui {
    session: OsSession,
    terminal: vt100::Parser,
    /// Everything the app wrote, escape sequences included.
    raw: Vec<u8>,
}

impl Tui {
    /// Starts `roadmap ARGS` in an 80x24 pty (the pty's default size).
    fn start(home: &Home, args: &[&str]) -> Tui {
        let mut command = home.command();
        command.args(args);
        let session = Session::spawn(command).expect("spawn roadmap in a pty");
        let size = |n| NonZeroU16::new(n).unwrap();
        Tui {
            session,
            terminal: vt100::Parser::new(size(24), size(80), 0),
            raw: Vec::new(),
        }
    }

    fn pump(&mut self) {
        let mut buf = [0u8; 16 * 1024];
        loop {
            match self.session.try_read(&mut buf) {
                Ok(0) => return,
                Ok(n) => {
                    self.terminal.process(&buf[..n]);
                    self.raw.extend_from_slice(&buf[..n]);
                }
                Err(err) if err.kind() == ErrorKind::WouldBlock => return,
                // EIO once the child has exited and closed the pty.
                Err(_) => return,
            }
        }
    }

    fn screen(&self) -> String {
        self.terminal.screen().contents()
    }

    fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |screen| {
            screen.contains(text)
        });
    }

    fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        loop {
            self.pump();
            if done(&self.screen()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "gave up waiting for {what}; screen:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, keys: &str) {
        std::io::Write::write_all(&mut self.session, keys.as_bytes()).expect("send keys");
    }

    fn resize(&mut self, cols: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("resize pty");
        let size = |n| NonZeroU16::new(n).expect("non-zero size");
        self.terminal.screen_mut().set_size(size(rows), size(cols));
    }

    /// Waits for the app to exit and returns its exit code.
    fn exit_code(&mut self) -> i32 {
        let deadline = Instant::now() + DEADLINE;
        loop {
            self.pump();
            match self.session.get_process().status() {
                Ok(WaitStatus::Exited(_, code)) => {
                    self.drain();
                    return code;
                }
                Ok(WaitStatus::StillAlive) => {}
                other => panic!("roadmap did not exit normally: {other:?}"),
            }
            assert!(
                Instant::now() < deadline,
                "roadmap did not exit; screen:\n{}",
                self.screen()
            );
            sleep(Duration::from_millis(20));
        }
    }

    fn drain(&mut self) {
        let mut rest = Vec::new();
        let _ = self.session.read_to_end(&mut rest);
        self.terminal.process(&rest);
        self.raw.extend_from_slice(&rest);
    }
}

/// The terminal is handed back: raw mode off is not visible in the byte
/// stream, but leaving the alternate screen and showing the cursor are.
fn assert_restored(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = text
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen");
    assert!(
        left > entered,
        "left the alternate screen after entering it"
    );
    assert!(
        text[left..].contains("\x1b[?25h") || text.contains("\x1b[?25h"),
        "cursor shown again"
    );
}

#[test]
fn a_tick_survives_quitting_and_restarting() {
    let home = Home::new();

    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1 Beginner 0%");
    tui.send("\r");
    tui.wait_for("[ ] Foundational Concepts");
    tui.send("j ");
    tui.wait_for("[x] Foundational Concepts");
    tui.wait_for("1/3");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    assert_restored(&tui.raw);

    let saved = std::fs::read_to_string(home.state_file()).expect("progress was saved");
    assert!(
        saved.contains("\"beginner/general-knowledge-and-best-practices/foundational-concepts\""),
        "{saved}"
    );

    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1 Beginner 8%");
    tui.wait_for("1/3");
    tui.send("\r");
    tui.wait_for("[x] Foundational Concepts");
    tui.send("\x03");
    assert_eq!(tui.exit_code(), 0, "Ctrl-C quits cleanly");
    assert_restored(&tui.raw);
}

#[test]
fn tabs_switch_and_the_layout_follows_the_terminal_size() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &["backend-essentials"]);
    tui.wait_for("Backend Essentials");
    tui.send("3");
    tui.wait_for("Message Queues");
    tui.send("\t");
    tui.wait_for("Programming Fundamentals");
    // 80 columns: one column, so the details pane sits under the tree.
    let side_by_side = |screen: &str| screen.lines().any(|line| line.contains("┐┌"));
    assert!(!side_by_side(&tui.screen()), "{}", tui.screen());
    tui.resize(120, 40);
    tui.wait_until("two columns after growing", side_by_side);
    tui.send("?");
    tui.wait_for("Show or hide this help");
    tui.send("q");
    tui.wait_until("help closed", |screen| {
        !screen.contains("Show or hide this help")
    });
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn an_invalid_roadmap_fails_before_touching_the_terminal() {
    let home = Home::new();
    let path = home.path().join("bad.yaml");
    std::fs::write(&path, "title: Bad\nlevels: []\n").unwrap();
    let mut tui = Tui::start(&home, &[path.to_str().unwrap()]);
    assert_eq!(tui.exit_code(), 1);
    let output = String::from_utf8_lossy(&tui.raw).into_owned();
    assert!(output.contains("bad.yaml:2:9:"), "{output}");
    assert!(
        !output.contains("\x1b[?1049h"),
        "never entered the alternate screen: {output:?}"
    );
}
