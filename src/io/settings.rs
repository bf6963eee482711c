//! Reading the settings file ([`crate::io::paths::settings_file`]): its
//! text through [`text_file::read`], the same guards as a roadmap file's,
//! then [`config::parse`]. It owns the messages of a settings file that
//! cannot be read; what the text means is [`config`]'s. It must not apply
//! a setting, nor write the file.

use std::path::Path;

use anyhow::{Context as _, Result, bail};

use crate::domain::safe_text::clean_line;
use crate::format::config::{self, Config};
use crate::io::text_file::{self, ReadError};

/// Reads and parses the settings file at `path`; `None` when there is
/// none, which is not an error.
pub fn load(path: &Path) -> Result<Option<Config>> {
    // The folder comes from the environment: made safe to print once.
    let shown = clean_line(&path.display().to_string());
    let text = match text_file::read(path, config::MAX_FILE_BYTES) {
        Ok(text) => text,
        Err(ReadError::Missing) => return Ok(None),
        Err(ReadError::Io(err)) => {
            return Err(err).with_context(|| format!("cannot read the settings {shown}"));
        }
        Err(ReadError::Directory) => {
            bail!("cannot read the settings {shown}: it is a directory, not a settings file")
        }
        Err(ReadError::NotRegular) => bail!(
            "cannot read the settings {shown}: it is not a regular file (a pipe or a device?), \
             not a settings file"
        ),
        Err(ReadError::TooLarge) => {
            bail!("the settings {shown} are larger than 1 MiB: is it the right file?")
        }
        Err(ReadError::NotUtf8(at)) => bail!(
            "{shown}:{}:{}: the settings are not UTF-8 text from here on",
            at.line,
            at.column
        ),
    };
    Ok(Some(config::parse(&text, &shown)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::config::ThemeName;

    /// `bytes` as the settings file in a fresh folder, and its path.
    fn settings(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(config::FILE_NAME);
        std::fs::write(&file, bytes).unwrap();
        (dir, file)
    }

    #[test]
    fn a_settings_file_that_is_not_utf8_is_an_error_at_its_place_with_a_clean_path() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("c\u{1b}]0;x\u{7}\u{202e}");
        std::fs::create_dir_all(&folder).unwrap();
        let file = folder.join("config.yaml");
        std::fs::write(&file, b"theme: dark\nmouse: \xff\n").unwrap();
        let message = load(&file).unwrap_err().to_string();
        assert!(
            message.contains("config.yaml:2:8: the settings are not UTF-8"),
            "{message}"
        );
        assert!(
            !message.chars().any(crate::domain::safe_text::is_unsafe),
            "no raw escape in {message:?}"
        );
    }

    #[test]
    fn no_settings_file_is_no_settings() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(&dir.path().join(config::FILE_NAME)).unwrap(), None);
    }

    #[test]
    fn a_settings_file_is_read_and_parsed() {
        let (_dir, file) = settings(b"theme: mono\n");
        let config = load(&file).unwrap().unwrap();
        assert_eq!(config.theme, Some(ThemeName::Mono));
        let (_dir, file) = settings(b"");
        assert_eq!(load(&file).unwrap(), Some(Config::default()));
    }

    #[test]
    fn a_bad_setting_is_reported_at_its_place_in_the_file() {
        let (_dir, file) = settings(b"mouse: maybe\n");
        let message = format!("{:#}", load(&file).unwrap_err());
        let shown = file.display().to_string();
        assert_eq!(
            message,
            format!("{shown}:1:8: `mouse`: expected `true` or `false`, found the text `maybe`")
        );
    }

    #[test]
    fn a_huge_settings_file_is_refused_unread() {
        let big = vec![b'#'; config::MAX_FILE_BYTES as usize + 1];
        let (_dir, file) = settings(&big);
        let message = load(&file).unwrap_err().to_string();
        assert!(message.ends_with("are larger than 1 MiB: is it the right file?"));
    }

    #[test]
    fn a_folder_or_a_pipe_is_no_settings_file() {
        let dir = tempfile::tempdir().unwrap();
        let message = load(dir.path()).unwrap_err().to_string();
        assert!(message.contains("is a directory"), "{message}");
        #[cfg(unix)]
        {
            let fifo = dir.path().join(config::FILE_NAME);
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|status| status.success()) {
                // Opening it would wait for a writer: the app would hang.
                let message = load(&fifo).unwrap_err().to_string();
                assert!(message.contains("not a regular file"), "{message}");
            }
        }
    }

    #[test]
    fn a_settings_path_through_a_file_cannot_be_read() {
        let (_dir, file) = settings(b"");
        let message = format!("{:#}", load(&file.join("config.yaml")).unwrap_err());
        assert!(
            message.starts_with("cannot read the settings "),
            "{message}"
        );
    }
}
