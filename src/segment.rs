//! Stage 3: split the visible document into blocks: runs of text (and media) between block-level
//! boundaries, the units the scorer judges one by one.

use crate::dom::{push_collapsed, Dom, HeadingAnchors, Kind, NodeId, Tag};
use crate::prune::Pruned;

/// No block: used in [`Segments::block_of`].
pub const NO_BLOCK: u32 = u32::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading(u8),
    Paragraph,
    ListItem,
    Preformatted,
    Table,
    Quote,
    Caption,
    Media,
    Other,
}

/// One run of text and media owned by a block-level element.
#[derive(Debug, Clone)]
pub struct Block {
    /// The block-level element the run belongs to.
    pub owner: NodeId,
    /// Last node of the run (text or media), in document order.
    pub last: NodeId,
    pub kind: BlockKind,
    /// Visible text, white space collapsed.
    pub text: String,
    /// Characters of `text` that sit inside links.
    pub link_chars: usize,
    /// Of those, the characters of links to a heading of the page (a table of contents).
    pub heading_link_chars: usize,
    pub links: usize,
    /// Images, pictures and math in the run.
    pub media: usize,
    /// Characters in `text` (counted once, after segmentation).
    pub chars: usize,
}

impl Block {
    pub fn chars(&self) -> usize {
        self.chars
    }
}

#[derive(Debug, Clone)]
pub struct Segments {
    pub blocks: Vec<Block>,
    /// For text and media nodes: the block they belong to, else [`NO_BLOCK`].
    pub block_of: Vec<u32>,
}

/// Elements whose whole subtree forms one block, whatever block-level elements it contains.
fn is_atomic(dom: &Dom, id: NodeId, stats: &TableStats) -> bool {
    match dom.tag(id) {
        Some(Tag::Pre) | Some(Tag::Math) => true,
        Some(Tag::Table) => stats.is_data_table(id),
        _ => false,
    }
}

fn kind_of(tag: Tag) -> BlockKind {
    match tag {
        t if t.is_heading() => BlockKind::Heading(t.heading_level()),
        Tag::P => BlockKind::Paragraph,
        Tag::Li | Tag::Dd | Tag::Dt => BlockKind::ListItem,
        Tag::Pre => BlockKind::Preformatted,
        Tag::Table => BlockKind::Table,
        Tag::Blockquote => BlockKind::Quote,
        Tag::Figcaption | Tag::Caption => BlockKind::Caption,
        Tag::Math => BlockKind::Media,
        _ => BlockKind::Other,
    }
}

/// Counts used to tell a data table (kept whole) from a layout table (segmented like divs).
pub struct TableStats {
    /// Per node: number of `table` elements strictly inside the subtree.
    inner_tables: Vec<u32>,
    /// Per node: number of `p`/`div`/list elements inside the subtree.
    inner_blocks: Vec<u32>,
    /// Per node: `th`/`caption`/`thead` elements inside the subtree.
    headers: Vec<u32>,
    /// Per node: `tr` elements inside the subtree.
    rows: Vec<u32>,
}

impl TableStats {
    pub fn new(dom: &Dom) -> TableStats {
        let n = dom.len();
        let mut s = TableStats {
            inner_tables: vec![0; n],
            inner_blocks: vec![0; n],
            headers: vec![0; n],
            rows: vec![0; n],
        };
        // Children have larger indices than their parents: one reverse pass sums subtrees.
        for i in (0..n).rev() {
            let tag = dom.nodes[i].tag();
            if let Some(p) = dom.nodes[i].parent {
                let p = p as usize;
                s.inner_tables[p] += s.inner_tables[i] + u32::from(tag == Some(Tag::Table));
                s.inner_blocks[p] += s.inner_blocks[i]
                    + u32::from(matches!(
                        tag,
                        Some(Tag::P | Tag::Div | Tag::Ul | Tag::Ol | Tag::H1 | Tag::H2)
                    ));
                s.headers[p] += s.headers[i]
                    + u32::from(matches!(tag, Some(Tag::Th | Tag::Caption | Tag::Thead)));
                s.rows[p] += s.rows[i] + u32::from(tag == Some(Tag::Tr));
            }
        }
        s
    }

    /// A table of data (kept as one block) rather than page layout.
    pub fn is_data_table(&self, id: NodeId) -> bool {
        let i = id as usize;
        self.inner_tables[i] == 0
            && self.inner_blocks[i] <= self.rows[i]
            && (self.headers[i] > 0 || self.rows[i] >= 2)
    }
}

pub fn segment(
    dom: &Dom,
    pruned: &Pruned,
    tables: &TableStats,
    anchors: &HeadingAnchors,
) -> Segments {
    let n = dom.len();
    let mut blocks: Vec<Block> = Vec::new();
    let mut block_of = vec![NO_BLOCK; n];
    // Open block owners: (owner, end of its subtree, its current open block).
    let mut owners: Vec<(NodeId, NodeId, Option<u32>)> = vec![(0, n as NodeId, None)];
    // Inside an atomic element until this node index.
    let mut atomic_end: NodeId = 0;
    // Inside a link until this node index.
    let mut link_end: NodeId = 0;
    let mut link_start: NodeId = 0;
    // The current link leads to a heading of the page.
    let mut to_heading = false;
    // The link whose text was last counted, so a link split over several text nodes counts once.
    let mut counted_link: NodeId = 0;
    let mut i: NodeId = 0;
    while (i as usize) < n {
        let node = &dom.nodes[i as usize];
        while owners.len() > 1 && owners.last().is_some_and(|o| o.1 <= i) {
            owners.pop();
        }
        if pruned.removed[i as usize] {
            let is_noscript_img = pruned.noscript_images.contains_key(&i);
            if is_noscript_img {
                let b = open_block(&mut blocks, &mut owners, dom, i);
                blocks[b as usize].media += 1;
                blocks[b as usize].last = i;
                block_of[i as usize] = b;
            }
            i = node.end;
            continue;
        }
        match &node.kind {
            Kind::Document => {}
            Kind::Element(el) => {
                let inside_atomic = i < atomic_end;
                // Display math is a block of its own; inline math is part of its sentence.
                let display_math = el.tag == Tag::Math
                    && el
                        .attr("display")
                        .is_some_and(|d| d.trim().eq_ignore_ascii_case("block"));
                if !inside_atomic && (el.tag.is_block() || display_math) {
                    // A block-level child ends the parent's current run of inline content.
                    if let Some(top) = owners.last_mut() {
                        top.2 = None;
                    }
                    owners.push((i, node.end, None));
                    if is_atomic(dom, i, tables) {
                        atomic_end = node.end;
                    }
                }
                if el.is_link() {
                    link_end = node.end;
                    link_start = i;
                    to_heading = el.is_link_to_heading(anchors);
                }
                if matches!(el.tag, Tag::Img | Tag::Picture | Tag::Math)
                    || (el.tag == Tag::Br && i < atomic_end)
                {
                    if el.tag != Tag::Br {
                        let b = open_block(&mut blocks, &mut owners, dom, i);
                        blocks[b as usize].media += 1;
                        blocks[b as usize].last = i;
                        block_of[i as usize] = b;
                    }
                    if matches!(el.tag, Tag::Picture | Tag::Math) {
                        // Their inner nodes belong to the same block.
                        for j in i + 1..node.end {
                            if let Some(&(_, _, Some(b))) = owners.last() {
                                block_of[j as usize] = b;
                            }
                        }
                        if el.tag == Tag::Math {
                            let text = math_text(dom, i);
                            if let Some(&(_, _, Some(b))) = owners.last() {
                                let block = &mut blocks[b as usize];
                                push_collapsed(&mut block.text, &text);
                                block.text.push(' ');
                            }
                        }
                        i = node.end;
                        continue;
                    }
                }
                if el.tag == Tag::Br && i >= atomic_end {
                    // A `<br>` inside a `div` full of text lines splits it like paragraphs do:
                    // many sites write their body as text separated by `<br><br>`.
                    if let Some(top) = owners.last_mut() {
                        if !matches!(dom.tag(top.0), Some(Tag::P | Tag::Li | Tag::Td)) {
                            top.2 = None;
                        }
                    }
                }
            }
            Kind::Text(t) => {
                let blank = is_blank(t);
                let current = owners.last().and_then(|o| o.2);
                if blank {
                    if let Some(b) = current {
                        // White space inside a run belongs to it: between words, and
                        // verbatim in a `pre`.
                        block_of[i as usize] = b;
                        let block = &mut blocks[b as usize];
                        if !block.text.ends_with(' ') {
                            block.text.push(' ');
                        }
                    }
                } else {
                    let b = open_block(&mut blocks, &mut owners, dom, i);
                    let block = &mut blocks[b as usize];
                    let before = block.text.len();
                    push_collapsed(&mut block.text, t);
                    if i < link_end {
                        let chars = block.text[before..].chars().count();
                        block.link_chars += chars;
                        if to_heading {
                            block.heading_link_chars += chars;
                        }
                        if counted_link != link_start {
                            block.links += 1;
                            counted_link = link_start;
                        }
                    }
                    block.last = i;
                    block_of[i as usize] = b;
                }
            }
        }
        i += 1;
    }
    for b in &mut blocks {
        let trimmed = b.text.trim();
        if trimmed.len() != b.text.len() {
            b.text = trimmed.to_string();
        }
        b.chars = b.text.chars().count();
        b.link_chars = b.link_chars.min(b.chars);
        b.heading_link_chars = b.heading_link_chars.min(b.link_chars);
    }
    Segments { blocks, block_of }
}

/// Whether a text is only white space. Every text node of the page is asked: the first byte
/// that is not ASCII white space settles it, unless it starts a non-ASCII character.
pub fn is_blank(t: &str) -> bool {
    match t
        .bytes()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'))
    {
        None => true,
        Some(b) if b < 0x80 => false,
        Some(_) => t.trim().is_empty(),
    }
}

fn open_block(
    blocks: &mut Vec<Block>,
    owners: &mut [(NodeId, NodeId, Option<u32>)],
    dom: &Dom,
    i: NodeId,
) -> u32 {
    if let Some(top) = owners.last_mut() {
        let owner = top.0;
        if let Some(b) = top.2 {
            return b;
        }
        let b = blocks.len() as u32;
        let kind = dom.tag(owner).map_or(BlockKind::Other, kind_of);
        blocks.push(Block {
            owner,
            last: i,
            kind,
            text: String::new(),
            link_chars: 0,
            heading_link_chars: 0,
            links: 0,
            media: 0,
            chars: 0,
        });
        top.2 = Some(b);
        return b;
    }
    0
}

/// The visible text of a MathML element, without its annotations (TeX source and the like).
fn math_text(dom: &Dom, math: NodeId) -> String {
    let mut out = String::new();
    let end = dom.node(math).end;
    let mut j = math;
    while j < end {
        if dom
            .element(j)
            .is_some_and(|e| matches!(&*e.name, "annotation" | "annotation-xml"))
        {
            j = dom.node(j).end;
            continue;
        }
        if let Some(t) = dom.node(j).text() {
            push_collapsed(&mut out, t);
            out.push(' ');
        }
        j += 1;
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::is_blank;

    #[test]
    fn blank_is_what_trim_leaves_empty() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            for text in [format!("{c}"), format!(" \n\t{c}"), format!("{c}\r\u{a0}")] {
                assert_eq!(is_blank(&text), text.trim().is_empty(), "{:x}", c as u32);
            }
        }
        assert!(is_blank(""));
        assert!(is_blank(" \u{b}\u{c}\u{3000}"));
    }
}
