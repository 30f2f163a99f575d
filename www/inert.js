// Makes a page safe and silent to show as "the original": nothing in it may run or fetch.
//
// The iframe that shows it is sandboxed without `allow-scripts`, and the demo page's CSP blocks
// remote loads anyway; this pass exists so that nothing even tries (each blocked attempt is a
// console error, and a demo that works offline must not depend on what the network says).
// Only attributes change and inert script types are set: the element tree stays exactly the one
// the core read, so the block paths still point at the right elements.

/** A grey box the size of the image it replaces, so the layout stays the page's own. */
export const PLACEHOLDER_IMAGE =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90" viewBox="0 0 160 90">' +
      '<rect width="160" height="90" fill="#d9dce1"/>' +
      '<path d="M50 66l22-26 16 18 10-12 16 20z" fill="#aab0ba"/>' +
      '<circle cx="104" cy="32" r="7" fill="#aab0ba"/></svg>',
  );

const URL_ATTRS = {
  img: ['src', 'srcset', 'lowsrc'],
  source: ['src', 'srcset'],
  video: ['src', 'poster'],
  audio: ['src'],
  track: ['src'],
  iframe: ['src', 'srcdoc'],
  frame: ['src'],
  embed: ['src'],
  object: ['data'],
  input: ['src'],
  link: ['href'],
  base: ['href'],
  script: ['src'],
  image: ['href', 'xlink:href'],
  use: ['href', 'xlink:href'],
  feimage: ['href', 'xlink:href'],
};

/** Is this a URL that stays inside the document (no request)? */
function isLocal(value) {
  const v = value.trim().toLowerCase();
  return v.startsWith('data:') || v.startsWith('#') || v === '';
}

/** Replaces every `url(...)` in a stylesheet or style attribute that would fetch. */
function inertCss(css) {
  return css
    .replace(/@import\s+[^;]+;?/gi, '')
    .replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (all, _q, target) => (isLocal(target) ? all : 'none'));
}

/**
 * Rewrites `doc` in place.
 * @param {Document} doc
 */
export function makeInert(doc) {
  for (const el of doc.querySelectorAll('*')) {
    const name = el.localName.toLowerCase();
    for (const attr of Array.from(el.attributes)) {
      const an = attr.name.toLowerCase();
      // Event handlers and autofocus would only produce "blocked" messages in a sandbox.
      if (an.startsWith('on') || an === 'autofocus' || an === 'ping' || an === 'background') {
        el.removeAttribute(attr.name);
      } else if (an === 'style' && /url\(|@import/i.test(attr.value)) {
        el.setAttribute('style', inertCss(attr.value));
      }
    }
    for (const an of URL_ATTRS[name] || []) {
      const value = el.getAttribute(an);
      if (value === null || isLocal(value)) continue;
      if (name === 'img' && an === 'src') {
        el.setAttribute('src', PLACEHOLDER_IMAGE);
      } else {
        el.removeAttribute(an);
      }
    }
    if (name === 'script') {
      // Kept in the tree (paths count elements) but never a script type the browser runs.
      el.setAttribute('type', 'text/x-declutter-inert');
    } else if (name === 'style') {
      el.textContent = inertCss(el.textContent || '');
    } else if (name === 'meta' && el.hasAttribute('http-equiv')) {
      el.removeAttribute('http-equiv');
    } else if (name === 'img' && !el.hasAttribute('src')) {
      el.setAttribute('src', PLACEHOLDER_IMAGE);
    }
  }
}
