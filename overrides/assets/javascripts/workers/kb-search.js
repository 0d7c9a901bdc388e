/* The knowledge base's search worker: Material's own search worker, loaded as it
   is (its file name comes as this worker's name, so no URL parameter keeps the
   offline worker from answering with its cached copy), plus word-ending matching for the
   languages whose index is stemmed (scripts/search_index.py sets the pipeline).

   Material appends a wildcard to every query word ("refunds" becomes
   "refunds*"), and lunr skips the stemmer for wildcard words, so a stemmed index
   would never match a plural. Here each query word is reduced to its stem with
   the index's own functions before Material sees it ("refunds" -> "refund",
   "aggressivo" -> "aggress", "βρίζει" -> "βριζ"), stop words are dropped, and
   Greek accents are folded on both sides (lunr's Greek stemmer only stems
   unaccented words). Chinese and any language without a stemmer pass through. */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2;
  var material = self.name;
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material || "")) throw new Error("kb-search.js: the worker's name must be Material's search worker");
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

  var realAdd = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return realAdd.call(self, type, listener, options);
    return realAdd.call(self, type, function (event) {
      var message = event.data;
      if (message && message.type === SETUP) {
        var config = message.data.config;
        lang = config.lang.length === 1 ? config.lang[0] : null;
        stemmed = (config.pipeline || []).indexOf("stemmer") !== -1;
      } else if (message && message.type === QUERY && typeof message.data === "string") {
        return listener.call(this, { data: { type: QUERY, data: rewrite(message.data) } });
      }
      return listener.call(this, event);
    }, options);
  };

  importScripts(material);
})();
