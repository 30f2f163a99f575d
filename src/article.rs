//! The result of extraction: what the CLI prints as JSON and the wasm build returns to JS.

use serde::{Deserialize, Serialize};

/// An extracted article. Field names are camelCase on the wire (`siteName`, `contentHtml`, ...).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: Option<String>,
    /// `ltr` or `rtl`.
    pub dir: Option<String>,
    pub excerpt: Option<String>,
    pub lead_image: Option<String>,
    /// Sanitized HTML of the article body (allowlisted tags and attributes only).
    pub content_html: String,
    /// Plain text: a blank line between blocks, headings and list items on their own lines.
    pub text: String,
    pub word_count: usize,
    pub reading_minutes: u32,
    /// Does the page look like an article worth a reader view?
    pub readerable: bool,
    /// How sure the readerable answer is, 0 to 1.
    pub confidence: f32,
    /// Where each metadata field came from (`jsonld`, `opengraph`, `meta`, `time`, `text`, ...).
    pub metadata_sources: MetadataSources,
    /// Per-block decisions; present only when `Options::explain` is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub blocks: Option<Vec<BlockReport>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MetadataSources {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lead_image: Option<String>,
}

/// One block of the page and what the extractor decided about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockReport {
    /// Index of the block in document order; also written as `data-declutter-block` on the
    /// element in `contentHtml` so a viewer can match the two.
    pub id: usize,
    /// CSS-like path of the block's element, e.g. `body > div.main > p:nth-of-type(3)`.
    pub path: String,
    pub tag: String,
    /// The first characters of the block's text.
    pub preview: String,
    /// The block's whole text (so a viewer can put a dropped block back).
    pub text: String,
    pub words: usize,
    pub link_density: f32,
    pub score: f32,
    pub kept: bool,
    /// Why: each entry names one signal and its effect, e.g. `long text (+4.5)`.
    pub reasons: Vec<String>,
}
