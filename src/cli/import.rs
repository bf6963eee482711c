//! `roadmap import FILE.md`: a Markdown checklist or outline (a README
//! like the seeds, or an `export`) → roadmap YAML that validates. How the
//! Markdown is read is in [`crate::import`].

use std::path::PathBuf;

use anyhow::{Context as _, Result, bail};

use super::Context;
use super::output::{print, write_file};
use crate::calendar;
use crate::import::{self, Draft};
use crate::progress::{Entry, Status};
use crate::roadmap::{bundled, load};
use crate::roadmap::{id_from_file_stem, is_valid_id, slug};
use crate::safe_text::clean_line;
use crate::store::Changes;

/// Turn a Markdown checklist or outline into a roadmap YAML file
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Headings and nested bullets become levels, topics and items; links\n\
                  become resources. With checkboxes in the file, only checkbox items\n\
                  count. `roadmap export` output reads back to the same checklist.\n\n\
                  Examples:\n  \
                  roadmap import README.md -o ~/.config/roadmap/roadmaps/mine.yaml\n  \
                  roadmap import progress.md --id mine --with-progress -o mine.yaml"
)]
pub struct Args {
    /// The Markdown file to read.
    #[arg(value_name = "FILE.md")]
    pub file: PathBuf,

    /// Write the roadmap to FILE (which must not exist yet) instead of
    /// standard output.
    #[arg(short, long, value_name = "FILE.yaml")]
    pub output: Option<PathBuf>,

    /// The roadmap's id. Default: from its title, else the file name.
    #[arg(long)]
    pub id: Option<String>,

    /// The roadmap's title. Default: the document's own title, else the
    /// file name.
    #[arg(long)]
    pub title: Option<String>,

    /// Also record ticked boxes (and an export's in-progress and skipped
    /// marks) as your progress in the new roadmap.
    #[arg(long)]
    pub with_progress: bool,
}

pub fn run(args: Args, context: &Context) -> Result<()> {
    let shown = clean_line(&args.file.display().to_string());
    let markdown =
        std::fs::read_to_string(&args.file).with_context(|| format!("cannot read {shown}"))?;
    let Some(draft) = import::parse(&markdown) else {
        bail!("{shown} has no headings or list items to make a roadmap of");
    };
    let stem = args
        .file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = args
        .title
        .clone()
        .or_else(|| draft.title.clone())
        .unwrap_or_else(|| stem.clone());
    let id = match &args.id {
        Some(id) if is_valid_id(id) => id.clone(),
        Some(id) => bail!(
            "`{}` is not usable as an id: use only letters, digits, `-`, `_` and `.`",
            clean_line(id)
        ),
        None => {
            let id = Some(slug(&title))
                .filter(|id| !id.is_empty())
                .unwrap_or_else(|| id_from_file_stem(&stem));
            // Never share a bundled roadmap's progress by accident.
            if bundled::find(&id).is_some() {
                format!("my-{id}")
            } else {
                id
            }
        }
    };
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let yaml = import::to_yaml(&draft, &title, &id, &file_name);
    // What we write must load: check it as the app will.
    let roadmap = load::parse(&yaml, "the imported roadmap", &id).map_err(|err| {
        anyhow::anyhow!("import made a roadmap that does not load ({err}); please report this")
    })?;
    if let Some(path) = &args.output {
        if path.exists() {
            bail!(
                "{} exists already: choose another -o, or remove it first",
                clean_line(&path.display().to_string())
            );
        }
        write_file(path, &yaml)?;
    }
    let marked = if args.with_progress {
        record_progress(&draft, &roadmap, context)?
    } else {
        0
    };
    if args.output.is_none() && !print(&yaml)? {
        return Ok(());
    }
    let mut message = format!(
        "imported {} item(s) in {} topic(s) and {} level(s) as `{id}`",
        roadmap.items().count(),
        roadmap.levels.iter().map(|l| l.topics.len()).sum::<usize>(),
        roadmap.levels.len()
    );
    if args.with_progress {
        message.push_str(&format!("; {marked} item(s) with progress recorded"));
    }
    eprintln!("{message}");
    Ok(())
}

/// Saves the draft's statuses under the roadmap's item keys; returns how
/// many items got one.
fn record_progress(
    draft: &Draft,
    roadmap: &crate::roadmap::Roadmap,
    context: &Context,
) -> Result<usize> {
    let now = calendar::now();
    let mut changes = Changes::new();
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
    }
    if changes.is_empty() {
        return Ok(0);
    }
    let mut store = context.store()?;
    if let Some(reason) = store.read_only() {
        bail!("progress cannot be saved: {reason}");
    }
    store.commit(&roadmap.id, &changes, now)?;
    Ok(changes.len())
}
