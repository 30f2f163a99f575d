// The benchmark harness page for `--frame iframe`: one browsing context, the wasm module
// instantiated once (as the extension does in its background), each corpus page loaded in turn
// into a same-origin iframe and timed there (bench/measure.js says how); the raw numbers are
// posted to the server.
import init, { extractDocument, extract } from '/pkg/declutter.js';
// The walk `extractDocument` runs first, the same file the build folds into the module's glue,
// imported on its own to time that part alone.
import { encodeRendered } from '/bench/rendered.js';
import { measure } from '/bench/measure.js';

const params = new URLSearchParams(location.hash.slice(1));
const warmup = Number(params.get('warmup') ?? 2);
const runs = Number(params.get('runs') ?? 5);
const api = { Readability: globalThis.Readability, extractDocument, extract, encodeRendered };
const frame = document.getElementById('page');
const status = document.getElementById('status');

const post = (msg) => fetch('/result', { method: 'POST', body: JSON.stringify(msg) });

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
      result = measure(doc, { warmup, runs, settle: index === 1, api });
    } catch (e) {
      result = { error: String(e && e.stack ? e.stack : e) };
    }
    await post({ id, ...result });
  }
  await post({ startup: { coldMs, compileAgainMs: await compileAgain(), crossOriginIsolated } });
  await post({ done: true });
}

main().catch((e) => post({ done: true, error: String(e && e.stack ? e.stack : e) }));
