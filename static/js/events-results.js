// The questionnaire results on an event page: one bar chart per choice or rating question,
// drawn with Apache ECharts (vendored in static/vendor/echarts/, as on the /data/ page) from
// <script id="event-results-data" type="application/json">. The table beside each chart
// carries the same figures, so without JavaScript the page shows the tables only.
(function () {
  "use strict";

  var INK = "#1f2328";
  var MUTED = "#575e66";
  var COLOURS = { single: "#1a4f8b", multiple: "#2f7d4f", rating: "#d4880f" };

  function reducedMotion() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  function option(data) {
    return {
      animation: !reducedMotion(),
      textStyle: { fontFamily: getComputedStyle(document.body).fontFamily, color: INK },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true, formatter: "{b}：{c} 人" },
      grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: "value", name: "人", minInterval: 1, nameTextStyle: { color: MUTED }, axisLabel: { color: MUTED } },
      yAxis: {
        type: "category", data: data.labels, inverse: true,
        axisLabel: { color: INK, width: 160, overflow: "truncate" }
      },
      series: [{
        type: "bar", data: data.counts, barMaxWidth: 28,
        itemStyle: { color: COLOURS[data.kind] || COLOURS.single },
        label: { show: true, position: "right", color: INK }
      }]
    };
  }

  function draw() {
    var source = document.getElementById("event-results-data");
    if (!source || !window.echarts) return;
    var figures = JSON.parse(source.textContent);
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var data = figures[box.getAttribute("data-chart")];
      if (!data) return;
      box.hidden = false;
      box.style.height = Math.max(180, 60 + 40 * data.labels.length) + "px";
      var chart = window.echarts.init(box, null, { renderer: "canvas", locale: "ZH" });
      chart.setOption(option(data));
      charts.push(chart);
    });
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { charts.forEach(function (chart) { chart.resize(); }); }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
