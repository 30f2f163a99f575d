//! Stage 4: measure each block. Pure measurements, no judgement: the scorer weighs them.

use crate::dom::{unicode_space_len, Dom, Element, Kind, NodeId, Tag, HASH_FACTOR};
use crate::patterns::{
    BOILERPLATE_LINES, BOILERPLATE_PREFIXES, CAPTION_HINTS, NEGATIVE_HINTS, NEGATIVE_ROLES,
    NEGATIVE_STEMS, POSITIVE_HINTS, POSITIVE_ITEMPROPS, POSITIVE_ROLES, QUANTITY_UNITS,
    STEM_EXCEPTIONS, STOPWORDS,
};
use crate::prune::Pruned;
use crate::segment::{is_blank, Block, Segments};
use crate::weights::Weights;
use markup5ever::local_name;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A multiply-rotate hash that takes eight bytes a step: the tables here are keyed by words
/// and whole class strings (often long), where the standard SipHash (built to resist hostile
/// keys) costs more than the lookup. A page cannot make these tables large: their keys are
/// fixed word lists, or capped per document below.
#[derive(Default)]
pub struct WordHash(u64);

impl WordHash {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(HASH_FACTOR);
    }
}

impl Hasher for WordHash {
    fn finish(&self) -> u64 {
        // The multiplications mix best into the high bits; the table indexes with the low ones.
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        // The length keeps "ab" and "ab\0" apart.
        self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 60));
    }
}

/// Distinct class/id strings cached per document; past this they are computed each time.
const HINT_CACHE_LIMIT: usize = 4096;

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHash>>;
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<WordHash>>;

/// Words with a `u32` of flags each. Every word of every block and every class word of a
/// page is looked up in one of these, so the short ASCII words (most of them) are kept a
/// second time, packed into a `u64` ([`pack_ascii`]) in an open-addressed table, where a
/// lookup costs one multiplication and no string comparison.
struct WordTable {
    map: FastMap<&'static str, u32>,
    /// (packed word, flags) of every lower-case ASCII word of `map` of one to eight bytes;
    /// key 0 marks a free slot. At most a quarter full: a free slot comes within a few steps.
    short: Vec<(u64, u32)>,
}

/// A word of one to eight ASCII bytes other than NUL, lower-cased, as a little-endian `u64`:
/// no such word packs to 0, and two pack alike only when their lower cases are equal.
fn pack_ascii(word: &[u8]) -> Option<u64> {
    (!word.is_empty() && word.len() <= 8 && word.iter().all(|&x| x != 0 && x < 0x80)).then(|| {
        word.iter()
            .rev()
            .fold(0, |key, &x| key << 8 | u64::from(x.to_ascii_lowercase()))
    })
}

impl WordTable {
    fn new(map: FastMap<&'static str, u32>) -> WordTable {
        let size = (map.len() * 4).next_power_of_two().max(8);
        let mut table = WordTable {
            map,
            short: vec![(0, 0); size],
        };
        for (w, &flags) in &table.map {
            // Packing lower-cases: a word of the map that is not lower case is left to it.
            match pack_ascii(w.as_bytes()) {
                Some(key) if *w == w.to_ascii_lowercase() => {
                    let mut i = table.slot(key);
                    while table.short[i].0 != 0 {
                        i = (i + 1) & (size - 1);
                    }
                    table.short[i] = (key, flags);
                }
                _ => {}
            }
        }
        table
    }

    /// The slot of `short` where the search for `key` starts.
    fn slot(&self, key: u64) -> usize {
        let bits = self.short.len().trailing_zeros();
        (key.wrapping_mul(HASH_FACTOR) >> (64 - bits)) as usize
    }

    /// The flags of a packed word (0 if it is not in the table).
    fn packed(&self, key: u64) -> u32 {
        let mask = self.short.len() - 1;
        let mut i = self.slot(key);
        loop {
            match self.short[i] {
                (0, _) => return 0,
                (k, flags) if k == key => return flags,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// The flags of a lower-case word (0 if it is not in the table).
    fn get(&self, word: &str) -> u32 {
        match pack_ascii(word.as_bytes()) {
            Some(key) => self.packed(key),
            None => self.map.get(word).copied().unwrap_or(0),
        }
    }
}

/// Every stop word of every language, with a bit per language that lists it.
struct StopwordIndex {
    words: WordTable,
    /// Characters in the longest stop word.
    max_chars: usize,
}

impl StopwordIndex {
    /// The languages that list `word` (lower-cased in `buf`) as a stop word, one bit each.
    fn langs(&self, word: &str, buf: &mut String) -> u32 {
        if let Some(key) = pack_ascii(word.as_bytes()) {
            return self.words.packed(key);
        }
        // Lower-casing never makes a word fewer characters, so a word longer than every stop
        // word is none: a good share of prose words are skipped without lower case or lookup.
        // Its length in bytes bounds its characters, which are counted only past the bound.
        if word.len() > self.max_chars && word.chars().count() > self.max_chars {
            return 0;
        }
        self.words.get(lower_into(buf, word))
    }
}

/// The stop-word index, built once.
fn stopword_index() -> &'static StopwordIndex {
    static INDEX: OnceLock<StopwordIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut bits: FastMap<&'static str, u32> = FastMap::default();
        let mut max_chars = 0;
        for (k, (_, list)) in STOPWORDS.iter().enumerate() {
            for w in *list {
                *bits.entry(w).or_insert(0) |= 1 << k;
                max_chars = max_chars.max(w.chars().count());
            }
        }
        StopwordIndex {
            words: WordTable::new(bits),
            max_chars,
        }
    })
}

/// Flags of [`hint_table`]: the word is a negative hint, a positive one.
const NEGATIVE_WORD: u32 = 1;
const POSITIVE_WORD: u32 = 2;

/// Class/id words and what each says ([`NEGATIVE_WORD`], [`POSITIVE_WORD`]). One lookup per
/// word serves both lists.
fn hint_table() -> &'static WordTable {
    static TABLE: OnceLock<WordTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: FastMap<&'static str, u32> = FastMap::default();
        for w in NEGATIVE_HINTS {
            *map.entry(w).or_default() |= NEGATIVE_WORD;
        }
        for w in POSITIVE_HINTS {
            *map.entry(w).or_default() |= POSITIVE_WORD;
        }
        WordTable::new(map)
    })
}

/// Lower-cases `word` into `buf` (reused between calls to avoid an allocation per word); a word
/// that is lower-case ASCII already, as most are, is returned as it is.
fn lower_into<'a>(buf: &'a mut String, word: &'a str) -> &'a str {
    if word
        .bytes()
        .all(|b| b.is_ascii_lowercase() || !b.is_ascii_alphabetic() && b < 0x80)
    {
        return word;
    }
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    buf
}

/// What was measured about one block.
#[derive(Debug, Clone, Default)]
pub struct Features {
    pub chars: usize,
    pub words: usize,
    pub link_density: f32,
    pub sentences: usize,
    pub commas: usize,
    /// Share of words that are stop words of the page's language; `None` when the language has
    /// no list (or the block has too few words to say).
    pub stopword_density: Option<f32>,
    /// The boilerplate phrase the block opens with, if any.
    pub boilerplate: Option<&'static str>,
    /// Sum of class/id/role hints of the block's element and its ancestors.
    pub hint: f32,
    /// Inside `nav`, `aside`, `footer`, `header` or `menu`.
    pub landmark: Option<&'static str>,
    /// Part of a group of same-shaped, link-heavy sibling cards.
    pub teaser: bool,
    /// Sits right beside a video/audio/frame player: likely its title.
    pub beside_player: bool,
    /// Marked as a caption or photo credit.
    pub caption: bool,
}

/// Per-node measurements of whole subtrees, summed bottom-up in one pass.
#[derive(Debug, Clone)]
pub struct NodeStats {
    pub chars: Vec<u32>,
    pub link_chars: Vec<u32>,
    pub links: Vec<u32>,
    /// Hint of the element itself (not inherited).
    pub own_hint: Vec<f32>,
    /// Hint of the element and its ancestors: every negative counts, but of the positives only
    /// the strongest, so a site-wide `#content` wrapper cannot cancel a `comment` class below it.
    pub hint: Vec<f32>,
    /// Strongest positive hint on the element or an ancestor (a part of `hint`).
    pub best_positive: Vec<f32>,
    /// Nearest landmark ancestor (nav, aside, footer, header, menu), if any.
    pub landmark: Vec<Option<&'static str>>,
    /// Element is a card of a teaser group.
    pub teaser_card: Vec<bool>,
    /// Element's class or id marks a caption or credit.
    pub caption: Vec<bool>,
}

/// The page's language for stop-word purposes (a key of [`STOPWORDS`]).
#[derive(Debug, Clone)]
pub struct Language {
    pub code: Option<&'static str>,
    /// Bit of this language in the stop-word index (0 when there is no list).
    bit: u32,
}

impl Language {
    /// Whether `word`, in lower case, is a stop word of this language (`buf` is reused for
    /// the lower case).
    pub fn is_stopword(&self, word: &str, buf: &mut String) -> bool {
        self.bit != 0 && stopword_index().langs(word, buf) & self.bit != 0
    }
}

/// Splits a class or id value into lower-case words at separators and camel-case humps (the
/// stages use the allocation-free [`for_each_hint_word`]; this is its tests' reference).
#[cfg(test)]
pub fn hint_words(value: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_hint_word(value, &mut String::new(), |w| out.push(w.to_string()));
    out
}

/// Whether the element's class or id holds one of `words` (as [`for_each_hint_word`] splits it).
pub fn class_or_id_has_word(el: &Element, words: &[&str]) -> bool {
    class_or_id_lists(el, &[words]) != 0
}

/// Which of `lists` (one bit each, the first list the lowest) have a word in the element's class
/// or id: [`class_or_id_has_word`] for several lists at once, splitting each value once.
pub fn class_or_id_lists(el: &Element, lists: &[&[&str]]) -> u32 {
    debug_assert!(lists.len() <= 32, "one bit a list");
    let mut hits = 0;
    let mut buf = String::new();
    for k in [local_name!("class"), local_name!("id")] {
        if let Some(v) = el.attr_named(&k) {
            for_each_hint_word(v, &mut buf, |w| {
                for (bit, words) in lists.iter().enumerate() {
                    if words.contains(&w) {
                        hits |= 1 << bit;
                    }
                }
            });
        }
    }
    hits
}

/// Calls `f` with each word `hint_words` (the tests' reference) gives, in the same order. Class
/// strings are almost always ASCII, and those are split and lower-cased in `buf` without
/// allocating.
pub fn for_each_hint_word(value: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    if value.is_ascii() {
        // The same split by bytes: in ASCII the letters and digits are the alphanumerics.
        for part in value.split(|c: char| !c.is_ascii_alphanumeric()) {
            if !part.is_empty() {
                ascii_hint_words(part, buf, &mut f);
            }
        }
        return;
    }
    for part in value.split(|c: char| !c.is_alphanumeric()) {
        if part.is_empty() {
            continue;
        }
        if !part.is_ascii() {
            for_each_hint_word_unicode(part, &mut f);
            continue;
        }
        ascii_hint_words(part, buf, &mut f);
    }
}

/// [`for_each_hint_word`] for one ASCII part.
fn ascii_hint_words(part: &str, buf: &mut String, f: &mut impl FnMut(&str)) {
    if !part.bytes().any(|b| b.is_ascii_uppercase()) {
        // No upper case, so no hump and nothing to lower.
        f(part);
        return;
    }
    // A hump: an upper-case letter after a lower-case one. The pieces come first, then the
    // whole part.
    let b = part.as_bytes();
    let mut start = 0;
    for i in 1..b.len() {
        if b[i].is_ascii_uppercase() && b[i - 1].is_ascii_lowercase() {
            f(lower_into(buf, &part[start..i]));
            start = i;
        }
    }
    if start > 0 {
        f(lower_into(buf, &part[start..]));
    }
    f(lower_into(buf, part));
}

/// [`for_each_hint_word`] for one part with non-ASCII letters, whose lower case can depend on
/// context (a final sigma).
fn for_each_hint_word_unicode(part: &str, f: &mut impl FnMut(&str)) {
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in part.chars() {
        if ch.is_uppercase() && prev_lower && !cur.is_empty() {
            f(&cur.to_lowercase());
            cur.clear();
        }
        prev_lower = ch.is_lowercase();
        cur.push(ch);
    }
    if !cur.is_empty() && cur.len() != part.len() {
        f(&cur.to_lowercase());
    }
    f(&part.to_lowercase());
}

/// Does `word` contain one of `stems` (ASCII)? Only the stems that start with a byte of the
/// word are tried there: this runs for every long class word of every page.
fn contains_stem(word: &str, stems: &StemIndex) -> bool {
    let b = word.as_bytes();
    (0..b.len()).any(|i| {
        stems.by_first[usize::from(b[i])]
            .iter()
            .any(|s| b[i..].starts_with(s.as_bytes()))
    })
}

/// Stems (or phrases) grouped by their first byte, each group in list order.
struct StemIndex {
    by_first: Vec<Vec<&'static str>>,
}

impl StemIndex {
    fn new(stems: &[&'static str]) -> StemIndex {
        let mut by_first = vec![Vec::new(); 256];
        for s in stems {
            if let Some(&b) = s.as_bytes().first() {
                by_first[usize::from(b)].push(*s);
            }
        }
        StemIndex { by_first }
    }
}

/// Every list searched for inside words or texts, each grouped by first byte (built once).
struct StemIndexes {
    /// [`NEGATIVE_STEMS`], found inside class and id words.
    negative: StemIndex,
    /// [`STEM_EXCEPTIONS`]: words holding a negative stem that are not negative.
    exceptions: StemIndex,
    /// [`BOILERPLATE_PREFIXES`]: every short block is matched against them.
    boilerplate: StemIndex,
    /// [`CAPTION_HINTS`], found anywhere in a class or id value.
    caption: StemIndex,
}

fn stem_indexes() -> &'static StemIndexes {
    static INDEXES: OnceLock<StemIndexes> = OnceLock::new();
    INDEXES.get_or_init(|| StemIndexes {
        negative: StemIndex::new(NEGATIVE_STEMS),
        exceptions: StemIndex::new(STEM_EXCEPTIONS),
        boilerplate: StemIndex::new(BOILERPLATE_PREFIXES),
        caption: StemIndex::new(CAPTION_HINTS),
    })
}

/// What one class or id value says: (negative, positive) evidence, and whether it marks a
/// caption. Pages repeat the same class strings thousands of times, so results are cached per
/// document by the caller.
#[derive(Clone, Copy)]
struct AttrHint {
    neg: bool,
    pos: bool,
    caption: bool,
}

fn attr_hint(value: &str, w: &Weights, buf: &mut String) -> AttrHint {
    let filtered;
    let value = if is_post_class(value) {
        filtered = without_taxonomy(value);
        filtered.as_str()
    } else {
        value
    };
    let table = hint_table();
    let stems = stem_indexes();
    let mut neg = false;
    let mut pos = false;
    for_each_hint_word(value, buf, |word| {
        let flags = table.get(word);
        let (neg_word, pos_word) = (flags & NEGATIVE_WORD != 0, flags & POSITIVE_WORD != 0);
        if !neg
            && (neg_word
                || (word.len() >= w.stem_search_min_len
                    && contains_stem(word, &stems.negative)
                    && !contains_stem(word, &stems.exceptions)))
        {
            neg = true;
        } else if !pos && pos_word {
            pos = true;
        }
    });
    AttrHint {
        neg,
        pos,
        caption: has_caption_hint(value),
    }
}

/// Whether a caption hint occurs anywhere in `value`. One pass over the bytes, trying only the
/// hints that start with each byte: this runs for every distinct class and id value of the
/// page, where setting up a substring search for each hint costs more than the search.
fn has_caption_hint(value: &str) -> bool {
    contains_stem(value, &stem_indexes().caption)
}

/// Class prefixes a blog platform gives a post's wrapper to name its tags, categories, format
/// and status (`tag-comments`, `category-sidebar-tips`): topic words, not what the element is.
const TAXONOMY_PREFIXES: &[&str] = &[
    "tag-",
    "category-",
    "post_tag-",
    "format-",
    "status-",
    "type-",
];

/// Whether a class list is a blog post's generated one: it names the post's type or status.
fn is_post_class(value: &str) -> bool {
    value
        .split_ascii_whitespace()
        .any(|t| t == "hentry" || t.starts_with("type-") || t.starts_with("status-"))
}

/// The class list without its taxonomy tokens.
fn without_taxonomy(value: &str) -> String {
    value
        .split_ascii_whitespace()
        .filter(|t| !TAXONOMY_PREFIXES.iter().any(|p| t.starts_with(p)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Positive minus negative evidence carried by one element's own class, id, role and tag, and
/// whether its class or id marks a caption.
fn element_hint<'a>(
    el: &'a crate::dom::Element,
    w: &Weights,
    cache: &mut FastMap<&'a str, AttrHint>,
    buf: &mut String,
) -> (f32, bool) {
    let mut score = 0.0;
    let mut seen_pos = false;
    let mut seen_neg = false;
    let mut caption = false;
    for attr in [local_name!("class"), local_name!("id")] {
        let Some(v) = el.attr_named(&attr) else {
            continue;
        };
        let hint = if cache.len() < HINT_CACHE_LIMIT {
            *cache.entry(v).or_insert_with(|| attr_hint(v, w, buf))
        } else {
            cache
                .get(v)
                .copied()
                .unwrap_or_else(|| attr_hint(v, w, buf))
        };
        if hint.neg && !seen_neg {
            score -= w.hint_negative;
            seen_neg = true;
        }
        if hint.pos && !seen_pos {
            score += w.hint_positive;
            seen_pos = true;
        }
        caption |= hint.caption;
    }
    // The lists are lower-case ASCII, so comparing without ASCII case is comparing the
    // lower-cased value, without allocating it.
    let listed = |list: &[&str], v: &str| list.iter().any(|x| x.eq_ignore_ascii_case(v));
    if let Some(role) = el.attr_named(&local_name!("role")) {
        let role = role.trim();
        if listed(NEGATIVE_ROLES, role) {
            score -= w.hint_negative;
        } else if listed(POSITIVE_ROLES, role) {
            score += w.hint_positive;
        }
    }
    if let Some(prop) = el.attr_named(&local_name!("itemprop")) {
        if listed(POSITIVE_ITEMPROPS, prop.trim()) {
            score += 2.0 * w.hint_positive;
        }
    }
    match el.tag {
        Tag::Article | Tag::Main => score += w.hint_positive,
        _ => {}
    }
    (score, caption)
}

/// The landmark an element opens. A `header` inside an article, section or other sectioning
/// element is that section's own header (as the ARIA mapping has it), not the page's banner:
/// an article's header holds its headline and standfirst. A footer stays one wherever it is:
/// an article's footer holds its tags, author note and disclaimers, which a reader skips too.
fn landmark_name(tag: Tag, in_section: bool) -> Option<&'static str> {
    match tag {
        Tag::Nav => Some("nav"),
        Tag::Aside => Some("aside"),
        Tag::Footer => Some("footer"),
        Tag::Header if !in_section => Some("header"),
        Tag::Menu => Some("menu"),
        _ => None,
    }
}

/// Elements whose `header` belongs to them rather than to the page.
fn is_sectioning(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::Article | Tag::Main | Tag::Section | Tag::Aside | Tag::Nav
    )
}

pub fn node_stats(dom: &Dom, pruned: &Pruned, w: &Weights) -> NodeStats {
    let n = dom.len();
    let mut s = NodeStats {
        chars: vec![0; n],
        link_chars: vec![0; n],
        links: vec![0; n],
        own_hint: vec![0.0; n],
        hint: vec![0.0; n],
        best_positive: vec![0.0; n],
        landmark: vec![None; n],
        teaser_card: vec![false; n],
        caption: vec![false; n],
    };
    // Forward pass: inherited values and per-text-node counts.
    let mut link_end: NodeId = 0;
    let mut hint_cache: FastMap<&str, AttrHint> = FastMap::default();
    let mut buf = String::new();
    // Inside a sectioning element (see `landmark_name`).
    let mut in_section = vec![false; n];
    for i in 0..n {
        let node = &dom.nodes[i];
        let parent = node.parent.map(|p| p as usize);
        if let Some(p) = parent {
            s.hint[i] = s.hint[p];
            s.best_positive[i] = s.best_positive[p];
            s.landmark[i] = s.landmark[p];
            in_section[i] = in_section[p] || dom.tag(p as NodeId).is_some_and(is_sectioning);
        }
        if pruned.removed[i] {
            continue;
        }
        match &node.kind {
            Kind::Element(el) => {
                let (h, caption) = element_hint(el, w, &mut hint_cache, &mut buf);
                s.caption[i] = caption;
                s.own_hint[i] = h;
                if h < 0.0 {
                    s.hint[i] += h;
                } else if h > s.best_positive[i] {
                    s.hint[i] += h - s.best_positive[i];
                    s.best_positive[i] = h;
                }
                if let Some(l) = landmark_name(el.tag, in_section[i]) {
                    s.landmark[i] = Some(l);
                }
                if el.is_link() {
                    link_end = node.end;
                    s.links[i] = 1;
                }
            }
            Kind::Text(t) => {
                let c = visible_chars(t) as u32;
                s.chars[i] = c;
                if (i as NodeId) < link_end {
                    s.link_chars[i] = c;
                }
            }
            Kind::Document => {}
        }
    }
    // Reverse pass: subtree sums (children have larger indices than parents).
    for i in (1..n).rev() {
        if pruned.removed[i] {
            continue;
        }
        if let Some(p) = dom.nodes[i].parent {
            let p = p as usize;
            s.chars[p] += s.chars[i];
            s.link_chars[p] += s.link_chars[i];
            s.links[p] += s.links[i];
        }
    }
    mark_teasers(dom, pruned, w, &mut s);
    s
}

/// Bytes of an element's text read to see whether it opens with an amount and a unit.
const QUANTITY_PEEK_BYTES: usize = 48;

/// Whether `text` opens with an amount and a unit of measure ("1 cup", "1 1/2 tsp", "½ tsp",
/// "200g", "2 EL"): how an ingredient line starts, and a headline does not.
pub fn opens_with_quantity(text: &str) -> bool {
    // Digits and vulgar fractions, and the marks written between them ("1/2", "1,5", "2-3").
    let numeral =
        |c: char| c.is_ascii_digit() || ('¼'..='¾').contains(&c) || ('⅐'..='⅞').contains(&c);
    let is_amount = |w: &str| {
        w.chars().any(numeral)
            && w.chars()
                .all(|c| numeral(c) || matches!(c, '/' | '.' | ',' | '-' | '–' | '⁄'))
    };
    let is_unit = |w: &str| {
        let w = w.trim_end_matches(['.', ',', ')']);
        QUANTITY_UNITS.contains(&w) || QUANTITY_UNITS.contains(&w.to_lowercase().as_str())
    };
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if !is_amount(first) {
        // An amount and its unit written together, as written ("200g", "2EL", not "5G").
        let unit_at = first
            .find(|c: char| c.is_alphabetic())
            .unwrap_or(first.len());
        return unit_at > 0
            && is_amount(&first[..unit_at])
            && QUANTITY_UNITS.contains(&&first[unit_at..]);
    }
    let mut next = words.next();
    if next.is_some_and(is_amount) {
        // "1 1/2 cups"
        next = words.next();
    }
    next.is_some_and(is_unit)
}

/// Finds runs of same-shaped sibling elements (same tag and class) that are mostly links: the
/// "More news" card grids and related-story lists. Works on hashed class names too, since
/// only equality of the class strings matters.
fn mark_teasers(dom: &Dom, pruned: &Pruned, w: &Weights, s: &mut NodeStats) {
    let n = dom.len();
    let mut run: Vec<NodeId> = Vec::new();
    for parent in 0..n {
        if pruned.removed[parent] || dom.nodes[parent].element().is_none() {
            continue;
        }
        if dom
            .children(parent as NodeId)
            .take(w.teaser_min_cards)
            .count()
            < w.teaser_min_cards
        {
            continue;
        }
        // Children of one parent, grouped in runs of equal shape.
        run.clear();
        let mut run_shape: Option<(Tag, &str)> = None;
        let children = dom.children(parent as NodeId);
        let flush = |run: &mut Vec<NodeId>, s: &mut NodeStats| {
            if run.len() >= w.teaser_min_cards {
                let linky: Vec<NodeId> = run
                    .iter()
                    .copied()
                    .filter(|&c| {
                        let ci = c as usize;
                        if s.chars[ci] == 0 || s.chars[ci] >= w.teaser_max_chars {
                            return false;
                        }
                        let density = s.link_chars[ci] as f32 / s.chars[ci] as f32;
                        // A card is a linked headline, alone or over a short standfirst.
                        density >= w.teaser_link_density
                            || (density >= w.teaser_headline_density
                                && has_linked_heading(dom, c, s))
                    })
                    .collect();
                // An ingredient list with linked ingredients has the same shape (short items
                // only are read: a long one is no ingredient).
                let ingredients = || {
                    run.iter()
                        .filter(|&&c| {
                            s.chars[c as usize] < w.teaser_max_chars
                                && opens_with_quantity(&dom.leading_text(c, QUANTITY_PEEK_BYTES))
                        })
                        .count()
                };
                if linky.len() >= w.teaser_min_cards
                    && linky.len() * 2 >= run.len()
                    && (ingredients() as f32) < w.ingredient_list_share * run.len() as f32
                {
                    for c in linky {
                        s.teaser_card[c as usize] = true;
                    }
                }
            }
            run.clear();
        };
        for c in children {
            let node = &dom.nodes[c as usize];
            match &node.kind {
                Kind::Text(t) if is_blank(t) => continue,
                Kind::Element(el) if !pruned.removed[c as usize] => {
                    let shape = (el.tag, el.attr_named(&local_name!("class")).unwrap_or(""));
                    if run_shape != Some(shape) {
                        flush(&mut run, s);
                        run_shape = Some(shape);
                    }
                    run.push(c);
                }
                _ => {
                    flush(&mut run, s);
                    run_shape = None;
                }
            }
        }
        flush(&mut run, s);
    }
}

/// Does a card open with a heading that is entirely a link (its headline)? Looks only at the
/// card's first nodes, so the check stays cheap on any page.
fn has_linked_heading(dom: &Dom, card: NodeId, s: &NodeStats) -> bool {
    let end = dom.node(card).end.min(card.saturating_add(24));
    (card..end).any(|i| {
        dom.tag(i).is_some_and(Tag::is_heading)
            && s.chars[i as usize] > 0
            && s.link_chars[i as usize] == s.chars[i as usize]
    })
}

/// Picks the stop-word list: the page's declared language when it has one, else the list with
/// the most hits in the first few thousand words.
pub fn detect_language(declared: Option<&str>, segs: &Segments) -> Language {
    let declared = declared
        .map(|l| l.trim().to_ascii_lowercase())
        .and_then(|l| l.split(['-', '_']).next().map(str::to_string))
        .map(|l| {
            if l == "nb" || l == "nn" {
                "no".to_string()
            } else {
                l
            }
        });
    let mut code = declared
        .as_deref()
        .and_then(|d| STOPWORDS.iter().find(|(c, _)| *c == d).map(|(c, _)| *c));
    if code.is_none() {
        let mut hits = vec![0usize; STOPWORDS.len()];
        let mut seen = 0usize;
        let index = stopword_index();
        let mut buf = String::new();
        'outer: for b in &segs.blocks {
            for word in words(&b.text) {
                let bits = index.langs(word, &mut buf);
                if bits != 0 {
                    for (k, hit) in hits.iter_mut().enumerate() {
                        if bits & (1 << k) != 0 {
                            *hit += 1;
                        }
                    }
                }
                seen += 1;
                if seen > 5000 {
                    break 'outer;
                }
            }
        }
        if let Some((k, &h)) = hits.iter().enumerate().max_by_key(|(_, h)| **h) {
            if h * 20 >= seen && h > 10 {
                code = Some(STOPWORDS[k].0);
            }
        }
    }
    let bit = code
        .and_then(|c| STOPWORDS.iter().position(|(k, _)| *k == c))
        .map_or(0, |k| 1 << k);
    Language { code, bit }
}

/// Words of a text: runs of letters, digits and apostrophes.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
}

/// Scripts written without spaces between words (CJK, Thai): each character counts as half a
/// word so their prose is not mistaken for short lines.
fn is_unspaced_script(c: char) -> bool {
    // The first test settles every Latin, Greek, Cyrillic, Arabic... character at once.
    (c as u32) >= 0x0E00
        && matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0x0E00..=0x0E7F)
}

// Not inlined: its callers gain nothing from a copy of this loop, and wasm size counts.
#[inline(never)]
pub fn word_count(text: &str) -> usize {
    // One pass over the bytes: runs of non-white-space (as `split_whitespace` counts them)
    // and unspaced-script characters (none of which is white space), without decoding
    // characters: ASCII goes eight bytes at a time, white space is told by its bytes, and the
    // unspaced scripts are all three-byte characters.
    let b = text.as_bytes();
    let mut spaced = 0usize;
    let mut unspaced = 0usize;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        if let Some(chunk) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            if w & HIGH_BITS == 0 {
                let space = ascii_space_flags(w);
                // A word starts at a non-space byte whose previous byte is a space.
                let before = (space << 8) | if in_word { 0 } else { 0x80 };
                let starts = !space & before & HIGH_BITS;
                spaced += starts.count_ones() as usize;
                in_word = space & (0x80 << 56) == 0;
                i += 8;
                continue;
            }
        }
        let x = b[i];
        let (space, len) = match x {
            0x00..=0x7f => (is_ascii_space(x), 1),
            // Inside a character already counted.
            0x80..=0xbf => {
                i += 1;
                continue;
            }
            _ => match unicode_space_len(&b[i..]) {
                0 => (false, 1),
                len => (true, len),
            },
        };
        if space {
            in_word = false;
        } else {
            spaced += usize::from(!in_word);
            in_word = true;
            if (0xe0..=0xed).contains(&x) {
                if let Some(&[b1, b2]) = b.get(i + 1..i + 3) {
                    let code = (u32::from(x & 0x0f) << 12)
                        | (u32::from(b1 & 0x3f) << 6)
                        | u32::from(b2 & 0x3f);
                    unspaced += usize::from(char::from_u32(code).is_some_and(is_unspaced_script));
                }
            }
        }
        i += len;
    }
    spaced.max(unspaced / 2)
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// For eight ASCII bytes, the high bit of each byte that is white space (`is_ascii_space`),
/// computed for all eight at once. No step carries into the next byte, since every byte is
/// below 0x80.
fn ascii_space_flags(w: u64) -> u64 {
    let blank = ascii_zero_flags(w ^ (LOW_BITS * 0x20));
    // 0x09..=0x0d: at least 9 and not at least 14.
    let control = (w + LOW_BITS * (0x80 - 0x09)) & !(w + LOW_BITS * (0x80 - 0x0e)) & HIGH_BITS;
    blank | control
}

/// The high bit of each zero byte of `x`, exactly, for bytes below 0x80 (a byte of 0x80 and up
/// is never flagged).
fn ascii_zero_flags(x: u64) -> u64 {
    !(((x & !HIGH_BITS) + !HIGH_BITS) | x) & HIGH_BITS
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '؟' | '…' | '।')
}

fn count_sentences(text: &str) -> usize {
    // By bytes: only `.`, `!`, `?` and the lead bytes of the other sentence ends need a look.
    let b = text.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        // Eight ASCII bytes without `.`, `!` or `?` hold no sentence end: most of a text is
        // passed over this way.
        if let Some(chunk) = b.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            let ends = ascii_zero_flags(w ^ (LOW_BITS * u64::from(b'.')))
                | ascii_zero_flags(w ^ (LOW_BITS * u64::from(b'!')))
                | ascii_zero_flags(w ^ (LOW_BITS * u64::from(b'?')));
            if w & HIGH_BITS == 0 && ends == 0 {
                i += 8;
                continue;
            }
        }
        let c = match b[i] {
            b'.' | b'!' | b'?' => char::from(b[i]),
            // Leads of U+061F, U+0964, U+2026, U+3002, U+FF01, U+FF1F.
            0xd8 | 0xe0 | 0xe2 | 0xe3 | 0xef => match text[i..].chars().next() {
                Some(c) if is_sentence_end(c) => c,
                Some(c) => {
                    i += c.len_utf8();
                    continue;
                }
                None => break,
            },
            _ => {
                i += 1;
                continue;
            }
        };
        let after = i + c.len_utf8();
        let ends = match text[after..].chars().next() {
            None => true,
            Some(next) => {
                next.is_whitespace()
                    || matches!(next, '"' | '\'' | '”' | '’' | '»' | ')' | '」')
                    || matches!(c, '。' | '！' | '？')
            }
        };
        // Skip "e.g." / initials: a sentence has at least a few characters before its end
        // (any 12 bytes hold at least three).
        if ends && (i >= 12 || text[..i].chars().count() >= 3) {
            n += 1;
        }
        i = after;
    }
    n
}

/// Counts commas, in the scripts that have their own.
fn count_commas(text: &str) -> usize {
    let b = text.as_bytes();
    let ascii = b.iter().filter(|&&x| x == b',').count();
    if text.is_ascii() {
        return ascii;
    }
    // '،' (D8 8C), '、' (E3 80 81) and '，' (EF BC 8C), found by their bytes; Latin letters
    // (lead bytes below D8) are passed over with one comparison.
    let other = (0..b.len())
        .filter(|&i| {
            b[i] >= 0xd8
                && matches!(
                    &b[i..],
                    [0xd8, 0x8c, ..] | [0xe3, 0x80, 0x81, ..] | [0xef, 0xbc, 0x8c, ..]
                )
        })
        .count();
    ascii + other
}

/// Characters that are not white space. Runs for every text node of the page, so it takes
/// eight bytes a step: characters are the bytes that do not continue one, and white space is
/// ASCII (told for all eight bytes at once) or one of a few characters whose lead bytes are
/// looked at one by one.
fn visible_chars(text: &str) -> usize {
    let b = text.as_bytes();
    // The last step's bytes are padded with NULs, each counted as a character, then taken off.
    let mut n = 0usize.wrapping_sub(b.len().wrapping_neg() % 8);
    for at in (0..b.len()).step_by(8) {
        let chunk = &b[at..b.len().min(at + 8)];
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // Bytes 0x80 and up are masked to ASCII for the white-space test, then left out.
        let space = ascii_space_flags(w & !HIGH_BITS) & !w;
        // 10xxxxxx continues a character; 11xxxxxx leads one.
        let cont = w & !(w << 1) & HIGH_BITS;
        let mut leads = w & (w << 1) & HIGH_BITS;
        n = n.wrapping_add(8 - (space | cont).count_ones() as usize);
        while leads != 0 {
            let k = leads.trailing_zeros() as usize / 8;
            // Wrapping, as above: before the last step the count may still be below zero.
            n = n.wrapping_sub(usize::from(unicode_space_len(&b[at + k..]) > 0));
            leads &= leads - 1;
        }
    }
    n
}

/// The ASCII white space of `char::is_whitespace` (vertical tab included, unlike
/// `u8::is_ascii_whitespace`).
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// Lower-case text without leading punctuation or bullets, for phrase matching.
fn phrase_key(text: &str) -> String {
    // Phrases are short: the first 64 characters decide, whatever the block's length.
    let t = text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
    let head = &t.as_bytes()[..t.len().min(64)];
    if head.is_ascii() {
        // 64 ASCII bytes are the first 64 characters (and end on a character boundary).
        return t[..head.len()].to_ascii_lowercase();
    }
    // ASCII characters, the most of any Latin text, lower-case without the general mapping.
    let mut key = String::with_capacity(head.len() + 8);
    for c in t.chars().take(64) {
        if c.is_ascii() {
            key.push(c.to_ascii_lowercase());
        } else {
            key.extend(c.to_lowercase());
        }
    }
    key
}

pub fn boilerplate_phrase(text: &str) -> Option<&'static str> {
    let key = phrase_key(text);
    let trimmed = key.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
    if let Some(line) = BOILERPLATE_LINES.iter().find(|l| **l == trimmed) {
        return Some(line);
    }
    let original = text.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(');
    // The `k`-th of the first 64 characters of the text (the ones `key` was made from).
    let nth = |k: usize| original.chars().take(64).nth(k);
    // A prefix that starts the key starts with the key's first byte: only those are tried, in
    // list order, so the first match is the same as a scan of the whole list.
    let first = usize::from(*key.as_bytes().first()?);
    stem_indexes().boilerplate.by_first[first]
        .iter()
        .copied()
        .find(|p| {
            if !key.starts_with(p) {
                return false;
            }
            // The phrase must end at a word boundary — or where two widgets' labels were glued
            // together without a space ("Listen to this articleLoading audio...").
            let n = p.chars().count();
            key[p.len()..].chars().next().is_none_or(|c| {
                !c.is_alphanumeric()
                    || p.ends_with(':')
                    || (nth(n).is_some_and(|c| c.is_uppercase())
                        && n.checked_sub(1)
                            .and_then(nth)
                            .is_some_and(|c| c.is_lowercase()))
            })
        })
}

pub fn measure(
    dom: &Dom,
    pruned: &Pruned,
    segs: &Segments,
    stats: &NodeStats,
    lang: &Language,
    w: &Weights,
) -> Vec<Features> {
    let mut feats: Vec<Features> = segs
        .blocks
        .iter()
        .map(|b| measure_block(dom, pruned, b, stats, lang, w))
        .collect();
    // A short line that shares a wrapper with a picture and nothing else is the picture's
    // caption, whatever its markup (a `div` under an `img` on a page of generated class names).
    for (i, pair) in segs.blocks.windows(2).enumerate() {
        let (picture, line) = (&pair[0], &pair[1]);
        let f = &feats[i + 1];
        if f.caption
            || picture.chars() != 0
            || picture.media == 0
            || f.chars == 0
            || f.words > w.caption_max_words
            || f.link_density > w.link_dominated
        {
            continue;
        }
        let Some(wrapper) = dom.node(line.owner).parent else {
            continue;
        };
        let beside = picture.owner == wrapper || dom.node(picture.owner).parent == Some(wrapper);
        if beside && stats.chars[wrapper as usize] == stats.chars[line.owner as usize] {
            feats[i + 1].caption = true;
        }
    }
    feats
}

fn measure_block(
    dom: &Dom,
    pruned: &Pruned,
    b: &Block,
    stats: &NodeStats,
    lang: &Language,
    w: &Weights,
) -> Features {
    let chars = b.chars();
    let words_n = word_count(&b.text);
    let link_density = if chars == 0 {
        0.0
    } else {
        b.link_chars as f32 / chars as f32
    };
    let stopword_density = if lang.code.is_some() && words_n >= 3 {
        let mut total = 0usize;
        let mut stop = 0usize;
        let mut buf = String::new();
        for word in words(&b.text) {
            total += 1;
            if lang.is_stopword(word, &mut buf) {
                stop += 1;
            }
        }
        (total > 0).then(|| stop as f32 / total as f32)
    } else {
        None
    };
    let boilerplate = if words_n <= w.boilerplate_max_words {
        boilerplate_phrase(&b.text)
    } else {
        None
    };
    let owner = b.owner as usize;
    let teaser = std::iter::once(b.owner)
        .chain(dom.ancestors(b.owner).take(w.teaser_card_depth))
        .any(|a| stats.teaser_card[a as usize]);
    let beside_player = std::iter::once(b.owner)
        .chain(dom.ancestors(b.owner).take(2))
        .any(|a| pruned.embeds[a as usize] && stats.chars[a as usize] < 400);
    let caption = matches!(dom.tag(b.owner), Some(Tag::Figcaption))
        || std::iter::once(b.owner)
            .chain(dom.ancestors(b.owner).take(2))
            .any(|a| stats.caption[a as usize]);
    Features {
        chars,
        words: words_n,
        link_density,
        sentences: count_sentences(&b.text),
        commas: count_commas(&b.text),
        stopword_density,
        boilerplate,
        hint: stats.hint[owner],
        landmark: stats.landmark[owner],
        teaser,
        beside_player,
        caption,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A prefix that a shorter one in the list already matches at a word boundary is dead
    /// weight in the list (and in the WebAssembly module).
    #[test]
    fn no_boilerplate_prefix_is_shadowed_by_a_shorter_one() {
        for long in BOILERPLATE_PREFIXES {
            for short in BOILERPLATE_PREFIXES {
                if short != long && long.starts_with(short) {
                    let next = long[short.len()..].chars().next();
                    assert!(
                        next.is_some_and(char::is_alphanumeric) && !short.ends_with(':'),
                        "{long:?} is already matched by {short:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_header_inside_an_article_is_not_the_page_banner() {
        let dom = Dom::parse(
            "<body><header id=top><p>Site</p></header><article><header><h1>Headline</h1>\
             </header><p>Body</p><footer><p>Tags</p></footer></article></body>",
        );
        let pruned = crate::prune::prune(&dom);
        let stats = node_stats(&dom, &pruned, &Weights::default());
        let landmark_of = |text: &str| {
            let id = (0..dom.len() as NodeId)
                .find(|&i| dom.node(i).text() == Some(text))
                .expect("text node");
            stats.landmark[id as usize]
        };
        assert_eq!(landmark_of("Site"), Some("header"));
        assert_eq!(landmark_of("Headline"), None);
        assert_eq!(landmark_of("Body"), None);
        // An article's footer (tags, notes) stays a footer.
        assert_eq!(landmark_of("Tags"), Some("footer"));
    }

    /// The straightforward split that [`hint_words`] must match word for word.
    fn hint_words_reference(value: &str) -> Vec<String> {
        let mut out = Vec::new();
        for part in value.split(|c: char| !c.is_alphanumeric()) {
            if part.is_empty() {
                continue;
            }
            let mut cur = String::new();
            let mut prev_lower = false;
            for ch in part.chars() {
                if ch.is_uppercase() && prev_lower && !cur.is_empty() {
                    out.push(cur.to_lowercase());
                    cur.clear();
                }
                prev_lower = ch.is_lowercase();
                cur.push(ch);
            }
            if !cur.is_empty() && cur.len() != part.len() {
                out.push(cur.to_lowercase());
            }
            out.push(part.to_lowercase());
        }
        out
    }

    #[test]
    fn hint_words_split_at_separators_and_humps() {
        for value in [
            "",
            "related-posts",
            "relatedPosts related_posts",
            "articleBodyText x2Y aB Ab AB a1B",
            "  --main__Content  ",
            "ΣΟΦΟΣ σοφοσΣοφος ÉcoleNormale straßeGroß",
            "日本語Text ΑρθροΚύριο",
            "sc-1x9f2 css-Ab12Cd",
        ] {
            assert_eq!(hint_words(value), hint_words_reference(value), "{value}");
        }
    }

    #[test]
    fn a_posts_tags_and_categories_are_not_hints() {
        let mut buf = String::new();
        let post = "post-787 post type-post status-publish hentry category-sidebar-tips tag-comments tag-share";
        let w = Weights::default();
        let hint = attr_hint(post, &w, &mut buf);
        assert!(!hint.neg, "taxonomy words of a post's class list");
        // Outside a generated post class list the same words still speak.
        assert!(attr_hint("tag-cloud", &w, &mut buf).neg);
        assert!(attr_hint("post hentry comments-area", &w, &mut buf).neg);
    }

    #[test]
    fn only_words_past_the_length_limit_are_searched_for_stems() {
        let mut buf = String::new();
        let w = Weights::default();
        // `promo` is a stem, not a whole negative word: found inside a long word only.
        assert!(attr_hint("promobox", &w, &mut buf).neg);
        // The limit itself is searched; one byte short is not.
        assert!(attr_hint("promoxy", &w, &mut buf).neg);
        assert!(!attr_hint("promox", &w, &mut buf).neg);
        let strict = Weights {
            stem_search_min_len: 9,
            ..Weights::default()
        };
        assert!(!attr_hint("promobox", &strict, &mut buf).neg);
    }

    #[test]
    fn ingredient_lines_open_with_an_amount_and_a_unit() {
        for line in [
            "1 cup (225 g) unsalted butter",
            "1 1/4 cups plain flour",
            "½ tsp salt",
            "2-3 cloves garlic",
            "200g Mehl",
            "2 EL Olivenöl",
            "1 Prise Zimt",
            "1,5 l Milch",
            "3 cucchiai di zucchero",
            "1 cucharadita de sal",
        ] {
            assert!(opens_with_quantity(line), "{line}");
        }
        for line in [
            "1 El Salvador: a headline",
            "5G network rollout",
            "10 best cookies of the year",
            "2024 election results",
            "Butter, softened",
            "1 large egg",
            "",
        ] {
            assert!(!opens_with_quantity(line), "{line}");
        }
    }

    #[test]
    fn stems_are_found_anywhere_in_a_word() {
        let stems = stem_indexes();
        for word in ["commentlist", "xxsharebar", "footerlinks", "über-sidebar"] {
            assert!(contains_stem(word, &stems.negative), "{word}");
            assert_eq!(
                contains_stem(word, &stems.negative),
                NEGATIVE_STEMS.iter().any(|s| word.contains(s))
            );
        }
        assert!(!contains_stem("storycontent", &stems.negative));
        assert!(contains_stem("commentary", &stems.exceptions));
    }

    #[test]
    fn every_prefix_is_indexed() {
        assert!(BOILERPLATE_PREFIXES.iter().all(|p| !p.is_empty()));
        let indexed: usize = stem_indexes()
            .boilerplate
            .by_first
            .iter()
            .map(Vec::len)
            .sum();
        assert_eq!(indexed, BOILERPLATE_PREFIXES.len());
        assert_eq!(
            boilerplate_phrase("Read more: the story"),
            Some("read more")
        );
        assert_eq!(
            boilerplate_phrase("Listen to this articleLoading audio..."),
            Some("listen to this article")
        );
        assert_eq!(boilerplate_phrase("Readers say"), None);
        assert_eq!(boilerplate_phrase("- © 2024 Example"), Some("©"));
    }

    /// Texts made of pieces that exercise the byte-level shortcuts: ASCII and not, sentence
    /// ends, commas and white space of several scripts.
    fn mixed_texts() -> Vec<String> {
        let pieces = [
            " ",
            "a",
            "Word",
            ".",
            "!",
            "?",
            "e.g.",
            "。",
            "！",
            "？",
            "؟",
            "…",
            "।",
            ",",
            "،",
            "、",
            "，",
            "\"",
            "'",
            "”",
            "’",
            "»",
            ")",
            "」",
            "\n",
            "\u{b}",
            "\u{a0}",
            "\u{3000}",
            "é",
            "日本語",
            "ÄÖÜ",
            "İ",
            "\u{212a}",
            "ไทย",
            "한국",
            "ひら",
            "\u{2028}",
            "\u{85}",
            "—",
        ];
        let mut state = 0x853c_49e6_748f_ea9bu64;
        let mut out = Vec::new();
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..(state % 10) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                text.push_str(pieces[(state % pieces.len() as u64) as usize]);
            }
            out.push(text);
        }
        out
    }

    #[test]
    fn stop_words_are_found_in_any_case_and_nothing_else_is() {
        let index = stopword_index();
        let mut buf = String::new();
        let lookup = |w: &str| {
            let lower: String = w.chars().flat_map(char::to_lowercase).collect();
            index.words.map.get(lower.as_str()).copied().unwrap_or(0)
        };
        for (_, list) in STOPWORDS {
            for w in *list {
                let upper = w.to_uppercase();
                let mut title: String = w.chars().take(1).flat_map(char::to_uppercase).collect();
                title.extend(w.chars().skip(1));
                for form in [w.to_string(), upper, title] {
                    assert_ne!(index.langs(&form, &mut buf), 0, "{form}");
                    assert_eq!(index.langs(&form, &mut buf), lookup(&form), "{form}");
                }
            }
        }
        for text in mixed_texts() {
            for word in words(&text).chain(["zzz", "Thee", "THEM", "derselbe", "a'", "İn"]) {
                assert_eq!(index.langs(word, &mut buf), lookup(word), "{word}");
            }
        }
    }

    #[test]
    fn hint_words_are_found_whatever_their_length() {
        let table = hint_table();
        for w in NEGATIVE_HINTS {
            assert_ne!(table.get(w) & NEGATIVE_WORD, 0, "{w}");
        }
        for w in POSITIVE_HINTS {
            assert_ne!(table.get(w) & POSITIVE_WORD, 0, "{w}");
        }
        for w in [
            "",
            "x",
            "zzz",
            "storycontent",
            "über",
            "advertisement",
            "ad-slot",
        ] {
            let want = table.map.get(w).copied().unwrap_or(0);
            assert_eq!(table.get(w), want, "{w}");
        }
    }

    #[test]
    fn byte_level_counts_match_char_loops() {
        for text in mixed_texts() {
            // Also past the first eight bytes, where the counts go by eight at a time.
            let long = format!("Some words. And more{text}{text}!");
            for text in [text, long] {
                byte_level_counts_match_char_loops_on(&text);
            }
        }
        // The count goes below zero and back on its way (the padding is taken off first): here
        // it is at zero when the first step's wide space is taken off.
        byte_level_counts_match_char_loops_on("\u{3000}ab   cdefg");
    }

    fn byte_level_counts_match_char_loops_on(text: &str) {
        let mut sentences = 0;
        let mut chars = text.chars().enumerate().peekable();
        while let Some((i, c)) = chars.next() {
            if !is_sentence_end(c) {
                continue;
            }
            let ends = match chars.peek() {
                None => true,
                Some(&(_, next)) => {
                    next.is_whitespace()
                        || matches!(next, '"' | '\'' | '”' | '’' | '»' | ')' | '」')
                        || matches!(c, '。' | '！' | '？')
                }
            };
            if ends && i >= 3 {
                sentences += 1;
            }
        }
        assert_eq!(count_sentences(text), sentences, "{text:?}");
        let commas = text.matches([',', '،', '、', '，']).count();
        assert_eq!(count_commas(text), commas, "{text:?}");
        let visible = text.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(visible_chars(text), visible, "{text:?}");
        let spaced = text.split_whitespace().count();
        let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
        assert_eq!(word_count(text), spaced.max(unspaced / 2), "{text:?}");
        let key: String = text
            .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©' && c != '(')
            .chars()
            .take(64)
            .flat_map(char::to_lowercase)
            .collect();
        assert_eq!(phrase_key(text), key, "{text:?}");
        // Past the 64th character the key stops, on a character boundary or not.
        let long = format!("{}{text}", "Ab ".repeat(21));
        let long_key: String = long.chars().take(64).flat_map(char::to_lowercase).collect();
        assert_eq!(phrase_key(&long), long_key, "{text:?}");
    }

    #[test]
    fn word_count_of_any_ascii_matches_split_whitespace() {
        // Every ASCII byte, in runs long enough for the eight-bytes-at-a-time path.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 40) as usize;
            let text: String = (0..len)
                .map(|k| {
                    let mixed = state.rotate_left(k as u32 * 7);
                    let byte = (mixed % 0x80) as u8;
                    // Mostly spaces and letters, some of every other byte.
                    match (mixed >> 16) % 4 {
                        0 => ' ',
                        1 => 'x',
                        _ => char::from(byte),
                    }
                })
                .collect();
            assert_eq!(
                word_count(&text),
                text.split_whitespace().count(),
                "{text:?}"
            );
            let mixed = format!("{text}é{text}\u{a0}{text}");
            assert_eq!(
                word_count(&mixed),
                mixed.split_whitespace().count(),
                "{mixed:?}"
            );
        }
    }

    #[test]
    fn word_count_counts_runs_and_unspaced_scripts() {
        for text in [
            "",
            "  one  two\tthree\n",
            "日本語の文章です",
            "a\u{a0}b\u{2003}c",
            "x 日本",
        ] {
            let spaced = text.split_whitespace().count();
            let unspaced = text.chars().filter(|&c| is_unspaced_script(c)).count();
            assert_eq!(word_count(text), spaced.max(unspaced / 2), "{text}");
        }
    }
}
