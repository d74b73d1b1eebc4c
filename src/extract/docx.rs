//! DOCX: zip + quick-xml, streamed into the text-corpus line format.
//! (Issue 4: to be implemented.)

use crate::error::ExtractError;
use crate::model::RawDoc;
use std::path::Path;

pub fn extract(path: &Path, _bytes: &[u8]) -> Result<RawDoc, ExtractError> {
    Err(ExtractError::Unsupported {
        path: path.into(),
        what: "DOCX reading is not implemented yet".into(),
    })
}
