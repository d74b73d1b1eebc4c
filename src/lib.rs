//! thaiplan: Thai local-government anti-corruption action plans and their
//! implementation reports to JSON records (see `../shared/spec/RECORD.md`).
//!
//! The pipeline runs one way through typed structs:
//! `extract` (bytes → [`model::RawDoc`]) → `normalize` (→ [`model::NormDoc`])
//! → `recognize` (→ [`model::Record`] without checks) → `check` (adds
//! `checks` and `warnings`) → `emit` (JSONL, CSV, errors, summary).

pub mod check;
pub mod cli;
pub mod emit;
pub mod error;
pub mod eval;
pub mod extract;
pub mod fuzzing;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod recognize;
pub mod synth;
pub mod thai;

/// Bumped whenever output for the same input may change; part of the resume key.
pub const PIPELINE_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "+p1");

/// The record schema (JSON Schema 2020-12), as shipped.
pub const RECORD_SCHEMA: &str = include_str!("../schemas/record.schema.json");
