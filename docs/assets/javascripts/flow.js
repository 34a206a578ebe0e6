/* Guide flows: the no-JS tree (overrides/partials/guide-flow.html) becomes one question at a
   time; needs guide.js. Route (path in the address: "#<flow>/<answer numbers>"), View,
   Diagram, Summary (joins data-flow-copy), Flow (history, clicks). One file: 8 KB budget. */
(function () {
  "use strict";
  if (window.guideFlow) { window.guideFlow.mountAll(); return; }
  var g = window.guide, $ = g.$, $$ = g.$$, text = g.text;

  function add(parent, tag, value) {
    var el = document.createElement(tag);
    el.textContent = value;
    return parent.appendChild(el);
  }

  /* ── Route ── */
  function Route(root) {
    this.id = root.getAttribute("data-flow");
    this.start = root.getAttribute("data-start");
    this.prefix = root.getAttribute("data-anchor-prefix");
    this.nodes = {};
    $$(root, "[data-node]").forEach(function (el) { this.nodes[el.getAttribute("data-node")] = el; }, this);
  }

  Route.prototype.options = function (id) { return $$(this.nodes[id], "[data-next]"); };

  /* Node ids along a path (the start first), or null when an answer does not exist. */
  Route.prototype.walk = function (path) {
    var ids = [this.start];
    for (var i = 0; i < path.length; i++) {
      var link = this.options(ids[i])[path[i]];
      if (!link) return null;
      ids.push(link.getAttribute("data-next"));
    }
    return ids;
  };

  /* A path to node id: path's own when on its walk, else the shortest (flagged .guess). */
  Route.prototype.routeTo = function (id, path) {
    var k = this.walk(path).indexOf(id), seen = {}, queue = [[this.start, []]], item;
    if (k >= 0) { item = path.slice(0, k); item.guess = path.guess; return item; }
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

  /* The path in hash: null = not this flow's, false = unreadable. */
  Route.prototype.parse = function (hash, path) {
    var raw = hash.replace(/^#/, ""), bad = false;
    try { raw = decodeURIComponent(raw); } catch (e) { bad = true; }
    if (raw === this.id || raw === "") return [];
    var ours = raw.indexOf(this.id + "/") === 0, anchor = raw.indexOf(this.prefix) === 0;
    if (bad) return ours || anchor ? false : null;
    if (anchor && this.nodes[raw.slice(this.prefix.length)]) return this.routeTo(raw.slice(this.prefix.length), path);
    if (!ours) return null;
    var parts = raw.slice(this.id.length + 1).split("."), found = [];
    for (var i = 0; i < parts.length; i++) {
      if (!/^[1-9][0-9]?$/.test(parts[i])) return false;
      found.push(parseInt(parts[i], 10) - 1);
    }
    return this.walk(found) ? found : false;
  };

  /* data-flow-records */
  Route.prototype.facts = function (path) {
    var ids = this.walk(path), facts = {};
    path.forEach(function (choice, i) {
      (this.options(ids[i])[choice].getAttribute("data-flow-records") || "").replace(/(\S+)=(\S+)/g, function (m, k, v) { facts[k] = v; });
    }, this);
    return facts;
  };

  /* data-flow-when */
  function holds(c, facts) {
    if (c[0] === "is") return c.indexOf(facts[c[1]], 2) > 1;
    if (c[0] === "not") return !holds(c[1], facts);
    for (var i = 1, all = c[0] === "all"; i < c.length; i++) if (holds(c[i], facts) !== all) return !all;
    return all;
  }

  Route.prototype.hashFor = function (path) {
    return "#" + this.id + (path.length ? "/" + path.map(function (i) { return i + 1; }).join(".") : "");
  };

  /* ── View ── */
  function View(root, route, t) {
    this.root = root;
    this.route = route;
    this.t = t;
    this.live = $(root, "[data-flow-live]");
    this.notice = $(root, "[data-flow-notice]");
    this.progress = $(root, "[data-flow-progress]");
    this.list = $(root, "[data-flow-answer-list]");
    root.classList.add("guide-flow--js");
    $$(root, "[data-flow-controls]").forEach(function (el) { el.hidden = false; });
    this.progress.hidden = false;
  }

  View.prototype.say = function (message) {
    this.notice.textContent = message;
    this.notice.hidden = !message;
  };

  /* given: the answer given before (after Change), marked in words too. */
  View.prototype.show = function (path, given, moveFocus) {
    var t = this.t, route = this.route, ids = route.walk(path), id = ids[ids.length - 1], node = route.nodes[id];
    Object.keys(route.nodes).forEach(function (key) {
      route.nodes[key].classList.toggle("guide-flow__node--current", key === id);
    });
    this.say("");
    var isOutcome = node.getAttribute("data-kind") === "outcome", left = parseInt(node.getAttribute("data-left"), 10) || 0;
    this.progress.textContent = isOutcome
      ? (path.length === 1 ? t("result_after_one") : t("result_after", { count: path.length }))
      : t("step", { step: path.length + 1, total: path.length + left });
    this.answers(path, ids);
    $$(this.root, ".guide-flow__option--given").forEach(function (link) {
      link.classList.remove("guide-flow__option--given");
      link.removeChild($(link, ".guide-flow__given"));
    });
    var mark = route.options(id)[given];
    if (mark) {
      mark.classList.add("guide-flow__option--given");
      add(mark, "span", " " + t("your_answer")).className = "guide-flow__given";
    }
    if (isOutcome) this.explain(node, path, ids);
    $(this.root, '[data-flow-action="back"]').disabled = path.length === 0;
    if (moveFocus) {
      $(node, "h2").focus({ preventScroll: true });
      this.progress.scrollIntoView({ block: "nearest" });
      var title = text($(node, "h2 .guide-flow__text"));
      g.announce(this.live, isOutcome ? t("result", { title: title }) : this.progress.textContent + t("colon") + " " + title);
    }
  };

  /* "Your answers": each question and answer, with a Change button. */
  View.prototype.answers = function (path, ids) {
    var t = this.t, route = this.route, list = this.list;
    list.textContent = "";
    path.forEach(function (choice, i) {
      var question = text($(route.nodes[ids[i]], "[data-flow-question]")), li = add(list, "li", "");
      add(li, "span", question + " ");
      add(li, "strong", text($(route.options(ids[i])[choice], "[data-flow-label]")));
      li.appendChild(document.createTextNode(" "));
      var change = add(li, "button", t("change"));
      change.type = "button";
      change.className = "guide-flow__change";
      change.setAttribute("data-flow-change", String(i));
      change.setAttribute("aria-label", t("change_label", { question: question }));
    });
    list.parentNode.hidden = path.length === 0;
  };

  /* Each answer's note, and each assumption (an "I'm not sure") with its check questions. */
  View.prototype.explain = function (node, path, ids) {
    var t = this.t, route = this.route, box = $(node, "[data-flow-based]"),
        notes = $(box, "[data-flow-based-notes]"), assumed = $(box, "[data-flow-based-assumed]");
    notes.textContent = assumed.textContent = "";
    var facts = route.facts(path);
    $$(node, "[data-flow-when]").forEach(function (el) { el.hidden = !holds(JSON.parse(el.getAttribute("data-flow-when")), facts); });
    $$(node, "[data-flow-part]").forEach(function (el) { el.hidden = !$$(el, "li:not([hidden])").length; });
    path.forEach(function (choice, i) {
      var item = route.options(ids[i])[choice].parentNode, note = $(item, "[data-flow-note]"),
          assumes = $(item, "[data-flow-assumes]");
      if (note) add(notes, "li", text(note));
      if (assumes) {
        add(assumed, "p", t("assumed", { assumption: assumes.getAttribute("data-flow-assumes") }));
        var ul = add(assumed, "ul", "");
        $$(route.nodes[ids[i]], "[data-flow-check] li").forEach(function (li) { add(ul, "li", text(li)); });
      }
    });
    notes.hidden = !notes.children.length;
    box.hidden = !notes.children.length && !assumed.children.length;
  };

  /* ── Diagram: the route taken, and the current box ── */
  function markDiagram(root, ids) {
    var on = {}, here = ids[ids.length - 1];
    ids.forEach(function (id, i) { on[id] = true; if (i) on[ids[i - 1] + " " + id] = true; });
    $$(root, "[data-diagram-node]").forEach(function (box) {
      var id = box.getAttribute("data-diagram-node");
      box.classList.toggle("is-route", !!on[id]);
      box.classList.toggle("is-here", id === here);
    });
    $$(root, "[data-diagram-edge]").forEach(function (edge) {
      edge.classList.toggle("is-route", !!on[edge.getAttribute("data-diagram-edge")]);
    });
    /* A diagram wider than the column scrolls: keep the current box in view, sideways only. */
    var scroller = $(root, ".guide-flow-diagram__scroll"), box = $(root, '[data-diagram-node="' + here + '"]');
    if (scroller && box && scroller.scrollWidth > scroller.clientWidth) {
      var s = scroller.getBoundingClientRect(), b = box.getBoundingClientRect();
      scroller.scrollLeft += (b.left + b.width / 2) - (s.left + s.width / 2);
    }
  }

  /* ── Summary ── */
  function pieces(el) { return JSON.parse(el.getAttribute("data-flow-copy")); }

  /* A piece in one format (0 text, 1 Markdown): its segments, address where null. */
  function join(piece, format, address, facts, shared) {
    return piece.map(function (s) {
      return s === null ? address : typeof s === "string" ? s : !s.w ? s[format]
        : holds(s.w, facts) ? join(s.s || shared[s.r], format, address, facts, shared) : "";
    }).join("");
  }

  /* The result, or where the reader stopped; link: the result's address. */
  function summary(root, route, path, format, link) {
    var flow = pieces(root), ids = route.walk(path), node = route.nodes[ids[ids.length - 1]], here = pieces(node),
        answers = [], notes = [], assumed = [], facts = route.facts(path);
    function part(piece, address) { return join(piece, format, address, facts, flow.shared); }
    function list(heading, items) { return part(heading) + (items.length ? part(flow.gap) + items.join("\n") : ""); }
    function url(address) {  /* in a Markdown link, ( ) would end the address */
      return format ? address.replace(/[()]/g, encodeURIComponent) : address;
    }
    path.forEach(function (choice, i) {
      var question = pieces(route.nodes[ids[i]]), answer = question.options[choice];
      answers.push((i + 1) + ". " + part(question.question) + part(answer.answer));
      if (answer.note) notes.push(part(answer.note));
      if (answer.assumed) assumed.push(part(answer.assumed));
    });
    var blocks = [part(flow.title), list(flow.answers, answers)];
    if (here.stop) {
      blocks.push(part(here.stop));
    } else {
      var kit = $(node, "[data-flow-kit-link]");
      blocks.push(part(here.result));
      if (notes.length) blocks.push(list(flow.based, notes));
      blocks = blocks.concat(assumed, part(here.details, kit && url(kit.href)));
    }
    blocks.push(part(flow.link, url(link)));
    return blocks.join("\n\n");
  }

  /* ── Flow ── */
  function Flow(root) {
    this.root = root;
    this.route = new Route(root);
    this.t = g.messages(root, "data-flow-text");
    this.view = new View(root, this.route, this.t);
    this.path = [];
    this.carry = null;  /* after Change: the answers to carry on, by question id */
    root.addEventListener("click", this.onClick.bind(this));
  }

  Flow.prototype.current = function () {
    var ids = this.route.walk(this.path);
    return ids[ids.length - 1];
  };

  Flow.prototype.show = function (path, moveFocus) {
    this.path = path;
    this.shown = true;
    var ids = this.route.walk(path);
    this.view.show(path, this.carry && this.carry[ids[ids.length - 1]], moveFocus);
    markDiagram(this.root, ids);
  };

  /* One history entry per move, with where it came from: the flow's Back is the browser's. */
  Flow.prototype.go = function (path) {
    var hash = this.route.hashFor(path);
    if (location.hash !== hash) history.pushState({ guideFlow: this.route.id, from: location.hash }, "", hash);
    this.show(path, true);
  };

  Flow.prototype.answer = function (choice) {
    var route = this.route, path = this.path.concat([choice]), carry = this.carry, id;
    this.carry = null;
    /* After Change, later answers still on the route are kept. */
    while (carry && route.nodes[id = route.walk(path).pop()].getAttribute("data-kind") === "question" &&
           carry[id] !== undefined) {
      path.push(carry[id]);
    }
    this.go(path);
  };

  Flow.prototype.back = function () {
    var parent = this.route.hashFor(this.path.slice(0, -1)), state = history.state;
    this.carry = null;
    if (state && state.guideFlow === this.route.id && state.from === parent) { history.back(); return; }
    history.replaceState(null, "", parent);
    this.show(this.path.slice(0, -1), true);
  };

  Flow.prototype.fromLocation = function (moveFocus) {
    var path = this.route.parse(location.hash, this.path), view = this.view;
    this.carry = null;
    if (path === null) {
      if (!this.shown) this.show([], false);
      return;
    }
    if (path === false) {
      history.replaceState(history.state, "", this.route.hashFor([]));
      this.show([], moveFocus);
      view.say(this.t("unreadable"));
    } else {
      this.show(path, moveFocus);
      if (!path.guess) return;
      var opened = this.route.nodes[this.current()];
      view.say(this.t("opened", { step: opened.getAttribute("data-kind") === "outcome"
        ? this.t("this_result") : text($(opened, ".guide-flow__tag")) }));
    }
    var notice = view.notice, node = this.route.nodes[this.current()];
    /* The browser may still scroll to the node's anchor: stop where the notice shows too. */
    node.style.scrollMarginTop = node.getBoundingClientRect().top - notice.getBoundingClientRect().top +
      parseFloat(getComputedStyle(notice).scrollMarginTop) + "px";
    notice.scrollIntoView({ block: "nearest" });
  };

  Flow.prototype.link = function () {
    return location.href.split("#")[0] + this.route.hashFor(this.path);
  };

  Flow.prototype.onClick = function (event) {
    var target = event.target.closest("[data-next], [data-flow-action], [data-flow-change]");
    if (!target || !this.root.contains(target)) return;
    if (target.hasAttribute("data-next")) {
      var node = target.closest("[data-node]");
      if (!node || node.getAttribute("data-node") !== this.current()) return;
      event.preventDefault();
      this.answer(this.route.options(this.current()).indexOf(target));
    } else if (target.hasAttribute("data-flow-change")) {
      var ids = this.route.walk(this.path), carry = this.carry = {};
      this.path.forEach(function (choice, i) { carry[ids[i]] = choice; });
      this.go(this.path.slice(0, parseInt(target.getAttribute("data-flow-change"), 10)));
    } else {
      var action = target.getAttribute("data-flow-action"), t = this.t, live = this.view.live,
          done = { "copy-link": "link_copied", "copy-summary": "summary_copied", "copy-markdown": "markdown_copied" }[action];
      if (action === "back" && this.path.length) this.back();
      else if (action === "restart") { this.carry = null; this.go([]); }
      else if (done) {
        g.copy({ "text/plain": action === "copy-link" ? this.link()
                 : summary(this.root, this.route, this.path, action === "copy-markdown" ? 1 : 0, this.link()) },
          function () { g.announce(live, t(done)); }, function () { g.announce(live, t("copy_failed")); });
      }
    }
  };

  var flows = [];
  window.addEventListener("hashchange", function () {
    flows = flows.filter(function (f) { return document.body.contains(f.root); });
    flows.forEach(function (f) { f.fromLocation(true); });
  });
  window.guideFlow = { mountAll: g.mount("[data-flow]", "data-flow-ready", function (root) {
    var flow = new Flow(root);
    flows.push(flow);
    flow.fromLocation(false);
  }) };
})();
