// Downloads of the current article: the core's JSON, Markdown from the core's converter, and a
// self-contained HTML page styled like the reader view.

/** A file name from the title: lower-case words joined by dashes, never empty. */
export function fileStem(title) {
  const stem = String(title || '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'article';
}

/** The reader stylesheet, fetched with the page so that exports work offline later. */
const readerCss = fetch('ui/reader.css')
  .then((res) => (res.ok ? res.text() : ''))
  // Unstyled is still a readable page.
  .catch(() => '');

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // The click has started the download by the time the task ends.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The article without the markers that only this page uses. */
function cleanContent(html) {
  const tpl = document.createElement('template');
  tpl.innerHTML = html;
  for (const el of tpl.content.querySelectorAll('[data-declutter-block]')) {
    el.removeAttribute('data-declutter-block');
  }
  return tpl.innerHTML;
}

export function downloadJson(article) {
  download(`${fileStem(article.title)}.json`, 'application/json', `${JSON.stringify(article, null, 2)}\n`);
}

/**
 * @param {any} article
 * @param {(html: string) => string} toMarkdown the core's converter
 */
export function downloadMarkdown(article, toMarkdown) {
  const head = [];
  if (article.title) head.push(`# ${article.title}`, '');
  const line = [article.byline, article.published, article.siteName].filter(Boolean).join(' · ');
  if (line) head.push(`*${line}*`, '');
  const body = toMarkdown(cleanContent(article.contentHtml));
  download(`${fileStem(article.title)}.md`, 'text/markdown', `${head.join('\n')}${body.trim()}\n`);
}

/**
 * A page that opens anywhere without this demo: the reader view as drawn (`view`, from the
 * shared renderer) with the reader stylesheet inlined.
 * @param {any} article
 * @param {HTMLElement} view
 */
export async function downloadHtml(article, view) {
  const css = await readerCss;
  const lang = article.lang ? ` lang="${escapeHtml(article.lang)}"` : '';
  const dir = article.dir ? ` dir="${escapeHtml(article.dir)}"` : '';
  const page = `<!DOCTYPE html>
<html${lang}${dir}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(article.title ?? 'Article')}</title>
<style>
html, body { margin: 0; }
${css.replace(/<\/style/gi, '<\\/style')}
</style>
</head>
<body>
${view.outerHTML}
</body>
</html>
`;
  download(`${fileStem(article.title)}.html`, 'text/html', page);
}
