/*
 * The reader page: an extension page shown in a full-viewport iframe over the tab. It takes the
 * article the background extracted from the page snapshot, renders it with the shared
 * ui/reader-view.js, and offers the toolbar: settings, read aloud, export, "show what was
 * removed", close.
 */
import '../lib/platform.js';
import {
  renderArticle, renderSettingsForm, applySettings, normalizeSettings, defaultSettings,
} from '../ui/reader-view.js';

const platform = globalThis.DeclutterPlatform;
const t = (key, ...subs) => platform.t(key, subs.map(String));
const token = location.hash.slice(1);
const docEl = document.documentElement;
const main = document.getElementById('view');
const status = document.getElementById('status');

let settings = defaultSettings();
let view = null;
let article = null;
/** The page the article came from: {url}. */
let source = null;

// When each stage finished (epoch ms), for the end-to-end tests' click-to-paint figures.
const timings = { pageStart: Math.round(performance.timeOrigin) };
const stamp = (name) => (value) => {
  timings[name] = Date.now();
  return value;
};
stamp('scriptStart')();
const settingsReady = platform.loadSettings().then((stored) => normalizeSettings(stored)).catch(() => defaultSettings());
const articleReady = platform.send({ type: 'takeArticle', token }).then(stamp('article'));

function announce(text) {
  status.textContent = '';
  // A fresh text node in a cleared live region is announced even when the text repeats.
  requestAnimationFrame(() => { status.textContent = text; });
}

function closeView() {
  if (speech.active) speech.stop();
  platform.send({ type: 'close', token }).catch(() => {});
}

// ---------------------------------------------------------------------------------------------
// Toolbar panels: one open at a time, each toggled by its button.

const panels = [...document.querySelectorAll('[data-panel]')];

function setPanel(name) {
  for (const button of panels) {
    const open = button.dataset.panel === name && button.getAttribute('aria-expanded') !== 'true';
    button.setAttribute('aria-expanded', String(open));
    document.getElementById(button.getAttribute('aria-controls')).hidden = !open;
  }
}

for (const button of panels) button.addEventListener('click', () => setPanel(button.dataset.panel));

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') return;
  event.preventDefault();
  const open = panels.find((b) => b.getAttribute('aria-expanded') === 'true');
  if (open) {
    setPanel(null);
    open.focus();
  } else {
    closeView();
  }
});

document.getElementById('close').addEventListener('click', closeView);

// ---------------------------------------------------------------------------------------------
// Settings

/** Settings this page saved whose change events have not come back yet, oldest first. */
const ownSaves = [];

function onSettings(next) {
  settings = normalizeSettings(next);
  applySettings(main, settings);
  applySettings(docEl, settings);
  ownSaves.push(JSON.stringify(settings));
  platform.saveSettings(settings).catch((err) => announce(err.message));
}

const stopFollowingSettings = platform.onSettingsChanged((stored) => {
  // Our own saves echo back here one by one; re-applying an older one would undo a newer change
  // made since (dragging the size slider saves on every step).
  if (ownSaves.length && ownSaves[0] === JSON.stringify(normalizeSettings(stored))) {
    ownSaves.shift();
    return;
  }
  ownSaves.length = 0;
  // Another view or the options page changed them: follow without rewriting storage.
  settings = normalizeSettings(stored);
  applySettings(main, settings);
  applySettings(docEl, settings);
});
// Listeners are removed while the page can still talk to the browser: when the frame is
// removed, Firefox otherwise tries to remove them over a channel it has already closed.
addEventListener('pagehide', stopFollowingSettings);

// ---------------------------------------------------------------------------------------------
// "Show what was removed"

const removedToggle = document.getElementById('show-removed');
removedToggle.addEventListener('click', () => {
  if (!view || !view.showingArticle) return;
  const on = removedToggle.getAttribute('aria-pressed') !== 'true';
  removedToggle.setAttribute('aria-pressed', String(on));
  const shown = view.setShowRemoved(on);
  if (on) announce(t('removedCount', shown));
});

// ---------------------------------------------------------------------------------------------
// Export

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileStem() {
  const base = (article && article.title) || 'article';
  return base.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80) || 'article';
}

async function markdown() {
  const reply = await platform.send({ type: 'toMarkdown', html: view.contentHtml() });
  if (!reply || reply.type !== 'markdown') throw new Error(reply && reply.message ? reply.message : 'no Markdown');
  const title = article.title ? `# ${article.title}\n\n` : '';
  const link = source ? `<${source.url}>\n\n` : '';
  return title + link + reply.markdown;
}

async function selfContainedHtml() {
  const css = await (await fetch('../ui/reader.css')).text();
  const copy = document.implementation.createHTMLDocument(article.title || 'Article');
  copy.documentElement.lang = article.lang || '';
  if (article.dir) copy.documentElement.dir = article.dir;
  const meta = copy.createElement('meta');
  meta.setAttribute('charset', 'utf-8');
  copy.head.prepend(meta);
  const style = copy.createElement('style');
  style.textContent = css;
  copy.head.appendChild(style);
  const root = copy.importNode(main, true);
  root.removeAttribute('id');
  for (const node of root.querySelectorAll('.dcl-removed')) node.remove();
  copy.body.appendChild(root);
  copy.body.style.margin = '0';
  return `<!DOCTYPE html>\n${copy.documentElement.outerHTML}`;
}

document.getElementById('copy-markdown').addEventListener('click', async () => {
  try {
    await navigator.clipboard.writeText(await markdown());
    announce(t('copied'));
  } catch (err) {
    announce(t('copyFailed', err.message));
  }
});
document.getElementById('save-markdown').addEventListener('click', async () => {
  try {
    download(`${fileStem()}.md`, 'text/markdown;charset=utf-8', await markdown());
  } catch (err) {
    announce(err.message);
  }
});
document.getElementById('save-html').addEventListener('click', async () => {
  download(`${fileStem()}.html`, 'text/html;charset=utf-8', await selfContainedHtml());
});
document.getElementById('print').addEventListener('click', () => {
  setPanel(null);
  window.print();
});

// ---------------------------------------------------------------------------------------------
// Read aloud: one utterance per block, the block being read highlighted and kept in view.

const speech = {
  active: false,
  queue: [],
  index: 0,
  current: null,
  voiceSelect: document.getElementById('voice'),
  rateInput: document.getElementById('rate'),
  playButton: document.getElementById('speak'),
  stopButton: document.getElementById('speak-stop'),

  blocks() {
    const content = view && view.content;
    if (!content) return [];
    return [...content.querySelectorAll('p, h2, h3, h4, h5, h6, li, blockquote, figcaption, dt, dd, pre')]
      .filter((node) => !node.closest('.dcl-removed') && node.textContent.trim());
  },
  fillVoices() {
    const voices = speechSynthesis.getVoices();
    const previous = this.voiceSelect.value;
    // The empty choice lets the browser pick a voice for the article's language.
    this.voiceSelect.replaceChildren(new Option(t('defaultVoice'), ''));
    for (const v of voices) this.voiceSelect.appendChild(new Option(`${v.name} (${v.lang})`, v.voiceURI));
    this.voiceSelect.value = previous;
  },
  highlight(node) {
    for (const old of document.querySelectorAll('.dcl-speaking')) old.classList.remove('dcl-speaking');
    if (!node) return;
    node.classList.add('dcl-speaking');
    const reduce = matchMedia('(prefers-reduced-motion: reduce)').matches;
    node.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  },
  speakNext() {
    if (!this.active) return;
    const node = this.queue[this.index];
    if (!node) {
      this.stop();
      return;
    }
    const u = new SpeechSynthesisUtterance(node.textContent.replace(/\s+/g, ' ').trim());
    u.lang = (article && article.lang) || document.documentElement.lang || '';
    const voice = speechSynthesis.getVoices().find((v) => v.voiceURI === this.voiceSelect.value);
    if (voice) u.voice = voice;
    u.rate = Number(this.rateInput.value) || 1;
    u.onstart = () => this.highlight(node);
    u.onend = () => {
      if (this.current !== u) return;
      this.index += 1;
      this.speakNext();
    };
    u.onerror = () => {
      if (this.current === u) this.stop();
    };
    this.current = u;
    speechSynthesis.speak(u);
  },
  toggle() {
    if (!('speechSynthesis' in window)) {
      announce(t('speechUnavailable'));
      return;
    }
    if (!this.active) {
      this.active = true;
      this.queue = this.blocks();
      this.index = 0;
      this.speakNext();
      this.setState('playing');
    } else if (speechSynthesis.paused) {
      speechSynthesis.resume();
      this.setState('playing');
    } else {
      speechSynthesis.pause();
      this.setState('paused');
    }
  },
  stop() {
    this.active = false;
    this.current = null;
    if ('speechSynthesis' in window) speechSynthesis.cancel();
    this.highlight(null);
    this.setState('stopped');
  },
  setState(state) {
    this.playButton.textContent = t(state === 'playing' ? 'pause' : (state === 'paused' ? 'resume' : 'readAloudStart'));
    this.playButton.setAttribute('aria-pressed', String(state === 'playing'));
    this.stopButton.disabled = state === 'stopped';
  },
};

speech.playButton.addEventListener('click', () => speech.toggle());
speech.stopButton.addEventListener('click', () => speech.stop());
speech.rateInput.addEventListener('input', () => {
  document.getElementById('rate-value').textContent = `${Number(speech.rateInput.value).toFixed(1)}×`;
});
if ('speechSynthesis' in window) {
  speech.fillVoices();
  speechSynthesis.addEventListener('voiceschanged', () => speech.fillVoices());
}
speech.setState('stopped');

// ---------------------------------------------------------------------------------------------
// Localised static text, then the article.

for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
for (const node of document.querySelectorAll('[data-i18n-label]')) node.setAttribute('aria-label', t(node.dataset.i18nLabel));
for (const node of document.querySelectorAll('[data-i18n-title]')) node.title = t(node.dataset.i18nTitle);
document.title = t('extName');

function showFailure(message) {
  main.replaceChildren();
  const notice = document.createElement('section');
  notice.className = 'dcl-notice';
  notice.setAttribute('role', 'alert');
  const h = document.createElement('h1');
  h.className = 'dcl-notice-title';
  h.textContent = t('extractFailedTitle');
  const p = document.createElement('p');
  p.textContent = message;
  notice.append(h, p);
  main.appendChild(notice);
}

function markPainted() {
  // The frame callback runs just before the paint that shows the view; a message posted from it
  // is handled just after that paint (a second frame callback would add a whole frame).
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      docEl.dataset.paintedAt = String(Date.now());
      docEl.dataset.timings = JSON.stringify(timings);
      docEl.dataset.state = 'ready';
    };
    channel.port2.postMessage(null);
  });
}

function updateToolbarFor(currentView) {
  view = currentView;
  removedToggle.disabled = !view.showingArticle || !(article.blocks || []).some((b) => !b.kept);
  for (const id of ['speak', 'copy-markdown', 'save-markdown', 'save-html', 'print']) {
    document.getElementById(id).disabled = !view.showingArticle;
  }
  docEl.dataset.view = view.showingArticle ? 'article' : 'not-readerable';
}

async function start() {
  settings = await settingsReady;
  stamp('settings')();
  applySettings(docEl, settings);
  renderSettingsForm(document.getElementById('settings-panel'), settings, onSettings, t);
  stamp('form')();
  try {
    const reply = await articleReady;
    if (!reply || reply.type !== 'article') throw new Error(reply && reply.message ? reply.message : 'no article');
    ({ article } = reply);
    source = { url: reply.url };
    docEl.dataset.extractMs = String(reply.extractMs);
  } catch (err) {
    showFailure(String(err && err.message ? err.message : err));
    docEl.dataset.view = 'error';
    markPainted();
    return;
  }
  updateToolbarFor(renderArticle(main, article, {
    settings,
    t,
    onShowAnyway: (shown) => {
      updateToolbarFor(shown);
      main.focus();
    },
  }));
  stamp('rendered')();
  main.focus();
  markPainted();
}

start();
