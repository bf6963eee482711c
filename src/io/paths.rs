//! Where per-user files live. Computes paths only, and must not open
//! them: the store, the catalog and the settings reader do. [`Locations`] is the one list of them:
//! `roadmap paths` shows it, and an output path (`-o`) is refused when it
//! is one of them (see [`crate::cli::output`]), so the two never disagree.
//!
//! Linux follows XDG: progress in the folder `$XDG_STATE_HOME/roadmap/progress/`
//! (default `~/.local/state/roadmap/`), this device's id beside it, the user's own roadmaps in
//! `$XDG_CONFIG_HOME/roadmap/roadmaps/` (default `~/.config/roadmap/`).
//! Platforms without a state dir (macOS, Windows) use the data dir.

use std::path::PathBuf;

use anyhow::{Context, Result};
use directories::ProjectDirs;

use crate::io::store::Place as ProgressPlace;
use crate::io::store::folder::DEVICE_FILE_NAME;

/// Name of the progress folder inside the state dir.
pub const PROGRESS_DIR_NAME: &str = "progress";

/// Name of the single progress file of versions before the folder,
/// converted into it.
pub const LEGACY_STATE_FILE_NAME: &str = "progress.json";

fn project_dirs() -> Result<ProjectDirs> {
    ProjectDirs::from("", "", "roadmap")
        .context("cannot tell where your home directory is; pass --state DIR or set ROADMAP_STATE")
}

/// Names the progress folder when `--state` is not given.
pub const STATE_ENV: &str = "ROADMAP_STATE";

/// The progress folder: `--state` if given, else `ROADMAP_STATE` if set
/// and not empty, else the per-user default.
pub fn state_file(flag: Option<PathBuf>) -> Result<PathBuf> {
    Ok(progress_place(flag)?.folder)
}

/// The per-user state dir (`~/.local/state/roadmap` on Linux).
fn state_dir() -> Option<PathBuf> {
    let dirs = project_dirs().ok()?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_dir())
            .to_owned(),
    )
}

/// The progress folder ([`state_file`]), where this device's id is kept
/// (the per-user state dir, whatever `--state` says: the folder may be
/// synced, the id must not be), and the older single file converted into
/// the default folder.
pub fn progress_place(flag: Option<PathBuf>) -> Result<ProgressPlace> {
    let from_env = std::env::var_os(STATE_ENV).filter(|value| !value.is_empty());
    if let Some(path) = flag.or(from_env.map(PathBuf::from)) {
        let mut place = ProgressPlace::beside(&path);
        if let Some(dir) = state_dir() {
            place.device_file = dir.join(DEVICE_FILE_NAME);
        }
        return Ok(place);
    }
    let dir = state_dir().ok_or_else(|| {
        project_dirs()
            .err()
            .unwrap_or_else(|| anyhow::anyhow!("no home directory"))
    })?;
    Ok(ProgressPlace {
        folder: dir.join(PROGRESS_DIR_NAME),
        device_file: dir.join(DEVICE_FILE_NAME),
        legacy: Some(dir.join(LEGACY_STATE_FILE_NAME)),
    })
}

/// File name of the view-state file inside the state dir.
pub const VIEW_FILE_NAME: &str = "view.json";

/// Where the app remembers the view it was left at (the tab, the open
/// topics, the roadmap used last): the per-user state dir, whatever
/// `--state` says, since a progress file may be shared or synced and the
/// view is this user's on this machine. `None` without a home directory.
pub fn view_file() -> Option<PathBuf> {
    let dirs = project_dirs().ok()?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_dir());
    Some(dir.join(VIEW_FILE_NAME))
}

/// The per-user configuration folder (`~/.config/roadmap` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    project_dirs().ok().map(|dirs| dirs.config_dir().to_owned())
}

/// The folder of the user's own roadmaps, found by id like the bundled
/// ones. `None` when there is no home directory to put it in.
pub fn user_roadmaps_dir() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join("roadmaps"))
}

/// The settings file (`~/.config/roadmap/config.yaml` on Linux).
pub fn settings_file() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join(crate::format::config::FILE_NAME))
}

/// What a place holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The progress file; the store keeps its lock and copies beside it.
    Progress,
    ConfigFolder,
    Settings,
    /// The user's own roadmaps, every `*.yaml` / `*.yml` file in it.
    Roadmaps,
    /// Where the app was left; safe to delete.
    View,
    /// This device's id: kept on this machine, never synced.
    Device,
    /// The git clone `roadmap sync` keeps beside the progress folder.
    SyncClone,
}

impl Kind {
    /// How `roadmap paths` names it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Progress => "progress",
            Kind::ConfigFolder => "config folder",
            Kind::Settings => "settings",
            Kind::Roadmaps => "your roadmaps",
            Kind::View => "view state",
            Kind::Device => "device id",
            Kind::SyncClone => "sync clone",
        }
    }
}

/// One place `roadmap` keeps files in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub kind: Kind,
    /// As computed, not resolved: what `roadmap paths` prints.
    pub path: PathBuf,
}

/// Every place `roadmap` reads or writes its own files, in the order
/// `roadmap paths` lists them. Places that need a home directory are left
/// out when there is none; the progress file never is (`--state`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locations {
    places: Vec<Place>,
}

impl Locations {
    /// The places in use: progress where `state` (`--state`, if given)
    /// and `ROADMAP_STATE` say, the user's roadmaps in `roadmaps_dir`
    /// (the folder the catalog reads), the rest per user.
    pub fn new(state: Option<PathBuf>, roadmaps_dir: Option<PathBuf>) -> Result<Locations> {
        let progress = progress_place(state)?;
        // Beside the folder as the store resolves it (through a link), as
        // sync makes it.
        let clone =
            crate::io::sync::clone_of(&crate::io::store::files::real_path(&progress.folder));
        let mut locations = Locations::of(progress.folder, config_dir(), roadmaps_dir);
        locations.places.splice(
            1..1,
            [
                Place {
                    kind: Kind::Device,
                    path: progress.device_file,
                },
                Place {
                    kind: Kind::SyncClone,
                    path: clone,
                },
            ],
        );
        if let Some(path) = view_file() {
            locations.places.push(Place {
                kind: Kind::View,
                path,
            });
        }
        Ok(locations)
    }

    /// The places for a progress file `state` and these folders (the
    /// settings file is the config folder's).
    pub fn of(
        state: PathBuf,
        config_dir: Option<PathBuf>,
        roadmaps_dir: Option<PathBuf>,
    ) -> Locations {
        let settings = config_dir
            .as_ref()
            .map(|dir| dir.join(crate::format::config::FILE_NAME));
        let mut places = vec![Place {
            kind: Kind::Progress,
            path: state,
        }];
        for (kind, path) in [
            (Kind::ConfigFolder, config_dir),
            (Kind::Settings, settings),
            (Kind::Roadmaps, roadmaps_dir),
        ] {
            if let Some(path) = path {
                places.push(Place { kind, path });
            }
        }
        Locations { places }
    }

    pub fn places(&self) -> &[Place] {
        &self.places
    }
}
