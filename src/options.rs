//! What a caller may choose. Tuning numbers are not here: they live in [`crate::Weights`].

use serde::{Deserialize, Serialize};

/// Caller options. Crosses the wasm boundary as a camelCase object; missing fields take their
/// defaults, so `{}` is valid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Options {
    /// Include the per-block table (`blocks`) with scores and reasons in the article.
    pub explain: bool,
    /// Keep images and figures in the content.
    pub images: bool,
    /// Keep links (`<a href>`) in the content; when false their text stays, unlinked.
    pub links: bool,
    /// Input larger than this many bytes is refused with [`crate::ExtractError::TooLarge`].
    pub max_input_bytes: usize,
}

/// Inputs above 64 MiB are refused: a real article page is a few hundred kilobytes, and the
/// parsed tree costs roughly ten times the input in memory.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

impl Default for Options {
    fn default() -> Self {
        Options {
            explain: false,
            images: true,
            links: true,
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
        }
    }
}
