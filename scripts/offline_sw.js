/* The knowledge base's service worker (written to the site root by scripts/offline.py).

   - Nothing is downloaded at install: the first visit is not slowed. A page asks
     for its language's offline pack after load, at idle ("cache-pack"); the files
     are stored under their revision (content hash), so a new deploy downloads only
     what changed and the rest stays.
   - Pages: network first (a page is never older than the server while online);
     after TIMEOUT ms or offline the saved copy is shown; a page never saved shows
     the offline page of its language. Pages read are saved (outside the pack too).
   - Other files of the site: the saved copy of the current revision, else the
     network (then saved).
   - On activation (a new deploy), entries of old revisions and old caches are
     deleted, packs already on the device are refreshed, and open pages are told to
     check whether they changed ("check" -> "updated").
*/
"use strict";
importScripts("__KB_MANIFEST_FILE__");

var M = self.KB_MANIFEST;
var PRECACHE = "kb-precache-v1", PAGES = "kb-pages-v1", META = "kb-meta-v1";
var CACHES = [PRECACHE, PAGES, META];
var TIMEOUT = 4000;
var SCOPE = new URL(self.registration.scope);

function keyOf(path) {
  return new URL(path + (path.indexOf("?") < 0 ? "?" : "&") + "__kb=" + M.files[path], SCOPE).href;
}
/* The site-relative path of a URL of this site, "" for the root; null outside the scope. */
function pathOf(url) {
  var u = new URL(url);
  if (u.origin !== SCOPE.origin || u.pathname.indexOf(SCOPE.pathname) !== 0) return null;
  var path = decodeURI(u.pathname.slice(SCOPE.pathname.length));
  return path.replace(/(^|\/)index\.html$/, "$1");
}
function langOf(path) {
  var best = M.source;
  Object.keys(M.langs).forEach(function (code) {
    var prefix = M.langs[code];
    if (prefix && path.indexOf(prefix) === 0) best = code;
  });
  return best;
}
function metaGet(name) {
  return caches.open(META).then(function (c) { return c.match(name); })
    .then(function (r) { return r ? r.json() : null; });
}
function metaPut(name, value) {
  return caches.open(META).then(function (c) {
    return c.put(name, new Response(JSON.stringify(value), { headers: { "Content-Type": "application/json" } }));
  });
}
function revisionIn(text) {
  var m = /name="?kb-revision"? content="?([0-9a-f]{16})/.exec(text);
  return m ? m[1] : null;
}

/* -- The offline pack ------------------------------------------------------ */

var packing = {};
function cachePack(lang) {
  if (!M.packs[lang]) return Promise.resolve(null);
  if (packing[lang]) return packing[lang];
  packing[lang] = caches.open(PRECACHE).then(function (cache) {
    var todo = M.packs[lang].slice(), fetched = 0;
    function next() {
      var path = todo.shift();
      if (path === undefined) return Promise.resolve();
      var key = keyOf(path);
      return cache.match(key).then(function (hit) {
        if (hit) return;
        /* "no-cache": revalidated with the server, so the HTTP cache cannot hand
           back an older file under the new revision. */
        return fetch(new URL(path, SCOPE).href, { cache: "no-cache", credentials: "same-origin" }).then(function (response) {
          if (!response.ok) throw new Error(response.status + " " + path);
          fetched++;
          return cache.put(key, response);
        });
      }).then(next);
    }
    return Promise.all([next(), next(), next()]).then(function () {
      return metaGet("packs").then(function (packs) {
        packs = packs || [];
        if (packs.indexOf(lang) < 0) packs.push(lang);
        return metaPut("packs", packs);
      });
    }).then(function () { return { lang: lang, files: M.packs[lang].length, fetched: fetched }; });
  }).finally(function () { delete packing[lang]; });
  return packing[lang];
}

/* -- Install, activate ----------------------------------------------------- */

self.addEventListener("install", function () { self.skipWaiting(); });

self.addEventListener("activate", function (event) {
  event.waitUntil(Promise.all([metaGet("manifest"), metaGet("history")]).then(function (found) {
    var old = found[0] || {}, history = found[1] || {};
    /* Revisions readers may still have open, so that they can be told of the change. */
    Object.keys(old).forEach(function (path) {
      if (old[path] !== M.files[path] && M.files[path]) {
        history[path] = [old[path]].concat(history[path] || []).slice(0, 5);
      }
    });
    var keep = {};
    Object.keys(M.files).forEach(function (path) { keep[keyOf(path)] = true; });
    return Promise.all([
      metaPut("manifest", M.files),
      metaPut("history", history),
      caches.keys().then(function (names) {
        return Promise.all(names.filter(function (n) { return n.indexOf("kb-") === 0 && CACHES.indexOf(n) < 0; })
          .map(function (n) { return caches.delete(n); }));
      }),
      caches.open(PRECACHE).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.filter(function (r) { return !keep[r.url]; }).map(function (r) { return cache.delete(r); }));
        });
      }),
      /* Pages read outside the pack: kept only while they are the current version. */
      caches.open(PAGES).then(function (cache) {
        return cache.keys().then(function (requests) {
          return Promise.all(requests.map(function (request) {
            return cache.match(request).then(function (response) { return response.text(); }).then(function (text) {
              var path = pathOf(request.url);
              if (path === null || !M.files[path] || revisionIn(text) !== M.files[path]) return cache.delete(request);
            });
          }));
        });
      })
    ]);
  }).then(function () { return self.clients.claim(); }).then(function () {
    return self.clients.matchAll({ type: "window" }).then(function (clients) {
      clients.forEach(function (client) { client.postMessage({ type: "activated" }); });
    });
  }).then(function () {
    /* Packs already on this device follow the deploy (only changed files are fetched). */
    return metaGet("packs").then(function (packs) {
      return Promise.all((packs || []).map(function (lang) { return cachePack(lang).catch(function () {}); }));
    });
  }));
});

/* -- Messages from pages --------------------------------------------------- */

self.addEventListener("message", function (event) {
  var data = event.data || {}, source = event.source;
  var path = source && source.url ? pathOf(source.url) : null;
  if (path === null) return;
  if (data.type === "cache-pack") {
    var lang = langOf(path);
    /* The page that asked was loaded before the worker ran: save it too (a page read). */
    var page = source.url.split("#")[0].split("?")[0];
    var saved = M.packs[lang].indexOf(path) >= 0 ? Promise.resolve() : caches.open(PAGES).then(function (cache) {
      return cache.match(page).then(function (hit) {
        if (hit) return;
        return fetch(page, { credentials: "same-origin" }).then(function (response) {
          if (response.ok && response.type === "basic") return cache.put(page, response);
        });
      });
    }).catch(function () {});
    event.waitUntil(saved.then(function () { return cachePack(lang); }).then(function (done) {
      if (done) source.postMessage({ type: "pack-ready", lang: lang, files: done.files, fetched: done.fetched });
    }, function (error) {
      source.postMessage({ type: "pack-failed", lang: lang, error: String(error) });
    }));
  } else if (data.type === "check") {
    /* Tell the page if the reader has a version of it that a deploy has replaced. */
    event.waitUntil(metaGet("history").then(function (history) {
      var current = M.files[path], mine = data.revision;
      if (mine && current && mine !== current && (history && history[path] || []).indexOf(mine) >= 0) {
        source.postMessage({ type: "updated", path: path });
      }
    }));
  }
});

/* -- Fetch ------------------------------------------------------------------ */

function fromCache(path, url) {
  var lookups = [];
  if (M.files[path]) lookups.push(caches.open(PRECACHE).then(function (c) { return c.match(keyOf(path)); }));
  lookups.push(caches.open(PAGES).then(function (c) { return c.match(url, { ignoreSearch: true }); }));
  return Promise.all(lookups).then(function (hits) { return hits[0] || hits[1] || null; });
}

function offlinePage(path) {
  var wanted = M.langs[langOf(path)] + "offline.html";
  var others = Object.keys(M.langs).map(function (code) { return M.langs[code] + "offline.html"; });
  var order = [wanted].concat(others.filter(function (p) { return p !== wanted; }));
  return caches.open(PRECACHE).then(function (cache) {
    function tryNext() {
      var candidate = order.shift();
      if (candidate === undefined) return null;
      return cache.match(keyOf(candidate)).then(function (hit) { return hit || tryNext(); });
    }
    return tryNext();
  }).then(function (hit) {
    if (!hit) return Response.error();
    return hit.text().then(function (text) {
      return new Response(text.replace('<base href="__KB_SCOPE_TOKEN__">', '<base href="' + SCOPE.href + '">'), {
        status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }
      });
    });
  });
}

function navigate(event, path) {
  var request = event.request;
  var network = fetch(request).then(function (response) {
    if (response.ok && response.type === "basic") {
      var copy = response.clone();
      event.waitUntil(caches.open(PAGES).then(function (c) { return c.put(request.url.split("#")[0].split("?")[0], copy); }));
    }
    return response;
  });
  var timer;
  var slow = new Promise(function (resolve) { timer = setTimeout(resolve, TIMEOUT); }).then(function () {
    return fromCache(path, request.url);
  });
  return Promise.race([
    network.then(function (r) { clearTimeout(timer); return r; }, function () { return null; }),
    slow.then(function (hit) { return hit || network; })
  ]).then(function (response) {
    if (response) return response;
    return fromCache(path, request.url).then(function (hit) { return hit || offlinePage(path); });
  }).catch(function () {
    return fromCache(path, request.url).then(function (hit) { return hit || offlinePage(path); });
  });
}

function asset(event, path) {
  var request = event.request;
  return caches.open(PRECACHE).then(function (cache) {
    var key = keyOf(path);
    return cache.match(key).then(function (hit) {
      if (hit) return hit;
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") {
          var copy = response.clone();
          event.waitUntil(cache.put(key, copy));
        }
        return response;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var path = pathOf(request.url);
  if (path === null) return;
  if (request.mode === "navigate") {
    event.respondWith(navigate(event, path));
  } else if (M.files[path] && new URL(request.url).search === "") {
    event.respondWith(asset(event, path));
  }
  /* Anything else goes to the network as if there were no worker. */
});
