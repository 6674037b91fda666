// mirsad UI enhancements. Every page works without this file; it adds:
//  - filter forms that leave empty fields out of the URL,
//  - click-to-sort table columns,
//  - a force-directed layout for the actor network.
"use strict";

(function () {
  // Empty fields would otherwise appear as `actor=&type=` in the page URL.
  document.querySelectorAll("form.filters").forEach(function (form) {
    form.addEventListener("submit", function () {
      form.querySelectorAll("input, select").forEach(function (el) {
        if (el.name && el.value === "") el.disabled = true;
      });
    });
  });

  // Sorting: each cell carries its sort key in data-value.
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("th[data-sort]");
    heads.forEach(function (th, col) {
      th.tabIndex = 0;
      function sort() {
        var numeric = th.dataset.sort === "number";
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        function key(row) {
          var cell = row.cells[col];
          var v = cell ? (cell.dataset.value !== undefined ? cell.dataset.value : cell.textContent) : "";
          return numeric ? parseFloat(v) || 0 : v;
        }
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var c = numeric ? x - y : String(x).localeCompare(String(y), "ar");
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); sort(); }
      });
    });
  });

  // Force layout (Fruchterman-Reingold with cooling), run to rest before the first paint so
  // the graph does not jiggle; the server's circle layout is the starting point.
  var svg = document.getElementById("network");
  if (svg) layoutNetwork(svg);

  function layoutNetwork(svg) {
    var box = svg.viewBox.baseVal;
    var W = box.width, H = box.height, margin = 40;
    var nodes = [], byId = {};
    svg.querySelectorAll("a.node").forEach(function (el) {
      var m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(el.getAttribute("transform") || "");
      var n = { id: el.dataset.id, el: el, x: m ? +m[1] : W / 2, y: m ? +m[2] : H / 2, dx: 0, dy: 0 };
      nodes.push(n);
      byId[n.id] = n;
    });
    var edges = [];
    svg.querySelectorAll("line[data-source]").forEach(function (el) {
      var s = byId[el.dataset.source], t = byId[el.dataset.target];
      if (s && t) edges.push({ s: s, t: t, el: el });
    });
    if (nodes.length < 2) return;
    // ideal edge length; with gravity 1 the layout settles at about 0.4 of the box
    var k = Math.sqrt(((W - 2 * margin) * (H - 2 * margin)) / nodes.length) * 0.5;
    var temp = W / 8;
    for (var iter = 0; iter < 300; iter++) {
      nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
      for (var i = 0; i < nodes.length; i++) {
        for (var j = i + 1; j < nodes.length; j++) {
          var a = nodes[i], b = nodes[j];
          var dx = a.x - b.x, dy = a.y - b.y;
          var d = Math.sqrt(dx * dx + dy * dy) || 0.01;
          var f = (k * k) / d;
          a.dx += (dx / d) * f; a.dy += (dy / d) * f;
          b.dx -= (dx / d) * f; b.dy -= (dy / d) * f;
        }
      }
      edges.forEach(function (e) {
        var dx = e.s.x - e.t.x, dy = e.s.y - e.t.y;
        var d = Math.sqrt(dx * dx + dy * dy) || 0.01;
        // a quarter of the textbook pull: linked actors sit ~1.6 k apart, room for labels
        var f = (d * d) / (4 * k);
        e.s.dx -= (dx / d) * f; e.s.dy -= (dy / d) * f;
        e.t.dx += (dx / d) * f; e.t.dy += (dy / d) * f;
      });
      nodes.forEach(function (n) {
        // gravity keeps unconnected actors from drifting to the border
        n.dx += ((W / 2 - n.x) * H) / W;
        n.dy += H / 2 - n.y;
        var d = Math.sqrt(n.dx * n.dx + n.dy * n.dy) || 0.01;
        var step = Math.min(d, temp);
        n.x = Math.min(W - margin, Math.max(margin, n.x + (n.dx / d) * step));
        n.y = Math.min(H - margin, Math.max(margin, n.y + (n.dy / d) * step));
      });
      temp *= 0.985;
    }
    nodes.forEach(function (n) {
      n.el.setAttribute("transform", "translate(" + n.x.toFixed(1) + "," + n.y.toFixed(1) + ")");
    });
    edges.forEach(function (e) {
      // stop the arrow at the target circle's rim
      var r = +(e.t.el.querySelector("circle").getAttribute("r")) + 2;
      var dx = e.t.x - e.s.x, dy = e.t.y - e.s.y;
      var d = Math.sqrt(dx * dx + dy * dy) || 1;
      e.el.setAttribute("x1", e.s.x.toFixed(1));
      e.el.setAttribute("y1", e.s.y.toFixed(1));
      e.el.setAttribute("x2", (e.t.x - (dx / d) * r).toFixed(1));
      e.el.setAttribute("y2", (e.t.y - (dy / d) * r).toFixed(1));
    });
    svg.classList.add("laid-out");
  }
})();
