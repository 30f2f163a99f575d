// What the Node benchmarks share: the pages they time, loading a wasm package, and timing one
// extraction. The pages are all readability test pages and an evenly spaced sample of
// trafilatura-eval, so two tools (or two runs) always time the same set.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

/** Trafilatura-eval pages taken, evenly spaced through its cases.json. */
export const SAMPLE = 100;

/** The page texts under `corpora`; throws when there are none. */
export function corpusPages(corpora) {
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
  return pages;
}

/** The wasm package in `dir`, instantiated. */
export async function loadPackage(dir) {
  const mod = await import(path.resolve(dir, 'declutter.js'));
  mod.initSync({ module: readFileSync(path.resolve(dir, 'declutter_bg.wasm')) });
  return mod;
}

/** Milliseconds one `extract` takes; pages the core refuses still count their time. */
export function timeExtract(mod, html) {
  const t0 = performance.now();
  try {
    mod.extract(html, 'https://example.com/');
  } catch {
    // timed, not judged
  }
  return performance.now() - t0;
}
