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

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", foldFilters);
  } else {
    foldFilters();
  }
})();
