//! Support for the fuzz targets: the output checker (shared with the XSS suite) and the
//! structure-aware page generator.

pub mod safe_output;
pub mod soup;

use declutter::{extract, html_to_markdown, Options};

/// Extracts `html` with `options` and panics (a finding, for the fuzzer) if the output is not
/// safe. Errors are fine: hostile input may be refused, as long as it is refused cleanly.
pub fn check_extract(html: &str, options: &Options) {
    let Ok(article) = extract(html, Some("https://example.org/a/b.html"), options) else {
        return;
    };
    let problems = safe_output::html_problems(&article.content_html);
    assert!(problems.is_empty(), "unsafe contentHtml: {problems:?}");
    let md = html_to_markdown(&article.content_html);
    let problems = safe_output::markdown_problems(&md);
    assert!(problems.is_empty(), "unsafe Markdown: {problems:?}");
    if let Some(img) = &article.lead_image {
        assert!(safe_output::image_is_safe(img), "unsafe lead image {img}");
    }
}
