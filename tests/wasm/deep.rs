//! The core compiled to WebAssembly, on inputs where wasm differs from native: its stack is
//! small (1 MiB by default) and fixed, so deep trees must be walked without deep recursion.

use crate::{extract, is_readerable, ExtractError, Options};
use wasm_bindgen_test::wasm_bindgen_test;

const PROSE: &str = "The river rose slowly through the night, and by morning the old bridge \
    stood alone in a wide brown lake, its railings hung with branches and reeds. People from the \
    village walked down to the water's edge to look, talking quietly, about the flood.";

/// `depth` nested elements of `tag` around an article, closed properly.
fn nested(tag: &str, depth: usize) -> String {
    let mut html = String::with_capacity(depth * (2 * tag.len() + 5) + 2000);
    html.push_str("<!doctype html><html><head><title>Deep</title></head><body>");
    for _ in 0..depth {
        html.push_str(&format!("<{tag}>"));
    }
    html.push_str(&format!(
        "<article><h1>Deep</h1><p>{PROSE} DEEP-ONE.</p><p>{PROSE} DEEP-TWO.</p></article>"
    ));
    for _ in 0..depth {
        html.push_str(&format!("</{tag}>"));
    }
    html.push_str("</body></html>");
    html
}

#[wasm_bindgen_test]
fn twenty_five_thousand_nested_divs_do_not_overflow_the_stack() {
    let html = nested("div", 25_000);
    let article = extract(&html, None, &Options::default()).expect("a deep page extracts");
    assert!(article.text.contains("DEEP-ONE"), "{}", article.text);
    assert!(article.text.contains("DEEP-TWO"), "{}", article.text);
    let (_, confidence) = is_readerable(&html);
    assert!((0.0..=1.0).contains(&confidence));
}

#[wasm_bindgen_test]
fn deep_unclosed_inline_nesting_does_not_overflow_the_stack() {
    // The parser's "adoption agency" and formatting-element reconstruction are the classic
    // recursion traps; unclosed inline tags exercise them.
    let mut html = String::from("<html><body><p>");
    for i in 0..20_000 {
        html.push_str(if i % 2 == 0 { "<b>" } else { "<i>" });
        html.push_str("x ");
    }
    html.push_str(&format!("</p><p>{PROSE}</p></body></html>"));
    let result = extract(&html, None, &Options::default());
    assert!(result.is_ok(), "{result:?}");
}

#[wasm_bindgen_test]
fn many_siblings_extract() {
    let mut html = String::from("<html><body><article>");
    for i in 0..20_000 {
        html.push_str(&format!("<p>{i} {PROSE}</p>"));
    }
    html.push_str("</article></body></html>");
    let article = extract(&html, None, &Options::default()).expect("extracts");
    assert!(article.word_count > 100_000, "{}", article.word_count);
}

#[wasm_bindgen_test]
fn empty_and_blank_input_are_errors_not_traps() {
    assert_eq!(
        extract("", None, &Options::default()),
        Err(ExtractError::Empty)
    );
    assert_eq!(
        extract("   \n", None, &Options::default()),
        Err(ExtractError::Empty)
    );
    assert_eq!(is_readerable(""), (false, 0.0));
}

#[wasm_bindgen_test]
fn unicode_text_is_kept_exactly() {
    let html = format!(
        "<html lang=\"ja\"><body><article><p>{PROSE} 川の水位が上がった。🌊</p>\
         <p>{PROSE} Größere Schäden — „Brücke“.</p></article></body></html>"
    );
    let article = extract(&html, None, &Options::default()).expect("extracts");
    assert!(
        article.text.contains("川の水位が上がった。🌊"),
        "{}",
        article.text
    );
    assert!(article.text.contains("Größere Schäden — „Brücke“."));
}
