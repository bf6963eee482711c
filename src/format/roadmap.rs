//! The roadmap file: YAML read with [`super::yaml`] into a checked
//! [`crate::domain::roadmap::Roadmap`], every problem at its line:col.

pub mod check;
pub mod diagnostic;
pub mod load;
