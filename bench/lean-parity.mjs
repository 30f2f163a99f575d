// Checks, in headless Chromium, that what `extractDocument` hands the core (the browser's own
// tree in the flat form, or the document's HTML without the scripts, styles and templates the
// core drops unread) changes no article: for every corpus page, the explained article from
// `extractDocument(doc)` must equal, byte for byte, the one from
// `extract(doc.documentElement.outerHTML)`. The documents come from DOMParser (no window, so no
// visibility marks: only the way the page is handed over differs between the two).
//
// A tree the HTML parser built can still come back different from its own serialization (markup
// the parser repaired in a way that, written out, parses otherwise). The flat form carries the
// tree as it is, so such a page may differ: it is reported apart and does not fail the check.
//
//   node bench/lean-parity.mjs [CORPORA=../shared/corpora] [PKG=pkg]
//
// Prints the count of identical pages and each page that differs; exits 1 when one whose tree
// survives its own HTML differs. Pages the core refuses count as identical when both refuse them.
import { chromium } from 'playwright-core';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

const [corpora = '../shared/corpora', pkg = 'pkg'] = process.argv.slice(2);

function pages() {
  const out = [];
  const rtp = path.join(corpora, 'readability-test-pages');
  for (const slug of existsSync(rtp) ? readdirSync(rtp).sort() : []) {
    const file = path.join(rtp, slug, 'source.html');
    if (existsSync(file)) out.push([`readability-test-pages/${slug}`, () => readFileSync(file, 'utf8')]);
  }
  const tra = path.join(corpora, 'trafilatura-eval', 'html');
  for (const name of existsSync(tra) ? readdirSync(tra).sort() : []) {
    out.push([`trafilatura-eval/${name}`, () => gunzipSync(readFileSync(path.join(tra, name))).toString('utf8')]);
  }
  if (out.length === 0) throw new Error(`no corpus pages under ${corpora}`);
  return out;
}

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
// The package is served from a made-up origin; nothing else is fetched.
await page.route('**/*', (route) => {
  const url = new URL(route.request().url());
  if (url.pathname === '/') return route.fulfill({ body: '<!doctype html><title>parity</title>', contentType: 'text/html' });
  const file = path.join(pkg, path.basename(url.pathname));
  if (!existsSync(file)) return route.abort();
  return route.fulfill({ body: readFileSync(file), contentType: file.endsWith('.wasm') ? 'application/wasm' : 'text/javascript' });
});
await page.goto('http://parity.test/');
await page.evaluate(async () => {
  const mod = await import('/declutter.js');
  await mod.default();
  globalThis.declutter = mod;
});

let same = 0;
const differ = [];
for (const [id, read] of pages()) {
  const result = await page.evaluate((html) => {
    const { extract, extractDocument } = globalThis.declutter;
    const doc = new DOMParser().parseFromString(html, 'text/html');
    const run = (f) => {
      try {
        return JSON.stringify(f());
      } catch (e) {
        return `error: ${e.message}`;
      }
    };
    const whole = run(() => extract(doc.documentElement.outerHTML, doc.URL, { explain: true }));
    const lean = run(() => extractDocument(doc, { explain: true }));
    if (whole === lean || (whole.startsWith('error:') && lean.startsWith('error:'))) return null;
    let at = 0;
    while (whole[at] === lean[at]) at += 1;
    const written = doc.documentElement.outerHTML;
    const reread = new DOMParser().parseFromString(written, 'text/html').documentElement.outerHTML;
    return {
      whole: whole.slice(Math.max(0, at - 80), at + 80),
      lean: lean.slice(Math.max(0, at - 80), at + 80),
      survives: reread === written,
    };
  }, read());
  if (result) differ.push([id, result]);
  else same += 1;
}
await browser.close();
const failing = differ.filter(([, d]) => d.survives);
console.log(
  `${same} pages identical, ${differ.length - failing.length} differ where the tree does not survive its own HTML, ` +
    `${failing.length} differ otherwise`,
);
for (const [id, d] of differ) {
  const why = d.survives ? '' : ' (the tree does not survive its own HTML)';
  console.log(`${id}${why}\n  whole: ${d.whole}\n  lean:  ${d.lean}`);
}
process.exit(failing.length ? 1 : 0);
