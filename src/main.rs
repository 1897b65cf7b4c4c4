//! `cnkp` binary: parse the command line and dispatch.

use clap::Parser;

fn main() -> std::process::ExitCode {
    cnkp::cli::main(cnkp::cli::Cli::parse())
}
