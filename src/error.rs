//! Errors that stop a run (exit code 2): usage, config, rule packs, unusable input.

use std::fmt;
use std::path::Path;

/// An error the user must fix; its message names the file and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub message: String,
}

impl Error {
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            message: message.into(),
        }
    }

    /// An error located in a file: `path:line:col: message`.
    pub fn at(path: &Path, line: usize, column: usize, message: impl fmt::Display) -> Error {
        Error::new(format!("{}:{line}:{column}: {message}", path.display()))
    }

    pub fn io(path: &Path, err: std::io::Error) -> Error {
        Error::new(format!("{}: {err}", path.display()))
    }

    /// A YAML error, located when serde_yaml knows where, at one position
    /// and with a hint when one fits (see `yaml::hints`).
    pub fn yaml(path: &Path, err: &serde_yaml::Error) -> Error {
        Error::yaml_message(path, err, crate::yaml::hints::message(err, None))
    }

    /// `yaml` for a document whose text we have: hints may then look at the
    /// character the error points at (a tab, an unquoted `*`).
    pub fn yaml_in(path: &Path, text: &str, err: &serde_yaml::Error) -> Error {
        Error::yaml_message(path, err, crate::yaml::hints::message(err, Some(text)))
    }

    fn yaml_message(path: &Path, err: &serde_yaml::Error, message: String) -> Error {
        match err.location() {
            Some(loc) => Error::at(path, loc.line(), loc.column(), message),
            None => Error::new(format!("{}: {message}", path.display())),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;
