//! YAML helpers shared by every file we read (config, rule packs, lexicons,
//! front matter): a guard run before parsing, and positions by value path.

pub mod guard;
pub mod locate;
