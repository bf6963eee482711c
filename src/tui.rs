//! The full-screen app: keys become actions, actions change the app's
//! state and ask for effects, one loop performs the effects, and the view
//! draws the state. Files are touched only through [`crate::io`].

pub mod action;
pub mod app;
pub mod effect;
pub mod keymap;
pub mod layout;
pub mod runner;
pub mod search;
pub mod terminal;
pub mod theme;
pub mod tree;
pub mod view;
