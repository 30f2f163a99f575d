//! `declutter`: the command-line face of the extractor.
//!
//! ```text
//! declutter extract [--url URL] [--format json|html|text|markdown] [--explain] [--out-dir DIR] FILE...|-
//! declutter eval CORPUS_DIR [--baseline FILE] [--worst N] [--report FILE] [--weights FILE]
//! ```
//! Exit codes: 0 success, 2 unreadable input or bad arguments, 3 no content at all.

mod eval;

use declutter::{decode_bytes, extract, html_to_markdown, Article, ExtractError, Options};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  declutter extract [--url URL] [--format json|html|text|markdown] [--explain] [--out-dir DIR] FILE...|-
  declutter eval CORPUS_DIR [--baseline FILE] [--worst N] [--report FILE] [--weights FILE]";

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Html,
    Text,
    Markdown,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Html => "html",
            Format::Text => "txt",
            Format::Markdown => "md",
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("extract") => run_extract(&args[1..]),
        Some("eval") => eval::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("expected a command: extract or eval"),
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("declutter: {msg}\n{USAGE}");
    ExitCode::from(2)
}

fn run_extract(args: &[String]) -> ExitCode {
    let mut url: Option<String> = None;
    let mut format = Format::Json;
    let mut explain = false;
    let mut out_dir: Option<PathBuf> = None;
    let mut inputs: Vec<String> = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--url" => match it.next() {
                Some(u) => url = Some(u.clone()),
                None => return usage_error("--url needs a value"),
            },
            "--format" => {
                format = match it.next().map(String::as_str) {
                    Some("json") => Format::Json,
                    Some("html") => Format::Html,
                    Some("text") => Format::Text,
                    Some("markdown" | "md") => Format::Markdown,
                    Some(other) => return usage_error(&format!("unknown format '{other}'")),
                    None => return usage_error("--format needs a value"),
                }
            }
            "--explain" => explain = true,
            "--out-dir" => match it.next() {
                Some(d) => out_dir = Some(PathBuf::from(d)),
                None => return usage_error("--out-dir needs a value"),
            },
            s if s.starts_with("--") => return usage_error(&format!("unknown option '{s}'")),
            _ => inputs.push(a.clone()),
        }
    }
    if inputs.is_empty() {
        return usage_error("no input file (use - for standard input)");
    }
    if inputs.len() > 1 && out_dir.is_none() {
        return usage_error("several inputs need --out-dir DIR");
    }
    if let Some(dir) = &out_dir {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("declutter: cannot create {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    }
    let options = Options {
        explain,
        ..Options::default()
    };
    let mut worst = 0u8;
    for input in &inputs {
        let code = match extract_one(input, url.as_deref(), &options, format) {
            Ok(output) => match &out_dir {
                Some(dir) => {
                    let path = dir.join(output_name(input, format));
                    match std::fs::write(&path, output) {
                        Ok(()) => 0,
                        Err(e) => {
                            eprintln!("declutter: cannot write {}: {e}", path.display());
                            2
                        }
                    }
                }
                None => {
                    let mut stdout = std::io::stdout().lock();
                    if stdout.write_all(output.as_bytes()).is_err() {
                        2
                    } else {
                        0
                    }
                }
            },
            Err((code, msg)) => {
                eprintln!("declutter: {input}: {msg}");
                code
            }
        };
        worst = worst.max(code);
    }
    ExitCode::from(worst)
}

fn output_name(input: &str, format: Format) -> String {
    let stem = if input == "-" {
        "stdin".to_string()
    } else {
        let p = Path::new(input);
        // `fixtures/seed/source.html` → `seed.json`: the folder names the page.
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        if stem == "source" || stem == "index" {
            p.parent()
                .and_then(|d| d.file_name())
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or(stem)
        } else {
            stem
        }
    };
    format!("{stem}.{}", format.extension())
}

fn read_input(input: &str) -> Result<Vec<u8>, String> {
    if input == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(buf)
    } else {
        std::fs::read(input).map_err(|e| format!("cannot read: {e}"))
    }
}

fn extract_one(
    input: &str,
    url: Option<&str>,
    options: &Options,
    format: Format,
) -> Result<String, (u8, String)> {
    let bytes = read_input(input).map_err(|m| (2, m))?;
    if bytes.len() > options.max_input_bytes {
        return Err((
            2,
            ExtractError::TooLarge {
                size: bytes.len(),
                limit: options.max_input_bytes,
            }
            .to_string(),
        ));
    }
    let html = decode_bytes(&bytes).map_err(|e| (2, e.to_string()))?;
    let article = extract(&html, url, options).map_err(|e| match e {
        ExtractError::NoContent => (3, e.to_string()),
        other => (2, other.to_string()),
    })?;
    Ok(render(&article, format))
}

fn render(article: &Article, format: Format) -> String {
    match format {
        Format::Json => {
            let mut s = serde_json::to_string_pretty(article)
                .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
            s.push('\n');
            s
        }
        Format::Html => article.content_html.clone(),
        Format::Text => format!("{}\n", article.text),
        Format::Markdown => {
            let mut md = String::new();
            if let Some(t) = &article.title {
                md.push_str(&format!("# {t}\n\n"));
            }
            md.push_str(&html_to_markdown(&article.content_html));
            md
        }
    }
}
