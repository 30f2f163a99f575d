//! Every tuning number of the extractor, in one table.
//!
//! The weights were calibrated together against the development corpora with
//! `declutter eval` (see the README); they interact, so change one only while re-running the
//! evaluation and reading which pages moved. User-facing choices live in `Options`, not here.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Weights {
    // ---- block score: content evidence ----
    /// Score per log2 step of a block's word count above `min_words_for_length`. Long runs of text are
    /// the strongest single sign of article prose.
    pub length: f32,
    /// Word count at which the length term is zero; shorter blocks lose points.
    pub min_words_for_length: f32,
    /// Link density above which a block is dominated by its links: the heavy link penalty
    /// starts there, only its words outside links count towards length, nothing speaks for it
    /// as an innocent short line, it counts as teaser text for readerability, and a heading
    /// this linked is no headline.
    pub link_dominated: f32,
    /// Points for each sentence end (. ! ? and their CJK forms), capped by `max_sentences`.
    pub sentence: f32,
    pub max_sentences: f32,
    /// Points per comma (prose has clauses; menus do not), capped by `max_commas`.
    pub comma: f32,
    pub max_commas: f32,
    /// Points per unit of stop-word density above `stopword_baseline` (only for languages with a
    /// list; others score 0 here).
    pub stopword: f32,
    pub stopword_baseline: f32,
    /// Penalty per unit of link density (share of the block's characters inside links).
    pub link_density: f32,
    /// Extra penalty per unit of link density above one half: a block that is mostly link is
    /// navigation or a teaser even when it is long.
    pub link_heavy: f32,
    /// A block whose text starts with a boilerplate phrase ("Read more:", "Listen to this
    /// article") loses this many points.
    pub boilerplate: f32,
    /// Blocks with at least this many words are never treated as boilerplate by phrase alone.
    pub boilerplate_max_words: usize,
    /// Penalty for a block of symbols without a letter or digit ("▶", "•••"): a glyph.
    pub glyphs_only: f32,
    /// Penalty for a short line that only credits a picture ("Foto: dpa", "Getty Images")...
    pub credit: f32,
    /// ...of at most this many words.
    pub credit_max_words: usize,
    /// A credit at the end of a kept caption ("… at dawn. Foto: Jan Berg") is cut from it when
    /// it has at most this many words (its label makes it longer than a bare credit line)...
    pub caption_credit_max_words: usize,
    /// ...and the caption keeps at least this many words without it.
    pub caption_min_words: usize,
    /// A line of at most this many words alone beside a picture in a wrapper of their own
    /// counts as its caption, whatever its markup.
    pub caption_max_words: usize,
    /// Weight of the summed class/id/role hints of the block's ancestors.
    pub hint: f32,
    /// Cap on the absolute summed hint, so one strong token cannot decide alone.
    pub max_hint: f32,
    /// Points an element earns for each positive class/id word or role.
    pub hint_positive: f32,
    /// Points an element loses for each negative class/id word or role.
    pub hint_negative: f32,
    /// A class or id word is searched for negative stems (`commentlist`, `sharebar`) only when
    /// it has at least this many bytes; a shorter word counts only as a whole word.
    pub stem_search_min_len: usize,
    /// Penalty for blocks inside `nav`, `aside`, `footer`, `header`, `menu` elements.
    pub landmark: f32,
    /// Penalty for a block that belongs to a teaser group: many sibling cards of the same shape
    /// whose text is mostly linked headlines.
    pub teaser: f32,
    /// Minimum number of same-shaped siblings for a teaser group.
    pub teaser_min_cards: usize,
    /// A card whose link density is above this counts towards a teaser group.
    pub teaser_link_density: f32,
    /// A card whose heading is wholly a link counts from this lower link density (a linked
    /// headline over a short standfirst).
    pub teaser_headline_density: f32,

    // ---- block classes ----
    /// A block at or above this score is good content.
    pub good_score: f32,
    /// A block at or below this score is clutter.
    pub bad_score: f32,
    /// A short block with no evidence against it (no links, phrases, landmarks, clutter
    /// classes) scoring above this is undecided rather than clutter.
    pub innocent_floor: f32,

    // ---- article region ----
    /// Value of a good block in the region search, per character (capped by `max_block_chars`).
    pub good_value: f32,
    pub max_block_chars: f32,
    /// Value of a clutter block in the region search, per character (negative), and the most one
    /// block can cost: a single promo inside the body must not split the article in two.
    pub bad_value: f32,
    pub max_bad_cost: f32,
    /// Cost of a neutral (short, undecided) block in the region search.
    pub neutral_cost: f32,
    /// How many blocks before the dense run may still be kept as its heading or lead image.
    pub lead_in_blocks: usize,
    /// A good block inside the article's container but outside the dense run is still kept
    /// when its score reaches this (clear prose, not a stray caption or comment).
    pub outside_run_score: f32,
    /// A list of at least this many items, of which at least this share are kept, is kept
    /// whole (items dropped for their shape alone, not for what they say).
    pub whole_list_min_items: usize,
    pub whole_list_kept_share: f32,
    /// A list or run of same-shaped siblings of which at least this share open with an amount
    /// and a unit ("1 cup") is a recipe's ingredients: never a teaser group, and kept whole
    /// when any item is kept.
    pub ingredient_list_share: f32,
    /// A heading scoring at least this holds prose of its own (a paragraph set in heading
    /// markup) and is kept even with nothing under it.
    pub prose_heading_score: f32,

    // ---- post-processing ----
    /// Inside the article, a subtree whose link density is above this and that holds at least
    /// `cluster_min_links` links is a link list (related stories, tags) and is dropped.
    pub cluster_link_density: f32,
    pub cluster_min_links: usize,
    /// ...and whose good prose is less than this share of its text.
    pub cluster_max_good_share: f32,
    /// Inside the article, an element whose own class/id/role hint is at or below minus this
    /// (a `comments` or `related-posts` section) is dropped whole when it holds less than
    /// `section_max_good_share` of the article's good text.
    pub section_hint: f32,
    pub section_max_good_share: f32,
    /// Such a section under the headline that holds the first good block after it is the
    /// standfirst and stays when at least this share of its text is good prose and less than
    /// `standfirst_max_link_share` of it is linked.
    pub standfirst_min_good_share: f32,
    pub standfirst_max_link_share: f32,

    // ---- readerable ----
    /// Minimum article text length (characters) for a confident "readerable" answer.
    pub readerable_min_chars: f32,
    /// Confidence at or above which the page is called readerable.
    pub readerable_threshold: f32,
    /// Share of the confidence earned by the article's length (full at twice
    /// `readerable_min_chars`), by its count of good blocks (full at `readerable_good_blocks`),
    /// and by the page declaring itself an article (JSON-LD type or `og:type`).
    pub readerable_length_share: f32,
    pub readerable_blocks_share: f32,
    pub readerable_good_blocks: f32,
    pub readerable_declared_share: f32,
    /// A page whose text is more than this share linked teasers, with a short article, loses
    /// confidence in proportion (a front page).
    pub readerable_teaser_share: f32,
    pub readerable_teaser_penalty: f32,

    // ---- region widening and header lines ----
    /// The container widens to its parent when the parent adds more than this share of the
    /// container's good text...
    pub widen_min_gain: f32,
    /// ...and that addition is mostly good text (share of the parent's extra characters).
    pub widen_min_purity: f32,
    /// Extra region value (in characters of good text) of the first good block after the
    /// heading that names the page's title...
    pub headline_anchor: f32,
    /// ...searched for among this many blocks after that heading.
    pub headline_anchor_blocks: usize,
    /// A comment thread (class or id) that follows the first good block under the headline
    /// ends the article when it holds at least this many characters (what comes after it in the
    /// container is dropped)...
    pub comment_thread_min_chars: u32,
    /// ...and a thread always does once at least this share of the good text comes before it.
    pub comment_thread_min_good_share: f32,
    /// Blocks after the first good one still searched for headline, byline and date lines.
    pub header_zone_blocks: usize,
    /// A byline line has at most this many words...
    pub header_line_words: usize,
    /// ...and at most this many times the characters of the byline's names ("Words and
    /// pictures by ..." is a byline; a sentence that names the author is not).
    pub byline_line_max_ratio: usize,
    /// A "By ..." line found by its text alone names at least this many words (one capitalised
    /// word is as often a German noun)...
    pub byline_name_min_words: usize,
    /// ...and at most this many.
    pub byline_name_words: usize,
    /// ...and a date line at most this many ("Posted Wed 31 Jan 2024 at 6:12am, updated ...").
    pub date_line_words: usize,
    /// A teaser card holds fewer characters than this (a headline and a standfirst).
    pub teaser_max_chars: u32,
    /// How many ancestors of a block are searched for the teaser card it belongs to.
    pub teaser_card_depth: usize,

    // ---- the JSON-LD body ----
    /// The JSON-LD `articleBody` replaces the extracted text when it has at least this many
    /// characters...
    pub ld_body_min_chars: usize,
    /// ...and this many times the extracted text's.
    pub ld_body_ratio: f32,

    // ---- output ----
    /// Words read per minute, for `readingMinutes`.
    pub words_per_minute: f32,
    /// Characters in the generated excerpt.
    pub excerpt_chars: usize,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            length: 1.5,
            min_words_for_length: 10.0,
            link_dominated: 0.5,
            sentence: 0.8,
            max_sentences: 4.0,
            comma: 0.3,
            max_commas: 4.0,
            stopword: 8.0,
            stopword_baseline: 0.18,
            link_density: 6.0,
            link_heavy: 8.0,
            boilerplate: 6.0,
            boilerplate_max_words: 30,
            glyphs_only: 6.0,
            credit: 4.0,
            credit_max_words: 6,
            caption_credit_max_words: 10,
            caption_min_words: 2,
            caption_max_words: 60,
            hint: 1.0,
            max_hint: 4.0,
            hint_positive: 1.0,
            hint_negative: 1.5,
            stem_search_min_len: 7,
            landmark: 3.0,
            teaser: 4.0,
            teaser_min_cards: 3,
            teaser_link_density: 0.5,
            teaser_headline_density: 0.2,
            good_score: 1.5,
            bad_score: -1.0,
            innocent_floor: -4.0,
            good_value: 1.0,
            max_block_chars: 600.0,
            bad_value: 1.0,
            max_bad_cost: 120.0,
            neutral_cost: 6.0,
            lead_in_blocks: 3,
            outside_run_score: 6.0,
            whole_list_min_items: 3,
            whole_list_kept_share: 0.66,
            ingredient_list_share: 0.5,
            prose_heading_score: 6.0,
            cluster_link_density: 0.6,
            cluster_min_links: 3,
            cluster_max_good_share: 0.5,
            section_hint: 0.5,
            section_max_good_share: 0.2,
            standfirst_min_good_share: 0.6,
            standfirst_max_link_share: 0.2,
            readerable_min_chars: 500.0,
            readerable_threshold: 0.5,
            readerable_length_share: 0.55,
            readerable_blocks_share: 0.25,
            readerable_good_blocks: 5.0,
            readerable_declared_share: 0.2,
            readerable_teaser_share: 0.5,
            readerable_teaser_penalty: 0.3,
            widen_min_gain: 0.25,
            widen_min_purity: 0.5,
            headline_anchor: 300.0,
            headline_anchor_blocks: 4,
            comment_thread_min_chars: 150,
            comment_thread_min_good_share: 0.5,
            header_zone_blocks: 6,
            header_line_words: 12,
            byline_line_max_ratio: 3,
            byline_name_min_words: 2,
            byline_name_words: 6,
            date_line_words: 16,
            teaser_max_chars: 300,
            teaser_card_depth: 6,
            ld_body_min_chars: 500,
            ld_body_ratio: 2.0,
            words_per_minute: 230.0,
            excerpt_chars: 200,
        }
    }
}
