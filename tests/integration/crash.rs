//! The state file under real processes: a writer killed with SIGKILL at
//! random moments, and writers running at the same time. The writer is
//! this test binary itself, started again in "child" mode, so no helper
//! program has to be built. Each check: nothing acknowledged is lost, and
//! the file always loads.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use roadmap::domain::progress::{Entry, Progress, Status};
use roadmap::io::store::{Changes, Store};

const CHILD_STATE: &str = "ROADMAP_TEST_CHILD_STATE";
const CHILD_PREFIX: &str = "ROADMAP_TEST_CHILD_PREFIX";
const CHILD_CHANGES: &str = "ROADMAP_TEST_CHILD_CHANGES";

/// The change a writer makes at step `step`: keys cycle so items are set,
/// changed and cleared again, like a learner going back and forth.
fn change(prefix: &str, step: usize) -> Changes {
    let key = format!("{prefix}/topic/item-{}", step % 7);
    let status = [
        Status::Done,
        Status::InProgress,
        Status::Pending,
        Status::Skipped,
    ][step % 4];
    let entry = (status != Status::Pending).then_some(Entry {
        status,
        updated: step as u64,
    });
    [(key, entry)].into()
}

/// Child mode: commits changes one at a time and acknowledges each on
/// stdout only once `commit` returned, as the app draws a change only
/// once it is saved. Ignored in normal runs; does nothing without its
/// environment.
#[test]
#[ignore = "run as a child process by the tests below"]
fn child_writer() {
    let Ok(state) = std::env::var(CHILD_STATE) else {
        return;
    };
    let prefix = std::env::var(CHILD_PREFIX).unwrap();
    let changes: usize = std::env::var(CHILD_CHANGES).unwrap().parse().unwrap();
    let mut store = Store::open(Path::new(&state));
    let mut out = std::io::stdout().lock();
    for step in 0..changes {
        // As `mark` saves: a save finding the other writer's lock waits
        // for it (a loaded machine can hold it past the store's 100 ms).
        roadmap::cli::saving::commit(&mut store, "crash", &change(&prefix, step), step as u64)
            .unwrap();
        writeln!(out, "ack {step}").unwrap();
        out.flush().unwrap();
    }
}

fn spawn_writer(state: &Path, prefix: &str, changes: usize) -> Child {
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash::child_writer", "--ignored", "--nocapture"])
        .args(["--test-threads", "1", "-q"])
        .env(CHILD_STATE, state)
        .env(CHILD_PREFIX, prefix)
        .env(CHILD_CHANGES, changes.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Progress after the first `steps` changes of writer `prefix`.
fn expected(prefix: &str, steps: usize) -> Progress {
    let mut progress = Progress::default();
    for step in 0..steps {
        for (key, entry) in change(prefix, step) {
            progress.put(&key, entry);
        }
    }
    progress
}

/// A small random number without a dependency: the clock's nanoseconds.
fn random_below(n: u64) -> u64 {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    u64::from(nanos.wrapping_mul(2_654_435_761)) % n.max(1)
}

#[test]
fn a_writer_killed_at_any_moment_loses_nothing_it_acknowledged() {
    let runs: usize = std::env::var("ROADMAP_CRASH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(25);
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("progress.json");
    // Every run appends to the same file, so later runs also start from
    // whatever torn tail the one before left.
    let mut acknowledged_before = 0;
    for run in 0..runs {
        let prefix = format!("run-{run}");
        let mut child = spawn_writer(&state, &prefix, 10_000);
        let mut acks = BufReader::new(child.stdout.take().unwrap());
        let wait_for = random_below(40) as usize;
        let mut acked = 0;
        let mut line = String::new();
        while acked <= wait_for {
            line.clear();
            if acks.read_line(&mut line).unwrap() == 0 {
                break;
            }
            acked += usize::from(line.starts_with("ack "));
        }
        std::thread::sleep(Duration::from_micros(random_below(3_000)));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
        // Acks written before the kill but not yet read count too.
        line.clear();
        while acks.read_line(&mut line).unwrap_or(0) > 0 {
            acked += usize::from(line.starts_with("ack "));
            line.clear();
        }

        let mut store = Store::open(&state);
        assert_eq!(store.read_only(), None, "run {run}: the file always loads");
        for notice in store.take_notices() {
            assert!(notice.contains("cut short"), "run {run}: {notice}");
        }
        let got = store.progress("crash");
        let mine: BTreeMap<_, _> = got
            .iter()
            .filter(|(key, _)| key.starts_with(&format!("{prefix}/")))
            .map(|(key, entry)| (key.to_owned(), *entry))
            .collect();
        // The change in flight at the kill may or may not have landed.
        let candidates = [expected(&prefix, acked), expected(&prefix, acked + 1)];
        assert!(
            candidates.iter().any(|want| {
                want.iter()
                    .map(|(key, entry)| (key.to_owned(), *entry))
                    .collect::<BTreeMap<_, _>>()
                    == mine
            }),
            "run {run}: after {acked} acknowledged changes the file holds {mine:?}"
        );
        let history = store.history().len();
        assert!(
            history >= acknowledged_before + acked,
            "run {run}: history lost entries"
        );
        acknowledged_before = history;
    }
}

#[test]
fn two_writers_at_once_keep_every_change_of_both() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join("progress.json");
    let changes = 150;
    let mut writers = [
        spawn_writer(&state, "left", changes),
        spawn_writer(&state, "right", changes),
    ];
    for writer in &mut writers {
        let acks = BufReader::new(writer.stdout.take().unwrap())
            .lines()
            .map_while(Result::ok)
            .filter(|line| line.starts_with("ack "))
            .count();
        assert!(writer.wait().unwrap().success());
        assert_eq!(acks, changes);
    }
    let mut store = Store::open(&state);
    assert!(store.take_notices().is_empty());
    assert_eq!(store.history().len(), 2 * changes);
    let got = store.progress("crash");
    for prefix in ["left", "right"] {
        let want = expected(prefix, changes);
        for (key, entry) in want.iter() {
            assert_eq!(got.entry(key), Some(entry), "{key}");
        }
    }
    assert_eq!(
        got.len(),
        expected("left", changes).len() + expected("right", changes).len()
    );
}
