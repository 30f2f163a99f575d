//! Stage 7 (post-process), captions: a kept caption keeps what it says about the picture and
//! loses the picture credit at its end: "The quay at dawn. Foto: Jan Berg", "… at dawn.
//! (REUTERS/Jane Doe)", or a `<span class="credit">` inside the caption. A credit names who
//! took the picture, not what the article says; a caption that is nothing but a credit is
//! already scored as clutter (see `score::picture_credit`).
//!
//! The result is a set of text-node trims that the renderer applies; the DOM is not changed.

use crate::dom::{Dom, Kind, NodeId};
use crate::features::{class_or_id_has_word, words, Features};
use crate::patterns::{CREDIT_CLASS_HINTS, CREDIT_JOINERS, CREDIT_LABELS};
use crate::score::picture_credit;
use crate::segment::{BlockKind, Segments};
use crate::weights::Weights;

/// Text nodes cut short, in document order: (node, bytes of its text kept; 0: none of it).
#[derive(Debug, Default)]
pub struct Trims(Vec<(NodeId, usize)>);

impl Trims {
    /// How many bytes of text node `id` stay, when it is cut.
    pub fn kept(&self, id: NodeId) -> Option<usize> {
        self.0
            .binary_search_by_key(&id, |t| t.0)
            .ok()
            .map(|at| self.0[at].1)
    }
}

/// Finds the credits at the end of the kept captions. Returns the trims and the blocks that
/// lost a credit (for their reasons; the block's text still shows it).
pub fn caption_credits(
    dom: &Dom,
    segs: &Segments,
    feats: &[Features],
    kept: &[bool],
    w: &Weights,
) -> (Trims, Vec<usize>) {
    let mut trims = Vec::new();
    let mut notes = Vec::new();
    for (i, b) in segs.blocks.iter().enumerate() {
        if !kept[i] || !feats[i].caption || b.kind == BlockKind::Table {
            continue;
        }
        // Credit-only captions are the scorer's business; this only shortens real captions.
        if picture_credit(&b.text, w).is_some() {
            continue;
        }
        let texts: Vec<(NodeId, &str)> = (b.owner..=b.last)
            .filter(|&j| segs.block_of[j as usize] == i as u32)
            .filter_map(|j| match &dom.node(j).kind {
                Kind::Text(t) => Some((j, &**t)),
                _ => None,
            })
            .collect();
        if let Some(cut) = credit_cut(dom, b.owner, &texts, w) {
            // What stays must still say something about the picture.
            let kept_words = texts[..cut.node]
                .iter()
                .map(|(_, t)| *t)
                .chain([&texts[cut.node].1[..cut.bytes]])
                .map(|t| words(t).count())
                .sum::<usize>();
            if kept_words < w.caption_min_words {
                continue;
            }
            trims.push((texts[cut.node].0, cut.bytes));
            trims.extend(texts[cut.node + 1..].iter().map(|(j, _)| (*j, 0)));
            notes.push(i);
        }
    }
    trims.sort_unstable_by_key(|t| t.0);
    (Trims(trims), notes)
}

/// Where a caption's credit starts: the text node, and how many bytes of it stay.
struct Cut {
    node: usize,
    bytes: usize,
}

/// Where the credit at the end of a caption made of `texts` starts, if there is one.
fn credit_cut(dom: &Dom, owner: NodeId, texts: &[(NodeId, &str)], w: &Weights) -> Option<Cut> {
    // 1. Whole trailing text nodes: an element marked as a credit, or text that reads as one
    //    ("Getty Images", "© Thinkstock"). The longest such tail wins.
    let mut from = texts.len();
    let mut suffix = String::new();
    for k in (1..texts.len()).rev() {
        suffix.insert_str(0, texts[k].1);
        let n = words(&suffix).count();
        if n > w.caption_credit_max_words {
            break;
        }
        if n == 0 {
            continue;
        }
        if picture_credit(&suffix, w).is_some()
            || label_at(suffix.trim_start()).is_some()
            || starts_credit_element(dom, owner, texts[k].0, texts[k - 1].0)
        {
            from = k;
        }
    }
    // 2. Inside the last text node that stays: "… at dawn. Foto: Jan Berg", "(REUTERS/Jane Doe)".
    let last = from.checked_sub(1)?;
    let text = texts[last].1;
    let tail = credit_tail(text, w);
    let (node, bytes) = match tail {
        Some(at) => (last, at),
        None if from < texts.len() => (last, text.len()),
        None => return None,
    };
    // Joiners and white space between the caption and its credit go with the credit.
    let bytes = text[..bytes]
        .trim_end_matches(|c: char| c.is_whitespace() || CREDIT_JOINERS.contains(&c))
        .len();
    Some(Cut { node, bytes })
}

/// Does an element marked as a credit (`class="credit"`, `"copyright"`, ...) inside the caption
/// start at text node `id` (the previous text node `prev` lying outside it)?
fn starts_credit_element(dom: &Dom, owner: NodeId, id: NodeId, prev: NodeId) -> bool {
    dom.ancestors(id)
        .take_while(|&a| a != owner && a > prev)
        .any(|a| {
            dom.element(a)
                .is_some_and(|el| class_or_id_has_word(el, CREDIT_CLASS_HINTS))
        })
}

/// The credit label `s` starts with, if the text after it can be a name: labels that end in
/// a colon or hold "©" say so themselves; the others ("photo by", "copyright ") must be
/// followed by something that is not a lower-case word ("a photo by the harbour master").
fn label_at(s: &str) -> Option<&'static str> {
    // Labels are lower case: compare them with the text lower-cased as it is read.
    let starts_with = |label: &str| {
        let mut text = s.chars().flat_map(char::to_lowercase);
        label.chars().all(|c| text.next() == Some(c))
    };
    let label = CREDIT_LABELS.iter().find(|l| starts_with(l))?;
    if label.ends_with(':') || label.contains('©') {
        return Some(label);
    }
    let rest = s
        .char_indices()
        .nth(label.chars().count())
        .map_or("", |(at, _)| &s[at..]);
    let next = rest.trim_start_matches([' ', ':']).chars().next();
    next.is_some_and(|c| !c.is_lowercase()).then_some(label)
}

/// Where the credit at the end of one caption text starts, in bytes: a label near the end
/// ("Foto: Jan Berg") or a closing parenthesis that holds a credit ("(REUTERS/Jane Doe)").
fn credit_tail(text: &str, w: &Weights) -> Option<usize> {
    let trimmed = text.trim_end();
    // "(Foto: Privat)", "(mlharing / iStock.com)".
    if let Some(body) = trimmed.strip_suffix(')') {
        if let Some(open) = body.rfind('(') {
            let inner = &body[open + 1..];
            if words(inner).count() <= w.caption_credit_max_words
                && (picture_credit(inner, w).is_some() || label_at(inner.trim_start()).is_some())
            {
                return Some(open);
            }
        }
    }
    // The earliest label whose words run to the end within the limit.
    let mut found = None;
    for (at, c) in text.char_indices().rev() {
        let before = text[..at].chars().next_back();
        let at_word_start = before.is_none_or(|p| !p.is_alphanumeric());
        if !at_word_start || !(c.is_alphanumeric() || c == '©' || c == '(') {
            continue;
        }
        if words(&text[at..]).count() > w.caption_credit_max_words {
            break;
        }
        if at > 0 && label_at(&text[at..]).is_some() {
            found = Some(at);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tail(s: &str) -> Option<&str> {
        credit_tail(s, &Weights::default()).map(|at| &s[at..])
    }

    #[test]
    fn a_credit_at_the_end_of_a_caption_is_found() {
        for (caption, credit) in [
            (
                "Helpers at the river after the flood. Foto: Galli/Malteser",
                "Foto: Galli/Malteser",
            ),
            (
                "The keeper in the lantern room. (Foto: Privat)",
                "(Foto: Privat)",
            ),
            (
                "The prize went to a newspaper editor (REUTERS/Denis Balibouse)",
                "(REUTERS/Denis Balibouse)",
            ),
            ("The new cranes. © Harbour Trust", "© Harbour Trust"),
            ("Ferries in the bay. Photo by Jane Doe", "Photo by Jane Doe"),
            ("Erdölpumpen im Abendrot. Bild: ", "Bild: "),
        ] {
            assert_eq!(tail(caption), Some(credit), "{caption}");
        }
    }

    #[test]
    fn captions_without_a_credit_keep_their_end() {
        for caption in [
            "A photo by the harbour master shows the wreck at low tide.",
            "Figure 3: (a) before, (b) during, (c) after the storm",
            "The lighthouse keeper (right) with his daughter",
            "Foto: the harbour at dawn, seen from the ferry",
            "Sales by region (in million euros)",
        ] {
            assert_eq!(tail(caption), None, "{caption}");
        }
    }

    #[test]
    fn labels_need_a_name_after_them_unless_they_say_so() {
        assert!(label_at("Photo by Jane Doe").is_some());
        assert!(label_at("photo by the harbour master").is_none());
        assert!(label_at("Foto: privat").is_some());
        assert!(label_at("© dpa").is_some());
    }
}
