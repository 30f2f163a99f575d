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
  // Without a source and a type, neither tries a plugin load (which a policy would report).
  embed: ['src', 'type'],
  object: ['data', 'type', 'classid', 'codebase', 'archive'],
  input: ['src'],
  link: ['href', 'imagesrcset'],
  base: ['href'],
  script: ['src'],
  image: ['href', 'xlink:href'],
  use: ['href', 'xlink:href'],
  feimage: ['href', 'xlink:href'],
};

/** Is this a URL that stays inside the document (no request)? A fragment (`#icon`) is, for an
 * SVG reference only: as an image source it means the page's own address. */
function isLocal(value, fragmentOk = false) {
  const v = value.trim().toLowerCase();
  return v.startsWith('data:') || (fragmentOk && v.startsWith('#'));
}

const SVG_REFS = new Set(['use', 'image', 'feimage']);

/** Replaces every `url(...)` in a stylesheet or style attribute that would fetch. */
function inertCss(css) {
  return css
    .replace(/@import\s+[^;]+;?/gi, '')
    .replace(/url\(\s*(['"]?)(.*?)\1\s*\)/gi, (all, _q, target) => (isLocal(target, true) ? all : 'none'))
    // What is left is malformed (`url('x;` without its end still loads `x;`) or takes bare
    // strings as URLs (`image-set("a.png" 1x)`): an unknown function voids the declaration.
    .replace(/url\((?!\s*['"]?\s*(?:data:|#))/gi, 'declutter-blocked(')
    .replace(/(?:-webkit-)?image-set\(/gi, 'declutter-blocked(');
}

/**
 * Rewrites `doc` in place, template contents included (the browser parses those too, and reports
 * the handlers it finds there).
 * @param {Document | DocumentFragment} doc
 */
export function makeInert(doc) {
  for (const el of doc.querySelectorAll('*')) {
    if (el instanceof HTMLTemplateElement) makeInert(el.content);
    const name = el.localName.toLowerCase();
    for (const attr of Array.from(el.attributes)) {
      const an = attr.name.toLowerCase();
      // Event handlers and autofocus would only produce "blocked" messages in a sandbox.
      if (an.startsWith('on') || an === 'autofocus' || an === 'ping' || an === 'background') {
        el.removeAttribute(attr.name);
      } else if (an === 'style' && /url\(|@import|image-set\(/i.test(attr.value)) {
        el.setAttribute('style', inertCss(attr.value));
      }
    }
    for (const an of URL_ATTRS[name] || []) {
      const value = el.getAttribute(an);
      if (value === null || isLocal(value, SVG_REFS.has(name))) continue;
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
