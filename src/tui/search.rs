//! Finding topics and items across every level of a roadmap by the words
//! of a query. Pure: an [`Index`] of case-folded text, queried as the user
//! types, and the places of the words in a title for highlighting.
//!
//! A node matches when each word of the query occurs, in any case, in its
//! title or its description. Hits whose title holds every word come first,
//! then those found through their description, each group in roadmap order.

use std::ops::Range;

use crate::domain::roadmap::Roadmap;
use crate::tui::tree::Row;

/// Where a hit is: its level and topic, and its item (`None`: the topic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
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
#[derive(Debug, Clone, Default)]
pub struct Index {
    nodes: Vec<(Hit, String, String)>,
}

impl Index {
    pub fn new(roadmap: &Roadmap) -> Index {
        let mut nodes = Vec::new();
        for (level, l) in roadmap.levels.iter().enumerate() {
            for (topic, t) in l.topics.iter().enumerate() {
                let hit = Hit {
                    level,
                    topic,
                    item: None,
                };
                nodes.push((hit, fold(&t.title), fold(&t.description)));
                for (item, i) in t.items.iter().enumerate() {
                    let hit = Hit {
                        item: Some(item),
                        ..hit
                    };
                    nodes.push((hit, fold(&i.title), fold(&i.description)));
                }
            }
        }
        Index { nodes }
    }

    /// Every node matching `query`, title hits first. An empty query
    /// matches nothing.
    pub fn find(&self, query: &str) -> Vec<Hit> {
        self.narrow(query, self.nodes.iter().map(|(hit, ..)| *hit))
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
        let mut nodes = self.nodes.iter();
        for candidate in candidates {
            // Candidates come in roadmap order, as the nodes are stored.
            let Some((hit, title, description)) = nodes.find(|(hit, ..)| *hit == candidate) else {
                break;
            };
            if words.iter().all(|word| title.contains(word.as_str())) {
                in_title.push(*hit);
            } else if words
                .iter()
                .all(|word| title.contains(word.as_str()) || description.contains(word.as_str()))
            {
                elsewhere.push(*hit);
            }
        }
        // Restore roadmap order within each group for the next narrowing.
        in_title.extend(elsewhere);
        in_title
    }
}

/// Orders hits as the index stores them, so a narrower query can walk them
/// alongside the index.
pub fn in_roadmap_order(hits: &[Hit]) -> Vec<Hit> {
    let mut sorted = hits.to_vec();
    sorted.sort_by_key(|hit| (hit.level, hit.topic, hit.item.map_or(0, |item| item + 1)));
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
