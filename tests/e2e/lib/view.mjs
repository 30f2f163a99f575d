// Reading and opening the reader view, shared by the extension's test files.
import { waitFor } from './wait.mjs';

/** What a test needs to read from the view, gathered in one round trip (runs in the reader frame). */
export function readView() {
  const root = document.getElementById('view');
  const content = root.querySelector('.dcl-content');
  const style = getComputedStyle(root);
  return {
    state: document.documentElement.dataset.state || null,
    view: document.documentElement.dataset.view || null,
    paintedAt: Number(document.documentElement.dataset.paintedAt || 0),
    timings: JSON.parse(document.documentElement.dataset.timings || '{}'),
    title: root.querySelector('.dcl-title')?.textContent ?? null,
    byline: root.querySelector('.dcl-byline')?.textContent ?? null,
    content: content ? content.textContent.replace(/\s+/g, ' ') : '',
    notice: root.querySelector('.dcl-notice')?.textContent ?? null,
    lang: root.getAttribute('lang'),
    dir: root.getAttribute('dir'),
    theme: root.dataset.theme,
    size: root.style.getPropertyValue('--dcl-size'),
    background: style.backgroundColor,
    removed: [...root.querySelectorAll('.dcl-removed')].map((n) => n.textContent),
  };
}

/**
 * Clicks the toolbar button and waits until the view is painted.
 * Returns the reader frame, its state, and the click time (epoch ms).
 */
export async function openView(browser, { timeout = 20_000 } = {}) {
  const { clickedAt } = await browser.clickAction({ expectOpen: true });
  const reader = await browser.reader();
  const state = await waitFor(async () => {
    const s = await reader.eval(readView);
    return s.state === 'ready' ? s : null;
  }, { timeout, what: 'the reader view to paint' });
  return { reader, state, clickedAt };
}
