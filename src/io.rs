//! Everything that touches the world outside the process: the progress
//! store and its lock, the catalog of roadmap files and the reading of
//! them, the settings file, per-user paths, the user's editor and
//! browser, and their git for `roadmap sync` ([`sync`], the only network
//! access). Every file of the user's is read here, through
//! [`text_file::read`]; what its text means is [`crate::format`]'s. Nothing
//! here draws or reads keys.

pub mod bundled;
pub mod catalog;
pub mod external;
pub mod paths;
pub mod settings;
pub mod store;
pub mod sync;
pub mod text_file;
pub mod view_file;
