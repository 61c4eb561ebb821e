use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    mnguide::paths::drop_empty_path_vars();
    mnguide::cli::run(mnguide::cli::Cli::parse())
}
