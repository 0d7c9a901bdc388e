/* Offline reading, the page side (the worker is sw.js at the site root, written by
   scripts/offline.py).

   - After the page has loaded, at idle, registers the worker and asks it to save
     this language's offline pack in the background: the first visit is not slowed.
   - Shows a notice, in the page's language, when a deploy replaced the version of
     this page the reader has open.
   - On the offline page: lists the other pages of the language saved on the device.
   - In a build without offline support (mkdocs serve, SITE_LANG builds: no
     <meta name="kb-offline">) it registers nothing and removes a worker a full
     build may have left on the same origin, so a developer never sees stale pages. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !document.currentScript) return;
  /* This file is <site root>/assets/javascripts/offline(.min).js. */
  var root = new URL("../../", document.currentScript.src).href;
  var enabled = document.querySelector('meta[name="kb-offline"]');
  var revisionMeta = document.querySelector('meta[name="kb-revision"]');
  var strings = {};
  var holder = document.getElementById("kb-strings");
  if (holder) {
    try { strings = JSON.parse(holder.textContent); } catch (e) { strings = {}; }
  }

  if (!enabled) {
    /* After load, so that the old worker, which still answers this page's own requests
       (and saves them), is done: unregister it first, then delete its caches. */
    var removeAll = function () {
      navigator.serviceWorker.getRegistrations().then(function (registrations) {
        return Promise.all(registrations.filter(function (r) { return r.scope === root; })
          .map(function (r) { return r.unregister(); }));
      }).then(function () {
        if (!window.caches) return null;
        return caches.keys().then(function (names) {
          return Promise.all(names.filter(function (name) { return name.indexOf("kb-") === 0; })
            .map(function (name) { return caches.delete(name); }));
        });
      });
    };
    if (document.readyState === "complete") removeAll();
    else window.addEventListener("load", removeAll);
    return;
  }

  function post(message) {
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.active) registration.active.postMessage(message);
    });
  }
  function check() {
    if (revisionMeta) post({ type: "check", revision: revisionMeta.getAttribute("content") });
  }

  function showUpdated() {
    if (document.getElementById("kb-updated") || !strings["offline.updated"]) return;
    var box = document.createElement("div");
    box.id = "kb-updated";
    box.className = "kb-updated";
    box.setAttribute("role", "status");
    var text = document.createElement("span");
    text.textContent = strings["offline.updated"];
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = strings["offline.reload"];
    button.addEventListener("click", function () { location.reload(); });
    box.appendChild(text);
    box.appendChild(button);
    document.body.appendChild(box);
  }

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "pack-ready") document.documentElement.setAttribute("data-kb-offline", "ready");
    else if (data.type === "pack-failed") document.documentElement.setAttribute("data-kb-offline", "failed");
    else if (data.type === "updated") showUpdated();
    else if (data.type === "activated") check();
  });
  navigator.serviceWorker.addEventListener("controllerchange", check);

  function start() {
    navigator.serviceWorker.register(root + "sw.js", { scope: root }).then(function () {
      check();
      post({ type: "cache-pack" });
    }).catch(function () { /* no offline reading (private mode, blocked): the site works as before */ });
  }
  function atIdle() {
    if (window.requestIdleCallback) window.requestIdleCallback(start, { timeout: 5000 });
    else setTimeout(start, 1000);
  }
  if (document.readyState === "complete") atIdle();
  else window.addEventListener("load", atIdle);

  /* The offline page: add the pages of this language read on this device. */
  var page = document.getElementById("kb-offline-page");
  if (!page || !window.caches) return;
  var lang = document.documentElement.lang;
  var listed = {};
  var packItems = page.querySelectorAll("#kb-offline-pack a");
  Array.prototype.forEach.call(packItems, function (a) {
    listed[a.href] = true;
    caches.match(a.href, { ignoreSearch: true }).then(function (hit) { if (!hit) a.parentNode.hidden = true; });
  });
  caches.open("kb-pages-v1").then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (r) { return !listed[r.url]; }).slice(0, 100).map(function (r) {
        return cache.match(r).then(function (response) { return response.text(); }).then(function (text) {
          var doc = new DOMParser().parseFromString(text, "text/html");
          if (doc.documentElement.lang !== lang) return null;
          var h1 = doc.querySelector("article h1") || doc.querySelector("h1");
          return { url: r.url, title: (h1 ? h1.textContent : doc.title).replace("¶", "").trim() };
        });
      }));
    });
  }).then(function (pages) {
    pages = pages.filter(Boolean).sort(function (a, b) { return a.title.localeCompare(b.title); });
    if (!pages.length) return;
    var list = document.getElementById("kb-offline-read");
    pages.forEach(function (p) {
      var li = document.createElement("li"), a = document.createElement("a");
      a.href = p.url;
      a.textContent = p.title;
      li.appendChild(a);
      list.appendChild(li);
    });
    document.getElementById("kb-offline-read-title").hidden = false;
  });
})();
