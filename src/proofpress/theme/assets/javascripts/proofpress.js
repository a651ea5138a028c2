// Every page: a region that scrolls sideways (a code block, a wide table) must be reachable by
// keyboard, or axe reports scrollable-region-focusable. Material makes a scrolling code block
// focusable only where the device can hover, and takes the tabindex away on touch phones;
// this gives it back whenever the region scrolls, and takes away only what it added itself.
(function () {
  "use strict";
  var SCROLLERS = ".md-typeset pre > code, .md-typeset__scrollwrap";

  function fit(region) {
    var scrolls = region.scrollWidth > region.clientWidth;
    if (scrolls && !region.hasAttribute("tabindex")) {
      region.setAttribute("tabindex", "0");
      region.setAttribute("data-pp-focusable", "");
    } else if (!scrolls && region.hasAttribute("data-pp-focusable")) {
      region.removeAttribute("tabindex");
      region.removeAttribute("data-pp-focusable");
    }
  }

  function fitAll() {
    Array.prototype.forEach.call(document.querySelectorAll(SCROLLERS), fit);
  }

  // Material sets and removes the attribute as its own code blocks resize.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.target.matches(SCROLLERS)) fit(record.target);
    });
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ["tabindex"] });
  window.addEventListener("resize", fitAll);
  fitAll();
})();
