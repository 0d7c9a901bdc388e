/* The not-found page (overrides/404.html) in the reader's language. Loaded in the
   page head, before Material's bundle: the language is the one whose folder the
   missing address is in (/it/anything -> Italian, anything else -> the source
   language); search then uses that language's index, and once the page is
   parsed only that language's notice stays. Without JavaScript every
   language's notice shows. */
(function () {
  "use strict";
  var script = document.currentScript;
  var languages = JSON.parse(script.getAttribute("data-kb-languages") || "[]");
  var holder = document.getElementById("__config");
  var config = JSON.parse(holder.textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var path = location.pathname;
  var rel = path.indexOf(root.pathname) === 0 ? path.slice(root.pathname.length) : path.replace(/^\//, "");
  var chosen = null;
  languages.forEach(function (lang) {
    if (lang.prefix && rel.indexOf(lang.prefix) === 0 && (!chosen || lang.prefix.length > chosen.prefix.length)) chosen = lang;
  });
  chosen = chosen || languages.filter(function (lang) { return !lang.prefix; })[0] || languages[0];
  if (!chosen) return;
  config.base = new URL(chosen.prefix, root).href;
  holder.textContent = JSON.stringify(config);
  document.documentElement.lang = chosen.ui;

  function keepOne() {
    var notices = document.querySelectorAll(".kb-notfound[data-kb-lang]");
    Array.prototype.forEach.call(notices, function (notice) {
      var mine = notice.getAttribute("data-kb-lang") === chosen.code;
      notice.hidden = !mine;
      if (mine) {
        var title = notice.querySelector("h1");
        if (title) document.title = title.textContent + " - " + document.title;
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", keepOne);
  else keepOne();
})();
