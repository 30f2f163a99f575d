// Starts the demo, and says plainly why when it cannot. A classic script, because a module that
// fails to load (from file://, or with the wasm package missing) reports nothing on the page.
(function boot() {
  'use strict';

  function fail(message) {
    var box = document.getElementById('load-error');
    var text = document.getElementById('load-error-text');
    var status = document.getElementById('status');
    if (text) text.textContent = message;
    if (box) box.hidden = false;
    if (status) status.textContent = 'The extractor is not available.';
    document.documentElement.setAttribute('data-demo', 'failed');
  }
  window.declutterDemoFail = fail;

  if (location.protocol === 'file:') {
    fail('This page was opened from a file (file://), where the browser refuses to load ' +
      'JavaScript modules and WebAssembly.');
    return;
  }
  var script = document.createElement('script');
  script.type = 'module';
  script.src = 'main.js';
  script.addEventListener('error', function () {
    fail('A script of the demo could not be loaded (main.js, pkg/declutter.js or ui/reader-view.js). ' +
      'If you built the page yourself, run the wasm build first.');
  });
  document.head.appendChild(script);
})();
