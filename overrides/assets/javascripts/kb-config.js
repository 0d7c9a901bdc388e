/* Runs before Material's bundle reads its configuration (loaded from the
   "config" block of overrides/main.html, right after Material's __config):
   1. each language has its own search index at <language root>/search/, and
      Material finds it (and resolves result links) relative to "base", so base
      becomes this language's root (data-kb-prefix of this script's element);
   2. the per-page hreflang alternates stay in the HTML for crawlers, but are
      taken out of the live page: Material would fetch a sitemap.xml beside
      each of them (404s), and kb.js handles the language menu itself;
   3. the search index loads on first use (see below).
   A file, not an inline script: the Content-Security-Policy (scripts/csp.py)
   runs no inline script that the theme's templates do not write. */
(function () {
  var prefix = document.currentScript.getAttribute("data-kb-prefix") || "";
  var el = document.getElementById("__config");
  var config = JSON.parse(el.textContent);
  config.base = new URL(prefix, new URL(config.base.replace(/\/?$/, "/"), location.href)).href;
  el.textContent = JSON.stringify(config);
  document.querySelectorAll("link[rel=alternate][hreflang]").forEach(function (link) { link.remove(); });

  /* 3. Search loads on first use, not on every page view: Material starts its
     search worker (~40 kB) and requests the index (the whole language's
     text, a few hundred kB) at start-up. Both wait here until the reader
     shows an intent to search: focus or click on search, a search keyboard
     shortcut, a shared ?q= link, or a page opened from a search result
     (?h=, whose words Material highlights once the index is there).
     The worker is Material's, wrapped by workers/kb-search.js (word endings). */
  var released = /[?&][qh]=/.test(location.search), pending = [];
  function whenReleased(run) { released ? run() : pending.push(run); }
  function release() {
    if (released) return;
    released = true;
    pending.splice(0).forEach(function (run) { run(); });
  }
  var open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.kbSearchIndex = /\/search\/search_index\.json$/.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var xhr = this, args = arguments;
    if (!xhr.kbSearchIndex) return send.apply(xhr, args);
    whenReleased(function () { send.apply(xhr, args); });
  };
  var RealWorker = window.Worker;
  window.Worker = function (url, options) {
    /* A stand-in that queues listeners and messages until the real worker starts. */
    var real = null, listeners = [], messages = [], self = this;
    this.addEventListener = function (type, fn, opts) { real ? real.addEventListener(type, fn, opts) : listeners.push([type, fn, opts]); };
    this.removeEventListener = function (type, fn) { if (real) real.removeEventListener(type, fn); };
    this.postMessage = function (message) { real ? real.postMessage(message) : messages.push(message); };
    this.terminate = function () { if (real) real.terminate(); };
    whenReleased(function () {
      /* Material's worker file name goes in the worker's name: a URL parameter would not
         survive the offline worker answering from its cache. */
      var material = String(url).replace(/^.*\//, "");
      real = new RealWorker(String(url).replace(/[^/]*$/, "kb-search.js"), Object.assign({}, options, { name: material }));
      real.onmessage = function (event) { if (self.onmessage) self.onmessage(event); };
      listeners.forEach(function (l) { real.addEventListener(l[0], l[1], l[2]); });
      messages.forEach(function (m) { real.postMessage(m); });
    });
  };
  function inSearch(node) { return node && node.closest && node.closest(".md-search, label[for=__search]"); }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) release(); });
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) release(); });
  document.addEventListener("change", function (event) { if (event.target.id === "__search") release(); });
  document.addEventListener("keydown", function (event) { if (/^[/sfS]$/.test(event.key)) release(); });
})();
