// Summaries and the chart for `make bench`, from the raw numbers bench/run.mjs writes.
// Also runs alone: `node bench/report.mjs bench/results` redraws from the saved JSON.
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const median = (xs) => quantile(xs, 0.5);
function quantile(xs, q) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = (s.length - 1) * q;
  const lo = Math.floor(i);
  return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
}

/**
 * Per corpus: medians and p90 of the per-page median times, their ratio, the per-page ratio,
 * start-up.
 */
export function summarize(raw) {
  const corpora = {};
  for (const p of raw.pages) (corpora[p.corpus] ??= []).push(p);
  const out = {
    browser: raw.browser,
    date: raw.date,
    // Where the pages were timed: 'top' (each the tab's document) or 'iframe' (saved results
    // from before the choice existed were all timed in a frame).
    frame: raw.frame ?? 'iframe',
    runs: raw.runs,
    warmup: raw.warmup,
    startupMs: raw.startup && { cold: raw.startup.coldMs, compileAgainMedian: median(raw.startup.compileAgainMs) },
    corpora: {},
  };
  for (const [name, pages] of Object.entries(corpora)) {
    const ok = pages.filter((p) => !p.error && p.readabilityMs?.length && p.declutterMs?.length);
    const rows = ok.map((p) => {
      const r = median(p.readabilityMs);
      const d = median(p.declutterMs);
      return { id: p.id, r, d, ratio: d / r, read: p.readMs, serialize: p.serializeMs, extract: p.extractMs };
    });
    const ratios = rows.map((x) => x.ratio);
    // Named whether or not it is over 1.5x: the page to look at next. A page timed at zero on
    // both sides has no ratio (NaN) and is passed over, not taken for the slowest.
    const slowest = rows.filter((x) => !Number.isNaN(x.ratio)).reduce((a, b) => (a && a.ratio >= b.ratio ? a : b), null);
    const readabilityTimes = rows.map((x) => x.r);
    const declutterTimes = rows.map((x) => x.d);
    const readabilityMedian = median(readabilityTimes);
    const declutterMedian = median(declutterTimes);
    out.corpora[name] = {
      pages: pages.length,
      measured: rows.length,
      failed: pages.filter((p) => p.error).map((p) => `${p.id}: ${p.error.split('\n')[0]}`),
      readabilityMs: { median: readabilityMedian, p90: quantile(readabilityTimes, 0.9) },
      declutterMs: { median: declutterMedian, p90: quantile(declutterTimes, 0.9) },
      // The target as the issue states it: Declutter's median time against Readability.js's.
      medianTimeRatio: declutterMedian / readabilityMedian,
      // Page by page, the stricter reading: the median page's ratio, and the slowest page's.
      ratio: { median: median(ratios), p90: quantile(ratios, 0.9), max: slowest?.ratio ?? NaN, slowest: slowest?.id ?? null },
      slowerThanOneAndHalf: rows.filter((x) => x.ratio > 1.5).sort((a, b) => b.ratio - a.ratio).map((x) => `${x.id} (${x.ratio.toFixed(2)}x)`),
      declutterParts: {
        readMs: median(rows.map((x) => x.read)),
        // What is left of the end-to-end time: the module's part.
        moduleMs: median(rows.map((x) => Math.max(0, x.d - x.read))),
        // The way through HTML, for comparison.
        serializeMs: median(rows.map((x) => x.serialize)),
        extractMs: median(rows.map((x) => x.extract)),
      },
      rows,
    };
  }
  return out;
}

const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');

export function writeReport(summaries, dir) {
  console.log('\nper-page median of the timed runs; med/med = Declutter median / Readability.js median;');
  console.log('ratio = Declutter / Readability.js on the same page');
  console.log('browser                  corpus                  pages  Readability med/p90   Declutter med/p90   med/med   ratio med/p90/max   >1.5x');
  for (const s of summaries) {
    const again = s.frame === 'top' ? 'to start again in each later page' : 'to compile again';
    if (s.startupMs) console.log(`${s.browser} (pages in ${s.frame === 'top' ? 'the tab' : 'a frame'}): module start-up (fetch + compile + instantiate) ${f(s.startupMs.cold, 1)} ms cold, ${f(s.startupMs.compileAgainMedian, 1)} ms ${again}`);
    for (const [name, c] of Object.entries(s.corpora)) {
      console.log(
        `${s.browser.padEnd(24)} ${name.padEnd(22)} ${String(c.measured).padStart(5)}  ` +
          `${f(c.readabilityMs.median).padStart(7)} / ${f(c.readabilityMs.p90).padStart(7)} ms  ` +
          `${f(c.declutterMs.median).padStart(6)} / ${f(c.declutterMs.p90).padStart(6)} ms  ` +
          `${f(c.medianTimeRatio).padStart(7)}   ` +
          `${f(c.ratio.median)} / ${f(c.ratio.p90)} / ${f(c.ratio.max)}   ${String(c.slowerThanOneAndHalf.length).padStart(5)}`,
      );
      const parts = c.declutterParts;
      console.log(`${''.padEnd(42)}Declutter parts (medians): reading the page ${f(parts.readMs)} ms, the module the rest ${f(parts.moduleMs)} ms; through HTML instead: serialize ${f(parts.serializeMs)} ms + extract ${f(parts.extractMs)} ms`);
      for (const slow of c.slowerThanOneAndHalf.slice(0, 5)) console.log(`${''.padEnd(42)}slower than 1.5x: ${slow}`);
      if (c.slowerThanOneAndHalf.length === 0 && c.ratio.slowest) console.log(`${''.padEnd(42)}slowest page: ${c.ratio.slowest} (${f(c.ratio.max)}x)`);
      for (const fail of c.failed.slice(0, 5)) console.log(`${''.padEnd(42)}not measured: ${fail}`);
    }
  }
  const compact = summaries.map((s) => ({
    ...s,
    corpora: Object.fromEntries(Object.entries(s.corpora).map(([k, c]) => [k, { ...c, rows: undefined }])),
  }));
  writeFileSync(path.join(dir, 'summary.json'), JSON.stringify(compact, null, 1));
  writeFileSync(path.join(dir, 'ratio.svg'), chart(summaries));
  console.log(`\nwrote ${path.join(dir, 'summary.json')} and ${path.join(dir, 'ratio.svg')}`);
}

/** One panel per browser and corpus: every page's ratio, sorted, on a log scale. */
function chart(summaries) {
  const panels = summaries.flatMap((s) => Object.entries(s.corpora).map(([name, c]) => ({ title: `${s.browser} · ${name}`, c })));
  const W = 460, H = 260, pad = { l: 48, r: 12, t: 40, b: 34 };
  const cols = 2;
  const rowsN = Math.ceil(panels.length / cols);
  const lo = Math.log10(0.05), hi = Math.log10(4);
  const y = (v) => pad.t + (H - pad.t - pad.b) * (1 - (Math.log10(Math.min(Math.max(v, 0.05), 4)) - lo) / (hi - lo));
  const parts = [];
  panels.forEach(({ title, c }, i) => {
    const ox = (i % cols) * W, oy = Math.floor(i / cols) * H;
    const ratios = c.rows.map((r) => r.ratio).sort((a, b) => a - b);
    const x = (j) => pad.l + ((W - pad.l - pad.r) * j) / Math.max(ratios.length - 1, 1);
    parts.push(`<g transform="translate(${ox},${oy})">`);
    parts.push(`<text x="${pad.l}" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`);
    parts.push(`<text x="${pad.l}" y="31" font-size="11">median ratio ${f(c.ratio.median)} · med/med ${f(c.medianTimeRatio)} · Readability ${f(c.readabilityMs.median)} ms · Declutter ${f(c.declutterMs.median)} ms · ${c.measured} pages</text>`);
    for (const v of [0.05, 0.1, 0.25, 0.5, 1, 1.5, 2, 4]) {
      const strong = v === 0.5 || v === 1.5;
      parts.push(`<line x1="${pad.l}" x2="${W - pad.r}" y1="${y(v)}" y2="${y(v)}" stroke="${strong ? '#b33' : '#ccc'}" stroke-dasharray="${strong ? '4 3' : ''}"/>`);
      parts.push(`<text x="${pad.l - 6}" y="${y(v) + 4}" font-size="10" text-anchor="end">${v}x</text>`);
    }
    const pts = ratios.map((r, j) => `${x(j).toFixed(1)},${y(r).toFixed(1)}`).join(' ');
    parts.push(`<polyline fill="none" stroke="#1f5fa8" stroke-width="2" points="${pts}"/>`);
    parts.push(`<text x="${(W + pad.l) / 2}" y="${H - 8}" font-size="10" text-anchor="middle">pages, sorted by ratio (Declutter time / Readability.js time)</text>`);
    parts.push('</g>');
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${cols * W}" height="${rowsN * H}" font-family="sans-serif">` +
    `<rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>\n`;
}

function esc(s) {
  return s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ?? 'bench/results';
  const raws = readdirSync(dir).filter((n) => /^(chromium|firefox)\.json$/.test(n)).map((n) => JSON.parse(readFileSync(path.join(dir, n), 'utf8')));
  writeReport(raws.map(summarize), dir);
}
