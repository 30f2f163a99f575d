//! The wasm boundary: the only file that knows about JavaScript.
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
use web_sys::{Document, Element, TreeWalker, Window};

/// The attribute the core reads as "the browser does not render this element".
const HIDDEN_ATTR: &str = "data-declutter-hidden";

/// `NodeFilter.SHOW_ELEMENT`: the tree walker visits elements only.
const SHOW_ELEMENT: u32 = 0x1;

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
    let html = serialize_rendered(document)?;
    let url = document.url().ok().filter(|u| !u.is_empty());
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
    let article: Article = crate::extract(html, url, options).map_err(error_to_js)?;
    to_js(&article)
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

/// The `f64` whose shortest decimal form is the `f32`'s, as `serde_json` prints it.
fn f32_as_printed(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// Serializes the document with every element the browser does not render marked, then removes
/// the marks again. Marking in place (rather than on a clone) is what lets the marks use the
/// computed style: a detached clone has none. It all happens in one synchronous task, so the page
/// never renders the marks.
fn serialize_rendered(document: &Document) -> Result<String, JsError> {
    let root = document
        .document_element()
        .ok_or_else(|| JsError::new("the document has no root element"))?;
    let view = document.default_view();
    let marked = match document.body() {
        Some(body) => mark_hidden(document, &body, view.as_ref())?,
        None => Vec::new(),
    };
    let html = root.outer_html();
    for el in &marked {
        let _ = el.remove_attribute(HIDDEN_ATTR);
    }
    Ok(html)
}

/// Marks each element under `body` that is not rendered and returns the marked elements, so
/// only marks added here are removed afterwards. The walk is iterative (a tree walker), so deep
/// pages cannot overflow the wasm stack, and it skips the subtree of a marked element: the core
/// drops that whole subtree anyway, and the skip saves most of the style look-ups on pages full
/// of hidden menus.
fn mark_hidden(
    document: &Document,
    body: &web_sys::HtmlElement,
    view: Option<&Window>,
) -> Result<Vec<Element>, JsError> {
    let walker: TreeWalker = document
        .create_tree_walker_with_what_to_show(body, SHOW_ELEMENT)
        .map_err(|_| JsError::new("cannot walk the document"))?;
    let probe = Visibility::new(view);
    // Read everything first, then write: a style look-up after an attribute change may have to
    // recompute the style of the whole page, once per element.
    let mut hidden = Vec::new();
    let mut next = walker.first_child().ok().flatten();
    while let Some(node) = next {
        let el: Element = node.unchecked_into();
        if probe.is_not_rendered(&el) {
            // A mark the page already carries is its own: leave it, and do not remove it later.
            if !el.has_attribute(HIDDEN_ATTR) {
                hidden.push(el);
            }
            next = skip_subtree(&walker);
        } else {
            next = walker.next_node().ok().flatten();
        }
    }
    for el in &hidden {
        let _ = el.set_attribute(HIDDEN_ATTR, "");
    }
    Ok(hidden)
}

/// Moves the walker to the element after the current one's subtree.
fn skip_subtree(walker: &TreeWalker) -> Option<web_sys::Node> {
    loop {
        if let Some(sibling) = walker.next_sibling().ok().flatten() {
            return Some(sibling);
        }
        // `parentNode()` answers null at the walker's root, which ends the walk.
        walker.parent_node().ok().flatten()?;
    }
}

#[wasm_bindgen]
extern "C" {
    /// An element, seen through `Element.checkVisibility()` (Chromium 105+, Firefox 106+),
    /// which web-sys does not bind yet.
    type CheckVisibility;
    /// `catch` turns the method's absence in an older engine into an `Err`.
    #[wasm_bindgen(method, catch, js_name = checkVisibility)]
    fn check_visibility(this: &CheckVisibility, options: &JsValue) -> Result<bool, JsValue>;
}

/// Answers "does the browser render this element?" for one page.
struct Visibility<'a> {
    view: Option<&'a Window>,
    /// `{visibilityProperty: true}`, built once for every `checkVisibility` call.
    options: JsValue,
}

impl<'a> Visibility<'a> {
    fn new(view: Option<&'a Window>) -> Self {
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"visibilityProperty".into(), &true.into());
        Visibility {
            view,
            options: options.into(),
        }
    }

    /// `display: none` or `visibility: hidden` as the browser computes it (the `hidden`
    /// attribute is `display: none` in every browser's own style sheet). Without a window (a
    /// document from `DOMParser`) nothing is computed, so only `hidden` counts.
    ///
    /// This runs for every element of the page, so the common case makes a single call across
    /// the boundary and passes no string.
    fn is_not_rendered(&self, el: &Element) -> bool {
        let Some(view) = self.view else {
            return el.has_attribute("hidden");
        };
        // One call with a boolean answer is several times cheaper than reading the computed
        // style (an object and two strings across the boundary), and almost every element is
        // visible. A "not visible" answer is confirmed from the style: `checkVisibility` also
        // says false for boxless `display: contents` elements, whose children do show.
        let probe: &CheckVisibility = el.unchecked_ref();
        if let Ok(true) = probe.check_visibility(&self.options) {
            return false;
        }
        let Some(style) = view.get_computed_style(el).ok().flatten() else {
            return false;
        };
        let display = style.get_property_value("display").unwrap_or_default();
        if display == "none" {
            return true;
        }
        // A `visibility: hidden` element may show a `visibility: visible` child; that is rare
        // in article pages, where hidden panels are hidden whole.
        let visibility = style.get_property_value("visibility").unwrap_or_default();
        visibility == "hidden" || visibility == "collapse"
    }
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
