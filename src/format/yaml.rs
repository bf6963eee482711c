//! The one YAML reader, shared by every YAML format here: the roadmap
//! checker ([`super::roadmap::check`]) and the settings
//! ([`super::config`]). Each of them walks the tokens of this module and
//! words its own messages; neither reaches into the other.
//!
//! What it offers:
//!
//! - [`document`]: the text to read, or `None` for a file with no
//!   document at all (blank, comments only), which each format reports in
//!   its own words, or accepts;
//! - [`Reader`]: a pull reader that turns saphyr-parser's events into
//!   [`Token`]s ([`Scalar`]s, whose [`ScalarKind`] follows YAML's core
//!   schema, and the starts and ends of lists and mappings), each with
//!   the [`Position`] of the node it starts; [`Reader::char_position`]
//!   finds a character inside a scalar;
//! - [`Failure`]: what ends the reading, at its place;
//! - the words messages share: [`Token::describe`] ("the number `3`"),
//!   [`shorten`] for long quotes, [`listed`] for lists of names, and
//!   [`closest`] for "did you mean".
//!
//! It owns what YAML itself can do to us. Aliases are expanded here within
//! a budget, so a "billion laughs" file fails fast in bounded memory; a
//! syntax error, or a second document in the file, ends the reading with a
//! [`Failure`]. It must not know what a roadmap or a setting is, nor read
//! a file: text in, tokens out.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, StrInput};

/// How many YAML nodes anchored and aliased content may add up to, counting
/// every copy kept and every expansion. Real roadmaps alias a few
/// resources; a file built to expand without bound hits this long before
/// memory or time run out.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// The same for the text of those nodes: a few aliases of one huge scalar
/// cost as much as many small ones.
pub const MAX_ALIAS_BYTES: usize = 16 * 1024 * 1024;

/// A place in the text: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    fn of(span: Span) -> Position {
        Position {
            line: span.start.line(),
            column: span.start.col() + 1,
        }
    }
}

/// The start or end of a node, as the checker sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    Scalar(Scalar<'a>),
    ListStart,
    ListEnd,
    MapStart,
    MapEnd,
}

/// A scalar's text, and whether it was written plain (unquoted), which is
/// what decides whether `~`, `true` or `3` mean null, a boolean, a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scalar<'a> {
    pub text: Cow<'a, str>,
    pub plain: bool,
    /// Where a later line of this plain scalar starts with `- `: most
    /// likely a list element indented too far, which YAML reads as more
    /// of the text above it (`- a` then ` - b` is the one text `a - b`).
    pub joined: Option<Position>,
}

/// What a scalar means under YAML's core schema, for messages and for
/// telling "nothing here" from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    Null,
    Bool,
    Number,
    Text,
}

impl Scalar<'_> {
    pub fn kind(&self) -> ScalarKind {
        if !self.plain {
            return ScalarKind::Text;
        }
        match self.text.as_ref() {
            "" | "~" | "null" | "Null" | "NULL" => ScalarKind::Null,
            "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => ScalarKind::Bool,
            text if is_number(text) => ScalarKind::Number,
            _ => ScalarKind::Text,
        }
    }

    pub fn is_null(&self) -> bool {
        self.kind() == ScalarKind::Null
    }
}

fn is_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    matches!(digits, ".inf" | ".Inf" | ".INF")
        || matches!(text, ".nan" | ".NaN" | ".NAN")
        || digits
            .strip_prefix("0x")
            .is_some_and(|hex| !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()))
        || digits
            .strip_prefix("0o")
            .is_some_and(|oct| !oct.is_empty() && oct.chars().all(|c| matches!(c, '0'..='7')))
        || (digits.starts_with(|c: char| c.is_ascii_digit() || c == '.')
            && digits.parse::<f64>().is_ok())
}

impl Token<'_> {
    /// How a message names what was found: "a list", "the number `3`".
    pub fn describe(&self) -> String {
        match self {
            Token::ListStart => "a list".to_owned(),
            Token::MapStart => "a mapping".to_owned(),
            Token::ListEnd | Token::MapEnd => "the end of a block".to_owned(),
            Token::Scalar(scalar) => {
                let text = crate::domain::safe_text::clean_line(&scalar.text);
                match scalar.kind() {
                    ScalarKind::Null => "nothing".to_owned(),
                    ScalarKind::Bool => format!("`{text}`"),
                    ScalarKind::Number => format!("the number `{text}`"),
                    ScalarKind::Text => format!("the text `{}`", shorten(&text)),
                }
            }
        }
    }
}

/// `text` as the reader is to see it: without the byte-order mark that
/// Windows editors start UTF-8 files with. `None` when it holds no
/// document at all, only blank lines, comments, `---` and `...`: the
/// reader would refuse it, and each format has its own word for that (an
/// empty roadmap is an error, empty settings set nothing).
pub fn document(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let blank = text.lines().all(|line| {
        let line = line.trim();
        line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
    });
    (!blank).then_some(text)
}

/// Long quotes in messages are cut, so one line stays one line.
pub fn shorten(text: &str) -> Cow<'_, str> {
    const LIMIT: usize = 60;
    match text.char_indices().nth(LIMIT) {
        Some((at, _)) => Cow::Owned(format!("{}…", &text[..at])),
        None => Cow::Borrowed(text),
    }
}

/// "`a`, `b` and `c`", or with `or`: the names a message offers.
pub fn listed(words: &[&str], conjunction: &str) -> String {
    let quoted: Vec<String> = words.iter().map(|word| format!("`{word}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {conjunction} {last}", rest.join(", "))
        }
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The candidate `word` was most likely meant as: the same word in
/// another case, a close misspelling, or a prefix of it.
///
/// ```
/// use roadmap::format::yaml::closest;
/// assert_eq!(closest("itmes", ["title", "items"]), Some("items"));
/// assert_eq!(closest("desc", ["title", "description"]), Some("description"));
/// assert_eq!(closest("colour", ["title", "items"]), None);
/// ```
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let word = word.to_lowercase();
    let len = word.chars().count();
    // No key is this long: a long word is no misspelling, and comparing
    // it would cost its length times each candidate's.
    if len > 40 {
        return None;
    }
    let allowed = match len {
        0..=2 => 0,
        3..=5 => 1,
        _ => 2,
    };
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = if len >= 3 && candidate.starts_with(&word) {
            // A prefix ranks just after a one-letter slip.
            1
        } else {
            edit_distance(&word, &candidate.to_lowercase())
        };
        if distance <= allowed && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of neighbours each cost one (`itmes` is one from `items`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

/// [`Reader::char_position`] on the scalar's first `line`, when it can be
/// told. Each character of the line is decoded as the scalar's style reads it, and the answer
/// is trusted only if it decodes to the very character of `value`.
fn written_at(line: &str, at: Position, value: &str, index: usize) -> Option<Position> {
    let want = value.chars().nth(index)?;
    let mut source = line.chars().skip(at.column.checked_sub(1)?).peekable();
    let mut column = at.column;
    let quote = match *source.peek()? {
        quote @ ('"' | '\'') => {
            source.next();
            column += 1;
            Some(quote)
        }
        // An alias, anchor, tag or block scalar: not the value itself.
        '*' | '&' | '!' | '|' | '>' => return None,
        _ => None,
    };
    for produced in 0..=index {
        let start = column;
        let c = source.next()?;
        column += 1;
        let decoded = match (quote, c) {
            (Some('"'), '\\') => {
                let (decoded, used) = escape(&mut source)?;
                column += used;
                decoded
            }
            (Some('"'), '"') => return None,
            (Some('\''), '\'') => {
                // `''` is one quote; a lone one ends the scalar.
                source.next_if_eq(&'\'')?;
                column += 1;
                '\''
            }
            _ => c,
        };
        if produced == index {
            return (decoded == want).then_some(Position {
                line: at.line,
                column: start,
            });
        }
    }
    None
}

/// The character a double-quoted scalar's escape (after its `\`) stands
/// for, and how many more source characters it took.
fn escape(source: &mut impl Iterator<Item = char>) -> Option<(char, usize)> {
    let simple = match source.next()? {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{b}',
        'f' => '\u{c}',
        'r' => '\r',
        'e' => '\u{1b}',
        'N' => '\u{85}',
        '_' => '\u{a0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        c @ (' ' | '"' | '/' | '\\') => c,
        hex => {
            let digits = match hex {
                'x' => 2,
                'u' => 4,
                'U' => 8,
                _ => return None,
            };
            let code: String = source.take(digits).collect();
            let code = u32::from_str_radix(&code, 16).ok()?;
            return Some((char::from_u32(code)?, 1 + digits));
        }
    };
    Some((simple, 1))
}

/// The text an event carries, for the alias budget.
fn text_bytes(event: &Event) -> usize {
    match event {
        Event::Scalar(text, ..) => text.len(),
        _ => 0,
    }
}

/// A problem that ends the reading: bad YAML, or a limit reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub at: Position,
    pub message: String,
}

type Recorded<'a> = (Event<'a>, Span);

/// Events of anchored nodes being replayed for an alias, innermost last.
struct Replay<'a> {
    events: Rc<[Recorded<'a>]>,
    next: usize,
}

/// The pull reader. Call [`Reader::next_token`] for each token of the root node,
/// then [`Reader::finish`].
pub struct Reader<'a> {
    text: &'a str,
    parser: Parser<'a, StrInput<'a>>,
    /// Recorded events of each complete anchored node, by anchor id.
    anchors: HashMap<usize, Rc<[Recorded<'a>]>>,
    /// Anchored nodes still open: (anchor id, start in `tape`, depth).
    recording: Vec<(usize, usize, usize)>,
    tape: Vec<Recorded<'a>>,
    /// How many collections of the parsed text are open.
    depth: usize,
    replays: Vec<Replay<'a>>,
    /// Where the alias being expanded was written: its first token is
    /// reported there, not at the anchor.
    alias_at: Option<Position>,
    /// Where the outermost alias being expanded was written: where an
    /// expansion over budget is reported.
    expanding: Option<Position>,
    /// What anchors and aliases may still cost: nodes, and text bytes.
    alias_budget: (usize, usize),
    /// Where each line of `text` starts, made the first time a position
    /// inside a scalar is asked for: a file with many bad values must not
    /// be scanned from its start for each.
    line_starts: std::cell::OnceCell<Vec<usize>>,
}

impl<'a> Reader<'a> {
    /// A reader positioned before the root node of `text`'s one document.
    pub fn new(text: &'a str) -> Result<Reader<'a>, Failure> {
        let mut reader = Reader {
            text,
            parser: Parser::new_from_str(text),
            anchors: HashMap::new(),
            recording: Vec::new(),
            tape: Vec::new(),
            depth: 0,
            replays: Vec::new(),
            alias_at: None,
            expanding: None,
            alias_budget: (MAX_ALIAS_NODES, MAX_ALIAS_BYTES),
            line_starts: std::cell::OnceCell::new(),
        };
        loop {
            let (event, _) = reader.parse()?;
            match event {
                Event::StreamStart | Event::Nothing => {}
                Event::DocumentStart(_) => return Ok(reader),
                _ => {
                    return Err(Failure {
                        at: Position { line: 1, column: 1 },
                        message: "the file holds no YAML document".to_owned(),
                    });
                }
            }
        }
    }

    /// The next token of the document.
    pub fn next_token(&mut self) -> Result<(Token<'a>, Position), Failure> {
        loop {
            let (event, span, replayed) = match self.replays.last_mut() {
                Some(replay) if replay.next == replay.events.len() => {
                    self.replays.pop();
                    if self.replays.is_empty() {
                        self.expanding = None;
                    }
                    continue;
                }
                Some(replay) => {
                    let (event, span) = replay.events[replay.next].clone();
                    replay.next += 1;
                    (event, span, true)
                }
                None => {
                    let (event, span) = self.parse()?;
                    (event, span, false)
                }
            };
            let at = self.alias_at.take().unwrap_or(Position::of(span));
            if replayed {
                self.spend(self.expanding.unwrap_or(at), 1, text_bytes(&event))?;
            }
            let token = match event {
                Event::Scalar(text, style, ..) => {
                    let plain = style == ScalarStyle::Plain;
                    // Only a plain scalar over several lines can hide one:
                    // one line, or a quoted or block one, costs nothing more.
                    let joined = (plain && span.end.line() > span.start.line())
                        .then(|| self.dash_line(span.start.line() + 1..=span.end.line()))
                        .flatten();
                    Token::Scalar(Scalar {
                        text,
                        plain,
                        joined,
                    })
                }
                Event::SequenceStart(..) => Token::ListStart,
                Event::SequenceEnd => Token::ListEnd,
                Event::MappingStart(..) => Token::MapStart,
                Event::MappingEnd => Token::MapEnd,
                Event::Alias(anchor) => {
                    self.expand(anchor, at)?;
                    continue;
                }
                Event::Nothing => continue,
                Event::StreamStart
                | Event::StreamEnd
                | Event::DocumentStart(_)
                | Event::DocumentEnd => {
                    return Err(Failure {
                        at,
                        message: "the document ended in the middle of a node".to_owned(),
                    });
                }
            };
            return Ok((token, at));
        }
    }

    /// Skips the rest of a node whose first token was `start`.
    pub fn skip_rest(&mut self, start: &Token) -> Result<(), Failure> {
        let mut open = usize::from(matches!(start, Token::ListStart | Token::MapStart));
        while open > 0 {
            match self.next_token()?.0 {
                Token::ListStart | Token::MapStart => open += 1,
                Token::ListEnd | Token::MapEnd => open -= 1,
                Token::Scalar(_) => {}
            }
        }
        Ok(())
    }

    /// Skips one whole node.
    pub fn skip(&mut self) -> Result<(), Failure> {
        let (start, _) = self.next_token()?;
        self.skip_rest(&start)
    }

    /// Checks that the root node was all there is: one document per file.
    pub fn finish(mut self) -> Result<(), Failure> {
        loop {
            let (event, span) = self.parse()?;
            match event {
                Event::DocumentEnd | Event::Nothing => {}
                Event::StreamEnd => return Ok(()),
                _ => {
                    return Err(Failure {
                        at: Position::of(span),
                        message: "a second YAML document starts here: a roadmap file holds \
                                  one document (remove the `---` line or split the file)"
                            .to_owned(),
                    });
                }
            }
        }
    }

    /// The next event from the text itself, recorded if inside an anchor.
    fn parse(&mut self) -> Result<Recorded<'a>, Failure> {
        let (event, span) = match self.parser.next_event() {
            Some(Ok(next)) => next,
            Some(Err(err)) => return Err(self.syntax_failure(&err)),
            None => {
                return Err(Failure {
                    at: Position { line: 1, column: 1 },
                    message: "the YAML parser stopped early".to_owned(),
                });
            }
        };
        self.record(&event, span)?;
        Ok((event, span))
    }

    fn record(&mut self, event: &Event<'a>, span: Span) -> Result<(), Failure> {
        let anchor = match event {
            Event::Scalar(_, _, anchor, _)
            | Event::SequenceStart(anchor, _)
            | Event::MappingStart(anchor, _) => *anchor,
            _ => 0,
        };
        if anchor != 0 {
            self.recording.push((anchor, self.tape.len(), self.depth));
        }
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) => self.depth += 1,
            Event::SequenceEnd | Event::MappingEnd => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        if self.recording.is_empty() {
            return Ok(());
        }
        self.spend(Position::of(span), 1, text_bytes(event))?;
        self.tape.push((event.clone(), span));
        while let Some(&(anchor, start, depth)) = self.recording.last() {
            if depth != self.depth {
                break;
            }
            self.recording.pop();
            // Each anchor keeps its own copy, nested anchors included, so
            // the copy is paid for: nesting cannot multiply memory for free.
            let copy = &self.tape[start..];
            let bytes = copy.iter().map(|(event, _)| text_bytes(event)).sum();
            self.spend(Position::of(span), copy.len(), bytes)?;
            self.anchors.insert(anchor, self.tape[start..].into());
        }
        if self.recording.is_empty() {
            self.tape.clear();
        }
        Ok(())
    }

    /// Starts replaying the node anchor `anchor` names.
    fn expand(&mut self, anchor: usize, at: Position) -> Result<(), Failure> {
        let Some(events) = self.anchors.get(&anchor) else {
            return Err(Failure {
                at,
                message: "this alias refers to a node it is part of: an alias must name a \
                          node that is already complete"
                    .to_owned(),
            });
        };
        self.replays.push(Replay {
            events: Rc::clone(events),
            next: 0,
        });
        self.alias_at = Some(at);
        self.expanding.get_or_insert(at);
        Ok(())
    }

    fn spend(&mut self, at: Position, nodes: usize, bytes: usize) -> Result<(), Failure> {
        let (left_nodes, left_bytes) = self.alias_budget;
        match (left_nodes.checked_sub(nodes), left_bytes.checked_sub(bytes)) {
            (Some(nodes), Some(bytes)) => {
                self.alias_budget = (nodes, bytes);
                Ok(())
            }
            _ => Err(Failure {
                at,
                message: format!(
                    "anchors and aliases here add up to more than {MAX_ALIAS_NODES} YAML nodes \
                     or {} MiB of text, the limit: write the content out instead of aliasing it",
                    MAX_ALIAS_BYTES / (1024 * 1024)
                ),
            }),
        }
    }

    /// Where the `index`th character (from 0) of `value`, the scalar that
    /// starts at `at`, is written, so a problem with one character is
    /// reported at it. Told for a scalar written out there, up to the end
    /// of its first line of text; `at` itself otherwise (an alias, an
    /// anchored or tagged scalar, a character on a later line).
    pub fn char_position(&self, at: Position, value: &str, index: usize) -> Position {
        self.line(at.line)
            .and_then(|line| written_at(line, at, value, index))
            .unwrap_or(at)
    }

    /// The text of 1-based line `number`, without its line break.
    fn line(&self, number: usize) -> Option<&'a str> {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        });
        let start = *starts.get(number.checked_sub(1)?)?;
        let end = starts.get(number).map_or(self.text.len(), |&end| end);
        let text: &'a str = self.text;
        Some(text.get(start..end)?.trim_end_matches(['\n', '\r']))
    }

    /// Where the first of `lines` that starts with `- ` (after its
    /// indentation) has its `-`.
    fn dash_line(&self, lines: std::ops::RangeInclusive<usize>) -> Option<Position> {
        lines.into_iter().find_map(|number| {
            let line = self.line(number)?;
            let rest = line.trim_start_matches([' ', '\t']);
            let dash = rest == "-" || rest.starts_with("- ") || rest.starts_with("-\t");
            // Indentation is ASCII: its bytes are its characters.
            dash.then(|| Position {
                line: number,
                column: line.len() - rest.len() + 1,
            })
        })
    }

    fn syntax_failure(&self, err: &ScanError) -> Failure {
        let marker = err.marker();
        let mut at = Position {
            line: marker.line().max(1),
            column: marker.col() + 1,
        };
        let info = err.info();
        let mut message = format!("YAML syntax error: {info}");
        let tab = info
            .contains("tab")
            .then(|| self.tab_after(at.line))
            .flatten();
        if let Some(tab) = tab {
            at = tab;
            message.push_str(" (YAML does not allow tabs for indentation: use spaces)");
        } else if info.contains("mapping values are not allowed") {
            message.push_str(" (put quotes around text that holds `: `)");
        } else if info.contains("recursion limit") {
            message.push_str(" (lists and mappings are nested too deeply)");
        } else if info.contains("expected '-' indicator") {
            message.push_str(
                " (check this line's indentation: the elements of a list each start with `- `, \
                 all at one column, and the keys of an element line up under its first key)",
            );
        } else if info.contains("block mapping, did not find expected key") {
            message.push_str(
                " (check this line's indentation: it lines up with no key or list above it)",
            );
        }
        Failure {
            at,
            message: crate::domain::safe_text::clean_line(&message),
        }
    }

    /// The first tab in the indentation of a line from `line` on. The
    /// scanner reports a tab where the node before it starts, which can
    /// be lines above it; a line of blanks may hold tabs, so it is passed.
    fn tab_after(&self, line: usize) -> Option<Position> {
        (line..)
            .map_while(|number| Some((number, self.line(number)?)))
            .find_map(|(number, text)| {
                let rest = text.trim_start_matches([' ', '\t']);
                let indent = &text[..text.len() - rest.len()];
                let tab = indent.find('\t').filter(|_| !rest.is_empty())?;
                Some(Position {
                    line: number,
                    // Indentation is ASCII: its bytes are its characters.
                    column: tab + 1,
                })
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every token of `text`'s root node, written compactly.
    fn tokens(text: &str) -> Result<Vec<String>, Failure> {
        let mut reader = Reader::new(text)?;
        let mut out = Vec::new();
        let mut open = 0;
        loop {
            let (token, at) = reader.next_token()?;
            let shown = match &token {
                Token::Scalar(s) => format!("{}@{}:{}", s.text, at.line, at.column),
                Token::ListStart => format!("[@{}:{}", at.line, at.column),
                Token::MapStart => format!("{{@{}:{}", at.line, at.column),
                Token::ListEnd => "]".to_owned(),
                Token::MapEnd => "}".to_owned(),
            };
            out.push(shown);
            match token {
                Token::ListStart | Token::MapStart => open += 1,
                Token::ListEnd | Token::MapEnd => open -= 1,
                Token::Scalar(_) => {}
            }
            if open == 0 {
                break;
            }
        }
        reader.finish()?;
        Ok(out)
    }

    #[test]
    fn tokens_carry_one_based_positions() {
        let got = tokens("a: [x, y]\nb:\n  - z\n").unwrap();
        assert_eq!(
            got,
            [
                "{@1:1", "a@1:1", "[@1:4", "x@1:5", "y@1:8", "]", "b@2:1", "[@3:3", "z@3:5", "]",
                "}"
            ]
        );
    }

    #[test]
    fn aliases_replay_the_anchored_node_at_the_alias() {
        let got = tokens("a: &r [x]\nb: *r\n").unwrap();
        assert_eq!(
            got,
            [
                "{@1:1", "a@1:1", "[@1:4", "x@1:8", "]", "b@2:1", "[@2:4", "x@1:8", "]", "}"
            ]
        );
    }

    #[test]
    fn nested_aliases_expand_fully() {
        let got = tokens("a: &a x\nb: &b [*a, *a]\nc: [*b, *b]\n").unwrap();
        let xs = got.iter().filter(|t| t.starts_with("x@")).count();
        assert_eq!(xs, 1 + 2 + 4);
    }

    #[test]
    fn billion_laughs_hits_the_budget() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for n in 1..10 {
            let p = n - 1;
            let refs = vec![format!("*a{p}"); 10].join(", ");
            text.push_str(&format!("a{n}: &a{n} [{refs}]\n"));
        }
        let err = tokens(&text).unwrap_err();
        assert!(err.message.contains("add up to more than"), "{err:?}");
    }

    #[test]
    fn nested_anchors_pay_for_their_copies() {
        // Each anchor copies the events of the ones inside it.
        let opens: String = (0..240).map(|i| format!("&a{i} [")).collect();
        let text = format!(
            "k: {opens}{}{}\n",
            vec!["x"; 1000].join(", "),
            "]".repeat(240)
        );
        let err = tokens(&text).unwrap_err();
        assert!(err.message.contains("add up to more than"), "{err:?}");
    }

    #[test]
    fn aliases_of_a_huge_scalar_hit_the_text_budget() {
        let big = "y".repeat(4 * 1024 * 1024);
        let text = format!("a: &k \"{big}\"\nb: [*k, *k, *k, *k, *k]\n");
        let err = tokens(&text).unwrap_err();
        assert!(err.message.contains("MiB of text"), "{err:?}");
        // Recording it and keeping its copy cost 8 MiB; two aliases
        // reach 16 MiB, and the third, at column 13, is over.
        assert_eq!(
            err.at,
            Position {
                line: 2,
                column: 13
            }
        );
    }

    #[test]
    fn a_tab_elsewhere_on_the_line_gets_no_tab_hint() {
        let err = tokens("a: \"x\n  \tb\" \"c\"\n").unwrap_err();
        assert!(!err.message.contains("use spaces"), "{err:?}");
    }

    /// The first scalar value of `text`'s root mapping.
    fn first_value(text: &str) -> Scalar<'_> {
        let mut reader = Reader::new(text).unwrap();
        assert_eq!(reader.next_token().unwrap().0, Token::MapStart);
        reader.next_token().unwrap();
        match reader.next_token().unwrap().0 {
            Token::Scalar(scalar) => scalar,
            other => panic!("no scalar value: {other:?}"),
        }
    }

    #[test]
    fn a_plain_scalar_continued_by_a_dash_line_says_where() {
        let joined = first_value("a: x\n  y\n   - z\n");
        assert_eq!(joined.text, "x y - z");
        assert_eq!(joined.joined, Some(Position { line: 3, column: 4 }));
        for not_joined in [
            "a: x - z\n",
            "a: 'x\n  - z'\n",
            "a: x\n  -z\n",
            "a: |\n  x\n  - z\n",
        ] {
            assert_eq!(first_value(not_joined).joined, None, "{not_joined:?}");
        }
    }

    #[test]
    fn a_tab_is_found_below_the_node_blamed_for_it() {
        let err = tokens("a:\n  b: x\n\t c: y\n").unwrap_err();
        assert_eq!(err.at, Position { line: 3, column: 1 }, "{err:?}");
        assert!(err.message.contains("use spaces"), "{err:?}");
    }

    #[test]
    fn a_second_document_is_refused_where_it_starts() {
        let err = tokens("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(err.at, Position { line: 2, column: 1 });
        assert!(err.message.contains("second YAML document"), "{err:?}");
    }

    #[test]
    fn syntax_errors_have_a_position_and_a_tab_hint() {
        let err = tokens("a: [x\n").unwrap_err();
        assert!(err.message.starts_with("YAML syntax error: "), "{err:?}");
        let err = tokens("a:\n\t- b\n").unwrap_err();
        assert_eq!(err.at.line, 2);
        assert!(err.message.contains("use spaces"), "{err:?}");
    }

    #[test]
    fn scalars_are_classified_by_the_core_schema() {
        let kind = |text: &str, plain| {
            Scalar {
                text: text.into(),
                plain,
                joined: None,
            }
            .kind()
        };
        assert_eq!(kind("~", true), ScalarKind::Null);
        assert_eq!(kind("", true), ScalarKind::Null);
        assert_eq!(kind("~", false), ScalarKind::Text);
        assert_eq!(kind("True", true), ScalarKind::Bool);
        for number in [
            "3", "-1", "2.5", "1e3", "0x1F", "0o17", ".inf", "-.inf", ".nan",
        ] {
            assert_eq!(kind(number, true), ScalarKind::Number, "{number}");
        }
        for text in ["3 apples", "e3", "inf", "0x", "-", "1.2.3"] {
            assert_eq!(kind(text, true), ScalarKind::Text, "{text}");
        }
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        assert_eq!(edit_distance("itmes", "items"), 1);
        assert_eq!(edit_distance("titel", "title"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_prefers_the_nearest_candidate() {
        let keys = ["title", "id", "description", "resources", "items"];
        assert_eq!(closest("Title", keys), Some("title"));
        assert_eq!(closest("descripton", keys), Some("description"));
        assert_eq!(closest("resource", keys), Some("resources"));
        assert_eq!(closest("ids", keys), Some("id"));
        assert_eq!(closest("item", keys), Some("items"));
        assert_eq!(closest("url", keys), None);
        assert_eq!(closest("x", keys), None);
        assert_eq!(closest("ID", keys), Some("id"));
    }

    #[test]
    fn names_are_listed_with_a_conjunction() {
        assert_eq!(listed(&["a", "b", "c"], "and"), "`a`, `b` and `c`");
        assert_eq!(listed(&["a", "b"], "or"), "`a` or `b`");
        assert_eq!(listed(&["a"], "or"), "`a`");
        assert_eq!(listed(&[], "or"), "");
    }

    #[test]
    fn a_text_without_a_document_is_told_apart() {
        for blank in [
            "",
            "\n\n",
            "  \n",
            "\u{feff}",
            "# a\n---\n...\n",
            "  # x\r\n",
        ] {
            assert_eq!(document(blank), None, "{blank:?}");
        }
        assert_eq!(document("\u{feff}a: 1\n"), Some("a: 1\n"));
        assert_eq!(document("~\n"), Some("~\n"), "a null document is one");
        assert_eq!(document("---\na: 1\n"), Some("---\na: 1\n"));
    }

    #[test]
    fn long_quotes_are_shortened() {
        assert_eq!(shorten("short"), "short");
        let long = "x".repeat(100);
        assert_eq!(shorten(&long).chars().count(), 61);
    }

    /// Where the character of the first scalar value of `text` at `index`
    /// is written: its line and column.
    fn written(text: &str, index: usize) -> (usize, usize) {
        let mut reader = Reader::new(text).unwrap();
        assert_eq!(reader.next_token().unwrap().0, Token::MapStart);
        reader.next_token().unwrap();
        let (Token::Scalar(value), at) = reader.next_token().unwrap() else {
            panic!("no scalar value");
        };
        let found = reader.char_position(at, &value.text, index);
        (found.line, found.column)
    }

    #[test]
    fn a_character_of_a_scalar_is_found_where_it_is_written() {
        // Plain, single- and double-quoted, escapes counted as written.
        assert_eq!(written("url: ab\u{200b}c\n", 2), (1, 8));
        assert_eq!(written("url: 'it''s\u{202e}'\n", 4), (1, 12));
        assert_eq!(written("url: \"a\\u202eb\\x20c\"\n", 1), (1, 8));
        assert_eq!(written("url: \"a\\u202eb\\x20c\"\n", 3), (1, 15));
        assert_eq!(written("url: \"\\U0000200Bé\\t\"\n", 2), (1, 18));
        // A block scalar starts on its first line of text.
        assert_eq!(written("url: |\n  a b\n", 1), (2, 4));
        // Where it cannot be told, the scalar's own position.
        assert_eq!(written("url: &u 'x y'\n", 1), (1, 6));
        assert_eq!(written("url: \"a\n  b c\"\n", 3), (1, 6));
    }
}
