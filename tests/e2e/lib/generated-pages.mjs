// Pages the browser tests build at request time instead of storing: one page per XSS vector
// (from tests/xss-vectors.json, shared with the native suite), a 20 MB article, and their kin.
//
//   /generated/xss/<n>         the n-th vector (counting across families) in the good article,
//                              its `alert(1)` payloads swapped for a probe; served with
//                              `script-src 'none'` so the page itself runs none of them and any
//                              probe that fires can only have fired in the view
//   /generated/xss/<n>?unsafe  the same page without that CSP: the page's own scripts run, which
//                              shows the probe does fire when script runs
//   /generated/big?mb=20       an article followed by megabytes of reader comments and an inline
//                              JSON blob, as large single-page apps ship them; past 20 MB the
//                              rest is the text of a <noscript>, which reaches the core (the
//                              blob does not: the extension leaves scripts out)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function xssSuite(repoRoot) {
  const suite = JSON.parse(readFileSync(join(repoRoot, 'tests', 'xss-vectors.json'), 'utf8'));
  const vectors = suite.families.flatMap((f) => f.vectors.map((vector) => ({ family: f.name, place: f.place, vector })));
  return { ...suite, vectors };
}

/** What a vector runs instead of `alert(1)`: a global and a request, both things a test can see. */
export const probe = (origin, n) => `fetch(\`${origin}/xss-hit/${n}\`),self.__xss=${n}`;

/** The page for vector `n`, as tests/xss.rs builds it (inside a paragraph of prose for body vectors). */
export function xssPage(suite, n, origin) {
  const { place, vector: raw } = suite.vectors[n];
  const vector = raw.split('alert(1)').join(probe(origin, n));
  const paragraphs = (ps) => ps.map((p) => `<p>${p}</p>\n`).join('');
  const slots = {
    head: place === 'head' ? vector : '',
    bodyAttrs: place === 'bodyAttrs' ? vector : '',
    before: paragraphs(suite.before),
    after: paragraphs(suite.after),
    vector: place === 'body' ? suite.inProse.split('{vector}').join(vector) : '',
  };
  // One pass over the template, so text inside a vector is never taken for a placeholder.
  return suite.page.replace(/\{(head|bodyAttrs|before|after|vector)\}/g, (_, key) => slots[key]);
}

const WORDS = ('harbour quay tide crane ledger council ferry lantern pier gull rope anchor storm '
  + 'keeper boat net salt winter summer village market bridge school road shelter').split(' ');

/** Deterministic filler prose: the same page every time, no randomness between runs. */
function sentence(i, length) {
  const words = [];
  for (let k = 0; k < length; k += 1) words.push(WORDS[(i * 7 + k * 3) % WORDS.length]);
  const s = words.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}

export const BIG_ARTICLE = [
  'The lighthouse on the northern breakwater was switched off for the last time on Sunday evening, after one hundred and twelve years of turning its beam across the approaches to the harbour.',
  'Its keeper for the final two decades, a former ferry engineer, climbed the spiral stair at dusk to watch the lamp wind down, and said afterwards that the silence in the lantern room was the strangest thing he had heard in his life.',
  'Ships will now rely on a solar-powered beacon fixed to the end of the pier, which the port authority says is brighter, cheaper to run and needs a visit only twice a year.',
  'The tower itself will stay, and the village council has asked for ideas about what it should become, from a small museum of the coast to a lookout for the birdwatchers who gather on the rocks each autumn.',
];

/** An article of a few paragraphs, then comments and an inline data blob up to `mb` megabytes. */
export function bigPage(mb) {
  const target = Math.max(1, Math.min(mb, 60)) * 1024 * 1024;
  const head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The last night of the lighthouse</title></head><body>'
    + '<nav><a href="/">Home</a> <a href="/news">News</a></nav><main><article><h1>The last night of the lighthouse</h1>'
    + BIG_ARTICLE.map((p) => `<p>${p}</p>`).join('\n')
    + '</article><section class="comments"><h2>Comments</h2>\n';
  const parts = [head];
  let size = head.length;
  // Half of the weight as comment threads (many small elements), half as one inline JSON blob.
  // Past 20 MB the rest is one noscript's text instead: a page that big only has to be too
  // large for the view, which counts what reaches the core (scripts are left out before), and
  // ten megabytes of comment elements already take a slow machine half a minute to load and
  // lay out.
  const commentBytes = Math.min(target / 2, 10 * 1024 * 1024);
  for (let i = 0; size < commentBytes; i += 1) {
    const c = `<div class="comment"><p class="who"><a href="/u/${i}">reader${i}</a></p><p>${sentence(i, 12 + (i % 9))}</p><p><a href="#reply-${i}">Reply</a> <a href="#report-${i}">Report</a></p></div>\n`;
    parts.push(c);
    size += c.length;
  }
  if (mb > 20) {
    parts.push('</section></main><noscript>');
    for (let i = 0; size < target; i += 1) {
      const line = `${sentence(i, 8)}\n`;
      parts.push(line);
      size += line.length;
    }
    parts.push('</noscript></body></html>');
    return parts.join('');
  }
  parts.push('</section></main><script type="application/json" id="state">{"items":[');
  for (let i = 0; size < target; i += 1) {
    const item = `${i ? ',' : ''}{"id":${i},"headline":"${sentence(i, 8)}","score":${i % 97}}`;
    parts.push(item);
    size += item.length;
  }
  parts.push(']}</script></body></html>');
  return parts.join('');
}
