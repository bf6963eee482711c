//! `roadmap import FILE.md`: a Markdown checklist or outline (a README
//! like the seeds, or an `export`) → roadmap YAML that validates. How the
//! Markdown is read is in [`crate::format::markdown`].
//! Never writes over a file it must not (see [`super::output`]).

use std::path::PathBuf;

use anyhow::{Result, bail};

use super::Context;
use super::output::{Guard, check_new_file, print, write_new_file};
use crate::domain::calendar;
use crate::domain::plural::count_as;
use crate::domain::progress::{Entry, MAX_NOTE_BYTES, Status};
use crate::domain::roadmap::is_valid_id;
use crate::domain::safe_text::clean_line;
use crate::format::markdown::{self, Draft};
use crate::format::roadmap::check::{MAX_ENTRIES, MAX_ID_CHARS};
use crate::format::roadmap::load;
use crate::io::catalog;
use crate::io::store::Changes;

/// Turn a Markdown checklist or outline into a roadmap YAML file
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Headings and nested bullets become levels, topics and items; links\n\
                  become resources. With checkboxes in the file, only checkbox items\n\
                  count. `roadmap export` output reads back to the same checklist.\n\n\
                  Examples:\n  \
                  roadmap import README.md -o ~/.config/roadmap/roadmaps/mine.yaml\n  \
                  roadmap import progress.md --id mine --with-progress -o mine.yaml\n\n\
                  -o never replaces a file nor writes over roadmap's own (`roadmap paths`);\n\
                  a terminal, device or FIFO is written to as it is."
)]
pub struct Args {
    /// The Markdown file to read.
    #[arg(value_name = "FILE.md")]
    pub file: PathBuf,

    /// Write the roadmap to FILE (which must not exist yet; a terminal,
    /// device or FIFO is written to) instead of standard output.
    #[arg(short, long, value_name = "FILE.yaml")]
    pub output: Option<PathBuf>,

    /// The roadmap's id. Default: the -o file's name, else the title.
    #[arg(long)]
    pub id: Option<String>,

    /// The roadmap's title. Default: the document's own title, else the
    /// file name.
    #[arg(long)]
    pub title: Option<String>,

    /// Also record ticked boxes (and an export's in-progress and skipped
    /// marks) as your progress in the new roadmap, and quotes under items
    /// (an export's notes) as their notes.
    #[arg(long)]
    pub with_progress: bool,
    #[command(flatten)]
    pub state: super::StateArg,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let shown = clean_line(&args.file.display().to_string());
    // The loader's guards: a regular file, at most 16 MiB, UTF-8.
    let markdown = catalog::read_text(&args.file, &args.file.display().to_string())
        .map_err(|err| anyhow::anyhow!("cannot read {err}"))?;
    let Some(draft) = markdown::parse(&markdown) else {
        bail!("{shown} has no headings or list items to make a roadmap of");
    };
    let entries = draft.entries().count();
    if entries > MAX_ENTRIES / 2 {
        bail!("{shown} has {entries} entries, more than a roadmap may hold: split it up");
    }
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = [args.title.clone(), draft.title.clone(), Some(stem.clone())]
        .into_iter()
        .flatten()
        .map(|title| clean_line(&title))
        .find(|title| !title.is_empty())
        .unwrap_or_else(|| "Imported roadmap".to_owned());
    let id = match &args.id {
        Some(id) if is_valid_id(id) && id.chars().count() <= MAX_ID_CHARS => id.clone(),
        Some(id) => bail!(
            "`{}` is not usable as an id: use only letters, digits, `-`, `_` and `.`, at most \
             {MAX_ID_CHARS} of them",
            clean_line(id)
        ),
        // Named after the file it is written to, so `-o mine.yaml` opens
        // as `roadmap mine`; else after its title.
        None => {
            let output_stem = args.output.as_deref().and_then(|path| path.file_stem());
            let name = output_stem.map_or(title.clone(), |s| s.to_string_lossy().into_owned());
            free_id(&name, &stem, context)
        }
    };
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let yaml = markdown::to_yaml(&draft, &title, &id, &file_name).map_err(|err| {
        anyhow::anyhow!("import could not write the roadmap as YAML ({err}); please report this")
    })?;
    // What we write must load: check it as the app will.
    let roadmap = load::parse(&yaml, "the imported roadmap", &id).map_err(|err| {
        let first = err.report().lines().next().unwrap_or_default();
        anyhow::anyhow!("import made a roadmap that does not load ({first}); please report this")
    })?;
    let guard = match &args.output {
        Some(path) => {
            let guard =
                Guard::new(&context.locations()?).and_source(Some(&args.file), "the file imported");
            // Refused before progress is saved, so a refusal changes nothing.
            check_new_file(path, &guard)?;
            Some((path, guard))
        }
        None => None,
    };
    // Progress first: it is what can wait for another process and then
    // give up, and then no file must have been written either.
    let marked = if args.with_progress {
        record_progress(&draft, &roadmap, context)?
    } else {
        Recorded::default()
    };
    if let Some((path, guard)) = &guard {
        write_new_file(path, &yaml, guard).map_err(|err| {
            if marked.any() {
                err.context(format!(
                    "{} were recorded for `{id}`, but the roadmap file was not written",
                    marked.describe()
                ))
            } else {
                err
            }
        })?;
    }
    if args.output.is_none() && !print(&yaml)? {
        return Ok(());
    }
    let mut message = format!(
        "imported {} in {} and {} as `{id}`",
        count_as(roadmap.items().count(), "item", "items"),
        count_as(
            roadmap.levels.iter().map(|l| l.topics.len()).sum::<usize>(),
            "topic",
            "topics"
        ),
        count_as(roadmap.levels.len(), "level", "levels")
    );
    if args.with_progress {
        message.push_str(&format!("; {} recorded", marked.describe()));
    }
    eprintln!("{message}");
    Ok(())
}

/// An id made of `name` that no known roadmap has, so an import never
/// shares another roadmap's progress by accident: `name`'s slug (else the
/// Markdown file's name), then `-2`, `-3`…
fn free_id(name: &str, stem: &str, context: &Context) -> String {
    let fallback = markdown::id_from(stem, "imported");
    let base = markdown::id_from(name, &fallback);
    let taken = |id: &str| !matches!(context.catalog().find(id), Ok(None));
    let mut id = base.clone();
    let mut n = 1;
    while taken(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// Saves the draft's statuses and notes under the roadmap's item keys;
/// returns how many items got a status, and how many a note.
fn record_progress(
    draft: &Draft,
    roadmap: &crate::domain::roadmap::Roadmap,
    context: &Context,
) -> Result<Recorded> {
    let now = calendar::now();
    let mut changes = Changes::new();
    let mut notes = std::collections::BTreeMap::new();
    for (entry, item) in draft.entries().zip(roadmap.items()) {
        if entry.status != Status::Pending {
            changes.insert(
                item.key.clone(),
                Some(Entry {
                    status: entry.status,
                    updated: now,
                }),
            );
        }
        if let Some(note) = &entry.note {
            // As the app refuses an editor's text: a longer one could not
            // be saved back after an edit.
            if note.len() > MAX_NOTE_BYTES {
                bail!(
                    "the note under `{}` is longer than {} KiB (a quote of {} KiB): shorten it; \
                     nothing was recorded",
                    clean_line(&item.title),
                    MAX_NOTE_BYTES / 1024,
                    note.len().div_ceil(1024)
                );
            }
            notes.insert(item.key.clone(), note.clone());
        }
    }
    let recorded = Recorded {
        statuses: changes.len(),
        notes: notes.len(),
    };
    if changes.is_empty() && notes.is_empty() {
        return Ok(recorded);
    }
    let mut store = super::saving::store_to_save(context, "no progress")?;
    super::saving::commit_with_notes(&mut store, &roadmap.id, &changes, &notes, now)?;
    Ok(recorded)
}

/// What `--with-progress` recorded.
#[derive(Debug, Clone, Copy, Default)]
struct Recorded {
    statuses: usize,
    notes: usize,
}

impl Recorded {
    fn any(self) -> bool {
        self.statuses > 0 || self.notes > 0
    }

    /// `2 statuses and 1 note`.
    fn describe(self) -> String {
        format!(
            "{} and {}",
            count_as(self.statuses, "status", "statuses"),
            count_as(self.notes, "note", "notes")
        )
    }
}
