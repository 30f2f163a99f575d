// The demo page: pick a page, run the wasm core on it, show the original with the core's block
// decisions beside the reader view the extension shows, and the numbers behind it.

import init, * as core from './pkg/declutter.js';
import { OriginalPane } from './original-pane.js';
import { ReaderPane } from './reader-pane.js';
import { downloadJson, downloadMarkdown, downloadHtml } from './export.js';

const $ = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

const state = {
  /** @type {any} the last article, with its `blocks` table */
  article: null,
  /** @type {Map<number, any>} */
  blocks: new Map(),
  selected: /** @type {number | null} */ (null),
  options: /** @type {Record<string, unknown>} */ ({}),
  /** the last input, so that changing an option runs it again */
  last: /** @type {{html: string, url: string | null, label: string} | null} */ (null),
};

const status = (text) => {
  $('status').textContent = text;
};

const original = new OriginalPane(/** @type {HTMLIFrameElement} */ ($('original')), {
  onHover: (id) => showDetails(id ?? state.selected),
  onSelect: (id) => select(id, 'original'),
});
const reader = new ReaderPane($('reader'), $('reader-settings'), {
  onSelect: (id) => select(id, 'reader'),
});

async function start() {
  try {
    await init();
  } catch (err) {
    window.declutterDemoFail?.(
      `The WebAssembly module did not load: ${err instanceof Error ? err.message : String(err)}. ` +
        'It must be served over HTTP with the type application/wasm.',
    );
    return;
  }
  $('version').textContent = core.version();
  buildOptions(core.defaultOptions());
  await reader.ready();
  wireInputs();
  document.documentElement.setAttribute('data-demo', 'ready');
  status('Ready. Pick an example page, open a saved page or paste HTML.');
  await loadGallery();
}

/** One checkbox per boolean option of the core, with the core's own default. */
function buildOptions(defaults) {
  const box = $('options');
  for (const [key, value] of Object.entries(defaults)) {
    // `explain` is what this page is about: it is always on.
    if (typeof value !== 'boolean' || key === 'explain') continue;
    state.options[key] = value;
    const label = document.createElement('label');
    const input = document.createElement('input');
    input.type = 'checkbox';
    input.checked = value;
    input.dataset.option = key;
    input.addEventListener('change', () => {
      state.options[key] = input.checked;
      if (state.last) run(state.last.html, state.last.url, state.last.label);
    });
    label.append(input, ` ${key}`);
    box.append(label);
  }
}

async function loadGallery() {
  const list = $('gallery');
  let entries = [];
  try {
    const res = await fetch('fixtures/index.json');
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    entries = await res.json();
  } catch (err) {
    list.innerHTML = '<li class="hint">No example pages in this build.</li>';
    return;
  }
  // Fetched up front so that the gallery keeps working offline once the page has loaded.
  const sources = new Map();
  await Promise.all(
    entries.map(async (e) => {
      const res = await fetch(`fixtures/${encodeURIComponent(e.slug)}/source.html`);
      // Decoded here by the page's own declaration: a static host may label any .html as UTF-8.
      if (res.ok) sources.set(e.slug, decode(new Uint8Array(await res.arrayBuffer())));
    }),
  );
  for (const entry of entries) {
    const li = document.createElement('li');
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.slug = entry.slug;
    // Fixtures can share a headline (the same article in two markups): the slug tells them apart.
    button.textContent = entry.slug;
    if (entry.title) button.title = entry.title;
    button.disabled = !sources.has(entry.slug);
    button.addEventListener('click', () => {
      for (const b of list.querySelectorAll('[aria-pressed]')) b.setAttribute('aria-pressed', 'false');
      button.setAttribute('aria-pressed', 'true');
      run(sources.get(entry.slug) ?? '', entry.url ?? null, entry.slug);
    });
    button.setAttribute('aria-pressed', 'false');
    li.append(button);
    list.append(li);
  }
}

function wireInputs() {
  const fileInput = /** @type {HTMLInputElement} */ ($('file-input'));
  fileInput.addEventListener('change', () => {
    if (fileInput.files?.[0]) readFile(fileInput.files[0]);
  });
  // The whole page is a drop target: a saved page can land anywhere.
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) {
      e.preventDefault();
      document.body.classList.add('dragging');
    }
  });
  document.addEventListener('dragleave', (e) => {
    if (e.relatedTarget === null) document.body.classList.remove('dragging');
  });
  document.addEventListener('drop', (e) => {
    document.body.classList.remove('dragging');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    readFile(file);
  });
  $('paste-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const html = /** @type {HTMLTextAreaElement} */ ($('paste-html')).value;
    const url = /** @type {HTMLInputElement} */ ($('paste-url')).value.trim();
    if (!html.trim()) {
      status('Paste some HTML first.');
      return;
    }
    run(html, url || null, 'pasted HTML');
  });
  $('show-badges').addEventListener('change', (e) =>
    original.setBadges(/** @type {HTMLInputElement} */ (e.target).checked),
  );
  $('prev-block').addEventListener('click', () => step(-1));
  $('next-block').addEventListener('click', () => step(1));
  $('export-json').addEventListener('click', () => state.article && downloadJson(state.article));
  $('export-md').addEventListener('click', () => state.article && downloadMarkdown(state.article, core.toMarkdown));
  $('export-html').addEventListener('click', () => state.article && downloadHtml(state.article, reader.standalone(state.article)));
}

/** @param {File} file */
async function readFile(file) {
  // Saved pages come in the encoding they declare, not always UTF-8.
  const bytes = new Uint8Array(await file.arrayBuffer());
  run(decode(bytes), null, file.name);
}

/** Decodes a saved page by its BOM or declared charset, UTF-8 otherwise. */
function decode(bytes) {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 2048));
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
  let label = 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = 'utf-16le';
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = 'utf-16be';
  else if (declared) label = declared;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * Extracts `html` and shows everything about it.
 * @param {string} html
 * @param {string | null} url
 * @param {string} label
 */
async function run(html, url, label) {
  state.last = { html, url, label };
  status(`Extracting ${label}…`);
  const options = { ...state.options, explain: true };
  let article;
  let ms = 0;
  let explainMs = 0;
  const t0 = performance.now();
  try {
    // Timed once as the extension runs it, then again with the block table this page draws.
    core.extract(html, url ?? undefined, { ...options, explain: false });
    ms = performance.now() - t0;
    const t1 = performance.now();
    article = core.extract(html, url ?? undefined, options);
    explainMs = performance.now() - t1;
  } catch (err) {
    ms = performance.now() - t0;
    const message = err instanceof Error ? err.message : String(err);
    state.article = null;
    state.blocks = new Map();
    state.selected = null;
    setExports(false);
    // The page is still shown, without blocks, so that one can see what the core was given.
    reader.showError(`No article: ${message}.`);
    const overlay = await original.show(html, []);
    showNumbers(null, { ms, explainMs: 0 }, html.length, overlay);
    showDetails(null);
    status(`${label}: ${message} (${ms.toFixed(1)} ms)`);
    finished('error');
    return;
  }
  state.article = article;
  state.blocks = new Map((article.blocks ?? []).map((b) => [b.id, b]));
  state.selected = null;
  reader.render(article, html);
  const overlay = await original.show(html, article.blocks ?? []);
  showNumbers(article, { ms, explainMs }, html.length, overlay);
  showDetails(null);
  setExports(true);
  status(`${label}: “${article.title ?? 'untitled'}” extracted in ${ms.toFixed(1)} ms.`);
  finished('ok');
}

/** Marks the end of a run on the root element, for anyone waiting on it (the browser tests). */
function finished(result) {
  const root = document.documentElement;
  root.dataset.result = result;
  root.dataset.runs = String(Number(root.dataset.runs ?? 0) + 1);
}

function setExports(on) {
  for (const id of ['export-json', 'export-md', 'export-html']) {
    /** @type {HTMLButtonElement} */ ($(id)).disabled = !on;
  }
}

/** The figures of a run; `article` is null when the core found no article. */
function showNumbers(article, { ms, explainMs }, inputLength, overlay) {
  const blocks = article?.blocks ?? [];
  const kept = blocks.filter((b) => b.kept).length;
  const rows = article
    ? [
        ['Extraction', `${ms.toFixed(1)} ms (${explainMs.toFixed(1)} ms with the block table)`, 'extract-ms'],
        ['Readerable', `${article.readerable ? 'yes' : 'no'} (confidence ${article.confidence.toFixed(2)})`, 'readerable'],
        ['Words', `${article.wordCount} (${article.readingMinutes} min read)`, 'words'],
        ['Blocks', `${kept} kept, ${blocks.length - kept} dropped`, 'blocks'],
        ['Located', `${overlay.located} of ${blocks.length} blocks outlined`, 'located'],
        ['Input', `${(inputLength / 1024).toFixed(1)} KiB`, 'input'],
      ]
    : [
        ['Extraction', `${ms.toFixed(1)} ms, no article`, 'extract-ms'],
        ['Input', `${(inputLength / 1024).toFixed(1)} KiB`, 'input'],
      ];
  const dl = $('stats');
  dl.replaceChildren();
  for (const [term, value, key] of rows) {
    const dt = document.createElement('dt');
    dt.textContent = term;
    const dd = document.createElement('dd');
    dd.textContent = value;
    dd.dataset.stat = key;
    dl.append(dt, dd);
  }
  // One column per field: the value, then its source, so the whole table stays three lines high.
  const sources = article?.metadataSources ?? {};
  const fields = ['title', 'byline', 'published', 'siteName', 'lang', 'dir', 'excerpt', 'leadImage'];
  const table = /** @type {HTMLTableElement} */ ($('metadata'));
  const [head] = table.tHead?.rows ?? [];
  const [valueRow, sourceRow] = table.tBodies[0].rows;
  for (const row of [head, valueRow, sourceRow]) {
    while (row.cells.length > 1) row.deleteCell(1);
  }
  for (const field of fields) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = field;
    head.append(th);
    const value = valueRow.insertCell();
    value.dataset.value = field;
    value.textContent = article?.[field] ?? '—';
    value.title = article?.[field] ?? '';
    // The core names a source for the fields it looks for in several places; lang, dir and
    // excerpt have none to name.
    const source = sourceRow.insertCell();
    source.dataset.source = field;
    source.textContent = field in sources ? (sources[field] ?? '—') : '';
  }
}

/** Shows what the core knows about block `id` (or the hint when null). */
function showDetails(id) {
  const box = $('details');
  const block = id === null ? null : state.blocks.get(id);
  box.replaceChildren();
  const h = document.createElement('h3');
  h.id = 'details-title';
  box.append(h);
  if (!block) {
    h.textContent = 'Block details';
    const p = document.createElement('p');
    p.className = 'hint';
    p.textContent = state.article
      ? 'Hover or focus a block on the left (Tab into the page), click or press Enter to select it; ' +
        'select a paragraph on the right to find it on the left.'
      : 'Choose a page above.';
    box.append(p);
    return;
  }
  h.textContent = `Block ${block.id} · <${block.tag}> · ${block.kept ? 'kept' : 'dropped'} · score ${block.score}`;
  box.dataset.kept = String(block.kept);
  const facts = document.createElement('dl');
  for (const [k, v] of [
    ['words', block.words],
    ['link density', block.linkDensity],
    ['path', block.path],
    ['text', block.preview],
  ]) {
    const dt = document.createElement('dt');
    dt.textContent = k;
    const dd = document.createElement('dd');
    dd.textContent = String(v);
    facts.append(dt, dd);
  }
  const sharing = original.sharing(block.id);
  if (sharing.length) {
    const dt = document.createElement('dt');
    dt.textContent = 'same element';
    const dd = document.createElement('dd');
    dd.textContent = sharing.map((id) => `block ${id}`).join(', ');
    facts.append(dt, dd);
  }
  const reasons = document.createElement('ul');
  reasons.className = 'reasons';
  for (const r of block.reasons) {
    const li = document.createElement('li');
    li.textContent = r;
    // Signed effects such as "(+2.4)" are coloured by their sign.
    const sign = /\(([+-])\d/.exec(r)?.[1];
    if (sign) li.dataset.sign = sign === '+' ? 'plus' : 'minus';
    reasons.append(li);
  }
  box.append(facts, reasons);
}

/**
 * Selects a block on both sides.
 * @param {number | null} id
 * @param {'original' | 'reader' | 'nav'} from
 */
function select(id, from) {
  state.selected = id;
  original.select(id, { scroll: from !== 'original' });
  const inReader = reader.select(id, { scroll: from !== 'reader' });
  showDetails(id);
  if (id !== null && from !== 'reader' && !inReader) {
    const block = state.blocks.get(id);
    status(`Block ${id} was ${block?.kept ? 'kept but merged into another block' : 'dropped'}: it is not in the reader view.`);
  }
}

/** Previous/next block buttons: walks the blocks that are outlined on the left. */
function step(delta) {
  const ids = [...original.elements.keys()].sort((a, b) => a - b);
  if (ids.length === 0) return;
  const at = state.selected === null ? -1 : ids.indexOf(state.selected);
  const next = ids[(at + delta + ids.length) % ids.length];
  select(next, 'nav');
}

start();
