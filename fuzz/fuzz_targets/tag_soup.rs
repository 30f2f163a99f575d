//! Structure-aware: the fuzzer's bytes are read as a sequence of tags, attributes, values and
//! text chosen from the constructs that matter for safety and robustness (see `soup.rs`).
#![no_main]

use declutter::Options;
use declutter_fuzz::soup::Soup;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|soup: Soup| {
    let options = Options {
        explain: soup.explain,
        images: soup.images,
        links: soup.links,
        ..Options::default()
    };
    declutter_fuzz::check_extract(&soup.to_html(), &options);
});
