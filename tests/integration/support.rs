//! A throwaway home directory, and the `roadmap` binary confined to it.

use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// This device's id, under the state dir.
const DEVICE_FILE: &str = "state/roadmap/device";

/// `roadmap` confined to `home`, as `assert_cmd` runs it.
pub fn roadmap(home: &Home) -> assert_cmd::Command {
    assert_cmd::Command::from_std(home.command())
}

/// What `command` printed, once it succeeded; else the test fails with
/// what it said on standard error.
pub fn stdout(command: &mut assert_cmd::Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// A fresh `HOME` with its own XDG dirs, removed when dropped.
pub struct Home {
    dir: TempDir,
}

impl Home {
    /// The device is `d1`, so that its log has a name tests can know.
    pub fn new() -> Home {
        Home::with_device("d1")
    }

    /// A home whose device is `id`: another machine.
    pub fn with_device(id: &str) -> Home {
        let home = Home {
            dir: tempfile::tempdir().expect("temp dir"),
        };
        let device = home.path().join(DEVICE_FILE);
        std::fs::create_dir_all(device.parent().unwrap()).expect("state dir");
        std::fs::write(device, format!("{id}\n")).expect("device file");
        home
    }

    /// This device's id, as the app keeps it.
    pub fn device(&self) -> String {
        std::fs::read_to_string(self.path().join(DEVICE_FILE))
            .expect("device file")
            .trim()
            .to_owned()
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// This device's log, where the app keeps progress by default under
    /// this home.
    pub fn state_file(&self) -> PathBuf {
        self.progress_folder()
            .join(format!("{}.jsonl", self.device()))
    }

    /// The progress folder: every device's log.
    pub fn progress_folder(&self) -> PathBuf {
        self.path().join("state/roadmap/progress")
    }

    /// Where versions before the folder kept all progress.
    pub fn legacy_state_file(&self) -> PathBuf {
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
        // Written by `Home::new`, not by the app.
        files.retain(|file| file != DEVICE_FILE);
        files.sort();
        files
    }
}
