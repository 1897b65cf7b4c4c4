//! # cnkp — China–DPRK relations knowledge pipeline
//!
//! Raw article files become curated, schema-validated tables. The folders follow the data flow;
//! only [`pipeline`] knows the stage order, and a stage never imports a later stage.
//!
//! ```text
//! raw/  -> extract (guard, decode, markup)      -> model::Extracted
//!       -> clean (fold, linebreak, script, sentence) -> model::Cleaned
//!       -> normalize (date, amount, entity)     -> mentions of dates, amounts, entities
//!       -> tables (documents, visits, trade, sanctions, statements, mentions)
//!       -> validate (schemas/*.json)            -> nothing violating a schema is published
//!       -> write (csv, parquet, datapackage, atomic publish)
//! ```
//!
//! ## Architecture invariants (each tested in `tests/`)
//! * Extraction never fails on a decodable document: it returns the text plus issues.
//! * Every cleaned character maps back to a raw character: `Mapped::raw[i]` is the offset of
//!   clean char `i` in the decoded raw text, so `evidence == raw[char_start..char_end]`.
//! * Parsers (dates, amounts) never panic, whatever the input.
//! * Outputs depend only on the input bytes and `reference/`: documents are processed in
//!   sorted `doc_id` order, no timestamps or absolute paths are written.
//! * A table that violates its schema is never published; publishing swaps a complete,
//!   validated directory into place atomically.

// `Issue` is the one error vocabulary (table, row, field, value, message); it is returned only
// for rejected inputs, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod buckets;
pub mod bundled;
pub mod cache;
pub mod clean;
pub mod cli;
pub mod curate;
pub mod diff;
pub mod eval;
pub mod extract;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod reference;
pub mod release;
pub mod report;
pub mod stamp;
pub mod tables;
pub mod validate;
pub mod warnings;
pub mod write;
