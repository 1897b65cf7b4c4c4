pub mod common;
mod e2e;
mod fixtures;
mod properties;
mod releases;
mod report;
mod robustness;
