//! Writing a subcommand's output: to standard output, where a reader that
//! went away (`| head`) is no error of ours, or to a file, replaced whole
//! so a crash never leaves half of it; and aligned plain-text tables.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result, bail};
use unicode_width::UnicodeWidthStr;

/// Writes `text` to standard output. `Ok(false)` if the reader is gone.
pub fn print(text: &str) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(err) => Err(err).context("cannot write to standard output"),
    }
}

/// Writes `text` to `path` through a temporary file in the same folder,
/// renamed over it once complete and flushed to disk. A symlink is
/// followed, so the file it points at is what changes.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    let target = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
        }
        _ => path.to_owned(),
    };
    let file = complete_temp_file(&target, text)?;
    file.persist(&target)
        .map_err(|err| err.error)
        .with_context(|| format!("cannot write {}", shown(path)))?;
    Ok(())
}

/// Writes `text` to `path`, which must not exist (not even as a dangling
/// link): checked by the rename itself, so nothing can slip in between.
pub fn write_new_file(path: &Path, text: &str) -> Result<()> {
    let file = complete_temp_file(path, text)?;
    match file.persist_noclobber(path) {
        Ok(_) => Ok(()),
        Err(err) if err.error.kind() == std::io::ErrorKind::AlreadyExists => bail!(
            "{} exists already: choose another name, or remove it first",
            shown(path)
        ),
        Err(err) => Err(err.error).with_context(|| format!("cannot write {}", shown(path))),
    }
}

/// A temporary file beside `path` holding `text`, flushed to disk, with
/// the permissions a new file gets (the umask applies), not the 0600 of
/// temporary files.
fn complete_temp_file(path: &Path, text: &str) -> Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    // `-o ~/.config/roadmap/roadmaps/mine.yaml` on a fresh machine.
    std::fs::create_dir_all(dir).with_context(|| format!("cannot write {}", shown(path)))?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut file = builder
        .tempfile_in(dir)
        .with_context(|| format!("cannot write {}", shown(path)))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {}", shown(path)))?;
    Ok(file)
}

fn shown(path: &Path) -> String {
    crate::safe_text::clean_line(&path.display().to_string())
}

/// `value` as pretty JSON, with every character a terminal could act on
/// or that hides text (DEL, C1 controls, bidirectional controls,
/// zero-width and other invisible characters) written as a `\u` escape:
/// serde_json escapes only those below U+0020. The data is unchanged.
pub fn json(value: &impl serde::Serialize) -> Result<String> {
    let raw = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if crate::safe_text::is_unsafe(c) && c != '\n' {
            // JSON escapes UTF-16 units: a tag character takes two.
            for unit in c.encode_utf16(&mut [0; 2]) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    Ok(out)
}

/// How a column lines up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table in plain text: columns padded to their widest cell (display
/// width, so CJK titles line up), two spaces apart, no trailing spaces.
pub fn table(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (index, cell) in row.iter().enumerate().take(columns) {
            let pad = " ".repeat(widths[index].saturating_sub(cell.width()));
            if index > 0 {
                line.push_str("  ");
            }
            match align.get(index).copied().unwrap_or(Align::Left) {
                Align::Left => {
                    line.push_str(cell);
                    line.push_str(&pad);
                }
                Align::Right => {
                    line.push_str(&pad);
                    line.push_str(cell);
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_align_by_display_width() {
        let rows = vec![
            vec!["データ".to_owned(), "3".to_owned()],
            vec!["ab".to_owned(), "12".to_owned()],
        ];
        let text = table(&["name", "n"], &[Align::Left, Align::Right], &rows);
        assert_eq!(text, "name     n\nデータ   3\nab      12\n");
    }

    #[test]
    fn json_never_carries_terminal_controls() {
        let text = json(&"a\u{9b}b\u{7f}c\u{202e}d\u{1b}").unwrap();
        assert_eq!(text, "\"a\\u009bb\\u007fc\\u202ed\\u001b\"\n");
        let back: String = serde_json::from_str(&text).unwrap();
        assert_eq!(back, "a\u{9b}b\u{7f}c\u{202e}d\u{1b}");
        // Invisible characters too, past U+FFFF as surrogate pairs.
        let text = json(&"a\u{200b}b\u{e0041}").unwrap();
        assert_eq!(text, "\"a\\u200bb\\udb40\\udc41\"\n");
        let back: String = serde_json::from_str(&text).unwrap();
        assert_eq!(back, "a\u{200b}b\u{e0041}");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask_and_links_are_followed() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.md");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_file(&link, "new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_ne!(
            mode & 0o077,
            0,
            "not the 0600 of a temporary file: {mode:o}"
        );
    }

    #[test]
    fn a_new_file_never_replaces_anything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("taken.yaml");
        std::fs::write(&path, "keep").unwrap();
        let err = write_new_file(&path, "x").unwrap_err();
        assert!(err.to_string().contains("exists already"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep");
        #[cfg(unix)]
        {
            let dangling = dir.path().join("dangling.yaml");
            std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
            assert!(write_new_file(&dangling, "x").is_err());
        }
        write_new_file(&dir.path().join("fresh.yaml"), "x").unwrap();
    }

    #[test]
    fn files_are_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_file(&path, "one").unwrap();
        write_file(&path, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
        write_file(&dir.path().join("new/folder/out.md"), "x").unwrap();
        std::fs::write(dir.path().join("plain"), "").unwrap();
        let err = write_file(&dir.path().join("plain/out.md"), "x").unwrap_err();
        assert!(format!("{err:#}").contains("cannot write"), "{err:#}");
    }
}
