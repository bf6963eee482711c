//! The state file's format, version 2: a header line, then one JSON line
//! per change, oldest first. Pure: bytes in, records out, so every rule
//! (a torn last line, damage, the old version 1 format) is tested without a
//! file system. Users read about it in `docs/state-format.md`.
//!
//! A change is saved by appending one line, so saving costs the same
//! whatever the size of the roadmap or of the progress. And the log is the
//! history: replaying it gives the progress, and every change stays on
//! record with its time.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::domain::progress::{Entry, Progress, Status};

/// Names the file's kind in its header line.
pub const FORMAT_NAME: &str = "roadmap-progress";
/// The format this build writes, and the newest it reads.
pub const VERSION: u32 = 2;

#[derive(Serialize, Deserialize)]
struct Header {
    format: String,
    version: u32,
}

/// One change: one line of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// When the change was made: seconds since the Unix epoch, UTC.
    pub at: u64,
    /// The roadmap's id.
    pub roadmap: String,
    /// The item's key (`level/topic/item`).
    pub item: String,
    /// The item's status from then on; `pending` clears it.
    pub status: Status,
    /// When the item first got this status, when that is earlier than
    /// `at`: an undo puts back an older entry, date and all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<u64>,
    /// The item's note from then on (`""`: none). A record that sets a
    /// note repeats the item's status as it stands, so a build that knows
    /// nothing of notes reads it as a change to nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Record {
    /// The record of setting `item` of `roadmap` to `entry` (`None`:
    /// pending) at time `at`.
    pub fn new(roadmap: &str, item: &str, entry: Option<Entry>, at: u64) -> Record {
        let (status, since) = match entry {
            Some(entry) => (entry.status, Some(entry.updated).filter(|&t| t != at)),
            None => (Status::Pending, None),
        };
        Record {
            at,
            roadmap: roadmap.to_owned(),
            item: item.to_owned(),
            status,
            since,
            note: None,
        }
    }

    /// The record of setting the note of `item` to `note`, its status
    /// left as `entry` has it.
    pub fn note(roadmap: &str, item: &str, entry: Option<Entry>, note: &str, at: u64) -> Record {
        Record {
            note: Some(note.to_owned()),
            ..Record::new(roadmap, item, entry, at)
        }
    }

    /// The item's entry after this change (`None`: pending).
    pub fn entry(&self) -> Option<Entry> {
        (self.status != Status::Pending).then(|| Entry {
            status: self.status,
            updated: self.since.unwrap_or(self.at),
        })
    }
}

/// The first line of every version 2 file.
pub fn header() -> Vec<u8> {
    let header = Header {
        format: FORMAT_NAME.to_owned(),
        version: VERSION,
    };
    let mut line = serde_json::to_vec(&header).unwrap_or_default();
    line.push(b'\n');
    line
}

/// `records` as lines, each ending in a newline.
pub fn encode(records: &[Record]) -> Vec<u8> {
    let mut out = Vec::with_capacity(records.len() * 96);
    for record in records {
        // Serialising these plain fields cannot fail.
        if serde_json::to_writer(&mut out, record).is_ok() {
            out.push(b'\n');
        }
    }
    out
}

/// Progress per roadmap id after replaying `records` in order.
pub fn replay<'a>(records: impl IntoIterator<Item = &'a Record>) -> BTreeMap<String, Progress> {
    let mut state: BTreeMap<String, Progress> = BTreeMap::new();
    for record in records {
        apply(&mut state, record);
    }
    state
}

/// Applies one record to `state`, dropping a roadmap once it has no entries.
pub fn apply(state: &mut BTreeMap<String, Progress>, record: &Record) {
    let progress = state.entry(record.roadmap.clone()).or_default();
    progress.put(&record.item, record.entry());
    if let Some(note) = &record.note {
        progress.set_note(&record.item, note);
    }
    if progress.is_empty() {
        state.remove(&record.roadmap);
    }
}

/// What kind of file was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Version 2, this build's format.
    Current,
    /// Version 1: one JSON document, rewritten as version 2 on the first save.
    V1,
    /// Nothing but whitespace.
    Empty,
    /// Written by a newer `roadmap`; nothing in it can be trusted to mean
    /// what this build thinks.
    Newer(u32),
    /// Not a state file, or one whose header is damaged: whatever lines
    /// still read as records are recovered.
    Unknown,
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
    pub lines: Lines,
}

/// Reads a whole state file of any version. Never fails: what cannot be
/// read is described in the result, so the caller can say so and decide.
pub fn read(bytes: &[u8]) -> Read {
    let whole = |kind, lines| Read { kind, lines };
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
        if header.version == VERSION {
            let mut lines = lines(&bytes[first_end..], 2);
            lines.end += first_end;
            lines.lines += 1;
            // A header with nothing after it and no newline: add one.
            lines.unterminated |= !bytes.ends_with(b"\n") && lines.records.is_empty();
            return whole(Kind::Current, lines);
        }
    }
    if let Some(read) = read_v1(bytes) {
        return read;
    }
    whole(Kind::Unknown, lines(bytes, 1))
}

/// Reads lines appended after what was already read; `first_line` is the
/// number of the first of them.
pub fn lines(bytes: &[u8], first_line: usize) -> Lines {
    let mut out = Lines::default();
    let mut start = 0;
    while start < bytes.len() {
        let number = first_line + out.lines;
        match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(len) => {
                let line = &bytes[start..start + len];
                if !line.iter().all(u8::is_ascii_whitespace) {
                    match serde_json::from_slice::<Record>(line) {
                        Ok(record) => out.records.push(record),
                        Err(_) => out.unreadable.push(number),
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
                } else if let Ok(record) = serde_json::from_slice::<Record>(line) {
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

/// Version 1 was a single JSON document: `{"version": 1, "roadmaps":
/// {id: {key: {"status", "updated"}}}}`. Each entry becomes the record of
/// the change that set it, oldest first.
fn read_v1(bytes: &[u8]) -> Option<Read> {
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
    Some(Read {
        kind: Kind::V1,
        lines: Lines {
            records,
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
        Record {
            at,
            roadmap: "backend".to_owned(),
            item: item.to_owned(),
            status,
            since: None,
            note: None,
        }
    }

    fn file(records: &[Record]) -> Vec<u8> {
        let mut bytes = header();
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
        let got = read(&bytes);
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
            "{\"format\":\"roadmap-progress\",\"version\":2}\n\
             {\"at\":10,\"roadmap\":\"backend\",\"item\":\"l/t/a\",\"status\":\"done\"}\n"
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
        assert_eq!(record.entry(), Some(old));
        let fresh = Record::new("backend", "l/t/a", Some(Entry { updated: 99, ..old }), 99);
        assert_eq!(fresh.since, None, "not written when it is the same");
        assert_eq!(Record::new("backend", "l/t/a", None, 99).entry(), None);
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
        let got = read(&bytes);
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
        let got = read(&bytes);
        assert_eq!(got.lines.records.len(), 1);
        assert!(got.lines.unterminated);
        assert_eq!(got.lines.torn, 0);
    }

    #[test]
    fn damaged_lines_in_the_middle_are_numbered_and_the_rest_recovered() {
        let mut bytes = header();
        bytes.extend(encode(&[record("l/t/a", Status::Done, 10)]));
        bytes.extend_from_slice(b"garbage\n\n");
        bytes.extend(encode(&[record("l/t/b", Status::Done, 11)]));
        bytes.extend_from_slice(b"{\"at\": \"not a number\"}\n");
        let got = read(&bytes);
        assert_eq!(got.kind, Kind::Current);
        assert_eq!(got.lines.records.len(), 2);
        assert_eq!(got.lines.unreadable, [3, 6]);
    }

    #[test]
    fn a_file_with_a_damaged_header_is_unknown_but_its_records_are_recovered() {
        let mut bytes = b"{\"format\":\"roadmap-progr\n".to_vec();
        bytes.extend(encode(&[record("l/t/a", Status::Done, 10)]));
        let got = read(&bytes);
        assert_eq!(got.kind, Kind::Unknown);
        assert_eq!(got.lines.records.len(), 1);
        assert_eq!(got.lines.unreadable, [1]);
        assert_eq!(read(b"\x00\x01 binary junk").kind, Kind::Unknown);
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        assert_eq!(read(b"").kind, Kind::Empty);
        assert_eq!(read(b" \n\n").kind, Kind::Empty);
    }

    #[test]
    fn newer_versions_are_recognised_in_either_shape() {
        let newer = br#"{"format":"roadmap-progress","version":3}
{"something":"else"}
"#;
        assert_eq!(read(newer).kind, Kind::Newer(3));
        assert_eq!(
            read(br#"{"version": 99, "roadmaps": {}}"#).kind,
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
        let got = read(v1);
        assert_eq!(got.kind, Kind::V1);
        let order: Vec<_> = got.lines.records.iter().map(|r| r.at).collect();
        assert_eq!(order, [10, 15, 20]);
        let state = replay(&got.lines.records);
        assert_eq!(state["backend"].entry("l/t/b").unwrap().updated, 20);
        assert_eq!(state["other"].status("x/y/z"), Status::InProgress);
        let truncated = &v1[..v1.len() / 2];
        assert_eq!(read_v1(truncated), None, "a cut version 1 file is damaged");
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
                at,
                roadmap: roadmap.to_owned(),
                item: item.to_owned(),
                status,
                since: since.filter(|_| status != Status::Pending),
                note: note.map(str::to_owned),
            });
        prop::collection::vec(record, 0..40)
    }

    proptest! {
        /// Saving changes one by one and reading the file back gives the
        /// state that applying them in memory gives.
        #[test]
        fn any_sequence_of_changes_replays_to_the_same_state(records in any_records()) {
            let mut expected: BTreeMap<String, Progress> = BTreeMap::new();
            for record in &records {
                apply(&mut expected, record);
            }
            let got = read(&file(&records));
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
            let got = read(&bytes[..cut]);
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
            let got = read(&bytes);
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
            Record::new("backend", "l/t/a", Some(done), 10),
            Record::note("backend", "l/t/a", Some(done), "line one\nline \"two\"", 20),
        ];
        let bytes = file(&records);
        let read = read(&bytes);
        assert_eq!(read.lines.records, records, "notes survive the round trip");
        let progress = &replay(&read.lines.records)["backend"];
        assert_eq!(progress.note("l/t/a"), Some("line one\nline \"two\""));
        assert_eq!(progress.entry("l/t/a"), Some(&done), "date and all");
        let cleared = Record::note("backend", "l/t/a", Some(done), "", 30);
        let state = replay(records.iter().chain([&cleared]));
        assert_eq!(state["backend"].note("l/t/a"), None);
    }

    /// What a build without notes does with a note record: its fields
    /// are the ones it knows, and they change nothing.
    #[test]
    fn a_note_record_reads_as_no_change_to_a_build_without_notes() {
        #[derive(Deserialize)]
        #[allow(dead_code)]
        struct OldRecord {
            at: u64,
            roadmap: String,
            item: String,
            status: Status,
            since: Option<u64>,
        }
        let entry = Entry {
            status: Status::InProgress,
            updated: 5,
        };
        let line = encode(&[Record::note("backend", "l/t/a", Some(entry), "x", 9)]);
        let old: OldRecord = serde_json::from_slice(&line).unwrap();
        assert_eq!((old.status, old.since), (Status::InProgress, Some(5)));
    }
}
