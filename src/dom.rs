//! A compact, index-based copy of the parsed document.
//!
//! [`crate::tokenize`] reads the page and html5ever's tree builder builds it (into [`tree`],
//! linked as the builder goes); or, for a page a browser has already parsed, [`flat`] reads its
//! tree as the browser hands it over. Everything after that walks this arena. Nodes are stored in
//! document (pre-)order, so a node's subtree is the index range `id..node.end`: "is X inside Y"
//! is two integer comparisons, and every later stage is a linear pass over a `Vec` with no
//! recursion, which keeps 100,000-deep documents safe on the small wasm stack.

use crate::features::FastMap;
use html5ever::tendril::StrTendril;
use markup5ever::{local_name, ns, LocalName, QualName};

pub use flat::is_mark as is_flat_mark;

/// Fibonacci hashing's multiplier (2^64 / the golden ratio): multiplying by it spreads a key's
/// bits into the high bits that the small hash tables here and in `features` index by.
pub const HASH_FACTOR: u64 = 0x9e37_79b9_7f4a_7c15;

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

/// Every attribute the core reads, by name (as the DOM writes it: `xml:lang`, `xlink:href`). A
/// page's other attributes (`data-*` of scripts, `aria-*`, SVG's path data, event handlers)
/// change no article, and the flat form leaves them out: they were a fifth of the form's
/// characters on the benchmark's 330 corpus pages (`READ_ATTRIBUTES` in src/rendered.js is the
/// same list; a test keeps the two alike).
/// In debug builds, asking an element for an attribute not listed here panics, so a new rule
/// that reads one fails the tests until it is added.
#[rustfmt::skip]
pub const READ_ATTRIBUTES: &[&str] = &[
    // What an element is and what it says of itself (features, select, metadata).
    "class", "id", "role", "itemprop", "rel", "href", "name",
    // Hidden by its own markup (prune), or by the browser (the extension's mark).
    "hidden", "aria-hidden", "style", "data-declutter-hidden",
    // The page's metadata.
    "property", "content", "http-equiv", "lang", "xml:lang", "dir", "datetime",
    // Which scripts are JSON-LD (`skip_subtree`).
    "type",
    // Images, past their lazy-loading placeholders (`render::image_source`).
    "src", "srcset", "data-src", "data-lazy-src", "data-original", "data-url",
    "data-hi-res-src", "data-full-src", "data-srcset", "data-lazy-srcset", "alt", "width",
    "height",
    // What the article keeps (`sanitize::allowed_attr`).
    "title", "colspan", "rowspan", "scope", "start", "reversed", "value", "display",
    "mathvariant",
];

/// Whether the core reads the attribute `name` (see [`READ_ATTRIBUTES`]).
pub fn is_read_attribute(name: &str) -> bool {
    READ_ATTRIBUTES.contains(&name)
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
        debug_assert!(is_read_attribute(name), "{name} is not in READ_ATTRIBUTES");
        self.attrs
            .iter()
            .find(|(k, _)| &**k == name)
            .map(|(_, v)| &**v)
    }

    pub fn has_attr(&self, name: &str) -> bool {
        debug_assert!(is_read_attribute(name), "{name} is not in READ_ATTRIBUTES");
        self.attrs.iter().any(|(k, _)| &**k == name)
    }

    /// [`Element::attr`] for a name the parser interns (`local_name!("class")`): names compare
    /// as integers, not strings, which matters on the paths that ask every element.
    pub fn attr_named(&self, name: &LocalName) -> Option<&str> {
        debug_assert!(is_read_attribute(name), "{name} is not in READ_ATTRIBUTES");
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

    /// A link to a heading of this page (`href="#history"`): an entry of a table of contents.
    /// Links to other places in the page ("#comments", "#respond", a recipe card) lead away
    /// from the article as much as any link.
    pub fn is_link_to_heading(&self, anchors: &HeadingAnchors) -> bool {
        self.tag == Tag::A
            && self
                .attr_named(&local_name!("href"))
                .and_then(|href| href.trim().strip_prefix('#'))
                .is_some_and(|id| anchors.0.contains_key(id))
    }
}

/// The `id`s and `name`s of the page's headings and of the elements inside them: the places a
/// table of contents links to. (The map's values are unused: the word tables' map type is
/// reused, which keeps the module smaller than a set type of its own.)
#[derive(Debug, Default)]
pub struct HeadingAnchors<'a>(FastMap<&'a str, u32>);

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
/// (except JSON-LD scripts, which metadata reads). The browser side leaves the same elements'
/// contents out of the HTML it hands over (`dropped` in src/rendered.js, `emptyDropped` in
/// extension/content.js): a change here goes there too.
fn skip_subtree(name: &str, attrs: &[(LocalName, StrTendril)]) -> bool {
    match name {
        "style" | "template" | "head-script" => true,
        "script" => !attrs
            .iter()
            .any(|(k, v)| &**k == "type" && v.trim().eq_ignore_ascii_case("application/ld+json")),
        _ => false,
    }
}

impl Element {
    /// An element as the parser names it, with its attributes in the order kept; `tag_of`
    /// looks up an HTML name.
    fn parsed(
        name: QualName,
        attrs: Vec<(LocalName, StrTendril)>,
        tag_of: impl FnOnce(&LocalName) -> Tag,
    ) -> Element {
        let ns = if name.ns == ns!(svg) {
            Namespace::Svg
        } else if name.ns == ns!(mathml) {
            Namespace::MathMl
        } else {
            Namespace::Html
        };
        let local = name.local;
        let tag =
            if ns == Namespace::Html || local == local_name!("math") || local == local_name!("svg")
            {
                tag_of(&local)
            } else {
                Tag::Other
            };
        Element {
            tag,
            name: local,
            ns,
            attrs,
        }
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

/// A parsed tree, as [`append_tree`] reads it.
trait Parsed: Sized {
    type Id: Copy + PartialEq;
    /// Parses a whole document.
    fn document(html: &str) -> Self;
    /// Parses `html` as the content of a `<body>`, the way a `<noscript>`'s text reads with
    /// scripts off.
    fn fragment(html: &str) -> Self;
    /// How many nodes were made (a capacity for the arena).
    fn len(&self) -> usize;
    fn root(&self) -> Self::Id;
    /// The document's first element child (for a fragment, the `html` element that wraps it).
    fn root_element(&self) -> Option<Self::Id>;
    /// Takes what the arena keeps of a node out of it (the parsed tree is dropped right after:
    /// moving costs no allocation or reference count per node, where copying did).
    fn take(&mut self, id: Self::Id) -> Taken;
    fn first_child(&self, id: Self::Id) -> Option<Self::Id>;
    fn next_sibling(&self, id: Self::Id) -> Option<Self::Id>;
    fn parent(&self, id: Self::Id) -> Option<Self::Id>;
}

/// What the parser builds: [`tree`], straight from html5ever's tree builder. Nothing else in
/// the crate parses with another tree type: the tree builder is generic over the tree it
/// builds, and a second instance would add about 20 KB gzipped to the WebAssembly module.
type ParsedTree = tree::Tree;

/// Copies the subtree of `root` into the arena under `base` (pre-order, so `end` ranges hold).
/// With `graft`, a `<noscript>` holding a readable article as markup (see
/// [`noscript_is_article`]) gets that markup parsed and copied in as its children, and becomes a
/// plain container: some blog platforms ship the whole post only there, beside a script template.
fn append_tree<T: Parsed>(
    nodes: &mut Vec<Node>,
    parsed: &mut T,
    root: T::Id,
    base: Option<NodeId>,
    graft: bool,
) {
    // Open arena nodes, innermost last; `None` marks a parsed node we did not copy.
    let mut stack: Vec<Option<NodeId>> = Vec::new();
    let mut at = root;
    'walk: loop {
        let parent = stack.iter().rev().find_map(|s| *s).or(base);
        let descend = match parsed.take(at) {
            Taken::Keep(Kind::Text(text))
                if graft
                    && parent.is_some_and(|p| nodes[p as usize].tag() == Some(Tag::Noscript))
                    && noscript_is_article(&text) =>
            {
                if let Some(p) = parent {
                    graft_noscript::<T>(nodes, p, &text);
                }
                stack.push(None);
                false
            }
            Taken::Keep(kind) => {
                stack.push(Some(push_node(nodes, parent, kind)));
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
        if let Some(child) = parsed.first_child(at).filter(|_| descend) {
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
            if let Some(next) = parsed.next_sibling(at) {
                at = next;
                continue 'walk;
            }
            match parsed.parent(at) {
                Some(p) => at = p,
                None => break 'walk,
            }
        }
    }
}

/// Adds a node as the last child of `parent` so far, or as the root (its subtree ends where it
/// starts until its end is known). Both readers lay out the arena with it.
fn push_node(nodes: &mut Vec<Node>, parent: Option<NodeId>, kind: Kind) -> NodeId {
    let id = nodes.len() as NodeId;
    let depth = parent.map_or(0, |p| nodes[p as usize].depth + 1);
    nodes.push(Node {
        parent,
        end: id + 1,
        depth,
        kind,
    });
    id
}

/// Parses the markup of the `<noscript>` at `noscript` (see [`noscript_is_article`]) and copies
/// it in as its children (they come next in the arena: the noscript is the last element open).
fn graft_noscript<T: Parsed>(nodes: &mut Vec<Node>, noscript: NodeId, markup: &str) {
    // Read as a plain container from here on; its name stays, so the block paths match the page
    // as a browser without scripts shows it.
    if let Kind::Element(el) = &mut nodes[noscript as usize].kind {
        el.tag = Tag::Div;
    }
    let mut fragment = T::fragment(&bound::bounded(markup));
    // The fragment parser wraps what it read in an `html` element.
    let mut child = fragment
        .root_element()
        .and_then(|w| fragment.first_child(w));
    while let Some(c) = child {
        child = fragment.next_sibling(c);
        append_tree(nodes, &mut fragment, c, Some(noscript), false);
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

/// Scraper's tree as a [`Parsed`] tree: the tests check that it and [`tree`] give the same
/// arena.
#[cfg(test)]
mod via_scraper {
    use super::{skip_subtree, Element, Kind, Parsed, Tag, Taken};
    use ego_tree::NodeId;
    use markup5ever::{local_name, ns, QualName};
    use scraper::{Html, Node};

    impl Parsed for Html {
        type Id = NodeId;

        fn document(html: &str) -> Html {
            Html::parse_document(html)
        }

        fn fragment(html: &str) -> Html {
            Html::parse_fragment(html)
        }

        fn len(&self) -> usize {
            self.tree.values().len()
        }

        fn root(&self) -> NodeId {
            self.tree.root().id()
        }

        fn root_element(&self) -> Option<NodeId> {
            let mut children = self.tree.root().children();
            children.find(|c| c.value().is_element()).map(|c| c.id())
        }

        fn take(&mut self, id: NodeId) -> Taken {
            let Some(mut node) = self.tree.get_mut(id) else {
                return Taken::Skip;
            };
            match node.value() {
                Node::Document | Node::Fragment => Taken::Keep(Kind::Document),
                Node::Element(el) => {
                    let no_name = QualName::new(None, ns!(), local_name!(""));
                    let name = std::mem::replace(&mut el.name, no_name);
                    // The HTML parser already lower-cases element and attribute names.
                    let attrs = std::mem::take(&mut el.attrs)
                        .into_iter()
                        .map(|(k, v)| (k.local, v))
                        .collect();
                    let el = Element::parsed(name, attrs, |n| Tag::from_name(n));
                    if skip_subtree(&el.name, &el.attrs) {
                        return Taken::Skip;
                    }
                    Taken::Keep(Kind::Element(el))
                }
                Node::Text(t) => Taken::Keep(Kind::Text(std::mem::take(&mut t.text))),
                _ => Taken::Drop,
            }
        }

        fn first_child(&self, id: NodeId) -> Option<NodeId> {
            self.tree.get(id)?.first_child().map(|c| c.id())
        }

        fn next_sibling(&self, id: NodeId) -> Option<NodeId> {
            self.tree.get(id)?.next_sibling().map(|c| c.id())
        }

        fn parent(&self, id: NodeId) -> Option<NodeId> {
            self.tree.get(id)?.parent().map(|c| c.id())
        }
    }
}

/// The flat form of a tree a browser has already parsed, as `encodeRendered` (src/rendered.js)
/// writes it, read straight into the arena: in document order, an element is `1` + its
/// namespace (`h`, `s` or `m`) and name, then `2` name `3` value for each attribute the core
/// reads ([`READ_ATTRIBUTES`]; the reader takes any), its children, and `4`; a text is `5` +
/// the text; `6` stands for a comment or a left-out element (it keeps the texts on either side
/// apart, as in the DOM). The form ends with `7` and how many
/// marks came before it: a text holding a mark (they are control characters no page needs)
/// shows in that count, and the form is refused rather than misread. A text of white space alone
/// outside preformatted text may come as one character of it: the core folds it to one space
/// wherever it reads it.
mod flat {
    use super::{graft_noscript, noscript_is_article, push_node, skip_subtree, tree};
    use super::{Dom, Kind, NodeId, Tag};
    use html5ever::tendril::StrTendril;
    use html5ever::{ns, Attribute, LocalName, QualName};

    const ELEMENT: u8 = 1;
    const ATTR: u8 = 2;
    const VALUE: u8 = 3;
    const END: u8 = 4;
    const TEXT: u8 = 5;
    const GAP: u8 = 6;
    const COUNT: char = '\u{7}';

    /// Is `c` one of the marks, not a character of the page?
    pub fn is_mark(c: char) -> bool {
        ('\u{1}'..=COUNT).contains(&c)
    }

    /// Where the next mark (a byte below 8) is at or after `from`, or the end.
    fn next_mark(b: &[u8], from: usize) -> usize {
        const LOW: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const ABOVE_MARKS: u64 = 0xf8f8_f8f8_f8f8_f8f8;
        let mut i = from;
        while let Some(chunk) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            // A byte below 8 has none of the bits above; the zero-byte test finds the first.
            let x = u64::from_le_bytes(word) & ABOVE_MARKS;
            let found = x.wrapping_sub(LOW) & !x & HIGH;
            if found != 0 {
                return i + (found.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        b[i..]
            .iter()
            .position(|&c| c < 8)
            .map_or(b.len(), |p| i + p)
    }

    /// An attribute's name as the parser gives it. On SVG and MathML elements it puts the
    /// `xlink:`, `xml:` and `xmlns` attributes it knows in their namespaces (which orders them
    /// after the plain ones), as the browser's parser did; every other name is plain, colon
    /// or not.
    fn attr_name(name: &str, foreign: bool) -> QualName {
        const XLINK: &[&str] = &[
            "actuate", "arcrole", "href", "role", "show", "title", "type",
        ];
        let qualified = |prefix: &str, ns, local: &str| {
            QualName::new(
                Some(html5ever::Prefix::from(prefix)),
                ns,
                LocalName::from(local),
            )
        };
        match (foreign, name.split_once(':')) {
            (true, None) if name == "xmlns" => qualified("", ns!(xmlns), name),
            (true, Some(("xlink", local))) if XLINK.contains(&local) => {
                qualified("xlink", ns!(xlink), local)
            }
            (true, Some(("xml", local))) if local == "lang" || local == "space" => {
                qualified("xml", ns!(xml), local)
            }
            (true, Some(("xmlns", "xlink"))) => qualified("xmlns", ns!(xmlns), "xlink"),
            _ => QualName::new(None, ns!(), LocalName::from(name)),
        }
    }

    /// The arena of the tree in `form`, laid out as parsing its HTML would lay it out (the
    /// same elements skipped, texts merged where the DOM has two side by side, a noscript's
    /// article grafted in); `None` when the form is broken.
    pub fn read(form: &str) -> Option<Dom> {
        let (body, count) = form.rsplit_once(COUNT)?;
        let count: usize = count.parse().ok()?;
        let b = body.as_bytes();
        // Texts and values are cut from one buffer, not copied one by one.
        let input = StrTendril::from_slice(body);
        let cut = |from: usize, to: usize| input.subtendril(from as u32, (to - from) as u32);
        let mut tags = tree::Tags::new();
        // Every node takes at least one mark, an element at least two: half the marks is room
        // enough for nearly every page.
        let mut nodes = Vec::with_capacity(count / 2 + 1);
        push_node(&mut nodes, None, Kind::Document);
        // Elements open in the arena, innermost last (the document first).
        let mut open: Vec<NodeId> = vec![0];
        // How deep inside an element that is skipped whole the reading is (0: not inside one).
        let mut skipping = 0usize;
        // The element whose start was read last, until its attributes (gathered in `attrs`) are
        // all read; one vector for every element's, which each element empties.
        let mut pending: Option<QualName> = None;
        let mut attrs: Vec<Attribute> = Vec::new();
        // The last node is a text the next text continues.
        let mut text_open = false;
        let mut marks = 0;
        let mut at = next_mark(b, 0);
        if at != 0 {
            return None;
        }
        while at < b.len() {
            let kind = b[at];
            let end = next_mark(b, at + 1);
            marks += 1;
            if kind == ATTR {
                // A name, then its value.
                let name = pending.as_ref()?;
                if b.get(end) != Some(&VALUE) {
                    return None;
                }
                let value_end = next_mark(b, end + 1);
                marks += 1;
                let foreign = name.ns != ns!(html);
                attrs.push(Attribute {
                    name: attr_name(&body[at + 1..end], foreign),
                    value: cut(end + 1, value_end),
                });
                at = value_end;
                continue;
            }
            if let Some(name) = pending.take() {
                let el = tree::element(&mut tags, name, &mut attrs);
                if skipping > 0 || skip_subtree(&el.name, &el.attrs) {
                    skipping += 1;
                } else {
                    open.push(push_node(
                        &mut nodes,
                        Some(*open.last()?),
                        Kind::Element(el),
                    ));
                }
                text_open = false;
            }
            match kind {
                ELEMENT => {
                    let ns = match b.get(at + 1) {
                        Some(b'h') => ns!(html),
                        Some(b's') => ns!(svg),
                        Some(b'm') => ns!(mathml),
                        _ => return None,
                    };
                    let local = LocalName::from(body.get(at + 2..end)?);
                    pending = Some(QualName::new(None, ns, local));
                }
                END if skipping > 0 => skipping -= 1,
                END if open.len() > 1 => {
                    let id = open.pop()?;
                    nodes[id as usize].end = nodes.len() as NodeId;
                    text_open = false;
                }
                TEXT if skipping > 0 || end == at + 1 => {}
                TEXT => {
                    let parent = *open.last()?;
                    let text = cut(at + 1, end);
                    let in_noscript = nodes[parent as usize].tag() == Some(Tag::Noscript);
                    match nodes.last_mut().map(|n| &mut n.kind) {
                        Some(Kind::Text(t)) if text_open => t.push_tendril(&text),
                        _ if in_noscript && noscript_is_article(&text) => {
                            graft_noscript::<super::ParsedTree>(&mut nodes, parent, &text);
                        }
                        _ => {
                            push_node(&mut nodes, Some(parent), Kind::Text(text));
                            text_open = true;
                        }
                    }
                }
                GAP => text_open = false,
                _ => return None,
            }
            at = end;
        }
        let whole = pending.is_none() && skipping == 0 && open.len() == 1 && marks == count;
        nodes[0].end = nodes.len() as NodeId;
        whole.then_some(Dom { nodes })
    }
}

/// The tree as html5ever builds it, before it is laid out in document order.
///
/// The parser drives a `TreeSink`: it creates nodes, then attaches, moves and detaches them
/// while it repairs the markup (content misplaced in a table goes before the table, misnested
/// formatting elements are split and re-parented), so the final order is known only at the end.
/// Nodes sit in one `Vec` in creation order, linked to parent and siblings by index, and each
/// already holds what the arena keeps of it (an [`Element`] with its tag worked out, or a text),
/// so [`append_tree`] only moves values into place. Comments, doctypes and processing
/// instructions stay as empty placeholders until then: a comment still separates the texts on
/// either side of it, as in the DOM, so texts merge exactly where they did before.
mod tree {
    use super::{Element, Kind, Namespace, Parsed, Tag, Taken};
    use crate::tokenize;
    use html5ever::tendril::StrTendril;
    use html5ever::tree_builder::{
        create_element, ElemName, ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeSink,
    };
    use html5ever::{local_name, ns, Attribute, LocalName, QualName};
    use std::borrow::Cow;
    use std::cell::{Cell, Ref, RefCell};

    /// "No node", in a link.
    const NONE: u32 = u32::MAX;

    enum Data {
        Document,
        Element(Element),
        Text(StrTendril),
        /// A comment, doctype or processing instruction, a template's contents, or a value
        /// already moved out.
        Other,
    }

    struct Slot {
        parent: u32,
        first_child: u32,
        last_child: u32,
        prev: u32,
        next: u32,
        /// A MathML `annotation-xml` that holds HTML (the parser asks when it reads inside).
        html_in_math: bool,
        data: Data,
    }

    /// Slot 0 is the document.
    pub struct Tree(Vec<Slot>);

    fn link(id: u32) -> Option<u32> {
        (id != NONE).then_some(id)
    }

    fn build(builder: TreeBuilder<u32, Sink>, html: &str) -> Tree {
        tokenize::run(&builder, html, |b| b.sink.raw_text_opened.take().is_some());
        builder.sink.finish()
    }

    impl Parsed for Tree {
        type Id = u32;

        /// Scripts and styles are most of the bytes of many pages; the text of those the
        /// arena drops is skipped by the tokenizer, not read (the sink says, when the tree
        /// builder opens one, whether it will be dropped).
        fn document(html: &str) -> Tree {
            build(TreeBuilder::new(Sink::new(), Default::default()), html)
        }

        fn fragment(html: &str) -> Tree {
            let sink = Sink::new();
            let body = QualName::new(None, ns!(html), local_name!("body"));
            let context = create_element(&sink, body, Vec::new());
            build(
                TreeBuilder::new_for_fragment(sink, context, None, Default::default()),
                html,
            )
        }

        fn len(&self) -> usize {
            self.0.len()
        }

        fn root(&self) -> u32 {
            0
        }

        fn root_element(&self) -> Option<u32> {
            let mut child = self.first_child(0);
            while let Some(c) = child {
                if matches!(self.0[c as usize].data, Data::Element(_)) {
                    return Some(c);
                }
                child = self.next_sibling(c);
            }
            None
        }

        fn take(&mut self, id: u32) -> Taken {
            match std::mem::replace(&mut self.0[id as usize].data, Data::Other) {
                Data::Document => Taken::Keep(Kind::Document),
                Data::Element(el) if super::skip_subtree(&el.name, &el.attrs) => Taken::Skip,
                Data::Element(el) => Taken::Keep(Kind::Element(el)),
                Data::Text(text) => Taken::Keep(Kind::Text(text)),
                Data::Other => Taken::Drop,
            }
        }

        fn first_child(&self, id: u32) -> Option<u32> {
            link(self.0[id as usize].first_child)
        }

        fn next_sibling(&self, id: u32) -> Option<u32> {
            link(self.0[id as usize].next)
        }

        fn parent(&self, id: u32) -> Option<u32> {
            link(self.0[id as usize].parent)
        }
    }

    /// The namespaces an element can have in HTML, as the parser's atoms (which it compares).
    static HTML: html5ever::Namespace = ns!(html);
    static SVG: html5ever::Namespace = ns!(svg);
    static MATHML: html5ever::Namespace = ns!(mathml);
    static NO_NAME: LocalName = local_name!("");

    /// The tags of element names seen recently, by a hash of the name. Names are interned
    /// atoms, so a hit costs one integer comparison where [`Tag::from_name`] compares strings;
    /// a page uses a few dozen names for thousands of elements.
    /// log2 of the slots in [`Tags`].
    const TAG_SLOT_BITS: u32 = 7;

    pub(super) struct Tags([Option<(LocalName, Tag)>; 1 << TAG_SLOT_BITS]);

    impl Tags {
        pub(super) fn new() -> Tags {
            Tags(std::array::from_fn(|_| None))
        }

        fn of(&mut self, name: &LocalName) -> Tag {
            // Names of up to seven bytes are stored in the atom itself and their "hash" is those
            // bytes, whose low bits are mostly the length: a multiplication mixes them first.
            let slot = name.get_hash().wrapping_mul(super::HASH_FACTOR) >> (64 - TAG_SLOT_BITS);
            let entry = &mut self.0[slot as usize];
            match entry {
                Some((seen, tag)) if seen == name => *tag,
                _ => {
                    let tag = Tag::from_name(name);
                    *entry = Some((name.clone(), tag));
                    tag
                }
            }
        }
    }

    /// The element named `name` with the attributes in `attrs`, which it takes, leaving the
    /// vector empty with its room: the flat reader gathers every element's attributes in one.
    pub(super) fn element(tags: &mut Tags, name: QualName, attrs: &mut Vec<Attribute>) -> Element {
        // Attributes stay in the order of their qualified names, which later stages have always
        // seen: the first of two with one local name (`href` and `xlink:href` on an SVG link)
        // is the one `Element::attr` finds.
        attrs.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        // The HTML parser already lower-cases element and attribute names. One allocation of
        // the exact size: there is one per element of the page.
        let mut kept = Vec::with_capacity(attrs.len());
        kept.extend(attrs.drain(..).map(|a| (a.name.local, a.value)));
        Element::parsed(name, kept, |n| tags.of(n))
    }

    fn push(slots: &mut Vec<Slot>, data: Data) -> u32 {
        let id = slots.len() as u32;
        slots.push(Slot {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev: NONE,
            next: NONE,
            html_in_math: false,
            data,
        });
        id
    }

    fn detach(s: &mut [Slot], id: u32) {
        let Slot {
            parent, prev, next, ..
        } = s[id as usize];
        if parent == NONE {
            return;
        }
        match prev {
            NONE => s[parent as usize].first_child = next,
            _ => s[prev as usize].next = next,
        }
        match next {
            NONE => s[parent as usize].last_child = prev,
            _ => s[next as usize].prev = prev,
        }
        let slot = &mut s[id as usize];
        (slot.parent, slot.prev, slot.next) = (NONE, NONE, NONE);
    }

    /// Links the detached `id` as the last child of `parent`.
    fn append_child(s: &mut [Slot], parent: u32, id: u32) {
        let last = s[parent as usize].last_child;
        let slot = &mut s[id as usize];
        (slot.parent, slot.prev, slot.next) = (parent, last, NONE);
        match last {
            NONE => s[parent as usize].first_child = id,
            _ => s[last as usize].next = id,
        }
        s[parent as usize].last_child = id;
    }

    /// Links the detached `id` just before `sibling`, which has a parent.
    fn insert_before(s: &mut [Slot], sibling: u32, id: u32) {
        let Slot { parent, prev, .. } = s[sibling as usize];
        let slot = &mut s[id as usize];
        (slot.parent, slot.prev, slot.next) = (parent, prev, sibling);
        s[sibling as usize].prev = id;
        match prev {
            NONE => s[parent as usize].first_child = id,
            _ => s[prev as usize].next = id,
        }
    }

    /// Adds `text` to the end of node `id` if that is a text node (the DOM never has two texts
    /// side by side); false if it is not.
    fn merge_text(s: &mut [Slot], id: u32, text: &StrTendril) -> bool {
        match s.get_mut(id as usize).map(|slot| &mut slot.data) {
            Some(Data::Text(t)) => {
                t.push_tendril(text);
                true
            }
            _ => false,
        }
    }

    /// The sink's methods take `&self` (the parser shares it), hence the cells.
    struct Sink {
        slots: RefCell<Vec<Slot>>,
        tags: RefCell<Tags>,
        /// Set when the last change to the tree was inserting a `<script>` (true) or `<style>`
        /// (false) whose text the arena skips, cleared by any other change. The parser reads
        /// such an element's text in a raw-text state and hands on every character it reads,
        /// so while this is set it has read nothing past the start tag.
        raw_text_opened: Cell<Option<bool>>,
    }

    impl Sink {
        fn new() -> Sink {
            let mut slots = Vec::new();
            push(&mut slots, Data::Document);
            Sink {
                slots: RefCell::new(slots),
                tags: RefCell::new(Tags::new()),
                raw_text_opened: Cell::new(None),
            }
        }

        /// Notes that the tree changed by inserting `id` (or otherwise, `None`).
        fn changed(&self, s: &[Slot], id: Option<u32>) {
            let opened = id.and_then(|id| match &s[id as usize].data {
                Data::Element(e)
                    if matches!(e.tag, Tag::Script | Tag::Style)
                        && super::skip_subtree(&e.name, &e.attrs) =>
                {
                    Some(e.tag == Tag::Script)
                }
                _ => None,
            });
            self.raw_text_opened.set(opened);
        }
    }

    /// An element's name as the parser reads it back (`None`: not an element, which the
    /// parser never asks about).
    #[derive(Debug)]
    pub struct Name<'a>(Option<Ref<'a, Element>>);

    impl ElemName for Name<'_> {
        fn ns(&self) -> &html5ever::Namespace {
            match self.0.as_ref().map(|e| e.ns) {
                Some(Namespace::Svg) => &SVG,
                Some(Namespace::MathMl) => &MATHML,
                _ => &HTML,
            }
        }

        fn local_name(&self) -> &LocalName {
            self.0.as_ref().map_or(&NO_NAME, |e| &e.name)
        }
    }

    impl TreeSink for Sink {
        type Handle = u32;
        type Output = Tree;
        type ElemName<'a> = Name<'a>;

        fn finish(self) -> Tree {
            Tree(self.slots.into_inner())
        }

        // Malformed markup is repaired as browsers repair it; nothing reads the complaints.
        fn parse_error(&self, _msg: Cow<'static, str>) {}

        fn get_document(&self) -> u32 {
            0
        }

        fn elem_name<'a>(&'a self, target: &'a u32) -> Name<'a> {
            let element =
                Ref::filter_map(self.slots.borrow(), |s| match &s[*target as usize].data {
                    Data::Element(e) => Some(e),
                    _ => None,
                });
            Name(element.ok())
        }

        fn create_element(
            &self,
            name: QualName,
            mut attrs: Vec<Attribute>,
            flags: ElementFlags,
        ) -> u32 {
            self.raw_text_opened.set(None);
            let mut s = self.slots.borrow_mut();
            let el = element(&mut self.tags.borrow_mut(), name, &mut attrs);
            let id = push(&mut s, Data::Element(el));
            s[id as usize].html_in_math = flags.mathml_annotation_xml_integration_point;
            if flags.template {
                // The contents (never read: templates are skipped) come right after the
                // template, which is how `get_template_contents` finds them.
                push(&mut s, Data::Other);
            }
            id
        }

        fn create_comment(&self, _text: StrTendril) -> u32 {
            self.raw_text_opened.set(None);
            push(&mut self.slots.borrow_mut(), Data::Other)
        }

        fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
            self.raw_text_opened.set(None);
            push(&mut self.slots.borrow_mut(), Data::Other)
        }

        fn append(&self, parent: &u32, child: NodeOrText<u32>) {
            let mut s = self.slots.borrow_mut();
            match child {
                NodeOrText::AppendNode(id) => {
                    detach(&mut s, id);
                    append_child(&mut s, *parent, id);
                    self.changed(&s, Some(id));
                }
                NodeOrText::AppendText(text) => {
                    self.changed(&s, None);
                    let last = s[*parent as usize].last_child;
                    if !merge_text(&mut s, last, &text) {
                        let id = push(&mut s, Data::Text(text));
                        append_child(&mut s, *parent, id);
                    }
                }
            }
        }

        fn append_based_on_parent_node(
            &self,
            element: &u32,
            prev_element: &u32,
            child: NodeOrText<u32>,
        ) {
            let has_parent = self.slots.borrow()[*element as usize].parent != NONE;
            if has_parent {
                self.append_before_sibling(element, child);
            } else {
                self.append(prev_element, child);
            }
        }

        fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
            self.raw_text_opened.set(None);
            let mut s = self.slots.borrow_mut();
            let id = push(&mut s, Data::Other);
            append_child(&mut s, 0, id);
        }

        fn get_template_contents(&self, target: &u32) -> u32 {
            target + 1
        }

        fn same_node(&self, x: &u32, y: &u32) -> bool {
            x == y
        }

        fn set_quirks_mode(&self, _mode: QuirksMode) {}

        fn pop(&self, _node: &u32) {
            self.raw_text_opened.set(None);
        }

        fn mark_script_already_started(&self, _node: &u32) {
            self.raw_text_opened.set(None);
        }

        fn append_before_sibling(&self, sibling: &u32, new_node: NodeOrText<u32>) {
            self.raw_text_opened.set(None);
            let mut s = self.slots.borrow_mut();
            if let NodeOrText::AppendNode(id) = new_node {
                detach(&mut s, id);
            }
            // A sibling without a parent leaves nowhere to put the node: it stays detached.
            if s[*sibling as usize].parent == NONE {
                return;
            }
            match new_node {
                NodeOrText::AppendNode(id) => {
                    insert_before(&mut s, *sibling, id);
                    self.changed(&s, Some(id));
                }
                NodeOrText::AppendText(text) => {
                    let prev = s[*sibling as usize].prev;
                    if !merge_text(&mut s, prev, &text) {
                        let id = push(&mut s, Data::Text(text));
                        insert_before(&mut s, *sibling, id);
                    }
                }
            }
        }

        fn add_attrs_if_missing(&self, target: &u32, attrs: Vec<Attribute>) {
            self.raw_text_opened.set(None);
            let mut s = self.slots.borrow_mut();
            let Data::Element(el) = &mut s[*target as usize].data else {
                return;
            };
            // Only ever called for `html` and `body`, whose attributes all have plain names
            // (no prefix, no namespace): ordering by local name is ordering by qualified name.
            for a in attrs {
                let local = a.name.local;
                if let Err(i) = el.attrs.binary_search_by(|(k, _)| (**k).cmp(&*local)) {
                    el.attrs.insert(i, (local, a.value));
                }
            }
        }

        fn remove_from_parent(&self, target: &u32) {
            self.raw_text_opened.set(None);
            detach(&mut self.slots.borrow_mut(), *target);
        }

        fn reparent_children(&self, node: &u32, new_parent: &u32) {
            self.raw_text_opened.set(None);
            let mut s = self.slots.borrow_mut();
            loop {
                let child = s[*node as usize].first_child;
                if child == NONE {
                    break;
                }
                detach(&mut s, child);
                append_child(&mut s, *new_parent, child);
            }
        }

        fn is_mathml_annotation_xml_integration_point(&self, handle: &u32) -> bool {
            self.slots.borrow()[*handle as usize].html_in_math
        }
    }

    #[cfg(test)]
    mod tests {
        use super::{Data, Parsed, Tree};

        fn texts(page: &str) -> Vec<String> {
            let tree = Tree::document(&crate::dom::bound::bounded(page));
            let texts = tree.0.iter().filter_map(|slot| match &slot.data {
                Data::Text(t) => Some(t.to_string()),
                _ => None,
            });
            texts.collect()
        }

        #[test]
        fn the_text_of_skipped_scripts_and_styles_is_never_read() {
            let page = "<head><style>p { color: red }</style><script>var a = 1;\nvar b;</script>\
                        <script type=application/ld+json>{}</script></head><body>\
                        <table><script>in table</script><tr><td>cell</table>\
                        <script>a <!-- b </script> c</script><svg><style>svg style</style></svg>";
            assert_eq!(
                texts(page),
                ["{}", "cell", " c", "svg style"],
                "JSON-LD is read, a style in SVG is markup"
            );
        }
    }
}

impl Dom {
    /// Parses `html` and lays the tree out in the arena.
    /// Parsing never fails: malformed markup is repaired the way browsers repair it.
    pub fn parse(html: &str) -> Dom {
        Dom::parse_with::<ParsedTree>(html)
    }

    /// The document a browser has already parsed, handed over in the flat form that
    /// `encodeRendered` (src/rendered.js) writes, which needs no tokenizing and no tree
    /// building; `None` when the form is broken (see [`flat`]).
    pub fn from_flat(form: &str) -> Option<Dom> {
        flat::read(form)
    }

    fn parse_with<T: Parsed>(html: &str) -> Dom {
        let mut parsed = T::document(&bound::bounded(html));
        let mut nodes: Vec<Node> = Vec::with_capacity(parsed.len());
        let root = parsed.root();
        append_tree(&mut nodes, &mut parsed, root, None, true);
        if nodes.is_empty() {
            push_node(&mut nodes, None, Kind::Document);
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
        self.text_within(id, usize::MAX).unwrap_or_default()
    }

    /// [`Dom::text_of`] when that has at most `max_chars` characters; `None` when it has more,
    /// found without collapsing the rest of a long subtree.
    pub fn short_text_of(&self, id: NodeId, max_chars: usize) -> Option<String> {
        // Past four bytes a character (and one trailing space, still to be trimmed), the text
        // is too long whatever its characters.
        let text = self.text_within(id, max_chars.saturating_add(1).saturating_mul(4))?;
        (text.chars().count() <= max_chars).then_some(text)
    }

    /// The start of the subtree's text, white space collapsed: more than `max_bytes` of it when
    /// it has that many (whole text nodes are read), never the rest of a long subtree.
    pub fn leading_text(&self, id: NodeId, max_bytes: usize) -> String {
        self.collapsed_text(id, max_bytes).0
    }

    /// The subtree's text, white space collapsed and trimmed; `None` as soon as it passes
    /// `max_bytes` before trimming.
    fn text_within(&self, id: NodeId, max_bytes: usize) -> Option<String> {
        let (text, whole) = self.collapsed_text(id, max_bytes);
        whole.then(|| text.trim().to_string())
    }

    /// The subtree's text, white space collapsed, up to the text node that takes it past
    /// `max_bytes`; and whether that is all of it.
    fn collapsed_text(&self, id: NodeId, max_bytes: usize) -> (String, bool) {
        let mut out = String::new();
        let end = self.nodes[id as usize].end;
        for i in id..end {
            if let Some(t) = self.nodes[i as usize].text() {
                push_collapsed(&mut out, t);
                if out.len() > max_bytes {
                    return (out, false);
                }
            }
        }
        (out, true)
    }

    /// See [`HeadingAnchors`].
    pub fn heading_anchors(&self) -> HeadingAnchors<'_> {
        let mut anchors = HeadingAnchors::default();
        let mut i = 0;
        while i < self.nodes.len() as NodeId {
            if !self.tag(i).is_some_and(Tag::is_heading) {
                i += 1;
                continue;
            }
            let end = self.nodes[i as usize].end;
            for el in (i..end).filter_map(|j| self.element(j)) {
                for name in [local_name!("id"), local_name!("name")] {
                    if let Some(v) = el.attr_named(&name).filter(|v| !v.is_empty()) {
                        anchors.0.insert(v, 0);
                    }
                }
            }
            i = end;
        }
        anchors
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
    use markup5ever::ns;

    /// The arena, one line per node, texts as text (their buffers may be shared differently).
    fn lines(dom: &super::Dom) -> Vec<String> {
        dom.nodes
            .iter()
            .map(|n| {
                let what = match &n.kind {
                    super::Kind::Document => "document".to_string(),
                    super::Kind::Text(t) => format!("{:?}", &**t),
                    super::Kind::Element(e) => {
                        let attrs: Vec<(&str, &str)> =
                            e.attrs.iter().map(|(k, v)| (&**k, &**v)).collect();
                        format!("{:?} {} {:?} {attrs:?}", e.tag, &*e.name, e.ns)
                    }
                };
                format!("{:?} {} {} {what}", n.parent, n.end, n.depth)
            })
            .collect()
    }

    /// The short text is the whole text, up to the limit in characters (not bytes) after
    /// trimming, and nothing past it, however the long text is split into nodes.
    #[test]
    fn short_text_is_the_text_up_to_a_limit_in_characters() {
        let dom = super::Dom::parse(
            "<p id=a> Jane  <b>Dö</b>\n</p><p id=b>ééééé</p><p id=c>xxxx<i>yyyy</i>zzzz</p>",
        );
        let by_id = |id: &str| {
            (0..dom.len() as super::NodeId)
                .find(|&i| dom.element(i).and_then(|e| e.attr("id")) == Some(id))
                .expect("the paragraph")
        };
        let a = by_id("a");
        assert_eq!(dom.short_text_of(a, 7).as_deref(), Some("Jane Dö"));
        assert_eq!(dom.short_text_of(a, 6), None);
        assert_eq!(dom.short_text_of(by_id("b"), 5).as_deref(), Some("ééééé"));
        assert_eq!(dom.short_text_of(by_id("b"), 4), None);
        assert_eq!(
            dom.short_text_of(by_id("c"), 1),
            None,
            "too long: none, not a cut"
        );
        for id in ["a", "b", "c"] {
            let i = by_id(id);
            assert_eq!(dom.short_text_of(i, 100), Some(dom.text_of(i)));
        }
    }

    /// HTML inside a MathML `annotation-xml` marked as HTML stays there, as the HTML standard
    /// has it (scraper's tree lets the `div` end the `math`).
    #[test]
    fn html_stays_inside_an_annotation_marked_as_html() {
        let page = "<math><annotation-xml encoding='TEXT/HTML'><div>in math</div></annotation-xml>\
                    <annotation-xml><div>out</div></annotation-xml></math>";
        let dom = super::Dom::parse(page);
        let math = dom.find_tag(super::Tag::Math).expect("a math element");
        let div_in = |text: &str| {
            let div = (0..dom.nodes.len() as super::NodeId)
                .find(|&i| dom.tag(i) == Some(super::Tag::Div) && dom.text_of(i) == text)
                .expect("the div");
            (dom.contains(math, div), dom.element(div).map(|e| e.ns))
        };
        assert_eq!(div_in("in math"), (true, Some(super::Namespace::Html)));
        assert!(
            !div_in("out").0,
            "without the encoding, the div ends the math element"
        );
    }

    /// The parse builds its own tree (see `ParsedTree`); scraper's, the reference it replaced,
    /// must give the very same arena, above all where the parser moves nodes around as it
    /// repairs markup.
    #[test]
    fn both_parse_trees_give_the_same_arena() {
        let article = format!("<p>{}</p>", "A paragraph of the article. ".repeat(30));
        let mut pages: Vec<String> = [
            "<table><tr><td>a</td></tr>stray <b>text</b><tr><td>b</table>after",
            "<table>x<caption>c</caption><colgroup><col></colgroup>y<tbody>z<tr>w</table>",
            "<p>1<b>2<i>3</p>4</i>5</b>6",
            "<a href=x>one<div>block<a href=y>two</a></div>three</a>",
            "<b><p>x</b>y</p><b id=1><b id=2><b id=3><b id=4><p>deep",
            "a<!--between-->b<!--x--><p>c</p>d<?pi x?>e",
            "<!DOCTYPE html><html><!--c--><head><title>T</title></head><meta name=late>\
             <body>b</body></html>trailing<p>after html",
            "<template><p>inside</p><template>nested</template></template><p>after</p>",
            "<table><template><tr><td>in template</template><tr><td>cell</table>",
            "<svg viewBox='0 0 1 1'><a xlink:href='#x' href='y'><text>t</text></a>\
             <foreignObject><p>html <b>inside</b></p></foreignObject><title>s</title></svg>",
            "<math><mi>x</mi><annotation-xml><div>breaks out</div></annotation-xml></math>",
            "<html lang=en><body class=a>x<html data-x=1 lang=fr><body id=b class=c>y",
            "<select><option>1<option>2<optgroup><option>3</select><input><keygen>",
            "<form><form><input name=a></form>x<table><form><tr><td>f</td></tr></form></table>",
            "<ul><li>a<li>b<ul><li>c</ul></ul><dl><dt>t<dd>d</dl><p>p1<p>p2",
            "<script>if (a<b) {}</script><script type='application/ld+json'>{\"a\":1}</script>\
             <style>p{}</style><head-script>h</head-script><noscript><img src=n.jpg></noscript>",
            "<frameset><frame src=a></frameset>",
            "<pre>\n\nfirst</pre><textarea>\nt</textarea><listing>\nl</listing><xmp><b></xmp>",
            "<p>nul\0byte &amp; &notanentity; &#x1F600; \r\n crlf</p><plaintext><p>raw",
            "<ruby>漢<rt>kan</rt>字<rp>(</rp></ruby><font color=red>f</font><center>c</center>",
            "<button><p>in button</button><marquee>m</marquee><object><param>o</object>",
            "<body><a><b><nobr>1<nobr>2<table><tr><td><i>3</table></b>4",
            // Scripts and styles, whose text the native parse leaves out where it can.
            "<script>a</SCRIPT  ><script>b</script\n><style>c</STYLE/><p>d<script></script>e",
            "<script>a</scriptx>b</script><p>e<script>x</scr ipt></script >f",
            "<script><!--<script>a</script>b--></script><p>after<script>c<!-- d</script>",
            "<style>a<!--b</style>c--><script/>x</script>y<script src=s></script>",
            "<title>a</titlex><script>b</script></title><p>t<textarea><script>t</script></textarea>",
            "</3 <script>x</script> > text<!--> <script>s</script><p>after<!---><script>z</script>",
            "<table><script>x</script><style>y</style><tr><td>c<script>d</script></table>",
            "<svg><script>x<p>y</p></script><style>s</style></svg><math><mi><script>m</script>",
            "<select><script>s</script><option>o<style>p</style></select>",
            "<script type=application/ld+json>{\"@type\":\"NewsArticle\"}</script><p>j</p>",
            "<noscript><style>n</style><script>m</script></noscript><script>never closed <p>t",
            // CDATA in foreign content, with a NUL (U+FFFD in SVG) and run to the end.
            "<svg><![CDATA[a\0b<p>]]>c</svg><math><![CDATA[x\0",
        ]
        .iter()
        .map(|p| p.to_string())
        .collect();
        // A `<noscript>` that holds the article, which is parsed again and grafted in.
        pages.push(format!(
            "<div><noscript>{article}<table>t<td>c</table></noscript></div>"
        ));
        pages.push(format!(
            "<noscript><p>short</p></noscript><noscript>{article}</noscript>"
        ));
        pages.extend(fixture_pages().into_iter().map(|(_, page)| page));
        for page in &pages {
            assert_same_arena(page, "");
        }
    }

    /// Random markup from fragments that steer the tree builder (tables, foreign content,
    /// templates, raw text, misnested formatting) as well as the tokenizer.
    #[test]
    fn both_parse_trees_give_the_same_arena_on_random_markup() {
        #[rustfmt::skip]
        const PARTS: &[&str] = &[
            "<table>", "</table>", "<tr>", "<td>", "</td>", "<th>", "<caption>", "<colgroup>",
            "<svg>", "</svg>", "<math>", "</math>", "<mi>", "<mtext>", "<foreignObject>",
            "<annotation-xml>", "<desc>", "<select>", "</select>", "<option>", "<optgroup>",
            "<template>", "</template>", "<noscript>", "</noscript>", "<script>", "</script>",
            "<style>", "</style>", "<title>", "</title>", "<textarea>", "</textarea>",
            "<plaintext>", "<p>", "</p>", "<b>", "</b>", "<i>", "</i>", "<a href=x>", "</a>",
            "<div>", "</div>", "<![CDATA[", "]]>", "<!--", "-->", "text", " ", "\n", "\r\n",
            "&amp;", "&not", "\0", "<frameset>", "<frame>", "<body>", "<html>", "<head>", "</head>",
            "<li>", "<ul>", "</ul>", "<h1>", "</h2>", "<pre>", "<form>", "</form>",
            "<input type=hidden>", "<img src=a>", "<br>", "</br>", "<!DOCTYPE html>",
            "<!DOCTYPE html PUBLIC '-//W3C//DTD HTML 4.01//EN'>", "<iframe>", "</iframe>", "<xmp>",
            "<nobr>", "<button>", "<ruby>", "<rt>", "<dd>", "<dt>", "<hr>", "<object>", "<param>",
            "<marquee>", "</", "<", ">", "/", "'", "\"", "=", "<!",
            "<script type=application/ld+json>", "<SCRIPT>", "</SCRIPT>", "<Svg>", "<font color=r>",
        ];
        for page in crate::tokenize::tests::random_pages(PARTS, 40, 5_000) {
            assert_same_arena(&page, "random page");
        }
    }

    /// `form` with the count of its marks at the end, as `encodeRendered` ends it.
    fn counted(form: &str) -> String {
        let marks = form.chars().filter(|&c| super::is_flat_mark(c)).count();
        format!("{form}\u{7}{marks}")
    }

    /// A tree built by a script can hold what parsed HTML never does (two texts side by side,
    /// a CR in a text); the flat form hands it over as HTML would have read it back, texts
    /// merged, except that the text stays as the DOM holds it.
    #[test]
    fn the_flat_form_reads_a_tree_html_could_not_spell() {
        let flat = counted(
            "\u{1}hhtml\u{1}hhead\u{4}\u{1}hbody\u{5}one \u{5}two\u{6}\u{5}three\r\n\
             \u{1}hp\u{2}class\u{3}x\u{2}data-a\u{3}\u{4}\u{1}ssvg\u{2}xlink:href\u{3}#a\
             \u{2}xmlns\u{3}s\u{2}b\u{3}c\u{4}\u{1}htemplate\u{1}hp\u{5}unseen\u{4}\u{4}\
             \u{5}after\u{4}\u{4}",
        );
        let html = "<html><head></head><body>one two<!---->three\r\n<p data-a class=x></p>\
                    <svg xmlns=s xlink:href=#a b=c></svg><template><p>unseen</template>after\
                    </body></html>";
        let mut expected = lines(&super::Dom::parse(html));
        // The parser reads a CR LF as one LF; the DOM's text is what it is.
        let three = expected
            .iter_mut()
            .find(|l| l.contains("three"))
            .expect("a text");
        *three = three.replace("three\\n", "three\\r\\n");
        let got = super::Dom::from_flat(&flat).map(|dom| lines(&dom));
        assert_eq!(got, Some(expected));
    }

    /// A broken form is refused (the page then goes as HTML), never read as something else.
    #[test]
    fn a_broken_flat_form_is_refused() {
        let page = "\u{1}hhtml\u{1}hbody\u{5}Some text\u{4}\u{4}";
        assert!(super::Dom::from_flat(&counted(page)).is_some());
        let text_with_a_mark = counted(page).replace("Some", "So\u{3}me");
        let broken = [
            ("a text holding a mark", text_with_a_mark.as_str()),
            ("no count", page),
            (
                "an element left open",
                &counted("\u{1}hhtml\u{1}hbody\u{4}"),
            ),
            ("an end too many", &counted("\u{1}hhtml\u{4}\u{4}")),
            ("an attribute of no element", &counted("\u{5}x\u{2}a\u{3}b")),
            (
                "a name without its value",
                &counted("\u{1}hhtml\u{2}a\u{4}"),
            ),
            ("an unknown namespace", &counted("\u{1}xhtml\u{4}")),
            ("a wrong count", &format!("{page}\u{7}4")),
        ];
        for (what, form) in broken {
            assert!(super::Dom::from_flat(form).is_none(), "{what}: {form:?}");
        }
    }

    /// Both parse trees give the same arena, and so does scraper's tree handed over in the
    /// flat form (standing in for the browser's tree, which the flat form is written from).
    fn assert_same_arena(page: &str, name: &str) {
        let native = lines(&super::Dom::parse_with::<super::tree::Tree>(page));
        let scraper = lines(&super::Dom::parse_with::<scraper::Html>(page));
        let flat = flat_of(
            &scraper::Html::parse_document(&super::bound::bounded(page)),
            |_| true,
        );
        let flat = match super::Dom::from_flat(&flat) {
            Some(dom) => Some(lines(&dom)),
            // A page whose text holds one of the marks goes as HTML instead.
            None if page.contains(super::is_flat_mark) => None,
            None => panic!("the flat form is refused\nin {name} {:?}", page.get(..300)),
        };
        for (other, what) in [(Some(scraper), "scraper's"), (flat, "the flat form's")] {
            let Some(other) = other else {
                continue;
            };
            if let Some(i) =
                (0..native.len().max(other.len())).find(|&i| native.get(i) != other.get(i))
            {
                panic!(
                    "node {i} differs: {:?} vs {what} {:?}\nin {name} {:?}",
                    native.get(i),
                    other.get(i),
                    page.get(..300).unwrap_or(page)
                );
            }
        }
    }

    /// The flat form of a parsed document, written the way `encodeRendered` (src/rendered.js)
    /// writes it from a browser's tree, with scraper's tree (a DOM, comments and all) for one.
    /// Only the attributes `keep` names are written.
    fn flat_of(html: &scraper::Html, keep: fn(&str) -> bool) -> String {
        use scraper::Node;
        fn write(
            node: ego_tree::NodeRef<'_, Node>,
            keep: fn(&str) -> bool,
            out: &mut String,
            marks: &mut usize,
        ) {
            *marks += 1;
            match node.value() {
                Node::Text(t) => out.extend(['\u{5}'].into_iter().chain(t.chars())),
                Node::Element(el) => {
                    let attrs: Vec<_> = el
                        .attrs
                        .iter()
                        .map(|(k, v)| (k.local.clone(), v.clone()))
                        .collect();
                    if super::skip_subtree(&el.name.local, &attrs) {
                        out.push('\u{6}');
                        return;
                    }
                    out.push('\u{1}');
                    out.push(match el.name.ns {
                        ns!(svg) => 's',
                        ns!(mathml) => 'm',
                        _ => 'h',
                    });
                    out.push_str(&el.name.local);
                    for (k, v) in &el.attrs {
                        // As the DOM names it: `xmlns` has an empty prefix in html5ever.
                        let name = match k.prefix.as_ref().filter(|p| !p.is_empty()) {
                            Some(prefix) => format!("{prefix}:{}", k.local),
                            None => k.local.to_string(),
                        };
                        if !keep(&name) {
                            continue;
                        }
                        out.push('\u{2}');
                        out.push_str(&name);
                        out.push('\u{3}');
                        out.push_str(v);
                        *marks += 2;
                    }
                    for child in node.children() {
                        write(child, keep, out, marks);
                    }
                    out.push('\u{4}');
                    *marks += 1;
                }
                _ => out.push('\u{6}'),
            }
        }
        let (mut out, mut marks) = (String::new(), 0);
        if let Some(root) = html.tree.root().children().find(|c| c.value().is_element()) {
            write(root, keep, &mut out, &mut marks);
        }
        out.push('\u{7}');
        out.push_str(&marks.to_string());
        out
    }

    /// The pages of the development corpora, each with its file's name, when they are there
    /// (the `DECLUTTER_CORPORA` folder, by default `../shared/corpora`): real pages hold markup
    /// no one thinks to write by hand.
    #[cfg(not(target_arch = "wasm32"))]
    fn corpus_pages() -> Vec<(String, String)> {
        use std::io::Read;
        let root = std::env::var("DECLUTTER_CORPORA")
            .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora").into());
        let root = std::path::Path::new(&root);
        let mut files = Vec::new();
        let list = |dir: std::path::PathBuf| -> Vec<std::path::PathBuf> {
            std::fs::read_dir(dir)
                .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
                .unwrap_or_default()
        };
        files.extend(list(root.join("trafilatura-eval/html")));
        for page in list(root.join("readability-test-pages")) {
            files.extend(list(page).into_iter().filter(|f| {
                f.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("source.html"))
            }));
        }
        if files.is_empty() {
            eprintln!("no corpora at {}: skipped", root.display());
        }
        files.sort();
        let mut pages = Vec::new();
        for file in &files {
            let Ok(bytes) = std::fs::read(file) else {
                continue;
            };
            let mut raw = Vec::new();
            if file.extension().is_some_and(|e| e == "gz") {
                let read = flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut raw);
                assert!(read.is_ok(), "{} decompresses", file.display());
            } else {
                raw = bytes;
            }
            let page = String::from_utf8_lossy(&raw).into_owned();
            pages.push((file.display().to_string(), page));
        }
        pages
    }

    /// The fixture pages (tests/fixtures/*/source.html).
    fn fixture_pages() -> Vec<(String, String)> {
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut files: Vec<_> = std::fs::read_dir(fixtures)
            .expect("the fixtures folder")
            .filter_map(|e| e.ok().map(|e| e.path().join("source.html")))
            .collect();
        files.sort();
        let pages: Vec<_> = files
            .iter()
            .filter_map(|file| {
                let bytes = std::fs::read(file).ok()?;
                let page = String::from_utf8_lossy(&bytes).into_owned();
                Some((file.display().to_string(), page))
            })
            .collect();
        assert!(pages.len() > 30, "the fixture pages were read");
        pages
    }

    /// The same on every page of the development corpora, when they are there.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn both_parse_trees_give_the_same_arena_on_the_corpora() {
        let pages = corpus_pages();
        for (name, page) in &pages {
            assert_same_arena(page, name);
        }
        eprintln!("{} corpus pages give the same arena", pages.len());
    }

    /// The list of attributes the flat form carries is the one the walk in src/rendered.js
    /// writes by.
    #[test]
    fn the_walk_writes_the_attributes_the_core_reads() {
        let js = include_str!("rendered.js");
        let start = js
            .find("const READ_ATTRIBUTES = [")
            .expect("READ_ATTRIBUTES in rendered.js");
        let list = &js[start..];
        let list = &list[..list.find("];").expect("the end of the list")];
        let mut walk: Vec<&str> = list.split('\'').skip(1).step_by(2).collect();
        let mut core = super::READ_ATTRIBUTES.to_vec();
        walk.sort_unstable();
        core.sort_unstable();
        assert_eq!(walk, core);
    }

    /// The article from a page's HTML, every attribute read, and from its tree in the flat form,
    /// with only the attributes the core reads: the same, block reports and all. (In debug
    /// builds asking for an attribute not listed panics; this also checks the rules that walk
    /// every attribute of an element, as the renderer does for what the article keeps.)
    fn assert_same_article_from_read_attributes(name: &str, page: &str) {
        let options = crate::Options {
            explain: true,
            ..crate::Options::default()
        };
        let url = Some("https://example.com/a/page.html");
        let html = crate::extract_with(page, url, &options, &crate::Weights::default());
        let tree = scraper::Html::parse_document(&super::bound::bounded(page));
        let flat = flat_of(&tree, super::is_read_attribute);
        let Some(from_flat) = crate::extract_flat(&flat, url, &options).transpose() else {
            // A page whose text holds one of the marks goes as HTML instead.
            assert!(
                page.contains(super::is_flat_mark),
                "{name}: the form is refused"
            );
            return;
        };
        let (html, from_flat) = match (html, from_flat) {
            (Ok(html), Ok(flat)) => (html, flat),
            // Refused both ways, for the same reason (its figures are of the text it was given,
            // the HTML or the form).
            (Err(a), Err(b)) if std::mem::discriminant(&a) == std::mem::discriminant(&b) => {
                return;
            }
            (html, flat) => panic!("{name}: {html:?}\nvs the flat form's\n{flat:?}"),
        };
        let json =
            |a: &crate::Article| serde_json::to_string_pretty(a).expect("an article serializes");
        let (html, from_flat) = (json(&html), json(&from_flat));
        if html != from_flat {
            let line = html
                .lines()
                .zip(from_flat.lines())
                .find(|(a, b)| a != b)
                .map(|(a, b)| format!("{a}\nvs the flat form's\n{b}"));
            panic!(
                "{name}: the articles differ at\n{}",
                line.unwrap_or_default()
            );
        }
    }

    #[test]
    fn attributes_the_core_does_not_read_change_no_article() {
        for (name, page) in fixture_pages() {
            assert_same_article_from_read_attributes(&name, &page);
        }
    }

    /// The same on every page of the development corpora, when they are there.
    #[test]
    #[cfg(not(target_arch = "wasm32"))]
    fn attributes_the_core_does_not_read_change_no_article_on_the_corpora() {
        let pages = corpus_pages();
        for (name, page) in &pages {
            assert_same_article_from_read_attributes(name, page);
        }
        eprintln!("{} corpus pages give the same article", pages.len());
    }

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
    use crate::tokenize::find_byte;
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
        let mut h = index_slot(name.key, name.len);
        loop {
            let Some((key, len, class)) = CLASSES.get(usize::from(INDEX[h])) else {
                return NOTHING;
            };
            if *key == name.key && *len == name.len {
                return *class;
            }
            h = (h + 1) % INDEX_SLOTS;
        }
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

    /// Every listed name as (key, length, class), built at compile time from the lists (a
    /// `match` on the names compiles to several KB of wasm). Unused entries come last.
    const CLASSES: [(u64, usize, Class); LISTED] = {
        let mut t = [(u64::MAX, usize::MAX, NOTHING); LISTED];
        let mut n = 0;
        n = add(&mut t, n, VOID, 0);
        n = add(&mut t, n, RAW_TEXT, 1);
        n = add(&mut t, n, MODAL, 2);
        n = add(&mut t, n, FORMATTING, 3);
        add(&mut t, n, SELF_CLOSING_SIBLINGS, 4);
        t
    };

    /// Slots of [`INDEX`]: a power of two, about four per listed name, so a name not listed
    /// (most tags of a page: `div`, `span`) usually meets an empty slot at once.
    const INDEX_SLOTS: usize = 256;
    const EMPTY: u8 = u8::MAX;
    const _: () = assert!(LISTED < EMPTY as usize, "positions in CLASSES fit a byte");

    const fn index_slot(key: u64, len: usize) -> usize {
        ((key ^ len as u64).wrapping_mul(super::HASH_FACTOR) >> 56) as usize % INDEX_SLOTS
    }

    /// Positions in [`CLASSES`] by a hash of (key, length), open addressing, built at compile
    /// time: the scan looks up every tag of every page, and a binary search of the table
    /// branched its way through six or seven comparisons each time.
    const INDEX: [u8; INDEX_SLOTS] = {
        let mut t = [EMPTY; INDEX_SLOTS];
        let mut i = 0;
        while i < LISTED && CLASSES[i].1 != usize::MAX {
            let mut h = index_slot(CLASSES[i].0, CLASSES[i].1);
            while t[h] != EMPTY {
                h = (h + 1) % INDEX_SLOTS;
            }
            t[h] = i as u8;
            i += 1;
        }
        t
    };

    /// A listed name's [`Name::key`].
    const fn key_of(name: &str) -> u64 {
        let b = name.as_bytes();
        let mut key = 0u64;
        let mut k = 0;
        while k < b.len() {
            key |= (b[k] as u64) << (8 * k);
            k += 1;
        }
        key
    }

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
            let key = key_of(names[i]);
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
