//! `roadmap`: a terminal tracker for learning roadmaps written in YAML.
//!
//! Four rooms and the command line; data flows one way through them (file
//! → domain → session → view). `docs/architecture.md` is the map: the data
//! flow, each folder's job, and where a new key, overlay, file format or
//! command goes.
//!
//! | folder | owns | must not |
//! |---|---|---|
//! | [`domain`] | roadmaps, progress, counts, the session with its undo; pure | touch a terminal, a file or the clock's source |
//! | [`format`] | the text of every file format: roadmap YAML, settings, the progress log, Markdown import, the view state; one YAML reader they share | open files or spawn; import `io` or `tui` |
//! | [`io`] | the filesystem and other programs: the state store and its lock, the roadmap catalog, the one bounded read of every user file (roadmaps, settings), the view-state file, per-user paths, editor and browser | draw or decide what a key means |
//! | [`tui`] | the full-screen app: keys → actions, view state, effects and the one loop that runs them, drawing | write files except through [`io`] |
//! | [`cli`] | the subcommands (`status`, `mark`, `export`, …) | hold state between runs |

pub mod cli;
pub mod domain;
pub mod format;
pub mod io;
pub mod tui;
