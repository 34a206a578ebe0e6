/* Hiring kits: copy each part as formatted text (text/html and text/plain together, so it
   pastes cleanly into Google Docs, Word or an applicant-tracking system) or as Markdown,
   and download the whole kit as one .md file (a Blob link: works from file:// too).
   The page carries each part's Markdown and plain text, rendered at build time, as JSON
   (script[data-kit-data]). Every message it prints comes from the page, in the page's
   language: data-kit-text on the kit (JSON, {name} placeholders), as flow.js's
   data-flow-text. Without JavaScript the buttons stay hidden.
   No framework, no inline script. Works with Material's instant navigation (document$). */
(function () {
  "use strict";
  if (window.guideKit) { window.guideKit.mountAll(); return; }

  function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }

  /* A message of the kit's data-kit-text with its {placeholders} filled in. */
  function message(root, key, values) {
    var text = JSON.parse(root.getAttribute("data-kit-text") || "{}")[key] || key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }

  /* The whole kit as Markdown: the heading and intro, then every part (as the Python side's
     kit_markdown() joins them). */
  function kitMarkdown(root, data) {
    return [data.markdown.header].concat($$(root, "[data-kit-part]").map(function (part) {
      return data.markdown[part.getAttribute("data-kit-part")];
    })).join("\n\n") + "\n";
  }

  /* The part as clean HTML for the clipboard: its heading and content, links made absolute,
     no classes or ids (a word processor keeps only the structure). */
  function partHtml(part) {
    var box = document.createElement("div");
    box.appendChild(part.querySelector("h2").cloneNode(true));
    box.appendChild(part.querySelector("[data-kit-content]").cloneNode(true));
    $$(box, "a[href]").forEach(function (a) { a.setAttribute("href", a.href); });
    $$(box, "*").forEach(function (el) {
      ["class", "id", "data-kit-content", "data-kit-rule", "data-kit-source"].forEach(function (name) {
        el.removeAttribute(name);
      });
    });
    return box.innerHTML;
  }

  function say(status, message) {
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  /* Both formats through the Clipboard API; where it is missing or refused, a copy event
     carries them instead. */
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
    if (!clip) { viaEvent(); return; }
    var write = items["text/html"] && clip.write && window.ClipboardItem
      ? clip.write([new window.ClipboardItem(Object.keys(items).reduce(function (all, type) {
          all[type] = new Blob([items[type]], { type: type });
          return all;
        }, {}))])
      : clip.writeText(items["text/plain"]);
    write.then(done, viaEvent);
  }

  function onClick(root, data, event) {
    var button = event.target.closest("[data-kit-copy]");
    if (!button || !root.contains(button)) return;
    var part = button.closest("[data-kit-part]"), status = part.querySelector("[data-kit-status]"),
        name = part.querySelector("h2").textContent.trim(), html = button.getAttribute("data-kit-copy") === "html",
        label = button.getAttribute("data-kit-label") || button.textContent,
        spoken = button.getAttribute("data-kit-spoken") || button.getAttribute("aria-label");
    button.setAttribute("data-kit-label", label);
    button.setAttribute("data-kit-spoken", spoken);
    var key = part.getAttribute("data-kit-part"), items = html
      ? { "text/html": partHtml(part), "text/plain": data.text[key] }
      : { "text/plain": data.markdown[key] };
    copy(items, function () {
      button.textContent = message(root, "copied");
      button.setAttribute("aria-label", message(root, "copied_label", { name: name }));
      window.setTimeout(function () { button.textContent = label; button.setAttribute("aria-label", spoken); }, 2000);
      say(status, message(root, html ? "copied_html" : "copied_markdown", { name: name }));
    }, function () {
      say(status, message(root, "copy_failed"));
    });
  }

  function mount(root) {
    var link = root.querySelector("[data-kit-download]"),
        data = JSON.parse(root.querySelector("script[data-kit-data]").textContent);
    var url = URL.createObjectURL(new Blob([kitMarkdown(root, data)], { type: "text/markdown;charset=utf-8" }));
    link.href = url;
    link.addEventListener("click", function () {
      say(root.querySelector("[data-kit-status]"), message(root, "downloaded", { file: link.getAttribute("download") }));
    });
    $$(root, "[data-kit-tools]").forEach(function (el) { el.hidden = false; });
    root.addEventListener("click", function (event) { onClick(root, data, event); });
  }

  function mountAll() {
    $$(document, "[data-kit]").forEach(function (root) {
      if (root.hasAttribute("data-kit-ready")) return;
      root.setAttribute("data-kit-ready", "");
      mount(root);
    });
  }

  window.guideKit = { mountAll: mountAll, kitMarkdown: kitMarkdown };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
