/* Language switcher: keep the reader's place in a flow. Material's switcher already links
   each page to its twin in the other language (mkdocs-static-i18n); a flow keeps its state
   in the address's #fragment ("#hiring/2.5.3", or a node's anchor "#flow-hiring-x"), and
   both languages' flows share their ids and answers, so the fragment means the same
   there: it is added to the switcher's links just before one is used. Other fragments
   (a heading's anchor) differ between languages and are left behind. Every page loads
   this (mkdocs.yml extra_javascript); flow.js changes the fragment with pushState, which
   fires no event, hence the update on use rather than on change. */
(function () {
  "use strict";
  var SWITCHER = "a.md-select__link[hreflang]";

  /* The fragment when it is a flow's state or one of its nodes on this page, else "". */
  function flowFragment() {
    var hash = location.hash, raw = decodeURIComponent(hash.slice(1)), name = raw.split("/")[0], target;
    if (!raw) return "";
    if (document.querySelector('[data-flow="' + CSS.escape(name) + '"]')) return hash;
    target = document.getElementById(raw);
    return target && target.closest("[data-flow]") ? hash : "";
  }

  function update(event) {
    var link = event.target && event.target.closest ? event.target.closest(SWITCHER) : null;
    if (!link) return;
    var base = link.getAttribute("data-guide-href");
    if (base === null) {
      base = link.getAttribute("href").split("#")[0];
      link.setAttribute("data-guide-href", base);
    }
    link.setAttribute("href", base + flowFragment());
  }

  ["pointerdown", "focusin", "click", "auxclick", "contextmenu", "keydown"].forEach(function (type) {
    document.addEventListener(type, update, true);
  });
})();
