//! The pipeline, top to bottom. Each stage is a module; data flows between them as typed values.
//!
//! parse → prune → segment → features → score → select → post-process → metadata → render

use crate::article::{Article, BlockReport, MetadataSources};
use crate::credits;
use crate::dom::{Dom, NodeId, Tag};
use crate::error::ExtractError;
use crate::features::{self, Features};
use crate::metadata::{self, Found, Metadata};
use crate::options::Options;
use crate::patterns::DATE_LINE_WORDS;
use crate::prune::{self, Pruned};
use crate::render::{self, Content, Event, RenderInput};
use crate::score::{self, Class, Scored};
use crate::segment::{self, BlockKind, Segments, TableStats};
use crate::select::{self, Selection};
use crate::weights::Weights;

/// Extracts the article from a page with the default weights.
///
/// # Errors
/// [`ExtractError::Empty`], [`ExtractError::TooLarge`] and [`ExtractError::NotText`] for input
/// that is not a page; [`ExtractError::NoContent`] when the page has no text at all. A page
/// that is not an article is not an error: see [`Article::readerable`].
pub fn extract(html: &str, url: Option<&str>, options: &Options) -> Result<Article, ExtractError> {
    extract_with(html, url, options, &Weights::default())
}

/// Everything the stages computed, kept together so the CLI and tests can look inside.
pub struct Analysis {
    pub dom: Dom,
    pub pruned: Pruned,
    pub segs: Segments,
    pub feats: Vec<Features>,
    pub scored: Vec<Scored>,
    pub selection: Selection,
    pub meta: Metadata,
}

/// Checks the input before parsing: empty, too large, or not text at all.
pub fn check_input(html: &str, options: &Options) -> Result<(), ExtractError> {
    check_size(html.len(), options)?;
    if html.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    check_text(html.chars())
}

fn check_size(size: usize, options: &Options) -> Result<(), ExtractError> {
    if size > options.max_input_bytes {
        return Err(ExtractError::TooLarge {
            size,
            limit: options.max_input_bytes,
        });
    }
    Ok(())
}

/// Binary data decoded as text is full of control characters; real pages have almost none.
fn check_text(chars: impl Iterator<Item = char>) -> Result<(), ExtractError> {
    let (mut sampled, mut control) = (0usize, 0usize);
    for c in chars.take(8192) {
        sampled += 1;
        control += usize::from((c.is_control() && !c.is_whitespace()) || c == '\u{fffd}');
    }
    if control * 10 > sampled {
        return Err(ExtractError::NotText(format!(
            "{control} of the first {sampled} characters are control or replacement characters"
        )));
    }
    Ok(())
}

/// Time spent in each stage for one page, in milliseconds (for `declutter eval`'s report).
/// Runs the same stages as [`extract`] with a clock around each.
#[cfg(not(target_arch = "wasm32"))]
pub fn stage_timings(html: &str) -> Vec<(&'static str, f64)> {
    use std::time::Instant;
    let w = Weights::default();
    let mut out = Vec::new();
    let mut t = Instant::now();
    let mut lap = |name: &'static str| {
        out.push((name, t.elapsed().as_secs_f64() * 1000.0));
        t = Instant::now();
    };
    // The same stages as `extract`, through the same function, with a clock between them.
    let a = analyze_with(html, &w, &mut lap);
    let (trims, _) = credits::caption_credits(&a.dom, &a.segs, &a.feats, &a.selection.kept, &w);
    let input = RenderInput {
        dom: &a.dom,
        pruned: &a.pruned,
        segs: &a.segs,
        kept: &a.selection.kept,
        base_url: None,
        images: true,
        links: true,
        mark_blocks: false,
        trims: &trims,
    };
    let content = render::render(&input, a.selection.container);
    let _ = (content.to_text(), content.to_html());
    lap("render");
    drop(a);
    lap("free");
    out
}

/// Runs the stages up to the keep/drop decision.
pub fn analyze(html: &str, w: &Weights) -> Analysis {
    analyze_with(html, w, &mut |_| {})
}

/// [`analyze`], calling `lap` with each stage's name as it finishes (for timing).
fn analyze_with(html: &str, w: &Weights, lap: &mut dyn FnMut(&'static str)) -> Analysis {
    let dom = Dom::parse(html);
    lap("parse");
    analyze_parsed(dom, w, lap)
}

/// The stages after parsing.
fn analyze_parsed(dom: Dom, w: &Weights, lap: &mut dyn FnMut(&'static str)) -> Analysis {
    let pruned = prune::prune(&dom);
    lap("prune");
    let tables = TableStats::new(&dom);
    let anchors = dom.heading_anchors();
    let segs = segment::segment(&dom, &pruned, &tables, &anchors);
    lap("segment");
    let meta = metadata::collect(&dom);
    lap("metadata");
    let lang = features::detect_language(meta.declared_lang.as_deref(), &segs);
    lap("language");
    let stats = features::node_stats(&dom, &pruned, w);
    lap("node stats");
    let feats = features::measure(&dom, &pruned, &segs, &stats, &lang, w);
    lap("features");
    let scored: Vec<Scored> = segs
        .blocks
        .iter()
        .zip(&feats)
        .map(|(b, f)| score::score(b, f, w))
        .collect();
    let headline = headline_block(&segs, &feats, &meta, w);
    let selection = select::select(&dom, &segs, &feats, &scored, &stats, headline, w);
    lap("score+select");
    Analysis {
        dom,
        pruned,
        segs,
        feats,
        scored,
        selection,
        meta,
    }
}

pub fn extract_with(
    html: &str,
    url: Option<&str>,
    options: &Options,
    w: &Weights,
) -> Result<Article, ExtractError> {
    check_input(html, options)?;
    extract_parsed(Dom::parse(html), url, options, w)
}

/// Extracts the article from a document a browser has already parsed, handed over in the flat
/// form that `encodeRendered` (src/rendered.js) writes and `Dom::from_flat` reads. `Ok(None)`
/// when that form is broken: the caller then hands over the document's HTML instead.
///
/// # Errors
/// As [`extract`].
pub fn extract_flat(
    flat: &str,
    url: Option<&str>,
    options: &Options,
) -> Result<Option<Article>, ExtractError> {
    check_size(flat.len(), options)?;
    // The form's marks are control characters of its own, not the page's.
    check_text(flat.chars().filter(|&c| !crate::dom::is_flat_mark(c)))?;
    let Some(dom) = Dom::from_flat(flat) else {
        return Ok(None);
    };
    extract_parsed(dom, url, options, &Weights::default()).map(Some)
}

fn extract_parsed(
    dom: Dom,
    url: Option<&str>,
    options: &Options,
    w: &Weights,
) -> Result<Article, ExtractError> {
    let mut a = analyze_parsed(dom, w, &mut |_| {});
    if a.segs.blocks.iter().all(|b| b.text.is_empty()) {
        return Err(ExtractError::NoContent);
    }
    let base = a
        .meta
        .base_href
        .as_deref()
        .map(|b| crate::url::resolve(url, b))
        .or_else(|| url.map(str::to_string));

    // Stage 7: post-process — the headline, byline and date lines leave the body.
    let title = resolve_title(&a);
    let mut byline = a.meta.byline.clone();
    let mut published = a.meta.published.clone();
    let mut post_notes: Vec<Option<String>> = vec![None; a.segs.blocks.len()];
    if let Some((first, _)) = a.selection.run {
        strip_header_lines(
            &mut a,
            first,
            title.as_ref(),
            &mut byline,
            &mut published,
            &mut post_notes,
            w,
        );
    }
    if let Some((first, _)) = a.selection.run {
        strip_date_lines(&mut a, first + w.header_zone_blocks, &mut post_notes, w);
    }
    if a.selection.run.is_none() {
        // Nothing looked like an article: the best attempt is every block that is not clutter.
        for (i, s) in a.scored.iter().enumerate() {
            a.selection.kept[i] = s.class != Class::Bad;
        }
        a.selection.container = a.dom.find_tag(Tag::Body).unwrap_or(0);
    }
    if byline.is_none() {
        byline = metadata::visible_byline(&a.dom, &a.pruned.removed);
    }
    if byline.is_none() {
        byline = a
            .selection
            .run
            .and_then(|(first, _)| byline_line_near(&a, first, w));
    }
    if published.is_none() {
        published = metadata::time_element(&a.dom, Some(a.selection.container))
            .or_else(|| metadata::time_element(&a.dom, None));
    }

    // Captions lose the picture credits at their end.
    let (trims, credited) =
        credits::caption_credits(&a.dom, &a.segs, &a.feats, &a.selection.kept, w);
    for i in credited {
        let note = "the picture credit at its end left out";
        post_notes[i] = Some(match post_notes[i].take() {
            Some(earlier) => format!("{earlier}; {note}"),
            None => note.to_string(),
        });
    }

    // Stage 9: render.
    let input = RenderInput {
        dom: &a.dom,
        pruned: &a.pruned,
        segs: &a.segs,
        kept: &a.selection.kept,
        base_url: base.as_deref(),
        images: options.images,
        links: options.links,
        mark_blocks: options.explain,
        trims: &trims,
    };
    let mut content = render::render(&input, a.selection.container);
    let mut text = content.to_text();
    if let Some(body) = json_ld_body(&a.meta, &text, w) {
        content = body;
        text = content.to_text();
    }
    let content_html = content.to_html();
    let word_count = features::word_count(&text);
    let (readerable, confidence) = readerable(&a, &text, w);

    let lead_image = a
        .meta
        .lead_image
        .clone()
        .map(|f| Found {
            value: crate::url::resolve(base.as_deref(), &f.value),
            source: f.source,
        })
        .filter(|f| crate::url::safe_image(&f.value))
        .or_else(|| {
            first_image(&content).map(|src| Found {
                value: src,
                source: "content",
            })
        });
    let lang = a.meta.lang.clone();
    let dir = a
        .meta
        .dir
        .clone()
        .or_else(|| {
            lang.as_deref()
                .and_then(metadata::dir_for_lang)
                .map(str::to_string)
        })
        .or_else(|| rtl_by_script(&text).then(|| "rtl".to_string()));
    let excerpt = a
        .meta
        .description
        .clone()
        .filter(|d| !d.trim().is_empty())
        .or_else(|| first_paragraph(&text, w.excerpt_chars));
    let blocks = options
        .explain
        .then(|| block_reports(&a, &post_notes, &input));
    let sources = MetadataSources {
        title: title.as_ref().map(|f| f.source.to_string()),
        byline: byline.as_ref().map(|f| f.source.to_string()),
        published: published.as_ref().map(|f| f.source.to_string()),
        site_name: a.meta.site_name.as_ref().map(|f| f.source.to_string()),
        lead_image: lead_image.as_ref().map(|f| f.source.to_string()),
    };
    Ok(Article {
        title: title.map(|f| f.value),
        byline: byline.map(|f| f.value),
        published: published.map(|f| f.value),
        site_name: a.meta.site_name.clone().map(|f| f.value),
        lang,
        dir,
        excerpt,
        lead_image: lead_image.map(|f| f.value),
        content_html,
        text,
        word_count,
        reading_minutes: reading_minutes(word_count, w),
        readerable,
        confidence,
        metadata_sources: sources,
        blocks,
    })
}

/// The article as the page's JSON-LD `articleBody` spells it out, when the markup holds only a
/// small part of it (a teaser above a paywall, a body the page renders by script): paragraphs
/// of plain text. A body with markup in it is not used (it would need its own extraction).
fn json_ld_body(meta: &Metadata, text: &str, w: &Weights) -> Option<Content> {
    let body = meta.article_body.as_deref()?;
    let body_chars = body.chars().count();
    let text_chars = text.chars().count();
    if body.contains('<')
        || body_chars < w.ld_body_min_chars
        || (body_chars as f32) < w.ld_body_ratio * text_chars as f32
    {
        return None;
    }
    let mut html = String::with_capacity(body.len() + 64);
    for para in body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        html.push_str("<p>");
        render::escape_text_with(&mut html, para, false);
        html.push_str("</p>");
    }
    Some(render::events_of_clean_html(&html))
}

/// A cheap readerable check: the same analysis without rendering or metadata clean-up.
pub fn is_readerable(html: &str) -> (bool, f32) {
    let w = Weights::default();
    if check_input(html, &Options::default()).is_err() {
        return (false, 0.0);
    }
    let a = analyze(html, &w);
    let kept_text: String = a
        .segs
        .blocks
        .iter()
        .zip(&a.selection.kept)
        .filter(|(_, k)| **k)
        .map(|(b, _)| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n");
    readerable(&a, &kept_text, &w)
}

fn reading_minutes(words: usize, w: &Weights) -> u32 {
    if words == 0 {
        0
    } else {
        ((words as f32 / w.words_per_minute).ceil() as u32).max(1)
    }
}

/// Readerable answer and confidence from the article's size, its share of good prose, and
/// whether the page calls itself an article.
fn readerable(a: &Analysis, text: &str, w: &Weights) -> (bool, f32) {
    let chars = text.chars().filter(|c| !c.is_whitespace()).count() as f32;
    let good_blocks = a
        .scored
        .iter()
        .zip(&a.selection.kept)
        .filter(|(s, k)| **k && s.class == Class::Good)
        .count() as f32;
    let teaser_chars: usize = a
        .feats
        .iter()
        .filter(|f| f.teaser || f.link_density > w.link_dominated)
        .map(|f| f.chars)
        .sum();
    let all_chars: usize = a.feats.iter().map(|f| f.chars).sum::<usize>().max(1);
    let mut conf = w.readerable_length_share * (chars / (2.0 * w.readerable_min_chars)).min(1.0)
        + w.readerable_blocks_share * (good_blocks / w.readerable_good_blocks).min(1.0);
    if a.meta.declared_article {
        conf += w.readerable_declared_share;
    }
    // A page made mostly of linked teasers is a front page, whatever else it holds.
    let teaser_share = teaser_chars as f32 / all_chars as f32;
    if teaser_share > w.readerable_teaser_share && chars < 2.0 * w.readerable_min_chars {
        conf -= w.readerable_teaser_penalty * teaser_share;
    }
    let conf = conf.clamp(0.0, 1.0);
    let readerable = conf >= w.readerable_threshold && chars >= 0.5 * w.readerable_min_chars;
    ((readerable), (conf * 100.0).round() / 100.0)
}

/// Picks the headline: a page heading that matches the metadata title wins (it has no site
/// suffix); otherwise the metadata title without its suffix; otherwise the first `h1`.
fn resolve_title(a: &Analysis) -> Option<Found> {
    let heads = metadata::headings(&a.dom, &a.pruned.removed);
    let site = a.meta.site_name.as_ref().map(|s| s.value.as_str());
    if let Some(meta_title) = &a.meta.title {
        let norm_meta = normalize(&meta_title.value);
        let cleaned = metadata::clean_title(&meta_title.value, site);
        let norm_clean = normalize(&cleaned);
        let named = heads
            .iter()
            .map(|(_, h)| (h, title_match(&normalize(h), &norm_meta, &norm_clean)));
        if let Some(h) = best_title_match(named) {
            return Some(Found {
                value: h.clone(),
                source: meta_title.source,
            });
        }
        return Some(Found {
            value: cleaned,
            source: meta_title.source,
        });
    }
    heads
        .iter()
        .find(|(id, _)| a.dom.tag(*id) == Some(Tag::H1))
        .map(|(_, h)| Found {
            value: h.clone(),
            source: "h1",
        })
}

/// How a heading names the page's title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TitleMatch {
    /// The metadata title itself, that title without its site suffix, or most of the title.
    Whole,
    /// Most of the title without its suffix ("Winda w chmurach" of "Winda w chmurach /
    /// Obyczaje / dwutygodnik.com"): taken only when no heading matches better, since a
    /// section name in the title ("Zoll online - Fachmeldungen - ...") can be a heading too.
    MostOfCleaned,
}

/// Whether a heading (normalized) names the page's title, and how.
fn title_match(heading: &str, meta: &str, cleaned: &str) -> Option<TitleMatch> {
    let most_of = |t: &str| t.contains(heading) && heading.len() * 2 > t.len();
    if heading.len() < 10 {
        None
    } else if heading == cleaned || heading == meta || most_of(meta) {
        Some(TitleMatch::Whole)
    } else {
        most_of(cleaned).then_some(TitleMatch::MostOfCleaned)
    }
}

/// The first item whose heading matches the title wholly, else the first that matches most of
/// it without its suffix, in one pass.
fn best_title_match<T>(items: impl Iterator<Item = (T, Option<TitleMatch>)>) -> Option<T> {
    let mut partial = None;
    for (item, rank) in items {
        match rank {
            Some(TitleMatch::Whole) => return Some(item),
            Some(TitleMatch::MostOfCleaned) if partial.is_none() => partial = Some(item),
            _ => {}
        }
    }
    partial
}

/// The block of the first heading that names the page's title, outside navigation and teaser
/// lists: the article starts there, which the region search takes as evidence.
fn headline_block(
    segs: &Segments,
    feats: &[Features],
    meta: &Metadata,
    w: &Weights,
) -> Option<usize> {
    let title = meta.title.as_ref()?;
    let site = meta.site_name.as_ref().map(|s| s.value.as_str());
    let norm_meta = normalize(&title.value);
    let norm_clean = normalize(&metadata::clean_title(&title.value, site));
    // A second scan only when no heading names the whole title. (`best_title_match` does it in
    // one pass, but over blocks its generic copy costs the wasm module 0.7 KB gzipped.)
    let matches = |rank: TitleMatch| {
        segs.blocks.iter().zip(feats).position(|(b, f)| {
            matches!(b.kind, BlockKind::Heading(_))
                && !f.teaser
                && f.landmark.is_none()
                && f.link_density < w.link_dominated
                && title_match(&normalize(&b.text), &norm_meta, &norm_clean) == Some(rank)
        })
    };
    matches(TitleMatch::Whole).or_else(|| matches(TitleMatch::MostOfCleaned))
}

fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Drops the headline, byline and date lines at the top of the article (they are shown from
/// the metadata) and learns the byline and date from them when the metadata had none.
fn strip_header_lines(
    a: &mut Analysis,
    first: usize,
    title: Option<&Found>,
    byline: &mut Option<Found>,
    published: &mut Option<Found>,
    notes: &mut [Option<String>],
    w: &Weights,
) {
    let norm_title = title.map(|t| normalize(&t.value));
    let norm_byline = byline.as_ref().map(|b| normalize(&b.value));
    // The header zone: blocks before the first good block and the first few after it.
    let limit = (first + w.header_zone_blocks).min(a.segs.blocks.len());
    // Indexes several parallel tables (blocks, features, decisions, notes) at once.
    #[allow(clippy::needless_range_loop)]
    for i in 0..limit {
        if !a.selection.kept[i] {
            continue;
        }
        let b = &a.segs.blocks[i];
        let words = a.feats[i].words;
        let nt = normalize(&b.text);
        if nt.is_empty() {
            continue;
        }
        if matches!(b.kind, BlockKind::Heading(_))
            && norm_title
                .as_deref()
                .is_some_and(|t| t == nt || (t.contains(&nt) && nt.len() * 2 > t.len()))
        {
            a.selection.kept[i] = false;
            notes[i] = Some("the headline, shown above the article".into());
            continue;
        }
        if words <= w.header_line_words && a.feats[i].sentences <= 1 {
            // The byline's names with a few words round them ("Words and pictures by ...").
            let is_byline_text = norm_byline.as_deref().is_some_and(|nb| {
                nt.contains(nb) && nt.len() <= w.byline_line_max_ratio * nb.len()
            });
            let by_prefix = metadata::byline_line_name(&b.text);
            if is_byline_text || by_prefix.is_some() {
                if published.is_none() {
                    *published = metadata::normalize_date(&b.text).map(|d| Found {
                        value: d,
                        source: "text",
                    });
                }
                if byline.is_none() {
                    *byline = by_prefix.map(|v| Found {
                        value: v,
                        source: "text",
                    });
                }
                a.selection.kept[i] = false;
                notes[i] = Some("the byline, shown above the article".into());
                continue;
            }
        }
        // A date line may carry two dates ("Posted ..., updated ...").
        if words <= w.date_line_words && a.feats[i].sentences <= 1 {
            if let Some(d) = metadata::normalize_date(&b.text) {
                if published.is_none() {
                    *published = Some(Found {
                        value: d,
                        source: "text",
                    });
                }
                a.selection.kept[i] = false;
                notes[i] = Some("the date line, shown above the article".into());
            }
        }
    }
}

/// A "By Jane Doe" line round the start of the article, kept or not (its linked name can make
/// it look like a link list), when nothing else named the author: a short line that opens with
/// a byline prefix followed by what looks like a name.
fn byline_line_near(a: &Analysis, first: usize, w: &Weights) -> Option<Found> {
    let from = first.saturating_sub(w.header_zone_blocks);
    let to = (first + w.header_zone_blocks).min(a.segs.blocks.len());
    (from..to).find_map(|i| {
        let b = &a.segs.blocks[i];
        if matches!(b.kind, BlockKind::Heading(_))
            || a.feats[i].words > w.header_line_words
            || a.feats[i].sentences > 1
        {
            return None;
        }
        let name = metadata::byline_line_name(&b.text)?;
        // A name: capitalised, two words or more (one capitalised word is as often a German
        // noun), no digits or labels (a date line, "Foto: ...").
        let words = features::word_count(&name);
        let looks_like_name = name.chars().next().is_some_and(char::is_uppercase)
            && (w.byline_name_min_words..=w.byline_name_words).contains(&words)
            && !name
                .chars()
                .any(|c| c.is_numeric() || matches!(c, ':' | '@' | '|'));
        looks_like_name.then_some(Found {
            value: name,
            source: "text",
        })
    })
}

/// Past the header, a line that holds only a date ("Publiziert: 03.04.2020, 12:35", "Updated
/// 9 December 2024") records when the page was made; it is not article text. A line that says
/// what happens on the date ("Termin: 29.02.2020") stays, and so do headings and list items
/// (a timeline, a reference's retrieval date).
fn strip_date_lines(a: &mut Analysis, from: usize, notes: &mut [Option<String>], w: &Weights) {
    // Indexes several parallel tables (blocks, features, decisions, notes) at once.
    #[allow(clippy::needless_range_loop)]
    for i in from..a.segs.blocks.len() {
        let b = &a.segs.blocks[i];
        if !a.selection.kept[i]
            || a.scored[i].class == Class::Good
            || matches!(b.kind, BlockKind::Heading(_) | BlockKind::ListItem)
            || a.feats[i].words > w.date_line_words
            || a.feats[i].sentences > 1
            || metadata::normalize_date(&b.text).is_none()
        {
            continue;
        }
        let lower = b.text.to_lowercase();
        let only_when = features::words(&lower).all(|t| {
            !t.chars().any(char::is_alphabetic)
                || metadata::is_month(t)
                || DATE_LINE_WORDS.contains(&t)
        });
        if only_when {
            a.selection.kept[i] = false;
            notes[i] = Some("a date line, not article text".into());
        }
    }
}

fn first_image(content: &Content) -> Option<String> {
    content.events.iter().find_map(|e| match e {
        Event::Void("img", attrs) => attrs
            .iter()
            .find(|(k, _)| *k == "src")
            .map(|(_, v)| v.clone()),
        _ => None,
    })
}

fn first_paragraph(text: &str, max: usize) -> Option<String> {
    let p = text
        .split("\n\n")
        .find(|p| p.split_whitespace().count() >= 8)?;
    if p.chars().count() <= max {
        return Some(p.to_string());
    }
    let cut: String = p.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) => &cut[..i],
        None => &cut,
    };
    Some(format!("{cut}…"))
}

/// Is most of the text in a right-to-left script?
fn rtl_by_script(text: &str) -> bool {
    let mut rtl = 0usize;
    let mut letters = 0usize;
    for c in text.chars().take(5000) {
        if c.is_alphabetic() {
            letters += 1;
            if matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF) {
                rtl += 1;
            }
        }
    }
    letters > 0 && rtl * 2 > letters
}

fn block_reports(a: &Analysis, post: &[Option<String>], input: &RenderInput) -> Vec<BlockReport> {
    let nth = nth_of_type(&a.dom);
    let _ = input;
    a.segs
        .blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut reasons: Vec<String> = a.scored[i]
                .reasons
                .iter()
                .map(ToString::to_string)
                .collect();
            reasons.push(format!(
                "class: {}",
                match a.scored[i].class {
                    Class::Good => "content",
                    Class::Neutral => "undecided",
                    Class::Bad => "clutter",
                }
            ));
            if let Some(n) = &a.selection.notes[i] {
                reasons.push(n.clone());
            }
            if let Some(n) = &post[i] {
                reasons.push(n.clone());
            }
            let preview: String = b.text.chars().take(80).collect();
            BlockReport {
                id: i,
                path: css_path(&a.dom, b.owner, &nth),
                tag: a
                    .dom
                    .element(b.owner)
                    .map_or("#document".to_string(), |e| e.name.to_string()),
                preview,
                text: b.text.clone(),
                words: a.feats[i].words,
                link_density: (a.feats[i].link_density * 100.0).round() / 100.0,
                score: (a.scored[i].score * 10.0).round() / 10.0,
                kept: a.selection.kept[i],
                reasons,
            }
        })
        .collect()
}

/// `nth-of-type` index of every element among its siblings, in one pass.
fn nth_of_type(dom: &Dom) -> Vec<u32> {
    let mut nth = vec![0u32; dom.len()];
    for p in 0..dom.len() as NodeId {
        if dom.node(p).end == p + 1 {
            continue;
        }
        let mut counts: Vec<(&str, u32)> = Vec::new();
        for c in dom.children(p) {
            if let Some(el) = dom.element(c) {
                let name = &*el.name;
                match counts.iter_mut().find(|(n, _)| *n == name) {
                    Some(entry) => {
                        entry.1 += 1;
                        nth[c as usize] = entry.1;
                    }
                    None => {
                        counts.push((name, 1));
                        nth[c as usize] = 1;
                    }
                }
            }
        }
    }
    nth
}

/// A CSS-like path to an element: up to eight steps, nearest `#id` ends the walk.
fn css_path(dom: &Dom, id: NodeId, nth: &[u32]) -> String {
    let mut steps: Vec<String> = Vec::new();
    let mut cur = Some(id);
    while let Some(c) = cur {
        let Some(el) = dom.element(c) else { break };
        if matches!(el.tag, Tag::Html) {
            break;
        }
        let mut step = el.name.to_string();
        if let Some(idv) = el
            .attr("id")
            .filter(|v| !v.trim().is_empty() && !v.contains(char::is_whitespace))
        {
            step.push('#');
            step.push_str(idv);
            steps.push(step);
            break;
        }
        if let Some(class) = el.attr("class").and_then(|c| c.split_whitespace().next()) {
            step.push('.');
            step.push_str(class);
        }
        if nth[c as usize] > 1 {
            step.push_str(&format!(":nth-of-type({})", nth[c as usize]));
        }
        steps.push(step);
        if el.tag == Tag::Body || steps.len() >= 8 {
            break;
        }
        cur = dom.node(c).parent;
    }
    steps.reverse();
    steps.join(" > ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_heading_that_names_the_whole_title_wins_over_one_that_names_most_of_it() {
        let (meta, cleaned) = (
            normalize("Zoll online - Fachmeldungen - Verkündung des Tabaksteuergesetzes"),
            normalize("Zoll online - Fachmeldungen"),
        );
        let heads = ["Fachmeldungen", "Verkündung des Tabaksteuergesetzes"]
            .map(|h| (h, title_match(&normalize(h), &meta, &cleaned)));
        assert_eq!(heads[0].1, Some(TitleMatch::MostOfCleaned));
        assert_eq!(best_title_match(heads.into_iter()), Some(heads[1].0));
        // Alone, the heading that is most of the title without its suffix is taken.
        let (meta, cleaned) = (
            normalize("Winda w chmurach / Obyczaje / dwutygodnik.com"),
            normalize("Winda w chmurach / Obyczaje"),
        );
        let only = [(
            "Winda w chmurach",
            title_match(&normalize("Winda w chmurach"), &meta, &cleaned),
        )];
        assert_eq!(best_title_match(only.into_iter()), Some("Winda w chmurach"));
    }

    #[test]
    fn a_line_that_only_dates_the_page_leaves_and_a_dated_appointment_stays() {
        // Both lines sit between paragraphs: at the run's edge a short line goes anyway.
        let para = "The choir meets in the old school hall on the quay, where the acoustics are \
                    kinder than in the church and the heating works, and new singers are welcome.";
        let body: String = (0..6).map(|i| format!("<p>{para} ({i})</p>")).collect();
        let html = format!(
            "<html><head><title>Choir</title></head><body><article><h1>The harbour choir</h1>\
             {body}<p>Termin: 29.02.2020, 19 Uhr</p><p>{para} (7)</p>\
             <p>Aktualisiert am 17.01.2021, 12:35 Uhr</p><p>{para} (last)</p></article>\
             </body></html>"
        );
        let article = extract(&html, None, &Options::default()).expect("an article");
        assert!(
            article.text.contains("Termin: 29.02.2020, 19 Uhr"),
            "{}",
            article.text
        );
        assert!(!article.text.contains("Aktualisiert"), "{}", article.text);
    }
}
