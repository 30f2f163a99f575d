// The right pane: the reader view exactly as the extension draws it (the shared ui/ module), with
// its settings form, plus the demo's link between reader paragraphs and the blocks they came from.

import {
  defaultSettings,
  normalizeSettings,
  renderArticle,
  renderSettingsForm,
  translator,
} from './ui/reader-view.js';

const SETTINGS_KEY = 'declutter-demo-reader-settings';

/** Is this URL answered without a request? */
function isLocal(url) {
  return /^\s*data:/i.test(url);
}

/** A neutral grey picture standing in for remote images: this page loads nothing from the web. */
function placeholderPng() {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 180;
  const g = canvas.getContext('2d');
  if (!g) return '';
  g.fillStyle = '#d9dce1';
  g.fillRect(0, 0, 320, 180);
  g.fillStyle = '#aab0ba';
  g.beginPath();
  g.moveTo(100, 132);
  g.lineTo(144, 80);
  g.lineTo(176, 116);
  g.lineTo(196, 92);
  g.lineTo(228, 132);
  g.fill();
  return canvas.toDataURL('image/png');
}

/**
 * The article as this offline page shows it: remote image sources become a placeholder (the alt
 * text stays). Everything else is the core's output untouched.
 */
function offline(article, placeholder) {
  const tpl = document.createElement('template');
  tpl.innerHTML = article.contentHtml || '';
  for (const img of tpl.content.querySelectorAll('img')) {
    const src = img.getAttribute('src');
    if (src !== null && !isLocal(src)) img.setAttribute('src', placeholder);
  }
  for (const source of tpl.content.querySelectorAll('source')) source.remove();
  const lead = article.leadImage && !isLocal(article.leadImage) ? placeholder || null : article.leadImage;
  return { ...article, contentHtml: tpl.innerHTML, leadImage: lead };
}

/** "settingLineHeight" → "Line height": readable labels when no message catalogue is found. */
function humanize(key) {
  const words = key
    .replace(/^(setting|theme|font)(?=[A-Z])/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The labels of the extension's own message catalogue (copied by the build beside a list of its
 * languages), in the reader's language when there is one; plain labels otherwise.
 */
async function loadTranslator() {
  let available = [];
  try {
    const res = await fetch('_locales/index.json');
    if (res.ok) available = await res.json();
  } catch {
    // No catalogue in this build.
  }
  const wanted = [...(navigator.languages || []), 'en'].map((l) => l.split('-')[0]);
  const lang = wanted.find((l) => available.includes(l));
  if (lang) {
    try {
      const res = await fetch(`_locales/${lang}/messages.json`);
      if (res.ok) {
        const t = translator(await res.json());
        return (key, ...subs) => {
          const text = t(key, ...subs);
          return text === key ? humanize(key) : text;
        };
      }
    } catch {
      // Plain labels below.
    }
  }
  return (key, ...subs) =>
    key === 'readingTime' ? `${subs[0]} min read` : key === 'removedBecause' ? `Removed: ${subs[0]}` : humanize(key);
}

export class ReaderPane {
  /**
   * @param {HTMLElement} host where the view is drawn
   * @param {HTMLElement} settingsHost where the settings form goes
   * @param {{onSelect: (id: number | null) => void}} hooks
   */
  constructor(host, settingsHost, hooks) {
    this.host = host;
    this.settingsHost = settingsHost;
    this.hooks = hooks;
    this.settings = defaultSettings();
    this.t = (k) => k;
    this.view = null;
    this.article = null;
    this.sourceHtml = '';
    this.placeholder = '';
    this.showRemoved = false;
    /** set by "show it anyway" on a page the core calls not readerable, until the next page */
    this.forced = false;
  }

  async ready() {
    this.t = await loadTranslator();
    this.placeholder = placeholderPng();
    try {
      this.settings = normalizeSettings(JSON.parse(localStorage.getItem(SETTINGS_KEY) ?? 'null'));
    } catch {
      this.settings = defaultSettings();
    }
    const form = document.createElement('div');
    renderSettingsForm(
      form,
      this.settings,
      (next) => {
        this.settings = next;
        try {
          localStorage.setItem(SETTINGS_KEY, JSON.stringify(next));
        } catch {
          // Private windows may refuse storage: the settings still apply to this visit.
        }
        if (this.article) this.draw();
      },
      this.t,
    );
    const removed = document.createElement('label');
    removed.className = 'show-removed';
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = 'show-removed';
    box.addEventListener('change', () => {
      this.showRemoved = box.checked;
      this.view?.setShowRemoved(box.checked);
    });
    removed.append(box, ' Show what was removed');
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'Reader settings';
    details.append(summary, form);
    this.settingsHost.replaceChildren(details, removed);

    this.host.addEventListener('click', (e) => {
      const id = blockOf(e.target);
      if (id !== null) this.hooks.onSelect(id);
    });
    this.host.addEventListener('keydown', (e) => {
      const id = blockOf(e.target);
      if ((e.key === 'Enter' || e.key === ' ') && id !== null && !(e.target instanceof HTMLAnchorElement)) {
        e.preventDefault();
        this.hooks.onSelect(id);
      }
    });
  }

  /**
   * @param {any} article the core's article, with `blocks`
   * @param {string} sourceHtml the page it came from
   */
  render(article, sourceHtml) {
    this.article = offline(article, this.placeholder);
    this.sourceHtml = sourceHtml;
    this.forced = false;
    this.draw();
    this.host.scrollTop = 0;
  }

  draw() {
    const selected = this.host.querySelector('[data-dc-selected]')?.getAttribute('data-declutter-block');
    this.view = renderArticle(this.host, this.article, {
      settings: this.settings,
      t: this.t,
      sourceHtml: this.sourceHtml,
      forceShow: this.forced,
      onShowAnyway: (next) => {
        this.view = next;
        this.forced = true;
        this.decorate();
      },
    });
    this.decorate();
    if (selected != null) this.select(Number(selected), { scroll: false });
  }

  /** Kept blocks become focusable, so the keyboard can walk them too. */
  decorate() {
    if (!this.view?.content) return;
    for (const el of this.view.content.querySelectorAll('[data-declutter-block]')) {
      if (el.tabIndex < 0) el.tabIndex = 0;
    }
    if (this.showRemoved) this.view.setShowRemoved(true);
  }

  /**
   * The current article as a page of its own, drawn by the shared view with the reader's
   * settings. Drawn in an inert document: nothing it references loads while it is built.
   * @param {any} article the core's article (remote images as they are: the file is for later)
   * @returns {HTMLElement}
   */
  standalone(article) {
    const doc = document.implementation.createHTMLDocument('');
    const root = doc.createElement('div');
    doc.body.append(root);
    renderArticle(root, article, { settings: this.settings, t: this.t, forceShow: true });
    for (const el of root.querySelectorAll('[data-declutter-block]')) el.removeAttribute('data-declutter-block');
    return root;
  }

  /** Replaces the view with a message (the core found no article). */
  showError(message) {
    this.article = null;
    this.view = null;
    const box = document.createElement('p');
    box.className = 'reader-error';
    box.setAttribute('role', 'alert');
    box.textContent = message;
    this.host.replaceChildren(box);
  }

  /** Highlights block `id`; false when the view has no element for it (dropped or merged). */
  select(id, { scroll = true } = {}) {
    for (const el of this.host.querySelectorAll('[data-dc-selected]')) el.removeAttribute('data-dc-selected');
    if (id === null) return false;
    const nodes = this.host.querySelectorAll(`[data-declutter-block="${Number(id)}"]`);
    for (const el of nodes) el.setAttribute('data-dc-selected', '');
    if (nodes[0] && scroll) {
      // Scrolls the pane only: scrollIntoView would also move the page around it.
      const r = nodes[0].getBoundingClientRect();
      const box = this.host.getBoundingClientRect();
      const offset = r.top - box.top - Math.max(16, (this.host.clientHeight - r.height) / 2);
      this.host.scrollTo({ top: this.host.scrollTop + offset, behavior: 'instant' });
    }
    return nodes.length > 0;
  }
}

function blockOf(target) {
  const el = target instanceof Element ? target.closest('[data-declutter-block]') : null;
  return el ? Number(el.getAttribute('data-declutter-block')) : null;
}
