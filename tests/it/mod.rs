mod cache;
pub mod common;
mod e2e;
mod fixtures;
mod keys;
mod properties;
mod releases;
mod report;
mod robustness;
