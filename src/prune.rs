//! Stage 2: mark what can never be article content: hidden elements, scripts, controls, embeds.
//!
//! Nothing is deleted; the stage returns a per-node flag that later stages skip. Landmarks such
//! as `nav` or `footer` are *not* pruned here: they are a scoring signal, because some sites
//! wrap real content in them.

use crate::dom::{Dom, Kind, NodeId, Tag};
use crate::patterns::{SECTION_EDIT_VERBS, SECTION_EDIT_WORDS};
use markup5ever::local_name;
use std::collections::HashMap;

/// What the prune stage found.
#[derive(Debug, Clone)]
pub struct Pruned {
    /// `removed[i]`: node `i` (and so its subtree) is not content.
    pub removed: Vec<bool>,
    /// `embed[i]`: the subtree of element `i` held a video, audio or frame player (even though
    /// the player itself is removed): text beside it is probably the player's title.
    pub embeds: Vec<bool>,
    /// Images found as markup inside `<noscript>` (lazy-loading fallbacks), by noscript node.
    pub noscript_images: HashMap<NodeId, Vec<(String, String)>>,
}

/// Elements that are never content, whatever their text.
fn never_content(tag: Tag) -> bool {
    use Tag::*;
    matches!(
        tag,
        Script
            | Style
            | Template
            | Iframe
            | Object
            | Embed
            | Input
            | Button
            | Select
            | Option
            | Textarea
            | Link
            | Meta
            | Head
            | Title
            | Svg
            | Noscript
            | Dialog
            | Audio
            | Video
            | Label
    )
}

fn is_player(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Iframe | Tag::Video | Tag::Audio | Tag::Object | Tag::Embed
    )
}

/// Is the element hidden by its own attributes? (The extension additionally marks what the live
/// page does not render with `data-declutter-hidden`.)
pub fn is_hidden(el: &crate::dom::Element) -> bool {
    if el.attr_named(&local_name!("hidden")).is_some() || el.has_attr("data-declutter-hidden") {
        return true;
    }
    if el
        .attr_named(&local_name!("aria-hidden"))
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if let Some(style) = el.attr_named(&local_name!("style")) {
        let compact: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        if compact.contains("display:none") || compact.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

pub fn prune(dom: &Dom) -> Pruned {
    let n = dom.len();
    let mut removed = vec![false; n];
    let mut embeds = vec![false; n];
    let mut noscript_images = HashMap::new();
    for i in 0..n {
        let node = &dom.nodes[i];
        if let Some(p) = node.parent {
            if removed[p as usize] {
                removed[i] = true;
                continue;
            }
        }
        let Kind::Element(el) = &node.kind else {
            continue;
        };
        if is_player(el.tag) {
            // Mark the player's nearest few ancestors, so the scorer can tell a video's title
            // from a subheading.
            for a in dom.ancestors(i as NodeId).take(3) {
                embeds[a as usize] = true;
            }
        }
        if el.tag == Tag::Noscript {
            if let Some(img) = noscript_image(dom, i as NodeId) {
                noscript_images.insert(i as NodeId, img);
            }
        }
        if never_content(el.tag) || is_hidden(el) {
            removed[i] = true;
        } else if el.tag.is_heading() {
            for control in section_edit_controls(dom, i as NodeId) {
                removed[control as usize] = true;
            }
        }
    }
    Pruned {
        removed,
        embeds,
        noscript_images,
    }
}

/// The longest heading, in characters, searched for "\[edit\]" links.
const SECTION_HEADING_MAX_CHARS: usize = 200;

/// The "\[edit\]" links wiki software puts inside each section heading, each with the wrapper
/// that holds its brackets: a link whose words are an edit control's (see
/// [`SECTION_EDIT_VERBS`]), in a heading that has words of its own besides.
fn section_edit_controls(dom: &Dom, heading: NodeId) -> Vec<NodeId> {
    // Only a heading's length of text is looked at: the search below reads the text of each
    // control's wrappers, which must not grow with the page.
    let Some(heading_text) = dom.short_text_of(heading, SECTION_HEADING_MAX_CHARS) else {
        return Vec::new();
    };
    let end = dom.node(heading).end;
    let mut controls = Vec::new();
    let mut j = heading + 1;
    while j < end {
        if dom.tag(j) != Some(Tag::A) || !is_section_edit_control(&dom.text_of(j)) {
            j += 1;
            continue;
        }
        // Climb to the wrapper that holds only controls and their brackets ("[edit | edit
        // source]").
        let mut control = j;
        while let Some(p) = dom.node(control).parent.filter(|&p| p != heading) {
            if !is_section_edit_control(&dom.text_of(p)) {
                break;
            }
            control = p;
        }
        controls.push(control);
        j = dom.node(control).end;
    }
    // A heading that is nothing but such a link is a heading.
    let letters = |text: &str| text.chars().filter(|c| c.is_alphanumeric()).count();
    let in_controls: usize = controls.iter().map(|&c| letters(&dom.text_of(c))).sum();
    if letters(&heading_text) > in_controls {
        controls
    } else {
        Vec::new()
    }
}

/// Whether a link's (or its wrapper's) text is an edit control: an edit verb first, and
/// only the words of such controls, in any case, between any brackets and separators.
fn is_section_edit_control(text: &str) -> bool {
    let lower = text.to_lowercase();
    let mut words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty());
    words
        .next()
        .is_some_and(|w| SECTION_EDIT_VERBS.contains(&w))
        && words.all(|w| SECTION_EDIT_WORDS.contains(&w))
}

/// The attributes of the first `<img>` written inside a `<noscript>` (whose content the parser
/// keeps as raw text).
fn noscript_image(dom: &Dom, id: NodeId) -> Option<Vec<(String, String)>> {
    let raw = dom.text_of(id);
    if !raw.contains("<img") {
        return None;
    }
    // Parsed into an arena of its own, with the page's parser: a second kind of tree here
    // would put a second copy of the tree builder into the WebAssembly module.
    let fragment = Dom::parse(&raw);
    let img = (0..fragment.len() as NodeId)
        .find_map(|i| fragment.element(i).filter(|e| e.tag == Tag::Img))?;
    Some(
        img.attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use crate::dom::{Dom, Kind};

    /// The text that survives pruning, whitespace collapsed.
    fn kept_text(page: &str) -> String {
        let dom = Dom::parse(page);
        let pruned = super::prune(&dom);
        let mut out = String::new();
        for (i, node) in dom.nodes.iter().enumerate() {
            if let (Kind::Text(t), false) = (&node.kind, pruned.removed[i]) {
                crate::dom::push_collapsed(&mut out, t);
            }
        }
        out.trim().to_string()
    }

    #[test]
    fn section_edit_links_leave_their_headings() {
        let edit = "<h2><span id=a>History</span><span class=x>[<a href=/w?action=edit>edit</a>\
                    | <a href=/w?veaction=edit>edit source</a>]</span></h2>";
        assert_eq!(kept_text(edit), "History");
        let german = "<h3>Geschichte<span>[<a href=/w>Bearbeiten</a> | \
                      <a href=/w>Quelltext bearbeiten</a>]</span></h3>";
        assert_eq!(kept_text(german), "Geschichte");
        // A heading that is only such a link, and links that say more, stay.
        assert_eq!(kept_text("<h2><a href=/e>Edit</a></h2>"), "Edit");
        let more = "<h2>Tools <a href=/t>edit your photos</a></h2>";
        assert_eq!(kept_text(more), "Tools edit your photos");
        assert_eq!(
            kept_text("<p>Intro [<a href=/w>edit</a>]</p>"),
            "Intro [edit]"
        );
    }
}
