//! Everything that touches the world outside the process: the progress
//! store and its lock, the catalog of roadmap files, per-user paths, and
//! the user's editor and browser. Nothing here draws or reads keys.

pub mod bundled;
pub mod catalog;
pub mod external;
pub mod paths;
pub mod store;
