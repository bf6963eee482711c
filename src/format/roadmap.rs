//! The roadmap file: YAML read with [`super::yaml`] into a checked
//! [`crate::domain::roadmap::Roadmap`], every problem at its line:col.
//! [`load`] is the way in ([`load::parse`], [`load::LoadError`]),
//! [`check`] the rules, [`diagnostic`] the report. Text in: reading the
//! file is [`crate::io::catalog`]'s.

pub mod check;
pub mod diagnostic;
pub mod load;
