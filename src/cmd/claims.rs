//! `onmessage claims`. (Skeleton.)

use crate::cli::ClaimsArgs;
use crate::error::{Error, Result};

pub fn run(args: &ClaimsArgs) -> Result<u8> {
    let _ = args;
    Err(Error::new("`onmessage claims` is not implemented yet"))
}
