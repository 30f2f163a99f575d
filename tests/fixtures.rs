//! Hand-written fixture pages (issue 2, "Fixtures and tests"): one named test per folder under
//! `tests/fixtures/`. A folder holds the page (`source.html`, read as bytes so its declared
//! encoding is exercised), `case.json` (what a reader should get) and the golden `expected.txt`
//! (the article's `text`). See `tests/fixtures/README.md` for the case file's fields.
//!
//! Every check of a case runs and its failures are collected, so one run names all that is wrong
//! with a page, not only the first problem. Golden files are rewritten only with
//! `DECLUTTER_BLESS=1`, and never for a case marked `knownFailure`: its `expected.txt` is written
//! by hand as what the text should be, and blessing would lock in today's wrong output.

// `decode_bytes` (reading a saved page's bytes) exists only in the native build.
#![cfg(not(target_arch = "wasm32"))]

use declutter::{decode_bytes, extract, is_readerable, Article, Options};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Lists the fixture folders, one test each. The test name is the folder's slug with `_` for `-`.
macro_rules! fixtures {
    ($($test:ident => $slug:literal),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                run_fixture($slug);
            }
        )*

        /// Every folder the macro turns into a test.
        const LISTED: &[&str] = &[$($slug),*];
    };
}

fixtures! {
    seed_semantic => "seed-semantic",
    seed_divsoup => "seed-divsoup",
    blog_code => "blog-code",
    data_table => "data-table",
    rtl_arabic => "rtl-arabic",
    german_news => "german-news",
    lazy_images => "lazy-images",
    home_teasers => "home-teasers",
    hidden_content => "hidden-content",
    mathml => "mathml",
    blog_comments => "blog-comments",
    legacy_cp1252 => "legacy-cp1252",
    recipe_lists => "recipe-lists",
    chinese_news => "chinese-news",
    docs_page => "docs-page",
    news_split_blocks => "news-split-blocks",
    magazine_interview => "magazine-interview",
    blogspot_br => "blogspot-br",
    blog_noscript_template => "blog-noscript-template",
    shop_category => "shop-category",
    options_plain => "options-plain",
    hebrew_no_dir => "hebrew-no-dir",
    news_long_teasers => "news-long-teasers",
    newsletter_essay => "newsletter-essay",
    short_brief => "short-brief",
    paginated_review => "paginated-review",
    news_keypoints => "news-keypoints",
    jsonld_graph_refs => "jsonld-graph-refs",
    wire_story => "wire-story",
    photo_blog_sidebar => "photo-blog-sidebar",
    press_release_standfirst => "press-release-standfirst",
    paywall_jsonld_body => "paywall-jsonld-body",
    wiki_contents => "wiki-contents",
    recipe_linked_ingredients => "recipe-linked-ingredients",
    recipe_affiliate_ingredients => "recipe-affiliate-ingredients",
}

/// A forgotten folder would silently never run: every folder must be listed, and every listed
/// slug must exist.
#[test]
fn every_fixture_folder_is_listed() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures is readable")
        .map(|e| e.expect("directory entry is readable"))
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    let listed: BTreeSet<String> = LISTED.iter().map(|s| (*s).to_string()).collect();
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&on_disk).collect();
    assert!(
        unlisted.is_empty(),
        "fixture folders without a test; add them to `fixtures!` in tests/fixtures.rs: {unlisted:?}"
    );
    assert!(
        missing.is_empty(),
        "listed in `fixtures!` but no folder under tests/fixtures: {missing:?}"
    );
}

/// `case.json`. A metadata field that is absent is not checked; `null` means the core must find
/// nothing.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Case {
    /// The page's address, passed to the core to resolve relative URLs.
    url: String,
    /// Options for the extraction; defaults when absent.
    #[serde(default)]
    options: Option<Options>,
    readerable: bool,
    #[serde(default, deserialize_with = "present")]
    title: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    byline: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    published: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    site_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    lang: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    dir: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    lead_image: Option<Option<String>>,
    /// The excerpt must start with this text (excerpts may be cut short with an ellipsis).
    #[serde(default, deserialize_with = "present")]
    excerpt: Option<Option<String>>,
    /// Strings the article's `text` must contain: typically one sentence per paragraph.
    #[serde(default)]
    must_contain: Vec<String>,
    /// Clutter: must appear in neither `text` nor `contentHtml`.
    #[serde(default)]
    must_not_contain: Vec<String>,
    /// Markup `contentHtml` must contain (resolved image URLs, `<pre>`, `<table>`, `<math>`...).
    #[serde(default)]
    html_must_contain: Vec<String>,
    /// Markup `contentHtml` must not contain.
    #[serde(default)]
    html_must_not_contain: Vec<String>,
    /// Markup that must occur exactly this many times in `contentHtml` (an image kept once,
    /// not twice through its `<noscript>` fallback).
    #[serde(default)]
    html_count: std::collections::BTreeMap<String, usize>,
    /// `false` for a page with no right text to compare, such as a home page that must come back
    /// not readerable: its "best attempt" text is whatever the tuning of the day makes of it.
    #[serde(default = "yes")]
    golden: bool,
    /// Why the core gets this case wrong today. The case still runs and must still fail.
    #[serde(default)]
    known_failure: Option<String>,
    /// Free text for the reader of the case file: what the page tests.
    #[serde(default)]
    #[allow(dead_code)]
    about: Option<String>,
}

fn yes() -> bool {
    true
}

/// Tells "absent" (outer `None`) from "`null`" (`Some(None)`) for optional metadata fields.
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// Markup that must never leave the core, whatever the page (issue 2, output allowlist).
const FORBIDDEN_HTML: &[&str] = &[
    "<script",
    "<style",
    "<iframe",
    "<form",
    "<input",
    "<button",
    "javascript:",
    " onclick=",
    " onerror=",
    " onload=",
    " style=",
];

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn blessing() -> bool {
    std::env::var("DECLUTTER_BLESS").is_ok_and(|v| v == "1")
}

fn run_fixture(slug: &str) {
    let dir = fixtures_dir().join(slug);
    let case_text = std::fs::read_to_string(dir.join("case.json"))
        .unwrap_or_else(|e| panic!("{slug}: cannot read case.json: {e}"));
    let case: Case = serde_json::from_str(&case_text)
        .unwrap_or_else(|e| panic!("{slug}: case.json is not a valid case: {e}"));
    let bytes = std::fs::read(dir.join("source.html"))
        .unwrap_or_else(|e| panic!("{slug}: cannot read source.html: {e}"));
    let html = decode_bytes(&bytes).unwrap_or_else(|e| panic!("{slug}: decode_bytes failed: {e}"));
    let options = case.options.clone().unwrap_or_default();
    let article = extract(&html, Some(&case.url), &options)
        .unwrap_or_else(|e| panic!("{slug}: extract failed: {e}"));

    let mut failures = check(&case, &html, &article);

    let golden_path = dir.join("expected.txt");
    let golden = std::fs::read_to_string(&golden_path).ok();
    let actual = format!("{}\n", article.text.trim_end());
    match golden {
        None if !case.golden => {}
        Some(_) if !case.golden => failures.push(
            "case.json says \"golden\": false but expected.txt exists; remove one of them".into(),
        ),
        Some(g) if g.trim_end() == article.text.trim_end() => {}
        _ if blessing() && case.known_failure.is_none() => {
            std::fs::write(&golden_path, &actual)
                .unwrap_or_else(|e| panic!("{slug}: cannot write expected.txt: {e}"));
            eprintln!("{slug}: blessed expected.txt; read `git diff` before committing it");
        }
        Some(g) => failures.push(format!(
            "text differs from expected.txt (- expected, + actual; \
             DECLUTTER_BLESS=1 rewrites it once you have checked the new text is right):\n{}",
            line_diff(g.trim_end(), article.text.trim_end())
        )),
        None => failures.push(
            "expected.txt is missing (write it by hand, or with DECLUTTER_BLESS=1 after reading the text)"
                .to_string(),
        ),
    }

    let report = failures
        .iter()
        .map(|f| format!("  - {f}"))
        .collect::<Vec<_>>()
        .join("\n");
    record(slug, case.known_failure.as_deref(), &report);
    match (&case.known_failure, failures.is_empty()) {
        (None, true) => {}
        (None, false) => panic!("{slug}: {} problem(s):\n{report}", failures.len()),
        (Some(reason), false) => {
            eprintln!("{slug}: KNOWN FAILURE ({reason}); still failing as expected:\n{report}");
        }
        (Some(reason), true) => panic!(
            "{slug}: marked knownFailure ({reason}) but every check passes now: \
             remove `knownFailure` from tests/fixtures/{slug}/case.json"
        ),
    }
}

/// Keeps `artifacts/fixtures/<slug>.txt` with what a failing case got wrong, so the problems of
/// every known failure can be read after a test run that hides passing tests' output (nextest).
/// A case with nothing wrong leaves no file behind.
fn record(slug: &str, known_failure: Option<&str>, report: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("artifacts/fixtures");
    let path = dir.join(format!("{slug}.txt"));
    if report.is_empty() {
        // Absent already is the usual case; any other error only leaves a stale note behind.
        let _ = std::fs::remove_file(&path);
        return;
    }
    let reason = known_failure.unwrap_or("not marked as a known failure");
    let note = format!("{slug}: {reason}\n{report}\n");
    if let Err(e) = std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, note)) {
        eprintln!("{slug}: cannot write {}: {e}", path.display());
    }
}

/// All checks except the golden text; returns one message per failed check.
fn check(case: &Case, html: &str, article: &Article) -> Vec<String> {
    let mut failures = Vec::new();

    if article.readerable != case.readerable {
        failures.push(format!(
            "readerable is {} (confidence {:.2}), expected {}",
            article.readerable, article.confidence, case.readerable
        ));
    }
    let (cheap, confidence) = is_readerable(html);
    if cheap != case.readerable {
        failures.push(format!(
            "is_readerable() says {cheap} (confidence {confidence:.2}), expected {}",
            case.readerable
        ));
    }

    let fields: [MetadataCheck; 8] = [
        ("title", &case.title, &article.title, Compare::Exact),
        ("byline", &case.byline, &article.byline, Compare::Exact),
        (
            "published",
            &case.published,
            &article.published,
            Compare::Instant,
        ),
        (
            "siteName",
            &case.site_name,
            &article.site_name,
            Compare::Exact,
        ),
        ("lang", &case.lang, &article.lang, Compare::Language),
        ("dir", &case.dir, &article.dir, Compare::Exact),
        (
            "leadImage",
            &case.lead_image,
            &article.lead_image,
            Compare::Exact,
        ),
        ("excerpt", &case.excerpt, &article.excerpt, Compare::Prefix),
    ];
    for (name, want, got, how) in fields {
        let Some(want) = want else { continue };
        let ok = match (want, got) {
            (None, None) => true,
            (Some(w), Some(g)) => how.matches(w, g),
            _ => false,
        };
        if !ok {
            failures.push(format!("{name} is {got:?}, expected {want:?}"));
        }
    }

    for s in &case.must_contain {
        if !article.text.contains(s.as_str()) {
            failures.push(format!("text lacks {s:?}"));
        }
    }
    for s in &case.must_not_contain {
        if article.text.contains(s.as_str()) {
            failures.push(format!("clutter in text: {s:?}"));
        }
        if article.content_html.contains(s.as_str()) {
            failures.push(format!("clutter in contentHtml: {s:?}"));
        }
    }
    for s in &case.html_must_contain {
        if !article.content_html.contains(s.as_str()) {
            failures.push(format!("contentHtml lacks {s:?}"));
        }
    }
    for (s, want) in &case.html_count {
        let got = article.content_html.matches(s.as_str()).count();
        if got != *want {
            failures.push(format!(
                "contentHtml has {s:?} {got} times, expected {want}"
            ));
        }
    }
    let lower = article.content_html.to_ascii_lowercase();
    for s in case
        .html_must_not_contain
        .iter()
        .map(String::as_str)
        .chain(FORBIDDEN_HTML.iter().copied())
    {
        if lower.contains(&s.to_ascii_lowercase()) {
            failures.push(format!("contentHtml contains {s:?}"));
        }
    }
    failures.extend(nesting_problems(&article.content_html));
    failures
}

/// Malformed output the browser would silently repair into something else: a `<p>` opened
/// inside a `<p>` (the browser closes the first one early) or a block inside `<pre>`.
fn nesting_problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let (mut in_p, mut in_pre) = (0usize, 0usize);
    for (pos, _) in html.match_indices('<') {
        let tag: String = html[pos + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        let context = || {
            html[pos.saturating_sub(40)..]
                .chars()
                .take(100)
                .collect::<String>()
        };
        match tag.as_str() {
            "p" | "div" | "ul" | "ol" | "table" | "blockquote" | "figure" | "h1" | "h2" | "h3"
            | "h4" | "h5" | "h6"
                if in_p > 0 || in_pre > 0 =>
            {
                problems.push(format!(
                    "contentHtml nests <{tag}> in a <p> or <pre>: {:?}",
                    context()
                ));
            }
            _ => {}
        }
        match tag.as_str() {
            "p" => in_p += 1,
            "/p" => in_p = in_p.saturating_sub(1),
            "pre" => in_pre += 1,
            "/pre" => in_pre = in_pre.saturating_sub(1),
            _ => {}
        }
        if problems.len() >= 3 {
            break;
        }
    }
    problems
}

/// One metadata field: its name, what the case wants (absent = unchecked), what the core found.
type MetadataCheck<'a> = (
    &'a str,
    &'a Option<Option<String>>,
    &'a Option<String>,
    Compare,
);

#[derive(Clone, Copy)]
enum Compare {
    Exact,
    /// Same moment in time: `2024-12-09T09:13:00Z` equals `2024-12-09T09:13:00+00:00`; a bare
    /// `2024-12-09` matches any time on that day.
    Instant,
    /// `en` accepts `en` and any `en-*`; `en-GB` must match exactly (case-insensitive).
    Language,
    /// The found value starts with the expected one.
    Prefix,
}

impl Compare {
    fn matches(self, want: &str, got: &str) -> bool {
        match self {
            Compare::Exact => want == got,
            Compare::Prefix => got.starts_with(want),
            // A date-only expectation checks the calendar day the page states, whatever time
            // of day the core adds.
            Compare::Instant if want.len() == 10 => got.get(..10) == Some(want),
            Compare::Instant => match (utc_seconds(want), utc_seconds(got)) {
                (Some(w), Some(g)) => w == g,
                _ => want == got,
            },
            Compare::Language => {
                let (w, g) = (want.to_ascii_lowercase(), got.to_ascii_lowercase());
                if w.contains('-') {
                    w == g
                } else {
                    g.split('-').next() == Some(w.as_str())
                }
            }
        }
    }
}

/// Seconds since 0000-03-01 for `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]`; a bare date is
/// midnight UTC. Enough to compare two ISO 8601 stamps, not a general parser.
fn utc_seconds(s: &str) -> Option<i64> {
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (mut h, mut mi, mut sec, mut offset) = (0, 0, 0, 0);
    if s.len() > 10 {
        h = num(11..13)?;
        mi = num(14..16)?;
        let mut rest = &s[16..];
        if let Some(r) = rest.strip_prefix(':') {
            sec = r.get(0..2)?.parse().ok()?;
            rest = &r[2..];
        }
        if let Some(r) = rest.strip_prefix('.') {
            rest = r.trim_start_matches(|c: char| c.is_ascii_digit());
        }
        if let Some(sign) = rest.chars().next().filter(|c| *c == '+' || *c == '-') {
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(rest.len() - 2..)?.parse().ok()?;
            offset = (oh * 60 + om) * if sign == '-' { -1 } else { 1 };
        } else if !(rest.is_empty() || rest == "Z") {
            return None;
        }
    }
    // Days from a March-based calendar so leap days fall at the end of the year.
    let (y2, m2) = if mo <= 2 {
        (y - 1, mo + 9)
    } else {
        (y, mo - 3)
    };
    let days = 365 * y2 + y2 / 4 - y2 / 100 + y2 / 400 + (153 * m2 + 2) / 5 + d - 1;
    Some(((days * 24 + h) * 60 + mi - offset) * 60 + sec)
}

/// A line diff (longest common subsequence) showing changed lines with two lines of context,
/// trimmed to the first 60 output lines: a lost paragraph shows as one `-` line, not as every
/// later line being different.
fn line_diff(expected: &str, actual: &str) -> String {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    let (n, m) = (a.len(), b.len());
    // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    // (marker, expected line number, text)
    let mut ops: Vec<(char, usize, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', i + 1, a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', i + 1, a[i]));
            i += 1;
        } else {
            ops.push(('+', i + 1, b[j]));
            j += 1;
        }
    }
    let near_change = |k: usize| {
        let lo = k.saturating_sub(2);
        let hi = (k + 3).min(ops.len());
        ops[lo..hi].iter().any(|(c, _, _)| *c != ' ')
    };
    let mut out = String::new();
    let mut shown = 0;
    let mut skipped = false;
    for (k, (c, line, text)) in ops.iter().enumerate() {
        if !near_change(k) {
            skipped = true;
            continue;
        }
        if shown == 60 {
            out.push_str("      ... (more differences)\n");
            break;
        }
        if skipped {
            let _ = writeln!(out, "      @@ expected.txt line {line}");
            skipped = false;
        }
        let text: String = text.chars().take(160).collect();
        let _ = writeln!(out, "      {c} {text}");
        shown += 1;
    }
    out
}
