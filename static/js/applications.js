// Online application: show the fields of the chosen applicant type, and offer documents
// already disclosed that match the description as it is typed (the form works without
// this: the "查找已公开的信息" button asks the server). Counting, sending once and printing
// come from consultations.js.
(function () {
  "use strict";

  function toggleApplicant() {
    var checked = document.querySelector('input[name="applicant_type"]:checked');
    var type = checked ? checked.value : "citizen";
    document.querySelectorAll("[data-applicant]").forEach(function (box) {
      box.hidden = box.getAttribute("data-applicant") !== type;
    });
  }

  function setUpDisclosedSearch(box) {
    var url = box.getAttribute("data-disclosed-search");
    var results = document.getElementById("disclosed-results");
    var inputs = box.querySelectorAll("textarea, input[type=text]");
    if (!url || !results || !window.fetch) return;
    var list = results.querySelector("ul");
    var timer = null;
    var sequence = 0;

    function query() {
      return Array.prototype.map.call(inputs, function (input) { return input.value.trim(); }).join(" ").trim();
    }

    function show(found) {
      list.textContent = "";
      found.forEach(function (doc) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = doc.url;
        link.textContent = doc.title;
        item.appendChild(link);
        if (doc.doc_number) item.appendChild(document.createTextNode("（" + doc.doc_number + "）"));
        list.appendChild(item);
      });
      results.hidden = found.length === 0;
    }

    function search() {
      var q = query();
      var mine = ++sequence;
      if (q.length < 2) { show([]); return; }
      fetch(url + "?q=" + encodeURIComponent(q.slice(0, 200)), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (mine === sequence) show(data.results || []); })
        .catch(function () {});
    }

    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        clearTimeout(timer);
        timer = setTimeout(search, 400);
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('input[name="applicant_type"]').forEach(function (radio) {
      radio.addEventListener("change", toggleApplicant);
    });
    toggleApplicant();
    document.querySelectorAll("[data-disclosed-search]").forEach(setUpDisclosedSearch);
  });
})();
