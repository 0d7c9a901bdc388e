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

  /* The section the reader is on: the one in the address bar while it is
     still on screen, otherwise the last heading scrolled past. */
  function currentSection() {
    var hashId = decodeURIComponent(location.hash.slice(1));
    var target = hashId && document.getElementById(hashId);
    if (target) {
      var box = target.getBoundingClientRect();
      if (box.bottom > 0 && box.top < window.innerHeight) return hashId;
    }
    var headings = document.querySelectorAll(".md-content h2[id], .md-content h3[id]");
    var offset = 80, found = "";
    for (var i = 0; i < headings.length; i++) {
      if (headings[i].getBoundingClientRect().top <= offset) found = headings[i].id;
    }
    return found || hashId;
  }

  /* Section ids are the same in every language, so the language menu can take
     the reader to the same section of the same page. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[hreflang]");
    if (!link || !link.closest(".md-select")) return;
    var section = currentSection();
    if (!section || event.ctrlKey || event.metaKey || event.shiftKey) {
      if (section) link.href = link.href.split("#")[0] + "#" + section;
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
    location.href = link.href.split("#")[0] + "#" + section;
  }, true);

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
      var url = location.href.split("#")[0] + "#" + heading.id;
      copyText(url).then(
        function () { announce(button, t("copy.done", "Link copied")); },
        function () { announce(button, url); }
      );
    });
  });

  /* Cite this page: switch between the plain-text and BibTeX forms' copy buttons. */
  Array.prototype.forEach.call(document.querySelectorAll("[data-kb-copy-target]"), function (button) {
    button.addEventListener("click", function () {
      var source = document.getElementById(button.getAttribute("data-kb-copy-target"));
      copyText(source.textContent.trim()).then(function () { announce(button, t("copy.done", "Copied")); });
    });
  });
})();
