//! The names of the files the store keeps beside the state file: its
//! lock, the copies it makes before it cuts or rewrites anything, and its
//! temporary files. One list, so that an output path (`-o`) can refuse
//! every one of them and a later start can find its own leftovers.
//!
//! Names only: nothing here writes, and the only reads are the `stat`s
//! and link lookups [`real_path`] needs to resolve a path.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

/// Where the lock beside `state` is.
pub fn lock(state: &Path) -> PathBuf {
    sibling(state, ".lock")
}

/// `<name>.v1.bak`: a version 1 file as it was before it was converted.
pub fn v1_backup(state: &Path) -> PathBuf {
    sibling(state, ".v1.bak")
}

/// `<name>.v1-<stamp>.bak`, when `<name>.v1.bak` is taken already.
pub fn v1_backup_at(state: &Path, stamp: &str) -> PathBuf {
    sibling(state, &format!(".v1-{stamp}.bak"))
}

/// `<name>.damaged-<stamp>[-n]`: a damaged file, byte for byte.
pub fn damaged(state: &Path, stamp: &str, n: usize) -> PathBuf {
    sibling(state, &format!(".damaged-{stamp}{}", numbered(n)))
}

/// `<name>.cut-<stamp>[-n]`: the bytes of a torn last line, kept before
/// they are cut off.
pub fn cut(state: &Path, stamp: &str, n: usize) -> PathBuf {
    sibling(state, &format!(".cut-{stamp}{}", numbered(n)))
}

/// The kinds of copy the store makes (damaged, cut, version 1), as the
/// start of their names.
pub fn copy_prefixes(state: &Path) -> [String; 3] {
    let name = name_of(state);
    [
        format!("{name}.damaged-"),
        format!("{name}.cut-"),
        format!("{name}.v1"),
    ]
}

/// The start and end of a temporary file's name: a rewrite of `state` or
/// a copy being made. Named after the state file, so that two state files
/// in one folder never take each other's temporaries for leftovers.
pub fn temp_affixes(state: &Path) -> (String, &'static str) {
    (format!(".{}.", name_of(state)), ".tmp")
}

/// How builds before 0.2 named their temporaries, whatever the state
/// file: leftovers of theirs are removed only when old (see the store).
pub const LEGACY_TEMP_PREFIX: &str = ".roadmap-state-";

/// Whether `name` (a file name in the state file's folder, as the system
/// spells it: not always UTF-8) is one of the store's temporaries for
/// `state`.
pub fn is_temp(state: &Path, name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    let prefix = [b".", name_bytes(state), b"."].concat();
    // The random part has no dot: `.p.json.x.tmp` is `p.json`'s, not `p`'s.
    name.strip_prefix(prefix.as_slice())
        .and_then(|rest| rest.strip_suffix(b".tmp"))
        .is_some_and(|random| !random.is_empty() && !random.contains(&b'.'))
}

/// Whether `name` is a temporary of an older build.
pub fn is_legacy_temp(name: &OsStr) -> bool {
    let name = name.as_encoded_bytes();
    name.starts_with(LEGACY_TEMP_PREFIX.as_bytes()) && name.ends_with(b".tmp")
}

/// Whether `candidate` is `state` itself or one of the files the store
/// keeps beside it. Both paths must already be resolved ([`real_path`]).
pub fn is_own_file(state: &Path, candidate: &Path) -> bool {
    if candidate == state {
        return true;
    }
    if candidate.parent() != state.parent() {
        return false;
    }
    let Some(name) = candidate.file_name() else {
        return false;
    };
    // As bytes: a name need not be UTF-8, and its files are still its own.
    let Some(rest) = name.as_encoded_bytes().strip_prefix(name_bytes(state)) else {
        return is_temp(state, name) || is_legacy_temp(name);
    };
    rest == b".lock"
        || rest == b".v1.bak"
        || (rest.starts_with(b".v1-") && rest.ends_with(b".bak"))
        || rest.starts_with(b".damaged-")
        || rest.starts_with(b".cut-")
}

fn name_bytes(state: &Path) -> &[u8] {
    state.file_name().unwrap_or_default().as_encoded_bytes()
}

/// The path with every symlink resolved, so that two sessions that name
/// the same file differently (a link, its target) share one lock, and an
/// output path that leads to the state file is seen to. A file not there
/// yet resolves through its folder.
pub fn real_path(path: &Path) -> PathBuf {
    let mut path = path.to_owned();
    // A link whose target does not exist yet (a dotfiles manager's link
    // before the first save) is followed by hand.
    for _ in 0..40 {
        if let Ok(real) = fs::canonicalize(&path) {
            return real;
        }
        match fs::read_link(&path) {
            Ok(target) => path = parent(&path).join(target),
            Err(_) => break,
        }
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) if !dir.as_os_str().is_empty() => fs::canonicalize(dir)
            .map(|dir| dir.join(name))
            .unwrap_or_else(|_| path.clone()),
        _ => std::env::current_dir()
            .map(|dir| dir.join(&path))
            .unwrap_or(path),
    }
}

/// The folder `path` is in (`.` for a bare name).
pub fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

fn name_of(state: &Path) -> String {
    state
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned()
}

/// `<name><suffix>` beside `path`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(suffix);
    path.with_file_name(name)
}

fn numbered(n: usize) -> String {
    if n < 2 {
        String::new()
    } else {
        format!("-{n}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_the_store_keeps_is_its_own_and_nothing_else_is() {
        let state = Path::new("/s/progress.json");
        for own in [
            "/s/progress.json",
            "/s/progress.json.lock",
            "/s/progress.json.v1.bak",
            "/s/progress.json.v1-20261201T101010Z.bak",
            "/s/progress.json.damaged-20261201T101010Z",
            "/s/progress.json.damaged-20261201T101010Z-3",
            "/s/progress.json.cut-20261201T101010Z",
            "/s/.progress.json.a1B2c3.tmp",
            "/s/.roadmap-state-a1B2c3.tmp",
        ] {
            assert!(is_own_file(state, Path::new(own)), "{own}");
        }
        for other in [
            "/s/progress.json.md",
            "/s/progress.jsonl",
            "/s/other.json.lock",
            "/t/progress.json",
            "/s/.other.json.x.tmp",
            "/s/.progress.json..tmp",
        ] {
            assert!(!is_own_file(state, Path::new(other)), "{other}");
        }
        // A state file whose name starts another's does not take its
        // temporaries for its own.
        assert!(!is_temp(Path::new("/s/p"), ".p.json.Ab12Cd.tmp".as_ref()));
        assert!(is_temp(
            Path::new("/s/p.json"),
            ".p.json.Ab12Cd.tmp".as_ref()
        ));
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let odd = Path::new(std::ffi::OsStr::from_bytes(b"/s/st\xffate.json"));
            for suffix in [&b".lock"[..], b".damaged-x", b".cut-y", b".v1.bak"] {
                let own = [&b"/s/st\xffate.json"[..], suffix].concat();
                assert!(is_own_file(
                    odd,
                    Path::new(std::ffi::OsStr::from_bytes(&own))
                ));
            }
            let temp = Path::new(std::ffi::OsStr::from_bytes(b"/s/.st\xffate.json.abc.tmp"));
            assert!(
                is_own_file(odd, temp),
                "a name that is not UTF-8 keeps its files"
            );
        }
        assert_eq!(lock(state), Path::new("/s/progress.json.lock"));
        assert_eq!(
            damaged(state, "T", 2),
            Path::new("/s/progress.json.damaged-T-2")
        );
        assert_eq!(cut(state, "T", 1), Path::new("/s/progress.json.cut-T"));
        assert_eq!(
            v1_backup_at(state, "T"),
            Path::new("/s/progress.json.v1-T.bak")
        );
    }

    #[test]
    fn a_bare_name_resolves_in_the_current_folder() {
        let real = real_path(Path::new("no-such-file-here.json"));
        assert!(real.is_absolute(), "{}", real.display());
        assert_eq!(real.file_name().unwrap(), "no-such-file-here.json");
    }
}
