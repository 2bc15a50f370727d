// Message board: show the enterprise name only for enterprises and social organisations,
// count the question's characters, send a form only once (double clicks), find a related
// policy as you type (the form works without this: the typed name is looked up on submit),
// and print the receipt.
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

  // Search-as-you-type for the related policy: a combobox over /consultations/policies.json
  // whose choice selects the policy in the plain <select> next to it.
  function setUpPolicySearch(box) {
    var url = box.getAttribute("data-policy-search");
    var input = box.querySelector(".cf-policy__query input");
    var select = box.querySelector("select");
    if (!url || !input || !select || !window.fetch) return;
    var list = document.createElement("ul");
    list.id = input.id + "-results";
    list.className = "cf-policy__results";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "查找到的政策");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "cf-help cf-policy__status";
    status.setAttribute("aria-live", "polite");
    input.parentNode.insertBefore(list, input.nextSibling);
    list.parentNode.insertBefore(status, list.nextSibling);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    var results = [];
    var active = -1;
    var timer = null;
    var sequence = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = list.querySelectorAll("li");
      items.forEach(function (item, i) {
        item.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && items[index]) {
        input.setAttribute("aria-activedescendant", items[index].id);
        items[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function render() {
      list.textContent = "";
      results.forEach(function (result, index) {
        var item = document.createElement("li");
        item.id = list.id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        var title = document.createElement("span");
        title.className = "cf-policy__title";
        title.textContent = result.title;
        item.appendChild(title);
        var meta = document.createElement("span");
        meta.className = "cf-policy__meta";
        meta.textContent = (result.doc_number ? result.doc_number + " · " : "") + result.validity_label;
        if (result.validity !== "valid") meta.className += " cf-policy__meta--invalid";
        item.appendChild(meta);
        item.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(index);
        });
        list.appendChild(item);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      status.textContent = results.length
        ? "找到 " + results.length + " 份政策，用上下方向键选择，回车确定。"
        : "没有找到相符的政策，可以换个名称或文号试试，或不指定。";
    }

    function choose(index) {
      var result = results[index];
      if (!result) return;
      var value = String(result.id);
      var option = Array.prototype.find.call(select.options, function (o) {
        return o.value === value;
      });
      if (!option) {
        option = new Option(result.label, value);
        select.add(option, 1);
      }
      select.value = value;
      input.value = result.title;
      close();
      status.textContent = "已选择：" + result.label;
    }

    function search(query) {
      var mine = ++sequence;
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : { results: [] };
        })
        .then(function (data) {
          if (mine !== sequence) return;
          results = data.results || [];
          active = -1;
          render();
        })
        .catch(function () {
          status.textContent = "暂时无法查找，请直接在上面的列表中选择，或提交后由系统按所填名称查找。";
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      var query = input.value.trim();
      if (query.length < 2) {
        results = [];
        close();
        status.textContent = "";
        return;
      }
      timer = window.setTimeout(function () {
        search(query);
      }, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () {
      window.setTimeout(close, 150);
    });
    select.addEventListener("change", function () {
      if (select.value === "") input.value = "";
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-policy-search]").forEach(setUpPolicySearch);
    document.querySelectorAll("[data-print]").forEach(function (button) {
      if (typeof window.print !== "function") return;
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
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
