// Every page. A region that scrolls sideways (a code block, a wide table) must be reachable by
// keyboard, or axe reports scrollable-region-focusable: Material makes a scrolling code block
// focusable only where the device can hover, and takes the tabindex away on touch phones;
// this gives it back whenever the region scrolls, and takes away only what it added itself.
// Material also wraps each code block's copy button in an unnamed <nav>: with two blocks on a
// page, two landmarks share no name (axe: landmark-unique). A button needs no landmark.
// The bar's menu and search buttons are labels of Material's toggles, made focusable: Space
// presses them, as it presses a button (Material's own keyboard handler presses a focused
// label on Enter). The site's drawer takes the focus when it opens (to its close button), and
// Escape shuts it and gives the focus back to the menu button, as a dialog does.
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

  function tidy(root) {
    Array.prototype.forEach.call(root.querySelectorAll(SCROLLERS), fit);
    Array.prototype.forEach.call(root.querySelectorAll("nav.md-code__nav"), function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  // Material adds the copy buttons, wraps tables, and sets and removes the tabindex as its
  // code blocks resize, after this script has run.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      if (record.type === "attributes") {
        if (record.target.matches(SCROLLERS)) fit(record.target);
      } else if (record.addedNodes.length && record.target.closest(".md-typeset")) {
        tidy(record.target);
      }
    });
  }).observe(document.body, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["tabindex"]
  });
  document.addEventListener("keydown", function (event) {
    var label = event.target;
    if (event.key === " " && label.matches("label[tabindex][for]")) {
      event.preventDefault();
      label.click();
    }
  });
  var drawer = document.getElementById("__drawer");
  if (drawer) {
    drawer.addEventListener("change", function () {
      var close = document.querySelector(".pp-drawer__close");
      if (drawer.checked && close) close.focus();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape" || !drawer.checked) return;
      drawer.checked = false;
      drawer.dispatchEvent(new Event("change"));
      var menu = document.querySelector(".md-header .pp-menu");
      if (menu) menu.focus();
    });
  }
  window.addEventListener("resize", function () {
    tidy(document);
  });
  tidy(document);
})();
