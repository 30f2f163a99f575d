//! Stage 5: weigh each block's features into one score, keeping the reasons.

use std::sync::OnceLock;

use crate::features::{words, FastSet, Features};
use crate::patterns::{CREDIT_LABELS, PICTURE_AGENCIES};
use crate::segment::{Block, BlockKind};
use crate::weights::Weights;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Looks like article prose.
    Good,
    /// Short or undecided (headings, captions, short list items): kept only inside the article.
    Neutral,
    /// Looks like clutter.
    Bad,
}

/// One signal that moved a block's score. Kept as static parts and formatted only when a
/// caller asks for explanations, so scoring allocates no strings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reason {
    pub label: &'static str,
    /// The matched phrase or element, when there is one.
    pub detail: Option<&'static str>,
    /// The score change, or `None` for a note.
    pub delta: Option<f32>,
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label)?;
        if let Some(d) = self.detail {
            write!(f, " \"{d}\"")?;
        }
        if let Some(delta) = self.delta {
            write!(f, " ({delta:+.1})")?;
        }
        Ok(())
    }
}

impl Reason {
    fn note(label: &'static str) -> Reason {
        Reason {
            label,
            detail: None,
            delta: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Scored {
    pub score: f32,
    pub class: Class,
    /// Each signal that moved the score, e.g. `long text (+4.5)`.
    pub reasons: Vec<Reason>,
}

fn push(reasons: &mut Vec<Reason>, score: &mut f32, label: &'static str, delta: f32) {
    push_detail(reasons, score, label, None, delta);
}

fn push_detail(
    reasons: &mut Vec<Reason>,
    score: &mut f32,
    label: &'static str,
    detail: Option<&'static str>,
    delta: f32,
) {
    if delta.abs() >= 0.05 {
        *score += delta;
        reasons.push(Reason {
            label,
            detail,
            delta: Some(delta),
        });
    }
}

/// The label or agency that makes a short line a picture credit ("Foto: Jan Berg", "Getty
/// Images", "© dpa"), if it is one. Captions that describe the picture are longer and keep
/// their credit.
pub(crate) fn picture_credit(text: &str, w: &Weights) -> Option<&'static str> {
    if words(text).nth(w.credit_max_words).is_some() {
        return None;
    }
    // "(Foto: ...)" and "[Image: ...]" are credits too.
    let lower = text
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©')
        .to_lowercase();
    // Most short blocks (menu items, labels) hold no word a credit could start with: one set
    // lookup per word settles them before any phrase is searched for.
    if !lower.contains('©') && !words(&lower).any(|w| credit_words().contains(w)) {
        return None;
    }
    if let Some(label) = CREDIT_LABELS.iter().find(|l| lower.starts_with(*l)) {
        return Some(label);
    }
    // "Harbour at dawn. Foto: dpa": a caption that ends with its credit.
    if CREDIT_LABELS.iter().any(|l| lower.contains(*l)) {
        return None;
    }
    // Agencies count as whole words, so "dpa" does not match inside another word.
    let mut padded = String::with_capacity(lower.len() + 2);
    padded.push(' ');
    for word in words(&lower) {
        padded.push_str(word);
        padded.push(' ');
    }
    agency_patterns()
        .iter()
        .find(|(pattern, _)| padded.contains(pattern.as_str()))
        .map(|(_, agency)| *agency)
}

/// The first word of every credit label and picture agency. A set: every short block of the
/// page asks about each of its words.
fn credit_words() -> &'static FastSet<&'static str> {
    static WORDS: OnceLock<FastSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        CREDIT_LABELS
            .iter()
            .chain(PICTURE_AGENCIES)
            .filter_map(|phrase| words(phrase).next())
            .collect()
    })
}

/// Each agency as the padded words it is matched as, built once (every short block asks).
fn agency_patterns() -> &'static [(String, &'static str)] {
    static PATTERNS: OnceLock<Vec<(String, &'static str)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        PICTURE_AGENCIES
            .iter()
            .map(|a| (format!(" {} ", a.replace('-', " ")), *a))
            .collect()
    })
}

/// Whether a text ends like a sentence (a player's title rarely does: "Detective says vault is
/// 'a time capsule'", not "The vault was found in May.").
fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '”', '’', '»', ')'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

pub fn score(block: &Block, f: &Features, w: &Weights) -> Scored {
    let mut s = 0.0f32;
    let mut r = Vec::new();
    if f.chars == 0 {
        return Scored {
            score: 0.0,
            class: Class::Neutral,
            reasons: vec![Reason::note("media only")],
        };
    }
    // Once links dominate a block, only the words outside them count towards length: a
    // paragraph of a hundred linked names is a list of links however long it is, while prose
    // with many links (an encyclopedia) keeps its length.
    let own_words = if f.link_density > w.link_dominated {
        f.words as f32 * (1.0 - f.link_density)
    } else {
        f.words as f32
    };
    let len = w.length * ((own_words + 1.0) / (w.min_words_for_length + 1.0)).log2();
    push(
        &mut r,
        &mut s,
        if len >= 0.0 {
            "long text"
        } else {
            "short text"
        },
        len,
    );
    push(
        &mut r,
        &mut s,
        "sentences",
        w.sentence * (f.sentences as f32).min(w.max_sentences),
    );
    push(
        &mut r,
        &mut s,
        "commas",
        w.comma * (f.commas as f32).min(w.max_commas),
    );
    if let Some(d) = f.stopword_density {
        push(
            &mut r,
            &mut s,
            "stop words",
            w.stopword * (d - w.stopword_baseline),
        );
    }
    push(
        &mut r,
        &mut s,
        "link density",
        -w.link_density * f.link_density
            - w.link_heavy * (f.link_density - w.link_dominated).max(0.0),
    );
    if let Some(p) = f.boilerplate {
        push_detail(
            &mut r,
            &mut s,
            "boilerplate phrase",
            Some(p),
            -w.boilerplate,
        );
    }
    push(
        &mut r,
        &mut s,
        "class/id hints",
        w.hint * f.hint.clamp(-w.max_hint, w.max_hint),
    );
    if let Some(l) = f.landmark {
        push_detail(&mut r, &mut s, "inside a landmark", Some(l), -w.landmark);
    }
    if f.teaser {
        push(&mut r, &mut s, "teaser card group", -w.teaser);
    }
    let player_title =
        f.beside_player && f.sentences <= 1 && f.words < 25 && !ends_sentence(&block.text);
    if player_title {
        push(&mut r, &mut s, "title of an embedded player", -w.teaser);
    }
    // "▶", "•••", "|": a player's or a menu's glyph, not something to read. Code and tables
    // may be all symbols and stay what they are.
    let glyphs = !matches!(block.kind, BlockKind::Preformatted | BlockKind::Table)
        && !block.text.chars().any(char::is_alphanumeric);
    if glyphs {
        push(&mut r, &mut s, "only symbols, no words", -w.glyphs_only);
    }
    let credit = picture_credit(&block.text, w);
    if let Some(c) = credit {
        push_detail(&mut r, &mut s, "picture credit", Some(c), -w.credit);
    }
    let mut class = if s >= w.good_score {
        Class::Good
    } else if s <= w.bad_score {
        Class::Bad
    } else {
        Class::Neutral
    };
    // Headings, captions and list items are short by nature: unless something speaks against
    // them, they are not clutter just for being short.
    let short_by_nature = matches!(
        block.kind,
        BlockKind::Heading(_)
            | BlockKind::Caption
            | BlockKind::ListItem
            | BlockKind::Table
            | BlockKind::Preformatted
            | BlockKind::Quote
            | BlockKind::Media
    ) || f.caption;
    let against = f.boilerplate.is_some()
        || credit.is_some()
        || f.teaser
        || f.link_density > w.link_dominated
        || f.landmark.is_some()
        || player_title
        || glyphs
        || f.hint < -w.hint_negative;
    if class == Class::Bad && !against {
        if short_by_nature {
            class = Class::Neutral;
            r.push(Reason::note("short by nature"));
        } else if s > w.innocent_floor {
            // Short but with nothing against it (a line of a poem, an ingredient, a
            // one-line paragraph): undecided, so it stays when it sits inside the article.
            class = Class::Neutral;
            r.push(Reason::note("short, but nothing speaks against it"));
        }
    }
    if matches!(block.kind, BlockKind::Table | BlockKind::Preformatted) && class != Class::Bad {
        class = Class::Good;
    }
    Scored {
        score: s,
        class,
        reasons: r,
    }
}

#[cfg(test)]
mod tests {
    use super::picture_credit;
    use crate::weights::Weights;

    #[test]
    fn sentences_end_like_sentences_and_titles_do_not() {
        for sentence in [
            "The vault was found in May.",
            "Was it stolen?",
            "He said: \"It was there.\"",
            "这是一个句子。",
        ] {
            assert!(super::ends_sentence(sentence), "{sentence}");
        }
        for title in [
            "Detective says vault is 'a time capsule of the harbour's criminal past'",
            "Ferry captain's daughter on seeing her father's lighthouse painting again",
        ] {
            assert!(!super::ends_sentence(title), "{title}");
        }
    }

    #[test]
    fn short_credit_lines_are_credits_and_captions_are_not() {
        let w = Weights::default();
        for credit in [
            "Foto: Jan Berg",
            "Photo: Harbour Trust",
            "© dpa",
            "Mark Stout/iStock/Getty Images",
            "Bildquelle: Pixabay",
            "(Foto: Tony Silva/Ascom-PC)",
        ] {
            assert!(picture_credit(credit, &w).is_some(), "{credit}");
        }
        for not_credit in [
            "Harbour at dawn. Foto: dpa",
            "The new cranes on the north quay, seen from the old lighthouse at dawn, Getty Images",
            "Update from the council",
            "Adpa and friends",
        ] {
            assert!(picture_credit(not_credit, &w).is_none(), "{not_credit}");
        }
    }
}
