//! `onmessage report`. (Skeleton.)

use crate::cli::ReportArgs;
use crate::error::{Error, Result};

pub fn run(args: &ReportArgs) -> Result<u8> {
    let _ = args;
    Err(Error::new("`onmessage report` is not implemented yet"))
}
