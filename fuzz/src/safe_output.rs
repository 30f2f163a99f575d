//! What "safe output" means, checked independently of the sanitizer that produces it: the
//! article HTML is parsed with a real HTML parser (the way the reader view's browser will parse
//! it) and every element, attribute and URL is compared with an allowlist written here, not
//! imported from the crate, so a change to the crate's allowlist has to be made on purpose in
//! both places. The Markdown is checked for live links with script schemes and for raw HTML.
//!
//! Shared by the XSS suite (`tests/xss.rs`, through `#[path]`) and the fuzz targets.

use scraper::{Html, Node};

const HTML_NS: &str = "http://www.w3.org/1999/xhtml";
const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// HTML elements the article may contain.
const HTML_ELEMENTS: &[&str] = &[
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

/// MathML presentation elements (no `maction`, no `annotation-xml`: those carry behaviour or
/// foreign markup).
const MATHML_ELEMENTS: &[&str] = &[
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

/// May `attr` appear on `element`? URL attributes are vetted separately.
fn attribute_allowed(element: &str, mathml: bool, attr: &str) -> bool {
    match attr {
        "dir" | "lang" | "data-declutter-block" => true,
        "href" => element == "a",
        "src" | "alt" | "width" | "height" => element == "img",
        "title" => matches!(element, "abbr" | "dfn"),
        "datetime" => matches!(element, "time" | "del" | "ins"),
        "colspan" | "rowspan" => matches!(element, "td" | "th"),
        "scope" => element == "th",
        "start" | "reversed" | "type" => element == "ol",
        "value" => element == "li",
        "class" => matches!(element, "code" | "pre"),
        "display" => element == "math",
        "mathvariant" => mathml,
        _ => false,
    }
}

/// The scheme of a URL as a browser reads it: white space and control characters anywhere
/// before the colon are ignored, case does not matter.
fn scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let colon = cleaned.find(':')?;
    let head = &cleaned[..colon];
    if head.contains(['/', '?', '#']) {
        return None;
    }
    Some(head.to_ascii_lowercase())
}

/// A link target the reader view may follow.
pub fn link_is_safe(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel" | "ftp"),
    }
}

/// An image source the reader view may load: web URLs or raster `data:` images.
pub fn image_is_safe(url: &str) -> bool {
    match scheme(url) {
        None => true,
        Some(s) if s == "data" => {
            let lower: String = url
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            ["png", "jpeg", "jpg", "gif", "webp", "avif"]
                .iter()
                .any(|t| lower.starts_with(&format!("data:image/{t}")))
        }
        Some(s) => matches!(s.as_str(), "http" | "https"),
    }
}

/// Every problem found in one parse of `html`, as readable lines.
fn problems_in(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut out = Vec::new();
    // The fragment parser puts the content inside an `html` element of its own (and keeps a
    // detached `body` as the parsing context): walk what is inside that `html` element.
    let root = doc.root_element();
    for node in root.descendants().skip(1) {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let name = el.name();
        let ns = &*el.name.ns;
        let mathml = ns == MATHML_NS;
        let known = match ns {
            HTML_NS => HTML_ELEMENTS.contains(&name),
            MATHML_NS => MATHML_ELEMENTS.contains(&name),
            _ => false,
        };
        if !known {
            out.push(format!("element <{name}> in namespace {ns}"));
        }
        for (attr, value) in el.attrs() {
            if !attribute_allowed(name, mathml, attr) {
                out.push(format!("attribute {attr}=\"{value}\" on <{name}>"));
            }
            let url_ok = match attr {
                "href" => link_is_safe(value),
                "src" => image_is_safe(value),
                _ => true,
            };
            if !url_ok {
                out.push(format!("unsafe URL {attr}=\"{value}\" on <{name}>"));
            }
        }
    }
    out
}

/// Checks the article HTML: once as served, and once more after a serialize/parse round trip,
/// which is where mutation XSS (markup that changes meaning when parsed again) shows.
pub fn html_problems(html: &str) -> Vec<String> {
    let mut out = problems_in(html);
    let round_trip = Html::parse_fragment(html).root_element().inner_html();
    for p in problems_in(&round_trip) {
        out.push(format!("after a round trip: {p}"));
    }
    out
}

/// Checks Markdown: no link or image whose destination has a script scheme, and no raw HTML
/// tag (which most Markdown renderers pass through) outside code.
pub fn markdown_problems(md: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_fence: Option<usize> = None;
    for line in md.lines() {
        let body = line.trim_start_matches(['>', ' ']);
        let ticks = body.chars().take_while(|&c| c == '`').count();
        if ticks >= 3 {
            match in_fence {
                None => in_fence = Some(ticks),
                Some(open) if ticks >= open && body.trim_end().len() == ticks => in_fence = None,
                Some(_) => {}
            }
            continue;
        }
        if in_fence.is_some() {
            continue;
        }
        check_markdown_line(line, &mut out);
    }
    out
}

fn check_markdown_line(line: &str, out: &mut Vec<String>) {
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                i += 2;
                continue;
            }
            '`' => {
                // Skip a code span: the same number of backticks closes it.
                let run = chars[i..].iter().take_while(|&&c| c == '`').count();
                let mut j = i + run;
                let mut closed = None;
                while j < chars.len() {
                    if chars[j] == '`' {
                        let r = chars[j..].iter().take_while(|&&c| c == '`').count();
                        if r == run {
                            closed = Some(j + r);
                            break;
                        }
                        j += r;
                    } else {
                        j += 1;
                    }
                }
                match closed {
                    Some(end) => {
                        i = end;
                        continue;
                    }
                    None => {
                        i += run;
                        continue;
                    }
                }
            }
            '<' => {
                let next = chars.get(i + 1).copied().unwrap_or(' ');
                if next.is_ascii_alphabetic() || matches!(next, '/' | '!' | '?') {
                    let tail: String = chars[i..].iter().take(60).collect();
                    // `<https://...>` is an autolink: its scheme is checked like a link.
                    let autolink = tail
                        .split_once('>')
                        .map(|(head, _)| &head[1..])
                        .filter(|h| !h.contains(char::is_whitespace) && h.contains(':'));
                    match autolink {
                        Some(url) if link_is_safe(url) => {}
                        Some(url) => out.push(format!("unsafe autolink <{url}> in Markdown")),
                        None => out.push(format!("raw HTML in Markdown: {tail}")),
                    }
                }
            }
            ']' if chars.get(i + 1) == Some(&'(') => {
                let dest: String = chars[i + 2..]
                    .iter()
                    .take_while(|&&c| c != ')' && c != ' ')
                    .collect();
                // A raster `data:` image is harmless as a link target too.
                let ok = link_is_safe(&dest) || image_is_safe(&dest);
                if !ok {
                    out.push(format!("unsafe Markdown destination ({dest})"));
                }
            }
            _ => {}
        }
        i += 1;
    }
}
