//! Writing a subcommand's output: to standard output, where a reader that
//! went away (`| head`) is no error of ours, or to a file, replaced whole
//! so a crash never leaves half of it; and aligned plain-text tables.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};
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
/// renamed over it once complete and flushed to disk.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    let shown = crate::safe_text::clean_line(&path.display().to_string());
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file =
        tempfile::NamedTempFile::new_in(dir).with_context(|| format!("cannot write {shown}"))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(|| format!("cannot write {shown}"))?;
    file.persist(path)
        .map_err(|err| err.error)
        .with_context(|| format!("cannot write {shown}"))?;
    Ok(())
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
    fn files_are_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_file(&path, "one").unwrap();
        write_file(&path, "two").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let err = write_file(&dir.path().join("missing/out.md"), "x").unwrap_err();
        assert!(format!("{err:#}").contains("cannot write"), "{err:#}");
    }
}
