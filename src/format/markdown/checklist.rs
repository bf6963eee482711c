//! A roadmap's progress as a GitHub Markdown checklist, what `roadmap
//! export` writes: the title and totals in bold, `#` per level and `##`
//! per topic with their counts, `- [x]` for done items and `- [ ]` for the
//! rest (in-progress and skipped ones say so), and each note as a quote
//! under its item. [`super::parse`] reads it back to the same titles,
//! statuses and notes. Pure: a [`Summary`] in, text out.
//!
//! Titles come cleaned by the loader; notes are cleaned here
//! ([`clean_block`]), so no control character reaches the file. Only what
//! Markdown would read as markup where the text stands is escaped, so a
//! title reads the same in the file as on the page.

use crate::domain::progress::Status;
use crate::domain::safe_text::clean_block;
use crate::domain::summary::{Counts, ItemState, Summary};

/// How an exported checklist marks statuses a checkbox cannot show.
pub const IN_PROGRESS: &str = "*(in progress)*";
pub const SKIPPED: &str = "*(skipped)*";

/// The checklist of `summary`. The same summary always gives the same
/// bytes.
pub fn checklist(summary: &Summary) -> String {
    let mut out = format!(
        "**{}** · {}\n",
        escape(&summary.roadmap.title),
        counts_text(&summary.totals)
    );
    for level in &summary.levels {
        out.push_str(&format!(
            "\n# {} · {}\n",
            escape(&level.title),
            counts_text(&level.counts)
        ));
        for topic in &level.topics {
            out.push_str(&format!(
                "\n## {} · {}/{} done\n\n",
                escape(&topic.title),
                topic.counts.done,
                topic.counts.total
            ));
            for item in &topic.items {
                push_item(&mut out, item);
            }
        }
    }
    out
}

fn push_item(out: &mut String, item: &ItemState) {
    let title = escape(item.title.as_deref().unwrap_or(&item.key));
    let line = match item.status {
        Status::Done => format!("- [x] {title}"),
        Status::Pending => format!("- [ ] {title}"),
        Status::InProgress => format!("- [ ] {title} {IN_PROGRESS}"),
        Status::Skipped => format!("- [ ] {title} {SKIPPED}"),
    };
    out.push_str(&line);
    out.push('\n');
    if let Some(note) = &item.note {
        out.push_str(&quote(note));
    }
}

/// `12/85 done · 14%`, with in-progress and skipped counts when there are
/// any.
fn counts_text(counts: &Counts) -> String {
    let mut text = format!("{}/{} done", counts.done, counts.total);
    if counts.in_progress > 0 {
        text.push_str(&format!(" · {} in progress", counts.in_progress));
    }
    if counts.skipped > 0 {
        text.push_str(&format!(" · {} skipped", counts.skipped));
    }
    text.push_str(&format!(" · {}%", counts.percent));
    text
}

/// `note` as a quote inside the list item above it: a `>` line per line
/// of the note, a bare `>` between paragraphs. Lines of one paragraph end
/// in a backslash, Markdown's hard line break, so they stay lines.
/// What does not survive Markdown is tidied first: spaces around a line,
/// and blank lines beyond one.
fn quote(note: &str) -> String {
    let note = tidy_note(&clean_block(note));
    let mut out = String::new();
    let lines: Vec<&str> = note.lines().collect();
    for (at, line) in lines.iter().enumerate() {
        if line.is_empty() {
            out.push_str("  >\n");
            continue;
        }
        let more = lines.get(at + 1).is_some_and(|next| !next.is_empty());
        out.push_str("  > ");
        out.push_str(&escape_line_start(line));
        out.push_str(if more { "\\\n" } else { "\n" });
    }
    out
}

/// A note as it reads back from [`quote`]: each line trimmed, at most one
/// blank line in a row, none at either end.
pub fn tidy_note(note: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for line in note.lines().map(str::trim) {
        if line.is_empty() && lines.last().is_none_or(|last| last.is_empty()) {
            continue;
        }
        lines.push(line);
    }
    while lines.last().is_some_and(|last| last.is_empty()) {
        lines.pop();
    }
    lines.join("\n")
}

/// [`escape`], and what would start a block at the start of a line: a
/// heading, a list, a quote, a rule, a fence, a table row, HTML.
fn escape_line_start(line: &str) -> String {
    let escaped = escape(line);
    let first = escaped.chars().next().unwrap_or(' ');
    if matches!(first, '#' | '>' | '-' | '+' | '=' | '|' | '~') {
        return format!("\\{escaped}");
    }
    // `1.` and `1)` start an ordered list.
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    if digits > 0
        && let Some(mark @ ('.' | ')')) = escaped[digits..].chars().next()
    {
        return format!("{}\\{mark}{}", &escaped[..digits], &escaped[digits + 1..]);
    }
    escaped
}

/// Backslash-escapes what Markdown (GitHub's included) would read as
/// markup inside a line of text, and nothing else: emphasis and code
/// marks, link brackets, HTML, entities, strikethrough, math, and a
/// backslash that would escape what follows it.
fn escape(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let dollars = chars.iter().filter(|&&c| c == '$').count();
    let mut out = String::with_capacity(text.len());
    for (at, &c) in chars.iter().enumerate() {
        let before = at.checked_sub(1).map(|i| chars[i]);
        let after = chars.get(at + 1).copied();
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let needed = match c {
            '*' | '`' | '[' | '<' | '~' => true,
            // `snake_case` is no emphasis: only an underscore at a word's
            // edge can be.
            '_' => !word(before) || !word(after),
            '\\' => after.is_none_or(|next| next.is_ascii_punctuation()),
            '&' => is_entity(&chars[at + 1..]),
            // GitHub's math takes a pair.
            '$' => dollars > 1,
            _ => false,
        };
        if needed {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest`, what follows a `&`, makes it an entity: `amp;`,
/// `#35;`, `#x23;`.
fn is_entity(rest: &[char]) -> bool {
    let name = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name > 0 && rest.get(name) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::progress::{Entry, Progress};
    use crate::domain::roadmap::Roadmap;
    use crate::domain::safe_text::{clean_line, clean_line_for_file};
    use crate::format::markdown::parse;
    use crate::format::roadmap::load;

    fn roadmap() -> Roadmap {
        load::parse(
            "title: T\nid: t\nlevels:\n  - title: L\n    topics:\n      - {title: A, items: [One, Two, Three]}\n      - {title: B, items: [Four]}\n",
            "t.yaml",
            "t",
        )
        .unwrap()
    }

    fn progress(entries: &[(&str, Status)]) -> Progress {
        let mut progress = Progress::default();
        for &(key, status) in entries {
            progress.put(
                key,
                Some(Entry {
                    status,
                    updated: 86_400,
                }),
            );
        }
        progress
    }

    #[test]
    fn a_checklist_with_counts_in_the_headings_and_notes_quoted() {
        let mut progress = progress(&[
            ("l/a/one", Status::Done),
            ("l/a/two", Status::InProgress),
            ("l/b/four", Status::Skipped),
        ]);
        progress.set_note("l/a/one", "Read chapter 3.\nThen the exercises.\n\n# Later");
        let markdown = checklist(&Summary::new(&roadmap(), &progress, 0));
        assert_eq!(
            markdown,
            "**T** · 1/4 done · 1 in progress · 1 skipped · 25%\n\
             \n# L · 1/4 done · 1 in progress · 1 skipped · 25%\n\
             \n## A · 1/3 done\n\n\
             - [x] One\n  \
               > Read chapter 3.\\\n  \
               > Then the exercises.\n  \
               >\n  \
               > \\# Later\n\
             - [ ] Two *(in progress)*\n\
             - [ ] Three\n\
             \n## B · 0/1 done\n\n\
             - [ ] Four *(skipped)*\n"
        );
    }

    #[test]
    fn only_markup_is_escaped() {
        assert_eq!(
            escape("Data Structures & Algorithms"),
            "Data Structures & Algorithms"
        );
        assert_eq!(escape("C# and F#, a|b, 1 > 0!"), "C# and F#, a|b, 1 > 0!");
        assert_eq!(escape("snake_case and c:\\path"), "snake_case and c:\\path");
        assert_eq!(escape("*stars* [x] `tick`"), "\\*stars\\* \\[x] \\`tick\\`");
        assert_eq!(escape("_under_ <b> ~gone~"), "\\_under\\_ \\<b> \\~gone\\~");
        assert_eq!(escape("&amp; &#35; & ;"), "\\&amp; \\&#35; & ;");
        assert_eq!(escape("costs $5"), "costs $5");
        assert_eq!(escape("$a$ and $b"), "\\$a\\$ and \\$b");
        assert_eq!(escape("a\\*b ends\\"), "a\\\\\\*b ends\\\\");
    }

    #[test]
    fn note_lines_that_would_start_a_block_are_escaped() {
        assert_eq!(
            quote("- a\n+ b\n1. c\n2) d\n> e\n---\n=\n| f |\n~~~"),
            "  > \\- a\\\n  > \\+ b\\\n  > 1\\. c\\\n  > 2\\) d\\\n  > \\> e\\\n  > \\---\\\n  \
             > \\=\\\n  > \\| f |\\\n  > \\~\\~\\~\n"
        );
    }

    /// One level, topic and item, titled as given, the item with `note`.
    fn summary_of(level: &str, topic: &str, item: &str, note: Option<&str>) -> Summary {
        let yaml = crate::format::roadmap::file::Roadmap {
            head: head("Mine", "mine"),
            levels: vec![crate::format::roadmap::file::Level {
                head: head(level, "l"),
                topics: vec![crate::format::roadmap::file::Topic {
                    head: head(topic, "t"),
                    resources: Vec::new(),
                    items: vec![crate::format::roadmap::file::Item {
                        head: head(item, "i"),
                        resources: Vec::new(),
                    }],
                }],
            }],
        }
        .to_yaml()
        .unwrap();
        let roadmap = load::parse(&yaml, "t.yaml", "mine").unwrap();
        let mut progress = progress(&[("l/t/i", Status::InProgress)]);
        if let Some(note) = note {
            progress.set_note("l/t/i", note);
        }
        Summary::new(&roadmap, &progress, 0)
    }

    fn head(title: &str, id: &str) -> crate::format::roadmap::file::Head {
        crate::format::roadmap::file::Head {
            title: title.to_owned(),
            id: Some(id.to_owned()),
            description: None,
        }
    }

    /// The export of `summary`, read back: the same titles, status and
    /// note (tidied).
    fn assert_round_trip(summary: &Summary) {
        let markdown = checklist(summary);
        let draft = parse(&markdown).unwrap_or_else(|| panic!("nothing read from\n{markdown}"));
        let level = &summary.levels[0];
        let topic = &level.topics[0];
        let item = &topic.items[0];
        assert_eq!(
            draft.title.as_deref(),
            Some(summary.roadmap.title.as_str()),
            "{markdown}"
        );
        assert_eq!(draft.levels.len(), 1, "{markdown}");
        assert_eq!(draft.levels[0].title, level.title, "{markdown}");
        assert_eq!(draft.levels[0].children[0].title, topic.title, "{markdown}");
        let entry = &draft.levels[0].children[0].children[0];
        assert_eq!(Some(&entry.title), item.title.as_ref(), "{markdown}");
        assert_eq!(entry.status, item.status, "{markdown}");
        let note = item.note.as_deref().map(|n| {
            let lines: Vec<String> = clean_block(n).lines().map(clean_line_for_file).collect();
            tidy_note(&lines.join("\n"))
        });
        assert_eq!(entry.note, note.filter(|n| !n.is_empty()), "{markdown}");
    }

    #[test]
    fn titles_with_markup_come_back_the_same() {
        for title in [
            "Data Structures & Algorithms",
            "C# [x] *bold* _it_ `code` <b>tag</b> ~~del~~ $x$ &amp; a\\",
            "[ ] not a box",
            "\\*",
            "snake_case_name",
            "a · b",
            "1. first",
            "# hash",
            "> quote",
        ] {
            assert_round_trip(&summary_of(title, title, title, None));
        }
    }

    #[test]
    fn notes_come_back_the_same() {
        for note in [
            "one line",
            "two\nlines",
            "para one\n\npara two\nwith *stars* and [links](https://x.org)",
            "- a list?\n1. or this\n# or a heading\n---",
            "  spaced  \n\n\n\nfar apart\n",
            "escape \u{1b}[31m red",
        ] {
            assert_round_trip(&summary_of("L", "T", "I", Some(note)));
        }
    }

    proptest::proptest! {
        /// Any title the loader can give, and any note, reads back from an
        /// export as itself.
        #[test]
        fn any_title_and_note_round_trip(
            title in "[ -~é€Я日·\u{a0}]{1,40}",
            note in "([ -~é\n]|\u{1b})*",
        ) {
            // An import makes a run of spaces one, as in any title it reads.
            let title = clean_line_for_file(&clean_line(&title));
            // What the loader takes for an empty title never gets exported.
            proptest::prop_assume!(!title.trim().is_empty());
            // ` · ` followed by counts is what an export adds to a heading.
            let heading = title.replace(" · ", " - ");
            assert_round_trip(&summary_of(&heading, &heading, &title, Some(&note)));
        }
    }
}
