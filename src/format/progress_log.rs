//! The progress logs' format, version 3: one JSON Lines file per device,
//! a header line, then one line per change, oldest first. Pure: bytes in,
//! records out, so every rule (a torn last line, damage, the versions 1
//! and 2 this build converts) is tested without a file system. How the
//! logs of several devices combine is [`merge`]'s. Users read about it in
//! `docs/state-format.md`.
//!
//! A change is saved by appending one line, so saving costs the same
//! whatever the size of the roadmap or of the progress. And the log is the
//! history: every change stays on record with its time.

pub mod merge;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::calendar;
use crate::domain::progress::{Entry, Progress, Status};

/// Names the file's kind in its header line.
pub const FORMAT_NAME: &str = "roadmap-progress";
/// The format this build writes, and the newest it reads.
pub const VERSION: u32 = 3;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
    /// The device that writes the file (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    device: Option<String>,
}

/// A hybrid logical clock: wall time in milliseconds, and a counter for
/// changes within one millisecond or made on a device whose clock is
/// behind one whose changes it has seen. Serialised as `[ms, counter]`;
/// ordered as a pair.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Clock(pub u64, pub u32);

impl Clock {
    /// The clock of a change made now (`wall_ms`) after every change this
    /// one has seen: later than `self` even when the wall clock is behind.
    pub fn tick(self, wall_ms: u64) -> Clock {
        if wall_ms > self.0 {
            Clock(wall_ms, 0)
        } else {
            match self.1.checked_add(1) {
                Some(counter) => Clock(self.0, counter),
                None => Clock(self.0 + 1, 0),
            }
        }
    }
}

/// One change: one line of a log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The device that made the change.
    pub device: String,
    /// The change's number among its device's changes, from 1.
    pub seq: u64,
    /// Orders the change among every device's.
    pub clock: Clock,
    /// When the change was made, on its device's clock: seconds since the
    /// Unix epoch, UTC.
    pub at: u64,
    /// The roadmap's id.
    pub roadmap: String,
    /// The item's key (`level/topic/item`).
    pub item: String,
    /// The item's status from then on (`pending` clears it); absent when
    /// the change is to the note only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// When the item first got this status, when that is earlier than
    /// `at`: an undo puts back an older entry, date and all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u64>,
    /// The item's note from then on (`""`: none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The target date from then on, `YYYY-MM-DD` (`""`: none), of the
    /// whole roadmap (`item` is `""`) or of the level whose id `item` is.
    /// Any JSON there is taken (as text, so it is no date, so no goal)
    /// rather than making the whole line unreadable: a goal is never
    /// worth a damaged file.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "goal_of_any_kind"
    )]
    pub goal: Option<String>,
}

/// A `goal` field as text, whatever JSON it holds; `null` is none.
fn goal_of_any_kind<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Ok(match serde_json::Value::deserialize(deserializer)? {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text),
        other => Some(other.to_string()),
    })
}

impl Record {
    /// The change of setting `item` of `roadmap` to `entry` (`None`:
    /// pending) at time `at`, not yet stamped with a device, a number and
    /// a clock ([`Record::stamped`]).
    pub fn new(roadmap: &str, item: &str, entry: Option<Entry>, at: u64) -> Record {
        let (status, since) = match entry {
            Some(entry) => (entry.status, Some(entry.updated).filter(|&t| t != at)),
            None => (Status::Pending, None),
        };
        Record {
            device: String::new(),
            seq: 0,
            clock: Clock::default(),
            at,
            roadmap: roadmap.to_owned(),
            item: item.to_owned(),
            status: Some(status),
            since,
            note: None,
            goal: None,
        }
    }

    /// The change of setting the note of `item` to `note`, and nothing
    /// else.
    pub fn note(roadmap: &str, item: &str, note: &str, at: u64) -> Record {
        Record {
            status: None,
            since: None,
            note: Some(note.to_owned()),
            ..Record::new(roadmap, item, None, at)
        }
    }

    /// The change of setting the goal of `target` (`""`: the whole
    /// roadmap, else a level's id) to `by` (a day; `None`: no goal).
    pub fn goal(roadmap: &str, target: &str, by: Option<i64>, at: u64) -> Record {
        Record {
            status: None,
            since: None,
            goal: Some(by.map(calendar::iso).unwrap_or_default()),
            ..Record::new(roadmap, target, None, at)
        }
    }

    /// The goal after this change (`Some(None)`: none), when the change
    /// sets one. A date that is no date (a file edited by hand) is none.
    pub fn goal_day(&self) -> Option<Option<i64>> {
        let goal = self.goal.as_deref()?;
        Some(calendar::parse_date(goal).ok())
    }

    /// This change as made by `device`, its `seq`th, at `clock`.
    pub fn stamped(self, device: &str, seq: u64, clock: Clock) -> Record {
        Record {
            device: device.to_owned(),
            seq,
            clock,
            ..self
        }
    }

    /// The item's entry after this change (`None`: pending), when the
    /// change sets the status.
    pub fn entry(&self) -> Option<Option<Entry>> {
        let status = self.status?;
        Some((status != Status::Pending).then(|| Entry {
            status,
            updated: self.since.unwrap_or(self.at),
        }))
    }

    /// Which change this is among every device's: a key no two changes
    /// share unless a device's files were copied to another machine.
    pub fn id(&self) -> (&str, u64) {
        (&self.device, self.seq)
    }
}

/// The first line of the log of `device`.
pub fn header(device: &str) -> Vec<u8> {
    let header = Header {
        format: FORMAT_NAME.to_owned(),
        version: VERSION,
        device: Some(device.to_owned()),
    };
    let mut line = serde_json::to_vec(&header).unwrap_or_default();
    line.push(b'\n');
    line
}

/// `records` as lines, each ending in a newline.
pub fn encode(records: &[Record]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() * 128);
    for record in records {
        // Serialising these plain fields cannot fail.
        if serde_json::to_writer(&mut out, record).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// Progress per roadmap id after `records`, merged as every device's
/// changes are ([`merge::Merged`]).
pub fn replay<'a>(records: impl IntoIterator<Item = &'a Record>) -> BTreeMap<String, Progress> {
    merge::Merged::of(records).into_state()
}

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Version 3, this build's format.
    Current,
    /// Version 2: one file for every device, converted on the first save.
    V2,
    /// Version 1: one JSON document, converted on the first save.
    V1,
    /// Nothing but whitespace.
    Empty,
    /// Written by a newer `roadmap`; nothing in it can be trusted to mean
    /// what this build thinks.
    Newer(u32),
    /// Not a progress log, or one whose header is damaged: whatever lines
    /// still read as records are recovered.
    Unknown,
}

impl Kind {
    /// An older format, converted before this build first writes it.
    pub fn is_legacy(self) -> bool {
        matches!(self, Kind::V1 | Kind::V2)
    }
}

/// The records found in a run of lines, and what was wrong with the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines {
    pub records: Vec<Record>,
    /// Bytes up to the end of the last line that was read, torn tail
    /// excluded: where the next record goes.
    pub end: usize,
    /// Complete lines read (newline included), to number the next ones.
    pub lines: usize,
    /// Line numbers (1-based) of complete lines that are not records.
    pub unreadable: Vec<usize>,
    /// Length of a last line that has no newline and is not a record:
    /// a write cut short by a crash. It is dropped.
    pub torn: usize,
    /// The last line is a record without its newline (a hand edit): one
    /// must be written before the next record.
    pub unterminated: bool,
}

/// A whole file, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub kind: Kind,
    /// The device named in a version 3 header.
    pub device: Option<String>,
    pub lines: Lines,
}

/// Reads a whole file of any version. Never fails: what cannot be read is
/// described in the result, so the caller can say so and decide. The
/// changes of a version 1 or 2 file are given to `device`, numbered and
/// clocked in their order, as they are when converted.
pub fn read(bytes: &[u8], device: &str) -> Read {
    let whole = |kind, lines| Read {
        kind,
        device: None,
        lines,
    };
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return whole(Kind::Empty, Lines::default());
    }
    let first_end = bytes
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| i + 1);
    if let Ok(header) = serde_json::from_slice::<Header>(&bytes[..first_end])
        && header.format == FORMAT_NAME
    {
        if header.version > VERSION {
            return whole(Kind::Newer(header.version), Lines::default());
        }
        if header.version == VERSION || header.version == 2 {
            let mut lines = if header.version == VERSION {
                lines(&bytes[first_end..], 2)
            } else {
                lines_v2(&bytes[first_end..], 2, device)
            };
            lines.end += first_end;
            lines.lines += 1;
            // A header with nothing after it and no newline: add one.
            lines.unterminated |= !bytes.ends_with(b"\n") && lines.records.is_empty();
            return Read {
                kind: if header.version == VERSION {
                    Kind::Current
                } else {
                    Kind::V2
                },
                device: header.device.filter(|_| header.version == VERSION),
                lines,
            };
        }
    }
    if let Some(read) = read_v1(bytes, device) {
        return read;
    }
    // A damaged header: the lines may be of this version or of version 2.
    let current = lines(bytes, 1);
    if current.records.is_empty() {
        let v2 = lines_v2(bytes, 1, device);
        if !v2.records.is_empty() {
            return whole(Kind::Unknown, v2);
        }
    }
    whole(Kind::Unknown, current)
}

/// Reads lines appended after what was already read; `first_line` is the
/// number of the first of them.
pub fn lines(bytes: &[u8], first_line: usize) -> Lines {
    lines_with(bytes, first_line, |line| serde_json::from_slice(line).ok())
}

fn lines_with(
    bytes: &[u8],
    first_line: usize,
    mut parse: impl FnMut(&[u8]) -> Option<Record>,
) -> Lines {
    let mut out = Lines::default();
    let mut start = 0;
    while start < bytes.len() {
        let number = first_line + out.lines;
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(len) => {
                let line = &bytes[start..start + len];
                if !line.iter().all(u8::is_ascii_whitespace) {
                    match parse(line) {
                        Some(record) => out.records.push(record),
                        None => out.unreadable.push(number),
                    }
                }
                start += len + 1;
                out.end = start;
                out.lines += 1;
            }
            None => {
                let line = &bytes[start..];
                if line.iter().all(u8::is_ascii_whitespace) {
                    out.end = bytes.len();
                    out.unterminated = true;
                } else if let Some(record) = parse(line) {
                    out.records.push(record);
                    out.end = bytes.len();
                    out.unterminated = true;
                } else {
                    out.torn = line.len();
                }
                break;
            }
        }
    }
    out
}

/// Gives converted changes to `device`, numbered from 1 and clocked from
/// their times, in the order given.
struct Converter<'a> {
    device: &'a str,
    seq: u64,
    clock: Clock,
}

impl Converter<'_> {
    fn convert(&mut self, record: Record) -> Record {
        self.seq += 1;
        self.clock = self.clock.tick(record.at.saturating_mul(1000));
        record.stamped(self.device, self.seq, self.clock)
    }
}

/// Version 2 lines: `{"at", "roadmap", "item", "status", "since"?,
/// "note"?}`, one file for all devices.
fn lines_v2(bytes: &[u8], first_line: usize, device: &str) -> Lines {
    #[derive(Deserialize)]
    struct V2 {
        at: u64,
        roadmap: String,
        item: String,
        status: Status,
        since: Option<u64>,
        note: Option<String>,
    }
    let mut converter = Converter {
        device,
        seq: 0,
        clock: Clock::default(),
    };
    lines_with(bytes, first_line, |line| {
        let v2: V2 = serde_json::from_slice(line).ok()?;
        // A note line kept its status too: `import` wrote an item's
        // status there and nowhere else.
        let record = Record {
            status: Some(v2.status),
            since: v2.since.filter(|_| v2.status != Status::Pending),
            note: v2.note,
            ..Record::new(&v2.roadmap, &v2.item, None, v2.at)
        };
        Some(converter.convert(record))
    })
}

/// Version 1 was a single JSON document: `{"version": 1, "roadmaps":
/// {id: {key: {"status", "updated"}}}}`. Each entry becomes the record of
/// the change that set it, oldest first.
fn read_v1(bytes: &[u8], device: &str) -> Option<Read> {
    #[derive(Deserialize)]
    struct Version {
        version: u32,
    }
    #[derive(Deserialize)]
    struct V1 {
        roadmaps: BTreeMap<String, Progress>,
    }
    let Version { version } = serde_json::from_slice(bytes).ok()?;
    if version > VERSION {
        return Some(Read {
            kind: Kind::Newer(version),
            device: None,
            lines: Lines::default(),
        });
    }
    if version != 1 {
        return None;
    }
    let V1 { roadmaps } = serde_json::from_slice(bytes).ok()?;
    let mut records: Vec<Record> = roadmaps
        .iter()
        .flat_map(|(roadmap, progress)| {
            progress
                .iter()
                .map(move |(item, entry)| Record::new(roadmap, item, Some(*entry), entry.updated))
        })
        .collect();
    records.sort_by_key(|record| record.at);
    let mut converter = Converter {
        device,
        seq: 0,
        clock: Clock::default(),
    };
    Some(Read {
        kind: Kind::V1,
        device: None,
        lines: Lines {
            records: records.into_iter().map(|r| converter.convert(r)).collect(),
            end: bytes.len(),
            ..Lines::default()
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn record(item: &str, status: Status, at: u64) -> Record {
        Record::new("backend", item, None, at)
            .stamped("d1", at, Clock(at * 1000, 0))
            .with_status(status)
    }

    impl Record {
        fn with_status(self, status: Status) -> Record {
            Record {
                status: Some(status),
                ..self
            }
        }
    }

    fn file(records: &[Record]) -> Vec<u8> {
        let mut bytes = header("d1");
        bytes.extend(encode(records));
        bytes
    }

    #[test]
    fn a_file_reads_back_its_records_and_replays_to_the_last_status() {
        let records = [
            record("l/t/a", Status::Done, 10),
            record("l/t/b", Status::InProgress, 11),
            record("l/t/a", Status::Pending, 12),
        ];
        let bytes = file(&records);
        let got = read(&bytes, "d1");
        assert_eq!(got.kind, Kind::Current);
        assert_eq!(got.lines.records, records);
        assert_eq!(got.lines.end, bytes.len());
        assert_eq!(got.lines.lines, 4);
        let state = replay(&got.lines.records);
        assert_eq!(state["backend"].status("l/t/a"), Status::Pending);
        assert_eq!(state["backend"].status("l/t/b"), Status::InProgress);
    }

    #[test]
    fn lines_are_plain_json_a_person_can_read() {
        let bytes = file(&[record("l/t/a", Status::Done, 10)]);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "{\"format\":\"roadmap-progress\",\"version\":3,\"device\":\"d1\"}\n\
             {\"device\":\"d1\",\"seq\":10,\"clock\":[10000,0],\"at\":10,\"roadmap\":\"backend\",\
             \"item\":\"l/t/a\",\"status\":\"done\"}\n"
        );
    }

    #[test]
    fn an_undo_keeps_the_original_date_of_the_entry() {
        let old = Entry {
            status: Status::Done,
            updated: 5,
        };
        let record = Record::new("backend", "l/t/a", Some(old), 99);
        assert_eq!(record.since, Some(5));
        assert_eq!(record.entry(), Some(Some(old)));
        let fresh = Record::new("backend", "l/t/a", Some(Entry { updated: 99, ..old }), 99);
        assert_eq!(fresh.since, None, "not written when it is the same");
        assert_eq!(
            Record::new("backend", "l/t/a", None, 99).entry(),
            Some(None)
        );
        assert_eq!(
            Record::note("backend", "l/t/a", "x", 99).entry(),
            None,
            "a note changes no status"
        );
    }

    #[test]
    fn clearing_the_last_entry_drops_the_roadmap() {
        let state = replay(&[
            record("l/t/a", Status::Done, 1),
            record("l/t/a", Status::Pending, 2),
        ]);
        assert!(state.is_empty());
    }

    #[test]
    fn a_torn_last_line_is_dropped_and_measured() {
        let mut bytes = file(&[record("l/t/a", Status::Done, 10)]);
        let good = bytes.len();
        bytes.extend_from_slice(b"{\"at\":11,\"roadmap\":\"back");
        let got = read(&bytes, "d1");
        assert_eq!(got.kind, Kind::Current);
        assert_eq!(got.lines.records.len(), 1);
        assert_eq!(got.lines.end, good);
        assert_eq!(got.lines.torn, bytes.len() - good);
        assert!(got.lines.unreadable.is_empty());
    }

    #[test]
    fn a_complete_last_record_without_newline_is_kept() {
        let mut bytes = file(&[record("l/t/a", Status::Done, 10)]);
        bytes.pop();
        let got = read(&bytes, "d1");
        assert_eq!(got.lines.records.len(), 1);
        assert!(got.lines.unterminated);
        assert_eq!(got.lines.torn, 0);
    }

    #[test]
    fn damaged_lines_in_the_middle_are_numbered_and_the_rest_recovered() {
        let mut bytes = header("d1");
        bytes.extend(encode(&[record("l/t/a", Status::Done, 10)]));
        bytes.extend_from_slice(b"garbage\n\n");
        bytes.extend(encode(&[record("l/t/b", Status::Done, 11)]));
        bytes.extend_from_slice(b"{\"at\": \"not a number\"}\n");
        let got = read(&bytes, "d1");
        assert_eq!(got.kind, Kind::Current);
        assert_eq!(got.lines.records.len(), 2);
        assert_eq!(got.lines.unreadable, [3, 6]);
    }

    #[test]
    fn a_file_with_a_damaged_header_is_unknown_but_its_records_are_recovered() {
        let mut bytes = b"{\"format\":\"roadmap-progr\n".to_vec();
        bytes.extend(encode(&[record("l/t/a", Status::Done, 10)]));
        let got = read(&bytes, "d1");
        assert_eq!(got.kind, Kind::Unknown);
        assert_eq!(got.lines.records.len(), 1);
        assert_eq!(got.lines.unreadable, [1]);
        assert_eq!(read(b"\x00\x01 binary junk", "d1").kind, Kind::Unknown);
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        assert_eq!(read(b"", "d1").kind, Kind::Empty);
        assert_eq!(read(b" \n\n", "d1").kind, Kind::Empty);
    }

    #[test]
    fn newer_versions_are_recognised_in_either_shape() {
        let newer = br#"{"format":"roadmap-progress","version":4}
{"something":"else"}
"#;
        assert_eq!(read(newer, "d1").kind, Kind::Newer(4));
        assert_eq!(
            read(br#"{"version": 99, "roadmaps": {}}"#, "d1").kind,
            Kind::Newer(99)
        );
    }

    #[test]
    fn version_1_becomes_one_record_per_entry_oldest_first() {
        let v1 = br#"{
  "version": 1,
  "roadmaps": {
    "backend": {
      "l/t/b": {"status": "skipped", "updated": 20},
      "l/t/a": {"status": "done", "updated": 10}
    },
    "other": {"x/y/z": {"status": "in-progress", "updated": 15}}
  }
}
"#;
        let got = read(v1, "d1");
        assert_eq!(got.kind, Kind::V1);
        let order: Vec<_> = got.lines.records.iter().map(|r| r.at).collect();
        assert_eq!(order, [10, 15, 20]);
        let state = replay(&got.lines.records);
        assert_eq!(state["backend"].entry("l/t/b").unwrap().updated, 20);
        assert_eq!(state["other"].status("x/y/z"), Status::InProgress);
        let truncated = &v1[..v1.len() / 2];
        assert_eq!(
            read_v1(truncated, "d1"),
            None,
            "a cut version 1 file is damaged"
        );
    }

    fn any_status() -> impl Strategy<Value = Status> {
        prop_oneof![
            Just(Status::Pending),
            Just(Status::InProgress),
            Just(Status::Done),
            Just(Status::Skipped),
        ]
    }

    fn any_records() -> impl Strategy<Value = Vec<Record>> {
        let record = (
            0u64..1_000,
            prop::sample::select(vec!["backend", "other", "ünï\"code"]),
            prop::sample::select(vec!["a/b/c", "a/b/d", "x/y/z", "q/u/\\o\"te"]),
            any_status(),
            prop::option::of(0u64..1_000),
            prop::option::of(prop::sample::select(vec![
                "",
                "a note",
                "two\nlines \u{1b}",
            ])),
        )
            .prop_map(|(at, roadmap, item, status, since, note)| Record {
                status: Some(status).filter(|_| note.is_none()),
                since: since.filter(|_| status != Status::Pending && note.is_none()),
                note: note.map(str::to_owned),
                ..Record::new(roadmap, item, None, at)
            });
        // Stamped as one device stamps its changes: numbered, and clocked
        // after each other whatever the wall clock says.
        prop::collection::vec(record, 0..40).prop_map(|records| {
            let mut clock = Clock::default();
            records
                .into_iter()
                .enumerate()
                .map(|(n, record)| {
                    clock = clock.tick(record.at * 1000);
                    record.stamped("d1", n as u64 + 1, clock)
                })
                .collect()
        })
    }

    /// One device's changes applied one after another, as version 2 did.
    fn apply(state: &mut BTreeMap<String, Progress>, record: &Record) {
        let progress = state.entry(record.roadmap.clone()).or_default();
        if let Some(entry) = record.entry() {
            progress.put(&record.item, entry);
        }
        if let Some(note) = &record.note {
            progress.set_note(&record.item, note);
        }
        if progress.is_empty() {
            state.remove(&record.roadmap);
        }
    }

    proptest! {
        /// Saving changes one by one and reading the file back gives the
        /// state that applying them in memory gives: one device alone
        /// merges to what replaying its log in order gives.
        #[test]
        fn any_sequence_of_changes_replays_to_the_same_state(records in any_records()) {
            let mut expected: BTreeMap<String, Progress> = BTreeMap::new();
            for record in &records {
                apply(&mut expected, record);
            }
            let got = read(&file(&records), "d1");
            prop_assert_eq!(got.kind, Kind::Current);
            prop_assert_eq!(&got.lines.records, &records);
            prop_assert_eq!(replay(&got.lines.records), expected);
        }

        /// A file cut at any byte (a crash mid-write) still reads: the
        /// records before the cut, nothing flagged as damage.
        #[test]
        fn a_file_cut_at_any_byte_loads(records in any_records(), cut in any::<prop::sample::Index>()) {
            let bytes = file(&records);
            let cut = cut.index(bytes.len() + 1);
            let got = read(&bytes[..cut], "d1");
            prop_assert!(got.lines.unreadable.is_empty());
            let kept = &got.lines.records;
            prop_assert_eq!(&records[..kept.len()], &kept[..]);
            // Every line finished before the cut is kept, and the one cut
            // just before its newline too; nothing else.
            let finished = bytes[..cut].iter().filter(|&&b| b == b'\n').count().saturating_sub(1);
            prop_assert!(kept.len() == finished || kept.len() == finished + 1);
            prop_assert!(got.lines.end <= cut);
        }

        /// Arbitrary bytes never panic the reader.
        #[test]
        fn arbitrary_bytes_read_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
            let got = read(&bytes, "d1");
            prop_assert!(got.lines.end <= bytes.len());
        }
    }

    #[test]
    fn a_note_record_sets_the_note_and_leaves_the_status_as_it_stands() {
        let done = Entry {
            status: Status::Done,
            updated: 10,
        };
        let records = [
            Record::new("backend", "l/t/a", Some(done), 10).stamped("d1", 1, Clock(10_000, 0)),
            Record::note("backend", "l/t/a", "line one\nline \"two\"", 20).stamped(
                "d1",
                2,
                Clock(20_000, 0),
            ),
        ];
        let bytes = file(&records);
        let read = read(&bytes, "d1");
        assert_eq!(read.lines.records, records, "notes survive the round trip");
        assert_eq!(read.device.as_deref(), Some("d1"));
        let progress = &replay(&read.lines.records)["backend"];
        assert_eq!(progress.note("l/t/a"), Some("line one\nline \"two\""));
        assert_eq!(progress.entry("l/t/a"), Some(&done), "date and all");
        let cleared = Record::note("backend", "l/t/a", "", 30).stamped("d1", 3, Clock(30_000, 0));
        let state = replay(records.iter().chain([&cleared]));
        assert_eq!(state["backend"].note("l/t/a"), None);
    }

    #[test]
    fn a_version_2_file_becomes_this_devices_changes_numbered_and_clocked_in_order() {
        let v2 = b"{\"format\":\"roadmap-progress\",\"version\":2}\n\
{\"at\":10,\"roadmap\":\"backend\",\"item\":\"l/t/a\",\"status\":\"done\"}\n\
{\"at\":10,\"roadmap\":\"backend\",\"item\":\"l/t/b\",\"status\":\"in-progress\"}\n\
{\"at\":12,\"roadmap\":\"backend\",\"item\":\"l/t/a\",\"status\":\"done\",\"since\":10,\"note\":\"n\"}\n\
{\"at\":9,\"roadmap\":\"backend\",\"item\":\"l/t/b\",\"status\":\"pending\"}\n";
        let got = read(v2, "me");
        assert_eq!(got.kind, Kind::V2);
        assert!(got.kind.is_legacy());
        let records = &got.lines.records;
        let stamps: Vec<_> = records
            .iter()
            .map(|r| (r.device.as_str(), r.seq, r.clock))
            .collect();
        assert_eq!(
            stamps,
            [
                ("me", 1, Clock(10_000, 0)),
                ("me", 2, Clock(10_000, 1)),
                ("me", 3, Clock(12_000, 0)),
                // A clock set back between two saves still orders the
                // changes as the file did.
                ("me", 4, Clock(12_000, 1)),
            ]
        );
        assert_eq!(
            records[2].status,
            Some(Status::Done),
            "a note line keeps its status: import wrote it nowhere else"
        );
        let state = replay(records);
        assert_eq!(state["backend"].status("l/t/b"), Status::Pending);
        assert_eq!(state["backend"].note("l/t/a"), Some("n"));
        assert_eq!(state["backend"].entry("l/t/a").unwrap().updated, 10);
    }
}
