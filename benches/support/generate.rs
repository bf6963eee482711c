//! Large roadmaps of a chosen shape, for the benchmarks and for
//! `cargo run --release --example generate`. The output is the long form a
//! person would write: block style, every node with an `id:`, a title and
//! a description, every tenth item with a resource. It is deterministic:
//! the same shape always gives the same bytes, so figures from different
//! runs and machines compare.

use std::fmt::Write;

/// How big a generated roadmap is. Topics are spread evenly over the
/// levels, and items over the topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    pub levels: usize,
    pub topics: usize,
    pub items: usize,
}

impl Shape {
    /// The large roadmap of the speed targets: 3 levels, 1,000 topics,
    /// 100,000 items (11 MB).
    pub const LARGE: Shape = Shape::with_items(100_000);

    /// 3 levels and one topic per 100 items (at least one per level).
    pub const fn with_items(items: usize) -> Shape {
        let topics = if items / 100 > 3 { items / 100 } else { 3 };
        Shape {
            levels: 3,
            topics,
            items,
        }
    }
}

const WORDS: &[&str] = &[
    "cache",
    "queue",
    "index",
    "schema",
    "replica",
    "shard",
    "token",
    "session",
    "request",
    "handler",
    "worker",
    "stream",
    "socket",
    "buffer",
    "cluster",
    "service",
    "gateway",
    "router",
    "migration",
    "transaction",
    "lock",
    "deadline",
    "retry",
    "backoff",
    "metric",
    "trace",
    "log",
    "alert",
    "deploy",
    "rollback",
    "container",
    "volume",
    "secret",
    "policy",
    "tenant",
    "quota",
    "batch",
    "pipeline",
    "event",
    "snapshot",
    "checkpoint",
    "lease",
    "consensus",
    "partition",
    "throughput",
    "latency",
    "payload",
    "endpoint",
];

/// A small deterministic generator (xorshift), so no dependency is needed
/// and every run writes the same text.
struct Words(u64);

impl Words {
    fn next(&mut self) -> &'static str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        WORDS[(self.0 % WORDS.len() as u64) as usize]
    }

    /// `count` words separated by spaces, the first capitalised.
    fn phrase(&mut self, count: usize) -> String {
        let mut phrase = String::new();
        for n in 0..count {
            let word = self.next();
            if n == 0 {
                let mut chars = word.chars();
                if let Some(first) = chars.next() {
                    phrase.extend(first.to_uppercase());
                    phrase.push_str(chars.as_str());
                }
            } else {
                phrase.push(' ');
                phrase.push_str(word);
            }
        }
        phrase
    }
}

/// Splits `total` into `parts` near-equal counts.
fn spread(total: usize, parts: usize) -> impl Iterator<Item = usize> {
    (0..parts).map(move |part| total / parts + usize::from(part < total % parts))
}

/// The YAML text of a roadmap of `shape`.
pub fn roadmap_yaml(shape: Shape) -> String {
    let mut words = Words(0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(shape.items * 110 + 4096);
    // `write!` to a String cannot fail; the results are ignored on purpose.
    let _ = writeln!(
        out,
        "id: generated\ntitle: Generated roadmap ({} items)\n\
         description: A roadmap generated for benchmarks, with {} levels, {} topics and {} items.\n\
         levels:",
        shape.items, shape.levels, shape.topics, shape.items
    );
    let levels = shape.levels.max(1);
    let mut topic_sizes = spread(shape.items, shape.topics.max(1));
    let (mut topic_number, mut item_number) = (0, 0);
    for (level, topics) in spread(shape.topics.max(1), levels).enumerate() {
        let _ = writeln!(
            out,
            "- id: level-{n}\n  title: Level {n}\n  description: {}.\n  topics:",
            words.phrase(8),
            n = level + 1
        );
        for _ in 0..topics {
            topic_number += 1;
            let _ = writeln!(
                out,
                "  - id: topic-{topic_number}\n    title: {} {topic_number}\n    \
                 description: {}.\n    items:",
                words.phrase(3),
                words.phrase(10),
            );
            for _ in 0..topic_sizes.next().unwrap_or(0) {
                item_number += 1;
                let _ = writeln!(
                    out,
                    "    - id: i{item_number}\n      title: {} {item_number}\n      \
                     description: {}.",
                    words.phrase(2),
                    words.phrase(4),
                );
                if item_number % 10 == 0 {
                    let _ = writeln!(
                        out,
                        "      resources:\n      - {{ title: Reference, url: \
                         \"https://example.com/t{topic_number}/i{item_number}\" }}"
                    );
                }
            }
        }
    }
    out
}
