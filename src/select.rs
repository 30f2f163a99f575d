//! Stage 6: find the article: the densest run of good blocks, its container, and which blocks
//! inside it stay.

use crate::dom::{Dom, NodeId, Tag};
use crate::features::{
    boilerplate_phrase, class_or_id_has_word, opens_with_quantity, Features, NodeStats,
};
use crate::patterns::{BYLINE_HINTS, COMMENT_HINTS};
use crate::score::{Class, Scored};
use crate::segment::{Block, BlockKind, Segments};
use crate::weights::Weights;

/// The article region and the keep/drop decision for every block.
#[derive(Debug, Clone)]
pub struct Selection {
    /// The element holding the article (lowest common ancestor of the best run).
    pub container: NodeId,
    /// First and last block of the best run.
    pub run: Option<(usize, usize)>,
    pub kept: Vec<bool>,
    /// Why a block was kept or dropped at this stage (appended to its score reasons).
    pub notes: Vec<Option<String>>,
}

/// The value of a block in the region search: good text adds, clutter costs (capped, so one
/// promo inside the body does not split the article), undecided blocks cost a little. Links
/// to the page's own headings cost nothing: a table of contents between the lead and the
/// sections is dropped, but it belongs to the article and must not split it.
fn region_value(class: Class, f: &Features, b: &Block, w: &Weights) -> f32 {
    match class {
        Class::Good => {
            w.good_value * (f.chars as f32).min(w.max_block_chars) * (1.0 - f.link_density)
        }
        Class::Bad => {
            let chars = f.chars.saturating_sub(b.heading_link_chars);
            -(w.bad_value * chars as f32).min(w.max_bad_cost)
        }
        Class::Neutral => -w.neutral_cost,
    }
}

pub fn select(
    dom: &Dom,
    segs: &Segments,
    feats: &[Features],
    scored: &[Scored],
    stats: &NodeStats,
    headline: Option<usize>,
    w: &Weights,
) -> Selection {
    let n = segs.blocks.len();
    // The first good block after the heading that names the page's title counts extra: the
    // article starts there, whatever a longer sidebar text nearby weighs.
    let anchor = headline.and_then(|h| {
        (h + 1..n.min(h + 1 + w.headline_anchor_blocks)).find(|&i| scored[i].class == Class::Good)
    });
    let mut kept = vec![false; n];
    let mut notes: Vec<Option<String>> = vec![None; n];
    // Maximum-sum contiguous run of blocks (Kadane): linear, and it finds the article's dense
    // region without trusting any markup.
    let mut best: Option<(usize, usize, f32)> = None;
    let mut cur_start = 0usize;
    let mut cur_sum = 0.0f32;
    for i in 0..n {
        let v = region_value(scored[i].class, &feats[i], &segs.blocks[i], w)
            + if anchor == Some(i) {
                w.headline_anchor
            } else {
                0.0
            };
        if cur_sum <= 0.0 {
            cur_start = i;
            cur_sum = 0.0;
        }
        cur_sum += v;
        if cur_sum > 0.0 && best.is_none_or(|b| cur_sum > b.2) {
            best = Some((cur_start, i, cur_sum));
        }
    }
    let Some((start, end, _)) = best else {
        return Selection {
            container: 0,
            run: None,
            kept,
            notes,
        };
    };
    // Trim undecided blocks from the run's edges: it should start and end on good text.
    let first_good = (start..=end)
        .find(|&i| scored[i].class == Class::Good)
        .unwrap_or(start);
    let last_good = (start..=end)
        .rev()
        .find(|&i| scored[i].class == Class::Good)
        .unwrap_or(end);
    let mut container =
        dom.common_ancestor(segs.blocks[first_good].owner, segs.blocks[last_good].owner);
    // A single-block run's container is that block's own element: widen to its parent so
    // sibling paragraphs and figures come along.
    if first_good == last_good {
        if let Some(p) = dom.node(container).parent {
            container = p;
        }
    }
    // Widen to ancestors that add good text with little clutter (a body split across sibling
    // wrappers, e.g. text before and after an inline ad).
    let good_chars = good_chars_per_node(dom, segs, scored);
    while let Some(parent) = dom.node(container).parent {
        if matches!(dom.tag(parent), Some(Tag::Body | Tag::Html) | None) {
            break;
        }
        let inside = good_chars[container as usize] as f32;
        let wider = good_chars[parent as usize] as f32;
        let extra_good = wider - inside;
        let extra_all = (stats.chars[parent as usize] - stats.chars[container as usize]) as f32;
        if extra_good > w.widen_min_gain * inside && extra_good > w.widen_min_purity * extra_all {
            container = parent;
        } else {
            break;
        }
    }
    // Link lists inside the article (related stories, tag clouds) go as a whole.
    // Per node: the dropped section it lies in, and why (the sections are disjoint).
    let mut in_cluster: Vec<Option<(NodeId, &str)>> = vec![None; dom.len()];
    let links = link_clusters(dom, container, stats, &good_chars, w);
    let mut marked = negative_sections(dom, container, container, stats, &good_chars, w);
    spare_article_parts(
        &mut marked,
        dom,
        segs,
        scored,
        stats,
        &good_chars,
        container,
        (first_good, last_good),
        headline,
        w,
    );
    let sections = links
        .into_iter()
        .map(|c| (c, "inside a list of links"))
        .chain(
            marked
                .iter()
                .map(|&c| (c, "inside a section whose class or role says clutter")),
        );
    // A comment thread ends the article: what follows it inside the container (a sidebar, a
    // footer) is not the article, however much text it holds.
    // Only a thread after the article counts (not a comment counter in its header): one that
    // follows most of the good text, or a thread of some length after the first good block
    // under the headline.
    let total_good = good_chars[container as usize];
    let anchor_owner = anchor.map(|i| segs.blocks[i].owner);
    // Good characters of the container's blocks before each block, for "most of the good text
    // comes before this thread" in one pass.
    let mut good_before_block = Vec::with_capacity(segs.blocks.len() + 1);
    let mut running = 0u32;
    good_before_block.push(0);
    for (b, s) in segs.blocks.iter().zip(scored) {
        if s.class == Class::Good && dom.contains(container, b.owner) {
            running += b.chars() as u32;
        }
        good_before_block.push(running);
    }
    let comments_from = marked
        .iter()
        .copied()
        .filter(|&c| is_comment_thread(dom, c))
        .find(|&c| {
            if anchor_owner.is_some_and(|a| a < c && !dom.contains(c, a))
                && stats.chars[c as usize] >= w.comment_thread_min_chars
            {
                return true;
            }
            // Blocks are in document order: those before the thread are a prefix.
            let before = segs.blocks.partition_point(|b| b.owner < c);
            good_before_block[before] as f32 > w.comment_thread_min_good_share * total_good as f32
        });
    for (c, why) in sections {
        for slot in &mut in_cluster[c as usize..dom.node(c).end as usize] {
            slot.get_or_insert((c, why));
        }
    }
    // The article's lead-in: its headline, lead figure and caption often sit in a header
    // beside the body's container. Walking back from the run, clutter (share bars, date
    // lines) is stepped over; undecided headings, media and captions are taken.
    let scope = dom.ancestors(container).nth(1).unwrap_or(container);
    let mut lead_in = vec![false; n];
    let mut taken = 0;
    for i in (0..first_good).rev() {
        if taken >= w.lead_in_blocks || !dom.contains(scope, segs.blocks[i].owner) {
            break;
        }
        if scored[i].class == Class::Bad {
            continue;
        }
        taken += 1;
        // The page's banner (a site logo in the page header) is not the article's lead-in.
        lead_in[i] = feats[i].landmark.is_none()
            && (matches!(
                segs.blocks[i].kind,
                BlockKind::Heading(_) | BlockKind::Media | BlockKind::Caption
            ) || feats[i].chars == 0
                || feats[i].caption);
    }
    let mut root = container;
    for (i, b) in segs.blocks.iter().enumerate() {
        if lead_in[i] && in_cluster[b.owner as usize].is_none() {
            kept[i] = true;
            notes[i] = Some("the article's lead-in (headline, lead figure)".to_string());
            root = dom.common_ancestor(root, b.owner);
            continue;
        }
        if !dom.contains(container, b.owner) {
            notes[i] = Some("outside the article".to_string());
            continue;
        }
        if comments_from.is_some_and(|c| b.owner >= dom.node(c).end) {
            notes[i] = Some("after the comments".to_string());
            continue;
        }
        if let Some((root, why)) = in_cluster[b.owner as usize] {
            notes[i] = Some(format!("{why} ({})", describe(dom, root)));
            continue;
        }
        let in_run = i >= first_good && i <= last_good;
        kept[i] = match scored[i].class {
            Class::Bad => false,
            _ if in_run => true,
            // Clear prose in the same container, cut off from the run by a block of clutter
            // (an intro paragraph above a link box).
            Class::Good if scored[i].score >= w.outside_run_score => true,
            _ => {
                notes[i] = Some("outside the article's dense run".to_string());
                false
            }
        };
    }
    whole_lists(dom, segs, feats, w, &mut kept, &mut notes);
    let container = root;
    drop_empty_headings(segs, scored, w, &mut kept, &mut notes);
    Selection {
        container,
        run: Some((first_good, last_good)),
        kept,
        notes,
    }
}

/// Takes back from `marked` what only its class put there while the text says it is the
/// article: one good paragraph inside the body's run, the header that holds the headline (its
/// own clutter sections stay marked) and the standfirst under the headline.
#[allow(clippy::too_many_arguments)]
fn spare_article_parts(
    marked: &mut Vec<NodeId>,
    dom: &Dom,
    segs: &Segments,
    scored: &[Scored],
    stats: &NodeStats,
    good_chars: &[u32],
    container: NodeId,
    (first_good, last_good): (usize, usize),
    headline: Option<usize>,
    w: &Weights,
) {
    let n = segs.blocks.len();
    // A marked element that is itself one good block inside the body's run, with good text
    // on both sides (a paragraph whose generated class happens to hold a clutter word), was
    // already weighed with its class in its score. At the run's edges, where disclaimers and
    // notes stand, the class keeps its say.
    marked.retain(|&c| {
        let at = segs.blocks.partition_point(|b| b.owner < c);
        !(at > first_good
            && at < last_good
            && segs.blocks[at].owner == c
            && scored[at].class == Class::Good)
    });
    // The article's opening paragraph often carries a class that elsewhere marks clutter
    // ("teaser", "summary" on a standfirst). A marked section under the headline that holds
    // the container's first good block after it, and is itself mostly unlinked good prose, is
    // that standfirst: the text evidence outweighs the class word. An author box in the same
    // place is not.
    let Some(h) = headline else {
        return;
    };
    let headline_owner = segs.blocks[h].owner;
    // The element holding the headline is the article's header, whatever its class says:
    // its blocks (standfirst, lead figure, date and byline lines) are judged one by one.
    // Sections inside it that are clutter of their own (an author box, a share bar) still go.
    // (They replace it in place, so `marked` stays in document order.)
    while let Some(at) = marked.iter().position(|&c| dom.contains(c, headline_owner)) {
        let header = marked.remove(at);
        let inner = negative_sections(dom, header, container, stats, good_chars, w);
        for (k, c) in inner.into_iter().enumerate() {
            marked.insert(at + k, c);
        }
    }
    // The opening block: the first good one after the headline that is not in an author
    // box (a bio under the byline is prose too).
    let in_author_box = |id: NodeId| {
        std::iter::once(id)
            .chain(dom.ancestors(id))
            .take_while(|&a| a > container)
            .any(|a| {
                dom.element(a)
                    .is_some_and(|el| class_or_id_has_word(el, BYLINE_HINTS))
            })
    };
    let opening = (h + 1..n).find(|&i| {
        let owner = segs.blocks[i].owner;
        scored[i].class == Class::Good && dom.contains(container, owner) && !in_author_box(owner)
    });
    // A disclosure or notice that opens with a boilerplate phrase is not a standfirst,
    // however long.
    if let Some(first) = opening.filter(|&i| boilerplate_phrase(&segs.blocks[i].text).is_none()) {
        let first_owner = segs.blocks[first].owner;
        marked.retain(|&c| {
            let idx = c as usize;
            let standfirst = c > headline_owner
                && dom.contains(c, first_owner)
                && good_chars[idx] as f32 >= w.standfirst_min_good_share * stats.chars[idx] as f32
                && (stats.link_chars[idx] as f32)
                    < w.standfirst_max_link_share * stats.chars[idx] as f32
                && !is_comment_thread(dom, c)
                && !in_author_box(c);
            !standfirst
        });
    }
}

/// Characters of good blocks in each node's subtree.
fn good_chars_per_node(dom: &Dom, segs: &Segments, scored: &[Scored]) -> Vec<u32> {
    let mut good = vec![0u32; dom.len()];
    for (b, s) in segs.blocks.iter().zip(scored) {
        if s.class == Class::Good {
            good[b.owner as usize] += b.chars() as u32;
        }
    }
    for i in (1..dom.len()).rev() {
        if let Some(p) = dom.nodes[i].parent {
            good[p as usize] += good[i];
        }
    }
    good
}

/// The outermost elements inside the container for which `pick` holds (their subtrees are
/// not searched further, so the result is disjoint and the walk linear).
fn outermost(dom: &Dom, container: NodeId, pick: impl Fn(NodeId) -> bool) -> Vec<NodeId> {
    let mut out = Vec::new();
    let end = dom.node(container).end;
    let mut i = container + 1;
    while i < end {
        if pick(i) {
            out.push(i);
            i = dom.node(i).end;
        } else {
            i += 1;
        }
    }
    out
}

/// Subtrees of the container that are mostly links and hold little good prose.
fn link_clusters(
    dom: &Dom,
    container: NodeId,
    stats: &NodeStats,
    good_chars: &[u32],
    w: &Weights,
) -> Vec<NodeId> {
    outermost(dom, container, |i| {
        let idx = i as usize;
        let list_like = matches!(
            dom.tag(i),
            Some(
                Tag::Ul
                    | Tag::Ol
                    | Tag::Div
                    | Tag::Section
                    | Tag::Nav
                    | Tag::Aside
                    | Tag::Table
                    | Tag::Dl
                    | Tag::Menu
            )
        );
        list_like
            && stats.chars[idx] > 0
            && stats.link_chars[idx] as f32 / stats.chars[idx] as f32 >= w.cluster_link_density
            && stats.links[idx] as usize >= w.cluster_min_links
            && (good_chars[idx] as f32) < w.cluster_max_good_share * stats.chars[idx] as f32
    })
}

/// Subtrees inside `within` (the container, or a part of it) whose own class/id/role says
/// clutter (comments, related posts, share bars) and that hold only a minor part of the
/// article's good text. Markup is one signal among many: a section is only dropped this way
/// when the text evidence does not contradict it.
fn negative_sections(
    dom: &Dom,
    within: NodeId,
    container: NodeId,
    stats: &NodeStats,
    good_chars: &[u32],
    w: &Weights,
) -> Vec<NodeId> {
    let total_good = good_chars[container as usize] as f32;
    outermost(dom, within, |i| {
        let idx = i as usize;
        // A section's own `<header>` (no landmark: see `features::landmark_name`) holds its
        // heading; a "header" in its class only repeats the tag.
        let section_header = dom.tag(i) == Some(Tag::Header) && stats.landmark[idx].is_none();
        dom.tag(i).is_some_and(Tag::is_block)
            && !section_header
            && stats.own_hint[idx] <= -w.section_hint
            && (good_chars[idx] as f32) < w.section_max_good_share * total_good
    })
}

/// Whether an element's own class or id names a comment thread.
fn is_comment_thread(dom: &Dom, id: NodeId) -> bool {
    dom.element(id)
        .is_some_and(|el| class_or_id_has_word(el, COMMENT_HINTS))
}

/// A heading with nothing kept under it (the next kept block is a heading of the same or a
/// higher rank, or there is none) introduced a section that was clutter: "Related posts",
/// "Comments". A heading that holds prose of its own (a paragraph set in heading markup for
/// its size) is content, not a section title, and stays.
fn drop_empty_headings(
    segs: &Segments,
    scored: &[Scored],
    w: &Weights,
    kept: &mut [bool],
    notes: &mut [Option<String>],
) {
    // Rank of the next kept block: 0 for content, 1-6 for a heading, 7 for the end.
    let mut next_rank = 7u8;
    for i in (0..segs.blocks.len()).rev() {
        if !kept[i] {
            continue;
        }
        match segs.blocks[i].kind {
            BlockKind::Heading(_) if scored[i].score >= w.prose_heading_score => next_rank = 0,
            BlockKind::Heading(level) => {
                if next_rank != 0 && next_rank <= level || next_rank == 7 {
                    kept[i] = false;
                    notes[i] = Some("a heading with nothing kept under it".to_string());
                } else {
                    next_rank = level;
                }
            }
            _ => next_rank = 0,
        }
    }
}

/// A list whose items are mostly kept is kept whole: an item dropped only for its shape (an
/// ingredient that is a link, a reference that is mostly one) is part of it. So is a list of
/// ingredients (enough of its items open with an amount and a unit) with any item kept, however
/// many of its ingredients link to a shop. An item that says clutter in words (a boilerplate
/// phrase), sits in a landmark or is a teaser card stays dropped.
fn whole_lists(
    dom: &Dom,
    segs: &Segments,
    feats: &[Features],
    w: &Weights,
    kept: &mut [bool],
    notes: &mut [Option<String>],
) {
    let list_of = |b: &Block| {
        (b.kind == BlockKind::ListItem && dom.tag(b.owner) == Some(Tag::Li))
            .then(|| dom.node(b.owner).parent)
            .flatten()
    };
    // Per list element: (kept items, items, items that open with an amount and a unit).
    let mut counts = vec![(0u32, 0u32, 0u32); dom.len()];
    for (i, b) in segs.blocks.iter().enumerate() {
        if let Some(l) = list_of(b) {
            let c = &mut counts[l as usize];
            c.0 += u32::from(kept[i]);
            c.1 += 1;
            c.2 += u32::from(opens_with_quantity(&b.text));
        }
    }
    for (i, b) in segs.blocks.iter().enumerate() {
        let f = &feats[i];
        if kept[i]
            || notes[i].is_some()
            || f.boilerplate.is_some()
            || f.landmark.is_some()
            || f.teaser
        {
            continue;
        }
        let Some(l) = list_of(b) else { continue };
        let (k, t, q) = counts[l as usize];
        if (t as usize) < w.whole_list_min_items {
            continue;
        }
        if k as f32 >= w.whole_list_kept_share * t as f32 {
            kept[i] = true;
            notes[i] = Some("an item of a list whose other items are kept".to_string());
        } else if k > 0
            && q as f32 >= w.ingredient_list_share * t as f32
            && opens_with_quantity(&b.text)
        {
            kept[i] = true;
            notes[i] = Some("an ingredient of a list of ingredients".to_string());
        }
    }
}

/// `tag#id.class` of an element, for explanations.
fn describe(dom: &Dom, id: NodeId) -> String {
    let Some(el) = dom.element(id) else {
        return String::new();
    };
    let mut out = el.name.to_string();
    if let Some(v) = el.attr("id").filter(|v| !v.is_empty()) {
        out.push('#');
        out.push_str(v);
    }
    if let Some(c) = el.attr("class") {
        for class in c.split_whitespace().take(3) {
            out.push('.');
            out.push_str(class);
        }
    }
    if let Some(r) = el.attr("role") {
        out.push_str(&format!("[role={r}]"));
    }
    out
}
