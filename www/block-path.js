// Finds the element of the original page that a block of the core's `blocks` table came from.
//
// The core names each block by a CSS-like path (`body.x > div > p:nth-of-type(3)`, at most eight
// steps, starting at `body`, at the nearest element with an id, or wherever the eight steps ran
// out). The path is not a CSS selector to hand to `querySelector`: a step without
// `:nth-of-type(n)` means "the first of its type", which CSS would read as "any", and class or id
// values may hold characters that CSS would need escaped. So each step is parsed and matched here
// with the core's own meaning, against the browser's parse of the same HTML (both parsers follow
// the HTML standard, so the trees agree).

/**
 * @typedef {{tag: string, id: string | null, cls: string | null, nth: number}} Step
 */

const NTH = /:nth-of-type\((\d+)\)$/;

/**
 * Parses one step such as `p.lead:nth-of-type(2)` or `div#main`.
 * @param {string} text
 * @returns {Step}
 */
export function parseStep(text) {
  const hash = text.indexOf('#');
  const dot = text.indexOf('.');
  // A step with an id ends the core's walk and never carries a class or an index.
  if (hash > 0 && (dot < 0 || hash < dot)) {
    return { tag: text.slice(0, hash).toLowerCase(), id: text.slice(hash + 1), cls: null, nth: 1 };
  }
  let rest = text;
  let nth = 1;
  const m = NTH.exec(rest);
  if (m) {
    nth = Number(m[1]);
    rest = rest.slice(0, m.index);
  }
  if (dot > 0 && dot < rest.length) {
    return { tag: rest.slice(0, dot).toLowerCase(), id: null, cls: rest.slice(dot + 1), nth };
  }
  return { tag: rest.toLowerCase(), id: null, cls: null, nth };
}

/** @param {string} path */
export function parsePath(path) {
  return path.split(' > ').filter(Boolean).map(parseStep);
}

/** `nth-of-type` of elements, computed for all children of a parent at once (pages can have
 * tens of thousands of siblings; walking them again for each block would be quadratic). */
const nthCache = new WeakMap();

/** 1-based index of `el` among its element siblings with the same name. */
function nthOfType(el) {
  let n = nthCache.get(el);
  if (n === undefined) {
    const parent = el.parentNode;
    if (!parent) return 1;
    const counts = new Map();
    for (let c = parent.firstElementChild; c; c = c.nextElementSibling) {
      const k = (counts.get(c.localName) ?? 0) + 1;
      counts.set(c.localName, k);
      nthCache.set(c, k);
    }
    n = nthCache.get(el) ?? 1;
  }
  return n;
}

/**
 * @param {Element} el
 * @param {Step} step
 */
function matchesStep(el, step) {
  if (el.localName.toLowerCase() !== step.tag) return false;
  if (step.id !== null) return el.getAttribute('id') === step.id;
  if (step.cls !== null) {
    const first = (el.getAttribute('class') || '').trim().split(/\s+/)[0];
    if (first !== step.cls) return false;
  }
  return nthOfType(el) === step.nth;
}

/** Collapses whitespace so the core's preview can be compared with the DOM's text. */
function squash(text) {
  return text.replace(/\s+/g, '').toLowerCase();
}

/** Elements matching a path's first step, remembered per document: truncated paths of many
 * blocks start with the same step. */
const startCache = new WeakMap();

/**
 * @param {Document} doc
 * @param {Step} step
 * @returns {Element[]}
 */
function startsOf(doc, step) {
  let byStep = startCache.get(doc);
  if (!byStep) {
    byStep = new Map();
    startCache.set(doc, byStep);
  }
  const key = JSON.stringify(step);
  let found = byStep.get(key);
  if (!found) {
    found = Array.from(doc.getElementsByTagName(step.tag)).filter((el) => matchesStep(el, step));
    byStep.set(key, found);
  }
  return found;
}

/**
 * Resolves a block to its element in `doc`. The document must not change between calls (the
 * lookups are cached per document).
 * @param {Document} doc the browser's parse of the page the core read
 * @param {{path: string, preview?: string}} block
 * @returns {Element | null}
 */
export function resolveBlock(doc, block) {
  const steps = parsePath(block.path);
  if (steps.length === 0) return null;
  const [first, ...rest] = steps;
  let current = startsOf(doc, first);
  for (const step of rest) {
    const next = [];
    for (const parent of current) {
      for (const child of parent.children) {
        if (matchesStep(child, step)) next.push(child);
      }
    }
    current = next;
    if (current.length === 0) return null;
  }
  if (current.length <= 1) return current[0] ?? null;
  // A truncated path can match in several places: the block's own text decides. The preview
  // is the start of the block's own text, which may exclude nested blocks, hence `includes`.
  const probe = squash(block.preview || '').slice(0, 40);
  return current.find((el) => probe && squash(el.textContent || '').includes(probe)) ?? current[0];
}
