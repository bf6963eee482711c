//! Writes a large roadmap to stdout, to reproduce the benchmarks:
//!
//! ```sh
//! cargo run --release --example generate -- 100000 > large.yaml
//! roadmap large.yaml
//! ```
//!
//! The one argument is the number of items (default 100,000); the roadmap
//! has 3 levels and one topic per 100 items.

#[path = "../benches/support/generate.rs"]
mod generate;

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let shape = match std::env::args().nth(1) {
        None => generate::Shape::LARGE,
        Some(arg) => match arg.replace('_', "").parse::<usize>() {
            Ok(items) if items > 0 => generate::Shape::with_items(items),
            _ => {
                eprintln!("generate: error: the item count must be a positive number, not `{arg}`");
                return ExitCode::from(2);
            }
        },
    };
    let yaml = generate::roadmap_yaml(shape);
    match std::io::stdout().lock().write_all(yaml.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("generate: error: cannot write: {err}");
            ExitCode::FAILURE
        }
    }
}
