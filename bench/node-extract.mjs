// Times the wasm package's `extract` alone in Node (no browser, no serializing), to compare
// builds of the module quickly: the median per page over the readability test pages and an
// evenly spaced sample of trafilatura-eval, after one warm-up pass.
//
//   node bench/node-extract.mjs [PKG_DIR=pkg] [RUNS=5] [CORPORA=../shared/corpora]
//
// e.g. build a variant with `WASM_OUT=/tmp/w-3 CARGO_PROFILE_WASM_RELEASE_OPT_LEVEL=3
// bash scripts/build-wasm.sh`, then run this on `pkg` and on `/tmp/w-3` in turn.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

const [pkgArg = 'pkg', runsArg = '5', corporaArg = '../shared/corpora'] = process.argv.slice(2);
const pkg = path.resolve(pkgArg);
const runs = Number(runsArg);
const corpora = path.resolve(corporaArg);
const SAMPLE = 100;

const mod = await import(path.join(pkg, 'declutter.js'));
mod.initSync({ module: readFileSync(path.join(pkg, 'declutter_bg.wasm')) });

const pages = [];
const rtp = path.join(corpora, 'readability-test-pages');
for (const slug of existsSync(rtp) ? readdirSync(rtp).sort() : []) {
  const file = path.join(rtp, slug, 'source.html');
  if (existsSync(file)) pages.push(readFileSync(file, 'utf8'));
}
const casesFile = path.join(corpora, 'trafilatura-eval', 'cases.json');
if (existsSync(casesFile)) {
  const cases = JSON.parse(readFileSync(casesFile, 'utf8'));
  for (let i = 0; i < Math.min(SAMPLE, cases.length); i++) {
    const c = cases[Math.floor((i * cases.length) / SAMPLE)];
    pages.push(gunzipSync(readFileSync(path.join(corpora, 'trafilatura-eval', c.file))).toString('utf8'));
  }
}
if (pages.length === 0) throw new Error(`no corpus pages under ${corpora}`);

const once = (html) => {
  const t0 = performance.now();
  try {
    mod.extract(html, 'https://example.com/');
  } catch {
    // Pages the core refuses still count their time.
  }
  return performance.now() - t0;
};
for (const html of pages) once(html);
const medians = pages.map((html) => {
  const times = Array.from({ length: runs }, () => once(html)).sort((a, b) => a - b);
  return times[times.length >> 1];
});
const total = medians.reduce((a, b) => a + b, 0);
medians.sort((a, b) => a - b);
console.log(`${pkgArg}: ${pages.length} pages, median ${medians[medians.length >> 1].toFixed(2)} ms per page, sum of medians ${total.toFixed(0)} ms`);
