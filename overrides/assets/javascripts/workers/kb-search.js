/* The knowledge base's search worker (Material's "search" setting points here:
   overrides/assets/javascripts/kb-config.js). It loads Material's own worker, as it
   is, and the language's index entries only when the reader searches, and adds
   word-ending matching for the languages whose index is stemmed
   (scripts/search_index.py sets the pipeline).

   At start-up Material sends the index's settings (search_index.json holds no
   entries) and waits for "ready": this worker answers at once. The first query,
   or an intent to search announced by the page, makes it fetch full_index.json
   and Material's worker (both named in the settings by the build: kb_index,
   kb_worker; same site only), set Material's worker up with the entries, then
   pass it the queries.

   Material appends a wildcard to every query word ("refunds" becomes
   "refunds*"), and lunr skips the stemmer for wildcard words, so a stemmed index
   would never match a plural. Here each query word is reduced to its stem with
   the index's own functions before Material sees it ("refunds" -> "refund",
   "aggressivo" -> "aggress", "βρίζει" -> "βριζ"), stop words are dropped, and
   Greek accents are folded on both sides (lunr's Greek stemmer only stems
   unaccented words). Chinese and any language without a stemmer pass through. */
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var material = null, index = null, channel = null;  // channel: to and from the page (kb-config.js)
  var lang = null, stemmed = false;

  /* Greek: fold accents before the stop-word filter and the stemmer, in the index. */
  var realImport = self.importScripts;
  self.importScripts = function () {
    realImport.apply(self, arguments);
    var lunr = self.lunr;
    if (lunr && lunr.el && lunr.el.normilizer && !lunr.el.kbFolded) {
      var plugin = lunr.el;
      var folded = function () {
        plugin.apply(this, arguments);
        this.pipeline.before(plugin.stopWordFilter, plugin.normilizer);
      };
      Object.keys(plugin).forEach(function (key) { folded[key] = plugin[key]; });
      folded.kbFolded = true;
      lunr.el = folded;
    }
  };

  function functions() {
    var lunr = self.lunr;
    var own = lang === "en" ? lunr : lunr[lang];
    return own && own.stemmer ? own : null;
  }

  function stemWord(word, own) {
    var lunr = self.lunr;
    var token = new lunr.Token(word.toLowerCase(), {});
    if (lang === "el" && own.normilizer) token = own.normilizer(token);
    if (own.stopWordFilter && own.stopWordFilter(token) === undefined) return "";
    return own.stemmer(token).toString();
  }

  /* Plain words only: anything with lunr query syntax is left as typed. */
  function rewrite(query) {
    var own = stemmed && functions();
    if (!own) return query;
    var words = query.split(/\s+/).filter(Boolean);
    var out = words.map(function (word) {
      return /[+\-*~^:"]/.test(word) ? word : stemWord(word, own);
    }).filter(Boolean);
    return out.length ? out.join(" ") : query;
  }

  /* Material's worker, once loaded: its message listener (called directly) and its
     answers (the "ready" that follows our setup is ours to keep; the page had one). */
  var realAdd = self.addEventListener, realPost = self.postMessage;
  var materialListener = null, settings = null, state = "waiting", queued = [];
  self.addEventListener = function (type, listener, options) {
    if (type === "message" && state === "loading") { materialListener = listener; return; }
    return realAdd.call(self, type, listener, options);
  };
  self.postMessage = function (message) {
    if (message && message.type === READY && state === "loading") {
      state = "ready";
      queued.splice(0).forEach(deliver);
      return;
    }
    return realPost.apply(self, arguments);
  };

  function deliver(message) {
    if (message.type === QUERY && typeof message.data === "string") message = { type: QUERY, data: rewrite(message.data) };
    materialListener.call(self, { data: message });
  }

  function load() {
    if (state !== "waiting" || !settings) return;
    state = "loading";
    fetch(index.href).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + index.href);
      return response.json();
    }).then(function (full) {
      importScripts(material);
      if (!materialListener) throw new Error("kb-search.js: " + material + " registered no message listener");
      lang = full.config.lang.length === 1 ? full.config.lang[0] : null;
      stemmed = (full.config.pipeline || []).indexOf("stemmer") !== -1;
      materialListener.call(self, { data: { type: SETUP, data: { config: full.config, docs: full.docs, options: settings.options } } });
    }).catch(function (error) {
      /* No connection and no offline copy: the page says so (not "no match"). The last query
         waits: the next query, or the connection coming back (the page tells), tries again. */
      console.warn("kb-search.js: search is not available:", error);
      state = "waiting";
      queued.splice(0, queued.length - 1);
      if (channel) channel.postMessage("unavailable");
    });
  }

  realAdd.call(self, "message", function (event) {
    var message = event.data || {};
    if (state === "ready") return deliver(message);
    if (message.type === SETUP) {
      settings = message.data;
      material = settings.config.kb_worker;
      index = new URL(settings.config.kb_index, self.location.href);
      if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("kb-search.js: kb_worker must name Material's search worker");
      if (index.origin !== self.location.origin) throw new Error("kb-search.js: kb_index must be on this site");
      if ("BroadcastChannel" in self && !channel) {
        channel = new BroadcastChannel("kb-search " + index.href);
        channel.onmessage = function (event) { if (event.data === "load") load(); };
      }
      realPost.call(self, { type: READY });
      return;
    }
    if (message.type === QUERY && !String(message.data).trim()) {
      /* Material sends the empty field as soon as it hears "ready": nothing to load for it. */
      realPost.call(self, { type: RESULT, data: { items: [] } });
      return;
    }
    queued.push(message);
    load();
  });
})();
