//! A throwaway home directory, and the `roadmap` binary confined to it.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// A fresh `HOME` with its own XDG dirs, removed when dropped.
pub struct Home {
    dir: TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Where the app keeps progress by default under this home.
    pub fn state_file(&self) -> PathBuf {
        self.path().join("state/roadmap/progress.json")
    }

    /// `roadmap` with every per-user location pointing inside this home.
    pub fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_roadmap"));
        command
            .current_dir(self.path())
            .env("HOME", self.path())
            .env("XDG_STATE_HOME", self.path().join("state"))
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("XDG_CACHE_HOME", self.path().join("cache"))
            // `roadmap sync` runs git: the machine's settings stay out.
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("TERM", "xterm-256color")
            .env_remove("ROADMAP_STATE")
            .env_remove("NO_COLOR");
        command
    }

    /// Every file under this home, relative, sorted.
    pub fn files(&self) -> Vec<String> {
        fn walk(dir: &Path, root: &Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, root, out);
                } else {
                    out.push(path.strip_prefix(root).unwrap().display().to_string());
                }
            }
        }
        let mut files = Vec::new();
        walk(self.path(), self.path(), &mut files);
        files.sort();
        files
    }
}
