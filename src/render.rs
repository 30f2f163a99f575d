//! Stage 9: turn the kept part of the page into clean output: a flat list of events, then HTML,
//! plain text or Markdown from those events. Everything is iterative, so deep trees are safe.

use crate::credits::Trims;
use crate::dom::{Dom, Kind, NodeId, Tag};
use crate::prune::Pruned;
use crate::sanitize::{allowed_attr, clean_attr_value, disposition, Disposition};
use crate::segment::{Segments, NO_BLOCK};
use crate::url::{resolve, safe_image, safe_link};

/// One step of the clean document.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Open(&'static str, Vec<(&'static str, String)>),
    Close(&'static str),
    Text(String),
    /// An element without content (`img`, `br`, `hr`).
    Void(&'static str, Vec<(&'static str, String)>),
}

/// The article body as events, ready to serialize.
#[derive(Debug, Clone, Default)]
pub struct Content {
    pub events: Vec<Event>,
}

/// What the renderer needs to know besides the DOM.
pub struct RenderInput<'a> {
    pub dom: &'a Dom,
    pub pruned: &'a Pruned,
    pub segs: &'a Segments,
    /// Per block: is it part of the article?
    pub kept: &'a [bool],
    pub base_url: Option<&'a str>,
    pub images: bool,
    pub links: bool,
    /// Write `data-declutter-block` on block elements (for viewers that match blocks).
    pub mark_blocks: bool,
    /// Text nodes cut short (captions without their credits).
    pub trims: &'a Trims,
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "th"
            | "td"
            | "hr"
    )
}

/// Words in an image URL that mark a placeholder rather than the picture.
const PLACEHOLDER_WORDS: &[&str] = &[
    "blank",
    "placeholder",
    "spacer",
    "pixel",
    "lazy",
    "grey",
    "transparent",
    "1x1",
    "loading",
];

fn is_placeholder(src: &str) -> bool {
    let s = src.trim().to_ascii_lowercase();
    s.is_empty()
        || s.starts_with("data:image/gif")
        || (s.starts_with("data:") && s.len() < 200)
        || s.starts_with("about:")
        || PLACEHOLDER_WORDS
            .iter()
            .any(|w| s.rsplit('/').next().is_some_and(|f| f.contains(w)))
}

/// The number of a `srcset` descriptor ("640" of `640w`, "1.5" of `1.5x`): digits with at most
/// one decimal point. Read by hand: the standard float parser weighs about 4 KB in the wasm
/// build, and descriptors need no exponents or signs.
fn descriptor_number(s: &str) -> Option<f32> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut value = 0f32;
    for b in int.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        value = value * 10.0 + f32::from(b - b'0');
    }
    let mut scale = 0.1f32;
    for b in frac.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        value += f32::from(b - b'0') * scale;
        scale /= 10.0;
    }
    Some(value)
}

/// The largest candidate of a `srcset` value.
fn best_from_srcset(srcset: &str) -> Option<String> {
    let mut best: Option<(f32, &str)> = None;
    for cand in srcset.split(',') {
        let mut parts = cand.split_whitespace();
        let Some(url) = parts.next() else { continue };
        let size = parts
            .next()
            .and_then(|d| {
                // Drop the unit (`w`, `x`): by character, since the page may put any
                // character there (a byte slice would split `1©`).
                let mut number = d.chars();
                number.next_back();
                descriptor_number(number.as_str())
            })
            .unwrap_or(1.0);
        if best.is_none_or(|b| size > b.0) {
            best = Some((size, url));
        }
    }
    best.map(|b| b.1.to_string())
}

/// The real source of an image, looking past lazy-loading placeholders.
pub fn image_source(attrs: &[(&str, &str)]) -> Option<String> {
    let get = |k: &str| {
        debug_assert!(
            crate::dom::is_read_attribute(k),
            "{k} is not in READ_ATTRIBUTES"
        );
        attrs.iter().find(|(n, _)| *n == k).map(|(_, v)| *v)
    };
    for key in [
        "data-src",
        "data-lazy-src",
        "data-original",
        "data-url",
        "data-hi-res-src",
        "data-full-src",
    ] {
        if let Some(v) = get(key).filter(|v| !is_placeholder(v)) {
            return Some(v.trim().to_string());
        }
    }
    for key in ["data-srcset", "data-lazy-srcset", "srcset"] {
        if let Some(v) = get(key)
            .and_then(best_from_srcset)
            .filter(|v| !is_placeholder(v))
        {
            return Some(v);
        }
    }
    get("src")
        .filter(|v| !is_placeholder(v))
        .map(|v| v.trim().to_string())
}

fn element_attrs(dom: &Dom, id: NodeId) -> Vec<(&str, &str)> {
    dom.element(id)
        .map(|e| e.attrs.iter().map(|(k, v)| (&**k, &**v)).collect())
        .unwrap_or_default()
}

/// Builds an `img` event for an image element (or a `picture`'s best source).
fn image_event(input: &RenderInput, id: NodeId) -> Option<Event> {
    let dom = input.dom;
    let mut src = image_source(&element_attrs(dom, id));
    let mut alt = dom
        .element(id)
        .and_then(|e| e.attr("alt"))
        .unwrap_or("")
        .to_string();
    if dom.tag(id) == Some(Tag::Picture) {
        for c in id + 1..dom.node(id).end {
            match dom.tag(c) {
                Some(Tag::Img) => {
                    if src.is_none() {
                        src = image_source(&element_attrs(dom, c));
                    }
                    alt = dom
                        .element(c)
                        .and_then(|e| e.attr("alt"))
                        .unwrap_or("")
                        .to_string();
                }
                Some(Tag::Source) if src.is_none() => {
                    src = image_source(&element_attrs(dom, c));
                }
                _ => {}
            }
        }
    }
    let src = resolve(input.base_url, &src?);
    if !safe_image(&src) {
        return None;
    }
    let mut attrs = vec![("src", src), ("alt", alt.trim().to_string())];
    if let Some(el) = dom.element(id) {
        for k in ["width", "height"] {
            if let Some(v) = el.attr(k).and_then(|v| clean_attr_value(k, v)) {
                attrs.push((if k == "width" { "width" } else { "height" }, v));
            }
        }
    }
    Some(Event::Void("img", attrs))
}

/// Renders the container's kept content.
pub fn render(input: &RenderInput, container: NodeId) -> Content {
    let dom = input.dom;
    let n = dom.len();
    // Kept text/media per subtree: an element with none is skipped whole.
    let mut keep = vec![0u32; n];
    for (k, &b) in keep.iter_mut().zip(&input.segs.block_of) {
        if b != NO_BLOCK && input.kept[b as usize] {
            *k = 1;
        }
    }
    for i in (1..n).rev() {
        if let Some(p) = dom.nodes[i].parent {
            keep[p as usize] += keep[i];
        }
    }
    let mut r = Renderer {
        input,
        events: Vec::new(),
        anon: None,
        inline_depth: 0,
        open: Vec::new(),
    };
    // Elements we opened: (end of their subtree, the closing event, inline?).
    let mut closers: Vec<(NodeId, Option<&'static str>, bool)> = Vec::new();
    let end = dom.node(container).end;
    let mut i = container + 1;
    while i < end {
        while closers.last().is_some_and(|c| c.0 <= i) {
            if let Some((_, close, inline)) = closers.pop() {
                r.close_element(close, inline);
            }
        }
        let node = dom.node(i);
        let b = input.segs.block_of[i as usize];
        if input.pruned.removed[i as usize] {
            if b != NO_BLOCK && input.kept[b as usize] && input.images {
                if let Some(attrs) = input.pruned.noscript_images.get(&i) {
                    let pairs: Vec<(&str, &str)> = attrs
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    if let Some(src) = image_source(&pairs) {
                        let src = resolve(input.base_url, &src);
                        if safe_image(&src) {
                            let alt = pairs
                                .iter()
                                .find(|(k, _)| *k == "alt")
                                .map(|(_, v)| v.to_string())
                                .unwrap_or_default();
                            r.inline(b, Event::Void("img", vec![("src", src), ("alt", alt)]));
                        }
                    }
                }
            }
            i = node.end;
            continue;
        }
        match &node.kind {
            Kind::Document => {}
            Kind::Text(t) => {
                if b != NO_BLOCK && input.kept[b as usize] {
                    let t = input.trims.kept(i).map_or(&**t, |n| &t[..n]);
                    if !t.is_empty() {
                        r.inline(b, Event::Text(t.to_string()));
                    }
                } else if b == NO_BLOCK && r.in_text() {
                    r.push(Event::Text(" ".to_string()));
                }
            }
            Kind::Element(el) => {
                if el.tag == Tag::Br {
                    if r.in_text() {
                        r.push(Event::Void("br", Vec::new()));
                    }
                    i += 1;
                    continue;
                }
                if el.tag == Tag::Hr {
                    if r.anon.is_none() && r.last_is_block_end() {
                        r.push(Event::Void("hr", Vec::new()));
                    }
                    i += 1;
                    continue;
                }
                if keep[i as usize] == 0 {
                    i = node.end;
                    continue;
                }
                if matches!(el.tag, Tag::Img | Tag::Picture) {
                    if input.images {
                        if let Some(ev) = image_event(input, i) {
                            r.inline(b, ev);
                        }
                    }
                    i = node.end;
                    continue;
                }
                let disp = match disposition(el.ns, &el.name) {
                    Disposition::Keep("a") if !input.links => Disposition::Unwrap,
                    Disposition::Keep("figure") if !input.images => Disposition::Unwrap,
                    // Without its picture a caption describes nothing.
                    Disposition::Keep("figcaption") if !input.images => {
                        i = node.end;
                        continue;
                    }
                    d => d,
                };
                match disp {
                    Disposition::Unwrap => {
                        if el.tag.is_block() {
                            r.close_anon();
                        }
                        closers.push((node.end, None, false));
                    }
                    Disposition::Keep(name) => {
                        let attrs = r.attrs_for(name, i);
                        let Some(attrs) = attrs else {
                            // A link we refuse (script URL, in-page anchor): keep its text.
                            closers.push((node.end, None, false));
                            i += 1;
                            continue;
                        };
                        let block = is_block_tag(name);
                        if block {
                            r.close_anon();
                            let mut attrs = attrs;
                            if input.mark_blocks {
                                if let Some(first) = first_block_owned(input, i) {
                                    attrs.push(("data-declutter-block", first.to_string()));
                                }
                            }
                            r.push(Event::Open(name, attrs));
                        } else {
                            // Inline element: it belongs to the block of its first text.
                            let owner_block = first_kept_block(input, i).unwrap_or(b);
                            r.inline(owner_block, Event::Open(name, attrs));
                            r.inline_depth += 1;
                        }
                        closers.push((node.end, Some(name), !block));
                        if el.ns == crate::dom::Namespace::MathMl && name == "math" {
                            // MathML is copied element by element below; its text is content.
                            r.copy_math(i);
                            i = node.end;
                            continue;
                        }
                    }
                }
            }
        }
        i += 1;
    }
    while let Some((_, close, inline)) = closers.pop() {
        r.close_element(close, inline);
    }
    r.close_anon();
    Content {
        events: remove_empty(r.events),
    }
}

/// How far ahead (in nodes) the renderer looks for an element's first block.
const LOOKAHEAD: NodeId = 256;

/// The first kept block whose owner is this element (for `data-declutter-block`).
fn first_block_owned(input: &RenderInput, id: NodeId) -> Option<usize> {
    // Bounded look-ahead: the block of an element starts at its first text, and an unbounded
    // scan would make deeply nested documents quadratic.
    let end = input.dom.node(id).end.min(id.saturating_add(LOOKAHEAD));
    (id..end).find_map(|j| {
        let b = input.segs.block_of[j as usize];
        (b != NO_BLOCK && input.segs.blocks[b as usize].owner == id).then_some(b as usize)
    })
}

fn first_kept_block(input: &RenderInput, id: NodeId) -> Option<u32> {
    let end = input.dom.node(id).end.min(id.saturating_add(LOOKAHEAD));
    (id..end).find_map(|j| {
        let b = input.segs.block_of[j as usize];
        (b != NO_BLOCK && input.kept[b as usize]).then_some(b)
    })
}

struct Renderer<'a, 'b> {
    input: &'a RenderInput<'b>,
    events: Vec<Event>,
    /// An anonymous paragraph we opened around loose text of a `div`, and its block.
    anon: Option<u32>,
    /// Inline elements open inside the current anonymous paragraph.
    inline_depth: usize,
    /// Names of the elements currently open in `events`.
    open: Vec<&'static str>,
}

impl Renderer<'_, '_> {
    fn in_text(&self) -> bool {
        matches!(
            self.events.last(),
            Some(Event::Text(_)) | Some(Event::Close(_)) | Some(Event::Void("img", _))
        ) && (self.anon.is_some() || self.inline_depth > 0 || !self.last_is_block_end())
    }

    fn last_is_block_end(&self) -> bool {
        match self.events.last() {
            None => true,
            Some(Event::Close(t)) | Some(Event::Open(t, _)) => is_block_tag(t),
            Some(Event::Void(t, _)) => *t == "hr",
            Some(Event::Text(_)) => false,
        }
    }

    /// Does the current position sit directly inside a block element we emitted (so loose
    /// text needs no wrapper)?
    fn inside_emitted_block(&self) -> bool {
        // The nearest block element counts: `<p><strong>` is still inside the paragraph.
        self.open
            .iter()
            .rev()
            .find(|t| is_block_tag(t))
            .is_some_and(|t| {
                !matches!(
                    *t,
                    "ul" | "ol" | "dl" | "table" | "thead" | "tbody" | "tfoot" | "tr"
                )
            })
    }

    fn push(&mut self, ev: Event) {
        match &ev {
            Event::Open(name, _) => self.open.push(name),
            Event::Close(_) => {
                self.open.pop();
            }
            _ => {}
        }
        self.events.push(ev);
    }

    /// Emits inline content of block `b`, wrapping loose text of containers in a paragraph.
    fn inline(&mut self, b: u32, ev: Event) {
        let needs_wrapper = self.anon.is_some() || !self.inside_emitted_block();
        if needs_wrapper && self.anon != Some(b) && (self.anon.is_none() || self.inline_depth == 0)
        {
            self.close_anon();
            let mut attrs = Vec::new();
            if self.input.mark_blocks && b != NO_BLOCK {
                attrs.push(("data-declutter-block", b.to_string()));
            }
            self.push(Event::Open("p", attrs));
            self.anon = Some(b);
            self.inline_depth = 0;
        }
        self.push(ev);
    }

    fn close_anon(&mut self) {
        if self.anon.take().is_some() {
            self.push(Event::Close("p"));
            self.inline_depth = 0;
        }
    }

    fn close_element(&mut self, close: Option<&'static str>, inline: bool) {
        let Some(name) = close else { return };
        if inline {
            self.inline_depth = self.inline_depth.saturating_sub(1);
        } else {
            self.close_anon();
        }
        self.push(Event::Close(name));
    }

    /// Allowed attributes of an element; `None` for a link that must lose its element.
    fn attrs_for(&self, name: &'static str, id: NodeId) -> Option<Vec<(&'static str, String)>> {
        let el = self.input.dom.element(id)?;
        let mut out = Vec::new();
        if name == "a" {
            let href = el.attr("href")?.trim();
            if href.is_empty() || href.starts_with('#') {
                return None;
            }
            let abs = resolve(self.input.base_url, href);
            if !safe_link(&abs) {
                return None;
            }
            out.push(("href", abs));
        }
        for (k, v) in &el.attrs {
            if let Some(a) = allowed_attr(name, k) {
                if let Some(v) = clean_attr_value(a, v) {
                    out.push((a, v));
                }
            }
        }
        Some(out)
    }

    /// Copies a MathML subtree (allowlisted elements and their text).
    fn copy_math(&mut self, math: NodeId) {
        let dom = self.input.dom;
        let mut closers: Vec<(NodeId, Option<&'static str>)> = Vec::new();
        let end = dom.node(math).end;
        // Annotations (the TeX source, other encodings) are for machines, not readers.
        let mut skip_until = 0;
        for j in math + 1..end {
            if j < skip_until {
                continue;
            }
            while closers.last().is_some_and(|c| c.0 <= j) {
                if let Some((_, Some(name))) = closers.pop() {
                    self.push(Event::Close(name));
                }
            }
            if dom
                .element(j)
                .is_some_and(|e| matches!(&*e.name, "annotation" | "annotation-xml"))
            {
                skip_until = dom.node(j).end;
                continue;
            }
            match &dom.node(j).kind {
                Kind::Text(t) => self.push(Event::Text(t.to_string())),
                Kind::Element(el) => match disposition(el.ns, &el.name) {
                    Disposition::Keep(name) => {
                        let attrs = el
                            .attrs
                            .iter()
                            .filter_map(|(k, v)| {
                                let a = allowed_attr(name, k)?;
                                Some((a, clean_attr_value(a, v)?))
                            })
                            .collect();
                        self.push(Event::Open(name, attrs));
                        closers.push((dom.node(j).end, Some(name)));
                    }
                    Disposition::Unwrap => closers.push((dom.node(j).end, None)),
                },
                Kind::Document => {}
            }
        }
        while let Some((_, close)) = closers.pop() {
            if let Some(name) = close {
                self.push(Event::Close(name));
            }
        }
    }
}

/// Drops elements left with no content (a list whose items were all clutter), repeatedly
/// in one stack pass.
fn remove_empty(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::with_capacity(events.len());
    // For each open element in `out`: index of its Open event and the content count then.
    let mut opens: Vec<(usize, usize)> = Vec::new();
    let mut content = 0usize;
    for ev in events {
        match ev {
            Event::Open(..) => {
                opens.push((out.len(), content));
                out.push(ev);
            }
            Event::Close(name) => {
                let Some((start, before)) = opens.pop() else {
                    continue;
                };
                if content > before || name == "td" || name == "th" {
                    out.push(Event::Close(name));
                } else {
                    out.truncate(start);
                }
            }
            other => {
                let is_content = match &other {
                    Event::Text(t) => !t.trim().is_empty(),
                    Event::Void(t, _) => *t == "img",
                    _ => false,
                };
                content += usize::from(is_content);
                out.push(other);
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Serializers
// ---------------------------------------------------------------------------------------------

/// Escapes text for HTML, and with `collapse` folds each run of white space other than
/// no-break spaces into one space. Text is copied in spans between the characters that change,
/// which in prose are few: this writes every character of the article.
pub(crate) fn escape_text_with(out: &mut String, s: &str, collapse: bool) {
    let b = s.as_bytes();
    let mut span = 0;
    let mut i = 0;
    while i < b.len() {
        let (len, replacement) = match b[i] {
            b'&' => (1, "&amp;"),
            b'<' => (1, "&lt;"),
            b'>' => (1, "&gt;"),
            b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r' if collapse => (1, " "),
            0x00..=0x7f => {
                i += 1;
                continue;
            }
            _ => match crate::dom::unicode_space_len(&b[i..]) {
                0 => {
                    i += 1;
                    continue;
                }
                2 if b[i + 1] == 0xa0 => (2, "&nbsp;"),
                len if collapse => (len, " "),
                // Other white space stays as it is in preformatted text.
                _ => {
                    i += 1;
                    continue;
                }
            },
        };
        let mut end = i + len;
        if replacement == " " {
            // The whole run of white space becomes one space; a lone plain space stays as is.
            end += s[end..]
                .find(|c: char| !c.is_whitespace() || c == '\u{a0}')
                .unwrap_or(s.len() - end);
            if end == i + 1 && b[i] == b' ' {
                i = end;
                continue;
            }
        }
        out.push_str(&s[span..i]);
        out.push_str(replacement);
        span = end;
        i = end;
    }
    out.push_str(&s[span..]);
}

fn escape_attr(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn write_attrs(out: &mut String, attrs: &[(&'static str, String)]) {
    for (k, v) in attrs {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        escape_attr(out, v);
        out.push('"');
    }
}

impl Content {
    pub fn to_html(&self) -> String {
        let mut out = String::new();
        let mut pre_depth = 0usize;
        for ev in &self.events {
            match ev {
                Event::Open(name, attrs) => {
                    if is_block_tag(name)
                        && !out.is_empty()
                        && pre_depth == 0
                        && !out.ends_with('\n')
                    {
                        out.push('\n');
                    }
                    out.push('<');
                    out.push_str(name);
                    write_attrs(&mut out, attrs);
                    out.push('>');
                    if *name == "pre" {
                        pre_depth += 1;
                    }
                }
                Event::Close(name) => {
                    out.push_str("</");
                    out.push_str(name);
                    out.push('>');
                    if *name == "pre" {
                        pre_depth = pre_depth.saturating_sub(1);
                    }
                }
                Event::Void(name, attrs) => {
                    out.push('<');
                    out.push_str(name);
                    write_attrs(&mut out, attrs);
                    out.push('>');
                }
                Event::Text(t) => escape_text_with(&mut out, t, pre_depth == 0),
            }
        }
        out.push('\n');
        out
    }

    /// Plain text: a blank line between blocks; headings, list items and table rows on lines
    /// of their own.
    pub fn to_text(&self) -> String {
        let mut w = TextWriter::default();
        self.for_each_read(|ev| {
            match ev {
                Event::Open(name, _) => match *name {
                    "li" | "dt" | "dd" | "tr" | "figcaption" | "caption" => w.line_break(),
                    // Row groups are not paragraphs: the table's rows stay together.
                    "thead" | "tbody" | "tfoot" => {}
                    "td" | "th" => w.cell_separator(),
                    "pre" => {
                        w.paragraph_break();
                        w.pre += 1;
                    }
                    n if is_block_tag(n) => w.paragraph_break(),
                    _ => {}
                },
                Event::Close(name) => match *name {
                    "li" | "dt" | "dd" | "tr" | "figcaption" | "caption" => w.line_break(),
                    // Row groups are not paragraphs: the table's rows stay together.
                    "thead" | "tbody" | "tfoot" => {}
                    "td" | "th" => {}
                    "pre" => {
                        w.pre = w.pre.saturating_sub(1);
                        w.paragraph_break();
                    }
                    n if is_block_tag(n) => w.paragraph_break(),
                    _ => {}
                },
                Event::Void("br", _) => w.line_break(),
                Event::Void("hr", _) => w.paragraph_break(),
                Event::Void(..) => {}
                Event::Text(t) => w.text(t),
            }
        });
        w.finish()
    }

    /// Markdown (CommonMark with GitHub tables).
    pub fn to_markdown(&self) -> String {
        let mut md = MarkdownWriter {
            fences: code_fences(&self.events),
            ..MarkdownWriter::default()
        };
        self.for_each_read(|ev| md.event(ev));
        md.finish()
    }

    /// The events as a reader reads them, for plain text and Markdown: ruby annotations (the
    /// reading shown above each character) skipped, the base text alone; text without the
    /// characters that only format it ([`INVISIBLE`]).
    fn for_each_read(&self, mut f: impl FnMut(&Event)) {
        let mut annotation = 0usize;
        for ev in &self.events {
            match ev {
                Event::Open("rt" | "rp", _) => annotation += 1,
                Event::Close("rt" | "rp") => annotation = annotation.saturating_sub(1),
                Event::Text(_) if annotation > 0 => {}
                Event::Text(t) if t.contains(INVISIBLE) => {
                    f(&Event::Text(t.replace(INVISIBLE, "")))
                }
                _ => f(ev),
            }
        }
    }
}

#[derive(Default)]
struct TextWriter {
    out: String,
    /// Pending break before the next text: 0 none, 1 line, 2 paragraph.
    pending: u8,
    pre: usize,
    /// Reused for each text's collapsed form.
    scratch: String,
}

impl TextWriter {
    /// Cells of a row stay on one line, separated by a bar.
    fn cell_separator(&mut self) {
        if !self.at_line_start() {
            self.raw(" | ");
        }
    }
    fn at_line_start(&self) -> bool {
        self.out.is_empty() || self.out.ends_with('\n') || self.pending > 0
    }
    fn line_break(&mut self) {
        self.pending = self.pending.max(1);
    }
    fn paragraph_break(&mut self) {
        self.pending = 2;
    }
    fn flush(&mut self) {
        // Trailing spaces go only at a line break: between inline runs they separate words.
        // Past the end of a `pre`, so does the newline its code usually ends with: the break
        // after the block is the block's own, not one more blank line.
        if !self.out.is_empty() && self.pending > 0 {
            while self.out.ends_with(' ') || (self.pre == 0 && self.out.ends_with('\n')) {
                self.out.pop();
            }
            match self.pending {
                1 => self.out.push('\n'),
                2 => self.out.push_str("\n\n"),
                _ => {}
            }
        }
        self.pending = 0;
    }
    fn raw(&mut self, s: &str) {
        self.flush();
        self.out.push_str(s);
    }
    fn text(&mut self, t: &str) {
        if self.pre > 0 {
            self.flush();
            self.out.push_str(t);
            return;
        }
        // One buffer for every text of the article rather than one allocation each.
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        let starts_space = t.starts_with(|c: char| c.is_whitespace());
        crate::dom::push_collapsed(&mut scratch, t);
        let buf = scratch.trim_start();
        if buf.is_empty() {
            if starts_space && !self.at_line_start() && !self.out.ends_with(' ') {
                self.out.push(' ');
            }
        } else {
            if starts_space
                && self.pending == 0
                && !self.at_line_start()
                && !self.out.ends_with(' ')
            {
                self.out.push(' ');
            }
            self.flush();
            self.out.push_str(buf);
        }
        self.scratch = scratch;
    }
    fn finish(mut self) -> String {
        while self.out.ends_with([' ', '\n']) {
            self.out.pop();
        }
        self.out
    }
}

/// Characters that format text without being part of it: the soft hyphen (a hyphenation hint,
/// `&shy;`) and the zero-width no-break space. Left in the HTML, where they do their job; left
/// out of plain text and Markdown, where they would split words for search and copy.
const INVISIBLE: [char; 2] = ['\u{AD}', '\u{FEFF}'];

/// The fence of each `pre` block, in order: one backtick more than the longest run of
/// backticks inside it (at least three), so code that contains a fence cannot end the block
/// early and turn the rest of it into live Markdown (or raw HTML).
fn code_fences(events: &[Event]) -> Vec<String> {
    let mut fences = Vec::new();
    // Index in `fences` of each open `pre`, innermost last.
    let mut open: Vec<usize> = Vec::new();
    for ev in events {
        match ev {
            Event::Open("pre", _) => {
                open.push(fences.len());
                fences.push(3);
            }
            Event::Close("pre") => {
                open.pop();
            }
            Event::Text(t) => {
                if let Some(&i) = open.first() {
                    let mut run = 0usize;
                    for c in t.chars() {
                        run = if c == '`' { run + 1 } else { 0 };
                        fences[i] = fences[i].max(run + 1);
                    }
                }
            }
            _ => {}
        }
    }
    fences.into_iter().map(|n| "`".repeat(n)).collect()
}

/// A URL as a Markdown link destination: the characters that would end it early (white space,
/// parentheses) or start raw HTML after it (`<`, `>`) are percent-encoded, which leaves the URL
/// meaning the same.
fn markdown_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() || c.is_whitespace() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Marks a `pre` written inside a table cell, which gets no fence.
const CELL_CODE: &str = "|";

#[derive(Default)]
struct MarkdownWriter {
    /// Fences for the `pre` blocks still to come (see [`code_fences`]), and the one open.
    fences: Vec<String>,
    next_fence: usize,
    fence: Vec<String>,
    out: String,
    /// Nested lists: (ordered, next number).
    lists: Vec<(bool, u32)>,
    quote: usize,
    pre: usize,
    /// Pending break: 0 none, 1 line, 2 paragraph.
    pending: u8,
    links: Vec<String>,
    /// Table state: cells in the current row, rows so far, header separator written.
    row: Vec<String>,
    cell: Option<String>,
    rows: usize,
    in_table: bool,
}

impl MarkdownWriter {
    /// Writes the finished row; the first row of a table is its header.
    fn end_row(&mut self) {
        if self.row.is_empty() {
            return;
        }
        let line = format!("| {} |", self.row.join(" | "));
        let cols = self.row.len();
        self.pending = self.pending.max(1);
        self.push(&line);
        if self.rows == 0 {
            self.pending = 1;
            self.push(&format!("|{}", " --- |".repeat(cols)));
        }
        self.rows += 1;
        self.pending = 1;
    }

    fn prefix(&self) -> String {
        let mut p = "> ".repeat(self.quote);
        if !self.lists.is_empty() {
            p.push_str(&"   ".repeat(self.lists.len().saturating_sub(1)));
        }
        p
    }
    fn flush(&mut self) {
        if self.pending > 0 && !self.out.is_empty() {
            while self.out.ends_with(' ') {
                self.out.pop();
            }
            let prefix = self.prefix();
            if self.pending == 2 {
                self.out.push('\n');
                self.out.push_str(prefix.trim_end());
            }
            self.out.push('\n');
            self.out.push_str(&prefix);
        }
        self.pending = 0;
    }
    fn push(&mut self, s: &str) {
        if let Some(cell) = self.cell.as_mut() {
            cell.push_str(s);
            return;
        }
        self.flush();
        self.out.push_str(s);
    }
    fn text(&mut self, t: &str) {
        if self.pre > 0 && self.cell.is_none() {
            let prefix = self.prefix();
            self.flush();
            self.out.push_str(&t.replace('\n', &format!("\n{prefix}")));
            return;
        }
        let mut buf = String::new();
        crate::dom::push_collapsed(&mut buf, t);
        let at_start = self.pending > 0 || self.out.is_empty() || self.out.ends_with(['\n', ' ']);
        let buf = if at_start {
            buf.trim_start().to_string()
        } else {
            buf
        };
        if buf.is_empty() {
            return;
        }
        let escaped: String = buf
            .chars()
            .flat_map(|c| {
                // `<` too: most Markdown renderers pass raw HTML through, so text that reads
                // `<img onerror=...>` must not become a tag there.
                let esc = matches!(c, '*' | '_' | '`' | '[' | ']' | '\\' | '<');
                (if esc { Some('\\') } else { None })
                    .into_iter()
                    .chain(std::iter::once(c))
            })
            .collect();
        self.push(&escaped);
    }
    fn event(&mut self, ev: &Event) {
        match ev {
            Event::Open(name, attrs) => match *name {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.pending = 2;
                    let level = name[1..].parse::<usize>().unwrap_or(2);
                    self.push(&format!("{} ", "#".repeat(level)));
                }
                "p" | "figure" | "dl" => self.pending = 2,
                "blockquote" => {
                    self.pending = 2;
                    self.flush();
                    self.quote += 1;
                    self.out.push_str("> ");
                }
                "ul" | "ol" => {
                    if self.lists.is_empty() {
                        self.pending = 2;
                    }
                    let start = attrs
                        .iter()
                        .find(|(k, _)| *k == "start")
                        .and_then(|(_, v)| v.parse().ok())
                        .unwrap_or(1);
                    self.lists.push((*name == "ol", start));
                }
                "li" => {
                    self.pending = self.pending.max(1);
                    let marker = match self.lists.last_mut() {
                        Some((true, n)) => {
                            let m = format!("{n}. ");
                            *n += 1;
                            m
                        }
                        _ => "- ".to_string(),
                    };
                    self.push(&marker);
                }
                "pre" if self.cell.is_some() => {
                    // A table cell is one line: code there is inline text, escaped like the
                    // rest (a fence would not hold, and its text would escape as raw HTML).
                    self.next_fence += 1;
                    self.fence.push(CELL_CODE.to_string());
                }
                "pre" if self.pre > 0 => {
                    // A `pre` inside a `pre` is already inside the fence.
                    self.next_fence += 1;
                    self.fence.push(String::new());
                    self.pre += 1;
                }
                "pre" => {
                    self.pending = 2;
                    let lang = attrs
                        .iter()
                        .find(|(k, _)| *k == "class")
                        .map(|(_, v)| {
                            v.trim_start_matches("language-")
                                .trim_start_matches("lang-")
                                .to_string()
                        })
                        .unwrap_or_default();
                    let fence = self
                        .fences
                        .get(self.next_fence)
                        .cloned()
                        .unwrap_or_else(|| "```".to_string());
                    self.next_fence += 1;
                    self.push(&format!("{fence}{lang}"));
                    self.fence.push(fence);
                    self.pending = 1;
                    self.pre += 1;
                }
                "code" if self.pre == 0 => self.push("`"),
                "em" | "i" | "cite" | "dfn" => self.push("*"),
                "strong" | "b" => self.push("**"),
                "s" | "del" => self.push("~~"),
                "a" => {
                    self.links.push(
                        attrs
                            .iter()
                            .find(|(k, _)| *k == "href")
                            .map(|(_, v)| v.clone())
                            .unwrap_or_default(),
                    );
                    self.push("[");
                }
                "table" => {
                    self.pending = 2;
                    self.in_table = true;
                    self.rows = 0;
                }
                "tr" => self.row.clear(),
                "td" | "th" => self.cell = Some(String::new()),
                "figcaption" | "caption" | "dt" | "dd" => self.pending = self.pending.max(1),
                _ => {}
            },
            Event::Close(name) => match *name {
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "p" | "figure" | "dl" => self.pending = 2,
                "blockquote" => {
                    self.quote = self.quote.saturating_sub(1);
                    self.pending = 2;
                }
                "ul" | "ol" => {
                    self.lists.pop();
                    self.pending = if self.lists.is_empty() { 2 } else { 1 };
                }
                "pre" if self.fence.last().is_some_and(|f| f == CELL_CODE) => {
                    self.fence.pop();
                }
                "pre" if self.pre > 1 => {
                    self.pre -= 1;
                    self.fence.pop();
                }
                "pre" => {
                    self.pre = self.pre.saturating_sub(1);
                    while self.out.ends_with('\n') {
                        self.out.pop();
                    }
                    self.pending = 1;
                    let fence = self.fence.pop().unwrap_or_else(|| "```".to_string());
                    self.push(&fence);
                    self.pending = 2;
                }
                "code" if self.pre == 0 => self.push("`"),
                "em" | "i" | "cite" | "dfn" => self.push("*"),
                "strong" | "b" => self.push("**"),
                "s" | "del" => self.push("~~"),
                "a" => {
                    let href = self.links.pop().unwrap_or_default();
                    self.push(&format!("]({})", markdown_destination(&href)));
                }
                "td" | "th" => {
                    if let Some(c) = self.cell.take() {
                        self.row.push(c.replace('|', "\\|").trim().to_string());
                    }
                }
                "tr" => self.end_row(),
                "table" => {
                    self.in_table = false;
                    self.pending = 2;
                }
                "figcaption" | "caption" | "li" | "dt" | "dd" => self.pending = self.pending.max(1),
                _ => {}
            },
            Event::Void("br", _) => {
                if self.cell.is_some() {
                    self.push(" ");
                } else {
                    self.push("  ");
                    self.pending = 1;
                }
            }
            Event::Void("hr", _) => {
                self.pending = 2;
                self.push("---");
                self.pending = 2;
            }
            Event::Void("img", attrs) => {
                let get = |k: &str| {
                    attrs
                        .iter()
                        .find(|(n, _)| *n == k)
                        .map(|(_, v)| v.as_str())
                        .unwrap_or("")
                };
                let alt = get("alt").replace(['[', ']'], "").replace('<', "\\<");
                self.push(&format!("![{alt}]({})", markdown_destination(get("src"))));
            }
            Event::Void(..) => {}
            Event::Text(t) => self.text(t),
        }
    }
    fn finish(mut self) -> String {
        while self.out.ends_with([' ', '\n', '>']) {
            self.out.pop();
        }
        self.out.push('\n');
        self.out
    }
}

/// Events of an already clean HTML fragment (the `contentHtml` of an article), for converting
/// it to Markdown or text without re-running extraction.
pub fn events_of_clean_html(html: &str) -> Content {
    let dom = Dom::parse(html);
    let mut events = Vec::new();
    let mut closers: Vec<(NodeId, Option<&'static str>)> = Vec::new();
    let start = dom.find_tag(Tag::Body).unwrap_or(0);
    let end = dom.node(start).end;
    let mut i = start + 1;
    while i < end {
        while closers.last().is_some_and(|c| c.0 <= i) {
            if let Some((_, Some(name))) = closers.pop() {
                events.push(Event::Close(name));
            }
        }
        let node = dom.node(i);
        match &node.kind {
            Kind::Text(t) => events.push(Event::Text(t.to_string())),
            Kind::Element(el) => match disposition(el.ns, &el.name) {
                Disposition::Keep(name @ ("img" | "br" | "hr")) => {
                    let attrs = el
                        .attrs
                        .iter()
                        .filter_map(|(k, v)| {
                            let key: &'static str = match &**k {
                                "src" => "src",
                                "alt" => "alt",
                                _ => return None,
                            };
                            Some((key, v.to_string()))
                        })
                        .collect();
                    events.push(Event::Void(name, attrs));
                    i = node.end;
                    continue;
                }
                Disposition::Keep(name) => {
                    let attrs = el
                        .attrs
                        .iter()
                        .filter_map(|(k, v)| {
                            if &**k == "href" {
                                return Some(("href", v.to_string()));
                            }
                            let a = allowed_attr(name, k)?;
                            Some((a, clean_attr_value(a, v)?))
                        })
                        .collect();
                    events.push(Event::Open(name, attrs));
                    closers.push((node.end, Some(name)));
                }
                Disposition::Unwrap => closers.push((node.end, None)),
            },
            Kind::Document => {}
        }
        i += 1;
    }
    while let Some((_, close)) = closers.pop() {
        if let Some(name) = close {
            events.push(Event::Close(name));
        }
    }
    Content { events }
}

/// Markdown of an article's `contentHtml`.
pub fn html_to_markdown(content_html: &str) -> String {
    events_of_clean_html(content_html).to_markdown()
}

#[cfg(test)]
mod tests {
    /// The article of a page whose `<article>` holds `body`.
    fn article_of(lang: &str, body: &str) -> crate::Article {
        let page = format!("<html lang={lang}><body><article>{body}</article></body></html>");
        crate::extract(&page, None, &crate::Options::default()).expect("extracts")
    }

    #[test]
    fn ruby_keeps_its_readings_in_html_and_leaves_them_out_of_text() {
        let sentence = "<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>虐待<rt>ぎゃくたい</rt></ruby>をなくすための法律ができて、親が子どもを教育するために、体罰を禁止することになりました。";
        let article = article_of(
            "ja",
            &format!("<h1>法律</h1>{}", format!("<p>{sentence}</p>").repeat(3)),
        );
        assert!(article
            .content_html
            .contains("<ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>"));
        assert!(
            article.text.starts_with("子どもへの虐待をなくすための"),
            "{}",
            article.text
        );
        let markdown = crate::html_to_markdown(&article.content_html);
        assert!(
            markdown.contains("子どもへの虐待をなくすための"),
            "{markdown}"
        );
    }

    #[test]
    fn soft_hyphens_stay_in_html_and_leave_the_text() {
        let para = "<p>Das faschis&shy;ti&shy;sche Regime reih&shy;te den Wein unter die gro&shy;ßen Wei&shy;ne Ita&shy;li&shy;ens, neben Baro&shy;lo und Bar&shy;ba&shy;res&shy;co, was aber eher zyni&shy;schem Macht&shy;kal&shy;kül ent&shy;sprang.</p>";
        let article = article_of("de", &para.repeat(3));
        assert!(article.content_html.contains("Ita\u{AD}li\u{AD}ens"));
        assert!(
            article
                .text
                .contains("großen Weine Italiens, neben Barolo und Barbaresco"),
            "{}",
            article.text
        );
        let markdown = crate::html_to_markdown(&article.content_html);
        assert!(
            markdown.contains("Weine Italiens, neben Barolo"),
            "{markdown}"
        );
    }

    #[test]
    fn srcset_descriptors_read_as_the_float_parser_reads_them() {
        for d in ["640", "1.5", "2", "0.75", ".5", "3.", "1024"] {
            let want: f32 = d.parse().expect("a plain number");
            let got = super::descriptor_number(d).expect("a descriptor");
            assert!((got - want).abs() < 1e-4, "{d}: {got} vs {want}");
        }
        for bad in ["", ".", "1e3", "-2", "1.2.3", "x"] {
            assert_eq!(super::descriptor_number(bad), None, "{bad}");
        }
    }

    use super::escape_text_with;

    /// The plain character loops that [`escape_text_with`] must match.
    fn reference(s: &str, collapse: bool) -> String {
        let mut text = String::new();
        if collapse {
            let mut last_space = false;
            for c in s.chars() {
                if c.is_whitespace() && c != '\u{a0}' {
                    if !last_space {
                        text.push(' ');
                    }
                    last_space = true;
                } else {
                    text.push(c);
                    last_space = false;
                }
            }
        } else {
            text = s.to_string();
        }
        let mut out = String::new();
        for c in text.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '\u{a0}' => out.push_str("&nbsp;"),
                c => out.push(c),
            }
        }
        out
    }

    #[test]
    fn escaping_matches_a_char_loop() {
        let alphabet = [
            " ", "  ", "a", "word", "&", "<", ">", "&amp;", "\"", "\t", "\n", "\r", "\u{b}",
            "\u{a0}", "\u{2003}", "\u{3000}", "\u{85}", "\u{1680}", "é", "日本", "\u{200b}", "â",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(alphabet[(state % alphabet.len() as u64) as usize]);
            }
            for collapse in [false, true] {
                let mut got = String::from("x");
                escape_text_with(&mut got, &text, collapse);
                assert_eq!(got, format!("x{}", reference(&text, collapse)), "{text:?}");
            }
        }
    }
}
