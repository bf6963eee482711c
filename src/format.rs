//! File formats: each module owns one kind of text, reading it into the
//! domain or writing the domain out, with its tests beside it. The YAML
//! formats (roadmaps, settings) share one reader, [`yaml`], and neither
//! reaches into the other. Text in, values out: no module here opens a
//! file or starts a program, nor imports [`crate::io`] or [`crate::tui`]
//! (they import from here).

pub mod config;
pub mod markdown;
pub mod progress_log;
pub mod roadmap;
pub mod svg_card;
pub mod view_state;
pub mod yaml;
