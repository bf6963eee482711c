//! Machines as folders: each has its own progress folder, clone, home
//! and device id, and all sync with one bare repository in a temporary
//! folder. No network, and no git configuration but the test's own.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use tempfile::TempDir;

use super::*;

mod mending;

/// The environment a test's git runs in: an isolated home, no system or
/// user configuration, and `PATH` as given.
fn test_env(home: &Path, path: Option<&Path>) -> Vec<(OsString, OsString)> {
    let mut env: Vec<(OsString, OsString)> = vec![
        ("HOME".into(), home.into()),
        ("XDG_CONFIG_HOME".into(), home.join("config").into()),
        ("GIT_CONFIG_NOSYSTEM".into(), "1".into()),
        ("GIT_CONFIG_GLOBAL".into(), home.join("gitconfig").into()),
    ];
    if let Some(path) = path {
        env.push(("PATH".into(), path.into()));
    }
    env
}

/// A bare remote, and the folder the machines live in.
struct World {
    dir: TempDir,
}

impl World {
    fn new() -> World {
        let world = World {
            dir: tempfile::tempdir().unwrap(),
        };
        world.git(&["init", "--quiet", "--bare", "remote.git"]);
        world
    }

    fn remote(&self) -> String {
        self.dir.path().join("remote.git").display().to_string()
    }

    /// Runs git in the world's folder, as no machine.
    fn git(&self, args: &[&str]) -> String {
        let home = self.dir.path().join("world-home");
        fs::create_dir_all(&home).unwrap();
        let env = test_env(&home, None);
        let mut command = git::command(&env);
        command
            .current_dir(self.dir.path())
            .args(["-c", "user.name=t", "-c", "user.email=t@t"])
            .args(args);
        let output = git::output(&mut command, &git::never).unwrap();
        assert!(output.ok, "git {args:?}: {}", output.stderr);
        output.text()
    }

    /// The remote branch's file `name`.
    fn on_remote(&self, name: &str) -> String {
        self.git(&[
            "--git-dir",
            "remote.git",
            "show",
            &format!("{BRANCH}:{name}"),
        ])
    }

    fn machine(&self, name: &str, device: &str) -> Machine {
        let root = self.dir.path().join(name);
        let home = root.join("home");
        fs::create_dir_all(&home).unwrap();
        Machine {
            env: test_env(&home, None),
            home,
            place: Place::new(root.join("progress"), device.to_owned()),
        }
    }
}

struct Machine {
    home: PathBuf,
    place: Place,
    env: Vec<(OsString, OsString)>,
}

impl Machine {
    /// Appends `text` to the folder's log `name`, as the store would.
    fn write(&self, name: &str, text: &str) {
        use std::io::Write as _;
        fs::create_dir_all(&self.place.folder).unwrap();
        let mut file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.place.folder.join(name))
            .unwrap();
        file.write_all(text.as_bytes()).unwrap();
    }

    fn read(&self, name: &str) -> String {
        fs::read_to_string(self.place.folder.join(name)).unwrap()
    }

    fn sync(&self, remote: Option<&str>) -> Result<Report> {
        sync_with(&self.place, remote, &self.env, &git::never, &mut |_| Ok(()))
    }

    fn status(&self) -> SyncStatus {
        status_with(&self.place, &self.env).unwrap()
    }

    /// Every file of the folder, by name, with its text.
    fn folder(&self) -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = fs::read_dir(&self.place.folder)
            .unwrap()
            .flatten()
            .map(|entry| {
                let name = entry.file_name().to_string_lossy().into_owned();
                (name, fs::read_to_string(entry.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    }

    /// git in this machine's clone.
    fn git(&self, args: &[&str]) -> String {
        Git::new(&self.place.clone, &self.env, &git::never)
            .ok("test", args)
            .unwrap()
            .text()
    }
}

const A: &str = "aaaaaaaaaaaaaaaa";
const B: &str = "bbbbbbbbbbbbbbbb";

fn lines(name: &str, changes: usize) -> FileChanges {
    FileChanges {
        name: name.to_owned(),
        changes,
    }
}

#[test]
fn the_first_push_reaches_the_remote_and_another_device_gets_it() {
    let world = World::new();
    let a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "head\n1\n2\n");
    let report = a.sync(Some(&world.remote())).unwrap();
    assert_eq!(report.remote, world.remote());
    assert_eq!(report.pushed, vec![lines("aaaaaaaaaaaaaaaa.jsonl", 3)]);
    assert!(report.came_in.is_empty() && report.copied_home.is_empty());
    assert_eq!(report.retries, 0);
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "head\n1\n2");

    let status = a.status();
    assert_eq!(status.remote, Some(world.remote()));
    assert!(status.last_sync.is_some());
    assert_eq!(status.unpushed_changes(), 0);

    let b = world.machine("b", B);
    let report = b.sync(Some(&world.remote())).unwrap();
    assert!(report.pushed.is_empty());
    assert_eq!(report.came_in, vec![lines("aaaaaaaaaaaaaaaa.jsonl", 3)]);
    assert_eq!(report.devices_in(), 1);
    assert_eq!(b.read("aaaaaaaaaaaaaaaa.jsonl"), "head\n1\n2\n");

    // Nothing new: nothing pushed, nothing in, no commit made.
    let head = a.git(&["rev-parse", "HEAD"]);
    let report = a.sync(None).unwrap();
    assert!(report.pushed.is_empty() && report.came_in.is_empty());
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
}

#[test]
fn both_devices_push_in_either_order_and_end_with_the_same_files() {
    let world = World::new();
    let a = world.machine("a", A);
    let b = world.machine("b", B);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    b.write("bbbbbbbbbbbbbbbb.jsonl", "b1\n");
    b.write("bbbbbbbbbbbbbbbb.was-cccccccccccccccc.jsonl", "c1\n");
    a.sync(Some(&world.remote())).unwrap();
    let report = b.sync(Some(&world.remote())).unwrap();
    assert_eq!(report.pushed.len(), 2, "{report:?}");
    assert_eq!(report.came_in, vec![lines("aaaaaaaaaaaaaaaa.jsonl", 1)]);
    let report = a.sync(None).unwrap();
    assert_eq!(report.came_in_changes(), 2);
    assert_eq!(report.devices_in(), 1, "two logs of one device");
    assert_eq!(a.folder(), b.folder());

    // Offline changes on both, the other order.
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a2\na3\n");
    b.write("bbbbbbbbbbbbbbbb.jsonl", "b2\n");
    assert_eq!(
        a.status().unpushed,
        vec![lines("aaaaaaaaaaaaaaaa.jsonl", 2)]
    );
    assert_eq!(b.sync(None).unwrap().pushed_changes(), 1);
    let report = a.sync(None).unwrap();
    assert_eq!(report.pushed_changes(), 2);
    assert_eq!(report.came_in, vec![lines("bbbbbbbbbbbbbbbb.jsonl", 1)]);
    b.sync(None).unwrap();
    assert_eq!(a.folder(), b.folder());
    assert_eq!(a.read("bbbbbbbbbbbbbbbb.jsonl"), "b1\nb2\n");
    assert_eq!(b.read("aaaaaaaaaaaaaaaa.jsonl"), "a1\na2\na3\n");
}

#[test]
fn only_whole_lines_of_this_device_are_pushed() {
    let world = World::new();
    let a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "1\n2 half");
    let report = a.sync(Some(&world.remote())).unwrap();
    assert_eq!(report.pushed_changes(), 1);
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "1");
    assert_eq!(a.read("aaaaaaaaaaaaaaaa.jsonl"), "1\n2 half", "untouched");
    a.write("aaaaaaaaaaaaaaaa.jsonl", " done\n");
    assert_eq!(a.status().unpushed_changes(), 1);
    assert_eq!(a.sync(None).unwrap().pushed_changes(), 1);
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "1\n2 half done");
}

#[test]
fn a_push_that_loses_a_race_to_a_first_push_starts_from_the_winners() {
    let world = World::new();
    let a = world.machine("a", A);
    let b = world.machine("b", B);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    b.write("bbbbbbbbbbbbbbbb.jsonl", "b1\n");
    let remote = world.remote();
    let mut between = |tries: u32| {
        if tries == 0 {
            b.sync(Some(&remote))?;
        }
        Ok(())
    };
    let report = sync_with(&a.place, Some(&remote), &a.env, &git::never, &mut between).unwrap();
    assert_eq!(report.retries, 1);
    assert_eq!(report.pushed_changes(), 1);
    assert_eq!(report.came_in, vec![lines("bbbbbbbbbbbbbbbb.jsonl", 1)]);
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "a1");
    assert_eq!(world.on_remote("bbbbbbbbbbbbbbbb.jsonl"), "b1");
    b.sync(None).unwrap();
    assert_eq!(a.folder(), b.folder());
}

#[test]
fn a_push_that_loses_a_race_merges_and_tries_again() {
    let world = World::new();
    let a = world.machine("a", A);
    let b = world.machine("b", B);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    b.write("bbbbbbbbbbbbbbbb.jsonl", "b1\n");
    a.sync(Some(&world.remote())).unwrap();
    b.sync(Some(&world.remote())).unwrap();
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a2\n");
    let mut between = |tries: u32| {
        // The remote moves between this device's fetch and its push,
        // twice.
        if tries < 2 {
            b.write("bbbbbbbbbbbbbbbb.jsonl", &format!("b{}\n", tries + 2));
            b.sync(None)?;
        }
        Ok(())
    };
    let report = sync_with(&a.place, None, &a.env, &git::never, &mut between).unwrap();
    assert_eq!(report.retries, 2);
    assert_eq!(report.pushed, vec![lines("aaaaaaaaaaaaaaaa.jsonl", 1)]);
    assert_eq!(a.read("bbbbbbbbbbbbbbbb.jsonl"), "b1\nb2\nb3\n");
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "a1\na2");
    b.sync(None).unwrap();
    assert_eq!(a.folder(), b.folder());
}

#[test]
fn a_remote_that_keeps_moving_is_given_up_on_after_five_retries() {
    let world = World::new();
    let a = world.machine("a", A);
    let b = world.machine("b", B);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    b.sync(Some(&world.remote())).unwrap();
    let mut between = |tries: u32| {
        b.write("bbbbbbbbbbbbbbbb.jsonl", &format!("b{tries}\n"));
        b.sync(Some(&world.remote()))?;
        Ok(())
    };
    let err = sync_with(
        &a.place,
        Some(&world.remote()),
        &a.env,
        &git::never,
        &mut between,
    )
    .unwrap_err();
    assert!(err.to_string().contains("kept changing"), "{err}");
    assert_eq!(a.read("aaaaaaaaaaaaaaaa.jsonl"), "a1\n");
}

#[test]
fn without_a_remote_the_first_sync_says_how_to_give_one() {
    let world = World::new();
    let a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    let err = a.sync(None).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no remote configured yet: run `roadmap sync --remote URL` first"
    );
    assert!(!a.place.clone.exists());
    assert_eq!(a.status().remote, None);
    assert_eq!(a.status().unpushed_changes(), 1);
}

#[test]
fn an_unreachable_remote_is_one_line_with_gits_reason_and_changes_nothing() {
    let world = World::new();
    let a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    a.write("ffffffffffffffff.jsonl", "f1\n");
    let before = a.folder();
    let missing = world.dir.path().join("no-such-remote");
    let err = a.sync(Some(&missing.display().to_string())).unwrap_err();
    let text = format!("{err:#}");
    assert!(text.starts_with("cannot reach the remote "), "{text}");
    assert!(
        text.contains("does not appear to be a git repository"),
        "{text}"
    );
    assert!(!text.contains('\n'), "{text}");
    assert_eq!(a.folder(), before);
    // A first remote that fails is not kept: no clone, half made or not.
    assert_eq!(a.status().remote, None);
    assert!(!a.place.clone.exists());
    assert!(!with_suffix(&a.place.clone, ".new").exists());
    assert_eq!(
        a.sync(None).unwrap_err().to_string(),
        no_remote().to_string()
    );
    a.sync(Some(&world.remote())).unwrap();
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "a1");

    // Nor is a mistyped one on a machine that syncs: the working one stays.
    let err = a.sync(Some(&missing.display().to_string())).unwrap_err();
    assert!(
        err.to_string().starts_with("cannot reach the remote "),
        "{err}"
    );
    assert_eq!(a.status().remote, Some(world.remote()));
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a2\n");
    assert_eq!(a.sync(None).unwrap().remote, world.remote());
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "a1\na2");
}

#[test]
fn git_missing_from_path_is_said_so() {
    let world = World::new();
    let mut a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    let empty = world.dir.path().join("empty-bin");
    fs::create_dir_all(&empty).unwrap();
    a.env = test_env(&a.home, Some(&empty));
    let err = a.sync(Some(&world.remote())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "git is not installed or not on PATH: `roadmap sync` runs your own git"
    );
    assert_eq!(a.read("aaaaaaaaaaaaaaaa.jsonl"), "a1\n");
    assert!(!a.place.clone.exists());
}

#[test]
fn a_remote_branch_with_unrelated_history_is_refused() {
    let world = World::new();
    let a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    a.sync(Some(&world.remote())).unwrap();
    // Someone replaces the branch with a history of its own.
    world.git(&["init", "--quiet", "other"]);
    fs::write(world.dir.path().join("other/x.jsonl"), "x\n").unwrap();
    world.git(&["-C", "other", "add", "x.jsonl"]);
    world.git(&["-C", "other", "commit", "--quiet", "-m", "x"]);
    let remote = world.remote();
    world.git(&[
        "-C",
        "other",
        "push",
        "--quiet",
        "--force",
        &remote,
        &format!("HEAD:{BRANCH}"),
    ]);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a2\n");
    let head = a.git(&["rev-parse", "HEAD"]);
    let err = a.sync(None).unwrap_err();
    assert!(err.to_string().contains("unrelated"), "{err}");
    assert_eq!(a.git(&["rev-parse", "HEAD"]), head);
    assert_eq!(a.read("aaaaaaaaaaaaaaaa.jsonl"), "a1\na2\n");
    assert!(!a.place.folder.join("x.jsonl").exists());
    assert_eq!(world.on_remote("x.jsonl"), "x");
}

#[test]
fn a_copied_home_keeps_the_other_machines_log_as_a_stray_and_pushes_nothing_over_it() {
    let world = World::new();
    let a = world.machine("a", A);
    let twin = world.machine("twin", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "1\n2 on a\n");
    twin.write("aaaaaaaaaaaaaaaa.jsonl", "1\n2 on twin\n");
    twin.write("aaaaaaaaaaaaaaaa.was-cccccccccccccccc.jsonl", "c\n");
    a.sync(Some(&world.remote())).unwrap();
    let report = twin.sync(Some(&world.remote())).unwrap();
    let stray = twin.place.folder.join("aaaaaaaaaaaaaaaa-from-git.jsonl");
    assert_eq!(report.copied_home, vec![stray.clone()]);
    assert_eq!(fs::read_to_string(&stray).unwrap(), "1\n2 on a\n");
    assert_eq!(
        report.pushed,
        vec![lines("aaaaaaaaaaaaaaaa.was-cccccccccccccccc.jsonl", 1)]
    );
    assert_eq!(twin.read("aaaaaaaaaaaaaaaa.jsonl"), "1\n2 on twin\n");
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "1\n2 on a");
    // Until the store takes a fresh id, every sync says so again, and the
    // stray follows the other machine's log.
    a.write("aaaaaaaaaaaaaaaa.jsonl", "3 on a\n");
    a.sync(None).unwrap();
    let report = twin.sync(None).unwrap();
    assert_eq!(report.copied_home, vec![stray.clone()]);
    assert_eq!(fs::read_to_string(&stray).unwrap(), "1\n2 on a\n3 on a\n");
    assert!(report.pushed.is_empty());
    assert_eq!(
        world.on_remote("aaaaaaaaaaaaaaaa.jsonl"),
        "1\n2 on a\n3 on a"
    );
    // The first machine never hears of the twin's stray.
    assert!(
        !a.place
            .folder
            .join("aaaaaaaaaaaaaaaa-from-git.jsonl")
            .exists()
    );
}

#[test]
fn a_machine_without_a_git_identity_commits_in_the_devices_name() {
    let world = World::new();
    let a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    a.sync(Some(&world.remote())).unwrap();
    assert_eq!(
        a.git(&["log", "-1", "--format=%an <%ae>"]),
        "roadmap on aaaaaaaaaaaaaaaa <aaaaaaaaaaaaaaaa@roadmap.invalid>"
    );
    assert!(!a.home.join("gitconfig").exists(), "no user config written");
    assert!(
        !a.git(&["config", "--local", "--list"]).contains("user."),
        "no identity stored in the clone"
    );
}

#[test]
fn a_machine_with_a_git_identity_commits_with_it_and_its_config_is_untouched() {
    let world = World::new();
    let a = world.machine("a", A);
    let config = "[user]\n\tname = Ada\n\temail = ada@example.com\n";
    fs::write(a.home.join("gitconfig"), config).unwrap();
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    a.sync(Some(&world.remote())).unwrap();
    assert_eq!(
        a.git(&["log", "-1", "--format=%an <%ae>"]),
        "Ada <ada@example.com>"
    );
    assert_eq!(
        fs::read_to_string(a.home.join("gitconfig")).unwrap(),
        config
    );
    let home_files: Vec<_> = fs::read_dir(&a.home)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(home_files, vec![OsString::from("gitconfig")]);
}

#[test]
fn other_branches_of_the_remote_are_left_alone() {
    let world = World::new();
    world.git(&["init", "--quiet", "project"]);
    fs::write(world.dir.path().join("project/README"), "mine\n").unwrap();
    world.git(&["-C", "project", "add", "README"]);
    world.git(&["-C", "project", "commit", "--quiet", "-m", "mine"]);
    let remote = world.remote();
    world.git(&[
        "-C",
        "project",
        "push",
        "--quiet",
        &remote,
        "HEAD:refs/heads/main",
    ]);
    let main = world.git(&["--git-dir", "remote.git", "rev-parse", "main"]);
    let a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    a.sync(Some(&remote)).unwrap();
    assert_eq!(
        world.git(&["--git-dir", "remote.git", "rev-parse", "main"]),
        main
    );
    assert!(
        a.git(&["for-each-ref", "--format=%(refname)"])
            .lines()
            .all(|r| r.contains(BRANCH))
    );
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "a1");
}

#[test]
fn a_device_id_that_is_no_file_name_is_refused() {
    let world = World::new();
    let a = world.machine("a", "../x");
    let err = a.sync(Some(&world.remote())).unwrap_err();
    assert!(err.to_string().contains("not a valid"), "{err}");
}

#[test]
fn a_folder_that_is_a_file_is_refused() {
    let world = World::new();
    let a = world.machine("a", A);
    fs::write(&a.place.folder, "{}").unwrap();
    let err = a.sync(Some(&world.remote())).unwrap_err();
    assert!(err.to_string().contains("not a folder"), "{err}");
}

/// An executable script `name` in `dir`, `body` run by `sh`.
#[cfg(unix)]
fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt as _;
    fs::create_dir_all(dir).unwrap();
    let path = dir.join(name);
    fs::write(&path, format!("#!/bin/sh\n{body}")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

/// A `git` first on `PATH` that answers `fetch` as a remote refusing
/// the user would, and runs the real git for everything else.
#[cfg(unix)]
fn refusing_git(dir: &Path) -> PathBuf {
    let real = std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join("git"))
        .find(|git| git.is_file())
        .expect("git on PATH");
    let bin = dir.join("refusing-bin");
    let body = format!(
        "for arg in \"$@\"; do\n  if [ \"$arg\" = fetch ]; then\n    \
         echo \"remote: Invalid username or token.\" >&2\n    \
         echo \"fatal: Authentication failed for 'https://example.com/me/progress.git/'\" >&2\n    \
         exit 128\n  fi\ndone\nexec '{}' \"$@\"\n",
        real.display()
    );
    script(&bin, "git", &body);
    bin
}

#[cfg(unix)]
#[test]
fn a_remote_that_refuses_the_user_is_told_from_one_that_cannot_be_reached() {
    let world = World::new();
    let mut a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    a.env = test_env(&a.home, Some(&refusing_git(world.dir.path())));
    let err = a
        .sync(Some("https://example.com/me/progress.git"))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the remote https://example.com/me/progress.git refused access: \
         Authentication failed for 'https://example.com/me/progress.git/'; \
         remote: Invalid username or token."
    );
    assert!(!a.place.clone.exists());
    assert_eq!(a.read("aaaaaaaaaaaaaaaa.jsonl"), "a1\n");
}

#[cfg(unix)]
#[test]
fn the_users_hooks_signing_and_merge_settings_do_not_stop_a_sync() {
    let world = World::new();
    let a = world.machine("a", A);
    let b = world.machine("b", B);
    for machine in [&a, &b] {
        let hooks = machine.home.join("hooks");
        for hook in ["pre-commit", "commit-msg", "pre-push", "pre-merge-commit"] {
            script(&hooks, hook, "echo refused by hook >&2\nexit 1\n");
        }
        let config = format!(
            "[user]\n\tname = U\n\temail = u@example.com\n\
             [core]\n\thooksPath = {}\n\tautocrlf = true\n\
             [commit]\n\tgpgSign = true\n[gpg]\n\tprogram = /no/such/gpg\n\
             [merge]\n\tff = only\n\tverifySignatures = true\n",
            hooks.display()
        );
        fs::write(machine.home.join("gitconfig"), config).unwrap();
    }
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    b.write("bbbbbbbbbbbbbbbb.jsonl", "b1\n");
    a.sync(Some(&world.remote())).unwrap();
    b.sync(Some(&world.remote())).unwrap();
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a2\n");
    b.write("bbbbbbbbbbbbbbbb.jsonl", "b2\n");
    b.sync(None).unwrap();
    a.sync(None).unwrap();
    b.sync(None).unwrap();
    assert_eq!(a.folder(), b.folder());
    assert_eq!(
        b.read("aaaaaaaaaaaaaaaa.jsonl"),
        "a1\na2\n",
        "no CRLF came in"
    );
}

fn report(pushed: usize, came_in: &[(&str, usize)]) -> Report {
    Report {
        remote: "git@example.com:me/p.git".to_owned(),
        pushed: (pushed > 0)
            .then(|| lines("a.jsonl", pushed))
            .into_iter()
            .collect(),
        came_in: came_in.iter().map(|(name, n)| lines(name, *n)).collect(),
        ..Report::default()
    }
}

#[test]
fn the_summary_says_what_moved_in_one_line() {
    assert_eq!(
        report(0, &[]).summary(),
        "Up to date with git@example.com:me/p.git"
    );
    assert_eq!(
        report(3, &[]).summary(),
        "Pushed 3 changes to git@example.com:me/p.git"
    );
    assert_eq!(
        report(1, &[("b.jsonl", 2), ("b.was-c.jsonl", 1)]).summary(),
        "Pushed 1 change to git@example.com:me/p.git; 3 changes came in from 1 other device"
    );
    assert_eq!(
        report(0, &[("b.jsonl", 1), ("c.jsonl", 1)]).summary(),
        "From git@example.com:me/p.git: 2 changes came in from 2 other devices"
    );
    assert_eq!(report(0, &[]).short_summary(), "Synced: up to date");
    assert_eq!(
        report(2, &[("b.jsonl", 1)]).short_summary(),
        "Synced: pushed 2 changes; 1 change came in from 1 other device"
    );
}

#[test]
fn a_sync_run_again_at_once_is_summed_up_as_one() {
    let mut first = report(0, &[("b.jsonl", 2)]);
    first.copied_home = vec![PathBuf::from("a-from-git.jsonl")];
    first.restored = vec![lines("a.was-c.jsonl", 1)];
    let mut again = report(3, &[("b.jsonl", 1), ("a.jsonl", 4)]);
    again.retries = 1;
    let both = first.followed_by(again);
    assert_eq!(both.pushed, vec![lines("a.jsonl", 3)]);
    assert_eq!(both.came_in, vec![lines("b.jsonl", 3), lines("a.jsonl", 4)]);
    assert!(both.copied_home.is_empty(), "the later sync's");
    assert_eq!(both.retries, 1);
    assert_eq!(
        both.summary(),
        "Pushed 3 changes to git@example.com:me/p.git; 1 change came back to this device; \
         7 changes came in from 2 other devices"
    );
    assert_eq!(
        both.short_summary(),
        "Synced: pushed 3 changes; 1 change came back to this device; 7 changes came in from \
         2 other devices"
    );
}

#[test]
fn a_damaged_clone_is_named_never_mistaken_for_a_folder_above_and_remade_from_the_remote() {
    let world = World::new();
    let a = world.machine("a", A);
    a.write(&format!("{A}.jsonl"), "{\"x\":1}\n");
    a.sync(Some(&world.remote())).unwrap();
    // The folder above the clone is a repository of its own (a home kept
    // in git): a clone git cannot read must not send it there.
    world.git(&["init", "--quiet", "a"]);
    fs::write(a.place.clone.join(".git/HEAD"), "garbage\n").unwrap();
    let err = a.sync(None).unwrap_err().to_string();
    assert!(
        err.contains("is damaged") && err.contains("roadmap sync --remote URL"),
        "{err}"
    );
    a.write(&format!("{A}.jsonl"), "{\"x\":2}\n");
    let report = a.sync(Some(&world.remote())).unwrap();
    assert_eq!(report.pushed_changes(), 1, "{report:?}");
    assert_eq!(
        world.on_remote(&format!("{A}.jsonl")),
        "{\"x\":1}\n{\"x\":2}"
    );
    let above = world.git(&["-C", "a", "log", "--oneline", "--all"]);
    assert!(above.is_empty(), "nothing committed above: {above}");
}
