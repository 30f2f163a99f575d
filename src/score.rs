//! Stage 5: weigh each block's features into one score, keeping the reasons.

use crate::features::Features;
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

#[derive(Debug, Clone)]
pub struct Scored {
    pub score: f32,
    pub class: Class,
    /// Each signal that moved the score, e.g. `long text (+4.5)`.
    pub reasons: Vec<String>,
}

fn push(reasons: &mut Vec<String>, score: &mut f32, label: &str, delta: f32) {
    if delta.abs() >= 0.05 {
        *score += delta;
        reasons.push(format!("{label} ({delta:+.1})"));
    }
}

pub fn score(block: &Block, f: &Features, w: &Weights) -> Scored {
    let mut s = 0.0f32;
    let mut r = Vec::new();
    if f.chars == 0 {
        return Scored {
            score: 0.0,
            class: Class::Neutral,
            reasons: vec!["media only".to_string()],
        };
    }
    let len = w.length * ((f.words as f32 + 1.0) / (w.min_words_for_length + 1.0)).log2();
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
        -w.link_density * f.link_density - w.link_heavy * (f.link_density - 0.5).max(0.0),
    );
    if let Some(p) = f.boilerplate {
        push(
            &mut r,
            &mut s,
            &format!("boilerplate phrase \"{p}\""),
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
        push(&mut r, &mut s, &format!("inside <{l}>"), -w.landmark);
    }
    if f.teaser {
        push(&mut r, &mut s, "teaser card group", -w.teaser);
    }
    if f.beside_player && f.sentences <= 1 && f.words < 25 {
        push(&mut r, &mut s, "title of an embedded player", -w.teaser);
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
        || f.teaser
        || f.link_density > 0.5
        || f.landmark.is_some()
        || (f.beside_player && f.words < 25)
        || f.hint < -w.hint_negative;
    if class == Class::Bad && short_by_nature && !against {
        class = Class::Neutral;
        r.push("short by nature".to_string());
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
