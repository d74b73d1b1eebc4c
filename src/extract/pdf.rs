//! PDF text layer: glyphs with positions, ActualText, lines and tables by
//! geometry. (Issue 5: to be implemented.)

use super::ExtractOptions;
use crate::error::ExtractError;
use crate::model::RawDoc;
use std::path::Path;

pub fn extract(path: &Path, _bytes: &[u8], _opts: &ExtractOptions) -> Result<RawDoc, ExtractError> {
    Err(ExtractError::Unsupported { path: path.into(), what: "PDF reading is not implemented yet".into() })
}
