//! `onmessage baseline`. (Skeleton.)

use crate::cli::BaselineArgs;
use crate::error::{Error, Result};

pub fn run(args: &BaselineArgs) -> Result<u8> {
    let _ = args;
    Err(Error::new("`onmessage baseline` is not implemented yet"))
}
