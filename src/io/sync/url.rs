//! A remote's URL as sync keeps it and as it shows it. Git's config
//! keeps the URL exactly as the user gave it (a token in it is how git
//! logs in); whatever sync prints shows it with the password hidden,
//! `https://user:***@host/x.git` (and a user name alone over http, how a
//! token is often given, as `https://***@host/x.git`), so a summary, an
//! error or `sync --status` pasted into an issue gives no token away.
//!
//! Text only: reads no file but the one `stat` that tells a local path.

use std::path::Path;

use crate::domain::safe_text::clean_line;

/// What stands for a hidden password.
const HIDDEN: &str = "***";

/// `url` as sync prints it: safe for the terminal, its password hidden.
pub(super) fn shown(url: &str) -> String {
    hide_passwords(&clean_line(url))
}

/// `text` with the password of every URL in it (`scheme://user:password@`)
/// replaced by `***`: a URL's own text, or a line of git's that names one.
pub(super) fn hide_passwords(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("://") {
        let (before, after) = rest.split_at(at + 3);
        out.push_str(before);
        // Over http a user name alone is how a token is given
        // (`https://ghp_…@github.com/…`); over ssh it is only `git`.
        let web = before.ends_with("http://") || before.ends_with("https://");
        // The authority ends where the path, query or fragment starts, or
        // where the URL does in a line of text.
        let end = after
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '\'' | '"' | '<' | '>') || c.is_whitespace()
            })
            .unwrap_or(after.len());
        let (authority, tail) = after.split_at(end);
        match authority.rsplit_once('@') {
            Some((userinfo, host)) => match userinfo.split_once(':') {
                Some((user, password)) if !password.is_empty() => {
                    out.push_str(user);
                    out.push(':');
                    out.push_str(HIDDEN);
                    out.push('@');
                    out.push_str(host);
                }
                None if web && !userinfo.is_empty() => {
                    out.push_str(HIDDEN);
                    out.push('@');
                    out.push_str(host);
                }
                _ => out.push_str(authority),
            },
            None => out.push_str(authority),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

/// A remote given as a path that exists is made absolute: git runs in
/// the clone, not where the user typed it.
pub(super) fn local_path_made_absolute(remote: &str) -> String {
    let path = Path::new(remote);
    if !remote.contains("://")
        && path.exists()
        && let Ok(absolute) = std::path::absolute(path)
        && let Some(text) = absolute.to_str()
    {
        return text.to_owned();
    }
    remote.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_given_as_the_user_name_over_http_is_hidden_but_ssh_users_are_not() {
        assert_eq!(
            hide_passwords("https://ghp_TOKEN123@github.com/you/x.git"),
            "https://***@github.com/you/x.git"
        );
        assert_eq!(
            hide_passwords("ssh://git@github.com/you/x.git"),
            "ssh://git@github.com/you/x.git"
        );
        assert_eq!(
            hide_passwords("git@github.com:you/x.git"),
            "git@github.com:you/x.git"
        );
    }

    #[test]
    fn a_password_in_a_url_is_hidden_and_nothing_else_is() {
        assert_eq!(
            hide_passwords("https://user:s3cret@host/x.git"),
            "https://user:***@host/x.git"
        );
        assert_eq!(
            hide_passwords("https://user:s3:cr@t@host:8443/x.git"),
            "https://user:***@host:8443/x.git",
            "a password with a colon or an @ is hidden whole"
        );
        for kept in [
            "https://host/x.git",
            "https://host:8443/x.git",
            "ssh://git@host:22/x.git",
            "git@github.com:you/progress.git",
            "/home/you/progress.git",
            "https://host/@scope/x:y@z",
            "https://user:@host/x.git",
        ] {
            assert_eq!(hide_passwords(kept), kept);
        }
    }

    #[test]
    fn every_url_in_a_line_of_git_has_its_password_hidden() {
        assert_eq!(
            hide_passwords(
                "unable to access 'https://me:tok@a.example/x.git/': and http://u:p@b.example"
            ),
            "unable to access 'https://me:***@a.example/x.git/': and http://u:***@b.example"
        );
        assert_eq!(shown("https://u:p@h/\u{1b}[2J"), "https://u:***@h/\\x1b[2J");
    }
}
