/* Guide flows: turns the no-JS decision tree (every node a section, every answer a link)
   into one question at a time. State lives in the URL hash as "#<flow>/<answers>", the
   1-based number of each answer given, e.g. "#hiring/2.5.1". A node's own anchor (the
   no-JS and PDF link, data-anchor-prefix + node id) opens that node. No framework, no
   inline script, no eval.
   Works with Material's instant navigation (document$) and without it. */
(function () {
  "use strict";
  if (window.guideFlow) { window.guideFlow.mountAll(); return; }

  var flows = [];

  function $(root, sel) { return root.querySelector(sel); }
  function $$(root, sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); }
  function text(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  function Flow(root) {
    this.root = root;
    this.id = root.getAttribute("data-flow");
    this.start = root.getAttribute("data-start");
    this.prefix = root.getAttribute("data-anchor-prefix");
    this.nodes = {};
    $$(root, "[data-node]").forEach(function (el) { this.nodes[el.getAttribute("data-node")] = el; }, this);
    this.path = [];
    this.live = $(root, "[data-flow-live]");
    this.notice = $(root, "[data-flow-notice]");
    this.progress = $(root, "[data-flow-progress]");
    this.list = $(root, "[data-flow-answer-list]");
    root.classList.add("guide-flow--js");
    $(root, "[data-flow-controls]").hidden = false;
    this.progress.hidden = false;
    root.addEventListener("click", this.onClick.bind(this));
  }

  Flow.prototype.options = function (id) {
    return $$(this.nodes[id], "[data-next]");
  };

  /* Node ids along a path of answer indexes (the start first). */
  Flow.prototype.walk = function (path) {
    var ids = [this.start];
    for (var i = 0; i < path.length; i++) {
      var link = this.options(ids[i])[path[i]];
      if (!link) return null;
      ids.push(link.getAttribute("data-next"));
    }
    return ids;
  };

  /* A path of answer indexes to node id: the answers shown now when it is on their walk,
     else the shortest route from the start (breadth first, first answer first). A route
     not given by the person is flagged .guess. */
  Flow.prototype.routeTo = function (id) {
    var k = this.walk(this.path).indexOf(id), seen = {}, queue = [[this.start, []]], item;
    if (k >= 0) { item = this.path.slice(0, k); item.guess = this.path.guess; return item; }
    seen[this.start] = true;
    while ((item = queue.shift())) {
      if (item[0] === id) { item[1].guess = true; return item[1]; }
      this.options(item[0]).forEach(function (link, i) {
        var next = link.getAttribute("data-next");
        if (!seen[next]) { seen[next] = true; queue.push([next, item[1].concat([i])]); }
      });
    }
    return false;
  };

  /* Parse the hash into a path of answer indexes; null = not ours, false = ours but unreadable. */
  Flow.prototype.parse = function (hash) {
    var raw = hash.replace(/^#/, ""), bad = false;
    try { raw = decodeURIComponent(raw); } catch (e) { bad = true; }
    if (raw === this.id || raw === "") return [];
    var ours = raw.indexOf(this.id + "/") === 0, anchor = raw.indexOf(this.prefix) === 0;
    if (bad) return ours || anchor ? false : null;
    if (anchor && this.nodes[raw.slice(this.prefix.length)]) return this.routeTo(raw.slice(this.prefix.length));
    if (!ours) return null;
    var parts = raw.slice(this.id.length + 1).split("."), path = [];
    for (var i = 0; i < parts.length; i++) {
      if (!/^[1-9][0-9]?$/.test(parts[i])) return false;
      path.push(parseInt(parts[i], 10) - 1);
    }
    return this.walk(path) ? path : false;
  };

  Flow.prototype.hashFor = function (path) {
    return "#" + this.id + (path.length ? "/" + path.map(function (i) { return i + 1; }).join(".") : "");
  };

  Flow.prototype.current = function () {
    var ids = this.walk(this.path);
    return ids[ids.length - 1];
  };

  Flow.prototype.go = function (path) {
    var hash = this.hashFor(path);
    if (location.hash === hash) { this.show(path, true); } else { location.hash = hash; }
  };

  Flow.prototype.fromLocation = function (moveFocus) {
    var path = this.parse(location.hash);
    if (path === null) {
      if (!this.shown) this.show([], false);
      return;
    }
    if (path === false) {
      history.replaceState(history.state, "", this.hashFor([]));
      this.show([], moveFocus);
      this.say(this.notice, "That link could not be read as answers to these questions, so the flow starts again from the first question.");
    } else {
      this.show(path, moveFocus);
      if (!path.guess) return;
      this.say(this.notice, "This link opened " + (this.nodes[this.current()].getAttribute("data-kind") === "outcome"
        ? "this result" : "Question " + (path.length + 1)) + " directly, so the answers before it are not known. " +
        "\u201cYour answers\u201d shows one route that leads here; change any that do not fit.");
    }
    var notice = this.notice, node = this.nodes[this.current()];
    /* The browser may still scroll to a node's anchor (until the page has loaded): have it
       stop where the notice shows too. */
    node.style.scrollMarginTop = node.getBoundingClientRect().top - notice.getBoundingClientRect().top +
      parseFloat(getComputedStyle(notice).scrollMarginTop) + "px";
    notice.scrollIntoView({ block: "nearest" });
  };

  Flow.prototype.say = function (el, message) {
    el.textContent = message;
    el.hidden = !message;
  };

  /* The answers so far as [question text, answer label, question id] triples. */
  Flow.prototype.answers = function () {
    var ids = this.walk(this.path);
    return this.path.map(function (choice, i) {
      var q = this.nodes[ids[i]];
      return [text($(q, "[data-flow-question]")), text($(this.options(ids[i])[choice], "[data-flow-label]")), ids[i]];
    }, this);
  };

  Flow.prototype.show = function (path, moveFocus) {
    this.path = path;
    this.shown = true;
    var id = this.current(), node = this.nodes[id], self = this;
    Object.keys(this.nodes).forEach(function (key) {
      self.nodes[key].classList.toggle("guide-flow__node--current", key === id);
    });
    this.say(this.notice, "");
    var isOutcome = node.getAttribute("data-kind") === "outcome";
    var left = parseInt(node.getAttribute("data-left"), 10) || 0;
    this.progress.textContent = isOutcome
      ? "Result after " + path.length + (path.length === 1 ? " answer" : " answers")
      : "Question " + (path.length + 1) + " of at most " + (path.length + left);

    this.list.textContent = "";
    this.answers().forEach(function (a, i) {
      var li = document.createElement("li"), q = document.createElement("span"),
          ans = document.createElement("strong"), change = document.createElement("button");
      q.textContent = a[0] + " ";
      ans.textContent = a[1];
      change.type = "button";
      change.className = "guide-flow__change";
      change.setAttribute("data-flow-change", String(i));
      change.textContent = "Change";
      change.setAttribute("aria-label", "Change your answer to: " + a[0]);
      li.appendChild(q); li.appendChild(ans); li.appendChild(document.createTextNode(" ")); li.appendChild(change);
      self.list.appendChild(li);
    });
    this.list.parentNode.hidden = path.length === 0;
    if (isOutcome) this.explain(node);
    $(this.root, '[data-flow-action="back"]').disabled = path.length === 0;

    var heading = $(node, "h2");
    if (moveFocus) {
      heading.focus({ preventScroll: true });
      this.progress.scrollIntoView({ block: "nearest" });
      this.live.textContent = "";
      this.live.textContent = (isOutcome ? "Result: " : this.progress.textContent + ": ") + text($(node, "h2 .guide-flow__text"));
    }
  };

  /* What the answers given tell us: each chosen option's note, and each assumption made on
     an "I'm not sure" with the questions that check it. */
  Flow.prototype.reasons = function () {
    var ids = this.walk(this.path), notes = [], assumed = [];
    this.path.forEach(function (choice, i) {
      var item = this.options(ids[i])[choice].parentNode, note = $(item, "[data-flow-note]"),
          assumes = $(item, "[data-flow-assumes]");
      if (note) notes.push(text(note));
      if (assumes) {
        assumed.push([assumes.getAttribute("data-flow-assumes"),
          $$(this.nodes[ids[i]], "[data-flow-check] li").map(function (li) { return text(li); })]);
      }
    }, this);
    return { notes: notes, assumed: assumed };
  };

  Flow.prototype.explain = function (node) {
    var box = $(node, "[data-flow-based]"), why = this.reasons(), list = $(box, "[data-flow-based-notes]"),
        assumed = $(box, "[data-flow-based-assumed]");
    function add(parent, tag, value) {
      var el = document.createElement(tag);
      el.textContent = value;
      return parent.appendChild(el);
    }
    list.textContent = assumed.textContent = "";
    why.notes.forEach(function (n) { add(list, "li", n); });
    list.hidden = !why.notes.length;
    why.assumed.forEach(function (a) {
      add(assumed, "p", "We assumed: " + a[0] + " Check it by asking your team:");
      var ul = add(assumed, "ul", "");
      a[1].forEach(function (q) { add(ul, "li", q); });
    });
    box.hidden = !why.notes.length && !why.assumed.length;
  };

  Flow.prototype.summaryText = function () {
    var id = this.current(), node = this.nodes[id], lines = [this.root.getAttribute("data-title"), ""];
    this.answers().forEach(function (a, i) { lines.push((i + 1) + ". " + a[0] + " " + a[1]); });
    if (this.path.length) lines.push("");
    if (node.getAttribute("data-kind") === "outcome") {
      lines.push("Recommendation: " + text($(node, "[data-flow-outcome]")));
      lines.push(text($(node, "[data-flow-summary]")));
      var why = this.reasons();
      if (why.notes.length) lines.push("", "Based on your answers:");
      why.notes.forEach(function (n) { lines.push("- " + n); });
      why.assumed.forEach(function (a) {
        lines.push("", "We assumed: " + a[0] + " Check it by asking your team:");
        a[1].forEach(function (q) { lines.push("- " + q); });
      });
    } else {
      lines.push("Not finished. Next question: " + text($(node, "[data-flow-question]")));
    }
    lines.push("", "Link: " + this.link());
    return lines.join("\n");
  };

  Flow.prototype.link = function () {
    return location.href.split("#")[0] + this.hashFor(this.path);
  };

  Flow.prototype.copy = function (value, done) {
    var self = this;
    function fallback() {
      var area = document.createElement("textarea"), ok = false;
      area.value = value;
      area.setAttribute("readonly", "");
      area.className = "guide-flow__copy-area";
      document.body.appendChild(area);
      area.select();
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      self.live.textContent = ok ? done : "Copying did not work here; select the text and copy it by hand.";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(value).then(function () { self.live.textContent = done; }, fallback);
    } else {
      fallback();
    }
  };

  Flow.prototype.onClick = function (event) {
    var target = event.target.closest("[data-next], [data-flow-action], [data-flow-change]");
    if (!target || !this.root.contains(target)) return;
    if (target.hasAttribute("data-next")) {
      var node = target.closest("[data-node]");
      if (!node || node.getAttribute("data-node") !== this.current()) return;
      event.preventDefault();
      this.go(this.path.concat([this.options(this.current()).indexOf(target)]));
    } else if (target.hasAttribute("data-flow-change")) {
      this.go(this.path.slice(0, parseInt(target.getAttribute("data-flow-change"), 10)));
    } else {
      var action = target.getAttribute("data-flow-action");
      if (action === "back" && this.path.length) this.go(this.path.slice(0, -1));
      else if (action === "restart") this.go([]);
      else if (action === "copy-link") this.copy(this.link(), "Link copied.");
      else if (action === "copy-summary") this.copy(this.summaryText(), "Summary copied.");
    }
  };

  function mountAll() {
    flows = flows.filter(function (f) { return document.body.contains(f.root); });
    $$(document, "[data-flow]").forEach(function (root) {
      if (root.hasAttribute("data-flow-ready")) return;
      root.setAttribute("data-flow-ready", "");
      var flow = new Flow(root);
      flows.push(flow);
      flow.fromLocation(false);
    });
  }

  window.addEventListener("hashchange", function () {
    flows.forEach(function (f) { f.fromLocation(true); });
  });
  window.guideFlow = { mountAll: mountAll };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
