// The left pane: the original page in a sandboxed iframe, every block outlined and tinted by the
// core's decision, hover or focus to see why, click or Enter to select.
//
// The iframe is sandboxed with `allow-same-origin` but without `allow-scripts`: nothing from the
// page runs, while this (parent) script may read and mark the document. Listeners added from here
// run in the parent's context, so they work even though the frame itself cannot run scripts.

import { resolveBlock } from './block-path.js';
import { makeInert } from './inert.js';

/** Style added to the shown page; selectors use attributes the page cannot already have. */
const OVERLAY_CSS = `
[data-dc-block] { outline: 2px solid var(--dc-line); outline-offset: -2px; cursor: pointer;
  background-image: linear-gradient(var(--dc-tint), var(--dc-tint)) !important; }
[data-dc-kept="true"] { --dc-line: rgba(22, 128, 61, .9); }
[data-dc-kept="false"] { --dc-line: rgba(196, 43, 28, .85); }
[data-dc-kept="true"][data-dc-strength="1"] { --dc-tint: rgba(34, 160, 80, .08); }
[data-dc-kept="true"][data-dc-strength="2"] { --dc-tint: rgba(34, 160, 80, .16); }
[data-dc-kept="true"][data-dc-strength="3"] { --dc-tint: rgba(34, 160, 80, .26); }
[data-dc-kept="false"][data-dc-strength="1"] { --dc-tint: rgba(220, 50, 30, .08); }
[data-dc-kept="false"][data-dc-strength="2"] { --dc-tint: rgba(220, 50, 30, .16); }
[data-dc-kept="false"][data-dc-strength="3"] { --dc-tint: rgba(220, 50, 30, .26); }
/* A block that holds other blocks (a body or header with stray text of its own) is only
   outlined, dashed: tinting it would tint everything inside it. */
[data-dc-container] { outline-style: dashed; --dc-tint: transparent !important; }
[data-dc-block]:focus-visible { outline: 3px dashed #1a56db; outline-offset: 1px; }
[data-dc-block][data-dc-selected] { outline: 4px solid #8b2bd9; outline-offset: 1px;
  --dc-tint: rgba(139, 43, 217, .18); }
declutter-badges { all: initial; position: absolute; inset: 0 auto auto 0; width: 0; height: 0;
  pointer-events: none; z-index: 2147483647; }
declutter-badge { all: initial; position: absolute; font: 600 11px/1.4 system-ui, sans-serif;
  padding: 0 4px; border-radius: 3px; color: #fff; white-space: nowrap; transform: translateX(-100%);
  direction: ltr; unicode-bidi: isolate; }
declutter-badge[data-rtl] { transform: none; }
declutter-badge[data-kept="true"] { background: rgb(22, 128, 61); }
declutter-badge[data-kept="false"] { background: rgb(176, 38, 24); }
`;

const NOSCRIPT_TAG = /<(\/?)noscript(?=[\s/>])/gi;
const NOSCRIPT_ELEMENT = /<noscript(?=[\s/>])[^>]*>([\s\S]*?)<\/noscript\s*>/gi;
/** Text outside tags a <noscript> must hold, as paragraphs, for the core to read it as the
 *  article itself (src/dom.rs, NOSCRIPT_ARTICLE_CHARS). */
const NOSCRIPT_ARTICLE_CHARS = 500;

/** Does this raw <noscript> content hold an article's worth of paragraphs? (The core's test.) */
function noscriptIsArticle(raw) {
  if (raw.length < NOSCRIPT_ARTICLE_CHARS || !raw.includes('<p')) return false;
  const text = raw.replace(/<[^>]*>?/g, '').replace(/\s+/g, '');
  return text.length >= NOSCRIPT_ARTICLE_CHARS;
}

/** The page as the core reads it, for a parser without scripts: a <noscript> the core reads as
 *  markup stays one; every other becomes raw text (see `show`). */
function asCoreReadsIt(html) {
  const KEEP = 'declutter-kept-noscript';
  return html
    .replace(NOSCRIPT_ELEMENT, (all, body) =>
      noscriptIsArticle(body) ? all.replace(/^<noscript/i, `<${KEEP}`).replace(/noscript(\s*>)$/i, `${KEEP}$1`) : all,
    )
    .replace(NOSCRIPT_TAG, '<$1noframes')
    .replaceAll(KEEP, 'noscript');
}

/** The shown page may use its own inline styles and data: images, nothing else. */
const FRAME_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:";

/** How strongly a score tints its block: three steps are easy to tell apart. */
function strength(score) {
  const s = Math.abs(score);
  return s < 3 ? 1 : s < 8 ? 2 : 3;
}

export class OriginalPane {
  /**
   * @param {HTMLIFrameElement} frame
   * @param {{onHover: (id: number | null) => void, onSelect: (id: number | null) => void}} hooks
   */
  constructor(frame, hooks) {
    this.frame = frame;
    this.hooks = hooks;
    /** @type {Map<number, Element>} */
    this.elements = new Map();
    this.blocks = [];
    this.showBadges = true;
    this.resizeObserver = null;
  }

  /**
   * Shows `html` and overlays `blocks` on it. Resolves when the overlay is in place.
   * @param {string} html the page exactly as the core read it
   * @param {Array<{id: number, path: string, preview: string, score: number, kept: boolean}>} blocks
   * @returns {Promise<{located: number, missing: number}>}
   */
  async show(html, blocks) {
    // The core parses as a browser with scripts on, where <noscript> holds raw text; DOMParser
    // and a frame without scripts parse its content as elements, and a <div> in a <noscript>
    // in <head> then starts <body> early, shifting every path. <noframes> is raw text in both
    // places either way (and is not displayed), so it stands in for <noscript> here, except
    // where the core itself reads a <noscript> as markup (a post shipped only there).
    const parsed = new DOMParser().parseFromString(asCoreReadsIt(html), 'text/html');
    makeInert(parsed);
    // Marks are set on this tree before it is shown; the frame parses its serialization back.
    this.blocks = blocks;
    // Several blocks can share one element: the runs of inline text on either side of a nested
    // block (a header's logo before its menu and its sign-up link after it) are blocks of their own.
    /** @type {Map<Element, any[]>} */
    const owners = new Map();
    for (const block of blocks) {
      const el = resolveBlock(parsed, block);
      if (!el) continue;
      if (!owners.has(el)) owners.set(el, []);
      owners.get(el)?.push(block);
    }
    for (const [el, own] of owners) {
      // The element shows the decision of its strongest block.
      const lead = own.reduce((a, b) => (Math.abs(b.score) > Math.abs(a.score) ? b : a));
      el.setAttribute('data-dc-block', String(lead.id));
      el.setAttribute('data-dc-blocks', own.map((b) => b.id).join(' '));
      el.setAttribute('data-dc-kept', String(lead.kept));
      el.setAttribute('data-dc-strength', String(strength(lead.score)));
      el.setAttribute(
        'title',
        own.map((b) => `Block ${b.id}: ${b.kept ? 'kept' : 'dropped'}, score ${b.score}`).join('\n'),
      );
      if (el.tabIndex < 0) el.setAttribute('tabindex', '0');
    }
    for (const el of owners.keys()) {
      if (el.querySelector('[data-dc-block]')) el.setAttribute('data-dc-container', '');
    }
    const style = parsed.createElement('style');
    style.textContent = OVERLAY_CSS;
    parsed.head.append(style);
    // Whatever the inert pass missed still cannot load or run: first thing in <head>, the policy
    // covers the whole page. (Nothing in <head> is a block, so no path changes.)
    const policy = parsed.createElement('meta');
    policy.setAttribute('http-equiv', 'Content-Security-Policy');
    policy.setAttribute('content', FRAME_POLICY);
    parsed.head.prepend(policy);

    // The page's own doctype keeps its rendering mode (standards or quirks).
    const doctype = parsed.doctype ? new XMLSerializer().serializeToString(parsed.doctype) : '';
    this.resizeObserver?.disconnect();
    await new Promise((resolve) => {
      this.frame.addEventListener('load', resolve, { once: true });
      this.frame.srcdoc = doctype + parsed.documentElement.outerHTML;
    });
    this.attach();
    // Counted on the shown frame, after its own parse of the marked page.
    const located = blocks.filter((b) => this.elements.has(b.id)).length;
    return { located, missing: blocks.length - located };
  }

  /** The frame's document once loaded. */
  get doc() {
    return this.frame.contentDocument;
  }

  attach() {
    const doc = this.doc;
    if (!doc) return;
    this.elements = new Map();
    for (const el of doc.querySelectorAll('[data-dc-blocks]')) {
      for (const id of (el.getAttribute('data-dc-blocks') ?? '').split(' ')) this.elements.set(Number(id), el);
    }
    const blockOf = (target) => {
      const el = target && target.closest ? target.closest('[data-dc-block]') : null;
      return el ? Number(el.getAttribute('data-dc-block')) : null;
    };
    doc.addEventListener('mouseover', (e) => this.hooks.onHover(blockOf(e.target)));
    doc.addEventListener('mouseleave', () => this.hooks.onHover(null));
    doc.addEventListener('focusin', (e) => this.hooks.onHover(blockOf(e.target)));
    // Links and forms never leave the demo: a click selects the block instead.
    doc.addEventListener('click', (e) => {
      e.preventDefault();
      this.hooks.onSelect(blockOf(e.target));
    });
    doc.addEventListener('submit', (e) => e.preventDefault());
    doc.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && blockOf(e.target) !== null) {
        e.preventDefault();
        this.hooks.onSelect(blockOf(e.target));
      } else if (e.key === 'Escape') {
        this.hooks.onSelect(null);
      }
    });
    this.drawBadges();
    const view = this.frame.contentWindow;
    if (view) {
      this.resizeObserver = new ResizeObserver(() => this.drawBadges());
      this.resizeObserver.observe(doc.documentElement);
    }
  }

  /** Score labels at each block's corner, in a layer that takes no part in the page's layout. */
  drawBadges() {
    const doc = this.doc;
    if (!doc) return;
    doc.querySelector('declutter-badges')?.remove();
    if (!this.showBadges) return;
    const layer = doc.createElement('declutter-badges');
    layer.setAttribute('aria-hidden', 'true');
    const sx = doc.defaultView?.scrollX ?? 0;
    const sy = doc.defaultView?.scrollY ?? 0;
    const byId = new Map(this.blocks.map((b) => [b.id, b]));
    for (const el of doc.querySelectorAll('[data-dc-block]')) {
      const block = byId.get(Number(el.getAttribute('data-dc-block')));
      const r = el.getBoundingClientRect();
      // Nothing to label on what is not rendered (hidden, or inside a closed <details>).
      const shown = !('checkVisibility' in el) || el.checkVisibility();
      if (!block || r.width === 0 || r.height === 0 || !shown) continue;
      const badge = doc.createElement('declutter-badge');
      badge.dataset.kept = String(block.kept);
      badge.textContent = `${block.score > 0 ? '+' : ''}${block.score}`;
      // At the end of the first line, which is mostly blank: the right for left-to-right text,
      // the left for right-to-left text.
      const rtl = doc.defaultView?.getComputedStyle(el).direction === 'rtl';
      if (rtl) badge.dataset.rtl = '';
      badge.style.left = `${Math.max(0, (rtl ? r.left : r.right) + sx)}px`;
      badge.style.top = `${Math.max(0, r.top + sy - 8)}px`;
      layer.append(badge);
    }
    doc.documentElement.append(layer);
  }

  setBadges(on) {
    this.showBadges = on;
    this.drawBadges();
  }

  /** Marks `id` as selected (or clears with null) and scrolls it into view. */
  select(id, { scroll = true } = {}) {
    for (const el of this.doc?.querySelectorAll('[data-dc-selected]') ?? []) {
      el.removeAttribute('data-dc-selected');
    }
    const el = id === null ? null : this.elements.get(id);
    if (!el) return false;
    el.setAttribute('data-dc-selected', '');
    // Scrolls the frame only: scrollIntoView would also move this page around it.
    const view = this.doc?.defaultView;
    if (scroll && view) {
      const r = el.getBoundingClientRect();
      view.scrollTo({ top: view.scrollY + r.top - Math.max(16, (view.innerHeight - r.height) / 2), behavior: 'instant' });
    }
    return true;
  }

  /** The other blocks that share block `id`'s element. */
  sharing(id) {
    const el = this.elements.get(id);
    const ids = (el?.getAttribute('data-dc-blocks') ?? '').split(' ').map(Number);
    return ids.filter((other) => other !== id);
  }

  /** Moves keyboard focus to a block of the original. */
  focus(id) {
    const el = this.elements.get(id);
    if (el && 'focus' in el) el.focus({ preventScroll: false });
  }
}
