/*
 * Content script, injected on each toolbar click. It stays thin:
 *   first click:  show the reader page (an extension page in a full-viewport iframe inside a
 *                 modal <dialog>, so it sits in the top layer above anything the page stacks and
 *                 the page behind is inert), then serialize the live page, marking elements the
 *                 browser does not render, and hand the HTML to the background, which extracts
 *                 the article for the reader page;
 *   second click, Close or Esc: remove the dialog and put scroll and focus back. The page's own
 *                 DOM is never modified: hidden elements are marked on a clone.
 */
(() => {
  const platform = globalThis.DeclutterPlatform;
  const { validate, newToken, MAX_HTML_CHARS } = globalThis.DeclutterMessages;

  if (globalThis.declutterView) {
    // A page script may have removed the dialog behind our back; then this click opens anew.
    const wasShown = globalThis.declutterView.isShown();
    globalThis.declutterView.close();
    if (wasShown) return;
  }
  if (!globalThis.declutterListening) {
    // One listener for the life of this page's isolated world; it serves whichever view is open.
    globalThis.declutterListening = true;
    platform.onMessage(validate, (message) => {
      const view = globalThis.declutterView;
      if (message.type === 'close' && view && message.token === view.token) view.close();
      return { type: 'ok' };
    });
  }

  /** Pages with more elements than this take long enough to serialize to show the view first. */
  const LARGE_PAGE_ELEMENTS = 20_000;
  /** Never rendered as content, and never read as article text: not worth a style lookup. */
  const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);
  /** Checked themselves, but their insides render or hide with them. */
  const OPAQUE = new Set(['svg', 'math', 'IFRAME', 'OBJECT', 'VIDEO', 'AUDIO', 'CANVAS', 'SELECT']);

  /**
   * Whether the browser renders `el`. `display: contents` boxes have no box of their own but
   * their children do, so they count as rendered.
   */
  function hiddenKind(el) {
    if (typeof el.checkVisibility !== 'function') {
      const style = getComputedStyle(el);
      if (style.display === 'none') return 'subtree';
      return style.visibility === 'hidden' ? 'self' : null;
    }
    // Nearly every element is visible: one check settles those; the rare rest are told apart.
    if (el.checkVisibility({ visibilityProperty: true })) return null;
    if (!el.checkVisibility()) {
      return getComputedStyle(el).display === 'contents' ? null : 'subtree';
    }
    return 'self';
  }

  /**
   * Serializes the document with `data-declutter-hidden` on every element the page does not
   * render. The live tree and its deep copy list their elements in the same order, so index i
   * in one is index i in the other. The copy lives in an inert document of its own: a copy in
   * the page's document would load its images again and fire their load and error handlers.
   */
  function serializePage(exclude) {
    const root = document.documentElement;
    const clone = document.implementation.createHTMLDocument('').importNode(root, true);
    const live = root.getElementsByTagName('*');
    const copy = clone.getElementsByTagName('*');
    const body = document.body;
    let skipInside = null;
    let excludedCopy = null;
    const marks = [];
    for (let i = 0; i < live.length; i += 1) {
      const el = live[i];
      if (el === exclude) excludedCopy = copy[i];
      if (skipInside && skipInside.contains(el)) continue;
      skipInside = null;
      if (!body || !body.contains(el) || el === body) continue;
      if (el === exclude || SKIP.has(el.tagName)) {
        skipInside = el;
        continue;
      }
      const kind = hiddenKind(el);
      if (kind) marks.push(copy[i]);
      if (kind === 'subtree' || OPAQUE.has(el.tagName)) skipInside = el;
    }
    // Marked after the walk: setting attributes on the clone while indexing its live
    // HTMLCollection would be safe too, but this keeps the walk read-only.
    for (const node of marks) node.setAttribute('data-declutter-hidden', '');
    if (excludedCopy) excludedCopy.remove();
    emptyDropped(clone);
    const doctype = document.doctype ? `<!DOCTYPE ${document.doctype.name}>` : '';
    return doctype + clone.outerHTML;
  }

  /**
   * Empties, in the copy, the elements the core drops whole unread (src/dom.rs,
   * `skip_subtree`): scripts other than JSON-LD, styles, templates. On many pages they are most
   * of the HTML (0.85 MB of a 1.2 MB page), which then need not be serialized, passed to the
   * background and tokenized. They stay as empty elements, so the text around them stays in the
   * same text nodes and the article comes out the same.
   */
  function emptyDropped(root) {
    for (const el of root.querySelectorAll('script, style, template, head-script')) {
      const type = el.localName === 'script' ? (el.getAttribute('type') ?? '').trim().toLowerCase() : '';
      if (type === 'application/ld+json') continue;
      el.replaceChildren();
      if (el.content) el.content.replaceChildren();
    }
  }

  function open() {
    if (!(document instanceof HTMLDocument)) {
      // XML and SVG documents have no <dialog> to host the view.
      console.warn('Declutter shows a reader view for HTML pages only.');
      return;
    }
    const token = newToken();
    const scroll = { x: window.scrollX, y: window.scrollY };
    const previousFocus = document.activeElement;

    const dialog = document.createElement('dialog');
    // Inline !important beats any page rule that targets dialogs or iframes; `all: initial`
    // first clears whatever else a page stylesheet might set on them (clip-path, zoom, ...).
    dialog.style.cssText = [
      'all:initial', 'position:fixed', 'inset:0', 'width:100vw', 'height:100vh', 'max-width:none', 'max-height:none',
      'margin:0', 'padding:0', 'border:0', 'background:transparent', 'overflow:hidden', 'display:block',
      'opacity:1', 'visibility:visible', 'transform:none', 'filter:none', 'color-scheme:normal',
    ].map((d) => `${d} !important`).join(';');
    const frame = document.createElement('iframe');
    frame.src = `${platform.getURL('reader/reader.html')}#${token}`;
    frame.title = platform.t('readerFrameTitle');
    // "Copy as Markdown" writes the clipboard from inside the frame, which Chromium's
    // permissions policy allows a cross-origin frame only when the embedder says so. The
    // allowlist is `*` because with use_dynamic_url the frame's origin is not the src's; the
    // frame only ever holds the reader page (its links open in new tabs).
    frame.allow = 'clipboard-write *';
    frame.style.cssText = [
      'all:initial', 'display:block', 'width:100%', 'height:100%', 'border:0', 'margin:0', 'padding:0',
      'background:transparent', 'color-scheme:normal', 'visibility:visible', 'opacity:1',
    ].map((d) => `${d} !important`).join(';');
    dialog.appendChild(frame);

    const view = {
      token,
      isShown: () => dialog.isConnected && dialog.open,
      close() {
        if (dialog.open) dialog.close();
        dialog.remove();
        window.scrollTo(scroll.x, scroll.y);
        if (previousFocus && previousFocus.isConnected && typeof previousFocus.focus === 'function') {
          previousFocus.focus({ preventScroll: true });
        }
        delete globalThis.declutterView;
      },
    };
    globalThis.declutterView = view;

    // Esc while focus is on the dialog itself (not inside the reader page) closes the view too.
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      view.close();
    });

    (document.body || document.documentElement).appendChild(dialog);
    dialog.showModal();
    // Keyboard focus goes into the view (Esc, arrows and Tab act there), not to the inert page.
    frame.focus();
    // The reader page starts loading (in the extension's process) while the page is serialized.
    const handOver = () => {
      if (globalThis.declutterView !== view) return;
      const html = serializePage(dialog);
      // Very long URLs (data: pages) resolve no relative links anyway; the message has a bound.
      const url = location.href.length <= 16 * 1024 ? location.href : 'about:blank';
      // Too large to hand over: the view says so instead of waiting for an article.
      const message = html.length > MAX_HTML_CHARS
        ? { type: 'pageTooLarge', token, chars: html.length }
        : { type: 'snapshot', token, html, url, title: document.title.slice(0, 4096) };
      platform
        .send(message)
        .then((reply) => {
          if (reply && reply.type === 'error') throw new Error(reply.message);
        })
        .catch((err) => {
          // Without a snapshot the view could only wait: give the page back at once instead.
          console.warn(`Declutter could not hand over the page: ${err.message}`);
          if (globalThis.declutterView === view) view.close();
        });
    };
    // Serializing blocks the tab, about a second per 100,000 elements. On a page that large the
    // view first gets a frame to show that it is reading; an ordinary page is done sooner than
    // that frame would take.
    if (document.getElementsByTagName('*').length > LARGE_PAGE_ELEMENTS) {
      requestAnimationFrame(() => setTimeout(handOver, 0));
    } else {
      handOver();
    }
  }

  open();
})();
