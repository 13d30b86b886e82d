//! YAML helpers shared by every file we read (config, rule packs, lexicons,
//! front matter): a guard run before parsing, positions by value path, error
//! messages that say what to do, and lists that may be one string.

pub mod guard;
pub mod hints;
pub mod list;
pub mod locate;
