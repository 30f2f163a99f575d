//! The ways extraction can fail. "Not an article" is not an error: it is
//! `Article::readerable == false`.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ExtractError {
    /// The input is empty or only white space.
    #[error("the input is empty")]
    Empty,
    /// The input is larger than `Options::max_input_bytes`.
    #[error("the input is {size} bytes, more than the limit of {limit} bytes")]
    TooLarge { size: usize, limit: usize },
    /// The input does not look like text at all (binary data).
    #[error("the input is not HTML or text: {0}")]
    NotText(String),
    /// The page parsed, but holds no text to show.
    #[error("the page has no readable content")]
    NoContent,
}
