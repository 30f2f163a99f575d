//! The wasm boundary: the only file that knows about JavaScript (with `rendered.js` beside it,
//! the walk over a live document that `extractDocument` reads).
//!
//! Values cross as plain JS objects with the same camelCase keys the CLI prints. They are built
//! with the same `serde_json` serializer the CLI uses and handed to `JSON.parse`, not with
//! `serde-wasm-bindgen`: that way the wasm output is the CLI output, key for key and digit for
//! digit. (`serde-wasm-bindgen` widens `f32` to `f64`, so a confidence of `0.85` would arrive as
//! `0.8500000238418579`, and it turns `None` into `undefined` rather than `null`.) It also keeps a
//! second serializer out of the module.

use crate::{Article, ExtractError, Options};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Document;

/// The attribute the core reads as "the browser does not render this element".
const HIDDEN_ATTR: &str = "data-declutter-hidden";

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** Caller options. Every field is optional; a missing field takes its default (see `defaultOptions()`). */
export interface ExtractOptions {
  /** Include `blocks`: every block of the page with its score, decision and reasons. Default false. */
  explain?: boolean;
  /** Keep images and figures in the content. Default true. */
  images?: boolean;
  /** Keep links in the content; when false their text stays, unlinked. Default true. */
  links?: boolean;
  /** Inputs longer than this many bytes (UTF-8) are refused. Default 64 MiB. */
  maxInputBytes?: number;
}

/** Where each metadata field came from: "jsonld", "opengraph", "meta", "time", "microdata", "text", ... */
export interface MetadataSources {
  title: string | null;
  byline: string | null;
  published: string | null;
  siteName: string | null;
  leadImage: string | null;
}

/** One block of the page and what the extractor decided about it. */
export interface BlockReport {
  /** Index in document order; kept blocks carry it as `data-declutter-block` in `contentHtml`. */
  id: number;
  /** CSS-like path of the block's element. */
  path: string;
  tag: string;
  /** The first characters of the block's text. */
  preview: string;
  /** The block's whole text. */
  text: string;
  words: number;
  linkDensity: number;
  score: number;
  kept: boolean;
  /** Each entry names one signal and its effect, e.g. "long text (+4.5)". */
  reasons: string[];
}

/** The extracted article: the same object `declutter extract --format json` prints. */
export interface Article {
  title: string | null;
  byline: string | null;
  /** ISO 8601 date or date-time. */
  published: string | null;
  siteName: string | null;
  lang: string | null;
  dir: "ltr" | "rtl" | null;
  excerpt: string | null;
  leadImage: string | null;
  /** Sanitized HTML of the article body. */
  contentHtml: string;
  text: string;
  wordCount: number;
  readingMinutes: number;
  readerable: boolean;
  /** 0 to 1. */
  confidence: number;
  metadataSources: MetadataSources;
  /** Present only with `explain: true`. */
  blocks?: BlockReport[];
}

/** Does the page look like an article worth a reader view, and how sure is that answer (0 to 1)? */
export interface Readerable {
  readerable: boolean;
  confidence: number;
}
"#;

#[wasm_bindgen]
extern "C" {
    /// A JS options object; typed as `ExtractOptions` in the `.d.ts`, checked on the Rust side.
    #[wasm_bindgen(typescript_type = "ExtractOptions")]
    pub type ExtractOptions;
}

/// Runs once when the module is instantiated: a panic then prints its message and location in
/// the console instead of a bare `unreachable` trap.
#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// Extracts the article from a page's HTML. `url` resolves relative links and images.
///
/// # Errors
/// A JS `Error` carrying the [`ExtractError`] message, or saying what is wrong with `options`.
#[wasm_bindgen(js_name = extract, unchecked_return_type = "Article")]
pub fn extract_js(
    html: &str,
    url: Option<String>,
    options: Option<ExtractOptions>,
) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    let url = url.filter(|u| !u.is_empty());
    run_extract(html, url.as_deref(), &options)
}

/// Extracts the article from a live document, as the browser shows it: elements it does not
/// render are left out. The document is left exactly as it was found.
///
/// # Errors
/// As [`extract_js`]; also when the document has no root element.
#[wasm_bindgen(js_name = extractDocument, unchecked_return_type = "Article")]
pub fn extract_document(
    document: &Document,
    options: Option<ExtractOptions>,
) -> Result<JsValue, JsError> {
    let options = options_from_js(options)?;
    let url = document.url().ok().filter(|u| !u.is_empty());
    let unreadable =
        |e: JsValue| JsError::new(&format!("cannot read the document: {}", js_message(&e)));
    // The tree as the browser parsed it, when it can go as it is; its HTML otherwise.
    if let Some(flat) = encode_rendered(document, HIDDEN_ATTR).map_err(unreadable)? {
        if let Some(article) =
            crate::extract_flat(&flat, url.as_deref(), &options).map_err(error_to_js)?
        {
            return article_to_js(article);
        }
    }
    let html = serialize_rendered(document, HIDDEN_ATTR)
        .map_err(unreadable)?
        .ok_or_else(|| JsError::new("the document has no root element"))?;
    run_extract(&html, url.as_deref(), &options)
}

/// Does the page look like an article worth a reader view? Never throws: input that is not a
/// page is simply not readerable.
#[wasm_bindgen(js_name = isReaderable, unchecked_return_type = "Readerable")]
pub fn is_readerable_js(html: &str) -> JsValue {
    let (readerable, confidence) = crate::is_readerable(html);
    let out = js_sys::Object::new();
    // `Reflect.set` on a fresh plain object cannot fail.
    let _ = js_sys::Reflect::set(&out, &"readerable".into(), &readerable.into());
    let _ = js_sys::Reflect::set(
        &out,
        &"confidence".into(),
        &f32_as_printed(confidence).into(),
    );
    out.into()
}

/// The options `extract` uses when none are given, as a fresh object the caller may change.
#[wasm_bindgen(js_name = defaultOptions, unchecked_return_type = "Required<ExtractOptions>")]
pub fn default_options() -> Result<JsValue, JsError> {
    to_js(&Options::default())
}

/// The crate version, e.g. `0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Converts an article's `contentHtml` to Markdown.
#[wasm_bindgen(js_name = toMarkdown)]
pub fn to_markdown(content_html: &str) -> String {
    crate::html_to_markdown(content_html)
}

fn run_extract(html: &str, url: Option<&str>, options: &Options) -> Result<JsValue, JsError> {
    article_to_js(crate::extract(html, url, options).map_err(error_to_js)?)
}

fn article_to_js(mut article: Article) -> Result<JsValue, JsError> {
    // The two largest fields cross as strings of their own rather than inside the JSON: escaping
    // them there and parsing them back in JS would copy every character twice more. Their keys
    // stay in the JSON (empty), so the object's keys keep the CLI's order.
    let content_html = std::mem::take(&mut article.content_html);
    let text = std::mem::take(&mut article.text);
    let out = to_js(&article)?;
    // `Reflect.set` on a plain object from `JSON.parse` cannot fail.
    let _ = js_sys::Reflect::set(&out, &"contentHtml".into(), &content_html.into());
    let _ = js_sys::Reflect::set(&out, &"text".into(), &text.into());
    Ok(out)
}

fn error_to_js(e: ExtractError) -> JsError {
    JsError::new(&e.to_string())
}

/// `undefined` and `null` mean "the defaults"; anything else must be an options object.
fn options_from_js(value: Option<ExtractOptions>) -> Result<Options, JsError> {
    let Some(value) = value
        .map(JsValue::from)
        .filter(|v| !v.is_undefined() && !v.is_null())
    else {
        return Ok(Options::default());
    };
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(JsError::new("invalid options: expected an object"));
    }
    // `JSON.stringify` drops fields set to `undefined`, so `{images: undefined}` means the
    // default, as it does for an object spread in JS.
    let json: String = js_sys::JSON::stringify(&value)
        .map_err(|_| JsError::new("invalid options: not serializable as JSON"))?
        .into();
    serde_json::from_str(&json).map_err(|e| JsError::new(&format!("invalid options: {e}")))
}

fn to_js<T: serde::Serialize>(value: &T) -> Result<JsValue, JsError> {
    let json = serde_json::to_string(value)
        .map_err(|e| JsError::new(&format!("cannot serialize the result: {e}")))?;
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("cannot parse the serialized result"))
}

/// What a thrown JS value says: an `Error`'s message, or the value itself.
fn js_message(e: &JsValue) -> String {
    match e.dyn_ref::<js_sys::Error>() {
        Some(err) => err.message().into(),
        None => e.as_string().unwrap_or_else(|| format!("{e:?}")),
    }
}

/// The `f64` whose shortest decimal form is the `f32`'s, as `serde_json` prints it.
fn f32_as_printed(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

#[wasm_bindgen(module = "/src/rendered.js")]
extern "C" {
    /// The document in the flat form [`crate::extract_flat`] reads, with `attr` on every
    /// element the browser does not render (the page itself is not changed), or `None` when
    /// only its HTML will do. JavaScript, for the reason below.
    #[wasm_bindgen(js_name = encodeRendered, catch)]
    fn encode_rendered(document: &Document, attr: &str) -> Result<Option<String>, JsValue>;

    /// The document's HTML with `attr` on every element the browser does not render (marks
    /// taken off again afterwards), or `None` when it has no root element. JavaScript, because
    /// the walk asks the browser about every element: see the file.
    #[wasm_bindgen(js_name = serializeRendered, catch)]
    fn serialize_rendered(document: &Document, attr: &str) -> Result<Option<String>, JsValue>;
}

// The tests live under tests/wasm/ but are unit tests of this module: they call its functions
// directly. (Integration tests in tests/*.rs would also build the CLI binary, which is native only.)
// Run by `make wasm-test` in Node, headless Chromium and headless Firefox (scripts/test-wasm.sh).
#[cfg(test)]
#[path = "../tests/wasm/boundary.rs"]
mod boundary_tests;
#[cfg(test)]
#[path = "../tests/wasm/deep.rs"]
mod deep_tests;
