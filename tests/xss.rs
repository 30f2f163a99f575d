//! The XSS suite (issue 6): script-carrying markup of every known shape, each placed inside an
//! otherwise good article. For every vector the article must still be found (the paragraphs
//! around the vector are kept) and nothing able to run script may leave the core:
//!
//! - `contentHtml` is parsed with a real HTML parser, as the reader view's browser will parse
//!   it, and every element, attribute and URL is compared with an allowlist that lives in the
//!   checker (`fuzz/src/safe_output.rs`, shared with the fuzz targets), not in the crate; the
//!   same check runs again after a serialize/parse round trip, where mutation XSS shows;
//! - the Markdown made from it (`html_to_markdown`) has no link or image with a script scheme
//!   and no raw HTML outside code;
//! - the lead image is a safe image URL.
//!
//! The vectors live in `xss-vectors.json`, which the extension's browser tests read too. One
//! test per family of vectors; a failure names every vector of the family that failed.

#[path = "../fuzz/src/safe_output.rs"]
mod safe_output;

use std::sync::OnceLock;

use declutter::{extract, html_to_markdown, Options};
use serde::Deserialize;

/// The vectors and the article they are placed in, shared with the extension's browser tests.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Suite {
    page: String,
    in_prose: String,
    before: Vec<String>,
    after: Vec<String>,
    families: Vec<Family>,
}

#[derive(Deserialize)]
struct Family {
    name: String,
    place: Place,
    vectors: Vec<String>,
}

/// Where a vector goes in the page.
#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Place {
    /// Between the article's paragraphs, on its own.
    Body,
    /// Inside a paragraph of prose, so the block that holds it is kept and the vector's own
    /// markup reaches the renderer.
    InProse,
    /// In the `<head>`.
    Head,
    /// As attributes of the `<body>` start tag.
    BodyAttrs,
}

fn suite() -> &'static Suite {
    static SUITE: OnceLock<Suite> = OnceLock::new();
    SUITE.get_or_init(|| {
        serde_json::from_str(include_str!("xss-vectors.json")).expect("xss-vectors.json is valid")
    })
}

fn page(vector: &str, place: Place) -> String {
    let s = suite();
    let p = |ps: &[String]| {
        ps.iter()
            .map(|s| format!("<p>{s}</p>\n"))
            .collect::<String>()
    };
    let in_prose = s.in_prose.replace("{vector}", vector);
    let (head, body_attrs, inner) = match place {
        Place::Body => ("", "", vector),
        Place::InProse => ("", "", in_prose.as_str()),
        Place::Head => (vector, "", ""),
        Place::BodyAttrs => ("", vector, ""),
    };
    // The vector goes in last, so placeholder-like text inside a vector is never replaced.
    s.page
        .replace("{head}", "\u{0}h")
        .replace("{bodyAttrs}", "\u{0}a")
        .replace("{before}", &p(&s.before))
        .replace("{after}", &p(&s.after))
        .replace("{vector}", "\u{0}v")
        .replace("\u{0}h", head)
        .replace("\u{0}a", body_attrs)
        .replace("\u{0}v", inner)
}

/// Markup that must never appear as a tag in the output, whatever the parse says.
const NEVER_AS_TAGS: &[&str] = &[
    "<script",
    "<iframe",
    "<svg",
    "<style",
    "<object",
    "<embed",
    "<form",
    "<base",
    "<meta",
    "<link",
    "<template",
    "<noscript",
    "<input",
    "<button",
    "<frame",
    "<applet",
    "<portal",
    "<area",
    "<textarea",
    "<select",
    "<math href",
];

/// Everything wrong with the extraction of one vector, empty when it is handled.
fn failures(vector: &str, place: Place) -> Vec<String> {
    let html = page(vector, place);
    let mut out = Vec::new();
    for options in [
        Options::default(),
        Options {
            explain: true,
            ..Options::default()
        },
    ] {
        let article = match extract(
            &html,
            Some("https://example.org/news/ledger.html"),
            &options,
        ) {
            Ok(a) => a,
            Err(e) => {
                out.push(format!("no article: {e}"));
                continue;
            }
        };
        for (i, s) in suite().before.iter().chain(&suite().after).enumerate() {
            if !article.text.contains(s) {
                out.push(format!("article paragraph {i} lost"));
            }
        }
        out.extend(safe_output::html_problems(&article.content_html));
        let lower = article.content_html.to_ascii_lowercase();
        for tag in NEVER_AS_TAGS {
            if lower.contains(tag) {
                out.push(format!("{tag} in contentHtml"));
            }
        }
        let md = html_to_markdown(&article.content_html);
        out.extend(safe_output::markdown_problems(&md));
        if let Some(img) = &article.lead_image {
            if !safe_output::image_is_safe(img) {
                out.push(format!("unsafe lead image {img}"));
            }
        }
        if !out.is_empty() {
            out.push(format!("contentHtml was:\n{}", article.content_html));
            out.push(format!("markdown was:\n{md}"));
            break;
        }
    }
    out
}

fn check_family(name: &str) {
    let family = suite()
        .families
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no family {name} in xss-vectors.json"));
    let mut report = String::new();
    let places: &[Place] = match family.place {
        Place::Body => &[Place::Body, Place::InProse],
        _ => std::slice::from_ref(&family.place),
    };
    for v in &family.vectors {
        for &p in places {
            let f = failures(v, p);
            if !f.is_empty() {
                report.push_str(&format!("\n--- {name}: {v:?}\n{}\n", f.join("\n")));
            }
        }
    }
    assert!(report.is_empty(), "{report}");
}

/// One test per family, by name.
const FAMILIES: &[&str] = &[
    "script",
    "handlers",
    "script_urls",
    "image_urls",
    "frames_and_plugins",
    "svg",
    "mathml",
    "forms",
    "css",
    "mutation",
    "escaping",
    "head",
    "body_attrs",
];

#[test]
fn the_suite_has_at_least_100_vectors_and_a_test_for_each_family() {
    let n: usize = suite().families.iter().map(|f| f.vectors.len()).sum();
    assert!(n >= 100, "only {n} vectors");
    let names: Vec<&str> = suite().families.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names, FAMILIES,
        "a family without its test, or a test without its family"
    );
}

#[test]
fn the_checker_catches_what_it_must() {
    // The checker itself can fail: feed it unsafe output directly.
    for bad in [
        "<p>x<script>alert(1)</script></p>",
        "<p onclick=\"alert(1)\">x</p>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" jav&#x09;ascript:alert(1)\">x</a>",
        "<img src=\"data:image/svg+xml,x\">",
        "<p style=\"color:red\">x</p>",
        "<svg><circle></circle></svg>",
        "<math><maction>x</maction></math>",
        "<iframe srcdoc=\"x\"></iframe>",
    ] {
        assert!(
            !safe_output::html_problems(bad).is_empty(),
            "the checker missed {bad}"
        );
    }
    for bad in [
        "[x](javascript:alert(1))",
        "![x](data:text/html,x)",
        "text <img src=x onerror=alert(1)>",
        "<javascript:alert(1)>",
    ] {
        assert!(
            !safe_output::markdown_problems(bad).is_empty(),
            "the checker missed {bad}"
        );
    }
    for good in [
        "<p>x <a href=\"https://example.com/\">y</a> <img src=\"/a.png\" alt=\"\"></p>",
        "<pre class=\"language-html\">&lt;script&gt;</pre><math><mi>x</mi></math>",
    ] {
        assert!(safe_output::html_problems(good).is_empty(), "{good}");
    }
    for good in [
        "a \\<b> c `<code>` [x](https://e.com) <https://e.com>",
        "```\n<b>\n```",
    ] {
        assert!(safe_output::markdown_problems(good).is_empty(), "{good}");
    }
}

#[test]
fn script_elements() {
    check_family("script");
}

#[test]
fn event_handlers() {
    check_family("handlers");
}

#[test]
fn script_urls_in_links() {
    check_family("script_urls");
}

#[test]
fn script_urls_in_images() {
    check_family("image_urls");
}

#[test]
fn frames_and_plugins() {
    check_family("frames_and_plugins");
}

#[test]
fn svg_content() {
    check_family("svg");
}

#[test]
fn mathml_and_namespace_confusion() {
    check_family("mathml");
}

#[test]
fn forms_and_controls() {
    check_family("forms");
}

#[test]
fn css() {
    check_family("css");
}

#[test]
fn mutation_xss() {
    check_family("mutation");
}

#[test]
fn escaping_of_text_and_attributes() {
    check_family("escaping");
}

#[test]
fn head_elements() {
    check_family("head");
}

#[test]
fn body_attributes() {
    check_family("body_attrs");
}
