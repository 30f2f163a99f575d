//! Native only: turning the bytes of a saved page into text. In the browser the page is already
//! a string. Order of trust: byte-order mark, then the charset the page declares in its first
//! kilobytes, then valid UTF-8, then a statistical guess.

use crate::error::ExtractError;
use encoding_rs::Encoding;

/// Decodes a page's bytes to a string.
///
/// # Errors
/// [`ExtractError::Empty`] for no bytes; [`ExtractError::NotText`] for binary data (NUL bytes
/// in a page without a UTF-16 byte-order mark).
pub fn decode_bytes(bytes: &[u8]) -> Result<String, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Empty);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    let head = &bytes[..bytes.len().min(8192)];
    let nul = head.iter().filter(|&&b| b == 0).count();
    if nul > 0 {
        // UTF-16 without a BOM: every other byte is NUL in Latin text.
        if nul * 3 >= head.len() {
            let even_nul = head.iter().step_by(2).filter(|&&b| b == 0).count();
            let enc = if even_nul * 2 > nul {
                encoding_rs::UTF_16BE
            } else {
                encoding_rs::UTF_16LE
            };
            let (text, _, had_errors) = enc.decode(bytes);
            if !had_errors {
                return Ok(text.into_owned());
            }
        }
        return Err(ExtractError::NotText(format!(
            "{nul} NUL bytes in the first {} bytes: binary data, not a page",
            head.len()
        )));
    }
    if let Some(enc) = declared_charset(&bytes[..bytes.len().min(4096)]) {
        // A page that says UTF-16 in an ASCII-compatible byte stream is wrong about itself.
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            enc
        };
        let (text, _, had_errors) = enc.decode(bytes);
        // A wrong declaration (a UTF-8 page that says latin1) shows as a valid UTF-8 stream;
        // trust the bytes then.
        if enc != encoding_rs::UTF_8
            && std::str::from_utf8(bytes).is_ok()
            && bytes.iter().any(|&b| b >= 0x80)
        {
            return Ok(String::from_utf8_lossy(bytes).into_owned());
        }
        if !had_errors || enc != encoding_rs::UTF_8 {
            return Ok(text.into_owned());
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    // A UTF-8 page with a few stray legacy bytes (a pasted "ü" in Latin-1) is still UTF-8, as a
    // browser reads it: guessing a legacy encoding would garble every other accented letter.
    if mostly_utf8(bytes) {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Allow);
    let (text, _, _) = enc.decode(bytes);
    Ok(text.into_owned())
}

/// Whether the bytes hold clearly more valid non-ASCII UTF-8 characters than invalid bytes.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += chunk.invalid().len();
    }
    valid >= MOSTLY_UTF8_RATIO * invalid
}

/// How many valid non-ASCII characters per invalid byte make a page UTF-8 with a few stray bytes
/// rather than a legacy encoding mislabelled (or not labelled) as UTF-8.
const MOSTLY_UTF8_RATIO: usize = 4;

/// The charset named by `<meta charset>` or `<meta http-equiv="Content-Type" content="...;
/// charset=...">` (or an XML declaration) in the first bytes.
fn declared_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let text = String::from_utf8_lossy(&lower);
    let mut search = 0;
    while let Some(pos) = text[search..].find("charset") {
        let start = search + pos + "charset".len();
        let rest = text[start..].trim_start();
        if let Some(rest) = rest.strip_prefix('=') {
            let rest = rest.trim_start().trim_start_matches(['"', '\'']);
            let label: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
                .collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                return Some(enc);
            }
        }
        search = start;
    }
    if let Some(pos) = text.find("encoding=") {
        let rest = text[pos + 9..].trim_start_matches(['"', '\'']);
        let label: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        return Encoding::for_label(label.as_bytes());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn honours_declared_legacy_charset() {
        let mut page = b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf".to_vec();
        page.push(0xE9);
        page.extend_from_slice(b"</p></body></html>");
        assert!(decode_bytes(&page)
            .expect("a declared charset decodes")
            .contains("café"));
    }

    #[test]
    fn utf8_with_a_stray_latin1_byte_stays_utf8() {
        let mut page =
            "<html><head><meta charset=\"utf-8\"></head><body><p>Schön, grün, Größe, Bär. Stra"
                .as_bytes()
                .to_vec();
        page.push(0xDF); // "ß" in Latin-1
        page.extend_from_slice(b"e</p></body></html>");
        let text = decode_bytes(&page).expect("decodes");
        assert!(text.contains("Schön, grün, Größe, Bär."), "{text}");
        assert!(text.contains("Stra\u{FFFD}e"), "{text}");
    }

    #[test]
    fn latin1_labelled_utf8_is_sniffed() {
        let mut page = b"<html><head><meta charset=\"utf-8\"></head><body><p>".to_vec();
        for _ in 0..20 {
            page.extend_from_slice(b"Gr");
            page.push(0xFC); // "ü" in Latin-1
            page.extend_from_slice(b"ne Wiese und sch");
            page.push(0xF6);
            page.extend_from_slice(b"ne Tage. ");
        }
        page.extend_from_slice(b"</p></body></html>");
        let text = decode_bytes(&page).expect("decodes");
        assert!(text.contains("Grüne Wiese und schöne Tage."), "{text}");
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<p>héllo</p>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode_bytes(&bytes).expect("UTF-16 with a BOM decodes"),
            "<p>héllo</p>"
        );
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
        assert!(matches!(
            decode_bytes(&bytes),
            Err(ExtractError::NotText(_))
        ));
    }
}
