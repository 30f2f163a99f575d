//! A compact, index-based copy of the parsed document.
//!
//! `scraper` parses; everything after that walks this arena. Nodes are stored in document
//! (pre-)order, so a node's subtree is the index range `id..node.end`: "is X inside Y" is two
//! integer comparisons, and every later stage is a linear pass over a `Vec` with no recursion,
//! which keeps 100,000-deep documents safe on the small wasm stack.

use ego_tree::iter::Edge;
use markup5ever::LocalName;
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

impl Tag {
    pub fn from_name(name: &str) -> Tag {
        use Tag::*;
        match name {
            "a" => A,
            "abbr" => Abbr,
            "address" => Address,
            "article" => Article,
            "aside" => Aside,
            "audio" => Audio,
            "b" => B,
            "blockquote" => Blockquote,
            "body" => Body,
            "br" => Br,
            "button" => Button,
            "caption" => Caption,
            "center" => Center,
            "cite" => Cite,
            "code" => Code,
            "dd" => Dd,
            "del" => Del,
            "details" => Details,
            "dfn" => Dfn,
            "dialog" => Dialog,
            "div" => Div,
            "dl" => Dl,
            "dt" => Dt,
            "em" => Em,
            "embed" => Embed,
            "fieldset" => Fieldset,
            "figcaption" => Figcaption,
            "figure" => Figure,
            "footer" => Footer,
            "form" => Form,
            "h1" => H1,
            "h2" => H2,
            "h3" => H3,
            "h4" => H4,
            "h5" => H5,
            "h6" => H6,
            "head" => Head,
            "header" => Header,
            "hgroup" => Hgroup,
            "hr" => Hr,
            "html" => Html,
            "i" => I,
            "iframe" => Iframe,
            "img" | "image" => Img,
            "input" => Input,
            "ins" => Ins,
            "kbd" => Kbd,
            "label" => Label,
            "li" => Li,
            "link" => Link,
            "main" => Main,
            "mark" => Mark,
            "math" => Math,
            "menu" => Menu,
            "meta" => Meta,
            "nav" => Nav,
            "noscript" => Noscript,
            "object" => Object,
            "ol" => Ol,
            "option" => Option,
            "p" => P,
            "picture" => Picture,
            "pre" | "listing" | "xmp" | "plaintext" => Pre,
            "q" => Q,
            "s" | "strike" => S,
            "samp" => Samp,
            "script" => Script,
            "section" => Section,
            "select" => Select,
            "small" => Small,
            "source" => Source,
            "span" | "font" => Span,
            "strong" => Strong,
            "style" => Style,
            "sub" => Sub,
            "summary" => Summary,
            "sup" => Sup,
            "svg" => Svg,
            "table" => Table,
            "tbody" => Tbody,
            "td" => Td,
            "template" => Template,
            "textarea" => Textarea,
            "tfoot" => Tfoot,
            "th" => Th,
            "thead" => Thead,
            "time" => Time,
            "title" => Title,
            "tr" => Tr,
            "u" => U,
            "ul" => Ul,
            "var" => Var,
            "video" => Video,
            _ => Other,
        }
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

impl Dom {
    /// Parses `html` with `scraper` (html5ever) and copies the tree into the arena.
    /// Parsing never fails: malformed markup is repaired the way browsers repair it.
    pub fn parse(html: &str) -> Dom {
        let parsed = Html::parse_document(html);
        Dom::from_scraper(&parsed)
    }

    fn from_scraper(html: &Html) -> Dom {
        let mut nodes: Vec<Node> = Vec::new();
        // Open arena nodes, innermost last; `None` marks a scraper node we did not copy.
        let mut stack: Vec<Option<NodeId>> = Vec::new();
        let mut skipping: usize = 0;
        for edge in html.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    if skipping > 0 {
                        skipping += 1;
                        continue;
                    }
                    let parent = stack.iter().rev().find_map(|s| *s);
                    let depth = parent.map_or(0, |p| nodes[p as usize].depth + 1);
                    let kind = match node.value() {
                        ScraperNode::Document | ScraperNode::Fragment => Some(Kind::Document),
                        ScraperNode::Element(el) => {
                            // The HTML parser already lower-cases element and attribute names.
                            let name = el.name.local.clone();
                            let attrs: Vec<(LocalName, StrTendril)> = el
                                .attrs
                                .iter()
                                .map(|(k, v)| (k.local.clone(), v.clone()))
                                .collect();
                            if skip_subtree(&name, &attrs) {
                                skipping = 1;
                                continue;
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
                            Some(Kind::Element(Element {
                                tag,
                                name,
                                ns,
                                attrs,
                            }))
                        }
                        ScraperNode::Text(t) => Some(Kind::Text(t.text.clone())),
                        _ => None,
                    };
                    match kind {
                        Some(kind) => {
                            let id = nodes.len() as NodeId;
                            nodes.push(Node {
                                parent,
                                end: id + 1,
                                depth,
                                kind,
                            });
                            stack.push(Some(id));
                        }
                        None => stack.push(None),
                    }
                }
                Edge::Close(_) => {
                    if skipping > 0 {
                        skipping -= 1;
                        continue;
                    }
                    if let Some(Some(id)) = stack.pop() {
                        nodes[id as usize].end = nodes.len() as NodeId;
                    }
                }
            }
        }
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

/// Appends `text` to `out`, folding every run of white space into one space.
pub fn push_collapsed(out: &mut String, text: &str) {
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
