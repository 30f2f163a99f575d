// Compares two builds of the wasm package in one Node process: both modules are loaded side by
// side and run alternately on each page (the readability test pages and an evenly spaced
// sample of trafilatura-eval), and each page counts with the fastest of REPS runs per module.
// On a shared machine this is far steadier than timing the builds one after the other with
// node-extract.mjs, whose medians drift by 20% from run to run.
//
//   node bench/node-ab.mjs PKG_A PKG_B [REPS=7] [CORPORA=../shared/corpora]
//
// e.g. `WASM_OUT=/tmp/w-b WASM_OPT_SKIP= bash scripts/build-wasm.sh`, then compare `pkg` and
// `/tmp/w-b`. Prints the sums of the per-page minima and B/A (below 1: B is faster).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

const [pkgA, pkgB, repsArg = '7', corpora = '../shared/corpora'] = process.argv.slice(2);
if (!pkgA || !pkgB) {
  console.error('usage: node bench/node-ab.mjs PKG_A PKG_B [REPS] [CORPORA]');
  process.exit(2);
}
const reps = Number(repsArg);
const SAMPLE = 100;

async function load(dir) {
  const mod = await import(path.resolve(dir, 'declutter.js'));
  mod.initSync({ module: readFileSync(path.resolve(dir, 'declutter_bg.wasm')) });
  return mod;
}

function pages() {
  const out = [];
  const rtp = path.join(corpora, 'readability-test-pages');
  for (const slug of readdirSync(rtp).sort()) {
    const file = path.join(rtp, slug, 'source.html');
    if (existsSync(file)) out.push(readFileSync(file, 'utf8'));
  }
  const traf = path.join(corpora, 'trafilatura-eval');
  const cases = JSON.parse(readFileSync(path.join(traf, 'cases.json'), 'utf8'));
  for (let i = 0; i < SAMPLE; i++) {
    const c = cases[Math.floor((i * cases.length) / SAMPLE)];
    out.push(gunzipSync(readFileSync(path.join(traf, c.file))).toString('utf8'));
  }
  return out;
}

// A page that is not readable throws; it is timed all the same.
function time(mod, html) {
  const t0 = performance.now();
  try {
    mod.extract(html, 'https://example.com/');
  } catch {
    // timed, not judged
  }
  return performance.now() - t0;
}

const [a, b] = [await load(pkgA), await load(pkgB)];
const all = pages();
for (const html of all) {
  time(a, html);
  time(b, html);
}
let sumA = 0;
let sumB = 0;
const ratios = [];
for (const html of all) {
  let minA = Infinity;
  let minB = Infinity;
  for (let r = 0; r < reps; r++) {
    minA = Math.min(minA, time(a, html));
    minB = Math.min(minB, time(b, html));
  }
  sumA += minA;
  sumB += minB;
  ratios.push(minB / minA);
}
ratios.sort((x, y) => x - y);
console.log(
  `${all.length} pages: A ${pkgA} ${sumA.toFixed(0)} ms, B ${pkgB} ${sumB.toFixed(0)} ms ` +
    `(sums of per-page minima); B/A ${(sumB / sumA).toFixed(3)}, median per-page B/A ` +
    `${ratios[ratios.length >> 1].toFixed(3)}`,
);
