//! A compact, index-based copy of the parsed document.
//!
//! `scraper` parses; everything after that walks this arena. Nodes are stored in document
//! (pre-)order, so a node's subtree is the index range `id..node.end`: "is X inside Y" is two
//! integer comparisons, and every later stage is a linear pass over a `Vec` with no recursion,
//! which keeps 100,000-deep documents safe on the small wasm stack.

use markup5ever::{local_name, LocalName};
use scraper::{Html, Node as ScraperNode, StrTendril};

/// Index of a node in [`Dom::nodes`].
pub type NodeId = u32;

/// The known HTML tags the pipeline reasons about; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tag {
    A,
    Abbr,
    Address,
    Article,
    Aside,
    Audio,
    B,
    Blockquote,
    Body,
    Br,
    Button,
    Caption,
    Center,
    Cite,
    Code,
    Dd,
    Del,
    Details,
    Dfn,
    Dialog,
    Div,
    Dl,
    Dt,
    Em,
    Embed,
    Fieldset,
    Figcaption,
    Figure,
    Footer,
    Form,
    H1,
    H2,
    H3,
    H4,
    H5,
    H6,
    Head,
    Header,
    Hgroup,
    Hr,
    Html,
    I,
    Iframe,
    Img,
    Input,
    Ins,
    Kbd,
    Label,
    Li,
    Link,
    Main,
    Mark,
    Math,
    Menu,
    Meta,
    Nav,
    Noscript,
    Object,
    Ol,
    Option,
    P,
    Picture,
    Pre,
    Q,
    S,
    Samp,
    Script,
    Section,
    Select,
    Small,
    Source,
    Span,
    Strong,
    Style,
    Sub,
    Summary,
    Sup,
    Svg,
    Table,
    Tbody,
    Td,
    Template,
    Textarea,
    Tfoot,
    Th,
    Thead,
    Time,
    Title,
    Tr,
    U,
    Ul,
    Var,
    Video,
    Other,
}

/// Element names and their tags, sorted by name for a binary search: a table is a third of the
/// code a `match` on strings compiles to, and the module's size is budgeted.
const TAG_NAMES: &[(&str, Tag)] = &[
    ("a", Tag::A),
    ("abbr", Tag::Abbr),
    ("address", Tag::Address),
    ("article", Tag::Article),
    ("aside", Tag::Aside),
    ("audio", Tag::Audio),
    ("b", Tag::B),
    ("blockquote", Tag::Blockquote),
    ("body", Tag::Body),
    ("br", Tag::Br),
    ("button", Tag::Button),
    ("caption", Tag::Caption),
    ("center", Tag::Center),
    ("cite", Tag::Cite),
    ("code", Tag::Code),
    ("dd", Tag::Dd),
    ("del", Tag::Del),
    ("details", Tag::Details),
    ("dfn", Tag::Dfn),
    ("dialog", Tag::Dialog),
    ("div", Tag::Div),
    ("dl", Tag::Dl),
    ("dt", Tag::Dt),
    ("em", Tag::Em),
    ("embed", Tag::Embed),
    ("fieldset", Tag::Fieldset),
    ("figcaption", Tag::Figcaption),
    ("figure", Tag::Figure),
    ("font", Tag::Span),
    ("footer", Tag::Footer),
    ("form", Tag::Form),
    ("h1", Tag::H1),
    ("h2", Tag::H2),
    ("h3", Tag::H3),
    ("h4", Tag::H4),
    ("h5", Tag::H5),
    ("h6", Tag::H6),
    ("head", Tag::Head),
    ("header", Tag::Header),
    ("hgroup", Tag::Hgroup),
    ("hr", Tag::Hr),
    ("html", Tag::Html),
    ("i", Tag::I),
    ("iframe", Tag::Iframe),
    ("image", Tag::Img),
    ("img", Tag::Img),
    ("input", Tag::Input),
    ("ins", Tag::Ins),
    ("kbd", Tag::Kbd),
    ("label", Tag::Label),
    ("li", Tag::Li),
    ("link", Tag::Link),
    ("listing", Tag::Pre),
    ("main", Tag::Main),
    ("mark", Tag::Mark),
    ("math", Tag::Math),
    ("menu", Tag::Menu),
    ("meta", Tag::Meta),
    ("nav", Tag::Nav),
    ("noscript", Tag::Noscript),
    ("object", Tag::Object),
    ("ol", Tag::Ol),
    ("option", Tag::Option),
    ("p", Tag::P),
    ("picture", Tag::Picture),
    ("plaintext", Tag::Pre),
    ("pre", Tag::Pre),
    ("q", Tag::Q),
    ("s", Tag::S),
    ("samp", Tag::Samp),
    ("script", Tag::Script),
    ("section", Tag::Section),
    ("select", Tag::Select),
    ("small", Tag::Small),
    ("source", Tag::Source),
    ("span", Tag::Span),
    ("strike", Tag::S),
    ("strong", Tag::Strong),
    ("style", Tag::Style),
    ("sub", Tag::Sub),
    ("summary", Tag::Summary),
    ("sup", Tag::Sup),
    ("svg", Tag::Svg),
    ("table", Tag::Table),
    ("tbody", Tag::Tbody),
    ("td", Tag::Td),
    ("template", Tag::Template),
    ("textarea", Tag::Textarea),
    ("tfoot", Tag::Tfoot),
    ("th", Tag::Th),
    ("thead", Tag::Thead),
    ("time", Tag::Time),
    ("title", Tag::Title),
    ("tr", Tag::Tr),
    ("u", Tag::U),
    ("ul", Tag::Ul),
    ("var", Tag::Var),
    ("video", Tag::Video),
    ("xmp", Tag::Pre),
];

impl Tag {
    pub fn from_name(name: &str) -> Tag {
        TAG_NAMES
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .map_or(Tag::Other, |i| TAG_NAMES[i].1)
    }

    /// Elements that start a new block of text (a line break in the rendered page).
    pub fn is_block(self) -> bool {
        use Tag::*;
        matches!(
            self,
            Address
                | Article
                | Aside
                | Blockquote
                | Body
                | Caption
                | Center
                | Dd
                | Details
                | Dialog
                | Div
                | Dl
                | Dt
                | Fieldset
                | Figcaption
                | Figure
                | Footer
                | Form
                | H1
                | H2
                | H3
                | H4
                | H5
                | H6
                | Header
                | Hgroup
                | Hr
                | Html
                | Li
                | Main
                | Menu
                | Nav
                | Ol
                | P
                | Pre
                | Section
                | Summary
                | Table
                | Tbody
                | Td
                | Tfoot
                | Th
                | Thead
                | Tr
                | Ul
        )
    }

    pub fn is_heading(self) -> bool {
        matches!(
            self,
            Tag::H1 | Tag::H2 | Tag::H3 | Tag::H4 | Tag::H5 | Tag::H6
        )
    }

    /// Heading level 1-6, or 0 for anything else.
    pub fn heading_level(self) -> u8 {
        match self {
            Tag::H1 => 1,
            Tag::H2 => 2,
            Tag::H3 => 3,
            Tag::H4 => 4,
            Tag::H5 => 5,
            Tag::H6 => 6,
            _ => 0,
        }
    }
}

/// Which markup language an element belongs to (HTML parsers switch inside `<svg>`/`<math>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Namespace {
    Html,
    Svg,
    MathMl,
}

/// Names and strings are shared with the parser's own buffers (interned atoms and
/// reference-counted tendrils), so copying the tree allocates little.
#[derive(Debug, Clone)]
pub struct Element {
    pub tag: Tag,
    /// Local name (lower case for HTML), kept for tags outside [`Tag`] (MathML, custom elements).
    pub name: LocalName,
    pub ns: Namespace,
    pub attrs: Vec<(LocalName, StrTendril)>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| &**v)
    }

    pub fn has_attr(&self, name: &str) -> bool {
        self.attrs.iter().any(|(k, _)| &**k == name)
    }

    /// [`Element::attr`] for a name the parser interns (`local_name!("class")`): names compare
    /// as integers, not strings, which matters on the paths that ask every element.
    pub fn attr_named(&self, name: &LocalName) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| &**v)
    }

    /// An `<a>` that goes somewhere: it has an `href`, and not one that does nothing
    /// (`javascript:`, `javascript:void(0)`, `javascript:;`): those are buttons, or whole
    /// paragraphs wrapped in a click handler. A script that opens something (a scrambled
    /// `mailto`, a pop-up) is still a link.
    pub fn is_link(&self) -> bool {
        self.tag == Tag::A
            && self
                .attr_named(&local_name!("href"))
                .is_some_and(|href| !does_nothing(href))
    }
}

/// A `javascript:` URL whose script is empty or `void`.
fn does_nothing(href: &str) -> bool {
    let href = href.trim();
    let Some(script) = href
        .get(..11)
        .filter(|scheme| scheme.eq_ignore_ascii_case("javascript:"))
        .map(|_| href[11..].trim())
    else {
        return false;
    };
    let script = script.trim_end_matches(';').trim();
    script.is_empty() || script.starts_with("void")
}

#[derive(Debug, Clone)]
pub enum Kind {
    Document,
    Element(Element),
    Text(StrTendril),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub parent: Option<NodeId>,
    /// One past the last node of this node's subtree.
    pub end: NodeId,
    pub depth: u32,
    pub kind: Kind,
}

impl Node {
    pub fn element(&self) -> Option<&Element> {
        match &self.kind {
            Kind::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn tag(&self) -> Option<Tag> {
        self.element().map(|e| e.tag)
    }

    pub fn text(&self) -> Option<&str> {
        match &self.kind {
            Kind::Text(t) => Some(t),
            _ => None,
        }
    }
}

/// The whole document in pre-order. Index 0 is the document node.
#[derive(Debug, Clone)]
pub struct Dom {
    pub nodes: Vec<Node>,
}

/// Elements whose content is never text a reader sees; their subtrees are not copied at all
/// (except JSON-LD scripts, which metadata reads).
fn skip_subtree(name: &str, attrs: &[(LocalName, StrTendril)]) -> bool {
    match name {
        "style" | "template" | "head-script" => true,
        "script" => !attrs
            .iter()
            .any(|(k, v)| &**k == "type" && v.trim().eq_ignore_ascii_case("application/ld+json")),
        _ => false,
    }
}

/// What becomes of one parsed node.
enum Taken {
    /// Copied into the arena.
    Keep(Kind),
    /// Not copied (comments, doctypes), though its children would be.
    Drop,
    /// Not copied, nor anything inside it.
    Skip,
}

/// Takes what the arena keeps of a parsed node out of it.
fn take_kind(node: &mut ScraperNode) -> Taken {
    match node {
        ScraperNode::Document | ScraperNode::Fragment => Taken::Keep(Kind::Document),
        ScraperNode::Element(el) => {
            // The HTML parser already lower-cases element and attribute names.
            let name = el.name.local.clone();
            let attrs: Vec<(LocalName, StrTendril)> = std::mem::take(&mut el.attrs)
                .into_iter()
                .map(|(k, v)| (k.local, v))
                .collect();
            if skip_subtree(&name, &attrs) {
                return Taken::Skip;
            }
            let ns = match &*el.name.ns {
                "http://www.w3.org/2000/svg" => Namespace::Svg,
                "http://www.w3.org/1998/Math/MathML" => Namespace::MathMl,
                _ => Namespace::Html,
            };
            let tag = if ns == Namespace::Html || &*name == "math" || &*name == "svg" {
                Tag::from_name(&name)
            } else {
                Tag::Other
            };
            Taken::Keep(Kind::Element(Element {
                tag,
                name,
                ns,
                attrs,
            }))
        }
        ScraperNode::Text(t) => Taken::Keep(Kind::Text(std::mem::take(&mut t.text))),
        _ => Taken::Drop,
    }
}

/// Copies the subtree of `root` into the arena under `base` (pre-order, so `end` ranges hold).
/// With `graft`, a `<noscript>` holding a readable article as markup (see
/// [`noscript_is_article`]) gets that markup parsed and copied in as its children, and becomes a
/// plain container: some blog platforms ship the whole post only there, beside a script template.
fn append_tree(
    nodes: &mut Vec<Node>,
    tree: &mut ego_tree::Tree<ScraperNode>,
    root: ego_tree::NodeId,
    base: Option<NodeId>,
    graft: bool,
) {
    // Open arena nodes, innermost last; `None` marks a scraper node we did not copy.
    let mut stack: Vec<Option<NodeId>> = Vec::new();
    let mut at = root;
    'walk: loop {
        let parent = stack.iter().rev().find_map(|s| *s).or(base);
        let kind = match tree.get_mut(at) {
            Some(mut n) => take_kind(n.value()),
            None => Taken::Skip,
        };
        let descend = match kind {
            Taken::Keep(Kind::Text(text))
                if graft
                    && parent.is_some_and(|p| nodes[p as usize].tag() == Some(Tag::Noscript))
                    && noscript_is_article(&text) =>
            {
                if let Some(p) = parent {
                    // Read as a plain container from here on; its name stays, so the block
                    // paths match the page as a browser without scripts shows it.
                    if let Kind::Element(el) = &mut nodes[p as usize].kind {
                        el.tag = Tag::Div;
                    }
                    let mut fragment = Html::parse_fragment(&bound::bounded(&text));
                    // The fragment parser wraps what it read in an `html` element.
                    let wrapper = fragment.root_element().id();
                    let children: Vec<_> = fragment
                        .tree
                        .get(wrapper)
                        .map(|w| w.children().map(|c| c.id()).collect())
                        .unwrap_or_default();
                    for child in children {
                        append_tree(nodes, &mut fragment.tree, child, Some(p), false);
                    }
                }
                stack.push(None);
                false
            }
            Taken::Keep(kind) => {
                let id = nodes.len() as NodeId;
                let depth = parent.map_or(0, |p| nodes[p as usize].depth + 1);
                nodes.push(Node {
                    parent,
                    end: id + 1,
                    depth,
                    kind,
                });
                stack.push(Some(id));
                true
            }
            Taken::Drop => {
                stack.push(None);
                true
            }
            // Not copied at all: its subtree is skipped, so nothing inside looks for it.
            Taken::Skip => {
                stack.push(None);
                false
            }
        };
        let first = if descend {
            tree.get(at).and_then(|n| n.first_child()).map(|c| c.id())
        } else {
            None
        };
        if let Some(child) = first {
            at = child;
            continue;
        }
        // Close `at`, then its ancestors until one has a next sibling.
        loop {
            if let Some(Some(id)) = stack.pop() {
                nodes[id as usize].end = nodes.len() as NodeId;
            }
            if at == root {
                break 'walk;
            }
            let Some(node) = tree.get(at) else {
                break 'walk;
            };
            if let Some(next) = node.next_sibling() {
                at = next.id();
                continue 'walk;
            }
            match node.parent() {
                Some(p) => at = p.id(),
                None => break 'walk,
            }
        }
    }
}

/// Text outside tags a `<noscript>` must hold, as paragraphs, to be read as the article itself
/// rather than a "please enable JavaScript" note or a tracking pixel.
const NOSCRIPT_ARTICLE_CHARS: usize = 500;

/// Does this raw `<noscript>` content hold an article's worth of paragraphs?
fn noscript_is_article(raw: &str) -> bool {
    if raw.len() < NOSCRIPT_ARTICLE_CHARS || !raw.contains("<p") {
        return false;
    }
    let mut in_tag = false;
    let mut text = 0;
    for c in raw.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag && !c.is_whitespace() => text += 1,
            _ => {}
        }
    }
    text >= NOSCRIPT_ARTICLE_CHARS
}

impl Dom {
    /// Parses `html` with `scraper` (html5ever) and moves the tree into the arena.
    /// Parsing never fails: malformed markup is repaired the way browsers repair it.
    pub fn parse(html: &str) -> Dom {
        let mut parsed = Html::parse_document(&bound::bounded(html));
        Dom::from_scraper(&mut parsed)
    }

    /// Walks the parsed tree in document order, taking each node's attributes and text out of
    /// it (the parsed tree is dropped right after): moving them costs no allocation or
    /// reference count per node, where copying did.
    fn from_scraper(html: &mut Html) -> Dom {
        let mut nodes: Vec<Node> = Vec::with_capacity(html.tree.values().len());
        let root = html.tree.root().id();
        append_tree(&mut nodes, &mut html.tree, root, None, true);
        if nodes.is_empty() {
            nodes.push(Node {
                parent: None,
                end: 1,
                depth: 0,
                kind: Kind::Document,
            });
        }
        Dom { nodes }
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        self.nodes[id as usize].element()
    }

    pub fn tag(&self, id: NodeId) -> Option<Tag> {
        self.nodes[id as usize].tag()
    }

    /// Is `id` inside the subtree of `ancestor` (or equal to it)?
    pub fn contains(&self, ancestor: NodeId, id: NodeId) -> bool {
        ancestor <= id && id < self.nodes[ancestor as usize].end
    }

    /// Direct children of `id`, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            dom: self,
            next: id + 1,
            end: self.nodes[id as usize].end,
        }
    }

    /// Ancestors of `id`, nearest first (excluding `id`).
    pub fn ancestors(&self, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
        std::iter::successors(self.nodes[id as usize].parent, move |&p| {
            self.nodes[p as usize].parent
        })
    }

    /// The first element with this tag, in document order.
    pub fn find_tag(&self, tag: Tag) -> Option<NodeId> {
        (0..self.nodes.len() as NodeId).find(|&i| self.tag(i) == Some(tag))
    }

    /// All text of a subtree, whitespace collapsed.
    pub fn text_of(&self, id: NodeId) -> String {
        let mut out = String::new();
        let end = self.nodes[id as usize].end;
        for i in id..end {
            if let Some(t) = self.nodes[i as usize].text() {
                push_collapsed(&mut out, t);
            }
        }
        out.trim().to_string()
    }

    /// Lowest common ancestor of two nodes.
    pub fn common_ancestor(&self, a: NodeId, b: NodeId) -> NodeId {
        let mut x = a;
        loop {
            if self.contains(x, b) {
                return x;
            }
            match self.nodes[x as usize].parent {
                Some(p) => x = p,
                None => return 0,
            }
        }
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
    end: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].end;
        Some(id)
    }
}

/// Appends `text` to `out`, folding every run of white space into one space (none at the start
/// of `out`, none after a space already there).
pub fn push_collapsed(out: &mut String, text: &str) {
    // This runs over every text node of the page, more than once. Prose is mostly words and
    // single spaces, which come out as they are: they are copied in spans, and only a run of
    // white space that changes (a newline, a double space) ends a span.
    let b = text.as_bytes();
    let mut span = 0;
    let mut i = 0;
    while i < b.len() {
        let len = match b[i] {
            0x21..=0x7f => {
                i += 1;
                continue;
            }
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' => 1,
            _ => match unicode_space_len(&b[i..]) {
                // Any other byte is part of a word.
                0 => {
                    i += 1;
                    continue;
                }
                len => len,
            },
        };
        let run = i;
        let end = run + len + white_space_len(&text[run + len..]);
        if end == run + 1 && b[run] == b' ' && run > span {
            // One plain space after a word: already what the output needs.
            i = end;
            continue;
        }
        out.push_str(&text[span..run]);
        if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        span = end;
        i = end;
    }
    out.push_str(&text[span..]);
}

/// Length of the white space (as `char::is_whitespace` has it) at the start of `s`.
fn white_space_len(s: &str) -> usize {
    s.find(|c: char| !c.is_whitespace()).unwrap_or(s.len())
}

/// Length in bytes of the non-ASCII white-space character that `b` starts with, or 0: U+0085,
/// U+00A0, U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F and U+3000 are all there is.
/// Telling them by their bytes lets text loops go byte by byte without decoding characters.
pub fn unicode_space_len(b: &[u8]) -> usize {
    match b {
        [0xc2, 0x85 | 0xa0, ..] => 2,
        [0xe1, 0x9a, 0x80, ..]
        | [0xe2, 0x80, 0x80..=0x8a | 0xa8 | 0xa9 | 0xaf, ..]
        | [0xe2, 0x81, 0x9f, ..]
        | [0xe3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::push_collapsed;

    #[test]
    fn tag_names_are_sorted_for_the_binary_search() {
        let names: Vec<&str> = super::TAG_NAMES.iter().map(|(n, _)| *n).collect();
        assert!(
            names.windows(2).all(|w| w[0] < w[1]),
            "sorted, no duplicates"
        );
        for (name, tag) in super::TAG_NAMES {
            assert_eq!(super::Tag::from_name(name), *tag, "{name}");
        }
        assert_eq!(super::Tag::from_name("my-widget"), super::Tag::Other);
        assert_eq!(super::Tag::from_name(""), super::Tag::Other);
    }

    #[test]
    fn links_that_do_nothing_are_not_links() {
        for href in [
            "javascript:",
            "JavaScript:void(0)",
            " javascript:void 0; ",
            "javascript:;",
        ] {
            assert!(super::does_nothing(href), "{href}");
        }
        for href in [
            "/story",
            "https://example.com/",
            "javascript:linkTo_UnCryptMailto('nbjmup')",
            "#top",
            "",
        ] {
            assert!(!super::does_nothing(href), "{href}");
        }
    }

    /// The plain character loop that [`push_collapsed`] must match.
    fn reference(out: &mut String, text: &str) {
        for ch in text.chars() {
            if ch.is_whitespace() {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            } else {
                out.push(ch);
            }
        }
    }

    #[test]
    fn unicode_space_len_knows_every_white_space_character() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            let want = if c.is_whitespace() && !c.is_ascii() {
                c.len_utf8()
            } else {
                0
            };
            assert_eq!(super::unicode_space_len(bytes), want, "{:x}", c as u32);
        }
    }

    #[test]
    fn push_collapsed_folds_white_space_like_a_char_loop() {
        let alphabet = [
            " ", "  ", "a", "word", "\t", "\n", "\u{b}", "\u{c}", "\r", "\u{a0}", "\u{2003}",
            "\u{3000}", "\u{85}", "\u{1680}", "\u{2028}", "\u{205f}", "é", "日本", "\u{200b}",
            "\u{e000}", "â", "ẞ", "\u{0}", "\u{1f}", "\u{7f}",
        ];
        // A fixed pseudo-random sequence: every pair and many longer mixes of the pieces.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            for start in ["", "x", "x "] {
                let (mut got, mut want) = (start.to_string(), start.to_string());
                push_collapsed(&mut got, &text);
                reference(&mut want, &text);
                assert_eq!(got, want, "{start:?} + {text:?}");
            }
        }
    }
}

/// Keeps pathological markup from making the parser quadratic.
///
/// The HTML standard's tree construction, which html5ever follows to the letter, walks the
/// whole stack of open elements for every block start tag, compares each attribute with every
/// earlier one of its tag, and re-opens every unclosed formatting element in each new
/// paragraph. 100,000 nested `div`s cost minutes, 20,000 unclosed `<b class=N>` more memory
/// than a machine has (tests/adversarial.rs measures them). Browsers bound this themselves
/// (Blink stops nesting at depth 512). A linear scan finds such input; only then is it
/// rewritten: past the depth limit each new element closes the previous one, so they become
/// siblings as in Blink; attributes and unclosed formatting elements past their limits are
/// dropped. All text is kept. Ordinary pages are passed through untouched.
mod bound {
    use std::borrow::Cow;

    /// Deeper elements become siblings at this depth, as in Blink.
    const MAX_DEPTH: usize = 512;
    /// Attributes of one tag after this many are dropped.
    const MAX_ATTRS: usize = 128;
    /// Unclosed formatting elements after this many are dropped.
    const MAX_OPEN_FORMATTING: usize = 16;
    /// End tags are matched against this many innermost open elements only, so the scan itself
    /// stays linear.
    const END_TAG_REACH: usize = 64;

    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "image", "keygen", "frame", "basefont", "bgsound",
    ];
    /// Their content is text to the parser: copied as is, never dropped.
    const RAW_TEXT: &[&str] = &[
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript",
    ];
    /// Elements that switch the parser's mode: never dropped, whatever the depth.
    const MODAL: &[&str] = &[
        "svg", "math", "template", "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption",
        "colgroup", "select", "frameset", "form", "html", "head", "body",
    ];
    /// Formatting elements, in the order of their counters.
    const FORMATTING: &[&str] = &[
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
        "u",
    ];
    /// A start tag of one of these closes an open element of the same name.
    const SELF_CLOSING_SIBLINGS: &[&str] = &["p", "li", "dt", "dd", "option", "tr", "td", "th"];

    /// Of the listed names only `plaintext` is longer than this; names up to this length compare
    /// by `key` alone.
    const KEY_LEN: usize = 8;

    /// What the scan needs to know about a tag name, worked out once per tag: the scan runs
    /// over every tag of every page, so it neither allocates nor searches lists per tag.
    #[derive(Clone, Copy, Default, PartialEq, Debug)]
    struct Class {
        void: bool,
        raw_text: bool,
        modal: bool,
        closes_sibling: bool,
        plaintext: bool,
        /// Index in [`FORMATTING`].
        formatting: Option<usize>,
    }

    fn classify(name: &Name, src: &[u8]) -> Class {
        if name.len > KEY_LEN {
            let mut c = NOTHING;
            c.plaintext = src[name.at..name.at + name.len].eq_ignore_ascii_case(b"plaintext");
            return c;
        }
        CLASSES
            .binary_search_by_key(&(name.key, name.len), |e| (e.0, e.1))
            .map_or(NOTHING, |i| CLASSES[i].2)
    }

    const NOTHING: Class = Class {
        void: false,
        raw_text: false,
        modal: false,
        closes_sibling: false,
        plaintext: false,
        formatting: None,
    };

    const LISTED: usize =
        VOID.len() + RAW_TEXT.len() + MODAL.len() + FORMATTING.len() + SELF_CLOSING_SIBLINGS.len();

    /// Every listed name as (key, length, class), sorted for a binary search; built at compile
    /// time from the lists (a `match` on the names compiles to several KB of wasm). Unused
    /// slots sort last.
    const CLASSES: [(u64, usize, Class); LISTED] = {
        let mut t = [(u64::MAX, usize::MAX, NOTHING); LISTED];
        let mut n = 0;
        n = add(&mut t, n, VOID, 0);
        n = add(&mut t, n, RAW_TEXT, 1);
        n = add(&mut t, n, MODAL, 2);
        n = add(&mut t, n, FORMATTING, 3);
        add(&mut t, n, SELF_CLOSING_SIBLINGS, 4);
        // Insertion sort by (key, length).
        let mut i = 1;
        while i < LISTED {
            let mut j = i;
            while j > 0 && (t[j - 1].0 > t[j].0 || (t[j - 1].0 == t[j].0 && t[j - 1].1 > t[j].1)) {
                let e = t[j - 1];
                t[j - 1] = t[j];
                t[j] = e;
                j -= 1;
            }
            i += 1;
        }
        t
    };

    /// Adds one list's names to the table (or marks them, if another list had them first);
    /// returns the new count of entries.
    const fn add(
        t: &mut [(u64, usize, Class); LISTED],
        mut n: usize,
        names: &[&str],
        list: u8,
    ) -> usize {
        let mut i = 0;
        while i < names.len() {
            let b = names[i].as_bytes();
            let mut key = 0u64;
            let mut k = 0;
            while k < b.len() {
                key |= (b[k] as u64) << (8 * k);
                k += 1;
            }
            let mut j = 0;
            while j < n && !(t[j].0 == key && t[j].1 == b.len()) {
                j += 1;
            }
            if j == n {
                t[j].0 = key;
                t[j].1 = b.len();
                n += 1;
            }
            match list {
                0 => t[j].2.void = true,
                1 => t[j].2.raw_text = true,
                2 => t[j].2.modal = true,
                3 => t[j].2.formatting = Some(i),
                _ => t[j].2.closes_sibling = true,
            }
            i += 1;
        }
        n
    }

    /// A tag name in the source, compared without regard to ASCII case as the parser does.
    #[derive(Clone, Copy)]
    struct Name {
        at: usize,
        len: usize,
        /// The first [`KEY_LEN`] bytes, lower-cased, packed (zero-padded).
        key: u64,
    }

    impl Name {
        fn same(&self, other: &Name, src: &[u8]) -> bool {
            self.key == other.key
                && self.len == other.len
                && (self.len <= KEY_LEN
                    || src[self.at..self.at + self.len]
                        .eq_ignore_ascii_case(&src[other.at..other.at + other.len]))
        }
    }

    #[derive(Clone, Copy)]
    struct Open {
        name: Name,
        /// Placed past the depth limit.
        flat: bool,
    }

    pub fn bounded(html: &str) -> Cow<'_, str> {
        let mut probe = Scan::new(html, false);
        probe.run();
        if !probe.exceeded {
            return Cow::Borrowed(html);
        }
        let mut rewrite = Scan::new(html, true);
        rewrite.run();
        Cow::Owned(rewrite.out)
    }

    struct Scan<'a> {
        src: &'a str,
        bytes: &'a [u8],
        pos: usize,
        rewrite: bool,
        exceeded: bool,
        out: String,
        /// Open elements (simplified).
        stack: Vec<Open>,
        /// Elements closed early to keep the depth, innermost last: their own end tags go.
        closed_early: Vec<Name>,
        /// Start tags dropped, per formatting element, whose end tags are to be dropped too.
        dropped: [usize; FORMATTING.len()],
        open_formatting: [usize; FORMATTING.len()],
        formatting_total: usize,
        /// The first attributes of the current tag: (start, end) in the source, for a rewrite.
        attrs: Vec<(usize, usize)>,
    }

    impl<'a> Scan<'a> {
        fn new(src: &'a str, rewrite: bool) -> Scan<'a> {
            Scan {
                src,
                bytes: src.as_bytes(),
                pos: 0,
                rewrite,
                exceeded: false,
                out: String::with_capacity(if rewrite { src.len() } else { 0 }),
                stack: Vec::new(),
                closed_early: Vec::new(),
                dropped: [0; FORMATTING.len()],
                open_formatting: [0; FORMATTING.len()],
                formatting_total: 0,
                attrs: Vec::new(),
            }
        }

        /// Copies `src[from..to]` to the output. Every index used here sits on an ASCII byte
        /// or the end, so it is a character boundary.
        fn copy(&mut self, from: usize, to: usize) {
            if self.rewrite {
                self.out.push_str(&self.src[from..to]);
            }
        }

        fn find(&self, from: usize, needle: &str) -> Option<usize> {
            self.src.get(from..)?.find(needle).map(|i| from + i)
        }

        /// Like [`Scan::find`] for one ASCII character.
        fn find_char(&self, from: usize, needle: char) -> Option<usize> {
            let needle = u8::try_from(needle).ok().filter(u8::is_ascii)?;
            find_byte(self.bytes, from, needle)
        }

        /// Copies the rest of the input and stops.
        fn finish(&mut self) {
            self.copy(self.pos, self.bytes.len());
            self.pos = self.bytes.len();
        }

        fn run(&mut self) {
            while self.pos < self.bytes.len() {
                let Some(lt) = self.find_char(self.pos, '<') else {
                    self.finish();
                    return;
                };
                self.copy(self.pos, lt);
                self.pos = lt;
                let next = self.bytes.get(lt + 1).copied().unwrap_or(b' ');
                if self.src[lt..].starts_with("<!--") {
                    match self.find(lt + 4, "-->") {
                        Some(end) => {
                            self.copy(lt, end + 3);
                            self.pos = end + 3;
                        }
                        None => return self.finish(),
                    }
                } else if next == b'!' || next == b'?' {
                    match self.find_char(lt, '>') {
                        Some(end) => {
                            self.copy(lt, end + 1);
                            self.pos = end + 1;
                        }
                        None => return self.finish(),
                    }
                } else if next == b'/'
                    && self.bytes.get(lt + 2).is_some_and(u8::is_ascii_alphabetic)
                {
                    if !self.end_tag(lt) {
                        return self.finish();
                    }
                } else if next.is_ascii_alphabetic() {
                    if !self.start_tag(lt) {
                        return self.finish();
                    }
                } else {
                    self.copy(lt, lt + 1);
                    self.pos = lt + 1;
                }
            }
        }

        fn name_at(&self, from: usize) -> Name {
            let mut end = from;
            let mut key = 0u64;
            while end < self.bytes.len()
                && !matches!(
                    self.bytes[end],
                    b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
                )
            {
                if end - from < KEY_LEN {
                    key |= u64::from(self.bytes[end].to_ascii_lowercase()) << (8 * (end - from));
                }
                end += 1;
            }
            Name {
                at: from,
                len: end - from,
                key,
            }
        }

        /// Handles `</name ...>` at `lt`; false when the input ends inside it.
        fn end_tag(&mut self, lt: usize) -> bool {
            let name = self.name_at(lt + 2);
            let Some(gt) = self.find_char(lt, '>') else {
                return false;
            };
            self.pos = gt + 1;
            let mut keep = true;
            if let Some(f) = classify(&name, self.bytes).formatting {
                if self.open_formatting[f] > 0 {
                    self.open_formatting[f] -= 1;
                    self.formatting_total -= 1;
                } else {
                    keep = !take(&mut self.dropped[f]);
                }
            } else if self
                .stack
                .last()
                .is_some_and(|o| o.flat && o.name.same(&name, self.bytes))
            {
                self.stack.pop();
            } else if self
                .closed_early
                .last()
                .is_some_and(|n| n.same(&name, self.bytes))
            {
                self.closed_early.pop();
                keep = false;
            } else {
                // An end tag that matches no open element is kept: the parser ignores it.
                let reach = self.stack.len().saturating_sub(END_TAG_REACH);
                if let Some(i) = self.stack[reach..]
                    .iter()
                    .rposition(|o| o.name.same(&name, self.bytes))
                {
                    self.stack.truncate(reach + i);
                }
            }
            if keep {
                self.copy(lt, gt + 1);
            }
            true
        }

        /// Handles `<name attrs...>` at `lt`; false when the input ends inside it.
        fn start_tag(&mut self, lt: usize) -> bool {
            let name = self.name_at(lt + 1);
            let mut i = name.at + name.len;
            let mut attr_count = 0usize;
            self.attrs.clear();
            let mut self_closing = false;
            let gt = loop {
                while i < self.bytes.len() && self.bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                match self.bytes.get(i) {
                    None => return false,
                    Some(b'>') => break i,
                    Some(b'/') => {
                        self_closing = self.bytes.get(i + 1) == Some(&b'>');
                        i += 1;
                        continue;
                    }
                    Some(_) => {}
                }
                let start = i;
                while i < self.bytes.len()
                    && !matches!(self.bytes[i], b'=' | b'>' | b'/')
                    && !self.bytes[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                if i == start {
                    // A lone '=' where a name should be: part of the name, as the parser reads it.
                    i += 1;
                }
                let mut j = i;
                while j < self.bytes.len() && self.bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                if self.bytes.get(j) == Some(&b'=') {
                    j += 1;
                    while j < self.bytes.len() && self.bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    match self.bytes.get(j) {
                        Some(q @ (b'"' | b'\'')) => {
                            let quote = if *q == b'"' { '"' } else { '\'' };
                            match self.find_char(j + 1, quote) {
                                Some(end) => i = end + 1,
                                None => return false,
                            }
                        }
                        _ => {
                            i = j;
                            while i < self.bytes.len()
                                && self.bytes[i] != b'>'
                                && !self.bytes[i].is_ascii_whitespace()
                            {
                                i += 1;
                            }
                        }
                    }
                }
                attr_count += 1;
                if self.rewrite && attr_count <= MAX_ATTRS {
                    self.attrs.push((start, i));
                }
            };
            self.pos = gt + 1;
            if attr_count > MAX_ATTRS {
                self.exceeded = true;
            }
            let class = classify(&name, self.bytes);
            let keep = self.open_element(name, class, self_closing);
            if keep {
                if attr_count > MAX_ATTRS && self.rewrite {
                    self.out.push('<');
                    self.out.push_str(&self.src[name.at..name.at + name.len]);
                    for k in 0..self.attrs.len() {
                        let (a, b) = self.attrs[k];
                        self.out.push(' ');
                        self.out.push_str(&self.src[a..b]);
                    }
                    self.out.push_str(if self_closing { "/>" } else { ">" });
                } else {
                    self.copy(lt, gt + 1);
                }
            }
            if class.raw_text {
                // Copy the element's text up to its end tag, which the main loop then handles.
                let end = self
                    .find_end_tag(self.pos, &name)
                    .unwrap_or(self.bytes.len());
                self.copy(self.pos, end);
                self.pos = end;
            } else if class.plaintext {
                self.finish();
            }
            true
        }

        /// Position of the next `</name` (any ASCII case) from `from`.
        fn find_end_tag(&self, from: usize, name: &Name) -> Option<usize> {
            let wanted = &self.bytes[name.at..name.at + name.len];
            let mut at = from;
            loop {
                let lt = self.find_char(at, '<')?;
                let after = lt + 2;
                if self.bytes.get(lt + 1) == Some(&b'/')
                    && self
                        .bytes
                        .get(after..after + wanted.len())
                        .is_some_and(|s| s.eq_ignore_ascii_case(wanted))
                {
                    return Some(lt);
                }
                at = lt + 1;
            }
        }

        /// Tracks a start tag; false when it is dropped.
        fn open_element(&mut self, name: Name, class: Class, self_closing: bool) -> bool {
            if class.void || class.raw_text {
                return true;
            }
            if let Some(f) = class.formatting {
                // A new `a` (or `nobr`) closes the open one, as the parser does.
                if matches!(FORMATTING[f], "a" | "nobr") && self.open_formatting[f] > 0 {
                    self.open_formatting[f] -= 1;
                    self.formatting_total -= 1;
                }
                if self_closing {
                    return true;
                }
                if self.formatting_total >= MAX_OPEN_FORMATTING {
                    self.exceeded = true;
                    self.dropped[f] += 1;
                    return false;
                }
                self.open_formatting[f] += 1;
                self.formatting_total += 1;
                return true;
            }
            if self_closing && !class.modal {
                return true;
            }
            if class.closes_sibling
                && self
                    .stack
                    .last()
                    .is_some_and(|o| o.name.same(&name, self.bytes))
            {
                self.stack.pop();
            }
            let flat = self.stack.len() >= MAX_DEPTH && !class.modal;
            if flat {
                self.exceeded = true;
                // The previous element past the limit ends here, so this one is its sibling.
                if let Some(prev) = self.stack.last().copied().filter(|o| o.flat) {
                    if self.rewrite {
                        let prev_name = &self.src[prev.name.at..prev.name.at + prev.name.len];
                        self.out.push_str("</");
                        self.out.push_str(&prev_name.to_ascii_lowercase());
                        self.out.push('>');
                    }
                    self.stack.pop();
                    self.closed_early.push(prev.name);
                }
            }
            self.stack.push(Open { name, flat });
            true
        }
    }

    /// Position of the first `needle` in `hay` at or after `from`. Eight bytes are tested at a
    /// time with integer arithmetic: the scan calls this for every tag and quoted attribute,
    /// mostly over short distances, where a general `memchr` spends its time getting started.
    fn find_byte(hay: &[u8], from: usize, needle: u8) -> Option<usize> {
        const LOW: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let pattern = LOW * u64::from(needle);
        let mut i = from;
        while let Some(chunk) = hay.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word) ^ pattern;
            // A zero byte of `x` is a match; the lowest flagged byte is the first one (a
            // borrow can only flag bytes above a real match).
            let found = x.wrapping_sub(LOW) & !x & HIGH;
            if found != 0 {
                return Some(i + (found.trailing_zeros() / 8) as usize);
            }
            i += 8;
        }
        hay.get(i..)?
            .iter()
            .position(|&b| b == needle)
            .map(|p| i + p)
    }

    /// Takes one from a count; true if there was one.
    fn take(count: &mut usize) -> bool {
        if *count > 0 {
            *count -= 1;
            true
        } else {
            false
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn find_byte_finds_the_first_match() {
            let hay = b"ab<cdefghijklmnop<qrstuv\x80\xbc<<wxyz";
            for from in 0..=hay.len() + 1 {
                for needle in [b'<', b'a', b'z', b'\xbc', b'\x80', b'!', b'\x3b', b'\x3d'] {
                    let want = hay
                        .get(from..)
                        .and_then(|h| h.iter().position(|&b| b == needle))
                        .map(|p| from + p);
                    assert_eq!(find_byte(hay, from, needle), want, "{from} {needle}");
                }
            }
        }

        #[test]
        fn classify_knows_every_listed_name_in_any_case() {
            let names = [
                VOID,
                RAW_TEXT,
                MODAL,
                FORMATTING,
                SELF_CLOSING_SIBLINGS,
                &[
                    "plaintext",
                    "div",
                    "blockquote",
                    "my-element",
                    "ab",
                    "é",
                    "a\0",
                    "td\0",
                ],
            ]
            .concat();
            for name in names {
                for written in [name.to_string(), name.to_ascii_uppercase()] {
                    let scan = Scan::new(&written, false);
                    let c = classify(&scan.name_at(0), written.as_bytes());
                    let expected = Class {
                        void: VOID.contains(&name),
                        raw_text: RAW_TEXT.contains(&name),
                        modal: MODAL.contains(&name),
                        closes_sibling: SELF_CLOSING_SIBLINGS.contains(&name),
                        plaintext: name == "plaintext",
                        formatting: FORMATTING.iter().position(|f| *f == name),
                    };
                    assert_eq!(c, expected, "{written}");
                }
            }
        }

        #[test]
        fn ordinary_pages_pass_untouched() {
            let page = "<html><head><title>a<b></title><script>if (a<b) {}</script></head>\
                        <body><div><p>One<p>Two <b>bold</b> <a href=x>l</a><a href=y>m</a>\
                        </div><img src=x alt='>'><!-- <div> --></body></html>";
            assert!(matches!(bounded(page), Cow::Borrowed(_)));
        }

        #[test]
        fn deep_nesting_is_flattened_and_text_kept() {
            let page = format!(
                "{}<p>deep text</p>{}<p>after</p>",
                "<div>".repeat(2000),
                "</div>".repeat(2000)
            );
            let out = bounded(&page);
            assert_eq!(out.matches("<div>").count(), 2000);
            assert_eq!(out.matches("</div>").count(), 2000);
            assert!(out.contains("<p>deep text</p>"));
            let dom = crate::dom::Dom::parse(&page);
            let deepest = dom.nodes.iter().map(|n| n.depth).max().unwrap_or(0);
            assert!(deepest as usize <= MAX_DEPTH + 4, "depth {deepest}");
            // Every element closed where it should: the last paragraph is back at the top.
            let after = dom.nodes.iter().find(|n| n.text() == Some("after"));
            assert!(after.is_some_and(|n| n.depth <= 4));
        }

        #[test]
        fn too_many_attributes_are_cut() {
            let attrs: String = (0..1000).map(|i| format!(" a{i}=\"v>{i}\"")).collect();
            let page = format!("<p{attrs} x>text</p>");
            let out = bounded(&page);
            assert_eq!(out.matches(" a").count(), MAX_ATTRS);
            assert!(out.ends_with(">text</p>"));
        }

        #[test]
        fn unclosed_formatting_is_capped() {
            let page: String = (0..1000)
                .map(|i| format!("<b class=c{i}><p>x{i}"))
                .collect();
            let out = bounded(&page);
            assert_eq!(out.matches("<b ").count(), MAX_OPEN_FORMATTING);
            assert_eq!(out.matches("<p>").count(), 1000);
        }

        #[test]
        fn truncated_input_is_copied_whole() {
            for page in [
                "<div",
                "<p a=\"",
                "<!--",
                "</div",
                "<script>x",
                "<!x",
                "é<é>é",
            ] {
                let deep = format!("{}{page}", "<div>".repeat(600));
                assert!(bounded(&deep).ends_with(page), "{page}");
            }
        }
    }
}
