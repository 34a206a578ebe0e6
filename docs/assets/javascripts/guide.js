/* What flow.js, kit.js and jobad.js share, as window.guide: a plain script loaded before them (no
   modules, no fetch), so pages work from file:// too. */
(function () {
  "use strict";
  if (window.guide) return;

  function $(root, selector) { return root.querySelector(selector); }
  function $$(root, selector) { return Array.prototype.slice.call(root.querySelectorAll(selector)); }

  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  /* t(key, values): a text from the block's JSON attribute, "{name}" filled in; a missing
     key is the page's mistake, not the reader's: warn, show the key. */
  function messages(root, attribute) {
    var all = JSON.parse(root.getAttribute(attribute) || "{}"), has = Object.prototype.hasOwnProperty;
    return function (key, values) {
      if (!has.call(all, key)) { console.warn("guide: no text '" + key + "' in " + attribute); return key; }
      return all[key].replace(/\{(\w+)\}/g, function (whole, name) {
        return values && has.call(values, name) ? String(values[name]) : whole;
      });
    };
  }

  /* Emptied, then filled a moment later: the same message twice is announced twice. */
  function announce(region, message) {
    window.clearTimeout(region.guideAnnounce);
    region.textContent = "";
    region.guideAnnounce = window.setTimeout(function () { region.textContent = message; }, 50);
  }

  /* items: {"text/plain", "text/html"?}, through the Clipboard API, else a copy event. */
  function copy(items, done, failed) {
    function viaEvent() {
      var ok = false;
      function onCopy(event) {
        Object.keys(items).forEach(function (type) { event.clipboardData.setData(type, items[type]); });
        event.preventDefault();
        ok = true;
      }
      document.addEventListener("copy", onCopy);
      try { document.execCommand("copy"); } catch (e) { ok = false; }
      document.removeEventListener("copy", onCopy);
      (ok ? done : failed)();
    }
    var clip = navigator.clipboard;
    if (!clip || !clip.writeText) { viaEvent(); return; }
    var write = items["text/html"] && clip.write && window.ClipboardItem
      ? clip.write([new window.ClipboardItem(Object.keys(items).reduce(function (all, type) {
          all[type] = new Blob([items[type]], { type: type });
          return all;
        }, {}))])
      : clip.writeText(items["text/plain"]);
    write.then(done, viaEvent);
  }

  /* setup(root) once per element (marked ready), on load and on each page Material's
     instant navigation shows; returns the function that looks again. */
  function mount(selector, ready, setup) {
    function mountAll() {
      $$(document, selector).forEach(function (root) {
        if (root.hasAttribute(ready)) return;
        root.setAttribute(ready, "");
        setup(root);
      });
    }
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(mountAll);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", mountAll);
    } else {
      mountAll();
    }
    return mountAll;
  }

  window.guide = { $: $, $$: $$, text: text, messages: messages, announce: announce, copy: copy, mount: mount };
})();
