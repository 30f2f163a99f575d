// The live-document half of `extractDocument` (src/wasm.rs). `encodeRendered` walks the tree the
// browser has parsed and writes it in a flat form the core reads without parsing, each element
// the browser does not render marked; the page is not touched. When that form will not do (a
// document that is not HTML, one nested past the parser's depth, a text holding one of the
// form's marks), `serializeRendered` writes the page's HTML instead: it marks those elements in
// place (a detached clone has no computed style), serializes, and takes the marks off again, all
// in one synchronous task, so the page never renders the marks.
//
// This is JavaScript, not web-sys calls from the module, because it asks the browser several
// things about every element of the page, and from wasm each question crosses the boundary: the
// same walk took about twice as long there (`make bench`, Chromium, median readability page:
// 1.6 ms of 10.5, here 0.7 ms). It stays beside the module's Rust, its only caller, and the
// build folds it into the glue (scripts/inline-snippets.mjs).
//
// The choices match the extension's content script (extension/content.js), so a page reads the
// same in the extension and through `extractDocument`.

/**
 * Not looked up, and their insides neither: the core never reads scripts, styles and templates
 * as text, and reads a noscript's markup for the real images of lazy-loading pages, which must
 * reach it unmarked.
 */
const SKIP = new Set(['script', 'style', 'template', 'noscript']);
/** Checked themselves, but their insides render or hide with them. */
const OPAQUE = new Set(['svg', 'math', 'iframe', 'object', 'video', 'audio', 'canvas', 'select']);
/** `NodeFilter.SHOW_ELEMENT`. */
const SHOW_ELEMENT = 0x1;
const VISIBILITY_PROPERTY = { visibilityProperty: true };
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
/** What the HTML serializer escapes in text (outside script, style and the like). */
const TEXT_ESCAPES = /[&<>\u00a0]/g;
const ESCAPED = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\u00a0': '&nbsp;' };

/** The marks of the flat form that `mod flat` in src/dom.rs reads (see there). */
const ELEMENT = '\u0001';
const ATTR = '\u0002';
const VALUE = '\u0003';
const END = '\u0004';
const TEXT = '\u0005';
const GAP = '\u0006';
const COUNT = '\u0007';
/** An element's namespace as the flat form writes it. */
const NAMESPACES = new Map([
  ['http://www.w3.org/1999/xhtml', 'h'],
  ['http://www.w3.org/2000/svg', 's'],
  ['http://www.w3.org/1998/Math/MathML', 'm'],
]);
/**
 * The HTML parser nests no deeper than this (`MAX_DEPTH` in src/dom.rs's `bound`, as in Blink);
 * a deeper document (only a script builds one) goes as HTML, to be bounded when it is parsed.
 */
const MAX_DEPTH = 512;
const TOO_DEEP = Symbol('too deep');
const PROCESSING_INSTRUCTION_NODE = 7;

/**
 * The document as the flat form the core reads without parsing (src/dom.rs, `mod flat`),
 * with `attr` on each element under its body that is not rendered; or null when only its HTML
 * will do (no root element, a document that is not HTML, one nested deeper than HTML parses).
 *
 * The browser has already parsed the page: handing its tree over as it is spares serializing it
 * as HTML and the core tokenizing and building it again, most of the time an extraction takes.
 * Nothing on the page is changed. What the form holds is what the HTML would hold for the core:
 * the same elements left out, and the same elements marked.
 */
export function encodeRendered(doc, attr) {
  const root = doc.documentElement;
  if (!root || doc.contentType !== 'text/html') return null;
  const rendered = renderedTest(doc);
  const body = doc.body;
  const parts = [];
  let marks = 0;

  /**
   * Writes `el` (named `name`) and its subtree; `hidden` marks it, `check` has its children
   * looked up. (Each DOM property read is a call into the browser: a name is read once.)
   */
  function write(el, name, hidden, check, depth) {
    if (depth > MAX_DEPTH) throw TOO_DEEP;
    let start = ELEMENT + (NAMESPACES.get(el.namespaceURI) ?? 'h') + name;
    marks += 1;
    if (el.hasAttributes()) {
      const names = el.getAttributeNames();
      for (let i = 0; i < names.length; i++) start += ATTR + names[i] + VALUE + el.getAttribute(names[i]);
      marks += 2 * names.length;
    }
    if (hidden && !el.hasAttribute(attr)) {
      start += ATTR + attr + VALUE;
      marks += 2;
    }
    parts.push(start);
    if (name === 'noscript') {
      // Its markup as text, as a page read with scripts on holds it (a document that is not
      // rendered holds it as elements): the core parses it again when it is an article.
      const markup = el.innerHTML;
      parts.push(TEXT + markup);
      marks += 1;
    } else {
      for (let node = el.firstChild; node; node = node.nextSibling) {
        switch (node.nodeType) {
          case TEXT_NODE:
            parts.push(TEXT + node.data);
            marks += 1;
            break;
          case ELEMENT_NODE: {
            const child = node.localName;
            if (dropped(node, child)) {
              parts.push(GAP);
              marks += 1;
              break;
            }
            const skip = SKIP.has(child);
            const hide = check && !skip && !rendered(node);
            const inside = node === body || (check && !hide && !skip && !OPAQUE.has(child));
            write(node, child, hide, inside, depth + 1);
            break;
          }
          case COMMENT_NODE:
          case PROCESSING_INSTRUCTION_NODE:
            parts.push(GAP);
            marks += 1;
            break;
          default:
        }
      }
    }
    parts.push(END);
    marks += 1;
  }

  try {
    write(root, root.localName, false, root === body, 0);
  } catch (e) {
    if (e === TOO_DEEP) return null;
    throw e;
  }
  parts.push(COUNT + marks);
  return parts.join('');
}

/**
 * The document's HTML with `attr` on each element under its body that is not rendered, or null
 * when it has no root element. Marks the page already carries are its own: they stay.
 */
export function serializeRendered(doc, attr) {
  const root = doc.documentElement;
  if (!root) return null;
  const marked = doc.body ? markHidden(doc, doc.body, attr) : [];
  try {
    return serializeLean(root);
  } finally {
    // Even when serializing throws (a page past the engine's longest string), the page is left
    // as it was found.
    for (const el of marked) el.removeAttribute(attr);
  }
}

/**
 * Marks each element under `body` that is not rendered and returns those it marked. A marked
 * element's subtree is not visited: the core drops it whole, and the skip saves most of the
 * look-ups on pages full of hidden menus. Everything is read first, then written: a style
 * look-up after an attribute change may recompute the style of the whole page.
 */
function markHidden(doc, body, attr) {
  const rendered = renderedTest(doc);
  const walker = doc.createTreeWalker(body, SHOW_ELEMENT);
  const hidden = [];
  let el = walker.firstChild();
  while (el) {
    const name = el.localName;
    const skip = SKIP.has(name);
    const hide = !skip && !rendered(el);
    if (hide && !el.hasAttribute(attr)) hidden.push(el);
    el = hide || skip || OPAQUE.has(name) ? nextOutside(walker) : walker.nextNode();
  }
  for (const node of hidden) node.setAttribute(attr, '');
  return hidden;
}

/**
 * `root.outerHTML`, less the elements directly in the head and the body that the core drops
 * whole unread (src/dom.rs, `skip_subtree`): scripts other than JSON-LD, styles, templates.
 * Pages keep most of their script bytes there (on some, most of their bytes: 0.85 MB of a 1.2 MB
 * page), and every byte left out is one less to serialize, copy into the module and tokenize.
 * The core builds the same tree either way. Comments there are written empty: it reads none.
 */
function serializeLean(root) {
  let html = open(root);
  if (html === null) return root.outerHTML;
  for (let node = root.firstChild; node; node = node.nextSibling) {
    html += node.localName === 'head' || node.localName === 'body' ? withoutDropped(node) : serialized(node);
  }
  return `${html}</${root.localName}>`;
}

/** An element and its children but those the core drops unread. */
function withoutDropped(el) {
  let some = false;
  for (let child = el.firstElementChild; child && !some; child = child.nextElementSibling) {
    some = dropped(child, child.localName);
  }
  // One call serializes faster than many when nothing is left out.
  const start = some ? open(el) : null;
  if (start === null) return el.outerHTML;
  let html = start;
  for (let node = el.firstChild; node; node = node.nextSibling) {
    // An empty element holds the dropped one's place: the text on either side stays two text
    // nodes, as it was, and the article comes out the same to the byte.
    html += dropped(node, node.localName) ? `<${node.localName}></${node.localName}>` : serialized(node);
  }
  return `${html}</${el.localName}>`;
}

/**
 * An element's start tag as the serializer writes it, or null when its serialization is not
 * HTML's (a document parsed as XML writes empty elements as `<x/>`).
 */
function open(el) {
  const shell = el.cloneNode(false).outerHTML;
  const close = `</${el.localName}>`;
  return shell.endsWith(close) ? shell.slice(0, -close.length) : null;
}

/** As the HTML serializer writes a child of the head, the body or the root. */
function serialized(node) {
  switch (node.nodeType) {
    case ELEMENT_NODE:
      return node.outerHTML;
    case TEXT_NODE:
      return node.data.replace(TEXT_ESCAPES, (c) => ESCAPED[c]);
    case COMMENT_NODE:
      // Its place, for the same reason as a dropped element's.
      return '<!---->';
    default:
      return '';
  }
}

/** Is this node, named `name`, one of the elements `skip_subtree` in src/dom.rs drops whole? */
function dropped(node, name) {
  switch (name) {
    case 'style':
    case 'template':
    case 'head-script':
      return true;
    case 'script':
      return (node.getAttribute('type') ?? '').trim().toLowerCase() !== 'application/ld+json';
    default:
      return false;
  }
}

/**
 * Whether the browser renders an element of `doc`. Without a window (a document from DOMParser
 * or createHTMLDocument) nothing is computed: only the `hidden` attribute counts.
 * `checkVisibility` (Chromium 105+, Firefox 106+) is looked for once, not per element.
 */
function renderedTest(doc) {
  const view = doc.defaultView;
  if (!view) return (el) => !el.hasAttribute('hidden');
  const quick = typeof doc.documentElement.checkVisibility === 'function';
  return (el) => isRendered(view, el, quick);
}

/** Moves the walker to the element after the current one's subtree (null at the end). */
function nextOutside(walker) {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    // `parentNode()` answers null at the walker's root, which ends the walk.
    if (!walker.parentNode()) return null;
  }
}

/**
 * `display: none` or `visibility: hidden` as the browser computes it (the `hidden` attribute is
 * `display: none` in every browser's own style sheet). Nearly every element is visible, and one
 * `checkVisibility` call settles those; a "not visible" answer is confirmed from the style,
 * because `checkVisibility` also says false for boxless `display: contents` elements, whose
 * children do show. A `visibility: hidden` element may show a `visibility: visible` child; that
 * is rare in article pages, where hidden panels are hidden whole.
 */
function isRendered(view, el, quick) {
  if (quick && el.checkVisibility(VISIBILITY_PROPERTY)) return true;
  const style = view.getComputedStyle(el);
  if (style.display === 'none') return false;
  return style.visibility !== 'hidden' && style.visibility !== 'collapse';
}
