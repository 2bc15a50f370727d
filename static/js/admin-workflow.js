/* The policy document's admin page. After a refused workflow step the page is the
   answer to a POST at …/workflow/<action>/; put the document's own address in the
   bar, so that reloading it, or pressing Enter there, just shows the document. */
(function () {
  "use strict";
  var panel = document.querySelector(".workflow-panel[data-replace-url]");
  if (panel && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", panel.getAttribute("data-replace-url"));
  }
})();
