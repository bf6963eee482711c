//! The roadmap file: YAML read with [`super::yaml`] into a checked
//! [`crate::domain::roadmap::Roadmap`], every problem at its line:col;
//! and [`file`], its shape for writing.

pub mod check;
pub mod diagnostic;
pub mod file;
pub mod load;
