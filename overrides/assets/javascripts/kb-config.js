/* Runs before Material's bundle reads its configuration (loaded from the
   "config" block of overrides/main.html, right after Material's __config):
   1. each language has its own search index at <language root>/search/, and
      Material finds it (and resolves result links) relative to "base", so base
      becomes this language's root (data-kb-prefix of this script's element);
   2. the per-page hreflang alternates stay in the HTML for crawlers, but are
      taken out of the live page: Material would fetch a sitemap.xml beside
      each of them (404s), and kb.js handles the language menu itself;
   3. search loads on first use (see below).
   A file, not an inline script: the Content-Security-Policy (scripts/csp.py)
   runs no inline script that the theme's templates do not write. */
(function () {
  var prefix = document.currentScript.getAttribute("data-kb-prefix") || "";
  var el = document.getElementById("__config");
  var config = JSON.parse(el.textContent);
  config.base = new URL(prefix, new URL(config.base.replace(/\/?$/, "/"), location.href)).href;
  document.querySelectorAll("link[rel=alternate][hreflang]").forEach(function (link) { link.remove(); });

  /* 3. Search loads on first use, not on every page view. Material fetches
     search/search_index.json at start-up, but the build writes only the index's
     settings there (scripts/search_index.py); the entries, the whole language's
     text, are in full_index.json. Material's "search" setting names its worker:
     it becomes our worker (workers/kb-search.js, word endings), which loads
     Material's worker and the entries when the first query comes (a shared ?q=
     link searches at once). When the reader shows an intent to search (focus or
     click on search, a search shortcut), the worker is told to start loading
     before the first key. */
  config.search = config.search.replace(/[^/]*$/, "kb-search.js");
  el.textContent = JSON.stringify(config);
  var index = new URL("search/full_index.json", config.base).href;
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("kb-search " + index) : null;
  var failed = false;
  function prepare() { if (channel) channel.postMessage("load"); }
  /* The worker could not fetch the entries (no connection, the language not saved on this
     device yet): say so where Material shows the number of results, rather than "no match". */
  if (channel) channel.onmessage = function (event) {
    if (event.data !== "unavailable") return;
    failed = true;
    var meta = document.querySelector(".md-search-result__meta"), holder = document.getElementById("kb-strings");
    var strings = holder ? JSON.parse(holder.textContent) : {};
    if (meta) meta.textContent = strings["search.unavailable"] || "Search is not available: no connection.";
  };
  function inSearch(node) { return node && node.closest && node.closest(".md-search, label[for=__search]"); }
  document.addEventListener("focusin", function (event) { if (inSearch(event.target)) prepare(); });
  document.addEventListener("pointerdown", function (event) { if (inSearch(event.target)) prepare(); });
  document.addEventListener("keydown", function (event) { if (/^[/sfS]$/.test(event.key)) prepare(); });
  /* A search that found no connection runs when the connection comes back (only then:
     a connection that comes and goes does not load search for a reader who never searched). */
  window.addEventListener("online", function () { if (failed) { failed = false; prepare(); } });
})();
