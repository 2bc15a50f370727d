// Message board: show the enterprise name only for enterprises and social organisations,
// count the question's characters, and send a form only once (double clicks).
(function () {
  "use strict";

  function toggleEnterprise() {
    var field = document.getElementById("enterprise-field");
    if (!field) return;
    var checked = document.querySelector('input[name="asker_type"]:checked');
    var show = checked && checked.value !== "citizen";
    field.hidden = !show;
  }

  function setUpCounter(counter) {
    var input = document.getElementById(counter.getAttribute("data-counter-for"));
    var max = parseInt(counter.getAttribute("data-max"), 10);
    if (!input) return;
    function update() {
      var n = input.value.length;
      counter.textContent = "已输入 " + n + " 字，最多 " + max + " 字";
      counter.classList.toggle("cf-counter--over", n > max);
    }
    input.addEventListener("input", update);
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('input[name="asker_type"]').forEach(function (radio) {
      radio.addEventListener("change", toggleEnterprise);
    });
    toggleEnterprise();
    document.querySelectorAll("[data-counter-for]").forEach(setUpCounter);
    document.querySelectorAll("form[data-once]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.getAttribute("data-sent") === "1") {
          event.preventDefault();
          return;
        }
        form.setAttribute("data-sent", "1");
        form.querySelectorAll('button[type="submit"]').forEach(function (button) {
          button.setAttribute("aria-disabled", "true");
          button.textContent = "正在提交…";
        });
      });
    });
  });
})();
