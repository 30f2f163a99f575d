//! `declutter eval CORPUS_DIR`: quality and speed over a corpus of real pages.
//!
//! Two layouts are understood:
//! - snippet corpora (`cases.json` + gzipped pages): each case lists snippets that must appear
//!   ("with") and must not appear ("without"); pooled over all pages, a found "with" snippet is
//!   a true positive, a missing one a false negative, a found "without" snippet a false positive.
//! - reference corpora (folders with `source.html` + `expected.html`): mean token F1 between our
//!   text and the reference's text.
//!
//! The run fails (exit 1) when a score falls under its floor in the baseline file.

use declutter::{decode_bytes, extract_with, Options, Weights};
use flate2::read::GzDecoder;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const DEFAULT_BASELINE: &str = "eval/baseline.json";

#[derive(Deserialize)]
struct Case {
    file: String,
    url: Option<String>,
    #[serde(default)]
    with: Vec<String>,
    #[serde(default)]
    without: Vec<String>,
}

/// Timing of one page: parse alone, and the whole extraction.
struct Timing {
    parse_ms: f64,
    total_ms: f64,
    /// Per-stage times of a separate, instrumented run.
    stages: Vec<(&'static str, f64)>,
}

struct PageScore {
    name: String,
    /// Page-level score used to list the worst pages (F1 or share of snippets right).
    score: f64,
    detail: String,
}

pub fn run(args: &[String]) -> ExitCode {
    let mut corpus: Option<PathBuf> = None;
    let mut baseline = PathBuf::from(DEFAULT_BASELINE);
    let mut worst = 10usize;
    let mut report: Option<PathBuf> = None;
    let mut weights = Weights::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--baseline" => match it.next() {
                Some(b) => baseline = PathBuf::from(b),
                None => return fail("--baseline needs a file"),
            },
            "--worst" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => worst = n,
                None => return fail("--worst needs a number"),
            },
            "--weights" => match it.next().map(std::fs::read_to_string) {
                // A partial JSON object of `Weights` fields, for calibration runs.
                Some(Ok(raw)) => match serde_json::from_str(&raw) {
                    Ok(w) => weights = w,
                    Err(e) => return fail(&format!("--weights: {e}")),
                },
                Some(Err(e)) => return fail(&format!("--weights: {e}")),
                None => return fail("--weights needs a file"),
            },
            "--report" => match it.next() {
                Some(r) => report = Some(PathBuf::from(r)),
                None => return fail("--report needs a file"),
            },
            s if s.starts_with("--") => return fail(&format!("unknown option '{s}'")),
            _ => corpus = Some(PathBuf::from(a)),
        }
    }
    let Some(corpus) = corpus else {
        return fail("eval needs a corpus folder");
    };
    let name = corpus
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let result = if corpus.join("cases.json").is_file() {
        eval_snippets(&corpus, &weights)
    } else {
        eval_references(&corpus, &weights)
    };
    let (metrics, pages, timings) = match result {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    println!("corpus: {name} ({} pages)", pages.len());
    for (k, v) in &metrics {
        println!("  {k:<10} {v:.4}");
    }
    print_timings(&timings);
    let mut sorted: Vec<&PageScore> = pages.iter().collect();
    sorted.sort_by(|a, b| a.score.total_cmp(&b.score));
    if worst > 0 {
        println!("  worst pages:");
        for p in sorted.iter().take(worst) {
            println!("    {:.3}  {}  {}", p.score, p.name, p.detail);
        }
    }
    if let Some(path) = report {
        let lines: Vec<String> = pages
            .iter()
            .map(|p| format!("{:.4}\t{}\t{}", p.score, p.name, p.detail))
            .collect();
        if let Err(e) = std::fs::write(&path, lines.join("\n")) {
            eprintln!("declutter: cannot write {}: {e}", path.display());
        }
    }
    check_floors(&baseline, &name, &metrics)
}

fn fail(msg: &str) -> ExitCode {
    eprintln!("declutter eval: {msg}");
    ExitCode::from(2)
}

type EvalResult = Result<(Vec<(String, f64)>, Vec<PageScore>, Vec<Timing>), String>;

/// Extracts one page, timing the parse alone and the whole extraction. Parse time is
/// measured with the same parser the extractor uses, on the same string.
fn timed_extract(html: &str, url: Option<&str>, w: &Weights) -> (Option<String>, Timing) {
    let t0 = Instant::now();
    // Parsing includes freeing the tree: every parse pays for it.
    drop(scraper::Html::parse_document(html));
    let parse_ms = t0.elapsed().as_secs_f64() * 1000.0;
    let t1 = Instant::now();
    let result = std::panic::catch_unwind(|| extract_with(html, url, &Options::default(), w));
    let total_ms = t1.elapsed().as_secs_f64() * 1000.0;
    let text = match result {
        Ok(Ok(a)) => Some(a.text),
        Ok(Err(_)) => None,
        Err(_) => {
            eprintln!("declutter eval: extraction panicked");
            None
        }
    };
    let stages = declutter::stage_timings(html);
    (
        text,
        Timing {
            parse_ms,
            total_ms,
            stages,
        },
    )
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn eval_snippets(dir: &Path, w: &Weights) -> EvalResult {
    let raw =
        std::fs::read_to_string(dir.join("cases.json")).map_err(|e| format!("cases.json: {e}"))?;
    let cases: Vec<Case> = serde_json::from_str(&raw).map_err(|e| format!("cases.json: {e}"))?;
    let (mut tp, mut fp, mut tn, mut fn_) = (0usize, 0usize, 0usize, 0usize);
    let mut pages = Vec::new();
    let mut timings = Vec::new();
    for case in &cases {
        let path = dir.join(&case.file);
        let bytes = read_maybe_gz(&path)?;
        let html = decode_bytes(&bytes).unwrap_or_default();
        let (text, timing) = timed_extract(&html, case.url.as_deref(), w);
        timings.push(timing);
        let text = collapse(&text.unwrap_or_default());
        let mut missed = Vec::new();
        let mut leaked = Vec::new();
        let (mut right, mut all) = (0usize, 0usize);
        for s in &case.with {
            all += 1;
            if text.contains(&collapse(s)) {
                tp += 1;
                right += 1;
            } else {
                fn_ += 1;
                missed.push(s.clone());
            }
        }
        for s in &case.without {
            all += 1;
            if text.contains(&collapse(s)) {
                fp += 1;
                leaked.push(s.clone());
            } else {
                tn += 1;
                right += 1;
            }
        }
        pages.push(PageScore {
            name: case.file.clone(),
            score: if all == 0 {
                1.0
            } else {
                right as f64 / all as f64
            },
            detail: format!("missed {missed:?} leaked {leaked:?}"),
        });
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let f1 = if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    };
    let accuracy = (tp + tn) as f64 / (tp + tn + fp + fn_).max(1) as f64;
    Ok((
        vec![
            ("precision".into(), precision),
            ("recall".into(), recall),
            ("f1".into(), f1),
            ("accuracy".into(), accuracy),
        ],
        pages,
        timings,
    ))
}

fn read_maybe_gz(path: &Path) -> Result<Vec<u8>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        GzDecoder::new(&bytes[..])
            .read_to_end(&mut out)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(out)
    } else {
        Ok(bytes)
    }
}

/// Lower-case word tokens of a text, counted.
fn token_bag(text: &str) -> HashMap<String, usize> {
    let mut bag = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *bag.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    bag
}

fn token_f1(ours: &str, reference: &str) -> (f64, f64, f64) {
    let a = token_bag(ours);
    let b = token_bag(reference);
    let na: usize = a.values().sum();
    let nb: usize = b.values().sum();
    if na == 0 && nb == 0 {
        return (1.0, 1.0, 1.0);
    }
    let common: usize = a
        .iter()
        .map(|(k, v)| (*v).min(*b.get(k).unwrap_or(&0)))
        .sum();
    let p = common as f64 / na.max(1) as f64;
    let r = common as f64 / nb.max(1) as f64;
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// The visible text of a reference HTML file.
fn reference_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for node in doc.tree.nodes() {
        if let scraper::Node::Text(t) = node.value() {
            out.push_str(t);
            out.push(' ');
        }
    }
    out
}

fn eval_references(dir: &Path, w: &Weights) -> EvalResult {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("source.html").is_file() && p.join("expected.html").is_file())
        .collect();
    entries.sort();
    if entries.is_empty() {
        return Err(format!(
            "{}: no cases.json and no page folders with source.html + expected.html",
            dir.display()
        ));
    }
    let mut pages = Vec::new();
    let mut timings = Vec::new();
    let (mut sp, mut sr, mut sf) = (0.0, 0.0, 0.0);
    for page in &entries {
        let bytes = std::fs::read(page.join("source.html")).map_err(|e| e.to_string())?;
        let html = decode_bytes(&bytes).unwrap_or_default();
        let expected =
            std::fs::read_to_string(page.join("expected.html")).map_err(|e| e.to_string())?;
        let (text, timing) = timed_extract(&html, Some("http://fakehost/test/page.html"), w);
        timings.push(timing);
        let (p, r, f) = token_f1(&text.unwrap_or_default(), &reference_text(&expected));
        sp += p;
        sr += r;
        sf += f;
        pages.push(PageScore {
            name: page
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default(),
            score: f,
            detail: format!("precision {p:.3} recall {r:.3}"),
        });
    }
    let n = entries.len() as f64;
    Ok((
        vec![
            ("precision".into(), sp / n),
            ("recall".into(), sr / n),
            ("meanF1".into(), sf / n),
        ],
        pages,
        timings,
    ))
}

fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let idx = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[idx]
}

fn print_timings(timings: &[Timing]) {
    let mut total: Vec<f64> = timings.iter().map(|t| t.total_ms).collect();
    let mut parse: Vec<f64> = timings.iter().map(|t| t.parse_ms).collect();
    total.sort_by(f64::total_cmp);
    parse.sort_by(f64::total_cmp);
    let sum_total: f64 = total.iter().sum();
    let sum_parse: f64 = parse.iter().sum();
    println!(
        "  time/page  median {:.2} ms, p90 {:.2} ms, max {:.2} ms, total {:.0} ms",
        percentile(&total, 0.5),
        percentile(&total, 0.9),
        percentile(&total, 1.0),
        sum_total
    );
    println!(
        "  parse only median {:.2} ms, total {:.0} ms; extraction/parse ratio {:.2} (parse is {:.0}% of extraction)",
        percentile(&parse, 0.5),
        sum_parse,
        sum_total / sum_parse.max(1e-9),
        100.0 * sum_parse / sum_total.max(1e-9)
    );
    let mut stage_sums: Vec<(&str, f64)> = Vec::new();
    for t in timings {
        for (name, ms) in &t.stages {
            match stage_sums.iter_mut().find(|(n, _)| n == name) {
                Some(e) => e.1 += ms,
                None => stage_sums.push((name, *ms)),
            }
        }
    }
    let all: f64 = stage_sums.iter().map(|s| s.1).sum::<f64>().max(1e-9);
    let parts: Vec<String> = stage_sums
        .iter()
        .map(|(n, ms)| format!("{n} {:.0}%", 100.0 * ms / all))
        .collect();
    println!("  stages     {}", parts.join(", "));
}

/// Compares metrics with the floors stored for this corpus; unknown corpora have no floors.
fn check_floors(baseline: &Path, corpus: &str, metrics: &[(String, f64)]) -> ExitCode {
    let Ok(raw) = std::fs::read_to_string(baseline) else {
        println!(
            "  (no baseline file at {}: floors not checked)",
            baseline.display()
        );
        return ExitCode::SUCCESS;
    };
    let floors: HashMap<String, serde_json::Value> = match serde_json::from_str(&raw) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("declutter eval: {}: {e}", baseline.display());
            return ExitCode::from(2);
        }
    };
    let Some(mine) = floors.get(corpus).and_then(|v| v.as_object()) else {
        println!("  (no floors for '{corpus}' in {})", baseline.display());
        return ExitCode::SUCCESS;
    };
    let mut ok = true;
    for (k, floor) in mine {
        let Some(floor) = floor.as_f64().filter(|_| !k.starts_with('_')) else {
            continue;
        };
        let floor = &floor;
        match metrics.iter().find(|(m, _)| m == k) {
            Some((_, v)) if *v + 1e-9 >= *floor => {
                println!("  floor ok   {k} {v:.4} >= {floor:.4}")
            }
            Some((_, v)) => {
                println!("  FLOOR FAIL {k} {v:.4} < {floor:.4}");
                ok = false;
            }
            None => {
                println!("  FLOOR FAIL {k}: metric not produced");
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
