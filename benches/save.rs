//! Saving one change must cost the same whatever the size of the progress
//! (issue: "a 100,000-item roadmap with everything done saves a toggle as
//! fast as a 10-item one"). Each sample is a real commit: lock, check for
//! other writers, append one line, fsync. Run with `cargo bench --bench save`.

use divan::Bencher;
use roadmap::domain::progress::{Entry, Status};
use roadmap::io::store::{Changes, Store};

fn main() {
    divan::main();
}

fn entry(status: Status) -> Option<Entry> {
    Some(Entry { status, updated: 1 })
}

/// A state file with `done` items done, and its store.
fn store_with(done: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::open(&dir.path().join("progress.json"));
    let all: Changes = (0..done)
        .map(|i| {
            let key = format!("level-{}/topic-{}/item-{i}", i / 40_000, i / 100);
            (key, entry(Status::Done))
        })
        .collect();
    store.commit("bench", &all, 1).expect("seed the state file");
    (dir, store)
}

/// One toggle (done ↔ in progress) saved durably.
#[divan::bench(args = [10, 10_000, 100_000], sample_count = 200)]
fn save_one_change(bencher: Bencher, done: usize) {
    let (_dir, mut store) = store_with(done);
    let mut flip = false;
    bencher.bench_local(|| {
        flip = !flip;
        let status = if flip {
            Status::InProgress
        } else {
            Status::Done
        };
        let change: Changes = [("level-0/topic-0/item-0".to_owned(), entry(status))].into();
        store.commit("bench", &change, 2).expect("save")
    });
}

/// Opening the state file: read and replay every line (start-up cost).
#[divan::bench(args = [10, 10_000, 100_000], sample_count = 20)]
fn open_and_replay(bencher: Bencher, done: usize) {
    let (dir, _store) = store_with(done);
    let path = dir.path().join("progress.json");
    bencher.bench_local(|| Store::open(&path));
}
