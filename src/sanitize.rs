//! The allowlist: which elements and attributes may appear in the article's HTML.
//! Everything not named here is unwrapped (its children kept) or dropped.

use crate::dom::Namespace;

/// What to do with an element of the source page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    /// Emit it, under this (canonical) name.
    Keep(&'static str),
    /// Emit its children only (`div`, `span`, `section`, custom elements).
    Unwrap,
}

/// HTML elements that keep their own tag in the output.
const KEEP_HTML: &[&str] = &[
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "sub",
    "sup",
    "small",
    "q",
    "cite",
    "abbr",
    "kbd",
    "samp",
    "var",
    "time",
    "br",
    "hr",
    "figure",
    "figcaption",
    "img",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
    "a",
    "dfn",
    "bdi",
    "bdo",
    "wbr",
    "ruby",
    "rt",
    "rp",
];

/// MathML presentation elements.
const KEEP_MATHML: &[&str] = &[
    "math",
    "mi",
    "mn",
    "mo",
    "ms",
    "mtext",
    "mspace",
    "mrow",
    "msup",
    "msub",
    "msubsup",
    "mfrac",
    "msqrt",
    "mroot",
    "mtable",
    "mtr",
    "mtd",
    "mover",
    "munder",
    "munderover",
    "mpadded",
    "mphantom",
    "menclose",
    "mstyle",
    "semantics",
    "annotation",
    "mmultiscripts",
    "mprescripts",
    "none",
    "merror",
];

/// Decides the fate of one element by namespace and local name.
pub fn disposition(ns: Namespace, name: &str) -> Disposition {
    let list = match ns {
        Namespace::Html => KEEP_HTML,
        Namespace::MathMl => KEEP_MATHML,
        Namespace::Svg => return Disposition::Unwrap,
    };
    match list.iter().find(|k| **k == name) {
        Some(k) => Disposition::Keep(k),
        None => Disposition::Unwrap,
    }
}

/// Attributes kept verbatim (after the value checks below) for a given output element. URL
/// attributes (`href`, `src`) are handled by the renderer, which resolves and vets them.
pub fn allowed_attr(tag: &str, attr: &str) -> Option<&'static str> {
    let a: &'static str = match attr {
        "dir" => "dir",
        "lang" => "lang",
        "title" if matches!(tag, "abbr" | "dfn") => "title",
        "datetime" if matches!(tag, "time" | "del" | "ins") => "datetime",
        "colspan" if matches!(tag, "td" | "th") => "colspan",
        "rowspan" if matches!(tag, "td" | "th") => "rowspan",
        "scope" if tag == "th" => "scope",
        "start" if tag == "ol" => "start",
        "reversed" if tag == "ol" => "reversed",
        "type" if tag == "ol" => "type",
        "value" if tag == "li" => "value",
        "alt" if tag == "img" => "alt",
        "width" if tag == "img" => "width",
        "height" if tag == "img" => "height",
        "display" if tag == "math" => "display",
        "mathvariant" => "mathvariant",
        "class" if matches!(tag, "code" | "pre") => "class",
        _ => return None,
    };
    debug_assert!(
        crate::dom::is_read_attribute(a),
        "{a} is not in READ_ATTRIBUTES"
    );
    Some(a)
}

/// Checks an attribute value: numbers stay numbers, `dir` is ltr/rtl/auto, and a code block's
/// class is only its `language-*` marker.
pub fn clean_attr_value(attr: &str, value: &str) -> Option<String> {
    let v = value.trim();
    match attr {
        "colspan" | "rowspan" | "start" | "value" | "width" | "height" => {
            let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
            (!digits.is_empty() && digits.len() <= 6).then_some(digits)
        }
        "dir" => matches!(v.to_ascii_lowercase().as_str(), "ltr" | "rtl" | "auto")
            .then(|| v.to_ascii_lowercase()),
        "class" => v
            .split_whitespace()
            .find(|c| c.starts_with("language-") || c.starts_with("lang-"))
            .filter(|c| {
                c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || matches!(ch, '-' | '_' | '+' | '#'))
            })
            .map(str::to_string),
        "lang" => (v.len() <= 35 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .then(|| v.to_string()),
        "reversed" => Some(String::new()),
        "type" => matches!(v, "1" | "a" | "A" | "i" | "I").then(|| v.to_string()),
        _ => Some(v.chars().take(2000).collect()),
    }
}
