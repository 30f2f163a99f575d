//! The HTML tokenizer: reads the page into the tokens html5ever's tree builder takes (tags with
//! their attributes, text, comments, the doctype), by the HTML standard's tokenization rules,
//! and hands them over one by one, switching to raw text where the tree builder says so.
//!
//! html5ever has a tokenizer of its own, written for input that arrives in pieces: it reads one
//! character at a time through a queue of buffers and copies every name and value. Here the
//! whole page is in memory, so text runs, tag names and attribute values are found with byte
//! scans and handed on as slices of the one input buffer, without copies; and the text of a
//! `<script>` or `<style>` the arena drops anyway is skipped, not read. The tree is the same
//! (a test holds the two to the same arena on tricky markup, every fixture and, when they are
//! there, the development corpora), the work is less, and the WebAssembly module does not
//! carry html5ever's tokenizer and its table of every prefix of every character reference.
//!
//! Two things are simpler than the standard's state machine because nothing downstream can
//! tell: parse errors are not reported (the tree builder ignores them), and comments and the
//! doctype's strings are found but not kept (the tree keeps neither).

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Doctype, Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{ns, Attribute, LocalName, QualName};
use std::borrow::Cow;

include!(concat!(env!("OUT_DIR"), "/entities.rs"));

/// How the tokenizer reads text, as the tree builder last said.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Mode {
    Data,
    /// Text with character references but no tags, up to its end tag (`title`, `textarea`).
    Rcdata,
    /// Text without either, up to its end tag (`style`, `noscript`, `iframe`, ...).
    Rawtext,
    /// A script's text, whose end tag an HTML comment inside it can hide.
    Script,
    /// Everything to the end is text.
    Plaintext,
}

/// Reads `html` into `sink`. After each start tag that opens raw text, `skip_text` is asked
/// whether that text will be dropped; if so it is not handed on.
pub fn run<K: TokenSink>(sink: &K, html: &str, skip_text: impl Fn(&K) -> bool) {
    let normalized = newlines_normalized(html);
    let src = normalized.strip_prefix('\u{feff}').unwrap_or(&normalized);
    let mut tokenizer = Tokenizer {
        sink,
        src,
        input: StrTendril::from_slice(src),
        at: 0,
        last_start: LocalName::from(""),
        names: std::array::from_fn(|_| None),
    };
    let mut mode = Some(Mode::Data);
    while let Some(m) = mode {
        mode = match m {
            Mode::Data => tokenizer.data(),
            Mode::Plaintext => {
                tokenizer.text(tokenizer.at, src.len(), Refs::No, Nul::Replace);
                None
            }
            raw => tokenizer.raw_text(raw, skip_text(sink)),
        };
    }
    let _ = sink.process_token(Token::EOFToken, LINE);
    sink.end();
}

/// `html` with every CR LF pair and every lone CR read as LF, as the standard reads the input
/// before tokenizing.
fn newlines_normalized(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let Some(first) = find_byte(b, 0, b'\r') else {
        return Cow::Borrowed(html);
    };
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    let mut cr = Some(first);
    while let Some(at) = cr {
        // Every cut is at a CR, so on a character boundary.
        out.push_str(&html[from..at]);
        out.push('\n');
        from = if b.get(at + 1) == Some(&b'\n') {
            at + 2
        } else {
            at + 1
        };
        cr = find_byte(b, from, b'\r');
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// The tree builder is told a line number with every token; nothing reads it.
const LINE: u64 = 1;

/// Whether character references in a stretch of text are decoded, and how.
#[derive(Clone, Copy, PartialEq)]
enum Refs {
    No,
    Text,
    /// In an attribute value, where `&copy=` in a URL stays as written.
    Attribute,
}

/// What a NUL character becomes: its own token (in ordinary text, where the tree builder
/// decides) or U+FFFD.
#[derive(Clone, Copy, PartialEq)]
enum Nul {
    Token,
    Replace,
}

struct Tokenizer<'a, K: TokenSink> {
    sink: &'a K,
    src: &'a str,
    /// `src` as a tendril, which text and values are slices of.
    input: StrTendril,
    /// Where reading goes on.
    at: usize,
    /// The last start tag's name: raw text ends at the end tag of that name.
    last_start: LocalName,
    /// Names seen recently, by a hash of their first bytes and length.
    names: [Option<LocalName>; 1 << NAME_SLOT_BITS],
}

/// log2 of the slots in `Tokenizer::names`.
const NAME_SLOT_BITS: u32 = 8;

fn is_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b' ')
}

impl<'a, K: TokenSink> Tokenizer<'a, K> {
    fn bytes(&self) -> &'a [u8] {
        self.src.as_bytes()
    }

    fn emit(&self, token: Token) -> TokenSinkResult<K::Handle> {
        self.sink.process_token(token, LINE)
    }

    /// `src[from..to]` as a tendril that shares the input's buffer.
    fn slice(&self, from: usize, to: usize) -> StrTendril {
        self.input.subtendril(from as u32, (to - from) as u32)
    }

    /// Hands on the text `src[from..to]`, decoded as `refs` and `nul` say.
    fn text(&self, from: usize, to: usize, refs: Refs, nul: Nul) {
        if from >= to {
            return;
        }
        match decode(self.src, from, to, refs, nul) {
            None => {
                let _ = self.emit(Token::CharacterTokens(self.slice(from, to)));
            }
            Some(pieces) => {
                for piece in pieces {
                    let token = match piece {
                        Piece::Text(t) if t.is_empty() => continue,
                        Piece::Text(t) => Token::CharacterTokens(StrTendril::from(t)),
                        Piece::Nul => Token::NullCharacterToken,
                    };
                    let _ = self.emit(token);
                }
            }
        }
    }

    /// The data state: text and markup. Returns the mode to go on in, `None` at the end.
    fn data(&mut self) -> Option<Mode> {
        let b = self.bytes();
        let run = self.at;
        let mut i = self.at;
        loop {
            let Some(lt) = find_byte(b, i, b'<') else {
                self.text(run, b.len(), Refs::Text, Nul::Token);
                return None;
            };
            let next = b.get(lt + 1).copied();
            match next {
                Some(c) if c.is_ascii_alphabetic() => {
                    self.text(run, lt, Refs::Text, Nul::Token);
                    return self.tag(lt + 1, TagKind::StartTag);
                }
                Some(b'/') => match b.get(lt + 2).copied() {
                    Some(c) if c.is_ascii_alphabetic() => {
                        self.text(run, lt, Refs::Text, Nul::Token);
                        return self.tag(lt + 2, TagKind::EndTag);
                    }
                    // `</>` is dropped.
                    Some(b'>') => {
                        self.text(run, lt, Refs::Text, Nul::Token);
                        self.at = lt + 3;
                        return Some(Mode::Data);
                    }
                    Some(_) => {
                        self.text(run, lt, Refs::Text, Nul::Token);
                        return self.bogus_comment(lt + 2);
                    }
                    // `</` at the very end is text.
                    None => i = lt + 1,
                },
                Some(b'!') => {
                    self.text(run, lt, Refs::Text, Nul::Token);
                    return self.markup_declaration(lt + 2);
                }
                Some(b'?') => {
                    self.text(run, lt, Refs::Text, Nul::Token);
                    return self.bogus_comment(lt + 1);
                }
                // Any other `<` is text.
                _ => i = lt + 1,
            }
        }
    }

    /// Hands on a comment (its text is not kept) and goes on after it.
    fn comment(&mut self, end: usize) -> Option<Mode> {
        let _ = self.emit(Token::CommentToken(StrTendril::new()));
        self.at = end;
        (end < self.src.len()).then_some(Mode::Data)
    }

    /// A comment that runs to the next `>`.
    fn bogus_comment(&mut self, from: usize) -> Option<Mode> {
        let end = find_byte(self.bytes(), from, b'>').map_or(self.src.len(), |gt| gt + 1);
        self.comment(end)
    }

    /// After `<!`: a comment, the doctype, CDATA (in SVG or MathML) or a bogus comment.
    fn markup_declaration(&mut self, from: usize) -> Option<Mode> {
        let rest = &self.bytes()[from..];
        if rest.starts_with(b"--") {
            return self.comment(comment_end(self.bytes(), from + 2));
        }
        if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"doctype") {
            return self.doctype(from + 7);
        }
        if rest.starts_with(b"[CDATA[")
            && self
                .sink
                .adjusted_current_node_present_but_not_in_html_namespace()
        {
            let start = from + 7;
            let (text_end, end) = match find(self.bytes(), start, b"]]>") {
                Some(e) => (e, e + 3),
                None => (self.src.len(), self.src.len()),
            };
            // A NUL goes on as its own token, which foreign content reads as U+FFFD.
            self.text(start, text_end, Refs::No, Nul::Token);
            self.at = end;
            return (end < self.src.len()).then_some(Mode::Data);
        }
        self.bogus_comment(from)
    }

    /// A tag whose name starts at `from`. Returns the mode the tree builder asks for after it
    /// (`None` when the input ends inside the tag, which drops it).
    fn tag(&mut self, from: usize, kind: TagKind) -> Option<Mode> {
        let b = self.bytes();
        let mut i = from;
        while i < b.len() && !matches!(b[i], b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>') {
            i += 1;
        }
        let name = self.name(from, i);
        let mut attrs: Vec<Attribute> = Vec::new();
        let mut self_closing = false;
        // The states from "before attribute name" to the tag's `>`.
        loop {
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            match b.get(i).copied() {
                None => return None,
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(b'/') => {
                    // `/` right before `>` closes the tag; anywhere else it is skipped.
                    i += 1;
                    if b.get(i) == Some(&b'>') {
                        self_closing = true;
                        i += 1;
                        break;
                    }
                    continue;
                }
                Some(_) => {}
            }
            // An attribute name: `=` as its first character is part of it.
            let name_start = i;
            i += 1;
            while i < b.len()
                && !matches!(b[i], b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>' | b'=')
            {
                i += 1;
            }
            let name_end = i;
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            let mut value = StrTendril::new();
            if b.get(i) == Some(&b'=') {
                i += 1;
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                match b.get(i).copied() {
                    None => return None,
                    Some(q @ (b'"' | b'\'')) => {
                        let end = find_byte(b, i + 1, q)?;
                        value = self.value(i + 1, end);
                        i = end + 1;
                    }
                    // `<a href=>` has an empty value; the `>` ends the tag.
                    Some(b'>') => {}
                    Some(_) => {
                        let start = i;
                        while i < b.len() && !matches!(b[i], b'\t' | b'\n' | b'\x0c' | b' ' | b'>')
                        {
                            i += 1;
                        }
                        value = self.value(start, i);
                    }
                }
            }
            if kind == TagKind::StartTag {
                let local = self.name(name_start, name_end);
                // The first of two attributes with one name wins.
                if !attrs.iter().any(|a| a.name.local == local) {
                    attrs.push(Attribute {
                        name: QualName::new(None, ns!(), local),
                        value,
                    });
                }
            }
        }
        self.at = i;
        if kind == TagKind::StartTag {
            self.last_start = name.clone();
        }
        let result = self.emit(Token::TagToken(Tag {
            kind,
            name,
            self_closing,
            attrs,
            had_duplicate_attributes: false,
        }));
        let mode = match result {
            TokenSinkResult::RawData(RawKind::Rcdata) => Mode::Rcdata,
            TokenSinkResult::RawData(RawKind::ScriptData) => Mode::Script,
            TokenSinkResult::RawData(_) => Mode::Rawtext,
            TokenSinkResult::Plaintext => Mode::Plaintext,
            _ => Mode::Data,
        };
        if mode == Mode::Data && i >= self.src.len() {
            return None;
        }
        Some(mode)
    }

    /// A tag or attribute name: ASCII letters in lower case, NUL as U+FFFD.
    fn name(&mut self, from: usize, to: usize) -> LocalName {
        let raw = &self.src[from..to];
        if raw.bytes().any(|c| c.is_ascii_uppercase() || c == 0) {
            return LocalName::from(raw.to_ascii_lowercase().replace('\0', "\u{fffd}"));
        }
        // Interning hashes the whole name; a page uses a few dozen names thousands of times,
        // and a recent one is found by its first bytes and length and one comparison.
        let mut head = [0u8; 8];
        let n = raw.len().min(8);
        head[..n].copy_from_slice(&raw.as_bytes()[..n]);
        let key = u64::from_le_bytes(head) ^ (raw.len() as u64).rotate_right(8);
        let slot = (key.wrapping_mul(crate::dom::HASH_FACTOR) >> (64 - NAME_SLOT_BITS)) as usize;
        match &self.names[slot] {
            Some(name) if &**name == raw => name.clone(),
            _ => {
                let name = LocalName::from(raw);
                self.names[slot] = Some(name.clone());
                name
            }
        }
    }

    /// An attribute value, decoded.
    fn value(&self, from: usize, to: usize) -> StrTendril {
        match decode(self.src, from, to, Refs::Attribute, Nul::Replace) {
            None => self.slice(from, to),
            Some(pieces) => {
                let mut value = String::new();
                for piece in pieces {
                    if let Piece::Text(t) = piece {
                        value.push_str(&t);
                    }
                }
                StrTendril::from(value)
            }
        }
    }

    /// The text of a `title`, `script`, `style` and the like, up to the end tag that closes it
    /// (which is then read as any end tag), or to the end of the input.
    fn raw_text(&mut self, mode: Mode, skip: bool) -> Option<Mode> {
        let b = self.bytes();
        let name = self.last_start.as_bytes();
        let end = if mode == Mode::Script {
            script_end(b, self.at, name)
        } else {
            let mut i = self.at;
            loop {
                match find_byte(b, i, b'<') {
                    Some(lt) if ends_raw_text(b, lt, name) => break Some(lt),
                    Some(lt) => i = lt + 1,
                    None => break None,
                }
            }
        };
        let text_end = end.unwrap_or(b.len());
        if !skip {
            let refs = if mode == Mode::Rcdata {
                Refs::Text
            } else {
                Refs::No
            };
            self.text(self.at, text_end, refs, Nul::Replace);
        }
        let lt = end?;
        self.tag(lt + 2, TagKind::EndTag)
    }

    /// After `<!DOCTYPE`: its name and identifiers decide the document's quirks mode.
    fn doctype(&mut self, from: usize) -> Option<Mode> {
        let b = self.bytes();
        let mut i = from;
        let mut doctype = Doctype::default();
        let end = self.doctype_fields(&mut i, &mut doctype);
        if !end {
            doctype.force_quirks = true;
        }
        let _ = self.emit(Token::DoctypeToken(doctype));
        self.at = i;
        (i < b.len()).then_some(Mode::Data)
    }

    /// Reads the doctype's fields from `*i` to just past its `>`; false when something is
    /// missing or out of place (the document is then in quirks mode).
    fn doctype_fields(&self, i: &mut usize, doctype: &mut Doctype) -> bool {
        let b = self.bytes();
        let skip_space = |i: &mut usize| {
            while *i < b.len() && is_space(b[*i]) {
                *i += 1;
            }
        };
        // Reads on to just past the next `>` ("bogus doctype"); `ok` is what it returns.
        let bogus = |i: &mut usize, ok: bool| {
            *i = find_byte(b, *i, b'>').map_or(b.len(), |gt| gt + 1);
            ok
        };
        // Skips white space; then, at the end of the input or at `>` (which it reads), the
        // doctype is over: `Some(false)` at the end of the input, `Some(at_gt)` at `>`.
        let over = |i: &mut usize, at_gt: bool| {
            skip_space(i);
            match b.get(*i) {
                None => Some(false),
                Some(b'>') => {
                    *i += 1;
                    Some(at_gt)
                }
                Some(_) => None,
            }
        };
        if let Some(ok) = over(i, false) {
            return ok;
        }
        let start = *i;
        while *i < b.len() && !is_space(b[*i]) && b[*i] != b'>' {
            *i += 1;
        }
        let name = self.src[start..*i]
            .to_ascii_lowercase()
            .replace('\0', "\u{fffd}");
        doctype.name = Some(StrTendril::from(name));
        if let Some(ok) = over(i, true) {
            return ok;
        }
        let keyword = b.get(*i..*i + 6).unwrap_or_default();
        let public = keyword.eq_ignore_ascii_case(b"public");
        if !public && !keyword.eq_ignore_ascii_case(b"system") {
            return bogus(i, false);
        }
        *i += 6;
        // The public identifier (after PUBLIC), then the system identifier, which may be left
        // out after a public one.
        let fields: &[bool] = if public { &[true, false] } else { &[false] };
        for &field in fields {
            let optional = public && !field;
            if let Some(ok) = over(i, optional) {
                return ok;
            }
            let Some(&quote @ (b'"' | b'\'')) = b.get(*i) else {
                return bogus(i, false);
            };
            let start = *i + 1;
            let close = find_byte(b, start, quote);
            // A `>` inside the quotes ends the doctype early.
            let gt = find_byte(b, start, b'>');
            let value_end = match (close, gt) {
                (Some(c), Some(g)) if g < c => {
                    *i = g + 1;
                    self.set_id(doctype, field, start, g);
                    return false;
                }
                (Some(c), _) => c,
                (None, _) => {
                    let end = gt.unwrap_or(b.len());
                    self.set_id(doctype, field, start, end);
                    *i = gt.map_or(b.len(), |g| g + 1);
                    return false;
                }
            };
            self.set_id(doctype, field, start, value_end);
            *i = value_end + 1;
        }
        // Anything after the system identifier is ignored, quirks or not.
        over(i, true).unwrap_or_else(|| bogus(i, true))
    }

    fn set_id(&self, doctype: &mut Doctype, public: bool, from: usize, to: usize) {
        let value = StrTendril::from(self.src[from..to].replace('\0', "\u{fffd}"));
        if public {
            doctype.public_id = Some(value);
        } else {
            doctype.system_id = Some(value);
        }
    }
}

/// Whether the `<` at `lt` starts the end tag `name` (in any case) that ends raw text: `</`,
/// the name, then white space, `/` or `>`.
fn ends_raw_text(b: &[u8], lt: usize, name: &[u8]) -> bool {
    b.get(lt + 1) == Some(&b'/')
        && b.get(lt + 2..lt + 2 + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        && matches!(
            b.get(lt + 2 + name.len()),
            Some(b'\t' | b'\n' | b'\x0c' | b' ' | b'/' | b'>')
        )
}

/// Where a script's text ends: the `<` of its end tag, or `None` when it runs to the end.
/// `<!--` in a script starts an "escaped" stretch, up to `-->`, in which `<script` starts a
/// "double-escaped" one where `</script>` does not end the script but returns to escaped.
fn script_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    #[derive(PartialEq)]
    enum State {
        Plain,
        Escaped,
        DoubleEscaped,
    }
    let mut state = State::Plain;
    // Dashes just read, up to two, in the escaped states (`-->` ends them).
    let mut dashes = 0;
    let mut i = from;
    loop {
        if state == State::Plain {
            let lt = find_byte(b, i, b'<')?;
            if ends_raw_text(b, lt, name) {
                return Some(lt);
            }
            if b[lt + 1..].starts_with(b"!--") {
                state = State::Escaped;
                dashes = 2;
                i = lt + 4;
            } else {
                i = lt + 1;
            }
            continue;
        }
        let c = *b.get(i)?;
        match c {
            b'-' => {
                dashes = (dashes + 1).min(2);
                i += 1;
            }
            b'>' if dashes == 2 => {
                state = State::Plain;
                i += 1;
            }
            b'<' if state == State::Escaped => {
                dashes = 0;
                if ends_raw_text(b, i, name) {
                    return Some(i);
                }
                if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                    // `<script` and a delimiter: double-escaped.
                    let is_script;
                    (i, is_script) = script_name(b, i + 1);
                    if is_script {
                        state = State::DoubleEscaped;
                    }
                } else {
                    i += 1;
                }
            }
            b'<' => {
                dashes = 0;
                i += 1;
                if b.get(i) == Some(&b'/') {
                    let is_script;
                    (i, is_script) = script_name(b, i + 1);
                    if is_script {
                        state = State::Escaped;
                    }
                }
            }
            _ => {
                dashes = 0;
                i += 1;
            }
        }
    }
}

/// Reads a tag name's letters at `from`: where reading goes on (past the letters, and past the
/// white space, `/` or `>` after them if there is one), and whether the name is `script` with
/// such a delimiter after it, which is what switches the script data escape states.
fn script_name(b: &[u8], from: usize) -> (usize, bool) {
    let mut end = from;
    while end < b.len() && b[end].is_ascii_alphabetic() {
        end += 1;
    }
    let delimited = b
        .get(end)
        .is_some_and(|&c| is_space(c) || c == b'/' || c == b'>');
    let is_script = delimited && b[from..end].eq_ignore_ascii_case(b"script");
    (end + usize::from(delimited), is_script)
}

/// Where a comment whose text starts at `from` (just past `<!--`) ends, past its `-->` (or
/// `--!>`; `<!-->` and `<!--->` are empty comments), or the end of the input.
fn comment_end(b: &[u8], from: usize) -> usize {
    let rest = &b[from..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut i = from;
    while let Some(dash) = find(b, i, b"--") {
        match b.get(dash + 2) {
            Some(b'>') => return dash + 3,
            Some(b'!') if b.get(dash + 3) == Some(&b'>') => return dash + 4,
            _ => i = dash + 1,
        }
    }
    b.len()
}

/// A stretch of decoded text: text, or a NUL character to hand on as its own token.
enum Piece {
    Text(String),
    Nul,
}

/// `src[from..to]` with its character references decoded (as `refs` says) and NUL characters
/// dealt with (as `nul` says); `None` when there is nothing to change, which is most text.
fn decode(src: &str, from: usize, to: usize, refs: Refs, nul: Nul) -> Option<Vec<Piece>> {
    let b = &src.as_bytes()[..to];
    // NUL, and `&` where references count.
    let amp = if refs == Refs::No { 0 } else { b'&' };
    let first = find_either(b, from, 0, amp)?;
    let mut pieces = Vec::new();
    let mut out = String::with_capacity(to - from);
    out.push_str(&src[from..first]);
    let mut i = first;
    while i < to {
        let c = b[i];
        if c == 0 {
            match nul {
                Nul::Replace => out.push('\u{fffd}'),
                Nul::Token => {
                    pieces.push(Piece::Text(std::mem::take(&mut out)));
                    pieces.push(Piece::Nul);
                }
            }
            i += 1;
        } else if c == b'&' && refs != Refs::No {
            match char_ref(b, i + 1, refs == Refs::Attribute) {
                Some((text, end)) => {
                    out.push_str(&text);
                    i = end;
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            }
        } else {
            let next = find_either(b, i + 1, 0, amp).unwrap_or(to);
            out.push_str(&src[i..next]);
            i = next;
        }
    }
    pieces.push(Piece::Text(out));
    Some(pieces)
}

/// The character reference just past an `&` at `from`: what it stands for and where it ends;
/// `None` when the `&` is only itself.
pub fn char_ref(b: &[u8], from: usize, in_attribute: bool) -> Option<(Cow<'static, str>, usize)> {
    if b.get(from) == Some(&b'#') {
        return numeric_ref(b, from + 1).map(|(c, end)| (Cow::Owned(c.to_string()), end));
    }
    // The longest name that the text starts with.
    let mut len = 0;
    while len < LONGEST_NAME && b.get(from + len).is_some_and(u8::is_ascii_alphanumeric) {
        len += 1;
    }
    if len == 0 {
        return None;
    }
    if b.get(from + len) == Some(&b';') {
        len += 1;
    }
    let (name_len, text) = (1..=len).rev().find_map(|n| {
        let name = std::str::from_utf8(&b[from..from + n]).ok()?;
        named_entity(name).map(|text| (n, text))
    })?;
    let end = from + name_len;
    if b[end - 1] != b';'
        && in_attribute
        && b.get(end)
            .is_some_and(|&c| c == b'=' || c.is_ascii_alphanumeric())
    {
        // Left as written, for the URLs of old pages (`?a=1&copy=2`).
        return None;
    }
    Some((Cow::Borrowed(text), end))
}

/// What the entity called `name` (with its `;` if it has one) stands for.
fn named_entity(name: &str) -> Option<&'static str> {
    let entry = |i: usize| {
        let (name_start, text_start) = match i {
            0 => (0, 0),
            _ => ENDS[i - 1],
        };
        let (name_end, text_end) = ENDS[i];
        (
            &NAMES[name_start as usize..name_end as usize],
            &TEXTS[text_start as usize..text_end as usize],
        )
    };
    let (mut low, mut high) = (0, ENDS.len());
    while low < high {
        let mid = (low + high) / 2;
        let (entry_name, text) = entry(mid);
        match entry_name.cmp(name) {
            std::cmp::Ordering::Less => low = mid + 1,
            std::cmp::Ordering::Greater => high = mid,
            std::cmp::Ordering::Equal => return Some(text),
        }
    }
    None
}

/// A numeric reference (`&#233;`, `&#xE9;`) whose digits (after `&#`) start at `from`.
fn numeric_ref(b: &[u8], from: usize) -> Option<(char, usize)> {
    let (radix, start) = match b.get(from) {
        Some(b'x' | b'X') => (16, from + 1),
        _ => (10, from),
    };
    let mut i = start;
    let mut value: u32 = 0;
    while let Some(d) = b.get(i).and_then(|&c| char::from(c).to_digit(radix)) {
        value = value.saturating_mul(radix).saturating_add(d);
        i += 1;
    }
    if i == start {
        return None;
    }
    if b.get(i) == Some(&b';') {
        i += 1;
    }
    let c = match value {
        0 | 0xD800..=0xDFFF | 0x110000.. => '\u{fffd}',
        0x80..=0x9F => windows_1252(value),
        v => char::from_u32(v).unwrap_or('\u{fffd}'),
    };
    Some((c, i))
}

/// What a reference to a C1 control (0x80-0x9F) stands for: the character that byte is in
/// windows-1252, as pages that wrote `&#150;` meant; the five bytes it leaves unused stay.
fn windows_1252(value: u32) -> char {
    const FROM_0X80: [u16; 32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013,
        0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ];
    FROM_0X80
        .get((value - 0x80) as usize)
        .and_then(|&c| char::from_u32(u32::from(c)))
        .unwrap_or('\u{fffd}')
}

/// Position of the first `needle` in `hay` at or after `from`. Eight bytes are tested at a
/// time with integer arithmetic: most calls cover short distances (to the end of a tag or a
/// text), where a general `memchr` spends its time getting started.
pub fn find_byte(hay: &[u8], from: usize, needle: u8) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let pattern = LOW * u64::from(needle);
    let mut i = from;
    while let Some(chunk) = hay.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let x = u64::from_le_bytes(word) ^ pattern;
        // A zero byte of `x` is a match; the lowest flagged byte is the first one (a
        // borrow can only flag bytes above a real match).
        let found = x.wrapping_sub(LOW) & !x & HIGH;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    hay.get(i..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| i + p)
}

/// Position of the first `a` or `b` in `hay` at or after `from`, eight bytes at a time as in
/// [`find_byte`].
fn find_either(hay: &[u8], from: usize, a: u8, b: u8) -> Option<usize> {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let (pattern_a, pattern_b) = (LOW * u64::from(a), LOW * u64::from(b));
    let mut i = from;
    while let Some(chunk) = hay.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let (x, y) = (word ^ pattern_a, word ^ pattern_b);
        // Each test flags its first match and perhaps bytes above it, so the lowest flag of
        // the two is the first match of either.
        let found = ((x.wrapping_sub(LOW) & !x) | (y.wrapping_sub(LOW) & !y)) & HIGH;
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    hay.get(i..)?
        .iter()
        .position(|&c| c == a || c == b)
        .map(|p| i + p)
}

/// Position of the first `needle` (of two bytes or more) at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    let mut i = from;
    loop {
        let at = find_byte(hay, i, needle[0])?;
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        i = at + 1;
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::run;
    use html5ever::tendril::StrTendril;
    use html5ever::tokenizer::states::RawKind;
    use html5ever::tokenizer::{
        BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
    };
    use std::cell::RefCell;

    /// Pages of up to `max_parts` fragments of `parts`, from a fixed pseudo-random sequence:
    /// `rounds` of them, or DECLUTTER_RANDOM_PAGES for a longer search.
    pub(crate) fn random_pages<'a>(
        parts: &'a [&'a str],
        max_parts: u64,
        rounds: usize,
    ) -> impl Iterator<Item = String> + 'a {
        let rounds = std::env::var("DECLUTTER_RANDOM_PAGES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(rounds);
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..rounds).map(move |_| {
            let len = 1 + next() % max_parts;
            (0..len)
                .map(|_| parts[(next() % parts.len() as u64) as usize])
                .collect()
        })
    }

    /// Collects tokens, and asks for raw text after the start tags that the tree builder
    /// asks it for (without a tree builder, so both tokenizers can be compared alone).
    #[derive(Default)]
    struct Collect(RefCell<Vec<Token>>);

    impl TokenSink for Collect {
        type Handle = ();

        fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
            let mut tokens = self.0.borrow_mut();
            let result = match &token {
                Token::TagToken(Tag {
                    kind: TagKind::StartTag,
                    name,
                    ..
                }) => match &**name {
                    "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                    "plaintext" => TokenSinkResult::Plaintext,
                    _ => TokenSinkResult::Continue,
                },
                _ => TokenSinkResult::Continue,
            };
            // The same stream however the text is cut: runs of text are joined, and what
            // neither the tree builder nor the tree keeps is left out.
            match token {
                Token::ParseError(_) => {}
                Token::CharacterTokens(t) => match tokens.last_mut() {
                    Some(Token::CharacterTokens(last)) => last.push_tendril(&t),
                    _ => tokens.push(Token::CharacterTokens(t)),
                },
                Token::CommentToken(_) => tokens.push(Token::CommentToken(StrTendril::new())),
                Token::TagToken(mut tag) => {
                    tag.had_duplicate_attributes = false;
                    if tag.kind == TagKind::EndTag {
                        tag.attrs.clear();
                    }
                    tokens.push(Token::TagToken(tag));
                }
                other => tokens.push(other),
            }
            result
        }
    }

    fn ours(html: &str) -> Vec<Token> {
        let sink = Collect::default();
        run(&sink, html, |_| false);
        sink.0.into_inner()
    }

    fn html5evers(html: &str) -> Vec<Token> {
        let tokenizer = Tokenizer::new(Collect::default(), Default::default());
        let input = BufferQueue::default();
        input.push_back(StrTendril::from(html));
        let _ = tokenizer.feed(&input);
        tokenizer.end();
        tokenizer.sink.0.into_inner()
    }

    fn same_tokens(html: &str) {
        assert_eq!(ours(html), html5evers(html), "tokens of {html:?}");
    }

    #[test]
    fn character_references_decode_as_html5ever_decodes_them() {
        for page in [
            "&amp; &lt;&gt; &AMP &amp &ampx &notin; &notit; &not &acE; &CounterClockwiseContourIntegral;",
            "&#65;&#x41;&#X41;&#65x &#; &#x; &#xg; &# &#0; &#x110000; &#xD800; &#150; &#129;",
            "&#99999999999999999999; &#x7F; &#xFFFE; &#x1F600; &#13; &; & &&amp;& &#",
            "<a href='?a=1&copy=2&amp=3&not;x&notx&lt' title=&quot;&eacute>x</a>",
            "<a href=x&amp;y&copy&copy=&#38;&#x26>y</a><b title='&lt&gt;=&notin=&acE'>",
            "&ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ; &a1b2c3;",
            "<title>&amp; <b> &lt;</title><textarea>&copy;</textarea><style>&amp;</style>",
        ] {
            same_tokens(page);
        }
        // Every C1 control, which references replace by their windows-1252 characters.
        let c1: String = (0x80..=0x9f).map(|n| format!("&#{n};&#x{n:x}")).collect();
        same_tokens(&c1);
    }

    #[test]
    fn tags_attributes_and_comments_read_as_html5ever_reads_them() {
        for page in [
            "<DIV Class=A ID='b' data-X=\"c\" checked hidden=>x</DIV>",
            "<a b c=d e = f g= 'h' i =\"j\"/><br/><br / ><img src=a/>",
            "<p =x ==y a=b=c \"q'=r <s=t>u</p foo=bar></p/>",
            "<a href=\"x\"title=y>z</a><a a=1 a=2 A=3>",
            "</> </ > </3> <3 < p> <? pi ?> <!x> <!-x> <!--> <!---> <!---->",
            "<!-- a -- b --!> c <!-- d <!-- e --> f <!-- g --!- h --> i <!--",
            "<div\0x a\0b=c\0d>\0</div\0x>text\0more",
            "a\r\nb\rc\n\rd<p a='x\r\ny'>\r</p>\u{feff}",
            "<p>unterminated <a href='x",
            "<p>unterminated <a href=x",
            "<p>unterminated <a",
            "<p>unterminated </",
            "<p>x</p",
            "<![CDATA[x]]> <!DOCTYPE> <!doctype html> <!DOCTYPE html PUBLIC",
            "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\" \
             \"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd\">",
            "<!DOCTYPE html SYSTEM 'about:legacy-compat'><!DOCTYPE a PUBLIC 'x'y>",
            "<!DOCTYPE a PUBLIC'x'><!DOCTYPE a SYSTEM><!DOCTYPE a bogus><!DOCTYPE a PUBLIC \"x>",
            "<!DOCTYPE a PUBLIC \"x\" 'y' z><!DOCTYPE a SYSTEM \"x\" y><!DOCTYPE\0A>",
            "<!DOCTYPE a PUBLIC \"x\"'y'><!DOCTYPE a SYSTEM x><!DOCTYPE a PUBLIC",
        ] {
            same_tokens(page);
        }
    }

    #[test]
    fn raw_text_ends_where_html5ever_ends_it() {
        for page in [
            "<script>a</SCRIPT  >b<script>c</script\n>d<script>e</script/>f",
            "<script>a</scriptx>b</script><script>x</scr ipt></script >",
            "<script><!--<script>a</script>b--></script>after",
            "<script><!-- a </script> b",
            "<script><!--a--!></script>b</script>",
            "<script><!--<script></script><!--</script>-->x</script>y",
            "<script><!--<SCRIPT>x</SCRIPT>y-->z</script>w",
            "<script><!--<script x</script>y</script>z",
            "<script><!--<scriptx>a</script>b",
            "<script><!--<script/>a</script>b</script>c<script><!--<script\ta</script/>b-->c</script>d",
            "<script><!-- <script>--></script>more</script>end",
            "<script><!-- --><!-- <script> --></script>",
            "<script><!----></script>x",
            "<script><!--->--></script>x",
            "<script><!-x--></script>y",
            "<script>a\0b<!--\0--></script>",
            "<script>never closed <p>t",
            "<style>a<!--b</style>c--><xmp><b></xmp><iframe><p></iframe>",
            "<title>a</titlex></title ><textarea><b></TEXTAREA><noscript><p></noscript>",
            "<noembed>x</noembed><noframes>y</noframes><plaintext><p>all &amp; text</p>",
            "<style>never closed",
            "<title>x</title",
        ] {
            same_tokens(page);
        }
    }

    #[test]
    fn newlines_read_as_the_standard_reads_them() {
        for (raw, want) in [
            ("a\r\nb\rc\n\rd\r\r\ne\r", "a\nb\nc\n\nd\n\ne\n"),
            ("\r\n\r\n", "\n\n"),
            ("é\rü", "é\nü"),
            ("none", "none"),
        ] {
            assert_eq!(super::newlines_normalized(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn find_either_finds_the_first_of_two_bytes() {
        let hay = b"ab&cd\0efghijklmnop&qrstuv\x80\xbc&&wxyz\0";
        for from in 0..=hay.len() + 1 {
            for (a, b) in [
                (b'&', 0),
                (0, 0),
                (b'a', b'z'),
                (b'\xbc', b'\x80'),
                (b'!', b';'),
            ] {
                let want = hay
                    .get(from..)
                    .and_then(|h| h.iter().position(|&c| c == a || c == b))
                    .map(|p| from + p);
                assert_eq!(super::find_either(hay, from, a, b), want, "{from} {a} {b}");
            }
        }
    }

    /// Random markup from fragments chosen to meet the tokenizer's corner cases.
    #[test]
    fn random_markup_reads_as_html5ever_reads_it() {
        #[rustfmt::skip]
        const PARTS: &[&str] = &[
            "<", ">", "/", "</", "<!", "<!--", "-->", "--!>", "-", "--", "!", "?", "=", "'", "\"",
            " ", "\n", "\r", "\r\n", "\t", "\0", "&", "&amp", "&amp;", "&#", "&#x", "41", ";",
            "&not", "in", "&lt", "script", "SCRIPT", "style", "title", "textarea", "plaintext", "p",
            "a", "div", "b", "x", "href", "DOCTYPE", "PUBLIC", "SYSTEM", "html", "<![CDATA[", "]]>",
            "é", "中", "\u{feff}",
        ];
        for page in random_pages(PARTS, 24, 20_000) {
            same_tokens(&page);
        }
    }
}
