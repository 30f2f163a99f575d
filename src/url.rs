//! Resolving and vetting URLs, without a URL library (it would double the wasm size for the
//! little the reader view needs: joining a relative reference onto the page URL).

/// Joins `reference` onto `base` (RFC 3986 section 5.2, for the shapes found in HTML).
/// Returns `reference` unchanged when there is no usable base.
pub fn resolve(base: Option<&str>, reference: &str) -> String {
    let reference = reference.trim();
    if has_scheme(reference) {
        return reference.to_string();
    }
    let Some(base) = base.filter(|b| has_scheme(b)) else {
        return reference.to_string();
    };
    let (scheme, rest) = base.split_once(':').unwrap_or(("https", base));
    if let Some(r) = reference.strip_prefix("//") {
        return format!("{scheme}://{r}");
    }
    // Split the base into authority and path (without query or fragment).
    let after = rest.strip_prefix("//").unwrap_or(rest);
    let (authority, path_q) = match after.find('/') {
        Some(i) => (&after[..i], &after[i..]),
        None => (after, "/"),
    };
    let authority = authority.split(['?', '#']).next().unwrap_or(authority);
    let base_path = path_q.split(['?', '#']).next().unwrap_or("/");
    let prefix = if rest.starts_with("//") {
        format!("{scheme}://{authority}")
    } else {
        format!("{scheme}:")
    };
    if reference.is_empty() {
        return base.split('#').next().unwrap_or(base).to_string();
    }
    if reference.starts_with('#') {
        return format!("{}{}", base.split('#').next().unwrap_or(base), reference);
    }
    if reference.starts_with('?') {
        return format!("{prefix}{base_path}{reference}");
    }
    let (ref_path, suffix) = match reference.find(['?', '#']) {
        Some(i) => (&reference[..i], &reference[i..]),
        None => (reference, ""),
    };
    let merged = if ref_path.starts_with('/') {
        ref_path.to_string()
    } else {
        let dir = match base_path.rfind('/') {
            Some(i) => &base_path[..=i],
            None => "/",
        };
        format!("{dir}{ref_path}")
    };
    format!("{prefix}{}{suffix}", remove_dot_segments(&merged))
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 0 => {
            let scheme = &s[..i];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        _ => false,
    }
}

fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                if out.len() > 1 {
                    out.pop();
                }
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

/// The scheme of a URL as the browser would see it: entities are already decoded by the
/// parser, but control characters and white space inside the scheme are ignored by browsers
/// (`java\tscript:`), so they are removed before comparing.
fn effective_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(64)
        .collect();
    let i = cleaned.find(':')?;
    let scheme = &cleaned[..i];
    if scheme.contains(['/', '?', '#']) {
        return None;
    }
    Some(scheme.to_ascii_lowercase())
}

/// May this URL be a link target in the reader view?
pub fn safe_link(url: &str) -> bool {
    match effective_scheme(url) {
        None => true,
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel" | "ftp"),
    }
}

/// May this URL be an image source? `data:` only for raster and vector images' base64 data.
pub fn safe_image(url: &str) -> bool {
    match effective_scheme(url) {
        None => true,
        Some(s) if s == "data" => {
            let lower = url.trim_start().to_ascii_lowercase();
            lower.starts_with("data:image/") && !lower.starts_with("data:image/svg")
        }
        Some(s) => matches!(s.as_str(), "http" | "https"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_references() {
        let base = Some("https://example.com/news/2024/story.html?x=1#top");
        assert_eq!(
            resolve(base, "img/a.jpg"),
            "https://example.com/news/2024/img/a.jpg"
        );
        assert_eq!(resolve(base, "../a.jpg"), "https://example.com/news/a.jpg");
        assert_eq!(resolve(base, "/a.jpg"), "https://example.com/a.jpg");
        assert_eq!(
            resolve(base, "//cdn.example.com/a.jpg"),
            "https://cdn.example.com/a.jpg"
        );
        assert_eq!(
            resolve(base, "#part"),
            "https://example.com/news/2024/story.html?x=1#part"
        );
        assert_eq!(resolve(base, "https://other.org/x"), "https://other.org/x");
        assert_eq!(resolve(None, "a.jpg"), "a.jpg");
        assert_eq!(
            resolve(Some("https://example.com"), "a.jpg"),
            "https://example.com/a.jpg"
        );
    }

    #[test]
    fn rejects_script_urls_in_disguise() {
        assert!(!safe_link("javascript:alert(1)"));
        assert!(!safe_link(" JaVaScRiPt:alert(1)"));
        assert!(!safe_link("java\tscript:alert(1)"));
        assert!(!safe_link("data:text/html,<script>alert(1)</script>"));
        assert!(!safe_link("vbscript:msgbox"));
        assert!(safe_link("https://example.com/a:b"));
        assert!(safe_link("/relative/path"));
        assert!(safe_image("data:image/png;base64,AAAA"));
        assert!(!safe_image("data:image/svg+xml,<svg onload=alert(1)>"));
        assert!(!safe_image("data:text/html,x"));
    }
}
