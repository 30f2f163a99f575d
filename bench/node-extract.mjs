// Times the wasm package's `extract` alone in Node (no browser, no serializing), to compare
// builds of the module quickly: the median per page over the readability test pages and an
// evenly spaced sample of trafilatura-eval, after one warm-up pass.
//
//   node bench/node-extract.mjs [PKG_DIR=pkg] [RUNS=5] [CORPORA=../shared/corpora]
//
// e.g. build a variant with `WASM_OUT=/tmp/w-3 CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=3
// bash scripts/build-wasm.sh`, then run this on `pkg` and on `/tmp/w-3` in turn.
import path from 'node:path';
import { corpusPages, loadPackage, timeExtract } from './node-common.mjs';

const [pkgArg = 'pkg', runsArg = '5', corporaArg = '../shared/corpora'] = process.argv.slice(2);
const runs = Number(runsArg);
const mod = await loadPackage(pkgArg);
const pages = corpusPages(path.resolve(corporaArg));
const once = (html) => timeExtract(mod, html);
for (const html of pages) once(html);
const medians = pages.map((html) => {
  const times = Array.from({ length: runs }, () => once(html)).sort((a, b) => a - b);
  return times[times.length >> 1];
});
const total = medians.reduce((a, b) => a + b, 0);
medians.sort((a, b) => a - b);
console.log(`${pkgArg}: ${pages.length} pages, median ${medians[medians.length >> 1].toFixed(2)} ms per page, sum of medians ${total.toFixed(0)} ms`);
