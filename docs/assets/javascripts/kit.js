/* Hiring kits: copy each part as formatted text (text/html and text/plain together, so it
   pastes cleanly into Google Docs, Word or an applicant-tracking system) or as Markdown,
   and download the whole kit as one .md file (a Blob link: works from file:// too).
   The page carries each part's Markdown and plain text, and the whole file, rendered at
   build time, as JSON (script[data-kit-data]): this script only copies and saves them.
   Every message it prints comes from the page, in the page's language: data-kit-text on
   the kit. Needs guide.js, loaded before it. Without JavaScript the buttons stay hidden. */
(function () {
  "use strict";
  if (window.guideKit) { window.guideKit.mountAll(); return; }
  var g = window.guide, $$ = g.$$;

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

  function onClick(root, data, t, event) {
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
    g.copy(items, function () {
      button.textContent = t("copied");
      button.setAttribute("aria-label", t("copied_label", { name: name }));
      window.setTimeout(function () { button.textContent = label; button.setAttribute("aria-label", spoken); }, 2000);
      g.announce(status, t(html ? "copied_html" : "copied_markdown", { name: name }));
    }, function () {
      g.announce(status, t("copy_failed"));
    });
  }

  function mount(root) {
    var link = root.querySelector("[data-kit-download]"), t = g.messages(root, "data-kit-text"),
        data = JSON.parse(root.querySelector("script[data-kit-data]").textContent);
    link.href = URL.createObjectURL(new Blob([data.download], { type: "text/markdown;charset=utf-8" }));
    link.addEventListener("click", function () {
      g.announce(root.querySelector("[data-kit-status]"), t("downloaded", { file: link.getAttribute("download") }));
    });
    $$(root, "[data-kit-tools]").forEach(function (el) { el.hidden = false; });
    root.addEventListener("click", function (event) { onClick(root, data, t, event); });
  }

  window.guideKit = { mountAll: g.mount("[data-kit]", "data-kit-ready", mount) };
})();
