// main.js: puts the page together: header, controls, legend, tabs, and the state a test or a
// benchmark can read (window.coauthorReport).
"use strict";
(function () {
  const $ = id => document.getElementById(id), el = CA.el;
  const d = CA.loadData();
  const filters = new CA.Filters(d), tables = new CA.Tables(d);
  const tooltip = $("tooltip");
  let view = null, panel = null, colourBy = "community";

  $("title").textContent = d.ext.title;
  document.title = d.ext.title;
  $("caption").textContent = d.ext.caption;
  for (const note of d.ext.notes) $("notes").appendChild(el("li", null, note));

  const app = CA.app = {
    select(v, centre) {
      view.selected = v; view.selectedLink = -1;
      panel.showAuthor(v, view); showTab("details");
      if (centre) view.centerOn(v, 1); else view.draw();
    },
    selectLink(e) {
      view.selectedLink = e; view.selected = -1;
      panel.showLink(e); showTab("details"); view.draw();
    },
    clearSelection() { view.selected = -1; view.selectedLink = -1; panel.clear(); view.draw(); },
  };

  view = new CA.View($("map"), d, {
    hover(v, p) {
      if (v < 0 || !p) { tooltip.hidden = true; return; }
      tooltip.textContent = d.label[v] + "\n" + d.papers[v] + " papers, " + d.degree[v] + " coauthors"
        + (d.cluster[v] >= 0 ? "\n" + d.clusters[d.cluster[v]] : "");
      tooltip.style.left = (p.x + 14) + "px"; tooltip.style.top = (p.y + 10) + "px";
      tooltip.hidden = false;
    },
    click(hit) {
      if (!hit) app.clearSelection();
      else if (hit.node !== undefined) app.select(hit.node, false);
      else app.selectLink(hit.link);
    },
  });
  panel = new CA.Panel(d, $("details"), $("details-empty"), v => app.select(v, true));

  // Size and colour.
  const sizeSel = $("size-by");
  for (const m of d.metrics) { const o = el("option", {value: m.name}, m.title); if (m.name === d.ext.size_by) o.selected = true; sizeSel.appendChild(o); }
  sizeSel.addEventListener("change", () => { view.setSizes(sizeValues(sizeSel.value)); view.draw(); });
  function sizeValues(name) {
    const col = d.score[name];
    return name === "constraint" ? col.map(x => x > 0 ? 1 / x : 0) : col;
  }
  const colourSel = $("color-by");
  const modes = [["community", "community"], ["first-year", "first year"]].concat(d.metrics.map(m => ["metric:" + m.name, m.title]));
  for (const [value, text] of modes) colourSel.appendChild(el("option", {value}, text));
  colourSel.addEventListener("change", () => { colourBy = colourSel.value; recolour(); });
  function viridis(t) {
    const stops = d.ext.palette.viridis, x = Math.max(0, Math.min(1, t)) * (stops.length - 1), i = Math.min(stops.length - 2, Math.floor(x));
    const a = stops[i], b = stops[i + 1], f = x - i, ch = j => Math.round(parseInt(a.slice(j, j + 2), 16) * (1 - f) + parseInt(b.slice(j, j + 2), 16) * f);
    return "#" + [1, 3, 5].map(j => ch(j).toString(16).padStart(2, "0")).join("");
  }
  function recolour() {
    const legend = $("legend");
    CA.clear(legend);
    if (colourBy === "community") {
      view.colour = d.fill.slice();
      legend.appendChild(el("div", {className: "hint"}, d.clusterHeading + (d.clusters.length ? " — untick to hide" : "")));
      d.clusters.forEach((label, c) => {
        const box = el("input", {type: "checkbox", dataset: {cluster: String(c)}});
        box.checked = !filters.hidden.has(c);
        box.addEventListener("change", () => { if (box.checked) filters.hidden.delete(c); else filters.hidden.add(c); refilter(); });
        const sw = el("span", {className: "swatch"});
        sw.style.background = d.clusterColour[c] || d.ext.palette.other;
        legend.appendChild(el("label", null, box, sw, (c + 1) + " " + label + " (" + (d.clusterSizes[c] || 0) + ")"));
      });
    } else {
      let values, lo = Infinity, hi = -Infinity, name;
      if (colourBy === "first-year") { values = d.firstYear.map(y => y === null ? NaN : y); name = "year of first paper"; }
      else { const m = colourBy.slice(7); values = Array.from(d.score[m]); name = d.metricByName[m].title; }
      for (const x of values) if (!Number.isNaN(x)) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
      view.colour = values.map(x => Number.isNaN(x) ? d.ext.palette.other : viridis(hi > lo ? (x - lo) / (hi - lo) : 0.5));
      const bar = el("span", {className: "scale"});
      bar.style.background = "linear-gradient(to right, " + d.ext.palette.viridis.join(", ") + ")";
      legend.appendChild(el("div", null, name + ": " + CA.fmt(lo === Infinity ? NaN : lo), bar, CA.fmt(hi === -Infinity ? NaN : hi)));
    }
    view.draw();
  }

  // Filters.
  const yf = $("year-from"), yt = $("year-to"), mw = $("min-weight");
  if (d.minYear !== null) { yf.value = d.minYear; yt.value = d.maxYear; yf.min = yt.min = d.minYear; yf.max = yt.max = d.maxYear; }
  else { yf.disabled = yt.disabled = true; }
  const readYears = () => {
    const a = parseInt(yf.value, 10), b = parseInt(yt.value, 10);
    filters.from = Number.isNaN(a) ? d.minYear : a; filters.to = Number.isNaN(b) ? d.maxYear : b;
    refilter();
  };
  yf.addEventListener("change", readYears); yt.addEventListener("change", readYears);
  mw.addEventListener("change", () => { filters.minWeight = Math.max(1, parseInt(mw.value, 10) || 1); refilter(); });
  $("apply-list").addEventListener("click", () => {
    const r = filters.parseList($("author-list").value);
    filters.list = r.nodes.size || r.missing.length ? r.nodes : null;
    $("list-status").textContent = (filters.list ? "Kept " + r.nodes.size + " authors." : "Showing everyone.")
      + (r.missing.length ? "\nNot on the map: " + r.missing.join("; ") : "");
    refilter(); view.fit();
  });
  $("clear-list").addEventListener("click", () => { filters.list = null; $("list-status").textContent = "Showing everyone."; refilter(); view.fit(); });
  $("reset-view").addEventListener("click", () => view.fit());
  function refilter() {
    filters.apply(view);
    let nodes = 0, links = 0;
    for (let v = 0; v < d.n; v++) nodes += view.nodeOn[v];
    for (let e = 0; e < d.m; e++) links += view.linkOn[e];
    $("shown").textContent = nodes + " of " + d.n + " authors, " + links + " of " + d.m + " ties shown";
    if (view.selected >= 0 && !view.nodeOn[view.selected]) app.clearSelection();
    if (view.selectedLink >= 0 && !view.linkOn[view.selectedLink]) app.clearSelection();
    if (ready) { tables.ranking(view); tables.communities(view); }
    view.draw();
  }
  $("download-csv").addEventListener("click", () => CA.download("ranking.csv", tables.csv()));

  // Tabs.
  function showTab(name) {
    for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("active", b.dataset.tab === name);
    for (const t of document.querySelectorAll(".tab")) t.classList.toggle("active", t.id === "tab-" + name);
  }
  for (const b of document.querySelectorAll("#tabs button")) b.addEventListener("click", () => showTab(b.dataset.tab));

  // The map first; the search list and the tables (thousands of rows on big graphs) right after
  // the first frame.
  let ready = false;
  view.setSizes(sizeValues(d.ext.size_by));
  recolour();
  refilter();
  view.start();
  requestAnimationFrame(() => setTimeout(() => {
    new CA.Search(d, $("search"), $("names"), v => app.select(v, true));
    tables.stats(); tables.ranking(view); tables.communities(view);
    ready = true;
  }, 0));

  const flush = () => $("map").getContext("2d").getImageData(0, 0, 1, 1);
  // Read-only state for tests and benchmarks.
  window.coauthorReport = {
    nodeIndex: name => { const v = d.byName.get(CA.fold(name)); return v === undefined ? -1 : v; },
    screenOf: v => view.screenOf(v),
    linkBetween: (a, b) => d.nodeLinks[a].find(e => d.src[e] === b || d.tgt[e] === b),
    visibleNodes: () => { const out = []; for (let v = 0; v < d.n; v++) if (view.nodeOn[v]) out.push(d.label[v]); return out; },
    visibleLinks: () => { const out = []; for (let e = 0; e < d.m; e++) if (view.linkOn[e]) out.push([d.label[d.src[e]], d.label[d.tgt[e]], d.linkYears[e]]); return out; },
    stats: () => Object.assign({nodes: d.n, links: d.m, ready}, view.stats),
    zoomAt: (f, x, y) => view.zoomAt(f, x, y),
    panBy: (dx, dy) => view.panBy(dx, dy),
    // A frame drawn now, timed until its pixels can be read (the browser has rasterised it).
    drawNow: () => { const t = performance.now(); view.drawNow(); flush(); return performance.now() - t; },
    fullFrame: () => { const t = performance.now(); view.fullFrame(); flush(); return performance.now() - t; },
  };
})();
