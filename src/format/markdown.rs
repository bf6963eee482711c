//! Markdown → a roadmap draft, and the draft → roadmap YAML; and the other
//! way, a roadmap's progress → a checklist ([`checklist`]). Pure: text in,
//! text out; `roadmap import` and `export` do the reading and writing.
//!
//! The Markdown is parsed with pulldown-cmark into an outline: headings
//! nest by level, list items under the heading they follow and under each
//! other. Then:
//!
//! - if any list item is a checkbox (`- [ ]`, `- [x]`, or the seeds' `* []`),
//!   only checkbox items count: other lists are prose;
//! - list items inside block quotes are notes, not entries; a quote inside
//!   an item is that item's note (as `export` writes notes);
//! - a plain item written `Topic: a, b, c.` is a topic with those items;
//! - headings with no entries under them (a "License" section) are dropped;
//! - a lone outer node (the README's `#` title) becomes the roadmap title;
//! - what is left maps by depth: leaves are items, their parents topics,
//!   and theirs levels. Shallower outlines get one level; deeper ones fold
//!   the extra depth into item titles (`Languages › Python`). Stray leaves
//!   beside topics gather in a topic called "Other".
//!
//! `roadmap export` output reads back to the same checklist: the counts it
//! adds to headings and the `*(in progress)*` / `*(skipped)*` marks are
//! recognised and taken off.

pub mod checklist;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::domain::progress::Status;
use crate::domain::roadmap::slug;
use crate::domain::safe_text::clean_line_for_file;
use crate::format::roadmap::check::{
    MAX_DESCRIPTION_CHARS, MAX_ID_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS, is_web_address,
};
use crate::format::roadmap::file;
use checklist::{IN_PROGRESS, SKIPPED, tidy_note};

/// A roadmap read from Markdown, before it has ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    /// The document's own title, if it has one.
    pub title: Option<String>,
    pub levels: Vec<Group<Group<Entry>>>,
}

/// A titled list: a level of topics, or a topic of items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group<T> {
    pub title: String,
    pub children: Vec<T>,
}

/// One item, with what its checkbox (or an export's mark) said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub status: Status,
    /// `http(s)` links in the item's text, as (text, url).
    pub links: Vec<(String, String)>,
    /// The text of a quote inside the item: its note, never empty.
    pub note: Option<String>,
}

impl Draft {
    /// Every entry, in order, with its place: (level, topic, item).
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.levels
            .iter()
            .flat_map(|level| &level.children)
            .flat_map(|topic| &topic.children)
    }
}

/// Reads `markdown` into a draft; `None` if it has no list items or
/// headings to make entries of.
pub fn parse(markdown: &str) -> Option<Draft> {
    let mut outline = Outline::read(markdown);
    outline.keep_entries();
    let (root, title) = outline.collapse();
    // An export's first line names the roadmap; a lone heading may be its
    // only level.
    let title = outline.lead.clone().or(title);
    let levels = outline.levels(root, title.as_deref().unwrap_or("Roadmap"));
    if levels.is_empty() {
        return None;
    }
    Some(Draft { title, levels })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Root,
    Heading(HeadingLevel),
    Item,
}

#[derive(Debug, Clone)]
struct Node {
    kind: Kind,
    title: String,
    /// `Some` for a checkbox item: whether it is ticked.
    checked: Option<bool>,
    /// A status an export wrote in emphasis: `*(in progress)*`.
    marked: Option<Status>,
    links: Vec<(String, String)>,
    /// The text of a quote inside the item (its note), as read.
    note: String,
    children: Vec<usize>,
}

impl Node {
    fn new(kind: Kind) -> Node {
        Node {
            kind,
            title: String::new(),
            checked: None,
            marked: None,
            links: Vec::new(),
            note: String::new(),
            children: Vec::new(),
        }
    }
}

/// The document's headings and list items as a tree; node 0 is the root.
struct Outline {
    nodes: Vec<Node>,
    /// Whether the document has list items (else its headings are the
    /// entries).
    has_items: bool,
    /// The bold text a document starts with (an export's title line).
    lead: Option<String>,
}

impl Outline {
    fn read(markdown: &str) -> Outline {
        let markdown = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
        let mut nodes = vec![Node::new(Kind::Root)];
        // Where emphasis started in the target's title, to spot marks.
        let mut emphasis: Option<usize> = None;
        let mut headings: Vec<(HeadingLevel, usize)> = Vec::new();
        let mut items: Vec<usize> = Vec::new();
        // Where inline text goes: a heading or item title being read.
        let mut target: Option<usize> = None;
        let mut link: Option<(String, usize)> = None;
        let mut quotes = 0usize;
        // The item whose note is being read, and at which quote depth.
        let mut note: Option<(usize, usize)> = None;
        let mut lead: Option<String> = None;
        let mut lead_open = false;
        let mut blocks = 0usize;
        let options = Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(markdown, options) {
            match event {
                Event::Start(Tag::Heading { level, .. }) => {
                    blocks += 1;
                    items.clear();
                    while headings.last().is_some_and(|&(open, _)| open >= level) {
                        headings.pop();
                    }
                    let parent = headings.last().map_or(0, |&(_, node)| node);
                    let node = push(&mut nodes, parent, Kind::Heading(level));
                    headings.push((level, node));
                    target = Some(node);
                }
                Event::End(TagEnd::Heading(_)) => target = None,
                Event::Start(Tag::BlockQuote(_)) => {
                    quotes += 1;
                    if note.is_none()
                        && quotes == 1
                        && let Some(&item) = items.last()
                    {
                        note = Some((item, quotes));
                        target = None;
                    }
                }
                Event::End(TagEnd::BlockQuote(_)) => {
                    if note.is_some_and(|(_, depth)| depth == quotes) {
                        note = None;
                    }
                    quotes = quotes.saturating_sub(1);
                }
                // Inside a note, text is the note's, line breaks kept and
                // paragraphs a blank line apart.
                Event::Text(text) | Event::Code(text) if note.is_some() => {
                    if let Some((item, _)) = note {
                        nodes[item].note.push_str(&text);
                    }
                }
                Event::SoftBreak | Event::HardBreak if note.is_some() => {
                    if let Some((item, _)) = note {
                        nodes[item].note.push('\n');
                    }
                }
                Event::End(TagEnd::Paragraph) if note.is_some() => {
                    if let Some((item, _)) = note {
                        nodes[item].note.push_str("\n\n");
                    }
                }
                // A nested list or a code block ends the title of the item
                // it is in.
                Event::Start(Tag::List(_) | Tag::CodeBlock(_)) => target = None,
                Event::Start(Tag::Emphasis) => {
                    emphasis = target.map(|node| nodes[node].title.len());
                }
                Event::End(TagEnd::Emphasis) => {
                    if let (Some(start), Some(node)) = (emphasis.take(), target) {
                        let text = nodes[node].title.get(start..).unwrap_or("");
                        let status = [
                            (IN_PROGRESS, Status::InProgress),
                            (SKIPPED, Status::Skipped),
                        ]
                        .into_iter()
                        .find(|(mark, _)| mark.trim_matches('*') == text)
                        .map(|(_, status)| status);
                        if let Some(status) = status {
                            nodes[node].marked = Some(status);
                            nodes[node].title.truncate(start);
                        }
                    }
                }
                Event::Start(Tag::Item) if quotes == 0 => {
                    let parent = items
                        .last()
                        .or(headings.last().map(|(_, node)| node))
                        .copied()
                        .unwrap_or(0);
                    let node = push(&mut nodes, parent, Kind::Item);
                    items.push(node);
                    target = Some(node);
                }
                Event::End(TagEnd::Item) if quotes == 0 => {
                    items.pop();
                    target = None;
                }
                Event::Start(Tag::Paragraph) => {
                    blocks += 1;
                    lead_open = blocks == 1 && target.is_none();
                }
                Event::End(TagEnd::Paragraph) => {
                    lead_open = false;
                    // A loose item's title is its first paragraph.
                    if target.is_some_and(|node| nodes[node].kind == Kind::Item) {
                        target = None;
                    }
                }
                Event::Start(Tag::Strong) if lead_open && lead.is_none() => {
                    lead = Some(String::new());
                }
                Event::End(TagEnd::Strong) => lead_open = false,
                Event::TaskListMarker(checked) => {
                    if let Some(node) = target {
                        nodes[node].checked = Some(checked);
                    }
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    if let Some(node) = target {
                        link = Some((dest_url.into_string(), nodes[node].title.len()));
                    }
                }
                Event::End(TagEnd::Link) => {
                    if let (Some((url, start)), Some(node)) = (link.take(), target) {
                        let text = nodes[node].title.get(start..).unwrap_or("").trim();
                        let text = if text.is_empty() {
                            // A link with no text is named by its url.
                            nodes[node].title.push_str(&url);
                            url.clone()
                        } else {
                            text.to_owned()
                        };
                        nodes[node].links.push((text, url));
                    }
                }
                Event::Text(text) | Event::Code(text) => {
                    if let Some(node) = target {
                        nodes[node].title.push_str(&text);
                    } else if lead_open && let Some(lead) = lead.as_mut() {
                        lead.push_str(&text);
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(node) = target {
                        nodes[node].title.push(' ');
                    }
                }
                _ => {}
            }
        }
        for node in &mut nodes {
            // Markdown from anywhere: no control character goes on into
            // the file (the rest is cleaned for the screen when it is read).
            node.title = clean_line_for_file(&node.title);
            // The seeds write `* [] Entry`: a checkbox to a reader, though
            // Markdown wants a space inside the brackets.
            if node.kind == Kind::Item
                && node.checked.is_none()
                && let Some(rest) = node.title.strip_prefix("[]")
            {
                node.title = rest.trim_start().to_owned();
                node.checked = Some(false);
            }
        }
        let has_items = nodes.iter().any(|n| n.kind == Kind::Item);
        Outline {
            nodes,
            has_items,
            lead: lead
                .map(|lead| clean_line_for_file(&lead))
                .filter(|lead| !lead.is_empty()),
        }
    }

    /// Drops what is not an entry: plain items when the document has
    /// checkboxes, items with no text, and headings with nothing under
    /// them (unless the document is headings only). Splits `Topic: a, b.`
    fn keep_entries(&mut self) {
        let has_checkboxes = self.nodes.iter().any(|n| n.checked.is_some());
        self.prune(0, has_checkboxes);
    }

    /// Prunes below `node`; returns whether anything worth keeping is left.
    fn prune(&mut self, node: usize, checkboxes_only: bool) -> bool {
        let children = std::mem::take(&mut self.nodes[node].children);
        let mut kept = Vec::new();
        for child in children {
            let is_item = self.nodes[child].kind == Kind::Item;
            if is_item && checkboxes_only && self.nodes[child].checked.is_none() {
                continue;
            }
            let below = self.prune(child, checkboxes_only);
            let leaf = self.nodes[child].children.is_empty();
            if is_item && self.nodes[child].title.is_empty() {
                // `- - x`: an untitled item's children stand in for it.
                kept.append(&mut self.nodes[child].children);
                continue;
            }
            // An export writes every topic, even an empty one, with counts.
            let empty_group = !is_item && has_counts(&self.nodes[child].title);
            if below || empty_group || (leaf && (is_item || !self.has_items)) {
                if is_item && leaf && self.nodes[child].checked.is_none() {
                    self.split_list_entry(child);
                }
                kept.push(child);
            }
        }
        let any = !kept.is_empty();
        self.nodes[node].children = kept;
        any
    }

    /// Whether `node` is a group with nothing in it, not an entry: a
    /// heading with no children in a document whose entries are items.
    fn is_empty_group(&self, node: usize) -> bool {
        let node = &self.nodes[node];
        node.children.is_empty() && node.kind != Kind::Item && self.has_items
    }

    /// `Database Management: Basics, Design.` → a topic with two items.
    fn split_list_entry(&mut self, node: usize) {
        let title = self.nodes[node].title.clone();
        let Some((name, rest)) = title.split_once(": ") else {
            return;
        };
        let parts: Vec<String> = rest
            .trim_end_matches('.')
            .split(", ")
            .map(clean_line_for_file)
            .filter(|part| !part.is_empty())
            .collect();
        if parts.is_empty() || name.trim().is_empty() {
            return;
        }
        self.nodes[node].title = clean_line_for_file(name);
        for part in parts {
            let child = push(&mut self.nodes, node, Kind::Item);
            self.nodes[child].title = part;
        }
    }

    /// Steps past lone outer nodes that wrap whole levels (the README's
    /// title heading, a single "Contents" section): returns the node whose
    /// children are the outline, and the first lone node's title.
    fn collapse(&self) -> (usize, Option<String>) {
        let mut node = 0;
        let mut title = None;
        while let [only] = self.nodes[node].children[..] {
            if self.nodes[only].children.is_empty() {
                break;
            }
            title.get_or_insert_with(|| strip_counts(&self.nodes[only].title));
            // Keep a lone node that is itself a level (or topic) of the
            // roadmap: only wrappers with levels inside are stepped past.
            if self.height(only) < 3 {
                break;
            }
            node = only;
        }
        (node, title.filter(|t| !t.is_empty()))
    }

    fn height(&self, node: usize) -> usize {
        if self.is_empty_group(node) {
            return 1;
        }
        self.nodes[node]
            .children
            .iter()
            .map(|&child| 1 + self.height(child))
            .max()
            .unwrap_or(0)
    }

    fn levels(&self, root: usize, title: &str) -> Vec<Group<Group<Entry>>> {
        let children = &self.nodes[root].children;
        match self.height(root) {
            0 => Vec::new(),
            1 => vec![Group {
                title: title.to_owned(),
                children: vec![Group {
                    title: title.to_owned(),
                    children: children.iter().map(|&c| self.entry(c, "")).collect(),
                }],
            }],
            2 => vec![Group {
                title: title.to_owned(),
                children: self.topics(root),
            }],
            _ => {
                let mut levels = Vec::new();
                let mut other = Vec::new();
                for &child in children {
                    if self.height(child) >= 2 {
                        levels.push(Group {
                            title: strip_counts(&self.nodes[child].title),
                            children: self.topics(child),
                        });
                    } else {
                        other.push(child);
                    }
                }
                if !other.is_empty() {
                    levels.push(Group {
                        title: "Other".to_owned(),
                        children: self.group_topics(&other),
                    });
                }
                levels
            }
        }
    }

    /// The topics under `node`: children with entries under them, and a
    /// topic "Other" for children that are entries themselves.
    fn topics(&self, node: usize) -> Vec<Group<Entry>> {
        self.group_topics(&self.nodes[node].children)
    }

    fn group_topics(&self, nodes: &[usize]) -> Vec<Group<Entry>> {
        let mut topics = Vec::new();
        let mut other = Vec::new();
        for &node in nodes {
            if self.is_empty_group(node) {
                topics.push(Group {
                    title: strip_counts(&self.nodes[node].title),
                    children: Vec::new(),
                });
            } else if self.nodes[node].children.is_empty() {
                other.push(self.entry(node, ""));
            } else {
                let mut entries = Vec::new();
                for &child in &self.nodes[node].children {
                    self.leaves(child, "", &mut entries);
                }
                topics.push(Group {
                    title: strip_counts(&self.nodes[node].title),
                    children: entries,
                });
            }
        }
        if !other.is_empty() {
            topics.push(Group {
                title: "Other".to_owned(),
                children: other,
            });
        }
        topics
    }

    /// The leaves under `node`, deeper nodes' titles folded into theirs.
    fn leaves(&self, node: usize, prefix: &str, out: &mut Vec<Entry>) {
        if self.nodes[node].children.is_empty() {
            out.push(self.entry(node, prefix));
            return;
        }
        let title = strip_counts(&self.nodes[node].title);
        let prefix = if prefix.is_empty() {
            title
        } else {
            format!("{prefix} › {title}")
        };
        for &child in &self.nodes[node].children {
            self.leaves(child, &prefix, out);
        }
    }

    fn entry(&self, node: usize, prefix: &str) -> Entry {
        let node = &self.nodes[node];
        let title = node.title.clone();
        let status = match (node.checked, node.marked) {
            (Some(true), _) => Status::Done,
            (_, Some(status)) => status,
            _ => Status::Pending,
        };
        let title = if prefix.is_empty() {
            title
        } else {
            format!("{prefix} › {title}")
        };
        let links = node
            .links
            .iter()
            .filter(|(_, url)| url.chars().count() <= MAX_URL_CHARS && is_web_address(url))
            .cloned()
            .collect();
        // As titles are: nothing that acts on a terminal goes on.
        let lines: Vec<String> = node.note.lines().map(clean_line_for_file).collect();
        let note = tidy_note(&lines.join("\n"));
        Entry {
            title,
            status,
            links,
            note: (!note.is_empty()).then_some(note),
        }
    }
}

fn push(nodes: &mut Vec<Node>, parent: usize, kind: Kind) -> usize {
    nodes.push(Node::new(kind));
    let node = nodes.len() - 1;
    nodes[parent].children.push(node);
    node
}

/// Takes off the counts `export` adds to headings: `Beginner · 2/12 done
/// · 16%` → `Beginner`. Only a whole, well-formed counts tail is taken,
/// so a title that itself holds ` · ` keeps it.
fn strip_counts(title: &str) -> String {
    let mut at = 0;
    while let Some(found) = title[at..].find(" · ") {
        let start = at + found;
        if is_counts(&title[start + " · ".len()..]) {
            return title[..start].to_owned();
        }
        // Past the space only: `A · · 1/2 done` has its counts after
        // the second separator, which shares this one's last space.
        at = start + 1;
    }
    title.to_owned()
}

fn has_counts(title: &str) -> bool {
    strip_counts(title).len() < title.len()
}

/// `2/12 done`, then any of ` · 1 in progress`, ` · 3 skipped`, ` · 16%`.
fn is_counts(tail: &str) -> bool {
    let mut parts = tail.split(" · ");
    let first = parts.next().unwrap_or("");
    let done = first
        .strip_suffix(" done")
        .and_then(|ratio| ratio.split_once('/'))
        .is_some_and(|(a, b)| is_number(a) && is_number(b));
    done && parts.all(|part| {
        part.strip_suffix(" in progress")
            .or_else(|| part.strip_suffix(" skipped"))
            .or_else(|| part.strip_suffix('%'))
            .is_some_and(is_number)
    })
}

fn is_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit())
}

/// The roadmap YAML of `draft`, with explicit ids (unique among siblings)
/// so that later edits to titles keep progress: a comment naming the
/// source, then [`file::Roadmap`] as `serde_yaml` writes it.
pub fn to_yaml(
    draft: &Draft,
    title: &str,
    id: &str,
    source: &str,
) -> Result<String, serde_yaml::Error> {
    let header = format!(
        "# Imported from {} by `roadmap import`.\n# Check it with `roadmap validate`; see docs/roadmap-format.md.\n",
        clean_line_for_file(source)
    );
    Ok(header + &to_file(draft, title, id).to_yaml()?)
}

/// `draft` in the roadmap file's shape: long titles cut to fit, with the
/// whole text kept as the description; links as resources.
fn to_file(draft: &Draft, title: &str, id: &str) -> file::Roadmap {
    let mut level_ids = Ids::default();
    let levels = draft.levels.iter().map(|level| {
        let mut topic_ids = Ids::default();
        let topics = level.children.iter().map(|topic| {
            let mut item_ids = Ids::default();
            let items = topic.children.iter().map(|entry| file::Item {
                head: head(&entry.title, &mut item_ids),
                resources: entry
                    .links
                    .iter()
                    .map(|(text, url)| file::Resource {
                        title: fit(text).0,
                        url: url.clone(),
                    })
                    .collect(),
            });
            file::Topic {
                head: head(&topic.title, &mut topic_ids),
                resources: Vec::new(),
                items: items.collect(),
            }
        });
        file::Level {
            head: head(&level.title, &mut level_ids),
            topics: topics.collect(),
        }
    });
    file::Roadmap {
        head: file::Head {
            title: fit(title).0,
            id: Some(id.to_owned()),
            description: None,
        },
        levels: levels.collect(),
    }
}

/// A node's title (cut to fit), id, and (for a title cut to fit) the
/// whole title as its description.
fn head(full_title: &str, ids: &mut Ids) -> file::Head {
    let (title, description) = fit(full_title);
    file::Head {
        title,
        id: Some(ids.next(full_title)),
        description,
    }
}

/// A title that fits the loader's limit, and the whole text as a
/// description when it had to be cut.
fn fit(title: &str) -> (String, Option<String>) {
    let title = if title.trim().is_empty() {
        "Untitled"
    } else {
        title
    };
    if title.chars().count() <= MAX_TITLE_CHARS {
        return (title.to_owned(), None);
    }
    let cut: String = title.chars().take(MAX_TITLE_CHARS - 1).collect();
    let whole = if title.chars().count() > MAX_DESCRIPTION_CHARS {
        let cut: String = title.chars().take(MAX_DESCRIPTION_CHARS - 1).collect();
        format!("{cut}…")
    } else {
        title.to_owned()
    };
    (format!("{}…", cut.trim_end()), Some(whole))
}

/// Sibling ids: the title's slug, `-2`, `-3`… when taken.
#[derive(Default)]
struct Ids {
    taken: std::collections::HashSet<String>,
    /// The last suffix tried per slug, so a thousand equal titles cost a
    /// thousand steps, not a million.
    last: std::collections::HashMap<String, usize>,
}

impl Ids {
    fn next(&mut self, title: &str) -> String {
        let base = id_from(title, "entry");
        let mut id = base.clone();
        let n = self.last.entry(base.clone()).or_insert(1);
        while !self.taken.insert(id.clone()) {
            *n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// An id made of `title`, short enough to take a `-N` suffix; `fallback`
/// when the title has no letters or digits.
pub fn id_from(title: &str, fallback: &str) -> String {
    let id: String = slug(title).chars().take(MAX_ID_CHARS - 8).collect();
    let id = id.trim_end_matches('-');
    if id.is_empty() {
        fallback.to_owned()
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::safe_text::{clean_block, clean_line};
    use crate::format::roadmap::load;
    use crate::format::yaml::{Reader, Token};

    fn shape(draft: &Draft) -> Vec<String> {
        let mut lines = Vec::new();
        for level in &draft.levels {
            lines.push(format!("# {}", level.title));
            for topic in &level.children {
                lines.push(format!("## {}", topic.title));
                for entry in &topic.children {
                    lines.push(format!("- {} [{}]", entry.title, entry.status.label()));
                }
            }
        }
        lines
    }

    #[test]
    fn headings_and_checkboxes_become_levels_topics_and_items() {
        let draft = parse(
            "# My Roadmap\n\n## Beginner\n\n### Git\n\n- [x] Commits\n- [ ] Branches\n\n## Advanced\n\n### Scaling\n\n- [ ] [Sharding](https://example.org/shard)\n",
        )
        .unwrap();
        assert_eq!(draft.title.as_deref(), Some("My Roadmap"));
        assert_eq!(
            shape(&draft),
            [
                "# Beginner",
                "## Git",
                "- Commits [done]",
                "- Branches [pending]",
                "# Advanced",
                "## Scaling",
                "- Sharding [pending]"
            ]
        );
        let sharding = draft.entries().last().unwrap();
        assert_eq!(
            sharding.links,
            [(
                "Sharding".to_owned(),
                "https://example.org/shard".to_owned()
            )]
        );
    }

    #[test]
    fn nested_bullets_work_like_headings() {
        let draft = parse("- Databases\n  - SQL\n  - NoSQL\n- Git\n  - Commits\n").unwrap();
        assert_eq!(draft.title, None);
        assert_eq!(
            shape(&draft),
            [
                "# Roadmap",
                "## Databases",
                "- SQL [pending]",
                "- NoSQL [pending]",
                "## Git",
                "- Commits [pending]"
            ]
        );
    }

    #[test]
    fn with_checkboxes_other_lists_are_prose() {
        let draft = parse(
            "# Notes\n\n* [] Basics\n    * [] Variables\n* [] Extra\n\n## Basics\n\n* **Languages:** Python\n",
        )
        .unwrap();
        assert_eq!(
            shape(&draft),
            [
                "# Notes",
                "## Basics",
                "- Variables [pending]",
                "## Other",
                "- Extra [pending]"
            ]
        );
    }

    #[test]
    fn topic_colon_items_lines_are_split_and_quotes_ignored() {
        let draft = parse(
            "# Title\n\n> * not an entry\n\n## Content\n\n### Beginner Level\n\n* Git: Commits, Branches.\n* Web: APIs.\n",
        )
        .unwrap();
        assert_eq!(draft.title.as_deref(), Some("Title"));
        assert_eq!(
            shape(&draft),
            [
                "# Beginner Level",
                "## Git",
                "- Commits [pending]",
                "- Branches [pending]",
                "## Web",
                "- APIs [pending]"
            ]
        );
    }

    #[test]
    fn deeper_outlines_fold_into_item_titles() {
        let draft = parse("# A\n## B\n- C\n  - D\n    - E\n    - F\n# G\n## H\n- I\n").unwrap();
        assert_eq!(
            shape(&draft),
            [
                "# A",
                "## B",
                "- C › D › E [pending]",
                "- C › D › F [pending]",
                "# G",
                "## H",
                "- I [pending]"
            ]
        );
    }

    #[test]
    fn nothing_to_import_is_none() {
        assert_eq!(parse("Just a paragraph.\n"), None);
        assert_eq!(parse(""), None);
    }

    #[test]
    fn export_counts_and_marks_are_read_back() {
        assert_eq!(strip_counts("Beginner · 2/12 done · 16%"), "Beginner");
        assert_eq!(strip_counts("Git · 1/2 done"), "Git");
        assert_eq!(strip_counts("A · B"), "A · B");
        assert_eq!(
            strip_counts("Ratio · 1/2 done · 0/3 done"),
            "Ratio · 1/2 done"
        );
        assert_eq!(strip_counts("A · 1/2 done · 3 skipped · 50%"), "A");
        assert_eq!(strip_counts("A · 1/2 done · later"), "A · 1/2 done · later");
        assert_eq!(strip_counts("A · · 1/2 done · 50%"), "A ·");
    }

    /// One level, topic and item, each titled `title`; the item links to
    /// a page by the same name.
    fn titled(title: &str) -> Draft {
        let entry = Entry {
            title: title.to_owned(),
            status: Status::Pending,
            links: vec![(title.to_owned(), "https://example.org/a".to_owned())],
            note: None,
        };
        let topic = Group {
            title: title.to_owned(),
            children: vec![entry],
        };
        Draft {
            title: None,
            levels: vec![Group {
                title: title.to_owned(),
                children: vec![topic],
            }],
        }
    }

    /// The `title` and `description` scalars of `yaml`, in order, as the
    /// project's YAML layer reads them: the text exactly as written, before
    /// the checker cleans it for the screen.
    fn written_texts(yaml: &str) -> Vec<(String, String)> {
        let mut reader = Reader::new(yaml).unwrap();
        // Per open node: `None` for a list, `Some(key)` for a mapping,
        // with the key whose value comes next.
        let mut open: Vec<Option<Option<String>>> = Vec::new();
        let mut texts = Vec::new();
        loop {
            let (token, _) = reader.next_token().unwrap();
            match token {
                Token::Scalar(scalar) => {
                    // A scalar in a list is a list item: no key of ours.
                    if let Some(Some(key)) = open.last_mut() {
                        match key.take() {
                            None => *key = Some(scalar.text.into_owned()),
                            Some(key) if key == "title" || key == "description" => {
                                texts.push((key, scalar.text.into_owned()));
                            }
                            Some(_) => {}
                        }
                    }
                }
                Token::MapStart | Token::ListStart => {
                    if let Some(Some(key)) = open.last_mut() {
                        key.take();
                    }
                    open.push((token == Token::MapStart).then_some(None));
                }
                Token::MapEnd | Token::ListEnd => {
                    open.pop();
                    if open.is_empty() {
                        break;
                    }
                }
            }
        }
        reader.finish().unwrap();
        texts
    }

    /// `title` survives being written and read back: the file holds it
    /// exactly (cut to the limit, the whole text then the description),
    /// and the app's loader reads the same roadmap from it.
    fn assert_round_trip(title: &str) {
        let yaml = to_yaml(&titled(title), title, "hostile", "odd.md").unwrap();
        let (short, whole) = fit(title);
        let mut node = vec![("title".to_owned(), short.clone())];
        node.extend(whole.clone().map(|d| ("description".to_owned(), d)));
        let mut want = vec![("title".to_owned(), short.clone())];
        for _ in 0..3 {
            want.extend(node.clone());
        }
        want.push(("title".to_owned(), short.clone()));
        assert_eq!(written_texts(&yaml), want, "{title:?} as\n{yaml}");

        let roadmap = load::parse(&yaml, "the test", "fallback")
            .unwrap_or_else(|err| panic!("{title:?}: {}\n{yaml}", err.report()));
        let level = &roadmap.levels[0];
        let topic = &level.topics[0];
        let item = &topic.items[0];
        let shown = clean_line(&short);
        let description = whole.as_deref().map(clean_block).unwrap_or_default();
        assert_eq!(roadmap.id, "hostile");
        for (got, got_description) in [
            (&level.title, &level.description),
            (&topic.title, &topic.description),
            (&item.title, &item.description),
        ] {
            assert_eq!((got, got_description), (&shown, &description), "{title:?}");
        }
        assert_eq!(roadmap.title, shown);
        assert_eq!(item.resources[0].title, shown);
        assert_eq!(item.resources[0].url, "https://example.org/a");
    }

    /// Titles that YAML would read as something else if written plain.
    const HOSTILE: &[&str] = &[
        "Database Basics",
        "say \"hi\"",
        "it's",
        "CI/CD: pipelines",
        "a: b",
        "a:b",
        "key:",
        "# hash",
        "a #b",
        "a# b",
        "- dash",
        "-",
        "--",
        "---",
        "...",
        "? question",
        ": colon",
        "[x] done?",
        "[a, b]",
        "{brace}",
        "*alias",
        "&anchor",
        "!tag",
        "!!str x",
        "| pipe",
        "> fold",
        "%YAML 1.2",
        "@at",
        "`tick`",
        "'single'",
        "\"double\"",
        "\\backslash\\n",
        "yes",
        "no",
        "Yes",
        "NO",
        "on",
        "off",
        "y",
        "n",
        "true",
        "False",
        "TRUE",
        "null",
        "Null",
        "~",
        "404",
        "007",
        "0x1F",
        "-0x1F",
        "0o17",
        "0b101",
        "-1",
        "+1",
        "1e3",
        ".5",
        "5.",
        "1_000",
        ".inf",
        "-.inf",
        "+.inf",
        ".NaN",
        "12:30",
        "2024-01-01",
        " leading space",
        "trailing space ",
        "  ",
        "",
        "tab\there",
        "line\nbreak",
        "two\n\nbreaks",
        "\nstarts with a break",
        "ends with a break\n",
        " \n indented lines\n  more",
        "cr\rin the middle",
        "crlf\r\nline",
        "nel\u{85}here",
        "bell\u{7}",
        "escape \u{1b}[31mred",
        "delete\u{7f}",
        "nul\u{0}byte",
        "bidi \u{202e}txet",
        "bom\u{feff}inside",
        "zero\u{200b}width",
        "noncharacter \u{fffe}",
        "🇫🇷 👍🏽 ❤️ 👨\u{200d}👩",
        "Базы данных",
        "日本語のタイトル",
        "مرحبا بالعالم",
    ];

    #[test]
    fn hostile_titles_round_trip_through_the_file() {
        for title in HOSTILE {
            assert_round_trip(title);
            // And as the Markdown reader hands them on.
            assert_round_trip(&clean_line_for_file(title));
        }
        // Too long for a title, then for a description too.
        assert_round_trip(&"word ".repeat(60));
        assert_round_trip(&"é".repeat(201));
        assert_round_trip(&"a: b ".repeat(2_500));
    }

    /// The one text the writer refuses (see [`file::Roadmap::to_yaml`]),
    /// and how Markdown import keeps clear of it.
    #[test]
    fn line_separators_are_refused_and_markdown_makes_them_spaces() {
        for title in ["line\u{2028}separator", "paragraph\u{2029}separator"] {
            assert!(
                to_yaml(&titled(title), "T", "t", "t.md").is_err(),
                "{title:?}"
            );
            let draft = parse(&format!("- {title}\n")).unwrap();
            let entry = draft.entries().next().unwrap();
            assert!(entry.title.ends_with(" separator"), "{:?}", entry.title);
            assert_round_trip(&entry.title);
        }
    }

    #[test]
    fn the_file_is_block_style_with_quotes_only_where_needed() {
        let draft = parse(
            "# Mine\n\n## Git\n\n- [x] Commits\n- [ ] yes\n- [ ] CI/CD: [pipelines](https://example.org/ci)\n",
        )
        .unwrap();
        let yaml = to_yaml(&draft, "Mine", "mine", "mine.md").unwrap();
        assert_eq!(
            yaml,
            "# Imported from mine.md by `roadmap import`.\n\
             # Check it with `roadmap validate`; see docs/roadmap-format.md.\n\
             title: Mine\n\
             id: mine\n\
             levels:\n\
             - title: Mine\n  \
               id: mine\n  \
               topics:\n  \
               - title: Git\n    \
                 id: git\n    \
                 items:\n    \
                 - title: Commits\n      \
                   id: commits\n    \
                 - title: yes\n      \
                   id: yes\n    \
                 - title: 'CI/CD: pipelines'\n      \
                   id: ci-cd-pipelines\n      \
                   resources:\n      \
                   - title: pipelines\n        \
                     url: https://example.org/ci\n"
        );
    }

    proptest::proptest! {
        /// Any text at all is written so that it reads back as itself.
        #[test]
        fn any_title_is_written_exactly(
            title in "([ -~]|[\t\n\r\u{0}-\u{1f}\u{7f}-\u{a0}\u{2028}\u{feff}\u{fffe}é€🇫👍\u{1f3fd}\u{200d}Я日])*",
        ) {
            let (short, whole) = fit(&title);
            let separators = |text: &str| text.contains(['\u{2028}', '\u{2029}']);
            if to_yaml(&titled(&title), &title, "any", "any.md").is_ok() {
                assert_round_trip(&title);
            } else {
                // Refused only for a raw separator; escaped ones (in double
                // quotes, beside a character that needs escaping) are fine.
                proptest::prop_assert!(separators(&short) || whole.as_deref().is_some_and(separators));
            }
        }
    }

    #[test]
    fn sibling_ids_are_unique_and_never_empty() {
        let mut ids = Ids::default();
        assert_eq!(ids.next("Git Basics"), "git-basics");
        assert_eq!(ids.next("git basics!"), "git-basics-2");
        assert_eq!(ids.next("???"), "entry");
        assert_eq!(ids.next("!!!"), "entry-2");
        assert_eq!(ids.next("entry"), "entry-3");
        assert_eq!(ids.next("null"), "null");
        let long = "word ".repeat(60);
        assert!(ids.next(&long).len() <= MAX_ID_CHARS);
    }

    #[test]
    fn export_marks_are_read_only_in_emphasis() {
        let draft = parse("- [ ] Two *(in progress)*\n- [ ] Plain (skipped)\n").unwrap();
        let entries: Vec<_> = draft
            .entries()
            .map(|e| (e.title.as_str(), e.status))
            .collect();
        assert_eq!(
            entries,
            [
                ("Two", Status::InProgress),
                ("Plain (skipped)", Status::Pending)
            ]
        );
    }

    #[test]
    fn odd_items_keep_their_content() {
        let draft =
            parse("- [](https://example.org/a)\n- - nested\n- text\n  ```\n  code\n  ```\n")
                .unwrap();
        let titles: Vec<_> = draft.entries().map(|e| e.title.as_str()).collect();
        assert_eq!(titles, ["https://example.org/a", "nested", "text"]);
    }

    #[test]
    fn control_characters_in_markdown_are_spelled_out() {
        let draft = parse("- a\u{7f}b\u{202e}c\n").unwrap();
        let title = &draft.entries().next().unwrap().title;
        assert!(
            !title.chars().any(crate::domain::safe_text::is_unsafe),
            "{title:?}"
        );
    }

    /// The file keeps what the Markdown says: emoji and joiners are only
    /// shown differently, by the app, when it reads the file.
    #[test]
    fn emoji_and_joiners_go_into_the_file_as_written() {
        let title = "🇫🇷 👍🏽 ❤️ 👨\u{200d}👩 a\u{200b}b";
        let draft = parse(&format!("- {title}\n")).unwrap();
        assert_eq!(draft.entries().next().unwrap().title, title);
    }
}
