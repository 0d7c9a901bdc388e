/* Reader features of the knowledge base. Plain script, no dependencies, no
   requests: it only reads the page and the strings the template put in it. */
(function () {
  "use strict";

  var strings = {};
  var holder = document.getElementById("kb-strings");
  if (holder) {
    try { strings = JSON.parse(holder.textContent); } catch (e) { strings = {}; }
  }
  function t(key, fallback) { return strings[key] || fallback; }

  /* The section the reader is on. Material's header is fixed, so what is on
     screen starts at its bottom edge. The reader's section is the first heading
     on screen if it sits in the upper third of that area, otherwise the section
     whose text fills the top of the screen (its heading scrolled past). The
     section in the address bar wins while its heading is on screen and the
     reader has not scrolled on past it (a section near the end of a page cannot
     be scrolled to the top). At the very top of a page there is no section. */
  function currentSection() {
    var hashId = location.hash.slice(1);
    try { hashId = decodeURIComponent(hashId); } catch (e) { /* keep it as it is */ }
    var target = hashId && document.getElementById(hashId);
    var header = document.querySelector(".md-header");
    var top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
    var third = top + (window.innerHeight - top) / 3;
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    var above = null, found = null;
    for (var i = 0; i < headings.length; i++) {
      var box = headings[i].getBoundingClientRect();
      if (box.bottom <= top) { above = headings[i]; continue; }
      found = box.top <= third ? headings[i] : above;
      break;
    }
    if (i === headings.length) found = above;
    if (target) {
      var t = target.getBoundingClientRect();
      var visible = t.bottom > top && t.top < window.innerHeight;
      if (visible && (!found || !(found.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING))) return hashId;
    }
    return window.scrollY < 1 || !found ? "" : found.id;
  }

  /* Section ids are the same in every language, so the language menu can take
     the reader to the same section of the same page. The link's address is
     updated before any use of it (click, middle click, "copy link address"). */
  function languageLink(event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    return link && link.closest(".md-select") ? link : null;
  }
  function pointAtSection(link) {
    var section = currentSection();
    link.href = link.href.split("#")[0] + (section ? "#" + section : "");
    return section;
  }
  document.addEventListener("click", function (event) {
    var link = languageLink(event);
    if (!link) return;
    var section = pointAtSection(link);
    if (!section || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    location.href = link.href;
  }, true);
  ["auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = languageLink(event);
      if (link) pointAtSection(link);
    }, true);
  });

  /* Copy link: a button after every h2/h3 that copies the section's address. */
  function announce(button, text) {
    var status = button.parentNode.querySelector(".kb-copy-status");
    status.textContent = text;
    button.classList.add("kb-copied");
    window.setTimeout(function () { status.textContent = ""; button.classList.remove("kb-copied"); }, 2500);
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = document.execCommand("copy");
      document.body.removeChild(area);
      ok ? resolve() : reject(new Error("copy failed"));
    });
  }

  var headings = document.querySelectorAll(".md-content .md-typeset h2[id], .md-content .md-typeset h3[id]");
  Array.prototype.forEach.call(headings, function (heading) {
    var wrapper = document.createElement("span");
    wrapper.className = "kb-copy-link";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "kb-copy-button";
    button.setAttribute("data-section", heading.id);
    var label = t("copy.label", "Copy link to this section") + ": " + heading.textContent.replace(/[¶#]\s*$/, "").trim();
    button.setAttribute("aria-label", label);
    button.title = t("copy.label", "Copy link to this section");
    button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path d="M10.6 13.4a1 1 0 0 1 0-1.4l3-3a3 3 0 1 1 4.2 4.2l-2 2a1 1 0 1 1-1.4-1.4l2-2a1 1 0 1 0-1.4-1.4l-3 3a1 1 0 0 1-1.4 0zm2.8-2.8a1 1 0 0 1 0 1.4l-3 3a3 3 0 1 1-4.2-4.2l2-2a1 1 0 1 1 1.4 1.4l-2 2a1 1 0 1 0 1.4 1.4l3-3a1 1 0 0 1 1.4 0z"/></svg>';
    var status = document.createElement("span");
    status.className = "kb-copy-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(button);
    wrapper.appendChild(status);
    heading.appendChild(wrapper);
    button.addEventListener("click", function () {
      /* The section's address, without what Material added for this visit:
         ?h= (words highlighted after a search) and ?q= (an open search). */
      var address = new URL(location.href);
      address.searchParams.delete("h");
      address.searchParams.delete("q");
      address.hash = heading.id;
      var url = address.href;
      copyText(url).then(
        function () { announce(button, t("copy.done", "Link copied")); },
        function () { announce(button, url); }
      );
    });
  });

  /* Greek words found by search highlighted whatever their accents. The Greek
     index folds accents before stemming (workers/kb-search.js), so the words a
     result passes in ?h= are unaccented stems ("επιστροφ"), which Material's
     own highlighter cannot find in accented text ("επιστροφή"). */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/ς/g, "σ");
  }
  var searched = new URLSearchParams(location.search).get("h");
  var article = document.querySelector(".md-content article");
  if (searched && article && /^el\b/.test(document.documentElement.lang)) {
    var stems = searched.split(/\s+/).map(fold).filter(function (s) { return s.length > 1; });
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest("mark, script, style, button, .kb-cite") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var found = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) found.push(node);
    found.forEach(function (node) {
      var text = node.textContent, parts = [], last = 0, word = /[\p{L}\p{N}]+/gu, match;
      while ((match = word.exec(text))) {
        var folded = fold(match[0]);
        if (!stems.some(function (s) { return folded.indexOf(s) === 0; })) continue;
        parts.push(document.createTextNode(text.slice(last, match.index)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-md-highlight", "");
        mark.textContent = match[0];
        parts.push(mark);
        last = match.index + match[0].length;
      }
      if (!parts.length) return;
      parts.push(document.createTextNode(text.slice(last)));
      node.replaceWith.apply(node, parts);
    });
  }

  /* Names Material leaves out: its search dialog has no accessible name (it
     gets the search field's own, already translated, label), and the ticks of a
     checklist are bare checkboxes whose text sits outside their <label>. */
  var search = document.querySelector(".md-search[role=dialog]");
  var searchInput = search && search.querySelector("input[aria-label], input[placeholder]");
  if (search && searchInput && !search.hasAttribute("aria-label")) {
    search.setAttribute("aria-label", searchInput.getAttribute("aria-label") || searchInput.getAttribute("placeholder"));
  }
  /* Material reads the search field when a key is released. Text that arrives without
     a key (pasted, dictated, picked from the keyboard's suggestions or an input method's
     candidates, as Chinese and Greek are often typed on a phone) would not search until
     one more key: each such change is passed on to Material as a key release. */
  var query = document.querySelector("input[data-md-component=search-query]");
  if (query) {
    var release = function (event) {
      if (event.isComposing) return;  // the input method has not committed the text yet
      query.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    };
    query.addEventListener("input", release);
    query.addEventListener("compositionend", release);
  }
  Array.prototype.forEach.call(document.querySelectorAll(".md-typeset .task-list-item > .task-list-control > input[type=checkbox]"), function (box) {
    if (box.hasAttribute("aria-label") || box.hasAttribute("aria-labelledby")) return;
    var item = box.closest(".task-list-item").cloneNode(true);
    Array.prototype.forEach.call(item.querySelectorAll("ul, ol, .task-list-control"), function (el) { el.remove(); });
    var text = item.textContent.replace(/\s+/g, " ").trim();
    if (text) box.setAttribute("aria-label", text);
  });

  /* Cite this page: switch between the plain-text and BibTeX forms' copy buttons. */
  Array.prototype.forEach.call(document.querySelectorAll("[data-kb-copy-target]"), function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-kb-copy-target"));
      copyText(source.textContent.trim()).then(function () { announce(button, t("cite.done", "Copied")); });
    });
  });
})();
