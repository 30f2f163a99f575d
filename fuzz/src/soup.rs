//! A structure-aware page generator: the fuzzer's bytes choose tags, attributes, values and
//! text from lists of the constructs that matter (script carriers, foreign content, raw-text
//! elements, table and form parsing modes, lazy images, hidden markers), so most inputs are
//! pages the pipeline really works on instead of bytes the parser throws away.

use arbitrary::Arbitrary;

const TAGS: &[&str] = &[
    "html",
    "head",
    "body",
    "title",
    "meta",
    "base",
    "link",
    "style",
    "script",
    "noscript",
    "template",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "foreignObject",
    "desc",
    "mtext",
    "annotation-xml",
    "mi",
    "mglyph",
    "p",
    "div",
    "span",
    "a",
    "b",
    "i",
    "em",
    "strong",
    "table",
    "tr",
    "td",
    "th",
    "tbody",
    "caption",
    "select",
    "option",
    "textarea",
    "form",
    "input",
    "button",
    "img",
    "picture",
    "source",
    "video",
    "audio",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "pre",
    "code",
    "blockquote",
    "figure",
    "figcaption",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "frameset",
    "frame",
    "article",
    "main",
    "nav",
    "aside",
    "header",
    "footer",
    "section",
    "br",
    "hr",
    "image",
    "use",
    "animate",
    "set",
    "time",
    "abbr",
    "sup",
    "details",
    "summary",
    "dialog",
    "label",
    "font",
    "center",
    "listing",
    "custom-el",
];

const ATTRS: &[&str] = &[
    "href",
    "src",
    "srcset",
    "data-src",
    "data-srcset",
    "style",
    "onerror",
    "onload",
    "onclick",
    "class",
    "id",
    "hidden",
    "aria-hidden",
    "title",
    "alt",
    "xlink:href",
    "formaction",
    "action",
    "srcdoc",
    "data",
    "background",
    "poster",
    "lang",
    "dir",
    "width",
    "colspan",
    "http-equiv",
    "content",
    "name",
    "type",
    "encoding",
    "itemprop",
    "property",
    "datetime",
    "start",
    "value",
    "data-declutter-hidden",
    "rel",
    "is",
    "xmlns",
    "ONMOUSEOVER",
    "sRc",
];

const VALUES: &[&str] = &[
    "javascript:alert(1)",
    " jAvAsCrIpT:alert(1)",
    "java\tscript:alert(1)",
    "java\u{0}script:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;vascript&colon;alert(1)",
    "\u{1}javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
    "vbscript:msgbox(1)",
    "https://example.com/photo-large.jpg",
    "/relative/photo.png 2x, javascript:alert(1) 3x",
    "//cdn.example.com/x.png",
    "#frag",
    "x",
    "alert(1)",
    "expression(alert(1))",
    "background:url(javascript:alert(1))",
    "display:none",
    "text/html",
    "application/ld+json",
    "</noscript><img src=x onerror=alert(1)>",
    "\"><script>alert(1)</script>",
    "</style><img src=x onerror=alert(1)>",
    "1",
    "rtl",
    "language-rust",
    "0;url=javascript:alert(1)",
    "refresh",
    "article-body content",
    "sidebar related share",
    "true",
    "http://www.w3.org/1998/Math/MathML",
];

const PROSE: &[&str] = &[
    "The ferry to the northern islands leaves at dawn, when the harbour is still grey and the gulls argue over the boats.",
    "Nobody on the crossing could remember a calmer morning, although the captain insisted that calm water is a storm taking a breath.",
    "On the largest island the school has eleven pupils, one teacher and a library that fills a single shelf.",
    "The cooperative shop sells bread on Tuesdays and Fridays, and the queue outside it is where the news is traded.",
    "Share this story", "Read more", "Advertisement", "By Ana Example", "12 March 2024", "alert(1)",
    "<script>alert(1)</script>", "x", " ", "\u{a0}", "é", "مرحبا بالعالم", "日本語の文章です。",
];

/// One piece of the generated page.
#[derive(Arbitrary, Debug)]
pub enum Piece {
    Open {
        tag: u8,
        attrs: Vec<(u8, u8)>,
        self_close: bool,
    },
    Close(u8),
    Text(u8),
    Raw(String),
    Comment(u8),
    Cdata(u8),
    Entity(u8),
}

/// A generated page and the options to extract it with.
#[derive(Arbitrary, Debug)]
pub struct Soup {
    pub pieces: Vec<Piece>,
    pub explain: bool,
    pub images: bool,
    pub links: bool,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

const ENTITIES: &[&str] = &[
    "&amp;",
    "&lt;",
    "&gt;",
    "&quot;",
    "&#0;",
    "&#x110000;",
    "&#128;",
    "&nbsp;",
    "&notin",
    "&#106;",
    "&colon;",
    "&NewLine;",
    "&Tab;",
    "&lt;script&gt;",
];

impl Soup {
    pub fn to_html(&self) -> String {
        let mut s = String::new();
        for piece in &self.pieces {
            match piece {
                Piece::Open {
                    tag,
                    attrs,
                    self_close,
                } => {
                    s.push('<');
                    s.push_str(pick(TAGS, *tag));
                    for (a, v) in attrs {
                        s.push(' ');
                        s.push_str(pick(ATTRS, *a));
                        s.push_str("=\"");
                        s.push_str(&pick(VALUES, *v).replace('"', "&quot;"));
                        s.push('"');
                    }
                    if *self_close {
                        s.push('/');
                    }
                    s.push('>');
                }
                Piece::Close(tag) => {
                    s.push_str("</");
                    s.push_str(pick(TAGS, *tag));
                    s.push('>');
                }
                Piece::Text(t) => s.push_str(pick(PROSE, *t)),
                Piece::Raw(r) => s.push_str(r),
                Piece::Comment(t) => {
                    s.push_str("<!--");
                    s.push_str(pick(PROSE, *t));
                    s.push_str("-->");
                }
                Piece::Cdata(t) => {
                    s.push_str("<![CDATA[");
                    s.push_str(pick(PROSE, *t));
                    s.push_str("]]>");
                }
                Piece::Entity(e) => s.push_str(pick(ENTITIES, *e)),
            }
        }
        s
    }
}
