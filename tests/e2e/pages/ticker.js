// A page that never stops changing, like a live ticker over an infinite feed: every 10 ms it
// rewrites the ticker, appends a feed item (dropping the oldest beyond 200) and flips a class on
// the article. `window.mutations` counts the changes so a test can see they go on.
window.mutations = 0;
const ticker = document.getElementById('ticker-text');
const feed = document.getElementById('feed');
const article = document.querySelector('article');
setInterval(() => {
  window.mutations += 1;
  const n = window.mutations;
  ticker.textContent = `Update ${n}: wind gusting to ${40 + (n % 30)} mph at the harbour mouth`;
  const item = document.createElement('li');
  item.innerHTML = `<a href="#u${n}">Update ${n}</a> <span>${new Date(1700000000000 + n * 10).toISOString()}</span>`;
  feed.prepend(item);
  if (feed.children.length > 200) feed.lastElementChild.remove();
  article.classList.toggle('pulse', n % 2 === 0);
}, 10);
