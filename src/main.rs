//! `cnkp` binary: parse the command line and dispatch.

use clap::Parser;

/// mimalloc instead of the system allocator: a run makes and frees millions of small cells from
/// several threads, and glibc's malloc spent a third of the second pass consolidating free
/// lists at 1 GB (measured with perf; see README, Performance).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cnkp::cli::main(cnkp::cli::Cli::parse())
}
