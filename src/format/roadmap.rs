//! The roadmap file: YAML read with [`super::yaml`] into a checked
//! [`crate::domain::roadmap::Roadmap`], every problem at its line:col.
//! [`load`] is the way in ([`load::parse`], [`load::LoadError`]),
//! [`check`] the rules, [`diagnostic`] the report; [`file`] is the file's
//! shape for writing (serde, for `roadmap import`). Text in and out:
//! reading and writing the file is [`crate::io`]'s.

pub mod check;
pub mod diagnostic;
pub mod file;
pub mod load;
