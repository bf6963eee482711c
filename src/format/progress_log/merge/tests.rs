use super::*;
use crate::domain::progress::Status;
use proptest::prelude::*;

fn change(device: &str, seq: u64, clock: Clock, item: &str, status: Status) -> Record {
    Record {
        status: Some(status),
        ..Record::new("backend", item, None, clock.0 / 1000)
    }
    .stamped(device, seq, clock)
}

fn note(device: &str, seq: u64, clock: Clock, item: &str, text: &str) -> Record {
    Record::note("backend", item, text, clock.0 / 1000).stamped(device, seq, clock)
}

#[test]
fn the_latest_change_wins_whatever_order_the_logs_are_read_in() {
    let a = change("a", 1, Clock(1_000, 0), "l/t/x", Status::Done);
    let b = change("b", 1, Clock(2_000, 0), "l/t/x", Status::Skipped);
    for order in [[a.clone(), b.clone()], [b.clone(), a.clone()]] {
        let mut merged = Merged::default();
        for record in order {
            merged.add(record);
        }
        let progress = merged.progress("backend").unwrap();
        assert_eq!(progress.status("l/t/x"), Status::Skipped);
        let order: Vec<_> = merged.history().iter().map(|r| r.device.as_str()).collect();
        assert_eq!(order, ["a", "b"], "history in clock order");
    }
}

#[test]
fn a_late_older_change_changes_nothing_and_a_copy_counts_once() {
    let mut merged = Merged::default();
    let new = change("b", 1, Clock(2_000, 0), "l/t/x", Status::Done);
    assert_eq!(merged.add(new.clone()), Added::New(true));
    let old = change("a", 1, Clock(1_000, 0), "l/t/x", Status::InProgress);
    assert_eq!(merged.add(old), Added::New(false));
    assert_eq!(merged.add(new), Added::Known);
    assert_eq!(merged.history().len(), 2);
    assert_eq!(merged.last_seq("b"), 1);
    assert_eq!(merged.latest(), Clock(2_000, 0));
}

#[test]
fn a_note_and_a_status_set_on_two_machines_both_survive() {
    let mut merged = Merged::default();
    // The status is later, but it carries no note, so the note stays.
    merged.add(note("a", 1, Clock(1_000, 0), "l/t/x", "use EXPLAIN"));
    merged.add(change("b", 1, Clock(2_000, 0), "l/t/x", Status::Done));
    let progress = merged.progress("backend").unwrap();
    assert_eq!(progress.note("l/t/x"), Some("use EXPLAIN"));
    assert_eq!(progress.status("l/t/x"), Status::Done);
}

#[test]
fn equal_clocks_are_broken_by_device_and_one_number_used_twice_is_noticed() {
    let mut merged = Merged::default();
    merged.add(change("b", 1, Clock(5, 0), "l/t/x", Status::Done));
    merged.add(change("a", 1, Clock(5, 0), "l/t/x", Status::Skipped));
    assert_eq!(
        merged.progress("backend").unwrap().status("l/t/x"),
        Status::Done
    );
    assert!(!merged.is_reused("a"));
    merged.add(change("a", 1, Clock(6, 0), "l/t/y", Status::Done));
    assert!(merged.is_reused("a"), "a copied HOME");
    assert_eq!(
        merged.progress("backend").unwrap().status("l/t/y"),
        Status::Done,
        "both changes count"
    );
}

#[test]
fn the_clock_moves_past_what_it_has_seen_even_when_the_wall_clock_is_behind() {
    let seen = Clock(86_400_000, 3);
    assert_eq!(seen.tick(1_000), Clock(86_400_000, 4));
    assert_eq!(seen.tick(90_000_000), Clock(90_000_000, 0));
    assert_eq!(Clock(7, u32::MAX).tick(0), Clock(8, 0));
}

/// What one simulated device does.
#[derive(Debug, Clone)]
enum Step {
    /// Device `device` sets item `item` (status or note).
    Change {
        device: usize,
        item: usize,
        value: u8,
    },
    /// Device `device` reads everything device `from` has written so far.
    Read { device: usize, from: usize },
}

const DEVICES: usize = 3;
const ITEMS: [&str; 3] = ["l/t/a", "l/t/b", "l/u/c"];
const DAY_MS: i64 = 86_400_000;

fn steps() -> impl Strategy<Value = (Vec<i64>, Vec<Step>, Vec<usize>)> {
    let step = prop_oneof![
        (0..DEVICES, 0..ITEMS.len(), 0u8..6).prop_map(|(device, item, value)| Step::Change {
            device,
            item,
            value
        }),
        (0..DEVICES, 0..DEVICES).prop_map(|(device, from)| Step::Read { device, from }),
    ];
    (
        prop::collection::vec(-DAY_MS..DAY_MS, DEVICES),
        prop::collection::vec(step, 0..60),
        // The order the logs are read in at the end, with repeats.
        prop::collection::vec(0..DEVICES, DEVICES..DEVICES * 3),
    )
}

/// A device: its own log, what it has read of others', its clock's skew.
struct Device {
    name: String,
    log: Vec<Record>,
    view: Merged,
    skew: i64,
}

proptest! {
    /// N devices, random changes, clocks up to a day apart, reading each
    /// other at random and, at the end, every log in any order, some
    /// twice: every device ends equal, and no change wins over one made
    /// after seeing it.
    #[test]
    fn every_device_ends_equal_and_a_change_made_after_seeing_another_wins(
        (skews, steps, read_order) in steps()
    ) {
        let mut devices: Vec<Device> = skews
            .iter()
            .enumerate()
            .map(|(n, &skew)| Device { name: format!("d{n}"), log: Vec::new(), view: Merged::default(), skew })
            .collect();
        // For each change (device, seq), the changes its device had seen.
        let mut seen_before: HashMap<(String, u64), Vec<(String, u64)>> = HashMap::new();
        let mut wall: i64 = 1_800_000_000_000;
        for step in &steps {
            wall += 1_000;
            match *step {
                Step::Change { device, item, value } => {
                    let d = &mut devices[device];
                    let now = (wall + d.skew) as u64;
                    let clock = d.view.latest().tick(now);
                    let seq = d.log.len() as u64 + 1;
                    let record = if value < 4 {
                        let status = [Status::Pending, Status::InProgress, Status::Done, Status::Skipped][value as usize];
                        change(&d.name, seq, clock, ITEMS[item], status)
                    } else {
                        note(&d.name, seq, clock, ITEMS[item], if value == 4 { "" } else { "n" })
                    };
                    let seen = d.view.history().iter().map(|r| (r.device.clone(), r.seq)).collect();
                    seen_before.insert((d.name.clone(), seq), seen);
                    d.view.add(record.clone());
                    d.log.push(record);
                }
                Step::Read { device, from } => {
                    let theirs = devices[from].log.clone();
                    for record in theirs {
                        devices[device].view.add(record);
                    }
                }
            }
        }
        let logs: Vec<Vec<Record>> = devices.iter().map(|d| d.log.clone()).collect();
        let mut ends = Vec::new();
        for (n, device) in devices.iter_mut().enumerate() {
            // Each device reads the logs in its own order, and its own again.
            for k in 0..read_order.len() {
                for record in &logs[read_order[(k + n) % read_order.len()]] {
                    device.view.add(record.clone());
                }
            }
            for log in &logs {
                for record in log {
                    device.view.add(record.clone());
                }
            }
            ends.push(device.view.clone());
        }
        let first = &ends[0];
        for end in &ends[1..] {
            prop_assert_eq!(&end.state, &first.state);
            prop_assert_eq!(end.history(), first.history());
        }
        // The winner of each item's status and note was seen by no later
        // change to the same field.
        for (key, winners) in &first.winners {
            for (field, won) in [("status", winners.status), ("note", winners.note)] {
                let Some((clock, device)) = won else { continue };
                let winner = first
                    .history()
                    .iter()
                    .find(|r| r.clock == clock && r.device == first.devices[device as usize])
                    .map(|r| (r.device.clone(), r.seq));
                let Some(winner) = winner else { continue };
                for record in first.history() {
                    let same_field = if field == "status" { record.status.is_some() } else { record.note.is_some() };
                    if (record.roadmap.clone(), record.item.clone()) != *key || !same_field {
                        continue;
                    }
                    let saw = &seen_before[&(record.device.clone(), record.seq)];
                    prop_assert!(!saw.contains(&winner), "{:?} saw the winner {:?} of {:?}", record, winner, key);
                }
            }
        }
    }
}

#[test]
fn goals_merge_per_target_apart_from_statuses_and_a_clear_wins_when_later() {
    let goal = |device: &str, seq, clock, target: &str, by| {
        Record::goal("backend", target, by, 1).stamped(device, seq, clock)
    };
    let records = [
        goal("a", 1, Clock(1_000, 0), "", Some(20_800)),
        goal("b", 1, Clock(2_000, 0), "", Some(20_900)),
        goal("a", 2, Clock(3_000, 0), "beginner", Some(20_850)),
        // A status on a level's id (none has one) does not touch its goal.
        change("b", 2, Clock(4_000, 0), "beginner", Status::Done),
    ];
    for order in [records.to_vec(), records.iter().rev().cloned().collect()] {
        let merged = Merged::of(&order);
        let progress = merged.progress("backend").unwrap();
        assert_eq!(progress.goal(""), Some(20_900), "the later one");
        assert_eq!(progress.goal("beginner"), Some(20_850));
    }
    let mut merged = Merged::of(&records);
    assert_eq!(
        merged.add(goal("a", 3, Clock(5_000, 0), "", None)),
        Added::New(true)
    );
    assert_eq!(merged.progress("backend").unwrap().goal(""), None);
    // A date edited by hand into no date is no goal.
    let mut bad = goal("c", 1, Clock(6_000, 0), "beginner", None);
    bad.goal = Some("someday".to_owned());
    merged.add(bad);
    assert_eq!(merged.progress("backend").unwrap().goal("beginner"), None);
}

#[test]
fn a_goal_of_another_json_type_is_no_goal_and_the_line_is_still_read() {
    let line = br#"{"device":"a","seq":1,"clock":[1,0],"at":1,"roadmap":"backend","item":"beginner","goal":123}
{"device":"a","seq":2,"clock":[2,0],"at":1,"roadmap":"backend","item":"","goal":["2027-01-01"]}
{"device":"a","seq":3,"clock":[3,0],"at":1,"roadmap":"backend","item":"","goal":null}
"#;
    let lines = super::super::lines(line, 1);
    assert!(lines.unreadable.is_empty(), "{:?}", lines.unreadable);
    assert_eq!(lines.records.len(), 3);
    assert_eq!(lines.records[0].goal.as_deref(), Some("123"));
    assert_eq!(lines.records[2].goal, None);
    let merged = Merged::of(&lines.records);
    assert!(merged.progress("backend").is_none(), "no goal at all");
}
