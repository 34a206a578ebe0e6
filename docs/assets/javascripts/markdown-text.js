/* Text as Markdown text that reads as the text and holds no structure: the site's one
   escaper, src/guide/core/markdown_text.py, written again for text only the browser has (a
   pasted job ad, in jobad.js's copied report). The same expressions in the same order; a unit
   test (tests/test_job_ad_checker.py) runs both on the same inputs and wants the same output,
   so the rule stays one fact. Loaded only where a script copies reader text as Markdown. */
(function () {
  "use strict";
  var ANYWHERE = /([\\`*_<>|~#])/g, BRACKETS = /(\[[^\[\]]*\](?![(\[:]))|([\[\]])/g,
      REFERENCE = /&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]*;)/g,
      LINE_START = /^(?:([-+=])|(\d{1,9})([.)])|\[(?=[ xX]\]))/,
      PLAIN = /^[^\\`*_<>|~#\[\]&\r\n]*$/, PLAIN_START = /^[ \t\-+=\[0-9]/;

  function escape(value) {
    var text = String(value), out = [];
    if (PLAIN.test(text) && !PLAIN_START.test(text)) return text;
    text.split(/\r\n?|\n/).forEach(function (line) {
      line = line.replace(/^[ \t]+/, "");
      if (!line) return;
      line = line.replace(ANYWHERE, "\\$1").replace(BRACKETS, function (whole, placeholder, bracket) {
        return placeholder || "\\" + bracket;
      }).replace(REFERENCE, "\\&");
      out.push(line.replace(LINE_START, function (whole, mark, number, delimiter) {
        return mark ? "\\" + mark : number ? number + "\\" + delimiter : "\\[";
      }));
    });
    return out.join(" ");
  }

  var api = { escape: escape };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else window.guideMarkdown = api;
})();
