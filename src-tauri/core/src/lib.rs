//! SoreMap's domain core.
//!
//! Everything the app knows lives here: the SQLite store, its migrations, the embedded point
//! catalogue and the queries over it. This crate must never import `tauri` (or anything that
//! needs a window): it is opened from a path and tested on real SQLite files, and the desktop
//! shell only adapts its functions to commands.

pub mod backup;
pub mod catalogue;
pub mod db;
pub mod episodes;
pub mod error;
pub mod files;
pub mod insights;
pub mod log;
pub mod model;
pub mod pdf;
pub(crate) mod records;
pub mod reminders;
pub mod routine;
pub mod safety;
pub mod search;
pub mod synthetic;
pub mod transfer;
pub mod trends;
pub mod validate;

pub use db::Database;
pub use error::{Error, ErrorKind, Result};
