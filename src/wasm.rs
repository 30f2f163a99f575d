//! The wasm boundary (filled in by the WebAssembly build).
