//! Declutter: one-click reader view. This crate finds the article in a web page and returns it
//! as clean, sanitized HTML and text with its metadata.
//!
//! ```
//! let html = "<html><body><article><h1>Hello</h1><p>A first paragraph of the article, long \
//!     enough to read like prose, with a comma, and a full stop.</p></article></body></html>";
//! let article = declutter::extract(html, None, &declutter::Options::default()).unwrap();
//! assert!(article.text.contains("A first paragraph"));
//! ```

mod article;
mod credits;
#[cfg(not(target_arch = "wasm32"))]
mod decode;
mod dom;
mod error;
mod extract;
mod features;
mod metadata;
mod options;
mod patterns;
mod prune;
mod render;
mod sanitize;
mod score;
mod segment;
mod select;
mod tokenize;
mod url;
#[cfg(target_arch = "wasm32")]
mod wasm;
mod weights;

pub use article::{Article, BlockReport, MetadataSources};
#[cfg(not(target_arch = "wasm32"))]
pub use decode::decode_bytes;
pub use error::ExtractError;
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub use extract::stage_timings;
pub use extract::{extract, extract_flat, extract_with, is_readerable};
pub use options::{Options, DEFAULT_MAX_INPUT_BYTES};
pub use render::html_to_markdown;
pub use weights::Weights;
