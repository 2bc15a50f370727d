/* 重大行政决策: "comment on this article" preselects the article; a character counter. */
(function () {
  "use strict";

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-article]");
    if (!link) return;
    var select = document.getElementById("id_article");
    if (select) {
      select.value = link.getAttribute("data-article");
    }
    var body = document.getElementById("id_body");
    if (body) {
      window.setTimeout(function () { body.focus(); }, 0);
    }
  });

  document.querySelectorAll("[data-count-for]").forEach(function (counter) {
    var field = document.getElementById(counter.getAttribute("data-count-for"));
    if (!field) return;
    var max = parseInt(field.getAttribute("maxlength"), 10) || 0;
    function update() {
      counter.textContent = "已输入 " + field.value.length + (max ? " / " + max : "") + " 字";
    }
    field.addEventListener("input", update);
    update();
  });
})();
