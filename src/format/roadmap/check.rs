//! Roadmap YAML → [`Roadmap`], checked node by node against the format.
//!
//! Every problem is collected with its position, not only the first: a
//! node with a problem is still read to its end, so its siblings and the
//! rest of the file are checked too. Only what makes the text after it
//! untrustworthy stops the walk: a YAML syntax error, or a limit reached.
//! The format itself is documented in `docs/roadmap-format.md`.
//!
//! It owns the rules of the format and their messages: titles, ids and
//! descriptions are checked in `head`, the kinds of node and their keys
//! are in `kind`, what a url may be in `url`. It reads the text with the
//! shared [`crate::format::yaml`] reader, and must not open a file nor
//! know which roadmaps exist: the ids a file may not take are given to it.

mod head;
mod kind;
#[cfg(test)]
mod tests;
mod url;

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::diagnostic::Report;
use crate::domain::roadmap::{
    Item, Level, Resource, Roadmap, Topic, id_from_file_stem, is_valid_id, item_key,
};
use crate::domain::safe_text::clean_line;
use crate::format::yaml::{Failure, Position, Reader, Scalar, Token, document, listed, shorten};
use head::Head;
use kind::Kind;
pub use url::{is_barred_from_url, is_web_address};

/// Longer titles are refused: a title is one row of the screen.
pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_ID_CHARS: usize = 100;
pub const MAX_DESCRIPTION_CHARS: usize = 10_000;
pub const MAX_URL_CHARS: usize = 2_000;
/// Levels, topics, items and resources together. Far above any real
/// roadmap; it bounds the memory a file of millions of one-letter items
/// could make us use.
pub const MAX_ENTRIES: usize = 500_000;

/// Checks `text` and builds the roadmap if it has no errors. `default_id`
/// is the id when the file has none (the file stem; slugged if need be);
/// `reserved` ids are refused unless written out (see [`super::load`]).
/// Warnings are looked for only when `warnings` is set.
pub fn check(
    text: &str,
    origin: &str,
    default_id: &str,
    reserved: &[&str],
    warnings: bool,
) -> (Option<Roadmap>, Report) {
    let mut report = Report::new(origin, warnings);
    let Some(text) = document(text) else {
        report.error(
            None,
            "the file is empty: a roadmap needs a `title` and `levels`".into(),
        );
        return (None, report);
    };
    let roadmap = match walk(text, default_id, reserved, &mut report) {
        Ok(roadmap) => roadmap,
        Err(failure) => {
            report.error(Some(failure.at), failure.message);
            None
        }
    };
    report.sort();
    let roadmap = roadmap.filter(|_| !report.has_errors()).map(with_item_keys);
    (roadmap, report)
}

fn walk(
    text: &str,
    default_id: &str,
    reserved: &[&str],
    report: &mut Report,
) -> Walk<Option<Roadmap>> {
    let mut checker = Checker {
        reader: Reader::new(text)?,
        report,
        entries: 0,
    };
    let roadmap = checker.roadmap(default_id, reserved)?;
    checker.reader.finish()?;
    Ok(roadmap)
}

/// The roadmap's explicit `id:`, read without checking the rest: how the
/// catalog learns a user file's id cheaply. `None` if there is none, or
/// the text cannot tell.
pub fn declared_id(text: &str) -> Option<String> {
    let mut reader = Reader::new(document(text)?).ok()?;
    if reader.next_token().ok()?.0 != Token::MapStart {
        return None;
    }
    loop {
        match reader.next_token().ok()?.0 {
            Token::MapEnd => return None,
            Token::Scalar(key) if key.text == "id" => {
                return match reader.next_token().ok()?.0 {
                    Token::Scalar(id) if is_valid_id(&id.text) => Some(id.text.into_owned()),
                    _ => None,
                };
            }
            key => {
                reader.skip_rest(&key).ok()?;
                reader.skip().ok()?;
            }
        }
    }
}

fn with_item_keys(mut roadmap: Roadmap) -> Roadmap {
    for level in &mut roadmap.levels {
        for topic in &mut level.topics {
            for item in &mut topic.items {
                item.key = item_key(&level.id, &topic.id, &item.id);
            }
        }
    }
    roadmap
}

/// `Err` only for what ends the walk; everything else goes to the report.
type Walk<T> = Result<T, Failure>;

/// A list of nodes as read: the good ones, where the list is, and how many
/// elements it had (bad ones included, so a list of one bad topic is not
/// also called empty).
struct List<T> {
    nodes: Vec<T>,
    at: Position,
    len: usize,
}

/// What ids are checked for: levels, topics and items must each have an
/// id unique among their siblings.
trait Node {
    fn id(&self) -> &str;
    fn title(&self) -> &str;
}

macro_rules! node {
    ($($kind:ty),*) => {$(
        impl Node for $kind {
            fn id(&self) -> &str {
                &self.id
            }
            fn title(&self) -> &str {
                &self.title
            }
        }
    )*};
}

node!(Level, Topic, Item);

/// The keys a mapping had: those given, and those misspelt (an unknown
/// key that was likely meant as one), so one typo is not also reported as
/// a missing key.
struct Keys {
    given: Vec<&'static str>,
    misspelt: Vec<&'static str>,
}

impl Keys {
    fn has(&self, key: &str) -> bool {
        self.given.contains(&key)
    }

    /// Given, or attempted: no "missing" report is due.
    fn tried(&self, key: &str) -> bool {
        self.has(key) || self.misspelt.contains(&key)
    }
}

struct Checker<'a, 'r> {
    reader: Reader<'a>,
    report: &'r mut Report,
    entries: usize,
}

impl<'a> Checker<'a, '_> {
    fn roadmap(&mut self, default_id: &str, reserved: &[&str]) -> Walk<Option<Roadmap>> {
        let (token, at) = self.next()?;
        if token != Token::MapStart {
            self.wrong_type(&token, at, Kind::Roadmap.shape())?;
            return Ok(None);
        }
        let mut head = Head::default();
        let mut levels = None;
        let keys = self.fields(Kind::Roadmap, |this, key| {
            match key {
                "levels" => levels = this.nodes(Kind::Level, Self::level)?,
                _ => head.read(this, Kind::Roadmap, key)?,
            }
            Ok(())
        })?;
        let levels = self.required(Kind::Roadmap, at, &keys, levels);
        let title = self.title_of(Kind::Roadmap, at, &keys, head.title);
        let id = if keys.has("id") {
            head.id
        } else {
            self.id_from_file_name(default_id, reserved, at)
        };
        Ok(Some(Roadmap {
            id: id.unwrap_or_default(),
            title: title.map(|(title, _)| title).unwrap_or_default(),
            description: head.description.unwrap_or_default(),
            levels,
        }))
    }

    fn id_from_file_name(
        &mut self,
        default_id: &str,
        reserved: &[&str],
        at: Position,
    ) -> Option<String> {
        let id = id_from_file_stem(default_id);
        if id.is_empty() {
            self.report.error(
                Some(at),
                format!(
                    "cannot derive an id from the file name `{}`: add an `id:` line",
                    clean_line(default_id)
                ),
            );
            return None;
        }
        if reserved.contains(&id.as_str()) {
            self.report.error(
                Some(at),
                format!(
                    "this file has no `id:`, and its name gives the id `{id}` of a bundled \
                     roadmap; add `id: my-{id}` to keep its progress apart (or `id: {id}` to \
                     share the bundled roadmap's progress)"
                ),
            );
            return None;
        }
        // No warning: the file name is the documented id, and one to
        // rename with care (docs/roadmap-format.md says so).
        Some(id)
    }

    fn level(&mut self, token: Token<'a>, at: Position) -> Walk<Option<Level>> {
        if token != Token::MapStart {
            self.wrong_type(&token, at, Kind::Level.shape())?;
            return Ok(None);
        }
        let mut head = Head::default();
        let mut topics = None;
        let keys = self.fields(Kind::Level, |this, key| {
            match key {
                "topics" => topics = this.nodes(Kind::Topic, Self::topic)?,
                _ => head.read(this, Kind::Level, key)?,
            }
            Ok(())
        })?;
        let topics = self.required(Kind::Level, at, &keys, topics);
        let Some(named) = self.name(Kind::Level, at, &keys, head) else {
            return Ok(None);
        };
        Ok(Some(Level {
            id: named.id,
            title: named.title,
            description: named.description,
            topics,
        }))
    }

    fn topic(&mut self, token: Token<'a>, at: Position) -> Walk<Option<Topic>> {
        if token != Token::MapStart {
            self.wrong_type(&token, at, Kind::Topic.shape())?;
            return Ok(None);
        }
        let mut head = Head::default();
        let mut resources = Vec::new();
        let mut items = None;
        let keys = self.fields(Kind::Topic, |this, key| {
            match key {
                "items" => items = this.nodes(Kind::Item, Self::item)?,
                "resources" => resources = this.resources()?,
                _ => head.read(this, Kind::Topic, key)?,
            }
            Ok(())
        })?;
        let Some(named) = self.name(Kind::Topic, at, &keys, head) else {
            return Ok(None);
        };
        let items = match items {
            Some(list) if list.len > 0 => list.nodes,
            // Not a list: reported already.
            None if keys.tried("items") => Vec::new(),
            _ => {
                self.report.warn(at, || {
                    format!(
                        "topic `{}` has no items: it shows as 0/0",
                        shorten(&named.title)
                    )
                });
                Vec::new()
            }
        };
        Ok(Some(Topic {
            id: named.id,
            title: named.title,
            description: named.description,
            resources,
            items,
        }))
    }

    fn item(&mut self, token: Token<'a>, at: Position) -> Walk<Option<Item>> {
        let (keys, head, resources) = match token {
            // The short form: the item is its title.
            Token::Scalar(scalar) => {
                let head = Head {
                    title: self.check_title(Kind::Item, scalar, at),
                    ..Head::default()
                };
                let keys = Keys {
                    given: vec!["title"],
                    misspelt: Vec::new(),
                };
                (keys, head, Vec::new())
            }
            Token::MapStart => {
                let mut head = Head::default();
                let mut resources = Vec::new();
                let keys = self.fields(Kind::Item, |this, key| {
                    match key {
                        "resources" => resources = this.resources()?,
                        _ => head.read(this, Kind::Item, key)?,
                    }
                    Ok(())
                })?;
                (keys, head, resources)
            }
            other => {
                self.wrong_type(&other, at, Kind::Item.shape())?;
                return Ok(None);
            }
        };
        let Some(named) = self.name(Kind::Item, at, &keys, head) else {
            return Ok(None);
        };
        Ok(Some(Item {
            id: named.id,
            key: String::new(),
            title: named.title,
            description: named.description,
            resources,
        }))
    }

    /// A `resources:` list; bad entries are reported and left out.
    fn resources(&mut self) -> Walk<Vec<Resource>> {
        let mut resources = Vec::new();
        self.list(Kind::Resource, |this, token, at| {
            this.count_entry(at)?;
            if let Some(resource) = this.resource(token, at)? {
                resources.push(resource);
            }
            Ok(())
        })?;
        Ok(resources)
    }

    fn resource(&mut self, token: Token<'a>, at: Position) -> Walk<Option<Resource>> {
        match token {
            // A bare url is its own title.
            // (Cleaned like any title: the url itself is kept as written.)
            Token::Scalar(scalar) => Ok(self.url(scalar, at).map(|url| Resource {
                title: clean_line(&url),
                url,
            })),
            Token::MapStart => {
                let mut title = None;
                let mut url = None;
                let keys = self.fields(Kind::Resource, |this, key| {
                    let expected = match key {
                        "title" => "a title (text)",
                        _ => "a url (text)",
                    };
                    if let Some((scalar, at)) = this.scalar(expected)? {
                        match key {
                            "title" => title = this.check_title(Kind::Resource, scalar, at),
                            _ => url = this.url(scalar, at),
                        }
                    }
                    Ok(())
                })?;
                if !keys.tried("url") {
                    self.report
                        .error(Some(at), "this resource has no `url`".to_owned());
                }
                if !keys.tried("title") {
                    self.report.error(
                        Some(at),
                        "this resource has no `title` (or write its url alone)".to_owned(),
                    );
                }
                Ok(title
                    .zip(url)
                    .map(|((title, _), url)| Resource { title, url }))
            }
            other => {
                self.wrong_type(&other, at, Kind::Resource.shape())?;
                Ok(None)
            }
        }
    }

    /// The required list of a roadmap or level: missing or empty is an
    /// error.
    fn required<T>(
        &mut self,
        kind: Kind,
        at: Position,
        keys: &Keys,
        list: Option<List<T>>,
    ) -> Vec<T> {
        let key = kind.children().unwrap_or_default();
        let child = match kind {
            Kind::Roadmap => "level",
            _ => "topic",
        };
        match list {
            Some(list) if list.len > 0 => list.nodes,
            Some(list) => {
                self.report.error(
                    Some(list.at),
                    format!(
                        "`{key}` is empty: {} {} needs at least one {child}",
                        kind.a(),
                        kind.name()
                    ),
                );
                Vec::new()
            }
            None if keys.tried(key) => Vec::new(),
            None => {
                self.report.error(
                    Some(at),
                    format!(
                        "this {} has no `{key}`: {} {} needs at least one {child}",
                        kind.name(),
                        kind.a(),
                        kind.name()
                    ),
                );
                Vec::new()
            }
        }
    }

    /// Reads a mapping's entries after its start: each known key's value
    /// goes to `value`, which reads exactly that one node; unknown and
    /// repeated keys are reported and skipped.
    fn fields(
        &mut self,
        kind: Kind,
        mut value: impl FnMut(&mut Self, &'static str) -> Walk<()>,
    ) -> Walk<Keys> {
        let mut present: Vec<(&'static str, Position)> = Vec::new();
        let mut misspelt = Vec::new();
        loop {
            let (token, at) = self.next()?;
            let key = match token {
                Token::MapEnd => {
                    return Ok(Keys {
                        given: present.into_iter().map(|(key, _)| key).collect(),
                        misspelt,
                    });
                }
                Token::Scalar(scalar) => scalar.text,
                other => {
                    self.report.error(
                        Some(at),
                        format!("a key must be plain text, found {}", other.describe()),
                    );
                    self.reader.skip_rest(&other)?;
                    self.reader.skip()?;
                    continue;
                }
            };
            let Some(&known) = kind.keys().iter().find(|known| **known == key) else {
                misspelt.extend(self.unknown_key(kind, &key, at));
                self.reader.skip()?;
                continue;
            };
            if let Some((_, first)) = present.iter().find(|(k, _)| *k == known) {
                self.report.error(
                    Some(at),
                    format!(
                        "`{known}` is given twice in this {}; the first is at line {}, column {}",
                        kind.name(),
                        first.line,
                        first.column
                    ),
                );
                self.reader.skip()?;
                continue;
            }
            present.push((known, at));
            value(self, known)?;
        }
    }

    /// Reports an unknown key; returns the key it was likely meant as.
    fn unknown_key(&mut self, kind: Kind, key: &str, at: Position) -> Option<&'static str> {
        let shown = shorten(&clean_line(key)).into_owned();
        let meant = kind.suggest(key);
        let message = if key == "<<" {
            "merge keys (`<<`) are not supported: write the keys out, or alias the whole node"
                .to_owned()
        } else if let Some(meant) = meant {
            format!(
                "unknown key `{shown}` in {} {}: did you mean `{meant}`?",
                kind.a(),
                kind.name()
            )
        } else {
            format!(
                "unknown key `{shown}` in {} {}: {} {} takes {}",
                kind.a(),
                kind.name(),
                kind.a(),
                kind.name(),
                listed(kind.keys(), "and")
            )
        };
        self.report.error(Some(at), message);
        meant
    }

    /// Reads a list of nodes of `kind`, each by `read`, with ids unique
    /// among them. `None` if the value is not a list (reported).
    fn nodes<T: Node>(
        &mut self,
        kind: Kind,
        mut read: impl FnMut(&mut Self, Token<'a>, Position) -> Walk<Option<T>>,
    ) -> Walk<Option<List<T>>> {
        let mut nodes = Vec::new();
        // Each node's 1-based place in the list, and position.
        let mut places = Vec::new();
        let mut len = 0;
        let at = self.list(kind, |this, token, at| {
            this.count_entry(at)?;
            len += 1;
            if let Some(node) = read(this, token, at)? {
                nodes.push(node);
                places.push((len, at));
            }
            Ok(())
        })?;
        self.duplicate_ids(kind, &nodes, &places);
        Ok(at.map(|at| List { nodes, at, len }))
    }

    /// Reports each node whose id an earlier sibling already has. Done
    /// once the list is read, so the ids and titles are borrowed, not
    /// copied, which matters for lists of thousands.
    fn duplicate_ids<T: Node>(&mut self, kind: Kind, nodes: &[T], places: &[(usize, Position)]) {
        let mut first_with: HashMap<&str, usize> = HashMap::with_capacity(nodes.len());
        for (index, node) in nodes.iter().enumerate() {
            match first_with.entry(node.id()) {
                Entry::Occupied(first) => {
                    let first = *first.get();
                    let (place, first_at) = places[first];
                    let (kind, id) = (kind.name(), node.id());
                    self.report.error(
                        Some(places[index].1),
                        format!(
                            "duplicate {kind} id `{id}`: {kind} {place} (\"{}\", line {}, \
                             column {}) already uses it; give one of them a different `id:`",
                            shorten(nodes[first].title()),
                            first_at.line,
                            first_at.column
                        ),
                    );
                }
                Entry::Vacant(slot) => {
                    slot.insert(index);
                }
            }
        }
    }

    /// Reads a list of `kind`s, giving each element's first token to
    /// `element`. Nothing (`key:` alone, or `~`) is an empty list. Returns
    /// where the list is, or `None` if the value is not a list (reported).
    fn list(
        &mut self,
        kind: Kind,
        mut element: impl FnMut(&mut Self, Token<'a>, Position) -> Walk<()>,
    ) -> Walk<Option<Position>> {
        let (token, at) = self.next()?;
        match token {
            Token::ListStart => loop {
                let (token, element_at) = self.next()?;
                if token == Token::ListEnd {
                    return Ok(Some(at));
                }
                element(self, token, element_at)?;
            },
            Token::Scalar(scalar) if scalar.is_null() => Ok(Some(at)),
            other => {
                let expected = format!("a list of {}s", kind.name());
                self.wrong_type(&other, at, &expected)?;
                Ok(None)
            }
        }
    }

    /// The next token; a list element that YAML read as more of the text
    /// above it (see [`Scalar::joined`]) is warned about where it is.
    fn next(&mut self) -> Walk<(Token<'a>, Position)> {
        let (token, at) = self.reader.next_token()?;
        if let Token::Scalar(Scalar {
            text,
            joined: Some(joined),
            ..
        }) = &token
        {
            self.report.warn(*joined, || {
                format!(
                    "this `- ` line is read as more of the text above it, `{}`, not as a new \
                     list element: to make it one, indent its `-` like the elements above it \
                     (or quote the text, if the dash belongs to it)",
                    shorten(&clean_line(text))
                )
            });
        }
        Ok((token, at))
    }

    /// Reads a scalar; anything else is reported as not `expected`.
    fn scalar(&mut self, expected: &str) -> Walk<Option<(Scalar<'a>, Position)>> {
        let (token, at) = self.next()?;
        match token {
            Token::Scalar(scalar) => Ok(Some((scalar, at))),
            other => {
                self.wrong_type(&other, at, expected)?;
                Ok(None)
            }
        }
    }

    /// Reports that the node starting with `found` is not `expected`, and
    /// skips the rest of it.
    fn wrong_type(&mut self, found: &Token, at: Position, expected: &str) -> Walk<()> {
        self.report.error(
            Some(at),
            format!("expected {expected}, found {}", found.describe()),
        );
        self.reader.skip_rest(found)
    }

    fn count_entry(&mut self, at: Position) -> Walk<()> {
        self.entries += 1;
        if self.entries > MAX_ENTRIES {
            return Err(Failure {
                at,
                message: format!(
                    "the roadmap has more than {MAX_ENTRIES} levels, topics, items and \
                     resources in all, the limit: split it into several roadmaps"
                ),
            });
        }
        Ok(())
    }
}
