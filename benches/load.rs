//! Loading a roadmap: YAML text → checked [`Roadmap`], for the bundled
//! roadmap and generated ones of 10,000 and 100,000 items. Beside each, the
//! floor: saphyr-parser's events alone, which no loader built on it can
//! beat. Every open of a roadmap costs what `check_and_build` measures,
//! in time linear in the text's size. Run with `cargo bench --bench load`.

#[path = "support/generate.rs"]
mod generate;

use divan::Bencher;
use divan::counter::BytesCount;
use roadmap::format::roadmap::load;
use roadmap::io::bundled;
use saphyr_parser::Parser;

fn main() {
    divan::main();
}

/// The roadmaps measured, by name: `bundled` (backend), `10k`, `100k`.
const SIZES: &[&str] = &["bundled", "10k", "100k"];

fn text(size: &str) -> String {
    match size {
        "10k" => generate::roadmap_yaml(generate::Shape::with_items(10_000)),
        "100k" => generate::roadmap_yaml(generate::Shape::LARGE),
        _ => bundled::default().yaml.to_owned(),
    }
}

/// The whole loader: parse, check every node, build the roadmap.
#[divan::bench(args = SIZES, sample_count = 20)]
fn check_and_build(bencher: Bencher, size: &str) {
    let text = text(size);
    bencher
        .counter(BytesCount::of_str(&text))
        .bench_local(|| load::parse(&text, "bench.yaml", "bench").expect("a valid roadmap"));
}

/// The parser's events, consumed and dropped: the floor under the loader.
#[divan::bench(args = SIZES, sample_count = 20)]
fn parser_events_only(bencher: Bencher, size: &str) {
    let text = text(size);
    bencher.counter(BytesCount::of_str(&text)).bench_local(|| {
        let mut events = 0;
        for event in Parser::new_from_str(&text) {
            event.expect("valid YAML");
            events += 1;
        }
        events
    });
}
