//! What a sync mends or refuses to remember: a sync stopped half way, the
//! lock files and half-done work a killed git leaves in the clone, a
//! progress folder that was lost, a password in a remote's URL, a blank
//! remote. Same machines and remote as the tests around.

use std::time::{Duration, Instant};

use super::*;

/// Whether process `pid` has ended (gone, or a zombie no one reaped).
#[cfg(target_os = "linux")]
fn ended(pid: &str) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .is_some_and(|rest| rest.trim_start().starts_with('Z')),
        Err(_) => true,
    }
}

/// A machine whose ssh never reaches its host: it notes its id in
/// `ssh.pid` and sleeps far longer than any test waits.
#[cfg(unix)]
fn with_hanging_ssh(world: &World, machine: &mut Machine) -> PathBuf {
    let dir = world.dir.path().join("hanging");
    let pid = dir.join("ssh.pid");
    let ssh = script(
        &dir,
        "ssh",
        &format!("echo $$ > '{}'\nexec sleep 30\n", pid.display()),
    );
    machine.env.push(("GIT_SSH_COMMAND".into(), ssh.into()));
    pid
}

/// Asks to stop once 200 ms have passed.
fn after_200_ms() -> impl Fn() -> bool {
    let start = Instant::now();
    move || start.elapsed() > Duration::from_millis(200)
}

const UNREACHABLE: &str = "me@unreachable.invalid:progress.git";

#[cfg(unix)]
#[test]
fn a_sync_stopped_while_ssh_hangs_ends_git_and_leaves_no_clone() {
    let world = World::new();
    let mut a = world.machine("a", A);
    let pid = with_hanging_ssh(&world, &mut a);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    let before = a.folder();
    let start = Instant::now();
    let stop = after_200_ms();
    let err = sync_with(&a.place, Some(UNREACHABLE), &a.env, &stop, &mut |_| Ok(())).unwrap_err();
    assert!(start.elapsed() < Duration::from_secs(20), "waited on ssh");
    assert_eq!(
        err.downcast_ref::<Stopped>(),
        Some(&Stopped {
            during: "fetch".to_owned()
        }),
        "{err:#}"
    );
    assert!(
        err.to_string()
            .starts_with("sync stopped during `git fetch`")
    );
    assert_eq!(a.folder(), before);
    assert!(!a.place.clone.exists());
    assert!(!with_suffix(&a.place.clone, ".new").exists());
    #[cfg(target_os = "linux")]
    {
        let pid = fs::read_to_string(&pid).unwrap();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !ended(pid.trim()) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert!(ended(pid.trim()), "the ssh git started was ended too");
    }
    let _ = pid;
}

#[cfg(unix)]
#[test]
fn a_sync_stopped_on_a_machine_that_syncs_keeps_its_remote_and_the_next_one_works() {
    let world = World::new();
    let mut a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    a.sync(Some(&world.remote())).unwrap();
    with_hanging_ssh(&world, &mut a);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a2\n");
    let stop = after_200_ms();
    let err = sync_with(&a.place, Some(UNREACHABLE), &a.env, &stop, &mut |_| Ok(())).unwrap_err();
    assert!(err.is::<Stopped>(), "{err:#}");
    assert_eq!(a.status().remote, Some(world.remote()));
    assert_eq!(a.sync(None).unwrap().pushed_changes(), 1);
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "a1\na2");
    // A stop asked before git starts runs none.
    let err = sync_with(&a.place, None, &a.env, &|| true, &mut |_| Ok(())).unwrap_err();
    assert!(err.is::<Stopped>(), "{err:#}");
}

#[test]
fn lock_files_and_work_a_killed_git_left_in_the_clone_are_cleared() {
    let world = World::new();
    let a = world.machine("a", A);
    let b = world.machine("b", B);
    b.write("bbbbbbbbbbbbbbbb.jsonl", "b1\n");
    b.sync(Some(&world.remote())).unwrap();
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    a.sync(Some(&world.remote())).unwrap();
    // A git killed half way: another device's log changed and staged, a
    // merge begun, and the locks it held.
    let clone = &a.place.clone;
    fs::write(clone.join("bbbbbbbbbbbbbbbb.jsonl"), "not b's\n").unwrap();
    a.git(&["add", "bbbbbbbbbbbbbbbb.jsonl"]);
    let head = a.git(&["rev-parse", "HEAD"]);
    let gitdir = clone.join(".git");
    fs::write(gitdir.join("MERGE_HEAD"), format!("{head}\n")).unwrap();
    let locks = [
        "index.lock",
        "HEAD.lock",
        "config.lock",
        "packed-refs.lock",
        "refs/heads/roadmap-progress.lock",
        "refs/remotes/origin/roadmap-progress.lock",
    ];
    for lock in locks {
        fs::write(gitdir.join(lock), "").unwrap();
    }
    // Not git's lock files: left alone.
    fs::write(gitdir.join("info/mine.lock"), "").unwrap();
    fs::write(clone.join("notes.lock"), "").unwrap();

    a.write("aaaaaaaaaaaaaaaa.jsonl", "a2\n");
    assert_eq!(a.sync(None).unwrap().pushed_changes(), 1);
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "a1\na2");
    assert_eq!(world.on_remote("bbbbbbbbbbbbbbbb.jsonl"), "b1");
    for lock in locks {
        assert!(!gitdir.join(lock).exists(), "{lock}");
    }
    assert!(!gitdir.join("MERGE_HEAD").exists());
    assert!(gitdir.join("info/mine.lock").exists() && clone.join("notes.lock").exists());
    assert_eq!(a.git(&["rev-list", "--count", "--merges", "HEAD"]), "0");
}

#[test]
fn a_progress_folder_that_was_lost_gets_this_devices_logs_back() {
    let world = World::new();
    let a = world.machine("a", A);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "1\n2\n");
    a.write("aaaaaaaaaaaaaaaa.was-cccccccccccccccc.jsonl", "c1\n");
    a.sync(Some(&world.remote())).unwrap();
    let before = a.folder();
    fs::remove_dir_all(&a.place.folder).unwrap();

    let report = a.sync(None).unwrap();
    assert_eq!(
        report.restored,
        vec![
            lines("aaaaaaaaaaaaaaaa.jsonl", 2),
            lines("aaaaaaaaaaaaaaaa.was-cccccccccccccccc.jsonl", 1)
        ]
    );
    assert!(report.pushed.is_empty() && report.came_in.is_empty());
    assert_eq!(
        report.summary(),
        format!(
            "From {}: 3 changes came back to this device",
            world.remote()
        )
    );
    let mut after = a.folder();
    after.retain(|(name, _)| !name.ends_with(".lock"));
    assert_eq!(after, before);
    assert_eq!(a.status().unpushed_changes(), 0);
    a.write("aaaaaaaaaaaaaaaa.jsonl", "3\n");
    let report = a.sync(None).unwrap();
    assert!(report.restored.is_empty());
    assert_eq!(report.pushed, vec![lines("aaaaaaaaaaaaaaaa.jsonl", 1)]);
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "1\n2\n3");
}

#[test]
fn a_password_in_the_remotes_url_is_kept_for_git_and_never_shown() {
    let world = World::new();
    let a = world.machine("a", A);
    // git reaches the local remote through this URL, as through a token.
    let url = "https://me:s3cret@example.com/p.git";
    let config = format!("[url \"{}\"]\n\tinsteadOf = {url}\n", world.remote());
    fs::write(a.home.join("gitconfig"), config).unwrap();
    a.write("aaaaaaaaaaaaaaaa.jsonl", "a1\n");
    let report = a.sync(Some(url)).unwrap();
    let shown = "https://me:***@example.com/p.git";
    assert_eq!(report.remote, shown);
    assert_eq!(report.summary(), format!("Pushed 1 change to {shown}"));
    assert_eq!(a.status().remote.as_deref(), Some(shown));
    assert_eq!(a.git(&["config", "remote.origin.url"]), url);
    assert_eq!(world.on_remote("aaaaaaaaaaaaaaaa.jsonl"), "a1");
}

#[cfg(unix)]
#[test]
fn a_password_is_hidden_in_an_error_too() {
    let world = World::new();
    let mut a = world.machine("a", A);
    a.env = test_env(&a.home, Some(&refusing_git(world.dir.path())));
    let err = a
        .sync(Some("https://me:s3cret@example.com/me/progress.git"))
        .unwrap_err();
    let text = format!("{err:#}");
    assert!(
        text.starts_with("the remote https://me:***@example.com/me/progress.git refused"),
        "{text}"
    );
    assert!(!text.contains("s3cret"), "{text}");
}

#[test]
fn a_blank_remote_is_refused_before_anything_is_made() {
    let world = World::new();
    let a = world.machine("a", A);
    let err = a.sync(Some(" \t")).unwrap_err();
    assert!(err.to_string().contains("blank"), "{err}");
    assert!(!a.place.clone.exists());
}
