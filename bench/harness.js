// The benchmark harness page: one browsing context, the wasm module instantiated once (as the
// extension does in its background), each corpus page loaded in turn into a same-origin iframe.
// For each page it times, alternating, after warm-up:
//   (a) Mozilla Readability.js on doc.cloneNode(true), as its README prescribes;
//   (b) Declutter end to end: extractDocument(doc) reads the live document (marking what the
//       page does not render), extracts in wasm and returns the article object.
// and posts the raw numbers to the server.
import init, { extractDocument, extract } from '/pkg/declutter.js';
// The walk `extractDocument` runs first, the same file the build folds into the module's glue,
// imported on its own to time that part alone.
import { encodeRendered } from '/bench/rendered.js';

const params = new URLSearchParams(location.hash.slice(1));
const warmup = Number(params.get('warmup') ?? 2);
const runs = Number(params.get('runs') ?? 5);
/**
 * Untimed runs of both extractors on the first page before any is timed: at least this many,
 * for at least this long. Both engines start code on a quick baseline tier and compile the hot
 * parts again in the background, and collect their first garbage; on a machine with few cores
 * that background work competes with the runs. The first pages would carry it (their runs
 * scattered over a factor of ten on either side, with 20 runs alone). Start-up is timed on its
 * own.
 */
const SETTLE_RUNS = 20;
const SETTLE_MS = 2000;
const frame = document.getElementById('page');
const status = document.getElementById('status');

const post = (msg) => fetch('/result', { method: 'POST', body: JSON.stringify(msg) });

function time(fn) {
  const t0 = performance.now();
  let out;
  let error = null;
  try {
    out = fn();
  } catch (e) {
    error = String(e && e.message ? e.message : e);
  }
  return { ms: performance.now() - t0, out, error };
}

function load(id) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    frame.onload = () => {
      clearTimeout(timer);
      resolve();
    };
    frame.src = `/page/${encodeURIComponent(id)}`;
  });
}

function measure(doc, settle) {
  const readability = () => time(() => new Readability(doc.cloneNode(true)).parse());
  const declutter = () => time(() => extractDocument(doc));
  const settleUntil = settle ? performance.now() + SETTLE_MS : 0;
  for (let i = 0; i < warmup + settle || performance.now() < settleUntil; i++) {
    readability();
    declutter();
  }
  const r = [];
  const d = [];
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always runs right after the other's garbage.
    if (i % 2 === 0) {
      r.push(readability());
      d.push(declutter());
    } else {
      d.push(declutter());
      r.push(readability());
    }
  }
  // Where Declutter's time goes, as medians of as many more runs: reading the page into the
  // form the module takes (the rest of the end-to-end time is the module's: copying it in,
  // extracting, handing the article back); and, for comparison, the way through HTML:
  // serializing, then extracting from the HTML.
  const parts = [];
  for (let i = 0; i < runs; i++) {
    const read = time(() => encodeRendered(doc, 'data-declutter-hidden'));
    const s = time(() => doc.documentElement.outerHTML);
    parts.push({ read, s, e: time(() => extract(s.out, doc.URL)) });
  }
  const middle = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const serialize = { out: parts[0].s.out, ms: middle(parts.map((p) => p.s.ms)) };
  const extractOnly = { ms: middle(parts.map((p) => p.e.ms)) };
  const lastR = r[r.length - 1];
  const lastD = d[d.length - 1];
  return {
    htmlChars: serialize.out.length,
    elements: doc.getElementsByTagName('*').length,
    readabilityMs: r.map((x) => x.ms),
    declutterMs: d.map((x) => x.ms),
    readMs: middle(parts.map((p) => p.read.ms)),
    serializeMs: serialize.ms,
    extractMs: extractOnly.ms,
    readabilityFound: Boolean(lastR.out),
    readabilityError: lastR.error,
    declutterWords: lastD.out ? lastD.out.wordCount : null,
    declutterError: lastD.error,
  };
}

const WASM_URL = new URL('/pkg/declutter_bg.wasm', import.meta.url);

/** Module start-up: the first fetch + streaming compile + instantiate in this context (cold). */
async function startCold() {
  const t0 = performance.now();
  await init({ module_or_path: WASM_URL });
  return performance.now() - t0;
}

/**
 * Further compiles of the same URL (the browser may reuse its code cache). Timed after the
 * pages: each leaves a compiled module for the collector, whose work would otherwise land in
 * the first pages' runs, on either side.
 */
async function compileAgain() {
  const again = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await WebAssembly.compileStreaming(fetch(WASM_URL));
    again.push(performance.now() - t);
  }
  return again;
}

async function main() {
  const coldMs = await startCold();
  for (;;) {
    const { id, index, total } = await (await fetch('/next')).json();
    if (!id) break;
    status.textContent = `${index}/${total} ${id}`;
    await load(id);
    let result;
    try {
      const doc = frame.contentDocument;
      if (!doc || !doc.documentElement) throw new Error('the page did not load');
      result = measure(doc, index === 1 ? SETTLE_RUNS : 0);
    } catch (e) {
      result = { error: String(e && e.stack ? e.stack : e) };
    }
    await post({ id, ...result });
  }
  await post({ startup: { coldMs, compileAgainMs: await compileAgain(), crossOriginIsolated } });
  await post({ done: true });
}

main().catch((e) => post({ done: true, error: String(e && e.stack ? e.stack : e) }));
