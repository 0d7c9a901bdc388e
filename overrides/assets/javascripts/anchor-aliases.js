/* Old section links keep working: when the URL's #fragment names an anchor
 * that moved to another page, the build leaves a hidden
 * <a id="old" data-moved-to="../other/#new"> here; send the reader there. */
(function () {
  function follow() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    if (!el || !el.hasAttribute("data-moved-to")) return;
    var to = new URL(el.getAttribute("data-moved-to"), location.href);
    if (to.protocol === location.protocol && to.host === location.host) {
      location.replace(to.href);
    }
  }
  window.addEventListener("hashchange", follow);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(follow); /* Material instant navigation */
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", follow);
  } else {
    follow();
  }
})();
