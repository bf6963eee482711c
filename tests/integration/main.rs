//! The one integration crate: the command line (`cli`), whole screens
//! rendered to a `TestBackend` (`screens`), the real binary driven in a
//! pseudo-terminal (`pty`, `pty_layout`), and the bundled content checked
//! against the user's seed roadmaps (`seeds`) and for stale or repeated
//! links (`content`). Nothing here touches the real home directory or
//! reads outside the repository.

mod agreement;
mod authoring;
mod cli;
mod commands;
mod content;
mod corpus;
mod crash;
mod devices;
mod large;
mod layering;
mod planning;
mod pty;
mod pty_layout;
mod resume;
mod screens;
mod seeds;
mod support;
mod sync;
mod terminal;
