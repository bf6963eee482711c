//! YAML → validated [`Roadmap`]. The only code that reads roadmap files.
//!
//! Validation happens *inside* serde visitors on purpose: serde_yaml stamps
//! an error with the position of the node whose deserialisation raised it,
//! so a duplicate id or an empty level is reported at its own line and
//! column, not at the start of the file.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ffi::OsStr;
use std::fmt;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Item, Level, Resource, Roadmap, Topic, bundled, is_valid_id, slug};
use crate::safe_text::{clean_block, clean_line};

/// Larger files are refused before parsing: no hand-written roadmap comes
/// near this, and it bounds the memory a hostile file can make us use.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A roadmap file that could not be loaded, with the place to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file's path, or the bundled file's name.
    pub origin: String,
    /// 1-based line and column, when the problem has a place in the text.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl LoadError {
    fn whole_file(origin: &str, message: impl Into<String>) -> Self {
        LoadError {
            origin: origin.to_owned(),
            position: None,
            message: message.into(),
        }
    }

    fn from_yaml(origin: &str, text: &str, err: &serde_yaml::Error) -> Self {
        let mut message = err.to_string();
        let position = err.location().map(|at| (at.line(), at.column()));
        if let Some((line, column)) = position {
            // serde_yaml appends the position to its message; we lead with it.
            let suffix = format!(" at line {line} column {column}");
            message = message.replacen(&suffix, "", 1);
            let at = text
                .lines()
                .nth(line - 1)
                .and_then(|l| l.chars().nth(column - 1));
            if at == Some('\t') {
                message.push_str(" (YAML does not allow tabs for indentation: use spaces)");
            }
        }
        LoadError {
            origin: origin.to_owned(),
            position,
            // Messages quote the file (an unknown key, say): never let
            // them carry its control characters to the terminal.
            message: clean_line(&message),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// Opens what the user named on the command line: a bundled roadmap's id,
/// or a path to a YAML file. `None` opens the default bundled roadmap.
pub fn open(name_or_path: Option<&OsStr>) -> Result<Roadmap, anyhow::Error> {
    let Some(spec) = name_or_path else {
        return Ok(bundled::default().load()?);
    };
    if let Some(found) = spec.to_str().and_then(bundled::find) {
        return Ok(found.load()?);
    }
    let path = Path::new(spec);
    let text = spec.to_string_lossy();
    let looks_like_path = path.exists()
        || text.contains(std::path::MAIN_SEPARATOR)
        || text.contains('/')
        || path.extension().is_some();
    if looks_like_path {
        return Ok(read(path)?);
    }
    anyhow::bail!(
        "no roadmap named `{}`; bundled roadmaps: {} (to open a file, give its path)",
        clean_line(&text),
        bundled::ids().collect::<Vec<_>>().join(", ")
    )
}

/// Reads and validates a roadmap file. Its id defaults to the file stem.
pub fn read(path: &Path) -> Result<Roadmap, LoadError> {
    let origin = path.display().to_string();
    let fail = |message: String| LoadError::whole_file(&origin, message);
    let file = std::fs::File::open(path).map_err(|err| fail(describe_io(&err)))?;
    let metadata = file.metadata().map_err(|err| fail(describe_io(&err)))?;
    if metadata.is_dir() {
        return Err(fail("is a directory, not a roadmap file".into()));
    }
    // `take` guards against a file that grows after the size check.
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| fail(describe_io(&err)))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(fail(format!(
            "is larger than {} MiB, the limit for a roadmap file",
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = &err.as_bytes()[..err.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let column = valid.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            return Err(LoadError {
                origin,
                position: Some((line, column)),
                message: "is not UTF-8 text: save the file as UTF-8".into(),
            });
        }
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let bundled_ids: Vec<&str> = bundled::ids().collect();
    parse_with(&text, &origin, &stem, &bundled_ids)
}

fn describe_io(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory, not a roadmap file".into(),
        _ => err.to_string(),
    }
}

/// Parses roadmap YAML. `origin` names the text in messages; `default_id`
/// is the roadmap id when the file has no `id:` (it is slugged if needed).
pub fn parse(text: &str, origin: &str, default_id: &str) -> Result<Roadmap, LoadError> {
    parse_with(text, origin, default_id, &[])
}

/// [`parse`], refusing to take a `reserved` id by default: a file called
/// `backend.yaml` must not silently share the bundled roadmap's progress.
fn parse_with(
    text: &str,
    origin: &str,
    default_id: &str,
    reserved: &[&str],
) -> Result<Roadmap, LoadError> {
    // Windows editors start UTF-8 files with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let blank = text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    });
    if blank {
        return Err(LoadError::whole_file(
            origin,
            "is empty: a roadmap needs a `title` and `levels`",
        ));
    }
    let mut roadmap = RootSeed {
        default_id,
        reserved,
    }
    .deserialize(serde_yaml::Deserializer::from_str(text))
    .map_err(|err| LoadError::from_yaml(origin, text, &err))?;
    assign_item_keys(&mut roadmap);
    Ok(roadmap)
}

fn assign_item_keys(roadmap: &mut Roadmap) {
    for level in &mut roadmap.levels {
        for topic in &mut level.topics {
            for item in &mut topic.items {
                item.key = format!("{}/{}/{}", level.id, topic.id, item.id);
            }
        }
    }
}

// ---------------------------------------------------------------------------
// The file's shape. `deny_unknown_fields` turns a typo into an error that
// names the valid keys, instead of silently dropping what was written.

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoadmap {
    title: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    description: Option<String>,
    levels: Siblings<Level>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    title: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    description: Option<String>,
    topics: Siblings<Topic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTopic {
    title: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "list")]
    resources: Vec<Resource>,
    #[serde(default)]
    items: Siblings<Item>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawItem {
    title: String,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "list")]
    resources: Vec<Resource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawResource {
    title: String,
    url: String,
}

/// An optional list where `key:` with no value (null) means empty.
fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

// ---------------------------------------------------------------------------
// Validation shared by every node.

fn title<E: de::Error>(raw: &str, kind: &str) -> Result<String, E> {
    let title = clean_line(raw);
    if title.is_empty() {
        return Err(E::custom(format!("the {kind} title is empty")));
    }
    Ok(title)
}

fn ident<E: de::Error>(explicit: Option<&str>, title: &str, kind: &str) -> Result<String, E> {
    match explicit {
        Some(id) if is_valid_id(id) => Ok(id.to_owned()),
        Some(id) => Err(E::custom(format!(
            "{kind} id `{}` is not usable as a stable key: use only letters, digits, `-`, `_` and `.`",
            clean_line(id)
        ))),
        None => {
            let derived = slug(title);
            if derived.is_empty() {
                Err(E::custom(format!(
                    "cannot derive an id from the {kind} title `{title}`: add an explicit `id:`"
                )))
            } else {
                Ok(derived)
            }
        }
    }
}

fn description(raw: Option<String>) -> String {
    raw.as_deref().map(clean_block).unwrap_or_default()
}

/// What every node has: a title, an id, a description, each validated.
struct Head {
    id: String,
    title: String,
    description: String,
}

impl Head {
    fn new<E: de::Error>(
        kind: &str,
        title: &str,
        id: Option<&str>,
        description: Option<String>,
    ) -> Result<Head, E> {
        let title = self::title(title, kind)?;
        Ok(Head {
            id: ident(id, &title, kind)?,
            title,
            description: self::description(description),
        })
    }
}

fn check_url<E: de::Error>(raw: &str) -> Result<String, E> {
    let url = clean_line(raw);
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !url.contains(' ') => Ok(url),
        _ => Err(E::custom(format!(
            "resource url `{url}` is not a web address: it must start with https:// or http://"
        ))),
    }
}

// ---------------------------------------------------------------------------
// Nodes: each built and validated inside its own visitor call (see the
// module doc for why).

/// A node that sits in a list of siblings with unique ids.
trait Node: Sized {
    /// "level", "topic", "item".
    const KIND: &'static str;
    const PLURAL: &'static str;
    /// What a list of these belongs to, for "a level needs at least one topic".
    const PARENT: &'static str;
    /// The key of the node's own list, for "a mapping with `title` and `topics`".
    const CHILDREN: &'static str;
    const MAY_BE_EMPTY: bool;
    /// Whether a bare title is a valid node ([`Node::from_title`]).
    const HAS_SHORT_FORM: bool = false;

    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;

    /// The short form, a bare title. Only items have one.
    fn from_title<E: de::Error>(_title: &str) -> Option<Result<Self, E>> {
        None
    }

    fn id(&self) -> &str;
    fn title(&self) -> &str;
}

impl Node for Level {
    const KIND: &'static str = "level";
    const PLURAL: &'static str = "levels";
    const PARENT: &'static str = "roadmap";
    const CHILDREN: &'static str = "topics";
    const MAY_BE_EMPTY: bool = false;

    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let raw = RawLevel::deserialize(MapAccessDeserializer::new(map))?;
        let Head {
            id,
            title,
            description,
        } = Head::new(Self::KIND, &raw.title, raw.id.as_deref(), raw.description)?;
        Ok(Level {
            id,
            title,
            description,
            topics: raw.topics.0,
        })
    }

    fn id(&self) -> &str {
        &self.id
    }
    fn title(&self) -> &str {
        &self.title
    }
}

impl Node for Topic {
    const KIND: &'static str = "topic";
    const PLURAL: &'static str = "topics";
    const PARENT: &'static str = "level";
    const CHILDREN: &'static str = "items";
    const MAY_BE_EMPTY: bool = false;

    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let raw = RawTopic::deserialize(MapAccessDeserializer::new(map))?;
        let Head {
            id,
            title,
            description,
        } = Head::new(Self::KIND, &raw.title, raw.id.as_deref(), raw.description)?;
        Ok(Topic {
            id,
            title,
            description,
            resources: raw.resources,
            items: raw.items.0,
        })
    }

    fn id(&self) -> &str {
        &self.id
    }
    fn title(&self) -> &str {
        &self.title
    }
}

impl Node for Item {
    const KIND: &'static str = "item";
    const PLURAL: &'static str = "items";
    const PARENT: &'static str = "topic";
    const CHILDREN: &'static str = "";
    const MAY_BE_EMPTY: bool = true;
    const HAS_SHORT_FORM: bool = true;

    fn from_map<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
        let raw = RawItem::deserialize(MapAccessDeserializer::new(map))?;
        let head = Head::new(Self::KIND, &raw.title, raw.id.as_deref(), raw.description)?;
        Ok(Item::new(head, raw.resources))
    }

    fn from_title<E: de::Error>(title: &str) -> Option<Result<Self, E>> {
        Some(Head::new(Self::KIND, title, None, None).map(|head| Item::new(head, Vec::new())))
    }

    fn id(&self) -> &str {
        &self.id
    }
    fn title(&self) -> &str {
        &self.title
    }
}

impl Item {
    /// Its `key` is set once the ids of its level and topic are known.
    fn new(
        Head {
            id,
            title,
            description,
        }: Head,
        resources: Vec<Resource>,
    ) -> Item {
        Item {
            id,
            key: String::new(),
            title,
            description,
            resources,
        }
    }
}

/// A list of sibling nodes whose ids are unique.
struct Siblings<T>(Vec<T>);

impl<T> Default for Siblings<T> {
    fn default() -> Self {
        Siblings(Vec::new())
    }
}

impl<'de, T: Node> Deserialize<'de> for Siblings<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `any`, not `seq`: serde_yaml only calls `visit_unit` for a null
        // (`items: ~`) when asked for anything.
        deserializer.deserialize_any(SiblingsVisitor(PhantomData))
    }
}

struct SiblingsVisitor<T>(PhantomData<T>);

impl<'de, T: Node> Visitor<'de> for SiblingsVisitor<T> {
    type Value = Siblings<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a list of {}", T::PLURAL)
    }

    /// `items:` with nothing after it, or `~`: an empty list.
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Self::finish(Vec::new())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut seen = HashMap::new();
        let mut nodes = Vec::new();
        while let Some(node) = seq.next_element_seed(NodeSeed {
            seen: &mut seen,
            position: nodes.len() + 1,
            node: PhantomData,
        })? {
            nodes.push(node);
        }
        Self::finish(nodes)
    }
}

impl<T: Node> SiblingsVisitor<T> {
    fn finish<E: de::Error>(nodes: Vec<T>) -> Result<Siblings<T>, E> {
        if nodes.is_empty() && !T::MAY_BE_EMPTY {
            return Err(E::custom(format!(
                "`{}` is empty: a {} needs at least one {}",
                T::PLURAL,
                T::PARENT,
                T::KIND
            )));
        }
        Ok(Siblings(nodes))
    }
}

/// Deserialises one node and checks its id against its earlier siblings.
struct NodeSeed<'a, T> {
    /// id → (1-based position, title) of the sibling that took it first.
    seen: &'a mut HashMap<String, (usize, String)>,
    position: usize,
    node: PhantomData<T>,
}

impl<'de, T: Node> NodeSeed<'_, T> {
    /// A number or boolean where a node is expected: its text is the title
    /// of a short-form node, and a type error elsewhere.
    fn scalar_title<E: de::Error>(self, text: String, value: de::Unexpected) -> Result<T, E> {
        if T::HAS_SHORT_FORM {
            Visitor::<'de>::visit_str(self, &text)
        } else {
            Err(E::invalid_type(value, &self))
        }
    }

    fn register<E: de::Error>(self, node: T) -> Result<T, E> {
        match self.seen.entry(node.id().to_owned()) {
            Entry::Occupied(first) => {
                let (position, title) = first.get();
                Err(E::custom(format!(
                    "duplicate {kind} id `{id}`: {kind} {position} (\"{title}\") already uses it; \
                     give one of them a different `id:`",
                    kind = T::KIND,
                    id = node.id(),
                )))
            }
            Entry::Vacant(slot) => {
                slot.insert((self.position, node.title().to_owned()));
                Ok(node)
            }
        }
    }
}

impl<'de, T: Node> DeserializeSeed<'de> for NodeSeed<'_, T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, T: Node> Visitor<'de> for NodeSeed<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if T::HAS_SHORT_FORM {
            write!(f, "an {} (a title, or a mapping with `title`)", T::KIND)
        } else {
            write!(
                f,
                "a {} (a mapping with `title` and `{}`)",
                T::KIND,
                T::CHILDREN
            )
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        let node = T::from_map(map)?;
        self.register(node)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        match T::from_title(value) {
            Some(node) => self.register(node?),
            None => Err(E::invalid_type(de::Unexpected::Str(value), &self)),
        }
    }

    // `- 404` and `- true` are titles too, where a bare title is allowed.
    fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
        self.scalar_title(value.to_string(), de::Unexpected::Unsigned(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
        self.scalar_title(value.to_string(), de::Unexpected::Signed(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<T, E> {
        self.scalar_title(value.to_string(), de::Unexpected::Float(value))
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<T, E> {
        self.scalar_title(value.to_string(), de::Unexpected::Bool(value))
    }
}

impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(ResourceVisitor)
    }
}

struct ResourceVisitor;

impl<'de> Visitor<'de> for ResourceVisitor {
    type Value = Resource;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a resource (a url, or a mapping with `title` and `url`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Resource, A::Error> {
        let raw = RawResource::deserialize(MapAccessDeserializer::new(map))?;
        Ok(Resource {
            title: title(&raw.title, "resource")?,
            url: check_url(&raw.url)?,
        })
    }

    /// A bare url is its own title.
    fn visit_str<E: de::Error>(self, value: &str) -> Result<Resource, E> {
        let url = check_url(value)?;
        Ok(Resource {
            title: url.clone(),
            url,
        })
    }
}

/// The document root; a seed so it knows the id to fall back on.
struct RootSeed<'a> {
    default_id: &'a str,
    /// Ids a file may only take with an explicit `id:`.
    reserved: &'a [&'a str],
}

impl<'de> DeserializeSeed<'de> for RootSeed<'_> {
    type Value = Roadmap;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Roadmap, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for RootSeed<'_> {
    type Value = Roadmap;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a roadmap (a mapping with `title` and `levels`)")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Roadmap, A::Error> {
        let raw = RawRoadmap::deserialize(MapAccessDeserializer::new(map))?;
        let title = title(&raw.title, "roadmap")?;
        let id = match raw.id.as_deref() {
            Some(_) => ident(raw.id.as_deref(), &title, "roadmap")?,
            None if is_valid_id(self.default_id) => self.default_id.to_owned(),
            None => ident(None, &slug(self.default_id), "roadmap")?,
        };
        if raw.id.is_none() && self.reserved.contains(&id.as_str()) {
            return Err(de::Error::custom(format!(
                "this file has no `id:`, and its name gives the id `{id}` of a bundled \
                 roadmap; add `id: my-{id}` to keep its progress apart (or `id: {id}` to \
                 share the bundled roadmap's progress)"
            )));
        }
        Ok(Roadmap {
            id,
            title,
            description: description(raw.description),
            levels: raw.levels.0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Roadmap, LoadError> {
        parse(text, "test.yaml", "test")
    }

    fn error(text: &str) -> (Option<(usize, usize)>, String) {
        let err = load(text).expect_err("should not load");
        (err.position, err.message)
    }

    const MINIMAL: &str = "\
title: Backend
levels:
  - title: Beginner
    topics:
      - title: Databases
        items:
          - Database Basics
          - title: Relational Databases
            id: relational
            description: Tables and joins.
            resources:
              - { title: PostgreSQL docs, url: \"https://www.postgresql.org/docs/\" }
              - https://sqlite.org/docs.html
";

    #[test]
    fn loads_short_and_long_items_with_derived_and_explicit_ids() {
        let roadmap = load(MINIMAL).unwrap();
        assert_eq!(roadmap.id, "test");
        assert_eq!(roadmap.title, "Backend");
        let level = &roadmap.levels[0];
        assert_eq!(level.id, "beginner");
        let topic = &level.topics[0];
        assert_eq!(topic.id, "databases");
        let keys: Vec<_> = topic.items.iter().map(|i| i.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "beginner/databases/database-basics",
                "beginner/databases/relational"
            ]
        );
        let long = &topic.items[1];
        assert_eq!(long.description, "Tables and joins.");
        assert_eq!(long.resources.len(), 2);
        assert_eq!(long.resources[1].title, long.resources[1].url);
    }

    #[test]
    fn explicit_roadmap_id_beats_the_file_stem() {
        let roadmap =
            load(&MINIMAL.replace("title: Backend\n", "title: Backend\nid: be\n")).unwrap();
        assert_eq!(roadmap.id, "be");
    }

    #[test]
    fn unusable_file_stem_is_slugged() {
        let roadmap = parse(MINIMAL, "My Plan.yaml", "My Plan").unwrap();
        assert_eq!(roadmap.id, "my-plan");
    }

    #[test]
    fn unknown_key_is_reported_at_the_key() {
        let text = MINIMAL.replace("        items:", "        itmes:");
        let (position, message) = error(&text);
        assert_eq!(position, Some((6, 9)));
        assert!(message.contains("unknown field `itmes`"), "{message}");
        assert!(message.contains("`items`"), "{message}");
    }

    #[test]
    fn missing_title_is_reported_at_its_mapping() {
        let text = "title: X\nlevels:\n  - id: beginner\n    topics: [{title: T}]\n";
        let (position, message) = error(text);
        assert_eq!(position, Some((3, 5)));
        assert!(message.contains("missing field `title`"), "{message}");
    }

    #[test]
    fn empty_title_is_an_error() {
        let (position, message) =
            error("title: X\nlevels:\n  - title: '  '\n    topics: [{title: T}]\n");
        assert_eq!(position, Some((3, 5)));
        assert!(message.contains("level title is empty"), "{message}");
    }

    #[test]
    fn duplicate_sibling_ids_point_at_the_second_one() {
        let text = "\
title: X
levels:
  - title: L
    topics:
      - title: T
        items:
          - Git Basics
          - Other
          - git basics
";
        let (position, message) = error(text);
        assert_eq!(position, Some((9, 13)));
        assert!(
            message.contains("duplicate item id `git-basics`"),
            "{message}"
        );
        assert!(message.contains("item 1 (\"Git Basics\")"), "{message}");
    }

    #[test]
    fn same_id_in_different_topics_is_fine() {
        let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - {title: A, items: [Basics]}\n      - {title: B, items: [Basics]}\n";
        let roadmap = load(text).unwrap();
        assert_eq!(roadmap.levels[0].topics[1].items[0].key, "l/b/basics");
    }

    #[test]
    fn duplicate_level_ids_are_errors() {
        let text = "title: X\nlevels:\n  - {title: L, topics: [{title: T}]}\n  - {title: L, topics: [{title: T}]}\n";
        let (position, message) = error(text);
        assert_eq!(position, Some((4, 5)));
        assert!(message.contains("duplicate level id `l`"), "{message}");
    }

    #[test]
    fn empty_level_is_reported_at_its_topics() {
        let (position, message) = error("title: X\nlevels:\n  - title: L\n    topics: []\n");
        assert_eq!(position, Some((4, 13)));
        assert!(
            message.contains("a level needs at least one topic"),
            "{message}"
        );
    }

    #[test]
    fn no_levels_is_an_error() {
        let (position, message) = error("title: X\nlevels: []\n");
        assert_eq!(position, Some((2, 9)));
        assert!(
            message.contains("a roadmap needs at least one level"),
            "{message}"
        );
    }

    #[test]
    fn unusable_explicit_id_is_an_error() {
        let text = "title: X\nlevels:\n  - {title: L, id: a/b, topics: [{title: T}]}\n";
        let (position, message) = error(text);
        assert_eq!(position, Some((3, 5)));
        assert!(message.contains("not usable as a stable key"), "{message}");
    }

    #[test]
    fn title_without_letters_needs_an_explicit_id() {
        let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - title: T\n        items: ['???']\n";
        let (position, message) = error(text);
        assert_eq!(position, Some((6, 17)));
        assert!(message.contains("add an explicit `id:`"), "{message}");
    }

    #[test]
    fn wrong_type_says_what_was_expected() {
        let (position, message) = error("title: X\nlevels:\n  - title: L\n    topics: 3\n");
        assert_eq!(position, Some((4, 13)));
        assert!(message.contains("expected a list of topics"), "{message}");
    }

    #[test]
    fn non_http_resource_is_an_error() {
        let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - title: T\n        resources: ['javascript:alert(1)']\n";
        let (position, message) = error(text);
        assert_eq!(position, Some((6, 21)));
        assert!(message.contains("must start with https://"), "{message}");
    }

    #[test]
    fn yaml_syntax_errors_have_a_position() {
        let (position, _) = error("title: X\nlevels:\n  - title: [unclosed\n");
        assert!(position.is_some());
    }

    #[test]
    fn empty_and_non_mapping_documents_are_errors() {
        assert!(error("").1.contains("is empty"));
        assert!(error("   \n# only a comment\n").1.contains("is empty"));
        assert!(error("- a\n- b\n").1.contains("expected a roadmap"));
        assert!(error("just text").1.contains("expected a roadmap"));
    }

    #[test]
    fn control_characters_are_spelled_out() {
        let text = "title: \"Evil \\e[31mred\\e]0;pwned\\a\"\nlevels:\n  - title: L\n    description: \"one\\ttab\\nnext \\u202e line\"\n    topics: [{title: T}]\n";
        let roadmap = load(text).unwrap();
        assert_eq!(roadmap.title, "Evil \\x1b[31mred\\x1b]0;pwned\\x07");
        assert_eq!(
            roadmap.levels[0].description,
            "one    tab\nnext \\u{202e} line"
        );
        assert!(!roadmap.title.chars().any(char::is_control));
    }

    #[test]
    fn alias_bombs_fail_instead_of_exhausting_memory() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for n in 1..12 {
            let p = n - 1;
            text.push_str(&format!(
                "a{n}: &a{n} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        text.push_str("title: *a11\nlevels: []\n");
        assert!(load(&text).is_err());
    }

    #[test]
    fn deep_nesting_fails_cleanly() {
        let text = format!(
            "title: X\nlevels: {}{}\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert!(load(&text).is_err());
    }

    #[test]
    fn wrong_node_type_names_the_expected_keys() {
        let (_, message) = error("title: X\nlevels: [3]\n");
        assert!(
            message.contains("expected a level (a mapping with `title` and `topics`)"),
            "{message}"
        );
        let (_, message) = error("title: X\nlevels:\n  - {title: L, topics: [[]]}\n");
        assert!(
            message.contains("expected a topic (a mapping with `title` and `items`)"),
            "{message}"
        );
    }

    #[test]
    fn numbers_and_booleans_are_short_item_titles() {
        let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - {title: T, items: [404, true, -1, 2.5]}\n";
        let roadmap = load(text).unwrap();
        let titles: Vec<_> = roadmap.items().map(|i| i.title.as_str()).collect();
        assert_eq!(titles, ["404", "true", "-1", "2.5"]);
    }

    #[test]
    fn null_lists_are_empty_lists() {
        let text = "title: X\nlevels:\n  - title: L\n    topics:\n      - {title: T, items: ~, resources: ~}\n      - title: U\n        items:\n";
        let roadmap = load(text).unwrap();
        assert_eq!(roadmap.items().count(), 0);
        let (position, message) = error("title: X\nlevels: ~\n");
        assert_eq!(position, Some((2, 9)));
        assert!(
            message.contains("a roadmap needs at least one level"),
            "{message}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let roadmap = load(&format!("\u{feff}{MINIMAL}")).unwrap();
        assert_eq!(roadmap.title, "Backend");
    }

    #[test]
    fn comment_only_files_are_empty() {
        let (position, message) = error("# just a comment\n---\n\n");
        assert_eq!(position, None);
        assert!(message.contains("is empty"), "{message}");
    }

    #[test]
    fn tab_indentation_gets_a_hint() {
        let (_, message) = error("title: X\nlevels:\n\t- title: L\n");
        assert!(message.contains("YAML does not allow tabs"), "{message}");
    }

    #[test]
    fn error_messages_never_carry_control_characters() {
        let err = load("title: X\n\"\\e]0;pwned\\a\\u009b\": 1\nlevels: []\n").unwrap_err();
        assert!(err.message.contains("unknown field"), "{}", err.message);
        assert!(
            err.message.contains("\\x1b]0;pwned\\x07\\x9b"),
            "{}",
            err.message
        );
        assert!(!err.to_string().chars().any(char::is_control), "{err}");
    }

    #[test]
    fn a_file_named_like_a_bundled_roadmap_needs_an_explicit_id() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("backend.yaml");
        std::fs::write(&path, MINIMAL).unwrap();
        let err = read(&path).unwrap_err();
        assert_eq!(err.position, Some((1, 1)));
        assert!(
            err.message.contains("add `id: my-backend`"),
            "{}",
            err.message
        );
        std::fs::write(&path, format!("id: backend\n{MINIMAL}")).unwrap();
        assert_eq!(
            read(&path).unwrap().id,
            "backend",
            "an explicit id is a deliberate choice"
        );
    }

    #[test]
    fn error_display_leads_with_file_line_column() {
        let err = load("title: X\nlevels: []\n").unwrap_err();
        assert!(err.to_string().starts_with("test.yaml:2:9: "), "{err}");
    }

    mod never_panics {
        use super::*;
        use proptest::prelude::*;

        const VALID: &str = include_str!("../../roadmaps/backend.yaml");

        /// One edit of a valid roadmap: the ways real files go wrong.
        #[derive(Debug, Clone)]
        enum Edit {
            Cut(prop::sample::Index),
            Flip(prop::sample::Index, u8),
            Insert(prop::sample::Index, String),
            Delete(prop::sample::Index, usize),
        }

        fn edit() -> impl Strategy<Value = Edit> {
            prop_oneof![
                any::<prop::sample::Index>().prop_map(Edit::Cut),
                (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Edit::Flip(i, b)),
                (
                    any::<prop::sample::Index>(),
                    prop::sample::select(vec![
                        "\n",
                        "  ",
                        "\t",
                        ":",
                        "- ",
                        "{",
                        "[",
                        "&a ",
                        "*a",
                        "!!binary ",
                        "\"",
                        "'",
                        "#",
                        "? ",
                        "---\n",
                        "...\n",
                        "\u{1b}]0;x\u{7}",
                    ])
                    .prop_map(str::to_owned)
                )
                    .prop_map(|(i, s)| Edit::Insert(i, s)),
                (any::<prop::sample::Index>(), 1usize..200).prop_map(|(i, n)| Edit::Delete(i, n)),
            ]
        }

        fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
            let at = |i: &prop::sample::Index, len: usize| i.index(len + 1);
            match edit {
                Edit::Cut(i) => bytes.truncate(at(i, bytes.len())),
                Edit::Flip(i, b) if !bytes.is_empty() => {
                    let at = i.index(bytes.len());
                    bytes[at] = *b;
                }
                Edit::Flip(..) => {}
                Edit::Insert(i, text) => {
                    let at = at(i, bytes.len());
                    bytes.splice(at..at, text.bytes());
                }
                Edit::Delete(i, n) => {
                    let at = at(i, bytes.len());
                    let end = (at + n).min(bytes.len());
                    bytes.drain(at..end);
                }
            }
        }

        /// Loads `bytes` the way a file is loaded: UTF-8 check, then parse.
        /// Returns the error text, which must never carry a control
        /// character to the terminal.
        fn load_bytes(bytes: &[u8]) -> Option<String> {
            let text = std::str::from_utf8(bytes).ok()?;
            parse(text, "fuzz.yaml", "fuzz")
                .err()
                .map(|err| err.to_string())
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            /// Arbitrary bytes never panic the loader.
            #[test]
            fn arbitrary_text_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
                if let Some(message) = load_bytes(&bytes) {
                    prop_assert!(!message.chars().any(char::is_control), "{message:?}");
                }
            }

            /// A valid roadmap damaged by a few edits either loads or gives
            /// an error; it never panics, and the error is safe to print.
            #[test]
            fn mutated_roadmaps_never_panic(edits in prop::collection::vec(edit(), 1..4)) {
                let mut bytes = VALID.as_bytes().to_vec();
                for edit in &edits {
                    apply(&mut bytes, edit);
                }
                if let Some(message) = load_bytes(&bytes) {
                    prop_assert!(!message.chars().any(char::is_control), "{message:?}");
                }
            }
        }
    }
}
