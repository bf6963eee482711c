//! The domain: what a roadmap is, what progress on it is, and how it is
//! counted. Pure: no terminal, no filesystem, no key or screen.

pub mod activity;
pub mod calendar;
pub mod fit;
pub mod glance;
pub mod next;
pub mod pace;
pub mod plural;
pub mod progress;
pub mod roadmap;
pub mod safe_text;
pub mod session;
pub mod summary;
