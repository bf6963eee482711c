//! The real binary in a pseudo-terminal, as a person would run it: keys
//! in, screen out (parsed by a terminal emulator), with a temporary HOME.
//! Waits are generous deadlines for a result, never timing measurements.

use std::io::{ErrorKind, Read};
use std::num::NonZeroU16;
use std::thread::sleep;
use std::time::{Duration, Instant};

use expectrl::Session;
use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession;

use crate::support::Home;

pub(crate) const DEADLINE: Duration = Duration::from_secs(30);

pub(crate) struct Tui {
    pub(crate) session: OsSession,
    terminal: vt100::Parser,
    /// Everything the app wrote, escape sequences included.
    pub(crate) raw: Vec<u8>,
}

impl Tui {
    /// Starts `roadmap ARGS` in an 80x24 pty (the pty's default size).
    pub(crate) fn start(home: &Home, args: &[&str]) -> Tui {
        let mut command = home.command();
        command.args(args);
        Tui::spawn(command)
    }

    pub(crate) fn spawn(command: std::process::Command) -> Tui {
        let session = Session::spawn(command).expect("spawn roadmap in a pty");
        let size = |n| NonZeroU16::new(n).unwrap();
        Tui {
            session,
            terminal: vt100::Parser::new(size(24), size(80), 0),
            raw: Vec::new(),
        }
    }

    pub(crate) fn pump(&mut self) {
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

    pub(crate) fn screen(&self) -> String {
        self.terminal.screen().contents()
    }

    pub(crate) fn wait_for(&mut self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |screen| {
            screen.contains(text)
        });
    }

    pub(crate) fn wait_until(&mut self, what: &str, done: impl Fn(&str) -> bool) {
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

    pub(crate) fn send(&mut self, keys: &str) {
        std::io::Write::write_all(&mut self.session, keys.as_bytes()).expect("send keys");
    }

    pub(crate) fn resize(&mut self, cols: u16, rows: u16) {
        self.session
            .get_process_mut()
            .set_window_size(cols, rows)
            .expect("resize pty");
        let size = |n| NonZeroU16::new(n).expect("non-zero size");
        self.terminal.screen_mut().set_size(size(rows), size(cols));
    }

    /// Waits for the app to exit and returns its exit code.
    pub(crate) fn exit_code(&mut self) -> i32 {
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

    pub(crate) fn drain(&mut self) {
        let mut rest = Vec::new();
        let _ = self.session.read_to_end(&mut rest);
        self.terminal.process(&rest);
        self.raw.extend_from_slice(&rest);
    }
}

/// The terminal is handed back: raw mode off is not visible in the byte
/// stream, but leaving the alternate screen and showing the cursor are.
pub(crate) fn assert_restored(raw: &[u8]) {
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

const FIRST_ITEM: &str = "beginner/general-knowledge-and-best-practices/foundational-concepts";

/// A state file holding one done item, as version 2 lines.
fn state_with_first_item_done() -> String {
    format!(
        "{{\"format\":\"roadmap-progress\",\"version\":3,\"device\":\"d1\"}}\n\
         {{\"device\":\"d1\",\"seq\":1,\"clock\":[1795305599000,0],\"at\":1795305599,\
         \"roadmap\":\"backend\",\"item\":\"{FIRST_ITEM}\",\"status\":\"done\"}}\n"
    )
}

fn write_state(home: &Home, bytes: &[u8]) {
    let state = home.state_file();
    std::fs::create_dir_all(state.parent().unwrap()).unwrap();
    std::fs::write(state, bytes).unwrap();
}

#[test]
fn what_the_screen_showed_survives_kill_9() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1 Beginner 0%");
    tui.send("\rj ");
    tui.wait_for("[x] Foundational Concepts");
    tui.send("ji");
    tui.wait_for("[/] Coding Standards");
    tui.session
        .get_process_mut()
        .kill(Signal::SIGKILL)
        .expect("kill -9");
    let status = tui.session.get_process().wait().expect("reap");
    assert!(
        matches!(status, WaitStatus::Signaled(_, Signal::SIGKILL, _)),
        "{status:?}"
    );

    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1/3");
    tui.send("\r");
    tui.wait_for("[x] Foundational Concepts");
    tui.wait_for("[/] Coding Standards");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn a_damaged_state_file_is_announced_copied_aside_and_repaired_by_the_next_change() {
    let home = Home::new();
    let damaged = format!("{}garbage from a bad sync\n", state_with_first_item_done());
    write_state(&home, damaged.as_bytes());
    let mut tui = Tui::start(&home, &[]);
    tui.resize(200, 40);
    tui.wait_for("1 unreadable line (line 3)");
    tui.wait_for("1/3");
    tui.send("\x1b");
    tui.wait_until("notice dismissed", |screen| !screen.contains("unreadable"));
    tui.send("\rjj ");
    tui.wait_for("2/3");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);

    let dir = home.state_file().parent().unwrap().to_owned();
    let copies: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().contains("d1.jsonl.damaged-"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert_eq!(std::fs::read_to_string(&copies[0]).unwrap(), damaged);
    let repaired = std::fs::read_to_string(home.state_file()).unwrap();
    assert!(!repaired.contains("garbage"), "{repaired}");
    assert_eq!(repaired.matches("\"status\":\"done\"").count(), 2);
}

#[test]
fn a_torn_last_record_is_dropped_with_a_notice_and_the_rest_kept() {
    let home = Home::new();
    let torn = format!("{}{{\"at\":17953055", state_with_first_item_done());
    write_state(&home, torn.as_bytes());
    let mut tui = Tui::start(&home, &[]);
    tui.resize(200, 40);
    tui.wait_for("was cut short");
    tui.wait_for("1/3");
    tui.send("\rjj ");
    tui.wait_for("2/3");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    let saved = std::fs::read_to_string(home.state_file()).unwrap();
    assert_eq!(
        saved.lines().count(),
        3,
        "header, old record, new one: {saved}"
    );
}

#[test]
fn an_unwritable_state_file_is_a_warning_not_a_crash() {
    let home = Home::new();
    let blocker = home.path().join("blocker");
    std::fs::write(&blocker, "a regular file").unwrap();
    let state = blocker.join("progress.json");
    let mut tui = Tui::start(&home, &["--state", state.to_str().unwrap()]);
    tui.wait_for("1 Beginner 0%");
    tui.send("\rj ");
    tui.wait_for("Progress is NOT being saved");
    tui.wait_for("[x] Foundational Concepts");
    tui.send("j ");
    tui.wait_for("2/3");
    tui.send("q");
    assert_eq!(tui.exit_code(), 1);
    let output = String::from_utf8_lossy(&tui.raw).into_owned();
    assert!(
        output.contains("roadmap: error: 2 changes could not be saved and are lost"),
        "{output}"
    );
    assert_eq!(std::fs::read_to_string(&blocker).unwrap(), "a regular file");
}

#[test]
fn reset_asks_first_and_a_key_bound_to_nothing_keeps_the_progress() {
    let home = Home::new();
    write_state(&home, state_with_first_item_done().as_bytes());
    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1 Beginner 8%");
    tui.send("R");
    tui.wait_for("This clears every status in Beginner: 1 done");
    tui.send("n");
    tui.wait_for("Cancelled: nothing was changed");
    tui.wait_for("1 Beginner 8%");
    tui.send("Ry");
    tui.wait_for("1 Beginner 0%");
    tui.send("u");
    tui.wait_for("1 Beginner 8%");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

/// A roadmap from the internet with terminal escape sequences in its text:
/// the screen shows them spelled out, and the raw bytes the app writes to
/// the terminal never contain them.
#[test]
fn escape_sequences_in_a_roadmap_never_reach_the_terminal() {
    let home = Home::new();
    let path = home.path().join("hostile.yaml");
    let yaml = "title: \"Hostile\\e]0;pwned\\a roadmap\"\n\
                levels:\n\
                \x20 - title: \"Level \\e[2J\\e[31mRED\"\n\
                \x20   topics:\n\
                \x20     - title: \"Topic \\e[5mBLINK\"\n\
                \x20       items:\n\
                \x20         - title: \"Item \\e]52;c;ZXZpbA==\\a copy\"\n\
                \x20           description: \"Text \\e[?1049l leave\"\n";
    std::fs::write(&path, yaml).unwrap();
    let mut tui = Tui::start(&home, &[path.to_str().unwrap()]);
    tui.resize(120, 30);
    tui.wait_for(r"Hostile\x1b]0;pwned\x07 roadmap");
    tui.send("\rj");
    tui.wait_for(r"Item \x1b]52;c;ZXZpbA==\x07 copy");
    tui.wait_for(r"Text \x1b[?1049l leave");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    let raw = &tui.raw;
    for payload in [
        &b"\x1b]0;pwned"[..],
        b"\x1b[2J\x1b[31mRED",
        b"\x1b[5mBLINK",
        b"\x1b]52;",
        b"\x1b[?1049l leave",
        b"\x07",
    ] {
        assert!(
            !raw.windows(payload.len()).any(|w| w == payload),
            "{:?} reached the terminal",
            String::from_utf8_lossy(payload)
        );
    }
}

/// `p` lists the user's own roadmap beside the bundled ones, with its own
/// progress, and Enter switches to it.
#[test]
fn the_picker_switches_to_a_users_own_roadmap() {
    let home = Home::new();
    let dir = home.path().join("config/roadmap/roadmaps");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("web.yaml"),
        "title: Frontend Path\nid: frontend\nlevels:\n  - title: Basics\n    topics:\n      - {title: HTML, items: [Forms]}\n",
    )
    .unwrap();
    let mut tui = Tui::start(&home, &[]);
    tui.resize(100, 30);
    tui.wait_for("1 Beginner 0%");
    tui.send("p");
    tui.wait_for("web.yaml in your roadmaps folder");
    tui.send("G\r");
    tui.wait_for("Frontend Path");
    tui.wait_for("1 Basics 0%");
    tui.send("\rj ");
    tui.wait_for("1 Basics 100%");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    let saved = std::fs::read_to_string(home.state_file()).unwrap();
    assert!(saved.contains("\"roadmap\":\"frontend\""), "{saved}");
}

#[test]
fn search_finds_an_item_in_another_level_and_enter_jumps_there() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1 Beginner 0%");
    tui.send("/kuber");
    tui.wait_for("Search all levels");
    tui.wait_for("Advanced › ");
    tui.send("\r");
    tui.wait_until("the Advanced tab with the item selected", |screen| {
        !screen.contains("Search all levels") && screen.contains("Kubernetes")
    });
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    let screen = tui.screen();
    assert!(!screen.contains("/kuber"), "the prompt is gone: {screen}");
}

/// A script standing in for the user's editor: it writes the note (or
/// fails), as `$EDITOR FILE` would.
fn editor_script(home: &Home, name: &str, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = home.path().join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write the editor script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

#[test]
fn e_suspends_for_the_editor_saves_the_note_and_resumes_in_raw_mode() {
    let home = Home::new();
    let editor = editor_script(
        &home,
        "editor.sh",
        r#"printf 'Read the manual\nchapter 2\n' > "$1""#,
    );
    let mut command = home.command();
    command.env("EDITOR", &editor).env_remove("VISUAL");
    let mut tui = Tui::spawn(command);
    tui.wait_for("1 Beginner 0%");
    tui.send("ll");
    tui.wait_for("Foundational Concepts");
    tui.send("e");
    tui.wait_for("Your note (e edits)");
    tui.wait_for("Read the manual");
    tui.wait_for("Note saved");
    assert!(
        tui.screen().contains("Foundational Concepts ✎"),
        "the row is marked: {}",
        tui.screen()
    );
    // One key, no Enter: raw mode is back.
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    let raw = String::from_utf8_lossy(&tui.raw);
    assert!(
        raw.matches("\x1b[?1049h").count() >= 2,
        "the full screen was taken back after the editor"
    );
    let saved = std::fs::read_to_string(home.state_file()).expect("saved");
    assert!(
        saved.contains(r#""note":"Read the manual\nchapter 2""#),
        "{saved}"
    );
}

#[test]
fn a_note_written_in_the_editor_is_found_by_search_which_says_so() {
    let home = Home::new();
    let editor = editor_script(
        &home,
        "editor.sh",
        r#"printf 'Ask the zebrafish team\n' > "$1""#,
    );
    let mut command = home.command();
    command.env("EDITOR", &editor).env_remove("VISUAL");
    let mut tui = Tui::spawn(command);
    tui.wait_for("1 Beginner 0%");
    tui.send("lle");
    tui.wait_for("Note saved");
    // Back to the top, so the jump is seen to move the selection.
    tui.send("h/zebra");
    tui.wait_for("Search all levels");
    tui.wait_until("the hit says it is in the note", |screen| {
        screen.contains("Foundational Concepts  ✎ note: Ask the zebrafish team")
    });
    tui.send("\r");
    tui.wait_until("the item selected, its note in the details", |screen| {
        !screen.contains("Search all levels") && screen.contains("Your note (e edits)")
    });
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn an_editor_that_fails_leaves_the_note_and_the_app_working() {
    let home = Home::new();
    let editor = editor_script(&home, "broken.sh", "echo oops >&2; exit 3");
    let mut command = home.command();
    command.env("VISUAL", &editor);
    let mut tui = Tui::spawn(command);
    tui.wait_for("1 Beginner 0%");
    tui.send("lle");
    tui.wait_for("Note unchanged");
    tui.send(" ");
    tui.wait_for("[x] Foundational Concepts");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    let saved = std::fs::read_to_string(home.state_file()).expect("saved");
    assert!(!saved.contains("\"note\""), "{saved}");
}

/// The parameters of every SGR sequence (`ESC [ … m`) in `raw`.
fn sgr_parameters(raw: &[u8]) -> Vec<u32> {
    let text = String::from_utf8_lossy(raw);
    let mut found = Vec::new();
    for part in text.split("\x1b[").skip(1) {
        let end = part
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(part.len());
        if part[end..].starts_with('m') {
            found.extend(part[..end].split(';').filter_map(|p| p.parse::<u32>().ok()));
        }
    }
    found
}

fn is_colour(parameter: u32) -> bool {
    matches!(parameter, 30..=38 | 40..=48 | 90..=97 | 100..=107)
}

#[test]
fn no_color_means_no_colour_sequences_and_the_selection_still_shows() {
    let home = Home::new();
    let mut command = home.command();
    command.env("NO_COLOR", "1");
    let mut tui = Tui::spawn(command);
    tui.wait_for("1 Beginner 0%");
    tui.send("l");
    tui.wait_for("▾");
    tui.send("j ");
    tui.wait_for("[x]");
    tui.send("/data");
    tui.wait_for("Search all levels");
    tui.send("\x1b");
    tui.wait_until("the search closed", |screen| {
        !screen.contains("Search all levels")
    });
    // The selected row is drawn in reverse video.
    let screen = tui.terminal.screen();
    let reversed = (0..24)
        .any(|row| (0..80).any(|col| screen.cell(row, col).is_some_and(|cell| cell.inverse())));
    assert!(reversed, "no reversed cell: {}", tui.screen());
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    let colours: Vec<u32> = sgr_parameters(&tui.raw)
        .into_iter()
        .filter(|&p| is_colour(p))
        .collect();
    assert!(
        colours.is_empty(),
        "colour sequences were written: {colours:?}"
    );

    // Without NO_COLOR, the same screens do use colour: the check can fail.
    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1 Beginner 8%");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    assert!(sgr_parameters(&tui.raw).into_iter().any(is_colour));
}

#[test]
fn the_config_picks_the_roadmap_and_keys_and_ascii_draws_only_ascii() {
    let home = Home::new();
    let dir = home.path().join("config").join("roadmap");
    std::fs::create_dir_all(&dir).expect("config dir");
    std::fs::write(
        dir.join("config.yaml"),
        "roadmap: backend-essentials\nkeys:\n  toggle-done: x\n",
    )
    .expect("write config");
    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("Backend Essentials");
    tui.send("lj ");
    tui.send("x");
    tui.wait_for("[x]");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn ascii_draws_no_other_glyph_and_no_mouse_leaves_the_mouse_alone() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &["--ascii", "--no-mouse"]);
    tui.wait_for("1 Beginner 0%");
    tui.send("l");
    tui.wait_for("v [ ] General");
    let screen = tui.screen();
    let odd: String = screen.chars().filter(|c| !c.is_ascii()).collect();
    assert_eq!(odd, "", "{screen}");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    let raw = String::from_utf8_lossy(&tui.raw);
    assert!(
        !raw.contains("\x1b[?1000h"),
        "--no-mouse leaves the mouse alone"
    );
}

#[test]
fn a_resize_shows_what_another_session_saved_meanwhile() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &[]);
    tui.wait_for("1 Beginner 0%");
    let marked = home
        .command()
        .args([
            "mark",
            "beginner/general-knowledge-and-best-practices/foundational-concepts",
            "--status",
            "done",
        ])
        .output()
        .expect("run roadmap mark");
    assert!(marked.status.success(), "{marked:?}");
    // No key: the resize alone reads the file again, as every input does.
    tui.resize(100, 30);
    tui.wait_for("1 Beginner 8%");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
}

#[test]
fn a_goal_set_in_the_app_is_saved_with_the_progress() {
    let home = Home::new();
    let mut tui = Tui::start(&home, &["backend"]);
    tui.wait_for("1 Beginner 0%");
    // From the main screen: the shown level's goal.
    tui.send("d");
    tui.wait_for("For the level Beginner");
    tui.send("2099-13-01\r");
    tui.wait_for("2099-13-01 is no day of the calendar");
    tui.send("\x7f\x7f\x7f\x7f\x7f01-31\r");
    tui.wait_for("goal 31 Jan 2099");
    // From the progress view: the whole roadmap's.
    tui.send("a");
    tui.wait_for("Pace ");
    tui.send("d2098-12-31\r");
    tui.wait_for("Goal 31 Dec 2098 needs");
    tui.send("a");
    tui.wait_for("· goal 31 Jan 2099");
    tui.send("q");
    assert_eq!(tui.exit_code(), 0);
    assert_restored(&tui.raw);

    let output = home
        .command()
        .args(["status", "backend", "--json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["goal"], "2098-12-31");
    assert_eq!(json["levels"][0]["goal"], "2099-01-31");
}
