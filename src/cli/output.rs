//! Writing a subcommand's output: to standard output, where a reader that
//! went away (`| head`) is no error of ours, or to a file (`-o`); and
//! aligned plain-text tables.
//!
//! One function, [`target`], decides what an output path is, and so how
//! it is written:
//!
//! - a folder, or one of the places `roadmap` keeps its own files (the
//!   list `roadmap paths` shows, see [`Guard`]): refused;
//! - something that is not a regular file (a terminal, a device, a FIFO,
//!   a socket), or a file reached through `/proc` or `/dev/fd` (`-o
//!   /dev/stdout` with `>> log`): opened and written, never renamed over,
//!   since a rename would replace the device or the user's file with a
//!   regular one;
//! - a regular file, or none yet: written whole beside it and renamed
//!   over it (or, for a file that must be new, created by the rename), so
//!   a crash never leaves half of it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use unicode_width::UnicodeWidthStr;

use crate::domain::fit::{truncate, truncate_start};
use crate::io::paths::{Kind, Locations};
use crate::io::store::files;

/// Writes `text` to standard output. `Ok(false)` if the reader is gone.
pub fn print(text: &str) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(err) => Err(err).context("cannot write to standard output"),
    }
}

/// Writes `text` to `path`, replacing a regular file whole (a symlink is
/// followed, so the file it points at is what changes); a terminal,
/// device or FIFO is written to. Refused when `guard` protects it.
pub fn write_file(path: &Path, text: &str, guard: &Guard) -> Result<()> {
    match target(path, guard)? {
        Target::Stream { append, id } => stream(path, text, append, id),
        Target::Regular(resolved) | Target::Missing(resolved) => replace(path, &resolved, text),
    }
}

/// Writes `text` to `path`, which must not exist as a file (not even as
/// a dangling link): checked by the rename itself, so nothing can slip in
/// between. A terminal, device or FIFO is written to.
pub fn write_new_file(path: &Path, text: &str, guard: &Guard) -> Result<()> {
    match target(path, guard)? {
        Target::Stream { append, id } => stream(path, text, append, id),
        Target::Regular(_) => bail!(
            "{} exists already: choose another name, or remove it first",
            shown(path)
        ),
        // At the resolved place, so `new/../x` leaves no `new` behind;
        // at `path` itself when a dangling link is there, which the
        // no-clobber rename then refuses.
        Target::Missing(resolved) if fs::symlink_metadata(path).is_err() => {
            create(&resolved, path, text)
        }
        Target::Missing(_) => create(path, path, text),
    }
}

/// Fails as [`write_new_file`] would, before anything is written: so a
/// command that also saves progress can refuse first and change nothing.
pub fn check_new_file(path: &Path, guard: &Guard) -> Result<()> {
    match target(path, guard)? {
        Target::Regular(_) => bail!(
            "{} exists already: choose another name, or remove it first",
            shown(path)
        ),
        Target::Stream { .. } | Target::Missing(_) => Ok(()),
    }
}

/// What an output path is, and so how it is written.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    /// Opened and written: a terminal, a device, a FIFO, or a regular
    /// file reached through `/proc` (appended to, so `>>` keeps working
    /// and `>` has truncated it already).
    Stream { append: bool, id: Option<FileId> },
    /// A regular file, at this resolved path.
    Regular(PathBuf),
    /// Nothing there yet; this is where it resolves to.
    Missing(PathBuf),
}

/// The one place an output path is judged: see the module's docs.
fn target(path: &Path, guard: &Guard) -> Result<Target> {
    let resolved = resolve(path);
    // Follows links, `/dev/stdout`'s too: the type of what is written.
    let meta = match fs::metadata(path) {
        Ok(meta) => Some(meta),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(err).with_context(|| format!("cannot write {}", shown(path))),
    };
    if meta.as_ref().is_some_and(fs::Metadata::is_dir) {
        bail!(
            "cannot write {}: it is a folder; name a file in it",
            shown(path)
        );
    }
    let id = meta.as_ref().and_then(file_id);
    if let Some(why) = [resolved.clone(), located(path)]
        .iter()
        .find_map(|candidate| guard.why_refused(candidate, id))
    {
        bail!(
            "cannot write {}: it {why}; choose another file",
            shown(path)
        );
    }
    Ok(match meta {
        Some(meta) if !meta.is_file() => Target::Stream { append: false, id },
        Some(_) if through_fd_links(path) => Target::Stream { append: true, id },
        Some(_) => Target::Regular(resolved),
        None => Target::Missing(resolved),
    })
}

/// Writes `text` into what `path` opens, as it is: no rename, no
/// truncation (a device or FIFO has nothing to truncate; a file reached
/// through `/proc` is appended to).
fn stream(path: &Path, text: &str, append: bool, expected: Option<FileId>) -> Result<()> {
    let context = || format!("cannot write {}", shown(path));
    let mut file = fs::OpenOptions::new()
        .write(true)
        .append(append)
        .open(path)
        .with_context(context)?;
    // The open followed the links again: it must have reached what was
    // checked, not something swapped in since.
    let opened = file.metadata().ok().as_ref().and_then(file_id);
    if opened != expected {
        bail!(
            "cannot write {}: it changed while it was opened; try again",
            shown(path)
        );
    }
    match file.write_all(text.as_bytes()).and_then(|()| file.flush()) {
        Ok(()) => Ok(()),
        // A FIFO's or pipe's reader that went away, as for standard output.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(err) => Err(err).with_context(context),
    }
}

/// Replaces the regular file at `resolved` (what `path` leads to) by a
/// temporary beside it, renamed over it once complete and on disk.
fn replace(path: &Path, resolved: &Path, text: &str) -> Result<()> {
    let file = complete_temp_file(resolved, path, text)?;
    file.persist(resolved)
        .map_err(|err| err.error)
        .with_context(|| format!("cannot write {}", shown(path)))?;
    Ok(())
}

/// Creates `at` (what `path` names), refused by the rename itself if
/// anything is there.
fn create(at: &Path, path: &Path, text: &str) -> Result<()> {
    let file = complete_temp_file(at, path, text)?;
    match file.persist_noclobber(at) {
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
/// temporary files. Errors name `shown_as`, the path the user gave.
fn complete_temp_file(path: &Path, shown_as: &Path, text: &str) -> Result<tempfile::NamedTempFile> {
    let context = || format!("cannot write {}", shown(shown_as));
    let dir = files::parent(path);
    // `-o ~/.config/roadmap/roadmaps/mine.yaml` on a fresh machine.
    fs::create_dir_all(dir).with_context(context)?;
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).with_context(context)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.as_file().sync_all())
        .with_context(context)?;
    Ok(file)
}

/// `path` with its links followed ([`files::real_path`]) and made
/// absolute, through the folders that exist when some do not yet
/// (`-o new/folder/out.md`), so that two names of one place compare equal.
fn resolve(path: &Path) -> PathBuf {
    use std::path::Component;
    let real = files::real_path(path);
    let real = std::path::absolute(&real).unwrap_or(real);
    // Component by component: what exists is canonicalized (links
    // followed), and a `..` after a folder that does not exist (so is no
    // link) takes that folder off by name, as the system will once
    // `create_dir_all` has made it. `state/nope/../progress.json` is the
    // progress file.
    let mut out = PathBuf::new();
    for component in real.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                if let Ok(found) = fs::canonicalize(&out) {
                    out = found;
                }
            }
        }
    }
    out
}

/// `path` with its folder resolved but not itself: where a link named
/// `path` sits, which matters as much as where it leads (a link in the
/// roadmaps folder is read as a roadmap).
fn located(path: &Path) -> PathBuf {
    match path.file_name() {
        Some(name) => resolve(files::parent(path)).join(name),
        None => resolve(path),
    }
}

/// Whether `path`, or a link on the way from it, is one of the links to
/// an open file (`/dev/stdout`, `/dev/fd/N`, `/proc/self/fd/N`): what it
/// leads to is then the file the shell opened for us, to write into, and
/// a rename would put another file in its place and leave the shell's
/// one as it was.
fn through_fd_links(path: &Path) -> bool {
    let is_fd_link = |path: &Path| {
        path.starts_with("/proc")
            || path.starts_with("/dev/fd")
            || ["/dev/stdout", "/dev/stderr"]
                .iter()
                .any(|p| path == Path::new(p))
    };
    let mut hop = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    // As many links as the system itself follows.
    for _ in 0..40 {
        let dir = files::parent(&hop);
        if is_fd_link(&hop) || fs::canonicalize(dir).is_ok_and(|dir| is_fd_link(&dir)) {
            return true;
        }
        match fs::read_link(&hop) {
            Ok(next) => hop = dir.join(next),
            Err(_) => return false,
        }
    }
    false
}

/// What makes two names one file: a hard link, or `/dev/stdout` opened
/// on it by the shell, has a name of its own but the same device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    device: u64,
    inode: u64,
}

#[cfg(unix)]
fn file_id(meta: &fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some(FileId {
        device: meta.dev(),
        inode: meta.ino(),
    })
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata) -> Option<FileId> {
    None
}

fn id_of(path: &Path) -> Option<FileId> {
    fs::metadata(path).ok().as_ref().and_then(file_id)
}

/// What `-o` must not write over: every place in [`Locations`] (the list
/// `roadmap paths` shows), and what a command adds ([`Guard::and_source`],
/// [`Guard::and_roadmaps`]). Paths are resolved once, here.
#[derive(Debug, Clone)]
pub struct Guard {
    rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
enum Rule {
    /// The progress file, every file the store keeps beside it, and any
    /// other name of the progress file.
    Store { state: PathBuf, id: Option<FileId> },
    /// One file, by its path or any other name of it.
    File {
        path: PathBuf,
        id: Option<FileId>,
        why: String,
    },
    /// Roadmap files (`*.yaml`, `*.yml`) in a folder the catalog reads.
    Roadmaps { dir: PathBuf },
    /// Anything in the progress folder, by path, and the files there now
    /// under any other name (every device's log is read from it).
    ProgressFolder { dir: PathBuf, ids: Vec<FileId> },
    /// Anything in a folder of roadmap's own, by path.
    Inside { dir: PathBuf, why: String },
}

impl Guard {
    /// Every place `roadmap paths` lists.
    pub fn new(locations: &Locations) -> Guard {
        let mut rules = Vec::new();
        for place in locations.places() {
            let path = resolve(&place.path);
            // Every kind named, so a new place cannot go unprotected.
            match place.kind {
                Kind::Progress => {
                    let ids = fs::read_dir(&path)
                        .into_iter()
                        .flatten()
                        .flatten()
                        .filter_map(|entry| id_of(&entry.path()))
                        .collect();
                    rules.push(Rule::ProgressFolder {
                        dir: path.clone(),
                        ids,
                    });
                    rules.push(Rule::Store {
                        id: id_of(&path),
                        state: path,
                    })
                }
                Kind::Settings => rules.push(Rule::File {
                    id: id_of(&path),
                    path,
                    why: "is your settings file".to_owned(),
                }),
                // Its files are the settings and the roadmaps, each a place
                // of its own; the folder itself is refused as any folder is.
                Kind::ConfigFolder => {}
                // Only outputs that are no roadmap stay out of it
                // (`and_roadmaps`): `import -o` is meant to write there.
                Kind::Roadmaps => {}
                Kind::Device => rules.push(Rule::File {
                    id: id_of(&path),
                    path,
                    why: "is this device's id".to_owned(),
                }),
                Kind::SyncClone => {
                    rules.push(Rule::File {
                        path: crate::io::sync::lock_of(&path),
                        id: None,
                        why: "is the lock `roadmap sync` holds".to_owned(),
                    });
                    rules.push(Rule::Inside {
                        dir: path,
                        why: "is in the git clone `roadmap sync` keeps".to_owned(),
                    });
                }
                Kind::View => rules.push(Rule::File {
                    id: id_of(&path),
                    path,
                    why: "is where the app remembers its view".to_owned(),
                }),
            }
        }
        Guard { rules }
    }

    /// Also the file the output is made from: `export mine.yaml -o
    /// mine.yaml` would replace the roadmap with its own checklist.
    pub fn and_source(mut self, file: Option<&Path>, what: &str) -> Guard {
        if let Some(file) = file {
            let path = resolve(file);
            self.rules.push(Rule::File {
                id: id_of(&path),
                path,
                why: format!("is {what}"),
            });
        }
        self
    }

    /// Also every roadmap file in the user's roadmaps folder, for outputs
    /// that are not roadmaps: one there would be read as a roadmap.
    pub fn and_roadmaps(mut self, locations: &Locations) -> Guard {
        for place in locations.places() {
            if place.kind == Kind::Roadmaps {
                self.rules.push(Rule::Roadmaps {
                    dir: resolve(&place.path),
                });
            }
        }
        self
    }

    /// Why `resolved` (with `id`, if it exists) may not be written, as
    /// the end of "it …".
    fn why_refused(&self, resolved: &Path, id: Option<FileId>) -> Option<String> {
        let same = |other: &Option<FileId>| id.is_some() && id == *other;
        self.rules.iter().find_map(|rule| match rule {
            Rule::Store { state, .. } if resolved == state => {
                Some("is where your progress is kept".to_owned())
            }
            Rule::Store { state, id: other } if same(other) => Some(format!(
                "is your progress file ({}) under another name",
                shown(state)
            )),
            Rule::ProgressFolder { dir, ids }
                if resolved.starts_with(dir) && resolved != dir
                    || ids.iter().any(|known| same(&Some(*known))) =>
            {
                Some(format!(
                    "is in your progress folder ({}), where every device's progress is kept",
                    shown(dir)
                ))
            }
            Rule::Inside { dir, why } if resolved.starts_with(dir) => Some(why.clone()),
            Rule::Store { state, .. } if files::is_own_file(state, resolved) => Some(format!(
                "is one of the files kept beside your progress file ({})",
                shown(state)
            )),
            Rule::File {
                path,
                id: other,
                why,
            } if resolved == path || same(other) => Some(why.clone()),
            Rule::Roadmaps { dir }
                if resolved.parent() == Some(dir.as_path())
                    && resolved
                        .extension()
                        .is_some_and(|ext| ext == "yaml" || ext == "yml") =>
            {
                Some(format!(
                    "is in your roadmaps folder ({}), where every .yaml file is read as a \
                     roadmap",
                    shown(dir)
                ))
            }
            _ => None,
        })
    }
}

fn shown(path: &Path) -> String {
    crate::domain::safe_text::clean_line(&path.display().to_string())
}

/// `value` as pretty JSON, with every character a terminal could act on
/// or that hides text (DEL, C1 controls, bidirectional controls,
/// zero-width and other invisible characters) written as a `\u` escape:
/// serde_json escapes only those below U+0020. The data is unchanged.
pub fn json(value: &impl serde::Serialize) -> Result<String> {
    let raw = serde_json::to_string_pretty(value)?;
    let mut out = String::with_capacity(raw.len() + 1);
    for c in raw.chars() {
        if crate::domain::safe_text::is_unsafe(c) && c != '\n' {
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
    /// Left, and cut at the start when too wide: a path, whose end says
    /// most.
    Path,
    /// Left, and cut last, only when the other columns can give no more:
    /// what the user types back (an id).
    Whole,
}

/// A table in plain text: columns padded to their widest cell (display
/// width, so CJK titles line up), two spaces apart, no trailing spaces.
pub fn table(header: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    table_within(header, align, rows, usize::MAX)
}

/// [`table`] no wider than `max` columns where it can be: the widest
/// columns are narrowed first (never below [`NARROWEST`]), and a cell
/// cut to fit ends with `…`.
pub fn table_within(header: &[&str], align: &[Align], rows: &[Vec<String>], max: usize) -> String {
    let columns = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let gaps = 2 * columns.saturating_sub(1);
    while widths.iter().sum::<usize>() + gaps > max {
        // A whole column gives way only once no other can.
        let widest = |whole: bool| {
            (0..columns)
                .filter(|&i| {
                    widths[i] > NARROWEST && (align.get(i) == Some(&Align::Whole)) == whole
                })
                .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)))
        };
        let Some(widest) = widest(false).or_else(|| widest(true)) else {
            break;
        };
        widths[widest] -= 1;
    }
    let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
    let mut out = String::new();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (index, cell) in row.iter().enumerate().take(columns) {
            let align = align.get(index).copied().unwrap_or(Align::Left);
            let cell = &match align {
                Align::Path => truncate_start(cell, widths[index]),
                Align::Left | Align::Right | Align::Whole => truncate(cell, widths[index]),
            };
            let pad = " ".repeat(widths[index].saturating_sub(cell.width()));
            if index > 0 {
                line.push_str("  ");
            }
            match align {
                Align::Left | Align::Path | Align::Whole => {
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

/// How narrow [`table_within`] makes a column at the least.
pub const NARROWEST: usize = 12;

/// How wide a table on standard output may be: `COLUMNS` when set to a
/// number, else the terminal's width, else (a pipe, a file) 80.
pub fn output_width() -> usize {
    use std::io::IsTerminal as _;
    let from_env = std::env::var("COLUMNS")
        .ok()
        .and_then(|value| value.trim().parse::<usize>().ok())
        .filter(|&width| width > 0);
    if let Some(width) = from_env {
        return width;
    }
    if std::io::stdout().is_terminal()
        && let Ok((width, _)) = crossterm::terminal::size()
        && width > 0
    {
        return usize::from(width);
    }
    80
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A guard that protects nothing, for what is not about places.
    fn nothing() -> Guard {
        Guard { rules: Vec::new() }
    }

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
    fn a_table_too_wide_is_narrowed_at_its_widest_columns() {
        let rows = vec![
            vec!["a".to_owned(), "x".repeat(100), "bundled".to_owned()],
            vec!["bb".to_owned(), "short".to_owned(), "y".repeat(30)],
        ];
        let text = table_within(&["id", "why", "source"], &[Align::Left; 3], &rows, 40);
        for line in text.lines() {
            assert!(line.width() <= 40, "{line:?} is {} wide", line.width());
        }
        assert!(text.contains("xxxx…"), "{text}");
        // Nothing is cut that fits.
        let text = table_within(&["id"], &[Align::Left], &[vec!["abc".to_owned()]], 40);
        assert_eq!(text, "id\nabc\n");
        // A column the user types back is never what gives way.
        let long = vec!["a-very-long-roadmap-id-indeed".to_owned(), "x".repeat(80)];
        let text = table_within(&["id", "why"], &[Align::Whole, Align::Left], &[long], 45);
        assert!(
            text.contains("a-very-long-roadmap-id-indeed  xxx"),
            "{text}"
        );
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
        write_file(&link, "new", &nothing()).unwrap();
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
        let err = write_new_file(&path, "x", &nothing()).unwrap_err();
        assert!(err.to_string().contains("exists already"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep");
        #[cfg(unix)]
        {
            let dangling = dir.path().join("dangling.yaml");
            std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
            assert!(write_new_file(&dangling, "x", &nothing()).is_err());
        }
        write_new_file(&dir.path().join("fresh.yaml"), "x", &nothing()).unwrap();
    }

    #[test]
    fn files_are_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        write_file(&path, "one", &nothing()).unwrap();
        write_file(&path, "two", &nothing()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary left"
        );
        write_file(&dir.path().join("new/folder/out.md"), "x", &nothing()).unwrap();
        std::fs::write(dir.path().join("plain"), "").unwrap();
        let err = write_file(&dir.path().join("plain/out.md"), "x", &nothing()).unwrap_err();
        assert!(format!("{err:#}").contains("cannot write"), "{err:#}");
    }

    /// Places under `root`: progress in `state/`, settings and roadmaps
    /// in `config/`.
    fn locations(root: &Path) -> Locations {
        Locations::of(
            root.join("state/progress.json"),
            Some(root.join("config")),
            Some(root.join("config/roadmaps")),
        )
    }

    fn refusal(path: &Path, guard: &Guard) -> String {
        let err = write_file(path, "x", guard).expect_err("refused");
        format!("{err:#}")
    }

    #[test]
    fn every_place_roadmap_keeps_is_refused_and_says_what_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("state")).unwrap();
        std::fs::create_dir_all(root.join("config/roadmaps")).unwrap();
        std::fs::write(root.join("state/progress.json"), "keep").unwrap();
        std::fs::write(root.join("config/roadmaps/mine.yaml"), "keep").unwrap();
        let places = locations(root);
        let guard = Guard::new(&places)
            .and_source(Some(&root.join("mine.yaml")), "the roadmap being exported")
            .and_roadmaps(&places);
        let table = [
            ("state/progress.json", "is where your progress is kept"),
            ("state/./progress.json", "is where your progress is kept"),
            ("state/progress.json.lock", "kept beside your progress file"),
            (
                "state/progress.json.damaged-20260101T000000Z",
                "kept beside",
            ),
            ("state/progress.json.v1.bak", "kept beside"),
            ("config/config.yaml", "is your settings file"),
            ("mine.yaml", "is the roadmap being exported"),
            ("config/roadmaps/mine.yaml", "is in your roadmaps folder"),
            ("config/roadmaps/new.yml", "is in your roadmaps folder"),
        ];
        for (name, why) in table {
            let message = refusal(&root.join(name), &guard);
            assert!(message.contains(why), "{name}: {message}");
            assert!(
                message.contains(name.trim_start_matches("state/./")),
                "{message}"
            );
            assert!(message.ends_with("choose another file"), "{message}");
        }
        assert_eq!(
            std::fs::read_to_string(root.join("state/progress.json")).unwrap(),
            "keep"
        );
        // Beside them, what is not theirs is written as usual.
        for name in [
            "state/progress.md",
            "config/roadmaps/notes.md",
            "config/other.yaml",
        ] {
            write_file(&root.join(name), "x", &guard).unwrap();
        }
        let guard = Guard::new(&places);
        write_new_file(&root.join("config/roadmaps/new.yaml"), "x", &guard).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn another_name_of_the_progress_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("state")).unwrap();
        let state = root.join("state/progress.json");
        std::fs::write(&state, "keep").unwrap();
        std::fs::hard_link(&state, root.join("hard.json")).unwrap();
        std::os::unix::fs::symlink(&state, root.join("soft.json")).unwrap();
        // A link made before the progress file exists leads to it too.
        std::os::unix::fs::symlink(root.join("state/none.json"), root.join("ahead.json")).unwrap();
        let guard = Guard::new(&locations(root));
        assert!(refusal(&root.join("hard.json"), &guard).contains("under another name"));
        assert!(refusal(&root.join("soft.json"), &guard).contains("where your progress is kept"));
        let guard = Guard::new(&Locations::of(root.join("state/none.json"), None, None));
        assert!(refusal(&root.join("ahead.json"), &guard).contains("where your progress"));
        assert_eq!(std::fs::read_to_string(&state).unwrap(), "keep");
    }

    #[test]
    fn a_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let message = refusal(dir.path(), &nothing());
        assert!(message.contains("is a folder"), "{message}");
    }

    #[test]
    fn what_is_not_a_regular_file_is_written_to_never_renamed_over() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file.md");
        std::fs::write(&file, "old").unwrap();
        let resolved = resolve(&file);
        assert_eq!(
            target(&file, &nothing()).unwrap(),
            Target::Regular(resolved)
        );
        let new = dir.path().join("new/out.md");
        assert_eq!(
            target(&new, &nothing()).unwrap(),
            Target::Missing(resolve(&new))
        );
        #[cfg(target_os = "linux")]
        {
            // A FIFO: a reader gets the bytes, and it stays a FIFO.
            let fifo = dir.path().join("fifo");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if !made.is_ok_and(|status| status.success()) {
                eprintln!("skipped the FIFO: no mkfifo here");
                return;
            }
            assert!(matches!(
                target(&fifo, &nothing()).unwrap(),
                Target::Stream { append: false, .. }
            ));
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
            };
            write_file(&fifo, "through", &nothing()).unwrap();
            assert_eq!(reader.join().unwrap(), "through");
            use std::os::unix::fs::FileTypeExt;
            assert!(
                std::fs::symlink_metadata(&fifo)
                    .unwrap()
                    .file_type()
                    .is_fifo()
            );
            // The way from `/dev/stdout` to a file goes through `/proc`.
            assert!(through_fd_links(Path::new("/dev/stdout")));
            assert!(through_fd_links(Path::new("/dev/fd/1")));
            assert!(through_fd_links(Path::new("/proc/self/fd/1")));
            assert!(!through_fd_links(&file));
            assert!(!through_fd_links(Path::new("/dev/shm/out.md")));
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_file_reached_through_proc_is_appended_to_not_replaced() {
        // `/proc/self/fd/N` of a file this test opened: as `-o
        // /dev/stdout >> log` reaches the shell's file.
        let dir = tempfile::tempdir().unwrap();
        let log = dir.path().join("log");
        std::fs::write(&log, "before\n").unwrap();
        let open = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
        use std::os::fd::AsRawFd;
        let through = PathBuf::from(format!("/proc/self/fd/{}", open.as_raw_fd()));
        let inode = id_of(&log);
        write_file(&through, "after\n", &nothing()).unwrap();
        assert_eq!(std::fs::read_to_string(&log).unwrap(), "before\nafter\n");
        assert_eq!(id_of(&log), inode, "the same file, not one renamed over it");
        // And it is still refused when it is the progress file.
        let guard = Guard::new(&Locations::of(log.clone(), None, None));
        assert!(refusal(&through, &guard).contains("where your progress is kept"));
    }
}
