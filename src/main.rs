use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    mnguide::cli::run(mnguide::cli::Cli::parse())
}
