// The public data page (/data/): draws each chart with Apache ECharts (vendored in
// static/vendor/echarts/) from the figures the server put in <script id="figures-data"
// type="application/json">. The tables below the charts carry the same figures, so without
// JavaScript (or ECharts) the page shows the tables only: a chart's box stays hidden.
(function () {
  "use strict";

  var PALETTE = ["#9e1b1b", "#1a4f8b", "#d4880f", "#2f7d4f", "#6b4c9a", "#0f7c86", "#b5487a",
    "#5c6b2f", "#8a5a2b", "#44546a", "#c0504d", "#4f81bd"];
  var INK = "#1f2328";
  var MUTED = "#575e66";
  var FONT = getComputedStyle(document.body).fontFamily;

  function narrow() {
    return window.matchMedia("(max-width: 600px)").matches;
  }

  function reducedMotion() {
    return window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  }

  // The legend wraps onto several lines on a phone; the plot starts below it.
  function gridTop(legendItems) {
    var perLine = narrow() ? 3 : 8;
    return 24 * Math.ceil(Math.max(1, legendItems) / perLine) + 24;
  }

  function base(extra, legendItems) {
    var option = {
      color: PALETTE,
      animation: !reducedMotion(),
      textStyle: { fontFamily: FONT, color: INK },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, confine: true },
      legend: { top: 0, textStyle: { color: INK }, itemGap: narrow() ? 8 : 12 },
      grid: { left: 8, right: 8, top: gridTop(legendItems || 1), bottom: 8, containLabel: true }
    };
    Object.keys(extra).forEach(function (key) { option[key] = extra[key]; });
    return option;
  }

  function monthAxis(months) {
    // "2026年11月" → "11月" on the axis (with the year at January and at the start).
    return {
      type: "category",
      data: months,
      axisLabel: {
        color: MUTED,
        interval: 0,
        rotate: narrow() ? 45 : 0,
        formatter: function (value, index) {
          var parts = value.split("年");
          if (index !== 0 && parts[1] !== "1月") return parts[1];
          return narrow() ? value : parts[0] + "年\n" + parts[1];
        }
      }
    };
  }

  function countAxis(name) {
    return { type: "value", name: name, minInterval: 1, nameTextStyle: { color: MUTED }, axisLabel: { color: MUTED } };
  }

  var BUILDERS = {
    documents: function (data) {
      return base({
        xAxis: monthAxis(data.months),
        yAxis: countAxis("件"),
        series: data.series.map(function (s) {
          return { name: s.name, type: "bar", stack: "documents", data: s.data, emphasis: { focus: "series" } };
        })
      }, data.series.length);
    },

    messages: function (data) {
      return base({
        xAxis: monthAxis(data.months),
        // The second axis draws no grid lines of its own: two sets would not line up.
        yAxis: [countAxis("条"), Object.assign(countAxis("工作日"), { splitLine: { show: false } })],
        series: [
          { name: "收到", type: "bar", data: data.received },
          { name: "答复", type: "bar", data: data.answered },
          {
            name: "答复用时中位数（工作日）", type: "line", yAxisIndex: 1, data: data.median,
            connectNulls: false, symbolSize: 7, lineStyle: { width: 2 }
          }
        ],
        color: ["#1a4f8b", "#9e1b1b", "#d4880f"]
      }, 3);
    },

    ratings: function (data) {
      var colours = { "满意": "#2f7d4f", "基本满意": "#d4880f", "不满意": "#9e1b1b" };
      // A rating nobody gave is a zero in the table, not a slice.
      var slices = data.filter(function (d) { return d.value > 0; }).map(function (d) {
        return { name: d.name, value: d.value, itemStyle: { color: colours[d.name] } };
      });
      var label = narrow()
        ? { position: "inside", formatter: "{c}", color: "#fff", fontWeight: "bold" }
        : { formatter: "{b}\n{c} 条", color: INK };
      return base({
        tooltip: { trigger: "item", formatter: "{b}：{c} 条（{d}%）", confine: true },
        legend: { top: 0, textStyle: { color: INK }, data: data.map(function (d) { return d.name; }) },
        grid: undefined,
        series: [{
          name: "评价", type: "pie", radius: ["40%", "70%"], center: ["50%", "56%"],
          data: slices, label: label, avoidLabelOverlap: true
        }]
      });
    },

    windows: function (data) {
      var width = narrow() ? 130 : 300;
      var series = [
        ["采纳", data.adopted, "#2f7d4f"],
        ["部分采纳", data.partly, "#d4880f"],
        ["不予采纳", data.not_adopted, "#9e1b1b"],
        ["反馈尚未公开", data.unreported, "#b9bec6"]
      ];
      return base({
        xAxis: countAxis("条"),
        yAxis: {
          type: "category", data: data.titles, inverse: true,
          // The town's name starts every title: the axis leaves it out (the tooltip and the table do not).
          axisLabel: {
            color: INK, width: width, overflow: "truncate",
            formatter: function (title) { return title.replace(/^徐泾镇/, ""); }
          }
        },
        series: series.map(function (s) {
          return { name: s[0], type: "bar", stack: "opinions", data: s[1], itemStyle: { color: s[2] }, barMaxWidth: 28 };
        })
      }, 4);
    },

    applications: function (data) {
      var series = data.outcomes.map(function (name, i) {
        return { name: name, type: "bar", stack: "applications", data: data.series[i], barMaxWidth: 48 };
      });
      series.push({ name: "仍在办理", type: "bar", stack: "applications", data: data.open, itemStyle: { color: "#b9bec6" }, barMaxWidth: 48 });
      return base(
        { xAxis: { type: "category", data: data.years, axisLabel: { color: MUTED } }, yAxis: countAxis("件"), series: series },
        series.length
      );
    }
  };

  function heightFor(name, data) {
    if (name === "windows") return Math.max(180, (narrow() ? 100 : 76) + 44 * data.titles.length) + "px";
    return "";
  }

  function draw() {
    var source = document.getElementById("figures-data");
    if (!source || !window.echarts) return;
    var figures = JSON.parse(source.textContent);
    var charts = [];
    document.querySelectorAll("[data-chart]").forEach(function (box) {
      var name = box.getAttribute("data-chart");
      var build = BUILDERS[name];
      if (!build || !figures[name]) return;
      box.hidden = false;
      var height = heightFor(name, figures[name]);
      if (height) box.style.height = height;
      var chart = window.echarts.init(box, null, { renderer: "canvas", locale: "ZH" });
      chart.setOption(build(figures[name]));
      charts.push({ chart: chart, name: name, data: figures[name] });
    });
    var wasNarrow = narrow();
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var nowNarrow = narrow();
        charts.forEach(function (entry) {
          if (nowNarrow !== wasNarrow) entry.chart.setOption(BUILDERS[entry.name](entry.data), true);
          entry.chart.resize();
        });
        wasNarrow = nowNarrow;
      }, 150);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
