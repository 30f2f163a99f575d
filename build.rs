//! Writes the HTML standard's named character references (`&amp;`, `&eacute;`, ...) as one
//! compact, sorted table for `src/tokenize.rs`. markup5ever carries the list as a hash map that
//! also holds every prefix of every name (what a tokenizer reading one character at a time
//! needs); read from a whole string, the names alone are enough, in about a fifth of the
//! bytes, which matters in the WebAssembly module.

use std::fmt::Write as _;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let mut entities: Vec<(&str, String)> = markup5ever::data::NAMED_ENTITIES
        .entries()
        .filter(|(_, &(first, _))| first != 0)
        .map(|(name, &(first, second))| {
            let text = [first, second]
                .into_iter()
                .filter(|&c| c != 0)
                .filter_map(char::from_u32)
                .collect();
            (*name, text)
        })
        .collect();
    entities.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let (mut names, mut texts, mut ends) = (String::new(), String::new(), String::new());
    for (name, text) in &entities {
        names.push_str(name);
        texts.push_str(text);
        let _ = write!(ends, "({},{}),", names.len(), texts.len());
    }
    let longest = entities.iter().map(|e| e.0.len()).max().unwrap_or(0);
    let out = format!(
        "/// Every name, sorted, end to end (a name that ends in `;` is a separate entry).\n\
         static NAMES: &str = {names:?};\n\
         /// What each name stands for, end to end, in the same order.\n\
         static TEXTS: &str = {texts:?};\n\
         /// Where each entry's name and text end in [`NAMES`] and [`TEXTS`].\n\
         static ENDS: [(u16, u16); {count}] = [{ends}];\n\
         /// The longest name, with its `;`.\n\
         const LONGEST_NAME: usize = {longest};\n",
        count = entities.len(),
    );
    let path = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("entities.rs");
    std::fs::write(path, out).expect("OUT_DIR is writable");
}
