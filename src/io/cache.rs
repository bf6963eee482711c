//! A compiled copy of each roadmap opened, so that opening it again skips
//! the YAML parser: a 100,000-item roadmap takes about 0.3 s to parse and
//! check, and a few hundredths of a second to read back from here.
//!
//! Only roadmaps that loaded without error are kept, one file per roadmap
//! source in `<cache dir>/roadmaps/`. A copy is used only if it was made
//! from the very same text, by the very same `roadmap` binary: its key
//! hashes both (any edit, or any new build, makes a new copy), and a hash
//! of its contents catches a damaged one. Anything wrong with a copy
//! (missing, unreadable, stale, damaged) only means the YAML is parsed
//! again; a copy that cannot be written is no error either. Deleting the
//! folder is always safe.
//!
//! A copy is trusted as the loader's own output: only `roadmap` writes
//! this folder, which is the user's own, like the progress file.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::domain::roadmap::{Item, Level, Resource, Roadmap, Topic, item_key};
use crate::format::roadmap::check::{MAX_ENTRIES, check};
use crate::format::roadmap::load::LoadError;

/// Bumped whenever the layout below changes.
const FORMAT: &[u8; 8] = b"rmcache2";

/// The format tag, the key and the hash of the body.
const HEADER_BYTES: usize = 24;

/// Where compiled roadmaps are kept, and what makes a copy current.
#[derive(Debug, Clone)]
pub struct Cache {
    dir: PathBuf,
    /// Identifies the running binary (its path, size and modification
    /// time): a rebuilt loader may read the same text differently.
    build: u64,
}

impl Cache {
    /// A cache in `dir`, or `None` when the running binary cannot be told
    /// apart from another build (then nothing is cached).
    pub fn new(dir: PathBuf) -> Option<Cache> {
        let exe = std::env::current_exe().ok()?;
        let metadata = std::fs::metadata(&exe).ok()?;
        let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        let mut hasher = DefaultHasher::new();
        let version = env!("CARGO_PKG_VERSION");
        (exe, metadata.len(), modified, version).hash(&mut hasher);
        Some(Cache {
            dir,
            build: hasher.finish(),
        })
    }

    /// What [`check`] makes of `text` (without warnings), from the cached
    /// copy when there is a current one. `source` names the roadmap's
    /// origin for the copy's file name (a path, or a bundled id).
    pub fn check(
        &self,
        source: &str,
        text: &str,
        origin: &str,
        default_id: &str,
        reserved: &[&str],
    ) -> Result<Roadmap, LoadError> {
        let key = self.key(text, default_id, reserved);
        let file = self.file_for(source);
        let limit = copy_limit(text.len());
        if let Some(roadmap) = read_copy(&file, key, limit).and_then(|body| decode(&body)) {
            return Ok(roadmap);
        }
        let (roadmap, report) = check(text, origin, default_id, reserved, false);
        let roadmap = roadmap.ok_or(LoadError::Invalid(report))?;
        let copy = encode(&roadmap, key);
        // Aliases can make a roadmap far larger than its text: such a copy
        // would never be read back, so it is not written.
        if copy.len() as u64 <= limit {
            // A cache that cannot be written only means parsing next time.
            let _ = write(&file, &copy);
        }
        Ok(roadmap)
    }

    fn key(&self, text: &str, default_id: &str, reserved: &[&str]) -> u64 {
        let mut hasher = DefaultHasher::new();
        (FORMAT, self.build, default_id, reserved, text).hash(&mut hasher);
        hasher.finish()
    }

    fn file_for(&self, source: &str) -> PathBuf {
        let mut hasher = DefaultHasher::new();
        source.hash(&mut hasher);
        self.dir
            .join("roadmaps")
            .join(format!("{:016x}.bin", hasher.finish()))
    }
}

/// The largest copy kept for a `text_len`-byte text. A copy holds the
/// text's strings and 16 bytes of lengths per item: at most 9 times the 2
/// bytes of the shortest item (`a,` in a list), unless aliases repeat
/// parts of the text.
fn copy_limit(text_len: usize) -> u64 {
    16 * text_len as u64 + 4096
}

/// The body of the copy in `file`, if it is one for `key`, whole and
/// undamaged. Never reads a pipe that would block, a file over `limit`
/// bytes, or more than the header of a stale copy.
fn read_copy(file: &Path, key: u64, limit: u64) -> Option<Vec<u8>> {
    let metadata = std::fs::metadata(file).ok()?;
    if !metadata.is_file() || metadata.len() > limit {
        return None;
    }
    let mut file = std::fs::File::open(file).ok()?;
    let mut header = [0; HEADER_BYTES];
    file.read_exact(&mut header).ok()?;
    let (format, rest) = header.split_first_chunk::<8>()?;
    let (stored_key, rest) = rest.split_first_chunk::<8>()?;
    let (body_hash, _) = rest.split_first_chunk::<8>()?;
    if format != FORMAT || u64::from_le_bytes(*stored_key) != key {
        return None;
    }
    let mut body = Vec::new();
    file.take(limit).read_to_end(&mut body).ok()?;
    (hash_of(&body) == u64::from_le_bytes(*body_hash)).then_some(body)
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

/// Replaces `file` whole (temp file, then rename), so a reader never sees
/// half a copy. Not synced: a copy lost in a crash is only made again.
fn write(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.persist(file).map_err(|err| err.error)?;
    Ok(())
}

/// The layout: `FORMAT`, the key and the hash of the body (each 8 bytes),
/// then the body: the roadmap, every text as a little-endian `u32` byte
/// length and its UTF-8, every list as a `u32` count and its elements.
/// Item keys are not stored; they follow from ids.
fn encode(roadmap: &Roadmap, key: u64) -> Vec<u8> {
    let mut out = Encoder(Vec::with_capacity(1 << 16));
    out.0.extend_from_slice(&[0; HEADER_BYTES]);
    out.texts([&roadmap.id, &roadmap.title, &roadmap.description]);
    out.list(&roadmap.levels, |out, level| {
        out.texts([&level.id, &level.title, &level.description]);
        out.list(&level.topics, |out, topic| {
            out.texts([&topic.id, &topic.title, &topic.description]);
            out.resources(&topic.resources);
            out.list(&topic.items, |out, item| {
                out.texts([&item.id, &item.title, &item.description]);
                out.resources(&item.resources);
            });
        });
    });
    let mut copy = out.0;
    let body_hash = hash_of(&copy[HEADER_BYTES..]);
    copy[..8].copy_from_slice(FORMAT);
    copy[8..16].copy_from_slice(&key.to_le_bytes());
    copy[16..24].copy_from_slice(&body_hash.to_le_bytes());
    copy
}

struct Encoder(Vec<u8>);

impl Encoder {
    fn count(&mut self, count: usize) {
        // Roadmaps are far below 4 GiB of text and 2^32 entries (the
        // loader's limits), so this never saturates in practice.
        let count = u32::try_from(count).unwrap_or(u32::MAX);
        self.0.extend_from_slice(&count.to_le_bytes());
    }

    fn texts<const N: usize>(&mut self, texts: [&str; N]) {
        for text in texts {
            self.count(text.len());
            self.0.extend_from_slice(text.as_bytes());
        }
    }

    fn list<T>(&mut self, list: &[T], mut each: impl FnMut(&mut Encoder, &T)) {
        self.count(list.len());
        for element in list {
            each(self, element);
        }
    }

    fn resources(&mut self, resources: &[Resource]) {
        self.list(resources, |out, resource| {
            out.texts([&resource.title, &resource.url]);
        });
    }
}

/// The roadmap a copy's body holds, if it is one.
fn decode(body: &[u8]) -> Option<Roadmap> {
    let mut input = Decoder {
        bytes: body,
        entries: 0,
    };
    let [id, title, description] = input.texts()?;
    let levels = input.list(LEVEL_BYTES, |input| {
        let [id, title, description] = input.texts()?;
        let topics = input.list(TOPIC_BYTES, |input| {
            let [id, title, description] = input.texts()?;
            let resources = input.resources()?;
            let items = input.list(ITEM_BYTES, |input| {
                let [id, title, description] = input.texts()?;
                Some(Item {
                    id,
                    key: String::new(),
                    title,
                    description,
                    resources: input.resources()?,
                })
            })?;
            Some(Topic {
                id,
                title,
                description,
                resources,
                items,
            })
        })?;
        // The loader never builds a level without topics; the app relies
        // on it, so a copy claiming one is damaged.
        (!topics.is_empty()).then_some(Level {
            id,
            title,
            description,
            topics,
        })
    })?;
    if !input.bytes.is_empty() || levels.is_empty() {
        return None;
    }
    let mut roadmap = Roadmap {
        id,
        title,
        description,
        levels,
    };
    for level in &mut roadmap.levels {
        for topic in &mut level.topics {
            for item in &mut topic.items {
                item.key = item_key(&level.id, &topic.id, &item.id);
            }
        }
    }
    Some(roadmap)
}

/// The fewest bytes each kind of entry takes: its texts' lengths and its
/// lists' counts.
const LEVEL_BYTES: usize = 16;
const TOPIC_BYTES: usize = 20;
const ITEM_BYTES: usize = 16;
const RESOURCE_BYTES: usize = 8;

struct Decoder<'b> {
    bytes: &'b [u8],
    /// Levels, topics, items and resources so far, held to the loader's
    /// limit.
    entries: usize,
}

impl Decoder<'_> {
    fn count(&mut self) -> Option<usize> {
        let (count, rest) = self.bytes.split_first_chunk::<4>()?;
        self.bytes = rest;
        usize::try_from(u32::from_le_bytes(*count)).ok()
    }

    fn texts<const N: usize>(&mut self) -> Option<[String; N]> {
        let mut texts: [String; N] = std::array::from_fn(|_| String::new());
        for text in &mut texts {
            let len = self.count()?;
            let (bytes, rest) = self.bytes.split_at_checked(len)?;
            self.bytes = rest;
            *text = String::from_utf8(bytes.to_vec()).ok()?;
        }
        Some(texts)
    }

    /// A list of elements that take at least `least` bytes each, so a
    /// damaged count cannot make us reserve more than the copy could hold.
    fn list<T>(
        &mut self,
        least: usize,
        mut each: impl FnMut(&mut Self) -> Option<T>,
    ) -> Option<Vec<T>> {
        let count = self.count()?;
        self.entries = self.entries.checked_add(count)?;
        if count > self.bytes.len() / least || self.entries > MAX_ENTRIES {
            return None;
        }
        let mut list = Vec::with_capacity(count);
        for _ in 0..count {
            list.push(each(self)?);
        }
        Some(list)
    }

    fn resources(&mut self) -> Option<Vec<Resource>> {
        self.list(RESOURCE_BYTES, |input| {
            let [title, url] = input.texts()?;
            Some(Resource { title, url })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::roadmap::load::parse;
    use crate::io::bundled;

    const KEY: u64 = 0x5eed;

    fn backend() -> Roadmap {
        bundled::default().load().unwrap()
    }

    fn cache(dir: &Path) -> Cache {
        Cache {
            dir: dir.to_owned(),
            build: 1,
        }
    }

    /// `bytes` written where `cache` keeps the copy for source "b".
    fn put(cache: &Cache, bytes: &[u8]) -> PathBuf {
        let file = cache.file_for("b");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, bytes).unwrap();
        file
    }

    #[test]
    fn a_copy_reads_back_as_the_same_roadmap() {
        let dir = tempfile::tempdir().unwrap();
        let roadmap = backend();
        let file = put(&cache(dir.path()), &encode(&roadmap, KEY));
        let body = read_copy(&file, KEY, u64::MAX).unwrap();
        assert_eq!(decode(&body), Some(roadmap));
    }

    #[test]
    fn a_copy_for_another_key_or_damaged_is_not_used() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let copy = encode(&backend(), KEY);
        let file = put(&cache, &copy);
        assert_eq!(
            read_copy(&file, KEY + 1, u64::MAX),
            None,
            "another text or build"
        );
        assert_eq!(read_copy(&file, KEY, 100), None, "over the size limit");
        for cut in [0, 7, 16, 24, 25, copy.len() / 2, copy.len() - 1] {
            put(&cache, &copy[..cut]);
            assert_eq!(read_copy(&file, KEY, u64::MAX), None, "cut at {cut}");
        }
        for at in [HEADER_BYTES, copy.len() / 2, copy.len() - 1] {
            let mut flipped = copy.clone();
            flipped[at] ^= 1;
            put(&cache, &flipped);
            assert_eq!(read_copy(&file, KEY, u64::MAX), None, "byte {at} flipped");
        }
        let mut longer = copy.clone();
        longer.push(0);
        put(&cache, &longer);
        assert_eq!(read_copy(&file, KEY, u64::MAX), None, "trailing bytes");
    }

    #[test]
    fn a_body_that_lies_about_its_sizes_is_refused() {
        let copy = encode(&backend(), KEY);
        let body = &copy[HEADER_BYTES..];
        let mut longer = body.to_vec();
        longer.push(0);
        assert_eq!(decode(&longer), None, "trailing bytes");
        let mut huge = body.to_vec();
        // The roadmap's id length: claims more bytes than there are.
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode(&huge), None);
    }

    #[test]
    fn every_single_byte_flip_of_a_body_either_fails_or_still_decodes() {
        let text = "title: T\nlevels: [{title: L, topics: [{title: A, items: [x]}]}]\n";
        let copy = encode(&parse(text, "t.yaml", "t").unwrap(), KEY);
        let body = &copy[HEADER_BYTES..];
        for at in 0..body.len() {
            let mut damaged = body.to_vec();
            damaged[at] ^= 0xa5;
            if let Some(roadmap) = decode(&damaged) {
                assert!(roadmap.levels.iter().all(|level| !level.topics.is_empty()));
            }
        }
    }

    #[test]
    fn the_second_open_reads_the_copy_and_an_edit_makes_a_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let text = bundled::default().yaml;
        let first = cache.check("b", text, "b.yaml", "b", &[]).unwrap();
        let copy = cache.file_for("b");
        assert!(copy.is_file(), "written on the first open");
        let second = cache.check("b", text, "b.yaml", "b", &[]).unwrap();
        assert_eq!(first, second);

        let edited = text.replacen("title: Backend Developer", "title: Backend Dev", 1);
        let third = cache.check("b", &edited, "b.yaml", "b", &[]).unwrap();
        assert_eq!(third.title, "Backend Dev", "never a stale copy");
        assert_eq!(
            cache.check("b", &edited, "b.yaml", "b", &[]).unwrap(),
            third
        );
    }

    #[test]
    fn a_copy_of_the_tersest_roadmap_is_still_read() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        // 1,296 items of two characters each, `a0,`: 3 bytes of YAML,
        // 20 bytes of copy.
        let digits: Vec<char> = ('0'..='9').chain('a'..='z').collect();
        let items: Vec<String> = digits
            .iter()
            .flat_map(|a| digits.iter().map(move |b| format!("{a}{b}")))
            .collect();
        let text = format!(
            "title: T\nlevels: [{{title: L, topics: [{{title: A, items: [{}]}}]}}]\n",
            items.join(",")
        );
        let first = cache.check("t", &text, "t.yaml", "t", &[]).unwrap();
        assert_eq!(first.levels[0].topics[0].items.len(), 1296);
        let key = cache.key(&text, "t", &[]);
        let limit = copy_limit(text.len());
        assert!(read_copy(&cache.file_for("t"), key, limit).is_some());
        assert_eq!(cache.check("t", &text, "t.yaml", "t", &[]).unwrap(), first);
    }

    #[test]
    fn a_roadmap_that_aliases_blow_up_is_loaded_but_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let long = "word ".repeat(400);
        let items: Vec<String> = (0..300)
            .map(|n| format!("      - {{title: i{n}, description: *d}}\n"))
            .collect();
        let text = format!(
            "title: T\ndescription: &d {long}\nlevels:\n- title: L\n  topics:\n  \
             - title: A\n    items:\n{}",
            items.concat()
        );
        let roadmap = cache.check("a", &text, "a.yaml", "a", &[]).unwrap();
        assert_eq!(roadmap.levels[0].topics[0].items.len(), 300);
        assert!(
            !cache.file_for("a").exists(),
            "a copy this much larger than its text would never be read"
        );
    }

    #[test]
    fn an_invalid_text_is_reported_and_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let err = cache
            .check("x", "title: [", "x.yaml", "x", &[])
            .unwrap_err();
        assert!(matches!(err, LoadError::Invalid(_)));
        assert!(!cache.file_for("x").exists());
    }

    #[test]
    fn an_unwritable_cache_still_loads() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the cache folder should be: nothing can be written.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, "").unwrap();
        let roadmap = cache(&blocked)
            .check("b", bundled::default().yaml, "b.yaml", "b", &[])
            .unwrap();
        assert_eq!(roadmap, backend());
    }

    #[test]
    fn a_copy_of_garbage_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = cache(dir.path());
        let copy = cache.file_for("b");
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        std::fs::write(&copy, b"rmcache2 not a roadmap at all, not even a header").unwrap();
        let roadmap = cache
            .check("b", bundled::default().yaml, "b.yaml", "b", &[])
            .unwrap();
        assert_eq!(roadmap, backend());
    }
}
