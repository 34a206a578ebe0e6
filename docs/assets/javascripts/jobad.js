/* "Check a job ad": reads a pasted ad in the browser, with the rules the page carries as JSON
   (script[data-jobad-rules], from docs/job-ads/rules.yml, checked at build time). Nothing is
   stored or sent. A plain script on guide.js and markdown-text.js (the copied report's
   Markdown escaper), no modules, no fetch, so it works from file://.
   The reading (`analyse`) touches no DOM: a unit test runs it under Node on every example in
   the rules. Every text from the reader reaches the page through textContent, never as markup.
   How a term matches: the same folding as src/guide/job_ads/terms.py (whole words, any case,
   accents ignored, '*' ending a word matches any ending). */
(function () {
  "use strict";
  var root = typeof window !== "undefined" ? window : globalThis;
  if (root.guideJobAd && root.guideJobAd.mountAll) { root.guideJobAd.mountAll(); return; }

  var MAX_CHARS = 100000, MAX_FILE = 1048576, TITLE_WORDS = 12, LONG_LINE = 25;
  var ROLES = ["ml-engineer", "mlops-engineer", "ai-engineer", "data-engineer"];
  var WORD = "a-z0-9+#", CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;

  /* The text folded for matching, one character for one (so a match's place is the same in the
     original): lower case, accents gone, anything but a letter, digit, '+' or '#' a space. */
  function fold(text) {
    var out = new Array(text.length);
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i), plain = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      out[i] = plain.length === 1 && /[a-z0-9+#]/.test(plain) ? plain : " ";
    }
    return out.join("");
  }

  /* A term as a pattern; for a verb, an open ending is never the person who does it
     ("develop*" finds "develops" and "development", not "developers"; in French "développ*"
     finds "développer", not "développeurs"): `agent` is the language's endings for that. */
  var AGENT_ENDINGS = { en: "er|ers", fr: "eur|eurs|euse|euses" };
  function termSource(term, agent) {
    var words = fold(term.replace(/\*/g, "qqstarqq")).replace(/qqstarqq/g, "*").split(/\s+/);
    return words.filter(Boolean).map(function (word) {
      var stem = word.replace(/\*$/, "").replace(/[+#]/g, "\\$&");
      if (word.charAt(word.length - 1) !== "*") return stem;
      return stem + (agent ? "(?!(?:" + agent + ")(?![" + WORD + "]))" : "") + "[" + WORD + "]*";
    }).join(" +");
  }

  function matcher(terms, agent) {
    if (!terms || !terms.length) return null;
    return new RegExp("(?<![" + WORD + "])(?:" + terms.map(function (t) { return termSource(t, agent); }).join("|") +
                      ")(?![" + WORD + "])", "g");
  }

  /* The original words each match of `re` covers in `line` ({text, folded}). */
  function found(re, line) {
    if (!re) return [];
    var words = [], match;
    re.lastIndex = 0;
    while ((match = re.exec(line.folded)) !== null) {
      var said = line.text.substr(match.index, match[0].length).replace(/\s+/g, " ");
      if (words.indexOf(said) < 0) words.push(said);
      if (!match[0].length) re.lastIndex++;
    }
    return words;
  }

  function has(re, line) { if (!re) return false; re.lastIndex = 0; return re.test(line.folded); }

  /* Words that fire a rule: its phrases, or a verb with an object; none if an exception is there. */
  function fires(rule, line) {
    if (has(rule.unless, line)) return null;
    var words = found(rule.phrases, line);
    if (!words.length && rule.verbs && rule.objects) {
      var verbs = found(rule.verbs, line), objects = verbs.length ? found(rule.objects, line) : [];
      if (verbs.length && objects.length) words = [verbs[0], objects[0]];
    }
    return words.length ? words : null;
  }

  function compile(data) {
    var agent = AGENT_ENDINGS[data.language] || AGENT_ENDINGS.en;
    function rule(r) {
      return { id: r.id, label: r.label, weight: r.weight || 1, reason: r.reason,
               phrases: matcher(r.phrases), verbs: matcher(r.verbs, agent), objects: matcher(r.objects),
               unless: matcher(r.unless) };
    }
    return {
      data: data,
      sections: data.sections.map(function (s) { return { kind: s.kind, re: matcher(s.terms) }; }),
      cues: Object.keys(data.cues).reduce(function (out, kind) { out[kind] = matcher(data.cues[kind]); return out; }, {}),
      openEnd: data.cues.open_pay && data.cues.open_pay.length ? new RegExp("(?<![" + WORD + "])(?:" +
        data.cues.open_pay.map(function (t) { return termSource(t); }).join("|") + ")\\s*$") : null,
      duties: data.duty_rules.map(rule),
      titles: data.titles.map(function (t) { return { role: t.role, re: matcher(t.terms), specialism: matcher(t.specialisms) }; }),
      questions: data.posting.questions.map(function (q) {
        return { q: q, match: rule({ id: q.id, phrases: q.phrases, verbs: q.verbs, objects: q.objects, unless: q.unless }) };
      })
    };
  }

  function line(text, bullet, heading) {
    return { text: text, folded: fold(text), bullet: bullet, heading: heading,
             words: text.split(/\s+/).filter(Boolean).length };
  }

  /* The ad as lines: bullets and Markdown headings marked, long lines cut into sentences. */
  function split(text) {
    var lines = [];
    text.split(/\r\n?|\n|\u2028|\u2029/).forEach(function (raw) {
      var t = raw.replace(CONTROL, " ").trim(), bullet = false, heading = false;
      if (!t) return;
      if (/^#{1,6}\s+/.test(t)) { heading = true; t = t.replace(/^#{1,6}\s+/, "").replace(/\s*#+\s*$/, ""); }
      var mark = /^(?:[-*+\u2022\u00b7\u25aa\u25e6\u2013\u2014\u2023\u2043]|\d{1,2}[.)])\s+/.exec(t);
      if (mark) { bullet = true; t = t.slice(mark[0].length); }
      t = t.replace(/^\*\*(.+)\*\*$/, "$1").trim();
      if (!t) return;
      var first = line(t, bullet, heading);
      if (first.words <= LONG_LINE || heading) { lines.push(first); return; }
      t.split(/(?<=[.!?;])\s+(?=\S)/).forEach(function (sentence) {
        if (sentence.trim()) lines.push(line(sentence.trim(), bullet, false));
      });
    });
    return lines;
  }

  /* A duty's label: the kind of work with the most weight among the rules that fire (the first
     listed on a tie), the words that gave it, and the other kinds that also fired. */
  function label(l, compiled) {
    var score = {}, words = {}, reasons = {}, best = null;
    compiled.duties.forEach(function (rule) {
      var got = fires(rule, l);
      if (!got) return;
      score[rule.label] = (score[rule.label] || 0) + rule.weight;
      (words[rule.label] = words[rule.label] || []).push.apply(words[rule.label], got);
      (reasons[rule.label] = reasons[rule.label] || []).push(rule.id);
      if (best === null || score[rule.label] > score[best]) best = rule.label;
    });
    if (best === null) return { label: "other", words: [], rules: [], also: [] };
    return { label: best, words: unique(words[best]), rules: reasons[best],
             also: Object.keys(score).filter(function (k) { return k !== best; }) };
  }

  /* label(), worked out once per line: a line is read as a heading, a duty and a duty's label. */
  function labelOf(l, compiled) {
    if (!l.labelled) l.labelled = label(l, compiled);
    return l.labelled;
  }

  function unique(list) { return list.filter(function (x, i) { return list.indexOf(x) === i; }); }

  /* A line framed as the person's work ("you will build and train models on years of data"),
     that names work a rule knows: a duty, whatever requirement word it holds, unless a
     requirement cue holds the framing words too ("you will have"). */
  function framed(l, compiled) {
    var said = found(compiled.cues.duty, l);
    if (!said.length || !labelOf(l, compiled).rules.length) return false;
    var required = found(compiled.cues.requirement, l).map(function (w) { return fold(w); });
    return !said.some(function (w) {
      var f = fold(w);
      return required.some(function (r) { return r.indexOf(f) >= 0; });
    });
  }

  function sectionOf(l, compiled) {
    for (var i = 0; i < compiled.sections.length; i++) {
      if (has(compiled.sections[i].re, l)) return compiled.sections[i].kind;
    }
    return null;
  }

  function isHeading(l, compiled, section) {
    if (l.heading) return true;
    if (l.bullet || /:\s*\S/.test(l.text) || AMOUNT_ONE.test(l.text)) return false;
    if (/:$/.test(l.text) && l.words <= 8) return true;
    if (section && l.words <= 6 && !/[.!?]$/.test(l.text)) return true;
    return l.words <= 4 && !/[.!?;,]$/.test(l.text) && labelOf(l, compiled).rules.length === 0;
  }

  /* The title: the title field, else the first line when it is short, else the first
     sentence of a long first line when that is short. */
  function takeTitle(lines, given) {
    if (given && given.trim()) return { text: given.replace(CONTROL, " ").trim(), from: "field" };
    if (!lines.length) return null;
    var first = lines[0], text = first.text.replace(/^(?:job title|title|poste|titre du poste)\s*:\s*/i, "");
    /* "ML Engineer - Kitchener. Build and deploy models. Apply now!": the title is the first
       sentence (of two words or more: "Sr. ML Engineer" is one title), the rest is read. */
    var sentence = /^(\S+\s+[^.!?]*?[^\s.!?])[.!?]\s+(\S.*)$/.exec(text);
    if (sentence && sentence[1].split(/\s+/).length <= TITLE_WORDS) {
      lines[0] = line(sentence[2], first.bullet, false);
      return { text: sentence[1], from: "line" };
    }
    if (first.words <= TITLE_WORDS) { lines.shift(); return { text: text, from: "line" }; }
    return null;
  }

  /* Which roles a title names: in its main part, and in a specialism (a part in parentheses, or
     after a comma or a dash). French inclusive endings, "(e)" or "·e", are not a parenthesis. */
  function readTitle(text, compiled) {
    var clean = text.replace(/\((?:e|ne|le|se|euse|trice|ère)\)|[·•.](?:e|ne|euse|trice)(?![a-zà-ÿ])/gi, "");
    var qualifiers = [], main = clean.replace(/\(([^()]{2,})\)/g, function (whole, inside) {
      qualifiers.push(inside); return " ";
    });
    var cut = /\s[-\u2013\u2014|]\s|,\s/.exec(main);
    if (cut) { qualifiers.push(main.slice(cut.index + cut[0].length)); main = main.slice(0, cut.index); }
    /* "AI/ML Engineer" names "AI Engineer" and "ML Engineer": each side of a slash is read
       with the rest of the title. */
    var slash = /([^\s\/]+)\s*\/\s*([^\s\/]+)/.exec(main);
    if (slash) {
      main = main.slice(0, slash.index) + slash[1] + main.slice(slash.index + slash[0].length) + " , " +
             main.slice(0, slash.index) + slash[2] + main.slice(slash.index + slash[0].length);
    }
    function roles(part, specialism) {
      var l = line(part, false, false), out = [], words = [];
      compiled.titles.forEach(function (t) {
        var got = found(t.re, l);
        if (!got.length && specialism) got = found(t.specialism, l);
        if (got.length && out.indexOf(t.role) < 0) { out.push(t.role); words.push.apply(words, got); }
      });
      return { roles: out, words: words };
    }
    var m = roles(main, false), q = roles(qualifiers.join(" , "), true);
    return { main: m.roles, qualifier: q.roles, words: m.words.concat(q.words) };
  }

  /* The shares count the duties a rule labelled: a line whose words no rule knows is not
     evidence of other work (it may be a role's duty the rules miss). */
  function shares(duties, v) {
    var counts = {}, total = 0, other = 0;
    duties.forEach(function (d) {
      if (ROLES.indexOf(d.label) >= 0) { counts[d.label] = (counts[d.label] || 0) + 1; total++; } else if (d.words.length) { other++; }
    });
    var ranked = ROLES.filter(function (r) { return counts[r]; }).sort(function (a, b) { return counts[b] - counts[a]; });
    /* Mostly other work (software, analysis, management): no role of this guide is the job. */
    var mostlyOther = total + other >= v.min_duties && other / (total + other) > v.other_share;
    var role = "unclear", reason = mostlyOther ? "other" : "few";
    if (total >= v.min_duties && !mostlyOther) role = counts[ranked[0]] / total >= v.role_share ? ranked[0] : "mixed";
    var deep = ranked.filter(function (r) { return counts[r] >= v.unicorn_duties; });
    return { role: role, reason: role === "unclear" ? reason : null, counts: counts, total: total, other: other, ranked: ranked, thresholds: v,
             mixed: ranked.filter(function (r) { return counts[r] / total >= v.mixed_share; }),
             unicorn: deep.length >= v.unicorn_roles, deep: deep };
  }

  function titleMatch(title, verdict) {
    if (!title) return { match: "unknown", why: "missing" };
    var named = unique(title.reading.main.concat(title.reading.qualifier));
    if (!named.length) return { match: "unknown", why: "unknown" };
    if (verdict.role === "unclear" && verdict.reason === "other" && named.some(function (r) { return ROLES.indexOf(r) >= 0; })) {
      return { match: "partly", why: "other", named: named.filter(function (r) { return ROLES.indexOf(r) >= 0; }) };
    }
    if (verdict.role === "unclear") {
      var known = named.filter(function (r) { return ROLES.indexOf(r) >= 0; });
      return known.length ? { match: "unknown", why: "few", named: known } : { match: "unknown", why: "unclear" };
    }
    if (verdict.role === "mixed") {
      var hit = named.some(function (r) { return verdict.mixed.indexOf(r) >= 0; });
      return { match: hit ? "partly" : "no", why: hit ? "mixed" : "no", named: named };
    }
    var r = verdict.role, main = title.reading.main, qual = title.reading.qualifier;
    if (named.length === 1 && named[0] === r) return { match: "yes", why: "yes", named: named };
    if (qual.indexOf(r) >= 0 && main.length && main.indexOf(r) < 0) return { match: "partly", why: "paren", named: main };
    if (named.indexOf(r) >= 0) return { match: "partly", why: "mixed", named: named };
    return { match: "no", why: "no", named: named };
  }

  /* Pay figures: "$120,000", "120 000 $", "$95k", "CAD 120,000", "120,000 CAD", and ranges
     between two of them ("$150-$175K" is $150,000 to $175,000). */
  var NUMBER = "\\d(?:[\\d,.\\s\u00a0\u202f]*\\d)?(?:\\s?[kK](?![a-zA-Z]))?";
  var AMOUNT = "(?:(?:CAD\\s?|CA?\\$\\s?|\\$\\s?)" + NUMBER + "|" + NUMBER + "\\s?(?:\\$|CAD(?![a-zA-Z])|dollars(?![a-zA-Z])))";
  var AMOUNT_RE = new RegExp(AMOUNT, "g"), AMOUNT_ONE = new RegExp(AMOUNT);
  var BETWEEN = "\\s*(?:-|\u2013|\u2014|to|and|à|a|et)\\s*";
  var RANGE_RE = new RegExp("(" + AMOUNT + "|" + NUMBER + ")" + BETWEEN + "(" + AMOUNT + "|" + NUMBER + ")", "gi");
  /* On a line that says pay, bare figures of five or six digits count too ("Salary: 120,000 - 170,000"). */
  var BARE = "\\d{2,3}[,\u00a0\u202f ]?\\d{3}(?![\\d])";
  var BARE_RANGE_RE = new RegExp("(?<![\\d$])(" + BARE + ")" + BETWEEN + "(" + BARE + ")", "gi");
  var BARE_ONE_RE = new RegExp("(?<![\\d$,.])" + BARE, "g");

  function dollars(text) {
    var k = /\d\s?[kK]/.test(text), digits = text.replace(/[^\d.,]/g, "");
    digits = digits.replace(/[.,](\d{2})$/, "").replace(/[.,]/g, "");
    var n = parseInt(digits, 10);
    return isNaN(n) ? null : (k ? n * 1000 : n);
  }

  /* Pay, line by line: ranges on any line but a bonus's or a budget's (a line that also says
     pay counts), single figures only on a line that says pay, and open-ended figures ("up to
     $145,000", "$125,000+") apart: they are not a pay figure. */
  function pay(lines, compiled) {
    var amounts = [], ranges = [], open = [];
    lines.forEach(function (l) {
      var paid = has(compiled.cues.pay, l), covered = [], m;
      if (has(compiled.cues.not_pay, l) && !paid) return;
      [RANGE_RE, BARE_RANGE_RE].forEach(function (re) {
        if (re === BARE_RANGE_RE && !paid) return;
        re.lastIndex = 0;
        while ((m = re.exec(l.text)) !== null) {
          var inside = covered.some(function (c) { return m.index >= c[0] && m.index < c[1]; });
          var money_ = AMOUNT_ONE.test(m[0]) || re === BARE_RANGE_RE;
          var low = dollars(m[1]), high = dollars(m[2]);
          if (low !== null && high !== null && low < 1000 && /\d\s?[kK]/.test(m[2]) && !/\d\s?[kK]/.test(m[1])) low *= 1000;
          if (!inside && money_ && low !== null && high !== null && high > low && low >= 1000) {
            ranges.push({ text: m[0].trim(), low: low, high: high, paid: paid });
            covered.push([m.index, m.index + m[0].length]);
          }
        }
      });
      if (!paid) return;
      [AMOUNT_RE, BARE_ONE_RE].forEach(function (re) {
        if (re === BARE_ONE_RE && amounts.length + open.length) return;
        re.lastIndex = 0;
        while ((m = re.exec(l.text)) !== null) {
          var at = m.index;
          if (covered.some(function (c) { return at >= c[0] && at < c[1]; })) continue;
          covered.push([at, at + m[0].length]);
          var before = line(l.text.slice(Math.max(0, at - 30), at), false, false);
          var opened = compiled.openEnd && compiled.openEnd.test(before.folded);
          (opened || /^\s*\+/.test(l.text.slice(at + m[0].length)) ? open : amounts).push(m[0].trim());
        }
      });
    });
    return { amounts: amounts, ranges: ranges, open: open };
  }

  function money(n, lang) {
    var s = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === "fr" ? "\u00a0" : ",");
    return lang === "fr" ? s + "\u00a0$" : "$" + s;
  }

  /* Whether the rules a question cites apply: "yes", "maybe" (the reader did not say) or "no". */
  function applies(cited, where) {
    var best = "no";
    cited.forEach(function (c) {
      var here;
      if (!where.province) here = "maybe";
      else here = where.province === c.province ? "yes" : "no";
      if (here !== "no" && c.min_employees) here = where.size === "small" ? "no" : where.size === "large" ? here : "maybe";
      if (here !== "no" && where.date && where.date < c.since) here = "no";
      if (here === "yes" || (here === "maybe" && best === "no")) best = here;
    });
    return best;
  }

  /* The words a question's rule fires on, sentence by sentence (a word here and another there
     in the ad says nothing): in the lines that are not duties for a statement the ad should
     make (a product's AI is not a screening disclosure), in every line otherwise. */
  function heard(entry, read, statement) {
    for (var i = 0; i < read.length; i++) {
      if (statement && read[i].kind === "duty") continue;
      var words = fires(entry.match, read[i].line);
      if (words) return words;
    }
    return [];
  }

  function question(entry, read, money_, where, lang, anywhere) {
    var q = entry.q, reach = applies(q.cited, where), words = heard(entry, read, q.check === "present"), good, note, remote = false;
    /* "Remote, anywhere in Canada": the rules of a province the reader did not choose may apply. */
    if (reach === "no" && anywhere && where.province && q.check !== "remote" &&
        applies(q.cited, { province: "", size: where.size, date: where.date }) !== "no") {
      reach = "maybe"; remote = true;
    }
    if (q.check === "pay") {
      var stated = money_.ranges.map(function (r) { return r.text; }).concat(money_.amounts);
      good = stated.length > 0;
      note = good ? { key: "pay_found", values: { pay: stated.slice(0, 3).join(", ") } }
        : money_.open.length ? { key: "pay_open", values: { pay: money_.open.slice(0, 3).join(", ") } } : { key: "not_found" };
    } else if (q.check === "range") {
      /* Every range is checked, those on a line that says pay first; a breach is the one shown. */
      var limits = q.cited[0].limits, ranges = money_.ranges.filter(function (r) { return r.paid; })
        .concat(money_.ranges.filter(function (r) { return !r.paid; }));
      var fits = function (r) { return r.high - r.low <= limits.max_width || r.high > limits.exempt_above; };
      var r = ranges.filter(function (x) { return !fits(x); })[0] || ranges[0];
      if (!r) { good = true; note = { key: "range_none" }; } else {
        var values = { range: r.text, max: money(limits.max_width, lang), top: money(limits.exempt_above, lang) };
        good = fits(r);
        note = { key: r.high - r.low <= limits.max_width ? "range_ok" : good ? "range_exempt" : "range_wide", values: values };
      }
    } else if (q.check === "present") {
      good = words.length > 0;
    } else if (q.check === "absent") {
      good = words.length === 0;
    } else if (q.check === "ask") {
      good = false; note = { key: "cannot_say" };
    } else if (q.check === "ask-if-found") {
      good = words.length === 0;
    } else if (q.check === "remote") {
      var inside = q.cited.some(function (c) { return c.province === where.province; });
      if (inside) { good = true; note = { key: "remote_inside" }; } else {
        good = words.length === 0; reach = words.length ? "maybe" : reach;
      }
    }
    if (!note) note = words.length ? { key: "found", values: { words: words.join(", ") } } : { key: "not_found" };
    /* Only the reader can answer an "ask" question, or one the ad's words raise: never a flag. */
    var asking = q.check === "ask" || q.check === "ask-if-found" || q.check === "remote";
    var status = reach === "no" || good ? "ok" : reach === "yes" && !asking ? "flag" : "ask";
    if (reach === "no") note = { key: "not_applies" };
    return { id: q.id, status: status, note: note, ask: q.ask, fix: q.fix, cited: q.cited, remote: remote,
             applies: reach !== "no" };
  }

  /* The whole reading: lines, kinds, labels, verdicts and the posting questions. */
  function analyse(text, given, where, compiled) {
    var cut = text.length > MAX_CHARS;
    text = (cut ? text.slice(0, MAX_CHARS) : text).replace(CONTROL, " ");
    var lines = split(text), title = takeTitle(lines, given), section = null, out = [], duties = [];
    if (title) title.reading = readTitle(title.text, compiled);
    /* A section's bulleted list ends at the first line that is not a bullet: a pay line or a
       statement after the duties is read on its own, not as one more duty. A bullet that no
       section, cue or rule places continues the list it is in. */
    var listed = false, previous = null, read = title ? [{ line: line(title.text, false, true), kind: "title" }] : [];
    lines.forEach(function (l) {
      var kind, found_ = sectionOf(l, compiled);
      if (isHeading(l, compiled, found_)) {
        section = found_; listed = false; previous = null;
        out.push({ kind: "heading", text: l.text }); read.push({ line: l, kind: "heading" });
        return;
      }
      if (l.bullet) listed = true;
      else if (listed) { section = null; listed = false; }
      if (section === "duties") kind = "duty";
      else if (section === "requirements") kind = "requirement";
      else if (section === "benefits") kind = "benefit";
      else if (section === "about") kind = "blurb";
      else if (section === "apply") kind = "apply";
      else if (has(compiled.cues.requirement, l) && !framed(l, compiled)) kind = "requirement";
      else if (!l.bullet && has(compiled.cues.blurb, l) && !framed(l, compiled)) kind = "blurb";
      else if (labelOf(l, compiled).rules.length) kind = "duty";
      else if (has(compiled.cues.benefit, l)) kind = "benefit";
      else if (l.bullet && previous === "duty") kind = "duty";
      else kind = "blurb";
      var item = { kind: kind, text: l.text };
      read.push({ line: l, kind: kind });
      previous = l.bullet ? kind : null;
      if (kind === "duty") { var got = labelOf(l, compiled); item.label = got.label; item.words = got.words; item.also = got.also; duties.push(item); }
      out.push(item);
    });
    var verdict = shares(duties, compiled.data.verdicts), money_ = pay(read.map(function (r) { return r.line; }), compiled);
    var lang = compiled.data.language, anywhere = read.some(function (r) { return has(compiled.cues.remote_anywhere, r.line); });
    return {
      cut: cut, title: title, lines: out, duties: duties, verdict: verdict, title_match: titleMatch(title, verdict),
      questions: compiled.questions.map(function (entry) { return question(entry, read, money_, where, lang, anywhere); })
    };
  }

  var api = { fold: fold, compile: compile, analyse: analyse, split: split, readTitle: readTitle, pay: pay };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }
  root.guideJobAd = api;
  if (typeof document === "undefined" || !root.guide) return;

  /* ── The page ──────────────────────────────────────────────────────────── */
  var g = root.guide;

  function el(tag, text, attrs) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    return node;
  }

  function roleName(data, id) {
    var role = data.roles.filter(function (r) { return r.id === id; })[0];
    return role ? role.name : id;
  }

  function role(data, id) { return data.roles.filter(function (r) { return r.id === id; })[0]; }

  /* The verdicts and what to do, as plain sentences (with the kits to link), shared by the
     page and the copied report. */
  function sentences(result, data, t) {
    var v = result.verdict, out = { verdicts: [], todo: [] };
    var all = v.total + v.other, share = v.ranked.map(function (r) {
      return t("share", { role: roleName(data, r), percent: Math.round(100 * v.counts[r] / all) });
    });
    if (v.other) share.push(t("share", { role: t("other_work"), percent: Math.round(100 * v.other / all) }));
    share = share.join(", ");
    out.verdicts.push(v.reason === "other" ? t("verdict_other", { shares: share })
      : v.role === "unclear" ? t("verdict_unclear")
      : v.role === "mixed" ? t("verdict_mixed", { shares: share })
      : t("verdict_role", { role: roleName(data, v.role) }) + " (" + share + ")");
    var m = result.title_match, title = result.title ? "\u00ab\u00a0" + result.title.text + "\u00a0\u00bb" : "";
    if (data.language !== "fr" && title) title = "\u201c" + result.title.text + "\u201d";
    var named = (m.named || []).map(function (r) { return roleName(data, r); }).join(t("and"));
    out.verdicts.push(m.why === "missing" ? t("title_missing")
      : m.why === "unknown" ? t("title_unknown", { title: title })
      : m.why === "unclear" ? t("title_unknown", { title: title })
      : m.why === "few" ? t("title_few", { title: title, named: named })
      : m.match === "yes" ? t("title_yes", { title: title })
      : m.why === "paren" ? t("title_partly_paren", { title: title, named: named })
      : m.why === "other" ? t("title_partly_other", { title: title, named: named })
      : m.match === "partly" ? t("title_partly_mixed", { title: title })
      : v.role === "mixed" ? t("title_no_mixed", { title: title, named: named, roles: list(v.mixed.map(function (r) { return roleName(data, r); }), t) })
      : t("title_no", { title: title, named: named, role: roleName(data, v.role) }));
    out.verdicts.push(v.unicorn ? t("unicorn_yes", { count: v.deep.length, roles: v.deep.map(function (r) { return roleName(data, r); }).join(", ") }) : t("unicorn_no"));
    var kitsFor = [];
    if (v.reason === "other") out.todo.push({ text: t("todo_other") });
    else if (v.role === "unclear") out.todo.push({ text: t("todo_more") });
    else if (v.role === "mixed" || v.unicorn) {
      /* A posting for every role the ad asks for in depth (a unicorn) or in a large share
         (mixed), never a pick of two by list order; but only for roles with duties enough
         for a posting of their own, and not when other work is the main of the job. */
      var enough = v.thresholds.unicorn_duties, split = (v.unicorn ? v.deep : v.mixed).filter(function (r) { return v.counts[r] >= enough; });
      if (split.length < 2 || v.other > v.counts[v.ranked[0]]) {
        out.todo.push({ text: t("todo_main", { roles: list(v.mixed.map(function (r) { return role(data, r).title; }), t) }) });
      } else {
        out.todo.push({ text: t("todo_split", { roles: list(split.map(function (r) { return role(data, r).title; }), t) }) });
        kitsFor = split;
      }
    } else {
      out.todo.push({ text: m.match === "yes" ? t("todo_keep") : t("todo_retitle", { title: role(data, v.role).title }) });
      kitsFor = [v.role];
    }
    kitsFor.forEach(function (r) {
      var it = role(data, r);
      if (it.kit_url) out.todo.push({ text: t("todo_kit"), link: it.title, href: it.kit_url });
      else out.todo.push({ text: t("todo_no_kit", { role: it.name }) });
    });
    return out;
  }

  function list(items, t) {
    return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + t("and") + items[items.length - 1];
  }

  function note(q, t) { return t(q.note.key, q.note.values) + (q.remote ? " " + t("remote_anywhere") : ""); }

  function statusText(q, t) { return q.applies ? t("status_" + q.status) : t("status_na"); }

  function report(result, data, t, where, markdown) {
    var e = markdown ? root.guideMarkdown.escape : function (s) { return String(s); }, out = [], s = sentences(result, data, t);
    function abs(href) { var a = document.createElement("a"); a.href = href; return a.href; }
    out.push((markdown ? "# " : "") + e(t("report_title")), "");
    if (result.title) out.push(e(t("report_ad_title", { title: result.title.text })), "");
    s.verdicts.forEach(function (x) { out.push((markdown ? "- " : "") + e(x)); });
    out.push("", (markdown ? "## " : "") + e(t("report_todo")));
    s.todo.forEach(function (x) {
      var link = x.link ? " " + (markdown ? "[" + e(x.link) + "](" + abs(x.href) + ")" : x.link + " (" + abs(x.href) + ")") : "";
      out.push("- " + e(x.text) + link);
    });
    out.push("", (markdown ? "## " : "") + e(t("report_duties")));
    result.duties.forEach(function (d) {
      out.push("- " + e(d.text) + " \u2014 " + e(roleName(data, d.label)) + (d.words.length ? " (" + e(d.words.join(", ")) + ")" : ""));
    });
    out.push("", (markdown ? "## " : "") + e(t("report_questions")), e(where));
    result.questions.forEach(function (q) {
      out.push("- " + e(statusText(q, t) + ": " + q.ask + " " + note(q, t) + (q.status === "ok" ? "" : " " + t("fix", { fix: q.fix }))));
    });
    out.push("", e(t("report_not_legal") + " " + data.not_legal_advice), e(t("report_stored")));
    return out.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
  }

  function mount(box) {
    var data = JSON.parse(box.querySelector("script[data-jobad-rules]").textContent), compiled = compile(data);
    var t = g.messages(box, "data-jobad-text"), $ = function (s) { return box.querySelector(s); };
    var input = $("[data-jobad-input]"), titleField = $("[data-jobad-title]"), result = $("[data-jobad-result]");
    var province = $("[data-jobad-province]"), size = $("[data-jobad-size]"), date = $("[data-jobad-date]");
    var announce = $("[data-jobad-announce]"), copyStatus = $("[data-jobad-copy-status]"), timer = null, last = null;
    var today = new Date();
    date.value = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" + String(today.getDate()).padStart(2, "0");
    $("[data-jobad-tool]").hidden = false;

    function where() {
      return { province: province.value, size: size ? size.value : "", date: date.value };
    }
    function whereText() {
      var p = province.options[province.selectedIndex], s = size ? size.options[size.selectedIndex] : null;
      return t("report_where", { province: p.value ? p.textContent : t("not_sure"),
                                 size: s && s.value ? s.textContent : t("not_sure"), date: date.value || t("not_sure") });
    }

    function show(speak) {
      var text = input.value;
      if (!text.trim()) { result.hidden = true; last = null; if (speak) g.announce(announce, t("empty")); return; }
      var r = analyse(text, titleField.value, where(), compiled), s = sentences(r, data, t);
      last = r;
      result.setAttribute("data-jobad-role", r.verdict.role);
      result.setAttribute("data-jobad-title-match", r.title_match.match);
      result.setAttribute("data-jobad-unicorn", r.verdict.unicorn ? "yes" : "no");
      var verdicts = $("[data-jobad-verdicts]"), todo = $("[data-jobad-todo]"), lines = $("[data-jobad-lines]"),
          checks = $("[data-jobad-checks]");
      [verdicts, todo, lines, checks].forEach(function (n) { n.textContent = ""; });
      if (r.cut) verdicts.appendChild(el("p", t("cut", { count: MAX_CHARS.toLocaleString(data.language) })));
      s.verdicts.forEach(function (x, i) { verdicts.appendChild(el("p", x, { "data-jobad-verdict": ["role", "title", "unicorn"][i] })); });
      s.todo.forEach(function (x) {
        var li = el("li", x.text);
        if (x.link) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("a", x.link, { href: x.href })); }
        todo.appendChild(li);
      });
      $("[data-jobad-summary]").textContent = t("summary", { lines: r.lines.length, duties: r.duties.length });
      var frag = document.createDocumentFragment();
      r.duties.forEach(function (d) {
        var li = el("li", null, { "data-jobad-line": d.label });
        li.appendChild(el("span", d.text, { "class": "guide-jobad__duty" }));
        li.appendChild(document.createTextNode(" "));
        li.appendChild(el("strong", roleName(data, d.label), { "class": "guide-jobad__label guide-jobad__label--" + d.label }));
        li.appendChild(el("span", " " + (d.words.length ? t("words", { words: d.words.join(", ") }) : t("no_words")), { "class": "guide-jobad__words" }));
        frag.appendChild(li);
      });
      lines.appendChild(frag);
      var flags = 0;
      r.questions.forEach(function (q) {
        if (q.status === "flag") flags++;
        var li = el("li", null, { "data-jobad-check": q.id, "data-jobad-status": q.status });
        li.appendChild(el("strong", statusText(q, t), { "class": "guide-jobad__status guide-jobad__status--" + (q.applies ? q.status : "na") }));
        li.appendChild(document.createTextNode(" " + q.ask + " " + note(q, t) + (q.status === "ok" ? "" : " " + t("fix", { fix: q.fix }))));
        /* The dates and sources on a line of their own, in small type: the answer reads first. */
        var cite = el("span", null, { "class": "guide-jobad__cite" });
        q.cited.forEach(function (c, i) {
          cite.appendChild(document.createTextNode((i ? " " : "") + c.province_name + t("colon") + " " + t("since", { date: c.since_text }) + " " + t("source") + " "));
          cite.appendChild(el("a", c.source_label, { href: c.url }));
          cite.appendChild(document.createTextNode("."));
        });
        li.appendChild(cite);
        checks.appendChild(li);
      });
      result.hidden = false;
      if (speak) g.announce(announce, t("announce", { role: s.verdicts[0], flags: flags }));
    }

    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { show(true); }, 400);
    }

    box.querySelector("[data-jobad-form]").addEventListener("submit", function (event) {
      event.preventDefault();
      window.clearTimeout(timer);
      show(true);
    });
    [input, titleField, date].forEach(function (n) { n.addEventListener("input", later); });
    [province, size].forEach(function (n) { if (n) n.addEventListener("change", later); });
    $("[data-jobad-file]").addEventListener("change", function (event) {
      var file = event.target.files && event.target.files[0];
      if (!file) return;
      if (file.size > MAX_FILE || !/\.(txt|md|markdown)$/i.test(file.name)) { g.announce(announce, t("file_refused")); return; }
      var reader = new FileReader();
      reader.onload = function () { input.value = String(reader.result); show(false); g.announce(announce, t("file_opened", { file: file.name })); };
      reader.readAsText(file);
    });
    box.addEventListener("click", function (event) {
      var button = event.target.closest("[data-jobad-copy], [data-jobad-print]");
      if (!button || !last) return;
      if (button.hasAttribute("data-jobad-print")) { window.print(); return; }
      var markdown = button.getAttribute("data-jobad-copy") === "markdown";
      g.copy({ "text/plain": report(last, data, t, whereText(), markdown) },
             function () { g.announce(copyStatus, t(markdown ? "copied_markdown" : "copied_text")); },
             function () { g.announce(copyStatus, t("copy_failed")); });
    });
    if (input.value.trim()) show(false);
  }

  api.report = report;
  api.mountAll = g.mount("[data-jobad]", "data-jobad-ready", mount);
})();
