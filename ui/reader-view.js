/**
 * Declutter reader view: turns an extracted Article (the core's JSON) into a readable view.
 *
 * Shared, unchanged, by the extension's reader page (extension/reader/) and the demo page (www/).
 * Plain ES module: no extension APIs, no network, no globals. Pair it with `ui/reader.css`.
 *
 * API
 * - `settingsSchema`: frozen array, one entry per reader setting:
 *     `{key, kind: 'choice'|'range'|'toggle', choices?, min?, max?, step?, unit?, default, label}`
 *   (`label` and each choice's `label` are message keys for `t`, see below).
 * - `defaultSettings()`: a fresh object of the schema's defaults.
 * - `normalizeSettings(raw)`: a valid settings object from anything (unknown keys dropped, numbers
 *   clamped and snapped to the step, bad values replaced by the default). Use it on stored data.
 * - `applySettings(root, settings)`: sets `data-theme`, `data-font`, `data-images` and the CSS
 *   custom properties (`--dcl-size`, `--dcl-line-height`, `--dcl-width`) on `root`, the element
 *   that carries class `dcl-root` (renderArticle makes the container one).
 * - `renderArticle(container, article, opts)` → `ReaderView`. Replaces the container's children
 *   with the view. `opts`: `{settings, t, sourceHtml, forceShow, onShowAnyway}`.
 *   `sourceHtml` (the page HTML that was extracted) lets a restored block show its full text;
 *   without it the block's preview is used. When `article.readerable` is false and `forceShow`
 *   is not set, a "not an article" notice with a "show it anyway" button is shown instead.
 *   The returned handle has `root`, `content` (the body element), `setShowRemoved(on)`,
 *   `restoreBlock(id)`, `contentHtml()` (the body as currently shown, incl. restored blocks),
 *   and `showingArticle` (false while the notice is shown).
 * - `renderSettingsForm(container, settings, onChange, t)`: labelled, keyboard-operable controls
 *   for every schema entry; calls `onChange(newSettings)` on each change.
 * - `buildSafeFragment(doc, html)`: the allowlisted DOM for a core `contentHtml` string (used by
 *   renderArticle; exported for exports and tests).
 * - `translator(messages)`: a `t(key, ...substitutions)` from a `_locales/<lang>/messages.json`
 *   object (the extension passes its own `i18n.getMessage` instead). Missing keys return the key.
 *
 * Safety: the content HTML is parsed by DOMParser into an inert document (no scripts run, nothing
 * loads), then copied node by node into the live document through an allowlist that mirrors the
 * core's (defence in depth): unknown elements are unwrapped, unknown attributes dropped, URLs
 * checked. Page-derived strings only ever become text nodes or vetted attribute values.
 */

const MATHML_NS = 'http://www.w3.org/1998/Math/MathML';

/** Reader settings, with their defaults and bounds: the one place they are defined. */
export const settingsSchema = Object.freeze([
  {
    key: 'theme',
    kind: 'choice',
    label: 'settingTheme',
    default: 'system',
    choices: [
      { value: 'light', label: 'themeLight' },
      { value: 'sepia', label: 'themeSepia' },
      { value: 'dark', label: 'themeDark' },
      { value: 'system', label: 'themeSystem' },
    ],
  },
  {
    key: 'font',
    kind: 'choice',
    label: 'settingFont',
    default: 'serif',
    choices: [
      { value: 'serif', label: 'fontSerif' },
      { value: 'sans', label: 'fontSans' },
      { value: 'legible', label: 'fontLegible' },
    ],
  },
  { key: 'size', kind: 'range', label: 'settingSize', default: 19, min: 14, max: 30, step: 1, unit: 'px' },
  { key: 'lineHeight', kind: 'range', label: 'settingLineHeight', default: 1.6, min: 1.2, max: 2.2, step: 0.1, unit: '' },
  { key: 'width', kind: 'range', label: 'settingWidth', default: 68, min: 40, max: 100, step: 4, unit: 'ch' },
  { key: 'images', kind: 'toggle', label: 'settingImages', default: true },
].map((entry) => Object.freeze(entry)));

export function defaultSettings() {
  return Object.fromEntries(settingsSchema.map((s) => [s.key, s.default]));
}

export function normalizeSettings(raw) {
  const src = raw && typeof raw === 'object' ? raw : {};
  const out = {};
  for (const s of settingsSchema) {
    const v = src[s.key];
    if (s.kind === 'choice') {
      out[s.key] = s.choices.some((c) => c.value === v) ? v : s.default;
    } else if (s.kind === 'toggle') {
      out[s.key] = typeof v === 'boolean' ? v : s.default;
    } else {
      const n = typeof v === 'number' ? v : Number.parseFloat(v);
      if (!Number.isFinite(n)) {
        out[s.key] = s.default;
      } else {
        const clamped = Math.min(s.max, Math.max(s.min, n));
        const snapped = s.min + Math.round((clamped - s.min) / s.step) * s.step;
        // Rounding keeps 1.6 from becoming 1.6000000000000003 in storage and on screen.
        out[s.key] = Math.round(Math.min(s.max, snapped) * 1000) / 1000;
      }
    }
  }
  return out;
}

export function applySettings(root, settings) {
  const s = normalizeSettings(settings);
  root.classList.add('dcl-root');
  root.dataset.theme = s.theme;
  root.dataset.font = s.font;
  root.dataset.images = s.images ? 'on' : 'off';
  root.style.setProperty('--dcl-size', `${s.size}px`);
  root.style.setProperty('--dcl-line-height', String(s.lineHeight));
  root.style.setProperty('--dcl-width', `${s.width}ch`);
  return s;
}

export function translator(messages) {
  return (key, ...subs) => {
    const entry = messages && Object.prototype.hasOwnProperty.call(messages, key) ? messages[key] : null;
    if (!entry || typeof entry.message !== 'string') return key;
    return entry.message.replace(/\$(\d)/g, (_, d) => String(subs[Number(d) - 1] ?? ''));
  };
}

// ---------------------------------------------------------------------------------------------
// Safe construction of the article body

/** Elements kept as themselves; mirrors the core's allowlist (src/sanitize.rs). */
const HTML_TAGS = new Set(('p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd blockquote pre code em strong b i u s ' +
  'del ins mark sub sup small q cite abbr kbd samp var time br hr figure figcaption img table ' +
  'caption thead tbody tfoot tr th td a dfn bdi bdo wbr ruby rt rp').split(' '));
const MATHML_TAGS = new Set(('math mi mn mo ms mtext mspace mrow msup msub msubsup mfrac msqrt mroot ' +
  'mtable mtr mtd mover munder munderover mpadded mphantom menclose mstyle semantics annotation ' +
  'mmultiscripts mprescripts none merror').split(' '));
/** Elements whose content is never text for the reader, dropped whole. */
const DROP_TAGS = new Set(['script', 'style', 'template', 'iframe', 'object', 'embed', 'noscript', 'form', 'svg']);

const ATTRS_ANY = new Set(['dir', 'lang', 'data-declutter-block', 'mathvariant']);
const ATTRS_BY_TAG = {
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  abbr: ['title'],
  dfn: ['title'],
  time: ['datetime'],
  del: ['datetime'],
  ins: ['datetime'],
  td: ['colspan', 'rowspan'],
  th: ['colspan', 'rowspan', 'scope'],
  ol: ['start', 'reversed', 'type'],
  li: ['value'],
  math: ['display'],
  code: ['class'],
  pre: ['class'],
};

function safeUrl(value, kind) {
  const v = value.trim();
  if (kind === 'href' && v.startsWith('#')) return v;
  let url;
  try {
    url = new URL(v);
  } catch {
    return null;
  }
  if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  if (kind === 'src' && url.protocol === 'data:' && /^data:image\/(png|jpe?g|gif|webp|avif)[;,]/i.test(v)) return v;
  if (kind === 'href' && url.protocol === 'mailto:') return url.href;
  return null;
}

function copyAttributes(from, to, tag) {
  const allowed = ATTRS_BY_TAG[tag] || [];
  for (const attr of from.attributes) {
    const name = attr.name.toLowerCase();
    if (!ATTRS_ANY.has(name) && !allowed.includes(name)) continue;
    let value = attr.value;
    if (name === 'href' || name === 'src') {
      value = safeUrl(value, name);
      if (value === null) continue;
    } else if (name === 'class') {
      value = value.split(/\s+/).filter((c) => /^(language|lang)-[\w+#-]+$/.test(c)).join(' ');
      if (!value) continue;
    } else if (name === 'dir') {
      if (!/^(ltr|rtl|auto)$/i.test(value)) continue;
    }
    to.setAttribute(name, value);
  }
  if (tag === 'a' && to.hasAttribute('href') && !to.getAttribute('href').startsWith('#')) {
    // Links open beside the view so the reader keeps their place; no opener, no referrer.
    to.setAttribute('target', '_blank');
    to.setAttribute('rel', 'noopener noreferrer');
  }
  if (tag === 'img') {
    to.setAttribute('loading', 'lazy');
    to.setAttribute('decoding', 'async');
    to.setAttribute('referrerpolicy', 'no-referrer');
    // An image that cannot load (offline, moved) would leave an empty box; its caption stays.
    to.addEventListener('error', () => { to.hidden = true; }, { once: true });
  }
}

/**
 * Copies `source`'s children into `target` (a node of `doc`) through the allowlist. Iterative,
 * so deeply nested input cannot overflow the stack.
 */
function copyChildren(doc, source, target) {
  const stack = [[source.firstChild, target]];
  while (stack.length) {
    const frame = stack[stack.length - 1];
    const node = frame[0];
    if (!node) {
      stack.pop();
      continue;
    }
    frame[0] = node.nextSibling;
    const parent = frame[1];
    if (node.nodeType === 3) {
      parent.appendChild(doc.createTextNode(node.data));
      continue;
    }
    if (node.nodeType !== 1) continue;
    const tag = node.localName.toLowerCase();
    if (DROP_TAGS.has(tag)) continue;
    let copy = null;
    if (node.namespaceURI === MATHML_NS) {
      if (MATHML_TAGS.has(tag)) copy = doc.createElementNS(MATHML_NS, tag);
    } else if (HTML_TAGS.has(tag)) {
      copy = doc.createElement(tag);
    }
    if (copy) {
      copyAttributes(node, copy, tag);
      parent.appendChild(copy);
      if (tag === 'table') {
        // Wide tables scroll inside their own box instead of widening the page.
        const wrap = doc.createElement('div');
        wrap.className = 'dcl-table-wrap';
        parent.replaceChild(wrap, copy);
        wrap.appendChild(copy);
      }
    }
    // Unknown elements are unwrapped: their children land in the current parent.
    stack.push([node.firstChild, copy || parent]);
  }
}

/**
 * Renames `on*` attributes inside tags before parsing. Parsed documents never run them, but
 * Chromium checks each one against the page's CSP as it is parsed and logs a violation for every
 * handler; renamed, they are plain unknown attributes (dropped anyway). Text is untouched.
 */
function renameHandlers(html) {
  return html.replace(/<[a-zA-Z][^>]*>/g, (tag) => tag.replace(/([\s/"'])on([a-z]+\s*=)/gi, '$1data-declutter-on$2'));
}

/** An inert document (no scripts run, nothing loads) parsed from `html`. */
function parseInert(html) {
  return new DOMParser().parseFromString(renameHandlers(html), 'text/html');
}

export function buildSafeFragment(doc, html) {
  const inert = parseInert(`<!doctype html><body>${html}`);
  const frag = doc.createDocumentFragment();
  copyChildren(doc, inert.body, frag);
  return frag;
}

// ---------------------------------------------------------------------------------------------
// The view

function el(doc, tag, className, text) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function formatDate(iso, lang) {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(lang || undefined, { dateStyle: 'long' }).format(d);
  } catch {
    return d.toISOString().slice(0, 10);
  }
}

function renderHeader(doc, article, t) {
  const header = el(doc, 'header', 'dcl-header');
  if (article.siteName) header.appendChild(el(doc, 'p', 'dcl-site', article.siteName));
  header.appendChild(el(doc, 'h1', 'dcl-title', article.title || t('untitled')));
  const meta = el(doc, 'p', 'dcl-meta');
  const parts = [];
  if (article.byline) parts.push(el(doc, 'span', 'dcl-byline', article.byline));
  if (article.published) {
    // The first Intl formatter in a fresh page loads locale data (tens of milliseconds), so the
    // view paints with the ISO date and the localized one replaces it right after.
    const time = el(doc, 'time', 'dcl-date', article.published.slice(0, 10));
    time.setAttribute('datetime', article.published);
    setTimeout(() => {
      time.textContent = formatDate(article.published, article.lang);
    }, 0);
    parts.push(time);
  }
  if (article.readingMinutes) {
    parts.push(el(doc, 'span', 'dcl-reading-time', t('readingTime', article.readingMinutes)));
  }
  parts.forEach((part, i) => {
    if (i > 0) meta.appendChild(el(doc, 'span', 'dcl-sep', ' · ')).setAttribute('aria-hidden', 'true');
    meta.appendChild(part);
  });
  if (parts.length) header.appendChild(meta);
  return header;
}

function leadImageNeeded(article, content) {
  if (!article.leadImage || !safeUrl(article.leadImage, 'src')) return false;
  // The body often starts with the same picture; showing it twice looks broken.
  for (const img of content.querySelectorAll('img')) {
    if (img.getAttribute('src') === article.leadImage) return false;
  }
  return true;
}

/** Full text of a dropped block: the core reports it; older reports only had a preview, so
 * the source page is searched by the block's CSS-like path as a fallback. */
function blockText(sourceDoc, block) {
  if (typeof block.text === 'string' && block.text) return block.text;
  if (sourceDoc && block.path) {
    try {
      const node = sourceDoc.querySelector(block.path);
      const text = node && node.textContent.replace(/\s+/g, ' ').trim();
      if (text) return text;
    } catch {
      // A path the browser's selector engine does not accept: fall back to the preview.
    }
  }
  return block.preview;
}

export function renderArticle(container, article, opts = {}) {
  const doc = container.ownerDocument;
  const t = opts.t || ((key) => key);
  const settings = applySettings(container, opts.settings || defaultSettings());
  container.replaceChildren();
  if (article.lang) container.setAttribute('lang', article.lang);
  container.setAttribute('dir', article.dir === 'rtl' ? 'rtl' : (article.dir === 'ltr' ? 'ltr' : 'auto'));

  const view = {
    root: container,
    content: null,
    settings,
    showingArticle: false,
    setShowRemoved: () => {},
    restoreBlock: () => false,
    contentHtml: () => '',
  };

  if (article.readerable === false && !opts.forceShow) {
    const notice = el(doc, 'section', 'dcl-notice');
    notice.setAttribute('role', 'status');
    notice.appendChild(el(doc, 'h1', 'dcl-notice-title', t('notReaderableTitle')));
    notice.appendChild(el(doc, 'p', 'dcl-notice-text', t('notReaderableText')));
    const button = el(doc, 'button', 'dcl-button dcl-show-anyway', t('showAnyway'));
    button.type = 'button';
    button.addEventListener('click', () => {
      const next = renderArticle(container, article, { ...opts, forceShow: true });
      if (opts.onShowAnyway) opts.onShowAnyway(next);
    });
    notice.appendChild(button);
    container.appendChild(notice);
    return view;
  }

  const articleEl = el(doc, 'article', 'dcl-article');
  articleEl.appendChild(renderHeader(doc, article, t));
  const content = el(doc, 'div', 'dcl-content');
  content.appendChild(buildSafeFragment(doc, article.contentHtml || ''));
  if (leadImageNeeded(article, content)) {
    const fig = el(doc, 'figure', 'dcl-lead');
    const img = doc.createElement('img');
    copyAttributes({ attributes: [{ name: 'src', value: article.leadImage }, { name: 'alt', value: '' }] }, img, 'img');
    fig.appendChild(img);
    articleEl.appendChild(fig);
  }
  articleEl.appendChild(content);
  container.appendChild(articleEl);

  view.content = content;
  view.showingArticle = true;
  let sourceDoc = null;
  const getSourceDoc = () => {
    if (!sourceDoc && opts.sourceHtml) sourceDoc = parseInert(opts.sourceHtml);
    return sourceDoc;
  };
  const dropped = (article.blocks || []).filter((b) => !b.kept);
  const keptIds = () => [...content.querySelectorAll('[data-declutter-block]')]
    .map((node) => ({ id: Number(node.getAttribute('data-declutter-block')), node }))
    .filter((k) => Number.isFinite(k.id))
    .sort((a, b) => a.id - b.id);

  /** The top-level child of `content` before which block `id` belongs, in document order. */
  function anchorFor(id) {
    const next = keptIds().find((k) => k.id > id);
    if (!next) return null;
    let node = next.node;
    while (node.parentNode !== content) node = node.parentNode;
    return node;
  }

  view.restoreBlock = (id) => {
    const marker = content.querySelector(`.dcl-removed[data-declutter-removed="${Number(id)}"]`);
    const block = dropped.find((b) => b.id === Number(id));
    if (!block) return false;
    const p = el(doc, 'p', 'dcl-restored', blockText(getSourceDoc(), block));
    p.setAttribute('data-declutter-block', String(block.id));
    if (marker) {
      marker.replaceWith(p);
    } else {
      content.insertBefore(p, anchorFor(block.id));
    }
    p.setAttribute('tabindex', '-1');
    p.focus({ preventScroll: true });
    return true;
  };

  view.setShowRemoved = (on) => {
    for (const old of content.querySelectorAll('.dcl-removed')) old.remove();
    container.classList.toggle('dcl-showing-removed', Boolean(on));
    if (!on) return 0;
    let shown = 0;
    for (const block of dropped) {
      if (content.querySelector(`[data-declutter-block="${block.id}"]`)) continue; // restored already
      const box = el(doc, 'div', 'dcl-removed');
      box.setAttribute('data-declutter-removed', String(block.id));
      box.setAttribute('role', 'button');
      box.tabIndex = 0;
      box.setAttribute('aria-label', t('restoreBlock', block.preview));
      box.appendChild(el(doc, 'span', 'dcl-removed-text', block.preview));
      box.appendChild(el(doc, 'span', 'dcl-removed-reasons', t('removedBecause', block.reasons.join('; '))));
      const restore = () => view.restoreBlock(block.id);
      box.addEventListener('click', restore);
      box.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          restore();
        }
      });
      content.insertBefore(box, anchorFor(block.id));
      shown += 1;
    }
    return shown;
  };

  view.contentHtml = () => {
    const clone = content.cloneNode(true);
    for (const node of clone.querySelectorAll('.dcl-removed')) node.remove();
    return clone.innerHTML;
  };
  return view;
}

// ---------------------------------------------------------------------------------------------
// Settings form

export function renderSettingsForm(container, settings, onChange, t = (k) => k) {
  const doc = container.ownerDocument;
  let current = normalizeSettings(settings);
  const form = el(doc, 'form', 'dcl-settings');
  form.addEventListener('submit', (e) => e.preventDefault());
  const uid = `dcl-${Math.random().toString(36).slice(2, 8)}`;
  const update = (key, value) => {
    current = normalizeSettings({ ...current, [key]: value });
    onChange(current);
  };
  for (const s of settingsSchema) {
    const id = `${uid}-${s.key}`;
    if (s.kind === 'choice') {
      const fs = el(doc, 'fieldset', 'dcl-field dcl-choice');
      fs.appendChild(el(doc, 'legend', null, t(s.label)));
      for (const c of s.choices) {
        const label = el(doc, 'label', `dcl-option dcl-${s.key}-${c.value}`);
        const input = doc.createElement('input');
        input.type = 'radio';
        input.name = id;
        input.value = c.value;
        input.dataset.setting = s.key;
        input.checked = current[s.key] === c.value;
        input.addEventListener('change', () => input.checked && update(s.key, c.value));
        label.append(input, el(doc, 'span', null, t(c.label)));
        fs.appendChild(label);
      }
      form.appendChild(fs);
    } else if (s.kind === 'range') {
      const row = el(doc, 'div', 'dcl-field dcl-range');
      const label = el(doc, 'label', null, t(s.label));
      label.htmlFor = id;
      const input = doc.createElement('input');
      Object.assign(input, { type: 'range', id, min: s.min, max: s.max, step: s.step });
      input.value = String(current[s.key]);
      input.dataset.setting = s.key;
      const out = el(doc, 'output', null, `${current[s.key]}${s.unit}`);
      out.htmlFor = id;
      input.addEventListener('input', () => {
        update(s.key, Number(input.value));
        out.textContent = `${current[s.key]}${s.unit}`;
      });
      row.append(label, input, out);
      form.appendChild(row);
    } else {
      const row = el(doc, 'div', 'dcl-field dcl-toggle');
      const label = el(doc, 'label');
      const input = doc.createElement('input');
      input.type = 'checkbox';
      input.id = id;
      input.dataset.setting = s.key;
      input.checked = Boolean(current[s.key]);
      input.addEventListener('change', () => update(s.key, input.checked));
      label.append(input, el(doc, 'span', null, t(s.label)));
      row.appendChild(label);
      form.appendChild(row);
    }
  }
  container.replaceChildren(form);
  return form;
}
