//! The one error type of SoreMap.
//!
//! Every failure the person can meet is a variant here, worded in their terms. It crosses the
//! IPC boundary serialized as `{ kind, message }`, so the UI can both branch on `kind` and show
//! `message` as it is.

use std::path::PathBuf;

use serde::{Serialize, Serializer};
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("There is no body region called \"{}\".", short(.0))]
    UnknownRegion(String),

    #[error("\"{}\" is not a side: use left, right or center.", short(.0))]
    UnknownSide(String),

    #[error("The {region} has no {side} side: use {expected}.")]
    SideNotApplicable {
        region: String,
        side: String,
        expected: String,
    },

    #[error("Invalid {field}: {problem}")]
    InvalidArgument { field: String, problem: String },

    #[error(
        "The database {} was written by a newer version of SoreMap (schema {found}, this version \
         knows up to {supported}). It was left untouched: update SoreMap to open it.",
        path.display()
    )]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        supported: i64,
    },

    #[error("Cannot use the data folder {}: {source}", path.display())]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("Cannot {action} {}: {source}", path.display())]
    Io {
        action: String,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A file offered for restore that is not a usable SoreMap database; checked before
    /// anything is changed.
    #[error("{} cannot be restored: {problem} Nothing was changed.", path.display())]
    NotABackup { path: PathBuf, problem: String },

    /// A restore that stopped part way; `outcome` says where the person's data is now.
    #[error("The restore did not complete: {problem}. {outcome}")]
    RestoreFailed { problem: String, outcome: String },

    /// A chosen file that would overwrite the live database or the automatic backups.
    #[error("SoreMap will not write to {}: {reason} Choose another file.", path.display())]
    ProtectedPath { path: PathBuf, reason: String },

    #[error("The built-in catalogue is invalid: {0}")]
    Catalogue(String),

    #[error("Updating the database schema failed: {0}")]
    Migration(#[from] rusqlite_migration::Error),

    #[error("Database error: {0}")]
    Database(#[from] rusqlite::Error),

    /// A file the person chose (or the data folder's own files) could not be used.
    #[error("{}: {problem}", path.display())]
    File { path: PathBuf, problem: String },

    /// Something SoreMap did not expect, such as a bug caught before it could close the window.
    #[error("Something went wrong inside SoreMap ({0}). Nothing was changed by the step that failed; please try again.")]
    Internal(String),

    /// The database could not be opened at start-up; every command repeats why.
    #[error("{}", .0.message)]
    Unavailable(AppError),
}

/// Text from outside quoted in a message is cut short, so a huge argument cannot make a huge
/// error.
pub fn short(text: &str) -> String {
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// The machine-readable part of an error, for the UI to branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    UnknownRegion,
    UnknownSide,
    SideNotApplicable,
    InvalidArgument,
    DatabaseTooNew,
    DataDir,
    Io,
    NotABackup,
    RestoreFailed,
    ProtectedPath,
    Catalogue,
    Migration,
    Database,
    File,
    Internal,
}

/// What the UI receives when a command fails.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::UnknownRegion(_) => ErrorKind::UnknownRegion,
            Error::UnknownSide(_) => ErrorKind::UnknownSide,
            Error::SideNotApplicable { .. } => ErrorKind::SideNotApplicable,
            Error::InvalidArgument { .. } => ErrorKind::InvalidArgument,
            Error::DatabaseTooNew { .. } => ErrorKind::DatabaseTooNew,
            Error::DataDir { .. } => ErrorKind::DataDir,
            Error::Io { .. } => ErrorKind::Io,
            Error::NotABackup { .. } => ErrorKind::NotABackup,
            Error::RestoreFailed { .. } => ErrorKind::RestoreFailed,
            Error::ProtectedPath { .. } => ErrorKind::ProtectedPath,
            Error::Catalogue(_) => ErrorKind::Catalogue,
            Error::Migration(_) => ErrorKind::Migration,
            Error::Database(_) => ErrorKind::Database,
            Error::File { .. } => ErrorKind::File,
            Error::Internal(_) => ErrorKind::Internal,
            Error::Unavailable(inner) => inner.kind,
        }
    }

    pub fn invalid(field: &str, problem: impl Into<String>) -> Self {
        Error::InvalidArgument {
            field: field.to_owned(),
            problem: problem.into(),
        }
    }

    pub fn file(path: &std::path::Path, problem: impl Into<String>) -> Self {
        Error::File {
            path: path.to_owned(),
            problem: problem.into(),
        }
    }

    pub fn io(action: &str, path: &std::path::Path, source: std::io::Error) -> Self {
        Error::Io {
            action: action.to_owned(),
            path: path.to_owned(),
            source,
        }
    }

    pub fn to_payload(&self) -> AppError {
        AppError {
            kind: self.kind(),
            message: self.to_string(),
        }
    }
}

impl Serialize for Error {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_payload().serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_as_kind_and_message() {
        let json = serde_json::to_value(Error::UnknownRegion("calf-lft".into())).unwrap();
        assert_eq!(json["kind"], "unknown_region");
        assert_eq!(
            json["message"],
            "There is no body region called \"calf-lft\"."
        );
        assert_eq!(json.as_object().unwrap().len(), 2);
    }
}
