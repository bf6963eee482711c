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

/// Saves one change: the first item done, or in progress, in turns.
fn toggle(store: &mut Store, flip: &mut bool) {
    *flip = !*flip;
    let status = if *flip {
        Status::InProgress
    } else {
        Status::Done
    };
    let change: Changes = [("level-0/topic-0/item-0".to_owned(), entry(status))].into();
    store.commit("bench", &change, 2).expect("save");
}

/// One toggle (done ↔ in progress) saved durably.
#[divan::bench(args = [10, 10_000, 100_000], sample_count = 200)]
fn save_one_change(bencher: Bencher, done: usize) {
    let (_dir, mut store) = store_with(done);
    let mut flip = false;
    bencher.bench_local(|| toggle(&mut store, &mut flip));
}

/// Opening the state file: read and replay every line (start-up cost).
#[divan::bench(args = [10, 10_000, 100_000], sample_count = 20)]
fn open_and_replay(bencher: Bencher, done: usize) {
    let (dir, _store) = store_with(done);
    let path = dir.path().join("progress.json");
    bencher.bench_local(|| Store::open(&path));
}

/// A progress folder holding `total` changes spread over `devices`
/// devices' logs (`d0` … ), each its own items; the store opened as `d0`.
fn folder_with(devices: usize, total: usize) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("progress");
    let per_device = total / devices;
    for device in (0..devices).rev() {
        std::fs::write(dir.path().join("device"), format!("d{device}\n")).expect("device id");
        let mut store = Store::open(&folder);
        let changes: Changes = (0..per_device)
            .map(|i| {
                let i = device * per_device + i;
                let key = format!("level-{}/topic-{}/item-{i}", i / 40_000, i / 100);
                (key, entry(Status::Done))
            })
            .collect();
        store
            .commit("bench", &changes, 1)
            .expect("seed a device's log");
    }
    (dir, folder)
}

/// Issue 17: opening 10 devices' logs holding 100,000 changes in all
/// costs about what one log of the same changes does (target: 1.5x).
#[divan::bench(args = [1, 10], sample_count = 10)]
fn open_devices_logs(bencher: Bencher, devices: usize) {
    let (_dir, folder) = folder_with(devices, 100_000);
    bencher.bench_local(|| Store::open(&folder));
}

/// Issue 17: saving one change beside 9 other devices' logs of 100,000
/// changes in all stays O(1): only this device's log is written.
#[divan::bench(args = [1, 10], sample_count = 100)]
fn save_one_change_among_devices(bencher: Bencher, devices: usize) {
    let (_dir, folder) = folder_with(devices, 100_000);
    let mut store = Store::open(&folder);
    let mut flip = false;
    bencher.bench_local(|| toggle(&mut store, &mut flip));
}
