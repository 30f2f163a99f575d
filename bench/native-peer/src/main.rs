//! Times Declutter's `extract` and dom_smoothie's `parse` on every page of the development
//! corpora, one after the other on each page, each page counting with the fastest of ROUNDS runs
//! per extractor (a shared machine's noise only ever adds time). Prints the median and total per
//! extractor and the median per-page ratio.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn pages(root: &Path) -> Vec<(PathBuf, String)> {
    let list = |dir: PathBuf| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        files
    };
    let mut files = list(root.join("trafilatura-eval/html"));
    for page in list(root.join("readability-test-pages")) {
        files.push(page.join("source.html"));
    }
    files
        .into_iter()
        .filter_map(|f| {
            let bytes = std::fs::read(&f).ok()?;
            let mut raw = Vec::new();
            if f.extension().is_some_and(|e| e == "gz") {
                flate2::read::GzDecoder::new(&bytes[..])
                    .read_to_end(&mut raw)
                    .ok()?;
            } else {
                raw = bytes;
            }
            Some((f, declutter::decode_bytes(&raw).ok()?))
        })
        .collect()
}

fn fastest(rounds: usize, mut run: impl FnMut()) -> f64 {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            run();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .fold(f64::INFINITY, f64::min)
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().unwrap_or_else(|| "../shared/corpora".into()));
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let pages = pages(&root);
    assert!(!pages.is_empty(), "no pages under {}", root.display());
    let options = declutter::Options::default();
    let url = Some("https://example.com/");
    let (mut ours, mut peer) = (Vec::new(), Vec::new());
    for (_, html) in &pages {
        ours.push(fastest(rounds, || {
            let _ = declutter::extract(html, url, &options);
        }));
        peer.push(fastest(rounds, || {
            if let Ok(mut r) = dom_smoothie::Readability::new(html.as_str(), url, None) {
                let _ = r.parse();
            }
        }));
    }
    let total = |xs: &[f64]| xs.iter().sum::<f64>();
    println!("{} pages, fastest of {rounds} runs each", pages.len());
    println!(
        "declutter     median {:.2} ms, total {:.0} ms",
        median(ours.clone()),
        total(&ours)
    );
    println!(
        "dom_smoothie  median {:.2} ms, total {:.0} ms",
        median(peer.clone()),
        total(&peer)
    );
    let ratios: Vec<f64> = ours.iter().zip(&peer).map(|(a, b)| a / b).collect();
    println!(
        "declutter / dom_smoothie per page: median {:.2}",
        median(ratios)
    );
}
