/* Progressive enhancement only: every page works without this file. */
(function () {
  "use strict";

  // The filter panel is open by default (so it works without JavaScript);
  // on narrow screens fold it away so the results come first.
  function foldFilters() {
    var panels = document.querySelectorAll("details[data-collapse-below]");
    for (var i = 0; i < panels.length; i++) {
      var limit = parseInt(panels[i].getAttribute("data-collapse-below"), 10) || 0;
      if (window.innerWidth < limit) {
        panels[i].removeAttribute("open");
      }
    }
  }

  // After a failed submit the page shows an error summary (tabindex="-1"): move focus
  // there, so a screen reader reads it first and Tab continues into the form. Without
  // this file the summary is still announced (role="alert") and "错误：" leads the title.
  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary && document.activeElement !== summary) {
      summary.focus();
    }
  }

  function ready() {
    foldFilters();
    focusErrorSummary();
    // The browser scrolls to the form's #fragment after this and Chromium drops the focus
    // then: focus the summary again once the page has loaded, unless the user moved on.
    window.addEventListener("load", function () {
      window.setTimeout(function () {
        var active = document.activeElement;
        if (!active || active === document.body) {
          focusErrorSummary();
        }
      }, 0);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
