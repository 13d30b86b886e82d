//! `onmessage init`. (Skeleton.)

use crate::cli::InitArgs;
use crate::error::{Error, Result};

pub fn run(args: &InitArgs) -> Result<u8> {
    let _ = args;
    Err(Error::new("`onmessage init` is not implemented yet"))
}
