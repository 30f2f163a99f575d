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
import path from 'node:path';
import { corpusPages, loadPackage, timeExtract as time } from './node-common.mjs';

const [pkgA, pkgB, repsArg = '7', corpora = '../shared/corpora'] = process.argv.slice(2);
if (!pkgA || !pkgB) {
  console.error('usage: node bench/node-ab.mjs PKG_A PKG_B [REPS] [CORPORA]');
  process.exit(2);
}
const reps = Number(repsArg);

const [a, b] = [await loadPackage(pkgA), await loadPackage(pkgB)];
const all = corpusPages(path.resolve(corpora));
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
