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
// The extension's content script (extension/content.js) makes the same choices of what to leave
// out and what to mark, with one difference in how it finds hidden elements: it asks every
// element top-down, skipping the insides of an element that is `display: none`, and marks a
// `visibility: hidden` element whole. Both leave out the same text but in two rare cases: a
// `visibility: visible` element inside a hidden one shows here and not there, and a plain link
// hidden by a rule its earlier sibling links escape (see `renderedWalk`) is hidden there and
// not here.

/**
 * Not looked up, and their insides neither: the core never reads scripts, styles and templates
 * as text, and reads a noscript's markup for the real images of lazy-loading pages, which must
 * reach it unmarked.
 */
const SKIP = new Set(['script', 'style', 'template', 'noscript']);
/** Looked up themselves, but their insides render or hide with them. */
const OPAQUE = new Set(['svg', 'math', 'iframe', 'object', 'video', 'audio', 'canvas', 'select']);
/**
 * Elements that show something without a text of their own: pictures, players, drawings,
 * formulas, rules and breaks, controls. Like an element holding text, each is looked up itself.
 * (Every OPAQUE element is one.)
 */
const SHOWS = new Set([
  'img', 'picture', 'video', 'audio', 'iframe', 'embed', 'object', 'canvas', 'svg', 'math',
  'br', 'hr', 'input', 'select', 'textarea', 'button',
]);
/** A text with a character other than HTML's (ASCII) white space. */
const NOT_BLANK = /[^\t\n\f\r ]/;
/**
 * Elements whose text keeps its white space as it is (src/dom.rs's `Tag::Pre`, and the text
 * area); everywhere else the core folds each run of it into one space.
 */
const PREFORMATTED = new Set(['pre', 'listing', 'plaintext', 'xmp', 'textarea']);
/**
 * `checkVisibility`'s options, every member spelled out: the browser reads each member of the
 * dictionary from the object on every call, and a member the object lacks is looked for along
 * its prototype chain as well (measured in Chromium: 0.99 of the walk's time).
 */
const VISIBILITY_PROPERTY = {
  checkOpacity: false,
  checkVisibilityCSS: false,
  contentVisibilityAuto: false,
  opacityProperty: false,
  visibilityProperty: true,
};
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const COMMENT_NODE = 8;
const PROCESSING_INSTRUCTION_NODE = 7;
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
/**
 * A text of white space alone, outside preformatted text, as it is written: one line break or
 * one space for what is most often a line break and an indent. The core folds it to one space
 * either way, and it is a quarter of a typical page's form: every character written costs
 * copying into the module and reading there.
 */
const BLANK_LINE = `${TEXT}\n`;
const BLANK_SPACE = `${TEXT} `;
/**
 * The attributes the core reads (READ_ATTRIBUTES in src/dom.rs, where a test keeps this list
 * the same): the form carries no other. The rest (scripts' `data-*`, `aria-*`, SVG's path data,
 * event handlers) change no article and were a fifth of the form's characters on the
 * benchmark's 330 corpus pages; each left out is a value not read from the browser, and not
 * copied into the module and read there.
 */
const READ_ATTRIBUTES = [
  'class', 'id', 'role', 'itemprop', 'rel', 'href', 'name',
  'hidden', 'aria-hidden', 'style', 'data-declutter-hidden',
  'property', 'content', 'http-equiv', 'lang', 'xml:lang', 'dir', 'datetime',
  'type',
  'src', 'srcset', 'data-src', 'data-lazy-src', 'data-original', 'data-url',
  'data-hi-res-src', 'data-full-src', 'data-srcset', 'data-lazy-srcset', 'alt', 'width',
  'height',
  'title', 'colspan', 'rowspan', 'scope', 'start', 'reversed', 'value', 'display',
  'mathvariant',
];
/**
 * Each read attribute's start in the form, and each HTML element's by its name (as the walks
 * meet them, up to HTML_STARTS_KEPT names: custom elements make the list open-ended), written
 * once rather than joined anew for every element (the walk alone, Chromium, 60 trafilatura
 * pages: 0.94 of its time).
 */
const ATTRIBUTE_STARTS = new Map(READ_ATTRIBUTES.map((name) => [name, ATTR + name + VALUE]));
const HTML_STARTS = new Map();
const HTML_STARTS_KEPT = 1024;
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

/** What a subtree shows, as the walk below works it out from the bottom up. */
const NOTHING = 0;
const ALL_HIDDEN = 1;
const SHOWN = 2;
/** SHOWN, from a plain link that was looked up: its later plain siblings need not be. */
const SHOWN_PLAIN_LINK = 3;
/**
 * The only attributes a plain link has. Style rules tell such links apart only by where they
 * are and by these attributes' values (`a:nth-child(n+2)`, `a[href$=".pdf"]`), which pages
 * seldom use to hide one: of the 1,120 pages of the development corpora one does, to show only
 * the first of a post's label links, and its article is the same either way. The rest (`a`,
 * `.menu a`, anything on an ancestor) applies to all of a parent's plain links alike.
 */
const PLAIN_LINK_ATTRIBUTES = new Set(['href', 'title', 'rel', 'target']);

/**
 * The document as the flat form the core reads without parsing (src/dom.rs, `mod flat`),
 * with `attr` on each element under its body that is not rendered; or null when only its HTML
 * will do (no root element, a document that is not HTML, one nested deeper than HTML parses).
 *
 * The browser has already parsed the page: handing its tree over as it is spares serializing it
 * as HTML and the core tokenizing and building it again, most of the time an extraction takes.
 * Nothing on the page is changed. What the form holds is what the HTML would hold for the core:
 * the same elements left out, and the same elements marked; only the attributes it does not
 * read are left out (see READ_ATTRIBUTES), and a text of white space alone outside preformatted
 * text is written short (see BLANK_LINE).
 */
export function encodeRendered(doc, attr) {
  const root = doc.documentElement;
  if (!root || doc.contentType !== 'text/html') return null;
  const walk = renderedWalk(doc, attr, true);
  try {
    walk.element(root, root.localName, false, 0, false);
  } catch (e) {
    if (e === TOO_DEEP) return null;
    throw e;
  }
  walk.parts.push(COUNT + walk.marks());
  return walk.parts.join('');
}

/**
 * The walk of `doc` that finds the elements under its body the browser does not render and,
 * when `writing`, writes the flat form in `parts` with `attr` on them; when not, lists them in
 * `hidden` (those that do not carry `attr` already).
 *
 * Which elements are hidden is worked out from the bottom up, so that only some need a look-up,
 * each of which is a call into the browser's style and layout (asked of every element, they
 * were half of the walk in Chromium): an element holding a text of its own, or one that shows
 * something without text (see SHOWS), is looked up; any other is hidden when it holds something
 * and all it holds is hidden. That is about half of the look-ups of asking every element: the
 * wrappers between go unasked.
 * A wrapper holding nothing (a spacer, an icon font's empty `<i>`) is not marked either way: it
 * gives the core nothing to read. A `visibility: hidden` element's `visibility: visible` child
 * shows, and then so does a wrapper around it.
 *
 * Of the plain links (see PLAIN_LINK_ATTRIBUTES) holding text in one parent, only those up to
 * the first that shows are looked up; the later ones show with it. Lists of names or tags set
 * as links side by side in a paragraph run to thousands on some pages, and a look-up each was
 * most of their walk.
 */
function renderedWalk(doc, attr, writing) {
  const view = doc.defaultView;
  // Without a window (a document from DOMParser or createHTMLDocument) nothing is computed, and
  // nothing is looked up: the `hidden` attribute is all that hides there, and the core reads it.
  const body = view ? doc.body : null;
  const quick = typeof doc.documentElement.checkVisibility === 'function';
  const rendered = view ? renderedTest(view, body, quick) : null;
  const parts = [];
  const hidden = [];
  let marks = 0;
  // How many preformatted elements the walk is inside.
  let preformatted = 0;

  /**
   * Walks `el` (named `name`) and its subtree, writing them when `writing`; `check` has what it
   * holds looked up, and `linkShown` says a plain link before it in its parent showed. Returns
   * what the subtree shows. (Each DOM property read is a call into the browser: a name is read
   * once.)
   */
  function element(el, name, check, depth, linkShown) {
    if (depth > MAX_DEPTH) {
      if (writing) throw TOO_DEEP;
      // Marking for the HTML path: the parser bounds the nesting there, and the walk stops.
      return NOTHING;
    }
    // The last part of the element's start, which a hidden element's mark is added to.
    let at = 0;
    let names = null;
    if (writing) {
      const ns = NAMESPACES.get(el.namespaceURI) ?? 'h';
      let start = ns === 'h' ? HTML_STARTS.get(name) : undefined;
      if (start === undefined) {
        start = ELEMENT + ns + name;
        if (ns === 'h' && HTML_STARTS.size < HTML_STARTS_KEPT) HTML_STARTS.set(name, start);
      }
      parts.push(start);
      // Most elements have attributes: asking `hasAttributes` first costs more than the empty
      // list of those that have none. A value is a part of its own, as a text is below: added
      // to its mark first, it makes a string of two that the join must then take apart
      // (measured in Chromium: 0.97 of the walk's time).
      names = el.getAttributeNames();
      marks += 1;
      for (let i = 0; i < names.length; i++) {
        const prefix = ATTRIBUTE_STARTS.get(names[i]);
        if (prefix !== undefined) {
          parts.push(prefix, el.getAttribute(names[i]));
          marks += 2;
        }
      }
      at = parts.length - 1;
    }
    let own = check && SHOWS.has(name);
    let held = NOTHING;
    let plainLinkShown = false;
    // Only the form needs to know (the marking walk writes no texts).
    const pre = writing && PREFORMATTED.has(name);
    if (pre) preformatted += 1;
    if (name === 'noscript') {
      // Its markup as text, as a page read with scripts on holds it (a document that is not
      // rendered holds it as elements): the core parses it again when it is an article.
      if (writing) {
        parts.push(TEXT + el.innerHTML);
        marks += 1;
      }
    } else {
      const inside = check && !OPAQUE.has(name);
      for (let node = el.firstChild; node; node = node.nextSibling) {
        switch (node.nodeType) {
          case TEXT_NODE: {
            const data = node.data;
            const first = data.charCodeAt(0);
            // Most texts between elements are line breaks and indents; one that starts with
            // anything above a space is not blank. (An empty one is: it shows nothing.)
            const blank = !(first > 32) && !NOT_BLANK.test(data);
            if (writing) {
              if (!blank || data.length < 2 || preformatted > 0) parts.push(TEXT, data);
              else parts.push(first === 10 ? BLANK_LINE : BLANK_SPACE);
              marks += 1;
            }
            if (inside && !own && !blank) own = true;
            break;
          }
          case ELEMENT_NODE: {
            const child = node.localName;
            if (dropped(node, child)) {
              if (writing) {
                parts.push(GAP);
                marks += 1;
              }
              break;
            }
            const lookUp = (inside || node === body) && !SKIP.has(child);
            let shows = element(node, child, lookUp, depth + 1, plainLinkShown);
            if (shows === SHOWN_PLAIN_LINK) {
              plainLinkShown = true;
              shows = SHOWN;
            }
            if (shows > held) held = shows;
            break;
          }
          case COMMENT_NODE:
          case PROCESSING_INSTRUCTION_NODE:
            if (writing) {
              parts.push(GAP);
              marks += 1;
            }
            break;
          default:
        }
      }
    }
    if (pre) preformatted -= 1;
    if (writing) {
      parts.push(END);
      marks += 1;
    }
    if (!check || el === body) return NOTHING;
    // An element that shows something of its own is asked; a wrapper shows what it holds.
    let shows = held;
    if (own && name === 'a' && plainLink(names ?? el.getAttributeNames())) {
      if (linkShown) return SHOWN;
      if (rendered(el)) return SHOWN_PLAIN_LINK;
      shows = ALL_HIDDEN;
    } else if (own) {
      shows = rendered(el) ? SHOWN : ALL_HIDDEN;
    }
    if (shows === ALL_HIDDEN && !el.hasAttribute(attr)) {
      if (writing) {
        parts[at] += ATTR + attr + VALUE;
        marks += 2;
      } else {
        hidden.push(el);
      }
    }
    return shows;
  }

  return { element, parts, hidden, marks: () => marks };
}

/** Whether an element with attributes named `names` is a plain link's (see PLAIN_LINK_ATTRIBUTES). */
function plainLink(names) {
  for (let i = 0; i < names.length; i++) {
    if (!PLAIN_LINK_ATTRIBUTES.has(names[i])) return false;
  }
  return true;
}

/**
 * Whether the browser shows an element of `view`'s document (under `body`, which is never
 * asked). The quick look-up, where the browser has `checkVisibility` (`quick`), settles nearly
 * every element. Otherwise the element shows when no ancestor hides it (`display: none` on it,
 * or `visibility: hidden`: see `styleShows`) and its own style lets it. Each ancestor is asked
 * once, its answer kept, so a hidden menu's hundred links cost about one walk up.
 */
function renderedTest(view, body, quick) {
  const looksShown = (el) => quick && el.checkVisibility(VISIBILITY_PROPERTY);
  const known = new Map();
  const hidden = (el) => {
    if (!el || el === body) return false;
    let answer = known.get(el);
    if (answer === undefined) {
      answer = hidden(el.parentElement) || !(looksShown(el) || styleShows(view, el));
      known.set(el, answer);
    }
    return answer;
  };
  return (el) => looksShown(el) || (!hidden(el.parentElement) && styleShows(view, el));
}

/**
 * The document's HTML with `attr` on each element under its body that is not rendered, or null
 * when it has no root element. Marks the page already carries are its own: they stay.
 */
export function serializeRendered(doc, attr) {
  const root = doc.documentElement;
  if (!root) return null;
  const marked = markHidden(doc, attr);
  try {
    return serializeLean(root);
  } finally {
    // Even when serializing throws (a page past the engine's longest string), the page is left
    // as it was found.
    for (const el of marked) el.removeAttribute(attr);
  }
}

/**
 * Marks each element under the body that is not rendered, as `encodeRendered` finds them, and
 * returns those it marked. Everything is read first, then written: a style look-up after an
 * attribute change may recompute the style of the whole page.
 */
function markHidden(doc, attr) {
  const root = doc.documentElement;
  if (!doc.body || !doc.defaultView) return [];
  const walk = renderedWalk(doc, attr, false);
  walk.element(root, root.localName, false, 0, false);
  for (const node of walk.hidden) node.setAttribute(attr, '');
  return walk.hidden;
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
 * Whether `el`'s own computed style lets it show: not `display: none` (the `hidden` attribute is
 * that in every browser's own style sheet) nor `visibility: hidden`. Nearly every element is
 * visible, and one `checkVisibility` call settles those; its "not visible" is confirmed here,
 * because it also says false for boxless `display: contents` elements, whose children do show,
 * and for every element inside a `display: none` one, which the ancestors decide.
 */
function styleShows(view, el) {
  const style = view.getComputedStyle(el);
  if (style.display === 'none') return false;
  return style.visibility !== 'hidden' && style.visibility !== 'collapse';
}
