//! Finding topics and items across every level of a roadmap by the words
//! of a query. Pure: an [`Index`] of case-folded text, queried as the user
//! types, the places of the words in a title for highlighting, and the
//! excerpt of a note a hit was found in.
//!
//! A node matches when each word of the query occurs, in any case, in its
//! title, its description or (an item) the learner's note on it. Hits
//! whose title holds every word come first, then those found through
//! their description or note, each group in roadmap order.

use std::ops::Range;

use crate::domain::roadmap::Roadmap;
use crate::domain::safe_text::clean_line;
use crate::tui::tree::Row;

/// Where a hit is: its level and topic, and its item (`None`: the topic).
/// Ordered as the roadmap is: by level, topic, then the topic before its
/// items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Hit {
    pub level: usize,
    pub topic: usize,
    pub item: Option<usize>,
}

impl Hit {
    /// The hit's row in its level's tree.
    pub fn row(self) -> Row {
        match self.item {
            Some(item) => Row::Item {
                topic: self.topic,
                item,
            },
            None => Row::Topic(self.topic),
        }
    }
}

/// The folded text of every topic and item, built once when the search is
/// first opened, so a keystroke costs one scan of plain substring finds.
/// Notes change while the roadmap does not: [`Index::set_notes`] puts
/// them in afresh at each search.
#[derive(Debug, Clone, Default)]
pub struct Index {
    nodes: Vec<Node>,
    /// The folded notes, by the index of their node, in node order. Kept
    /// apart: few items have a note, and a field on every node would cost
    /// a 100,000-item roadmap 2.4 MB.
    notes: Vec<(usize, String)>,
}

#[derive(Debug, Clone)]
struct Node {
    hit: Hit,
    title: String,
    description: String,
}

impl Index {
    pub fn new(roadmap: &Roadmap) -> Index {
        let mut nodes = Vec::new();
        let node = |hit, title: &str, description: &str| Node {
            hit,
            title: fold(title),
            description: fold(description),
        };
        for (level, l) in roadmap.levels.iter().enumerate() {
            for (topic, t) in l.topics.iter().enumerate() {
                let hit = Hit {
                    level,
                    topic,
                    item: None,
                };
                nodes.push(node(hit, &t.title, &t.description));
                for (item, i) in t.items.iter().enumerate() {
                    let hit = Hit {
                        item: Some(item),
                        ..hit
                    };
                    nodes.push(node(hit, &i.title, &i.description));
                }
            }
        }
        Index {
            nodes,
            notes: Vec::new(),
        }
    }

    /// Replaces the notes searched with `notes`, each an item's and its
    /// note. In time for the notes there are, not for the roadmap's size:
    /// nodes are stored in [`Hit`] order, so each is found by bisection.
    pub fn set_notes<'n>(&mut self, notes: impl IntoIterator<Item = (Hit, &'n str)>) {
        self.notes = notes
            .into_iter()
            .filter(|(hit, note)| hit.item.is_some() && !note.is_empty())
            .filter_map(|(hit, note)| {
                let index = self
                    .nodes
                    .binary_search_by(|node| node.hit.cmp(&hit))
                    .ok()?;
                Some((index, fold(note)))
            })
            .collect();
        self.notes.sort_unstable_by_key(|(index, _)| *index);
        self.notes.dedup_by_key(|(index, _)| *index);
    }

    /// Every node matching `query`, title hits first. An empty query
    /// matches nothing.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        self.narrow(query, self.nodes.iter().map(|node| node.hit))
    }

    /// [`Index::find`] among `candidates` only (hits of a query this one
    /// extends: typing a letter can only narrow the hits).
    pub fn narrow(&self, query: &str, candidates: impl IntoIterator<Item = Hit>) -> Vec<Hit> {
        let words = words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let mut in_title = Vec::new();
        let mut elsewhere = Vec::new();
        let mut nodes = self.nodes.iter().enumerate();
        let mut notes = self.notes.iter().peekable();
        for candidate in candidates {
            // Candidates come in roadmap order, as the nodes (and the
            // notes) are stored.
            let Some((index, node)) = nodes.find(|(_, node)| node.hit == candidate) else {
                break;
            };
            let note = loop {
                match notes.peek() {
                    Some((at, _)) if *at < index => {
                        notes.next();
                    }
                    Some((at, note)) if *at == index => break note.as_str(),
                    _ => break "",
                }
            };
            if holds_all(&words, &[&node.title]) {
                in_title.push(node.hit);
            } else if holds_all(&words, &[&node.title, &node.description, note]) {
                elsewhere.push(node.hit);
            }
        }
        // Restore roadmap order within each group for the next narrowing.
        in_title.extend(elsewhere);
        in_title
    }
}

/// Whether every word (folded) occurs in one of the (folded) `texts`.
fn holds_all(words: &[String], texts: &[&str]) -> bool {
    words
        .iter()
        .all(|word| texts.iter().any(|text| text.contains(word.as_str())))
}

/// Whether an item matching `query` was found through its `note`: the
/// title and description alone do not hold every word, so the note
/// supplied some. What the results say about a hit, so the learner knows
/// why a title without the words is listed.
pub fn found_in_note(title: &str, description: &str, note: Option<&str>, query: &str) -> bool {
    let Some(note) = note.filter(|note| !note.is_empty()) else {
        return false;
    };
    let words = words(query);
    let (title, description, note) = (fold(title), fold(description), fold(note));
    !words.is_empty()
        && !holds_all(&words, &[&title, &description])
        && holds_all(&words, &[&title, &description, &note])
}

/// At most how many characters of a note are kept before the first word
/// found, so an excerpt reads as the words around it.
const CONTEXT_CHARS: usize = 16;

/// One line of `note` to show beside a hit in `room` columns: cleaned
/// like any outside text (line breaks become spaces), starting a few
/// words before the first word of `query` found in it, with `…` where
/// the start was cut. The context before the word is at most a third of
/// `room`, so the word shows; the end is the caller's to cut.
pub fn note_excerpt(note: &str, query: &str, room: usize) -> String {
    let line = clean_line(note);
    let Some(first) = highlights(&line, query).first().map(|range| range.start) else {
        return line;
    };
    let context = CONTEXT_CHARS.min(room / 3);
    let before = line[..first].chars().count();
    if before <= context {
        return line;
    }
    let from = line[..first]
        .char_indices()
        .nth(before - context)
        .map_or(first, |(at, _)| at);
    // Start at a word: past the one cut, if another starts before the
    // word found.
    let cut = !line[..from].ends_with(' ');
    let from = match line[from..first].find(' ') {
        Some(space) if cut => from + space + 1,
        _ => from,
    };
    format!("…{}", &line[from..])
}

/// Orders hits as the index stores them, so a narrower query can walk them
/// alongside the index.
pub fn in_roadmap_order(hits: &[Hit]) -> Vec<Hit> {
    let mut sorted = hits.to_vec();
    // `Hit`'s order is the roadmap's: a topic before its items.
    sorted.sort_unstable();
    sorted
}

/// The query's words, folded.
fn words(query: &str) -> Vec<String> {
    query.split_whitespace().map(fold).collect()
}

/// Lower case, one character for one, so positions in the folded text
/// count the same characters as in the original.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect()
}

/// Byte ranges of `text` where the words of `query` occur, in order and
/// not overlapping, for highlighting.
pub fn highlights(text: &str, query: &str) -> Vec<Range<usize>> {
    let folded: Vec<char> = fold(text).chars().collect();
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(at, _)| at)
        .chain([text.len()])
        .collect();
    let mut marked = vec![false; folded.len()];
    for word in words(query) {
        let word: Vec<char> = word.chars().collect();
        if word.is_empty() || word.len() > folded.len() {
            continue;
        }
        let mut at = 0;
        while at + word.len() <= folded.len() {
            if folded[at..at + word.len()] == word[..] {
                marked[at..at + word.len()].fill(true);
                at += word.len();
            } else {
                at += 1;
            }
        }
    }
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for (index, _) in marked.iter().enumerate().filter(|(_, marked)| **marked) {
        match ranges.last_mut() {
            Some(range) if range.end == starts[index] => range.end = starts[index + 1],
            _ => ranges.push(starts[index]..starts[index + 1]),
        }
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::roadmap::load::parse;

    const YAML: &str = "\
title: Test
levels:
  - title: Beginner
    topics:
      - title: Databases
        description: Storing data for the long run.
        items:
          - SQL Basics
          - {title: Indexes, description: Make SQL queries fast.}
      - {title: Git, items: [Commit, Branches]}
  - title: Advanced
    topics:
      - {title: Scaling, items: [Sharding SQL data]}
";

    fn index() -> Index {
        Index::new(&parse(YAML, "t.yaml", "t").unwrap())
    }

    fn hit(level: usize, topic: usize, item: Option<usize>) -> Hit {
        Hit { level, topic, item }
    }

    #[test]
    fn finds_across_levels_in_any_case_title_hits_first() {
        assert_eq!(
            index().find("sql"),
            [hit(0, 0, Some(0)), hit(1, 0, Some(0)), hit(0, 0, Some(1)),],
            "Indexes matches through its description, so it comes last"
        );
        assert_eq!(index().find("GIT"), [hit(0, 1, None)]);
    }

    #[test]
    fn every_word_must_occur_in_the_title_or_the_description() {
        assert_eq!(index().find("sql data"), [hit(1, 0, Some(0))]);
        assert_eq!(index().find("long data"), [hit(0, 0, None)]);
        assert_eq!(index().find("git sql"), []);
        assert_eq!(index().find("   "), [], "no words, no hits");
    }

    #[test]
    fn narrowing_a_query_gives_what_a_fresh_search_gives() {
        let index = index();
        let mut query = String::new();
        let mut hits: Option<Vec<Hit>> = None;
        for c in "sql b".chars() {
            query.push(c);
            let narrowed = match &hits {
                Some(hits) => index.narrow(&query, in_roadmap_order(hits)),
                None => index.find(&query),
            };
            assert_eq!(narrowed, index.find(&query), "{query:?}");
            hits = Some(narrowed);
        }
    }

    /// The note of `Commit` (0, 1, 0), as the app would give it.
    fn with_commit_note(note: &str) -> Index {
        let mut index = index();
        index.set_notes([(hit(0, 1, Some(0)), note)]);
        index
    }

    #[test]
    fn notes_are_searched_and_their_hits_come_after_title_hits() {
        let index = with_commit_note("Remember: git commit --amend fixes SQL typos");
        assert_eq!(index.find("amend"), [hit(0, 1, Some(0))]);
        assert_eq!(
            index.find("sql"),
            [
                hit(0, 0, Some(0)),
                hit(1, 0, Some(0)),
                hit(0, 0, Some(1)),
                hit(0, 1, Some(0))
            ],
            "found through a description or a note: after the titles, in roadmap order"
        );
        // Words may come from the title and the note together.
        assert_eq!(index.find("commit typos"), [hit(0, 1, Some(0))]);
    }

    #[test]
    fn setting_notes_again_replaces_the_old_ones() {
        let mut index = with_commit_note("amend");
        index.set_notes([]);
        assert_eq!(index.find("amend"), []);
        index.set_notes([(hit(0, 1, Some(1)), "Rebase first")]);
        assert_eq!(index.find("rebase"), [hit(0, 1, Some(1))]);
        assert_eq!(index.find("amend"), []);
    }

    #[test]
    fn a_topic_has_no_note_even_if_asked() {
        let mut index = index();
        let every: Vec<Hit> = index.nodes.iter().map(|node| node.hit).collect();
        index.set_notes(every.into_iter().map(|hit| (hit, "everywhere")));
        let hits = index.find("everywhere");
        assert!(hits.iter().all(|hit| hit.item.is_some()), "{hits:?}");
        assert_eq!(hits.len(), 5, "every item");
    }

    #[test]
    fn a_hit_is_in_the_note_only_when_the_note_supplied_a_word() {
        let note = Some("use the borrow checker");
        assert!(found_in_note("Ownership", "", note, "borrow"));
        assert!(found_in_note("Ownership", "", note, "OWNERSHIP checker"));
        assert!(
            !found_in_note("Ownership", "", note, "owner"),
            "the title has it"
        );
        assert!(
            !found_in_note("Ownership", "moves", note, "moves"),
            "the description has it"
        );
        assert!(
            !found_in_note("Ownership", "", note, "lifetimes"),
            "no match at all"
        );
        assert!(!found_in_note("Ownership", "", None, "borrow"));
        assert!(!found_in_note("Ownership", "", note, "  "));
    }

    #[test]
    fn a_note_excerpt_is_one_clean_line_around_the_first_word_found() {
        let long = "Read chapter four of the Rust book twice, then try the borrow checker";
        assert_eq!(note_excerpt("see the\nbook", "book", 80), "see the book");
        assert_eq!(
            note_excerpt(long, "borrow", 80),
            "…then try the borrow checker"
        );
        // Less room, less context: the word found still shows.
        assert_eq!(note_excerpt(long, "borrow", 20), "…the borrow checker");
        assert_eq!(note_excerpt(long, "borrow", 0), "…borrow checker");
        assert_eq!(note_excerpt("a\u{1b}[2J b", "b", 80), "a\\x1b[2J b");
        assert_eq!(note_excerpt("nothing here", "else", 80), "nothing here");
        // Wide characters count as characters, never split.
        let wide = format!("{}borrow", "借".repeat(30));
        assert_eq!(
            note_excerpt(&wide, "borrow", 80),
            format!("…{}borrow", "借".repeat(16))
        );
    }

    #[test]
    fn highlights_are_byte_ranges_of_each_word_in_the_original_text() {
        assert_eq!(highlights("SQL Basics", "sql"), vec![(0..3)]);
        assert_eq!(highlights("Sharding SQL data", "da sql"), [9..12, 13..15]);
        assert_eq!(highlights("ÉCOLE école", "éc"), [0..3, 7..10]);
        assert_eq!(highlights("aaa", "aa"), vec![(0..2)]);
        assert_eq!(highlights("abc", ""), [] as [Range<usize>; 0]);
        assert_eq!(highlights("ab", "abc"), [] as [Range<usize>; 0]);
    }
}
