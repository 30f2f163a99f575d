// The benchmark in the page itself (`--frame top`): the driver opens a corpus page
// as the tab's own document and adds this module to it, which times the page (bench/measure.js
// says how) and posts the raw numbers to the server.
//
// Where the extension runs (and any page's own script would), the page is the top-level
// document, not a frame's: in Chromium each question about an element's style costs a frame's
// document more, because the frames around it are brought up to date first (checkVisibility
// with its options, on every element of four readability pages, nytimes-1, ars-1, medium-1 and
// wikipedia: 0.56-0.73 us a call in the tab, 0.84-1.80 us in a frame), and Declutter asks such
// questions where Readability.js asks none.
//
// A new document is a new context: the module is instantiated for each page (the browser
// reuses its compiled code), and both extractors are run untimed more times than in a frame,
// where the code stays hot from page to page.
import init, { extractDocument, extract } from '/pkg/declutter.js';
import { encodeRendered } from '/bench/rendered.js';
import { measure } from '/bench/measure.js';

/**
 * Untimed runs go on for at least this long on every page: the module is compiled anew in each
 * page, and an engine runs it on a quick baseline tier until its optimizing compiler, in the
 * background, has finished (Firefox, three readability pages: the module's part of the time
 * was 1.5x as long without this).
 */
const PAGE_SETTLE_MS = 500;
const here = new URL(import.meta.url);
// The page's own <base> would send relative addresses to its site: every address is this one's.
const at = (p) => new URL(p, here).href;
/** Posts `msg` to the server, sent again if it fails: Firefox fails one now and then (a network
 * error, on about one page in thirty) that goes through when sent again. */
async function post(msg) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(at('/result'), { method: 'POST', body: JSON.stringify(msg) });
    } catch (e) {
      if (attempt === 3) throw e;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
const id = decodeURIComponent(location.pathname.replace(/^\/page\//, ''));

/** Readability.js is a classic script: it is run by an element of its own, taken out again. */
function loadReadability() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = at('/bench/Readability.js');
    script.onload = () => {
      script.remove();
      resolve(globalThis.Readability);
    };
    script.onerror = () => reject(new Error('Readability.js did not load'));
    document.head.append(script);
  });
}

async function main() {
  // The element that added this module goes first: the page is timed as it was served.
  for (const el of document.querySelectorAll('script[data-bench]')) el.remove();
  const t0 = performance.now();
  await init({ module_or_path: at('/pkg/declutter_bg.wasm') });
  const startMs = performance.now() - t0;
  const Readability = await loadReadability();
  const warmup = Number(here.searchParams.get('warmup'));
  const runs = Number(here.searchParams.get('runs'));
  const settle = here.searchParams.get('settle') === '1';
  const result = measure(document, { warmup, runs, settle, minMs: PAGE_SETTLE_MS, api: { Readability, extractDocument, extract, encodeRendered } });
  await post({ id, startMs, ...result });
}

// Firefox's stack leaves out the message.
main().catch((e) => post({ id, error: `${e}\n${e && e.stack}` }));
