//! The one way a text file of the user's is read: roadmaps, the settings,
//! a Markdown file to import. [`read`] looks before it opens, so a pipe or
//! a device is never waited on; reads at most a limit, so a huge or
//! growing file costs no more than that; and hands back UTF-8 text, or
//! where the first byte that is not.
//!
//! It owns those guards, not their wording: each caller says in its own
//! words what a [`ReadError`] means for its file (a missing settings file
//! is no error at all). It must not parse what it reads.

use std::io::Read as _;
use std::path::Path;

use crate::format::yaml::Position;

/// Why a file's text could not be had.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at that path.
    Missing,
    Directory,
    /// A pipe, a device or a socket: never opened, as opening a FIFO would
    /// wait for a writer.
    NotRegular,
    /// Over the limit the caller gave.
    TooLarge,
    /// Not UTF-8 from this place on (the first byte that is not).
    NotUtf8(Position),
    /// Any other failure to read it: permission denied, say.
    Io(std::io::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(err: std::io::Error) -> ReadError {
        match err.kind() {
            std::io::ErrorKind::NotFound => ReadError::Missing,
            std::io::ErrorKind::IsADirectory => ReadError::Directory,
            _ => ReadError::Io(err),
        }
    }
}

/// The text of the regular file at `path`, at most `limit` bytes of it.
pub fn read(path: &Path, limit: u64) -> Result<String, ReadError> {
    // Looked at before opening: opening a FIFO would wait for a writer.
    let metadata = std::fs::metadata(path)?;
    if metadata.is_dir() {
        return Err(ReadError::Directory);
    }
    if !metadata.is_file() {
        return Err(ReadError::NotRegular);
    }
    let file = std::fs::File::open(path)?;
    // `take` guards against a file that grows after the size check.
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge);
    }
    String::from_utf8(bytes).map_err(|err| {
        let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
        ReadError::NotUtf8(end_of(valid))
    })
}

/// Where the text `valid` ends: the place of the character after it.
fn end_of(valid: &[u8]) -> Position {
    let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
    let start = valid
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |at| at + 1);
    let column = String::from_utf8_lossy(&valid[start..]).chars().count() + 1;
    Position { line, column }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        std::fs::write(&path, bytes).unwrap();
        (dir, path)
    }

    #[test]
    fn a_file_is_read_whole_up_to_the_limit() {
        let (_dir, path) = file_with("déjà vu\n".as_bytes());
        // Ten bytes: the limit counts bytes, not characters.
        assert_eq!(read(&path, 10).unwrap(), "déjà vu\n");
        assert!(matches!(read(&path, 9), Err(ReadError::TooLarge)));
        let (_dir, empty) = file_with(b"");
        assert_eq!(read(&empty, 0).unwrap(), "");
    }

    #[test]
    fn missing_and_folders_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read(&dir.path().join("none"), 10),
            Err(ReadError::Missing)
        ));
        assert!(matches!(
            read(&dir.path().join("none/deeper"), 10),
            Err(ReadError::Missing)
        ));
        assert!(matches!(read(dir.path(), 10), Err(ReadError::Directory)));
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_devices_are_never_opened() {
        assert!(matches!(
            read(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular)
        ));
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|status| status.success()) {
            // Opening it would wait for a writer forever.
            assert!(matches!(read(&fifo, 10), Err(ReadError::NotRegular)));
        }
    }

    #[test]
    fn text_that_is_not_utf8_is_placed_at_its_first_bad_byte() {
        let (_dir, path) = file_with(b"ab\ncd\xc3\xa9f\xffg\n");
        let Err(ReadError::NotUtf8(at)) = read(&path, 100) else {
            panic!("not UTF-8");
        };
        assert_eq!(at, Position { line: 2, column: 5 });
        let (_dir, path) = file_with(b"\xff");
        let Err(ReadError::NotUtf8(at)) = read(&path, 100) else {
            panic!("not UTF-8");
        };
        assert_eq!(at, Position { line: 1, column: 1 });
    }
}
