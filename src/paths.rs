//! Where per-user files live. Computes paths only; the store and the
//! loader are what touch them.
//!
//! Linux follows XDG: progress in `$XDG_STATE_HOME/roadmap/progress.json`
//! (default `~/.local/state/roadmap/`), the user's own roadmaps in
//! `$XDG_CONFIG_HOME/roadmap/roadmaps/` (default `~/.config/roadmap/`).
//! Platforms without a state dir (macOS, Windows) use the data dir.

use std::path::PathBuf;

use anyhow::{Context, Result};
use directories::ProjectDirs;

/// File name of the progress file inside the state dir.
pub const STATE_FILE_NAME: &str = "progress.json";

fn project_dirs() -> Result<ProjectDirs> {
    ProjectDirs::from("", "", "roadmap")
        .context("cannot tell where your home directory is; pass --state FILE or set ROADMAP_STATE")
}

/// Names the progress file when `--state` is not given.
pub const STATE_ENV: &str = "ROADMAP_STATE";

/// The progress file: `--state` if given, else `ROADMAP_STATE` if set and
/// not empty, else the per-user default.
pub fn state_file(flag: Option<PathBuf>) -> Result<PathBuf> {
    let from_env = std::env::var_os(STATE_ENV).filter(|value| !value.is_empty());
    if let Some(path) = flag.or(from_env.map(PathBuf::from)) {
        return Ok(path);
    }
    let dirs = project_dirs()?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_dir());
    Ok(dir.join(STATE_FILE_NAME))
}

/// The per-user configuration folder (`~/.config/roadmap` on Linux).
pub fn config_dir() -> Option<PathBuf> {
    project_dirs().ok().map(|dirs| dirs.config_dir().to_owned())
}

/// Compiled copies of roadmaps opened before (`~/.cache/roadmap` on
/// Linux), so they open without parsing; always safe to delete.
pub fn cache_dir() -> Option<PathBuf> {
    project_dirs().ok().map(|dirs| dirs.cache_dir().to_owned())
}

/// The folder of the user's own roadmaps, found by id like the bundled
/// ones. `None` when there is no home directory to put it in.
pub fn user_roadmaps_dir() -> Option<PathBuf> {
    config_dir().map(|dir| dir.join("roadmaps"))
}
