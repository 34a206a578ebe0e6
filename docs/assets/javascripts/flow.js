/* Guide flows: turns the no-JS decision tree (every node a section, every answer a link)
   into one question at a time. State lives in the URL hash as "#<flow>/<answers>", the
   1-based number of each answer given, e.g. "#hiring/2.5.1". A node's own anchor (the
   no-JS and PDF link, data-anchor-prefix + node id) opens that node. No framework, no
   inline script, no eval.
   Works with Material's instant navigation (document$) and without it.
   Every text it prints comes from the page, in the page's language: data-flow-text on
   the flow (overrides/partials/guide-flow.html, French in i18n/fr.yml), "{name}" marking
   where a value goes. */
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
    this.text = JSON.parse(root.getAttribute("data-flow-text"));
    this.list = $(root, "[data-flow-answer-list]");
    root.classList.add("guide-flow--js");
    $$(root, "[data-flow-controls]").forEach(function (el) { el.hidden = false; });
    this.carry = null;  /* after Change: the answers to carry forward, by question id */
    this.progress.hidden = false;
    root.addEventListener("click", this.onClick.bind(this));
  }

  /* The page's text for key, with each {name} replaced by values[name]. */
  Flow.prototype.t = function (key, values) {
    return this.text[key].replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? String(values[name]) : all;
    });
  };

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

  /* Answers by question id along a path. */
  Flow.prototype.byQuestion = function (path) {
    var ids = this.walk(path), out = {};
    path.forEach(function (choice, i) { out[ids[i]] = choice; });
    return out;
  };

  /* One history entry per move; the entry remembers the screen it came from, so that
     the flow's Back can be the browser's Back. */
  Flow.prototype.go = function (path) {
    var hash = this.hashFor(path);
    if (location.hash !== hash) history.pushState({ guideFlow: this.id, from: location.hash }, "", hash);
    this.show(path, true);
  };

  Flow.prototype.answer = function (choice) {
    var path = this.path.concat([choice]), carry = this.carry, id;
    this.carry = null;
    /* After Change, later answers still on the route are kept: the same answer leads back to
       the same result, another one to the first question on the new route without an answer. */
    while (carry && this.nodes[id = this.walk(path).pop()].getAttribute("data-kind") === "question" &&
           carry[id] !== undefined) {
      path.push(carry[id]);
    }
    this.go(path);
  };

  Flow.prototype.back = function () {
    var parent = this.hashFor(this.path.slice(0, -1)), state = history.state;
    this.carry = null;
    if (state && state.guideFlow === this.id && state.from === parent) { history.back(); return; }
    history.replaceState(null, "", parent);
    this.show(this.path.slice(0, -1), true);
  };

  Flow.prototype.fromLocation = function (moveFocus) {
    var path = this.parse(location.hash);
    this.carry = null;
    if (path === null) {
      if (!this.shown) this.show([], false);
      return;
    }
    if (path === false) {
      history.replaceState(history.state, "", this.hashFor([]));
      this.show([], moveFocus);
      this.say(this.notice, this.t("unreadable"));
    } else {
      this.show(path, moveFocus);
      if (!path.guess) return;
      var opened = this.nodes[this.current()];
      this.say(this.notice, this.t("opened", { step: opened.getAttribute("data-kind") === "outcome"
        ? this.t("this_result") : text($(opened, ".guide-flow__tag")) }));
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
      ? (path.length === 1 ? this.t("result_after_one") : this.t("result_after", { count: path.length }))
      : this.t("step", { step: path.length + 1, total: path.length + left });

    this.list.textContent = "";
    this.answers().forEach(function (a, i) {
      var li = document.createElement("li"), q = document.createElement("span"),
          ans = document.createElement("strong"), change = document.createElement("button");
      q.textContent = a[0] + " ";
      ans.textContent = a[1];
      change.type = "button";
      change.className = "guide-flow__change";
      change.setAttribute("data-flow-change", String(i));
      change.textContent = self.t("change");
      change.setAttribute("aria-label", self.t("change_label", { question: a[0] }));
      li.appendChild(q); li.appendChild(ans); li.appendChild(document.createTextNode(" ")); li.appendChild(change);
      self.list.appendChild(li);
    });
    this.list.parentNode.hidden = path.length === 0;
    $$(this.root, ".guide-flow__option--given").forEach(function (link) {
      link.classList.remove("guide-flow__option--given");
      link.removeChild($(link, ".guide-flow__given"));
    });
    var given = this.carry && this.options(id)[this.carry[id]];
    if (given) {  /* changing an answer: the one given is marked, in words too */
      given.classList.add("guide-flow__option--given");
      var mark = given.appendChild(document.createElement("span"));
      mark.className = "guide-flow__given";
      mark.textContent = " " + this.t("your_answer");
    }
    if (isOutcome) this.explain(node);
    this.mark(this.walk(path));
    $(this.root, '[data-flow-action="back"]').disabled = path.length === 0;

    var heading = $(node, "h2");
    if (moveFocus) {
      heading.focus({ preventScroll: true });
      this.progress.scrollIntoView({ block: "nearest" });
      this.live.textContent = "";
      this.live.textContent = isOutcome ? this.t("result", { title: text($(node, "h2 .guide-flow__text")) })
        : this.progress.textContent + this.t("colon") + " " + text($(node, "h2 .guide-flow__text"));
    }
  };

  /* "You are here" in the diagram: the boxes and arrows of the route taken, and the current box. */
  Flow.prototype.mark = function (ids) {
    var on = {}, here = ids[ids.length - 1];
    ids.forEach(function (id, i) { on[id] = true; if (i) on[ids[i - 1] + " " + id] = true; });
    $$(this.root, "[data-diagram-node]").forEach(function (box) {
      var id = box.getAttribute("data-diagram-node");
      box.classList.toggle("is-route", !!on[id]);
      box.classList.toggle("is-here", id === here);
    });
    $$(this.root, "[data-diagram-edge]").forEach(function (edge) {
      edge.classList.toggle("is-route", !!on[edge.getAttribute("data-diagram-edge")]);
    });
    /* A diagram wider than the column scrolls sideways: keep the current box in view
       (horizontally only, so the page itself does not move). */
    var scroller = $(this.root, ".guide-flow-diagram__scroll"),
        box = $(this.root, '[data-diagram-node="' + here + '"]');
    if (scroller && box && scroller.scrollWidth > scroller.clientWidth) {
      var s = scroller.getBoundingClientRect(), b = box.getBoundingClientRect();
      scroller.scrollLeft += (b.left + b.width / 2) - (s.left + s.width / 2);
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
        assumed = $(box, "[data-flow-based-assumed]"), self = this;
    function add(parent, tag, value) {
      var el = document.createElement(tag);
      el.textContent = value;
      return parent.appendChild(el);
    }
    list.textContent = assumed.textContent = "";
    why.notes.forEach(function (n) { add(list, "li", n); });
    list.hidden = !why.notes.length;
    why.assumed.forEach(function (a) {
      add(assumed, "p", self.t("assumed", { assumption: a[0] }));
      var ul = add(assumed, "ul", "");
      a[1].forEach(function (q) { add(ul, "li", q); });
    });
    box.hidden = !why.notes.length && !why.assumed.length;
  };

  /* The result (or where the person stopped) as blocks: [heading, paragraphs, list items]. */
  Flow.prototype.summary = function () {
    var node = this.nodes[this.current()], blocks = [], why = this.reasons(), self = this;
    blocks.push([this.t("your_answers"), [], this.answers().map(function (a) { return [a[0], a[1]]; }), true]);
    if (node.getAttribute("data-kind") !== "outcome") {
      blocks.push([this.t("not_finished"), [this.t("next_question", { question: text($(node, "[data-flow-question]")) })], []]);
      return blocks;
    }
    blocks.push([this.t("recommendation", { title: text($(node, "[data-flow-outcome]")) }),
      [text($(node, "[data-flow-summary]"))], []]);
    if (why.notes.length) blocks.push([this.t("based"), [], why.notes]);
    why.assumed.forEach(function (a) {
      blocks.push([self.t("assumed_heading"), [self.t("check_it", { assumption: a[0] })], a[1]]);
    });
    blocks.push([this.t("why"), [text($(node, "[data-flow-reasoning]"))], []]);
    $$(node, "[data-flow-part]").forEach(function (part) {
      blocks.push([text($(part, "h3")), [], $$(part, "li").map(function (li) { return text(li); })]);
    });
    var kit = $(node, "[data-flow-kit]"), kitLink = kit && $(kit, "[data-flow-kit-link]");
    if (kit) {  /* [heading, paragraphs, items, numbered, link {label, href}] */
      var kitText = $(kit, "[data-flow-kit-note]") || $(kit, "[data-flow-kit-none]");
      blocks.push([text($(kit, "h3")), kitText ? [text(kitText)] : [], [], false,
        kitLink && { label: text(kitLink), href: kitLink.href }]);
    }
    return blocks;
  };

  Flow.prototype.summaryText = function () {
    var lines = [this.root.getAttribute("data-title")], colon = this.t("colon");
    this.summary().forEach(function (b) {
      lines.push("", b[0] + colon);
      b[1].forEach(function (p) { lines.push(p); });
      b[2].forEach(function (item, i) { lines.push(b[3] ? (i + 1) + ". " + item[0] + " " + item[1] : "- " + item); });
      if (b[4]) lines.splice(lines.length - b[1].length, 0, b[4].label + ": " + b[4].href);
    });
    lines.push("", this.t("link", { url: this.link() }));
    return lines.join("\n");
  };

  /* For Jira, GitHub or Linear: the same text with Markdown marks, data text escaped. */
  Flow.prototype.summaryMarkdown = function () {
    function md(value) { return value.replace(/([\\`*_[\]<>|#])/g, "\\$1"); }
    var lines = ["## " + md(this.root.getAttribute("data-title"))];
    this.summary().forEach(function (b) {
      lines.push("", "**" + md(b[0]) + "**", "");
      if (b[4]) lines.push("[" + md(b[4].label) + "](" + b[4].href.replace(/[()]/g, encodeURIComponent) + ")", "");
      b[1].forEach(function (p) { lines.push(md(p), ""); });
      b[2].forEach(function (item, i) {
        lines.push(b[3] ? (i + 1) + ". " + md(item[0]) + " **" + md(item[1]) + "**" : "- " + md(item));
      });
      if (!b[2].length) lines.pop();
    });
    lines.push("", "[" + md(this.t("open_result")) + "](" + this.link().replace(/[()]/g, encodeURIComponent) + ")");
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
      self.live.textContent = ok ? done : self.t("copy_failed");
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
      this.answer(this.options(this.current()).indexOf(target));
    } else if (target.hasAttribute("data-flow-change")) {
      var carry = this.byQuestion(this.path);
      this.carry = carry;
      this.go(this.path.slice(0, parseInt(target.getAttribute("data-flow-change"), 10)));
    } else {
      var action = target.getAttribute("data-flow-action");
      if (action === "back" && this.path.length) this.back();
      else if (action === "restart") { this.carry = null; this.go([]); }
      else if (action === "copy-link") this.copy(this.link(), this.t("link_copied"));
      else if (action === "copy-summary") this.copy(this.summaryText(), this.t("summary_copied"));
      else if (action === "copy-markdown") this.copy(this.summaryMarkdown(), this.t("markdown_copied"));
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
