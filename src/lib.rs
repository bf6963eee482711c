//! `roadmap`: a terminal tracker for learning roadmaps written in YAML.
//!
//! Data flows one way:
//!
//! ```text
//! YAML ──roadmap::load──▶ Roadmap ─┐
//! state file ──store──▶ Progress ──┼─▶ App ──ui──▶ frame
//! key ──keymap──▶ Action ──────────┘    └─▶ store (saved before the next frame)
//! ```
//!
//! | module | owns |
//! |---|---|
//! | [`roadmap`] | domain types; [`roadmap::load`] parses and validates YAML; [`roadmap::cache`] keeps compiled copies so a roadmap opened before skips parsing; [`roadmap::bundled`] ships roadmaps in the binary |
//! | [`progress`] | statuses and roll-up arithmetic, pure |
//! | [`import`] | Markdown checklist or outline → roadmap YAML, pure |
//! | [`activity`] | completions per day, streaks and the week's count, pure |
//! | [`summary`] | a roadmap's progress as a report (`status`, `export`), pure |
//! | [`store`] | the state file: an append-only log of changes; load, durable save, recovery, the lock (never waited on); [`store::files`] names every file it keeps beside it |
//! | [`tree`] | collapsible-tree navigation and its filter, pure |
//! | [`search`] | finding topics and items by the words of a query, pure |
//! | [`action`], [`keymap`] | user intents and the one key table |
//! | [`app`] | app state, `update`, event loop; [`app::terminal`] takes the terminal and gives it back (quit, editor, `Ctrl-Z`, signals, panic) |
//! | [`ui`] | drawing, read-only |
//! | [`cli`], [`paths`] | command line and per-user file locations |
//! | [`external`] | the user's editor (notes) and browser (links), never through a shell |
//! | [`config`] | the user's settings file (`config.yaml`) → [`config::Config`], pure |
//! | [`safe_text`] | outside text made safe to print: controls and invisible characters spelled out, emoji clusters drawn as wide as they are counted; the one rule every view uses |
//! | [`calendar`] | the clock, and dates from Unix seconds (UTC) |

pub mod action;
pub mod activity;
pub mod app;
pub mod calendar;
pub mod cli;
pub mod config;
pub mod external;
pub mod import;
pub mod keymap;
pub mod paths;
pub mod progress;
pub mod roadmap;
pub mod safe_text;
pub mod search;
pub mod store;
pub mod summary;
pub mod tree;
pub mod ui;
