//! `onmessage rules`. (Skeleton.)

use crate::cli::RulesArgs;
use crate::error::{Error, Result};

pub fn run(args: &RulesArgs) -> Result<u8> {
    let _ = args;
    Err(Error::new("`onmessage rules` is not implemented yet"))
}
