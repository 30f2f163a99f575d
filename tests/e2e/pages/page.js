// A page script, allowed by the page's `script-src 'self'`: it proves the page ran and keeps a
// live counter the tests can read after the view closes (the page must keep working underneath).
window.pageScriptRan = true;
window.pageTicks = 0;
setInterval(() => { window.pageTicks += 1; }, 50);
