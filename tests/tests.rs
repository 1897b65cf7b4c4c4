//! The integration tests: one binary (the crate links once). Each module is a layer:
//! end-to-end runs of the binary, robustness promises, property tests, fixture articles.

mod it;
