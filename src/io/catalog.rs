//! Every roadmap that can be opened by id: the bundled ones, and the
//! user's own files in `<config dir>/roadmaps/*.yaml`. Two roadmaps with
//! one id would share progress without anyone meaning it, so a name that
//! two of them answer to is an error naming both.
//!
//! It is also the one reader of roadmap files ([`read`], [`validate`]):
//! the file's text through [`text_file::read`], with the messages a file
//! that cannot be read gets, then [`crate::format::roadmap`] for what the
//! text says, told which ids are the bundled roadmaps'. It must not parse
//! YAML itself, nor write anything.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::domain::roadmap::{Roadmap, id_from_file_stem};
use crate::domain::safe_text::clean_line;
use crate::format::roadmap::check::{check, declared_id};
use crate::format::roadmap::diagnostic::Report;
use crate::format::roadmap::load::{self, LoadError, MAX_FILE_BYTES};
use crate::format::yaml::closest;
use crate::io::bundled::{self, Bundled};
use crate::io::text_file::{self, ReadError};

/// Where a roadmap comes from.
#[derive(Debug, Clone)]
pub enum Source {
    Bundled(&'static Bundled),
    File(PathBuf),
}

/// One roadmap that can be opened by its id.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its explicit `id:`, else its file name as an id (what `load` gives
    /// it, or would if the file were valid).
    pub id: String,
    pub source: Source,
    /// A file without `id:` named like a bundled roadmap: the loader
    /// refuses it that id, so it answers to no id and blocks nothing.
    shadowed: bool,
}

impl Entry {
    /// Where it comes from, short: "bundled", or "mine.yaml in your
    /// roadmaps folder" (the only folder the catalog reads).
    pub fn origin(&self) -> String {
        match &self.source {
            Source::Bundled(_) => "bundled".to_owned(),
            Source::File(path) => {
                let name = path.file_name().unwrap_or(path.as_os_str());
                format!(
                    "{} in your roadmaps folder",
                    clean_line(&name.to_string_lossy())
                )
            }
        }
    }

    /// How a message names it: "the bundled roadmap `backend`", or a path.
    fn described(&self) -> String {
        match &self.source {
            Source::Bundled(bundled) => format!("the bundled roadmap `{}`", bundled.id),
            Source::File(path) => clean_line(&path.display().to_string()),
        }
    }

    pub fn load(&self) -> Result<Roadmap, LoadError> {
        match &self.source {
            Source::Bundled(bundled) => bundled.load(),
            Source::File(path) => read(path),
        }
    }
}

/// What a name on the command line stands for.
enum Named<'a> {
    Entry(&'a Entry),
    File(PathBuf),
}

/// The roadmaps known by id, bundled first, then the user's by file name.
#[derive(Debug, Clone)]
pub struct Catalog {
    entries: Vec<Entry>,
    /// The folder the user's roadmaps were looked for in.
    user_dir: Option<PathBuf>,
}

impl Catalog {
    /// The bundled roadmaps only.
    pub fn bundled() -> Catalog {
        Catalog {
            entries: bundled::all()
                .iter()
                .map(|bundled| Entry {
                    id: bundled.id.to_owned(),
                    source: Source::Bundled(bundled),
                    shadowed: false,
                })
                .collect(),
            user_dir: None,
        }
    }

    /// The bundled roadmaps and every `*.yaml` / `*.yml` file in
    /// `user_dir` (a missing folder has none). Each file is read for its
    /// `id:`, not checked: a broken file is reported when it is opened.
    pub fn scan(user_dir: Option<&Path>) -> Catalog {
        let mut catalog = Catalog::bundled();
        let Some(dir) = user_dir else {
            return catalog;
        };
        catalog.user_dir = Some(dir.to_owned());
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| {
                path.extension()
                    .is_some_and(|ext| ext == "yaml" || ext == "yml")
            })
            .collect();
        files.sort();
        for path in files {
            let (declared, id) = user_file_id(&path);
            let shadowed = !declared && bundled::find(&id).is_some();
            catalog.entries.push(Entry {
                id,
                source: Source::File(path),
                shadowed,
            });
        }
        catalog
    }

    /// The catalog read again, for files added or edited since.
    pub fn rescan(&self) -> Catalog {
        match &self.user_dir {
            Some(dir) => Catalog::scan(Some(dir)),
            None => self.clone(),
        }
    }

    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    pub fn user_dir(&self) -> Option<&Path> {
        self.user_dir.as_deref()
    }

    /// The user's roadmap files.
    pub fn user_files(&self) -> impl Iterator<Item = &Path> {
        self.entries.iter().filter_map(|entry| match &entry.source {
            Source::File(path) => Some(path.as_path()),
            Source::Bundled(_) => None,
        })
    }

    /// The one roadmap with id `id`. `Ok(None)` if there is none; an error
    /// if two answer to it.
    pub fn find(&self, id: &str) -> Result<Option<&Entry>> {
        let mut matches = self
            .entries
            .iter()
            .filter(|entry| entry.id == id && !entry.shadowed);
        let Some(first) = matches.next() else {
            return Ok(None);
        };
        if let Some(second) = matches.next() {
            let fix = match &second.source {
                Source::File(path) => format!(
                    "give {} another `id:`",
                    clean_line(&path.display().to_string())
                ),
                Source::Bundled(_) => "give one of them another `id:`".to_owned(),
            };
            bail!(
                "two roadmaps have the id `{}`: {} and {}; {fix}",
                clean_line(id),
                first.described(),
                second.described()
            );
        }
        Ok(Some(first))
    }

    /// Loads `entry` if it can be opened: its id is its own (no clash)
    /// and its file is a valid roadmap. Else one line saying why, for
    /// lists of roadmaps (the picker, `roadmap list`).
    pub fn open_entry(&self, entry: &Entry) -> Result<Roadmap, String> {
        if let Err(clash) = self.find(&entry.id) {
            return Err(clean_line(&clash.to_string()));
        }
        entry.load().map_err(|err| err.brief())
    }

    /// Opens what the user named on the command line: an id, or the path
    /// of a YAML file. `None` opens the default bundled roadmap.
    pub fn open(&self, name_or_path: Option<&OsStr>) -> Result<Roadmap> {
        match self.named(name_or_path)? {
            Named::Entry(entry) => Ok(entry.load()?),
            Named::File(path) => Ok(read(&path)?),
        }
    }

    /// The bundled roadmap [`Catalog::open`] opens for `name_or_path`, if
    /// that is what it opens (no user file clashes with it); `None` for
    /// anything else, errors included, which `open` reports.
    pub fn bundled_of(&self, name_or_path: Option<&OsStr>) -> Option<&'static Bundled> {
        match self.named(name_or_path).ok()? {
            Named::Entry(Entry {
                source: Source::Bundled(bundled),
                ..
            }) => Some(bundled),
            _ => None,
        }
    }

    /// The file [`Catalog::open`] reads for `name_or_path`; `None` for a
    /// bundled roadmap or a name it does not know.
    pub fn file_of(&self, name_or_path: Option<&OsStr>) -> Option<PathBuf> {
        match self.named(name_or_path).ok()? {
            Named::Entry(entry) => match &entry.source {
                Source::File(path) => Some(path.clone()),
                Source::Bundled(_) => None,
            },
            Named::File(path) => Some(path),
        }
    }

    /// What a name on the command line stands for: an id, else a path.
    fn named(&self, name_or_path: Option<&OsStr>) -> Result<Named<'_>> {
        let spec = name_or_path.unwrap_or(OsStr::new(bundled::default().id));
        if let Some(id) = spec.to_str()
            && let Some(entry) = self.find(id)?
        {
            return Ok(Named::Entry(entry));
        }
        let path = Path::new(spec);
        let text = spec.to_string_lossy();
        let looks_like_path = path.exists()
            || text.contains(std::path::MAIN_SEPARATOR)
            || text.contains('/')
            || path.extension().is_some();
        if looks_like_path {
            return Ok(Named::File(path.to_owned()));
        }
        bail!("{}", self.unknown(&text))
    }

    /// The roadmap a user means by `name`, for an error message when
    /// there is none: "did you mean `frontend`?".
    pub fn unknown(&self, name: &str) -> String {
        let ids: Vec<&str> = self.entries.iter().map(|e| e.id.as_str()).collect();
        let hint = match closest(name, ids.iter().copied()) {
            Some(id) => format!(": did you mean `{id}`?"),
            None => String::new(),
        };
        format!(
            "no roadmap named `{}`{hint} (known: {}; to open a file, give its path)",
            clean_line(name),
            ids.join(", ")
        )
    }
}

/// Reads and checks a roadmap file. Its id defaults to the file stem,
/// unless that is a bundled roadmap's id.
pub fn read(path: &Path) -> Result<Roadmap, LoadError> {
    let origin = path.display().to_string();
    let text = read_text(path, &origin)?;
    load::parse_file(&text, &origin, &file_stem(path), &bundled_ids())
}

/// Checks a roadmap file the way `roadmap validate` does: every error and
/// warning, and a file that cannot be read as an error of its own.
pub fn validate(path: &Path, warnings: bool) -> (Option<Roadmap>, Report) {
    let origin = path.display().to_string();
    match read_text(path, &origin) {
        Ok(text) => check(&text, &origin, &file_stem(path), &bundled_ids(), warnings),
        Err(err) => (None, err.report()),
    }
}

/// A file's text, refused early if it is no roadmap file at all: not a
/// regular file, over [`MAX_FILE_BYTES`], or not UTF-8. `origin` names it
/// in the error.
pub fn read_text(path: &Path, origin: &str) -> Result<String, LoadError> {
    text_file::read(path, MAX_FILE_BYTES).map_err(|failure| {
        let message = match failure {
            ReadError::Missing => "no such file".to_owned(),
            ReadError::Directory => "is a directory, not a roadmap file".to_owned(),
            ReadError::NotRegular => {
                "is not a regular file (a pipe or a device?), not a roadmap file".to_owned()
            }
            ReadError::TooLarge => format!(
                "is larger than {} MiB, the limit for a roadmap file",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
            ReadError::Io(err) if err.kind() == std::io::ErrorKind::PermissionDenied => {
                "permission denied".to_owned()
            }
            ReadError::Io(err) => err.to_string(),
            ReadError::NotUtf8(at) => return LoadError::not_utf8(origin, at),
        };
        LoadError::file(origin, message)
    })
}

/// The ids a file may not take by its name alone, so `backend.yaml` never
/// silently shares the bundled roadmap's progress.
fn bundled_ids() -> Vec<&'static str> {
    bundled::ids().collect()
}

fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A user file's id as [`read`] would give it, read cheaply, and whether
/// the file declares it. Read with the loader's guards, so a pipe or a
/// huge file in the folder costs nothing.
fn user_file_id(path: &Path) -> (bool, String) {
    let declared = read_text(path, "").ok().and_then(|text| declared_id(&text));
    match declared {
        Some(id) => (true, id),
        None => (false, id_from_file_stem(&file_stem(path))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::yaml::Position;

    const MINE: &str = "title: Mine\nlevels:\n  - title: L\n    topics: [{title: T, items: [A]}]\n";

    fn dir_with(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    #[test]
    fn user_roadmaps_are_found_by_declared_id_or_file_name() {
        let dir = dir_with(&[
            ("frontend.yaml", MINE),
            ("ops.yml", &format!("id: devops\n{MINE}")),
            ("notes.txt", "not a roadmap"),
        ]);
        let catalog = Catalog::scan(Some(dir.path()));
        let ids: Vec<_> = catalog.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["backend", "backend-essentials", "frontend", "devops"]);
        let found = catalog.find("devops").unwrap().unwrap();
        assert_eq!(found.load().unwrap().title, "Mine");
        assert_eq!(catalog.find("ops").unwrap().map(|e| e.id.clone()), None);
    }

    #[test]
    fn a_missing_folder_has_no_roadmaps() {
        let catalog = Catalog::scan(Some(Path::new("/nonexistent/roadmaps")));
        assert_eq!(catalog.entries().len(), bundled::all().len());
    }

    #[test]
    fn a_user_roadmap_with_a_bundled_id_is_an_error_naming_both() {
        let dir = dir_with(&[("mine.yaml", &format!("id: backend\n{MINE}"))]);
        let catalog = Catalog::scan(Some(dir.path()));
        let err = catalog.find("backend").unwrap_err().to_string();
        assert!(err.contains("the bundled roadmap `backend`"), "{err}");
        assert!(err.contains("mine.yaml"), "{err}");
        assert!(
            catalog.find("backend-essentials").unwrap().is_some(),
            "other ids are unaffected"
        );
    }

    #[test]
    fn the_bundled_roadmap_a_name_opens_is_told_only_when_it_is_one() {
        let id = |name: &str, catalog: &Catalog| {
            catalog.bundled_of(Some(OsStr::new(name))).map(|b| b.id)
        };
        let dir = dir_with(&[("web.yaml", MINE)]);
        let catalog = Catalog::scan(Some(dir.path()));
        assert_eq!(catalog.bundled_of(None).map(|b| b.id), Some("backend"));
        assert_eq!(
            id("backend-essentials", &catalog),
            Some("backend-essentials")
        );
        assert_eq!(id("web", &catalog), None);
        assert_eq!(id("nothing", &catalog), None);
        assert_eq!(id("./backend.yaml", &catalog), None, "a path is a file");
        let dir = dir_with(&[("mine.yaml", &format!("id: backend\n{MINE}"))]);
        let clash = Catalog::scan(Some(dir.path()));
        assert_eq!(id("backend", &clash), None, "open says why it cannot");
    }

    #[test]
    fn a_file_named_like_a_bundled_roadmap_without_id_blocks_nothing() {
        let dir = dir_with(&[("backend.yaml", MINE)]);
        let catalog = Catalog::scan(Some(dir.path()));
        let found = catalog.find("backend").unwrap().unwrap();
        assert!(matches!(found.source, Source::Bundled(_)));
        let user = &catalog.entries()[2];
        let err = user.load().unwrap_err().report();
        assert!(
            err.lines()
                .any(|line| line.contains("add `id: my-backend`")),
            "it says why it cannot open"
        );
    }

    #[cfg(unix)]
    #[test]
    fn pipes_and_devices_in_the_folder_are_never_read() {
        let dir = dir_with(&[("web.yaml", &format!("id: web\n{MINE}"))]);
        std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.yaml")).unwrap();
        let fifo = dir.path().join("pipe.yaml");
        let status = std::process::Command::new("mkfifo").arg(&fifo).status();
        let catalog = Catalog::scan(Some(dir.path()));
        assert!(catalog.find("web").unwrap().is_some());
        let zero = catalog.entries().iter().find(|e| e.id == "zero").unwrap();
        assert!(
            zero.load()
                .unwrap_err()
                .to_string()
                .contains("not a regular file")
        );
        if status.is_ok_and(|s| s.success()) {
            let pipe = catalog.entries().iter().find(|e| e.id == "pipe").unwrap();
            assert!(pipe.load().is_err());
        }
    }

    #[test]
    fn two_user_roadmaps_with_one_id_are_an_error_naming_both() {
        let dir = dir_with(&[
            ("a.yaml", &format!("id: same\n{MINE}")),
            ("b.yaml", &format!("id: same\n{MINE}")),
        ]);
        let err = Catalog::scan(Some(dir.path()))
            .find("same")
            .unwrap_err()
            .to_string();
        assert!(err.contains("a.yaml") && err.contains("b.yaml"), "{err}");
    }

    #[test]
    fn unknown_names_get_a_suggestion() {
        let message = Catalog::bundled().unknown("backedn");
        assert!(message.contains("did you mean `backend`?"), "{message}");
        assert!(message.contains("backend-essentials"), "{message}");
    }

    #[test]
    fn a_file_named_like_a_bundled_roadmap_needs_an_explicit_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backend.yaml");
        std::fs::write(&path, MINE).unwrap();
        let Err(LoadError::Invalid(report)) = read(&path) else {
            panic!("should not load");
        };
        let first = &report.diagnostics()[0];
        assert_eq!(first.at, Some(Position { line: 1, column: 1 }));
        assert!(
            first.message.contains("add `id: my-backend`"),
            "{}",
            first.message
        );
        std::fs::write(&path, format!("id: backend\n{MINE}")).unwrap();
        assert_eq!(
            read(&path).unwrap().id,
            "backend",
            "an explicit id is a deliberate choice"
        );
    }

    #[test]
    fn a_file_that_is_no_roadmap_file_says_what_it_is() {
        let dir = dir_with(&[("bad.yaml", "title: caf\u{e9}\n")]);
        let message = |path: &Path| read(path).unwrap_err().to_string();
        let missing = dir.path().join("none.yaml");
        assert_eq!(
            message(&missing),
            format!("{}: no such file", missing.display())
        );
        assert_eq!(
            message(dir.path()),
            format!(
                "{}: is a directory, not a roadmap file",
                dir.path().display()
            )
        );
        let binary = dir.path().join("binary.yaml");
        std::fs::write(&binary, b"title: caf\xe9\n").unwrap();
        assert_eq!(
            message(&binary),
            format!(
                "{}:1:11: the file is not UTF-8 text: save it as UTF-8",
                binary.display()
            )
        );
        let huge = dir.path().join("huge.yaml");
        let file = std::fs::File::create(&huge).unwrap();
        file.set_len(MAX_FILE_BYTES + 1).unwrap();
        assert_eq!(
            message(&huge),
            format!(
                "{}: is larger than 16 MiB, the limit for a roadmap file",
                huge.display()
            )
        );
    }

    #[test]
    fn validate_reports_warnings_and_a_file_it_cannot_read() {
        // A topic with no items is one thing warned about.
        let empty_topic = MINE.replace(", items: [A]", "");
        let dir = dir_with(&[("mine.yaml", &empty_topic)]);
        let (roadmap, report) = validate(&dir.path().join("mine.yaml"), true);
        assert_eq!(roadmap.unwrap().id, "mine");
        assert!(report.warnings() > 0, "{report}");
        let (roadmap, report) = validate(&dir.path().join("mine.yaml"), false);
        assert!(roadmap.is_some());
        assert_eq!(report.warnings(), 0, "none looked for");
        let (roadmap, report) = validate(&dir.path().join("none.yaml"), true);
        assert!(roadmap.is_none());
        assert_eq!(report.errors(), 1);
        assert!(
            report.to_string().ends_with(": error: no such file\n"),
            "{report}"
        );
    }
}
