//! Raw bytes through the whole native path: decode the bytes, extract, render Markdown, and
//! check that whatever comes out is safe. Seeded with the fixture pages (see scripts/fuzz.sh).
#![no_main]

use declutter::{decode_bytes, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, so both explain modes and the image and link switches
    // get exercised.
    let (flags, page) = match data.split_first() {
        Some((f, rest)) => (*f, rest),
        None => (0, data),
    };
    let options = Options {
        explain: flags & 1 != 0,
        images: flags & 2 == 0,
        links: flags & 4 == 0,
        ..Options::default()
    };
    if let Ok(html) = decode_bytes(page) {
        declutter_fuzz::check_extract(&html, &options);
    }
});
