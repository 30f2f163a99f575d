//! Stage 8: the article's metadata, from the most trusted source that has each field:
//! JSON-LD, then OpenGraph / `article:*`, then other `<meta>`, then the visible page.

use crate::dom::{Dom, Kind, NodeId, Tag};
use crate::features::class_or_id_lists;
use crate::patterns::{BYLINE_HINTS, BYLINE_PREFIXES, COMMENT_HINTS};
use markup5ever::local_name;
use serde_json::Value;
use std::collections::HashMap;

/// A value and where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub value: String,
    pub source: &'static str,
}

fn found(value: impl Into<String>, source: &'static str) -> Option<Found> {
    let value: String = value.into();
    let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
    (!value.is_empty()).then_some(Found { value, source })
}

#[derive(Debug, Clone, Default)]
pub struct Metadata {
    pub title: Option<Found>,
    pub byline: Option<Found>,
    pub published: Option<Found>,
    pub site_name: Option<Found>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub description: Option<String>,
    pub lead_image: Option<Found>,
    /// The page declares itself an article (JSON-LD type or `og:type`).
    pub declared_article: bool,
    /// The `<html lang>` value, for the language detector.
    pub declared_lang: Option<String>,
    /// `<base href>`, which overrides the page URL for relative links.
    pub base_href: Option<String>,
    /// The JSON-LD article's `articleBody`: its full text, when the page spells it out.
    pub article_body: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "livebiogposting",
    "liveblogposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "socialmediaposting",
    "posting",
    "review",
    "recipe",
    "howto",
];

pub fn collect(dom: &Dom) -> Metadata {
    let mut meta: HashMap<String, String> = HashMap::new();
    let mut md = Metadata::default();
    let mut ld: Vec<Value> = Vec::new();
    let mut doc_title: Option<String> = None;
    for i in 0..dom.len() as NodeId {
        let Some(el) = dom.element(i) else { continue };
        match el.tag {
            Tag::Meta => {
                let key = el
                    .attr("property")
                    .or_else(|| el.attr("name"))
                    .or_else(|| el.attr("itemprop"))
                    .map(|k| k.trim().to_ascii_lowercase());
                if let (Some(k), Some(v)) = (key, el.attr("content")) {
                    // Several properties may share one attribute: "og:title twitter:title".
                    for k in k.split_whitespace() {
                        meta.entry(k.to_string())
                            .or_insert_with(|| v.trim().to_string());
                    }
                }
                if let Some(h) = el.attr("http-equiv") {
                    if h.eq_ignore_ascii_case("content-language") {
                        if let Some(v) = el.attr("content") {
                            meta.entry("content-language".into())
                                .or_insert_with(|| v.to_string());
                        }
                    }
                }
            }
            Tag::Script => {
                let text = dom.text_of(i);
                if let Some(v) = parse_json_ld(&text) {
                    ld.push(v);
                }
            }
            Tag::Title if doc_title.is_none() => doc_title = Some(dom.text_of(i)),
            Tag::Html => {
                if md.declared_lang.is_none() {
                    md.declared_lang = el
                        .attr("lang")
                        .or_else(|| el.attr("xml:lang"))
                        .map(str::to_string);
                }
                if md.dir.is_none() {
                    md.dir = el
                        .attr("dir")
                        .map(|d| d.trim().to_ascii_lowercase())
                        .filter(|d| d == "rtl" || d == "ltr");
                }
            }
            Tag::Body if md.dir.is_none() => {
                md.dir = el
                    .attr("dir")
                    .map(|d| d.trim().to_ascii_lowercase())
                    .filter(|d| d == "rtl" || d == "ltr");
            }
            Tag::Other if &*el.name == "base" && md.base_href.is_none() => {
                md.base_href = el.attr("href").map(str::to_string);
            }
            _ => {}
        }
    }
    let article = ld.iter().find_map(find_article);
    let get = |k: &str| meta.get(k).filter(|v| !v.is_empty()).cloned();

    // Title
    md.title = article
        .and_then(|a| str_field(a, "headline").or_else(|| str_field(a, "name")))
        .and_then(|t| found(t, "jsonld"))
        .or_else(|| get("og:title").and_then(|t| found(t, "opengraph")))
        .or_else(|| get("twitter:title").and_then(|t| found(t, "meta")))
        .or_else(|| get("dc.title").and_then(|t| found(t, "meta")))
        .or_else(|| doc_title.and_then(|t| found(t, "title")));

    // Byline
    md.byline = article
        .and_then(|a| a.get("author").or_else(|| a.get("creator")))
        .and_then(author_names)
        .and_then(|t| found(t, "jsonld"))
        .or_else(|| {
            [
                "author",
                "article:author",
                "dc.creator",
                "parsely-author",
                "sailthru.author",
                "citation_author",
            ]
            .iter()
            .find_map(|k| get(k).filter(|v| !looks_like_url(v)))
            .and_then(|t| found(t, "meta"))
        });

    // Date
    md.published = article
        .and_then(|a| str_field(a, "datePublished").or_else(|| str_field(a, "dateCreated")))
        .and_then(|d| normalize_date(&d))
        .and_then(|d| found(d, "jsonld"))
        .or_else(|| {
            get("article:published_time")
                .or_else(|| get("og:published_time"))
                .and_then(|d| normalize_date(&d))
                .and_then(|d| found(d, "opengraph"))
        })
        .or_else(|| {
            [
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "dcterms.date",
                "dcterms.issued",
                "sailthru.date",
                "parsely-pub-date",
                "citation_publication_date",
                "datepublished",
            ]
            .iter()
            .find_map(|k| get(k).and_then(|d| normalize_date(&d)))
            .and_then(|d| found(d, "meta"))
        });

    // Site name
    md.site_name = get("og:site_name")
        .and_then(|s| found(s, "opengraph"))
        .or_else(|| {
            article
                .and_then(|a| a.get("publisher"))
                .and_then(|p| p.get("name").and_then(Value::as_str).map(str::to_string))
                .and_then(|s| found(s, "jsonld"))
        })
        .or_else(|| get("application-name").and_then(|s| found(s, "meta")));

    // Lead image
    md.lead_image = get("og:image")
        .or_else(|| get("og:image:url"))
        .or_else(|| get("og:image:secure_url"))
        .and_then(|s| found(s, "opengraph"))
        .or_else(|| {
            article
                .and_then(|a| a.get("image"))
                .and_then(image_url)
                .and_then(|s| found(s, "jsonld"))
        })
        .or_else(|| {
            get("twitter:image")
                .or_else(|| get("twitter:image:src"))
                .and_then(|s| found(s, "meta"))
        });

    md.description = get("og:description")
        .or_else(|| get("description"))
        .or_else(|| get("twitter:description"))
        .or_else(|| article.and_then(|a| str_field(a, "description")));

    md.lang = md
        .declared_lang
        .clone()
        .or_else(|| get("content-language"))
        .or_else(|| get("og:locale").map(|l| l.replace('_', "-")))
        .or_else(|| article.and_then(|a| str_field(a, "inLanguage")))
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l.len() <= 35);

    md.article_body = article
        .and_then(|a| str_field(a, "articleBody"))
        .filter(|b| !b.trim().is_empty());

    md.declared_article = article.is_some()
        || get("og:type").is_some_and(|t| t.to_ascii_lowercase().contains("article"));
    md
}

/// Parses a JSON-LD script body, tolerating the wrappers sites put around it.
fn parse_json_ld(text: &str) -> Option<Value> {
    let t = text.trim();
    let t = t.strip_prefix("<!--").unwrap_or(t);
    let t = t
        .strip_suffix("-->")
        .unwrap_or(t)
        .trim()
        .trim_end_matches(';');
    let t = t
        .strip_prefix("//<![CDATA[")
        .and_then(|x| x.strip_suffix("//]]>"))
        .unwrap_or(t);
    serde_json::from_str(t.trim()).ok()
}

fn type_matches(v: &Value) -> bool {
    let is_article = |s: &str| {
        let s = s
            .rsplit(['/', ':'])
            .next()
            .unwrap_or(s)
            .to_ascii_lowercase();
        ARTICLE_TYPES.contains(&s.as_str())
    };
    match v.get("@type") {
        Some(Value::String(s)) => is_article(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

/// The first article-typed object anywhere in a JSON-LD value (`@graph`, arrays, nesting),
/// searched breadth-first without recursion.
fn find_article(root: &Value) -> Option<&Value> {
    let mut queue = std::collections::VecDeque::from([root]);
    let mut visited = 0;
    while let Some(v) = queue.pop_front() {
        visited += 1;
        if visited > 10_000 {
            return None;
        }
        match v {
            Value::Object(map) => {
                if type_matches(v) {
                    return Some(v);
                }
                for (k, child) in map {
                    if matches!(
                        k.as_str(),
                        "@graph"
                            | "mainEntity"
                            | "mainEntityOfPage"
                            | "itemListElement"
                            | "hasPart"
                    ) {
                        queue.push_back(child);
                    }
                }
            }
            Value::Array(items) => queue.extend(items.iter()),
            _ => {}
        }
    }
    None
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(decode_entities(s)),
        Value::Array(a) => a.iter().find_map(|x| x.as_str().map(decode_entities)),
        Value::Object(o) => o.get("@value").and_then(Value::as_str).map(decode_entities),
        _ => None,
    }
}

/// JSON-LD is often written with HTML character references left in its strings
/// ("Wohngew&#x00E4;chshaus", "Caf&eacute;"): they are decoded as the HTML parser would decode
/// them in text, a no-break space becoming a plain one.
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        match crate::tokenize::char_ref(rest.as_bytes(), at + 1, false) {
            Some((text, end)) => {
                out.extend(text.chars().map(|c| if c == '\u{a0}' { ' ' } else { c }));
                rest = &rest[end..];
            }
            None => {
                out.push('&');
                rest = &rest[at + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn author_names(v: &Value) -> Option<String> {
    let name_of = |x: &Value| -> Option<String> {
        match x {
            Value::String(s) if !looks_like_url(s) => Some(decode_entities(s)),
            Value::Object(o) => o.get("name").and_then(|n| match n {
                Value::String(s) => Some(decode_entities(s)),
                Value::Array(a) => a.first().and_then(Value::as_str).map(decode_entities),
                _ => None,
            }),
            _ => None,
        }
    };
    let names: Vec<String> = match v {
        Value::Array(a) => a.iter().filter_map(name_of).collect(),
        other => name_of(other).into_iter().collect(),
    };
    let names: Vec<String> = names
        .into_iter()
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

fn image_url(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(image_url),
        Value::Object(o) => o
            .get("url")
            .or_else(|| o.get("contentUrl"))
            .and_then(image_url),
        _ => None,
    }
}

fn looks_like_url(s: &str) -> bool {
    let s = s.trim();
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with("www.")
}

/// The longest byline text, in characters: longer text under a byline class is an author's
/// biography or a whole teaser card, not a name.
const BYLINE_MAX_CHARS: usize = 100;

/// Finds a visible byline in the page: `rel=author`, `itemprop=author`, or an element whose
/// class says byline/author with a short text. An element's text is collected only up to that
/// length, so a page of nested "author" boxes is not read once per box.
pub fn visible_byline(dom: &Dom, removed: &[bool]) -> Option<Found> {
    let mut i: NodeId = 0;
    while (i as usize) < dom.len() {
        if removed[i as usize] {
            i = dom.node(i).end;
            continue;
        }
        if let Some(el) = dom.element(i) {
            // Every element is asked both: its class and id are split once.
            const COMMENT: u32 = 1;
            const BYLINE: u32 = 2;
            let lists = class_or_id_lists(el, &[COMMENT_HINTS, BYLINE_HINTS]);
            // A comment's author is not the article's.
            if lists & COMMENT != 0 {
                i = dom.node(i).end;
                continue;
            }
            let by_attr = el
                .attr_named(&local_name!("rel"))
                .is_some_and(|r| r.contains("author"))
                || el
                    .attr_named(&local_name!("itemprop"))
                    .is_some_and(|p| p.trim() == "author")
                || lists & BYLINE != 0;
            if by_attr {
                if let Some(name) = dom
                    .short_text_of(i, BYLINE_MAX_CHARS)
                    .and_then(|t| clean_byline(&t))
                {
                    return found(name, "text");
                }
            }
        }
        i += 1;
    }
    None
}

/// The name in a line that opens with a byline prefix ("By Jane Doe" → "Jane Doe"); `None`
/// for a line without one.
pub fn byline_line_name(text: &str) -> Option<String> {
    clean_byline(text).filter(|name| name.len() < text.trim().len())
}

/// Turns "By Jane Doe, Science Reporter" into "Jane Doe, Science Reporter"; `None` when the text
/// is too long or too short to be a byline.
pub fn clean_byline(text: &str) -> Option<String> {
    let t = text.trim();
    let count = t.chars().count();
    if !(2..=BYLINE_MAX_CHARS).contains(&count) {
        return None;
    }
    // The prefixes are ASCII: compare bytes without lower-casing (which can change lengths).
    let t = BYLINE_PREFIXES
        .iter()
        .find(|p| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
        .map_or(t, |p| t[p.len()..].trim());
    // "By Jane Doe | March 2, 2024 | 4:15 PM": the name is the first part.
    let t = t.split(" | ").next().unwrap_or(t).trim();
    (t.split_whitespace().count() <= 12 && !t.is_empty()).then(|| t.to_string())
}

/// The first `<time datetime>` in the page (or inside `within`), or else the first element the
/// page's microdata calls `datePublished` (`<span itemprop="datePublished">May 19, 2020</span>`),
/// as an ISO date.
pub fn time_element(dom: &Dom, within: Option<NodeId>) -> Option<Found> {
    let (start, end) = match within {
        Some(c) => (c, dom.node(c).end),
        None => (0, dom.len() as NodeId),
    };
    let date_of = |i: NodeId, el: &crate::dom::Element| {
        let raw = el
            .attr("datetime")
            .or_else(|| el.attr("content"))
            .map(str::to_string)
            .unwrap_or_else(|| dom.text_of(i));
        normalize_date(&raw)
    };
    (start..end)
        .find_map(|i| {
            let el = dom.element(i)?;
            (el.tag == Tag::Time).then(|| date_of(i, el))?
        })
        .and_then(|d| found(d, "time"))
        .or_else(|| {
            (start..end)
                .find_map(|i| {
                    let el = dom.element(i)?;
                    let prop = el.attr("itemprop")?;
                    (el.tag != Tag::Meta
                        && prop
                            .split_whitespace()
                            .any(|p| p.eq_ignore_ascii_case("datePublished")))
                    .then(|| date_of(i, el))?
                })
                .and_then(|d| found(d, "microdata"))
        })
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
    ("januar", 1),
    ("februar", 2),
    ("märz", 3),
    ("mai", 5),
    ("juni", 6),
    ("juli", 7),
    ("oktober", 10),
    ("dezember", 12),
    ("janvier", 1),
    ("février", 2),
    ("mars", 3),
    ("avril", 4),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
];

/// Is this word (lower case) the name of a month in one of the languages dates are read in?
pub fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|(name, _)| *name == word)
}

/// Normalizes the date formats found in metadata to ISO 8601 (`2024-12-09` or
/// `2024-12-09T09:13:00+00:00`). Returns `None` for anything it cannot read with confidence.
pub fn normalize_date(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    let textual = s;
    // ISO: YYYY-MM-DD[THH:MM[:SS][.fff][Z|±HH:MM]]. Its parts are ASCII, so the ISO reading
    // looks only at the ASCII prefix, where byte offsets are character offsets.
    let s = &s[..s.find(|c: char| !c.is_ascii()).unwrap_or(s.len())];
    let b = s.as_bytes();
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' && s[..4].chars().all(|c| c.is_ascii_digit()) {
        let y: u32 = s[..4].parse().ok()?;
        let m: u32 = s[5..7].parse().ok()?;
        let d: u32 = s[8..10].parse().ok()?;
        if !valid_ymd(y, m, d) {
            return None;
        }
        let rest = &s[10..];
        if rest.len() >= 6 && (rest.starts_with('T') || rest.starts_with(' ')) {
            let time = &rest[1..];
            let hm = time.get(..5)?;
            if hm.as_bytes()[2] != b':' {
                return Some(format!("{y:04}-{m:02}-{d:02}"));
            }
            let mut end = 5;
            if time.as_bytes().get(5) == Some(&b':') {
                end = 8.min(time.len());
            }
            let clock = &time[..end];
            let mut tail = &time[end..];
            if tail.starts_with('.') {
                let skip = tail[1..].chars().take_while(char::is_ascii_digit).count() + 1;
                tail = &tail[skip..];
            }
            let tail = tail.trim();
            let zone = if tail.is_empty() {
                String::new()
            } else if tail == "Z" || tail == "z" {
                "Z".to_string()
            } else if (tail.starts_with('+') || tail.starts_with('-')) && tail.len() >= 5 {
                let digits: String = tail[1..].chars().filter(char::is_ascii_digit).collect();
                if digits.len() == 4 {
                    format!("{}{}:{}", &tail[..1], &digits[..2], &digits[2..])
                } else {
                    String::new()
                }
            } else {
                String::new()
            };
            let clock = if clock.len() == 5 {
                format!("{clock}:00")
            } else {
                clock.to_string()
            };
            return Some(format!("{y:04}-{m:02}-{d:02}T{clock}{zone}"));
        }
        return Some(format!("{y:04}-{m:02}-{d:02}"));
    }
    // Textual: "9 December 2024", "December 9, 2024", "Mon, 09 Dec 2024 09:13:00 GMT",
    // "09.12.2024", "9. Dezember 2024".
    let lower = textual.to_lowercase();
    let tokens: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|')
        .filter(|t| !t.is_empty())
        .collect();
    let mut year = None;
    let mut month = None;
    let mut day = None;
    for t in &tokens {
        let t = t.trim_end_matches(['.', ',']);
        if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == t) {
            month.get_or_insert(m);
        } else if t.is_ascii()
            && t.len() == 10
            && t.as_bytes()[2] == b'.'
            && t.as_bytes()[5] == b'.'
        {
            // 09.12.2024
            let d: u32 = t[..2].parse().ok()?;
            let m: u32 = t[3..5].parse().ok()?;
            let y: u32 = t[6..].parse().ok()?;
            return valid_ymd(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"));
        } else if let Ok(n) = t
            .trim_end_matches(|c: char| c.is_alphabetic())
            .parse::<u32>()
        {
            if t.len() == 4 && (1900..=2100).contains(&n) {
                year.get_or_insert(n);
            } else if (1..=31).contains(&n) && t.len() <= 4 {
                day.get_or_insert(n);
            }
        }
    }
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) if valid_ymd(y, m, d) => Some(format!("{y:04}-{m:02}-{d:02}")),
        _ => None,
    }
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

/// Strips a " - Site name" or " | Site" suffix (or prefix) from a document title.
pub fn clean_title(title: &str, site_name: Option<&str>) -> String {
    let title = title.trim();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " / ", " » "] {
        if let Some(idx) = title.rfind(sep) {
            let (head, tail) = (&title[..idx], &title[idx + sep.len()..]);
            let site_match =
                |part: &str| site_name.is_some_and(|s| part.trim().eq_ignore_ascii_case(s.trim()));
            if site_match(tail)
                || (tail.split_whitespace().count() <= 4 && head.split_whitespace().count() >= 3)
            {
                return head.trim().to_string();
            }
            if let Some(pidx) = title.find(sep) {
                let (first, rest) = (&title[..pidx], &title[pidx + sep.len()..]);
                if site_match(first) {
                    return rest.trim().to_string();
                }
            }
        }
    }
    title.to_string()
}

/// Text direction implied by a language tag.
pub fn dir_for_lang(lang: &str) -> Option<&'static str> {
    let primary = lang.split(['-', '_']).next()?.to_ascii_lowercase();
    matches!(
        primary.as_str(),
        "ar" | "he" | "iw" | "fa" | "ur" | "ps" | "yi" | "ku" | "dv" | "sd"
    )
    .then_some("rtl")
}

/// Headings (`h1`, then `h2`) of the page, for matching the title.
pub fn headings(dom: &Dom, removed: &[bool]) -> Vec<(NodeId, String)> {
    let mut out = Vec::new();
    for i in 0..dom.len() as NodeId {
        if removed[i as usize] {
            continue;
        }
        if let Kind::Element(el) = &dom.node(i).kind {
            if matches!(el.tag, Tag::H1 | Tag::H2) {
                out.push((i, dom.text_of(i)));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso() {
        assert_eq!(
            normalize_date("2024-12-09T09:13:00Z").as_deref(),
            Some("2024-12-09T09:13:00Z")
        );
        assert_eq!(
            normalize_date("2024-12-09T09:13+0100").as_deref(),
            Some("2024-12-09T09:13:00+01:00")
        );
        assert_eq!(normalize_date("2024-12-09").as_deref(), Some("2024-12-09"));
        assert_eq!(
            normalize_date("9 December 2024, 09:13").as_deref(),
            Some("2024-12-09")
        );
        assert_eq!(
            normalize_date("December 9, 2024").as_deref(),
            Some("2024-12-09")
        );
        assert_eq!(
            normalize_date("Mon, 09 Dec 2024 09:13:00 GMT").as_deref(),
            Some("2024-12-09")
        );
        assert_eq!(normalize_date("09.12.2024").as_deref(), Some("2024-12-09"));
        assert_eq!(normalize_date("yesterday"), None);
        assert_eq!(normalize_date("2024-13-40"), None);
    }

    #[test]
    fn json_ld_strings_lose_their_character_references() {
        assert_eq!(
            decode_entities("Wohngew&#x00E4;chshaus&#x20;selber&#x20;bauen"),
            "Wohngewächshaus selber bauen"
        );
        assert_eq!(
            decode_entities("Caf&eacute; &amp; Bar&nbsp;&#8220;Eins&#8221;"),
            "Café & Bar “Eins”"
        );
        // As in HTML text, the oldest names need no semicolon.
        assert_eq!(
            decode_entities("fish &amp chips &copy 2024"),
            "fish & chips © 2024"
        );
        for kept in ["AT&T", "a & b", "&unknown;", "&#xZZ;", "&;"] {
            assert_eq!(decode_entities(kept), kept, "{kept}");
        }
    }

    #[test]
    fn titles_lose_site_suffixes() {
        assert_eq!(
            clean_title("A long headline about things - Daily Planet", None),
            "A long headline about things"
        );
        assert_eq!(
            clean_title("Daily Planet | A headline here", Some("Daily Planet")),
            "A headline here"
        );
        assert_eq!(clean_title("Short - title", None), "Short - title");
    }
}
