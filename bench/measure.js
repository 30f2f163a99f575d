// How the benchmark times one page, whichever document it is in (bench/harness.js, a page in a
// frame of the harness; bench/top.js, the page itself as the tab's document):
//   (a) Mozilla Readability.js on doc.cloneNode(true), as its README prescribes;
//   (b) Declutter end to end: extractDocument(doc) reads the live document (marking what the
//       page does not render), extracts in wasm and returns the article object;
// alternating, after warm-up, and then where Declutter's time goes.

/**
 * Untimed runs of both extractors before any is timed, on the first page of a browsing context:
 * at least this many, for at least this long. Both engines start code on a quick baseline tier
 * and compile the hot parts again in the background, and collect their first garbage; on a
 * machine with few cores that background work competes with the runs. The first pages would
 * carry it (their runs scattered over a factor of ten on either side, with 20 runs alone).
 */
export const SETTLE_RUNS = 20;
export const SETTLE_MS = 2000;

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

/**
 * Times `doc`: `warmup` untimed runs of each, for at least `minMs` (with `settle`, at least
 * SETTLE_RUNS more and SETTLE_MS), then `runs` timed runs of each, alternating which goes
 * first. `api` holds Readability, and the package's extractDocument and extract, and the walk
 * encodeRendered.
 */
export function measure(doc, { warmup, runs, settle, minMs = 0, api }) {
  const { Readability, extractDocument, extract, encodeRendered } = api;
  const readability = () => time(() => new Readability(doc.cloneNode(true)).parse());
  const declutter = () => time(() => extractDocument(doc));
  const settleUntil = performance.now() + (settle ? SETTLE_MS : minMs);
  const settleRuns = settle ? SETTLE_RUNS : 0;
  for (let i = 0; i < warmup + settleRuns || performance.now() < settleUntil; i++) {
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
  // serializing, then extracting from the HTML. These run code the runs above did not (the
  // walk imported on its own, the way through HTML), which is warmed up first as they were.
  const parts = [];
  for (let i = 0; i < warmup + runs; i++) {
    const read = time(() => encodeRendered(doc, 'data-declutter-hidden'));
    const s = time(() => doc.documentElement.outerHTML);
    const e = time(() => extract(s.out, doc.URL));
    if (i >= warmup) parts.push({ read, s, e });
  }
  const middle = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1];
  const lastR = r[r.length - 1];
  const lastD = d[d.length - 1];
  return {
    htmlChars: parts[0].s.out.length,
    elements: doc.getElementsByTagName('*').length,
    readabilityMs: r.map((x) => x.ms),
    declutterMs: d.map((x) => x.ms),
    readMs: middle(parts.map((p) => p.read.ms)),
    serializeMs: middle(parts.map((p) => p.s.ms)),
    extractMs: middle(parts.map((p) => p.e.ms)),
    readabilityFound: Boolean(lastR.out),
    readabilityError: lastR.error,
    declutterWords: lastD.out ? lastD.out.wordCount : null,
    declutterError: lastD.error,
  };
}
