//! onmessage: lint sales material against the brand's messaging docs.
//!
//! The library is everything but the command line (`main.rs`, `cli.rs`,
//! `cmd/`): `config` resolves settings, `pipeline::analyze` runs the stages,
//! `output` prints `check`'s findings and `report` builds the marketing view.
//! docs/architecture.md maps the stages and what passes between them.

pub mod align;
pub mod baseline;
pub mod changed;
pub mod claims;
pub mod config;
pub mod diagnostic;
pub mod discover;
pub mod error;
pub mod fix;
pub mod markdown;
pub mod output;
pub mod pipeline;
pub mod registry;
pub mod report;
pub mod rules;
pub mod scaffold;
pub mod suppress;
pub mod trace;
pub mod yaml;

pub use config::{Config, RunOptions, Settings};
pub use pipeline::{analyze, Analysis, FileAnalysis};
