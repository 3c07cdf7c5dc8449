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

  // The community level: one circle per community (communities.js); hovering names it, a click
  // opens it into its authors (the author level with every other community switched off), a
  // click on a tie between two communities lists the papers behind it. The default above
  // `communityLevelAbove` authors, where the author level is a hairball.
  const cm = CA.communityMap(d), communityLevelAbove = 5000;
  const cview = new CA.View($("map-communities"), cm, {
    hover(i, p) {
      if (i < 0 || !p) { tooltip.hidden = true; return; }
      tooltip.textContent = "Community " + (cm.ids[i] + 1) + ": " + cm.label[i] + "\n" + cm.members[i].length + " authors, "
        + cm.papers[i] + " papers\nclick to open";
      tooltip.style.left = (p.x + 14) + "px"; tooltip.style.top = (p.y + 10) + "px";
      tooltip.hidden = false;
    },
    click(hit) {
      if (!hit) { cview.selectedLink = -1; panel.clear(); cview.draw(); }
      else if (hit.node !== undefined) openCommunity(hit.node);
      else {
        const e = hit.link, a = cm.src[e], b = cm.tgt[e];
        cview.selectedLink = e;
        panel.showPapers("Communities " + (cm.ids[a] + 1) + " – " + (cm.ids[b] + 1),
          cm.label[a] + " – " + cm.label[b] + ": " + cm.w[e] + " joint paper" + (cm.w[e] === 1 ? "" : "s") + " behind "
          + cm.ties[e] + " coauthor tie" + (cm.ties[e] === 1 ? "" : "s"), cm.linkPapers[e]);
        showTab("details"); cview.draw();
      }
    },
  });
  cview.setSizes(cm.sizes);
  let level = "authors";
  function setLevel(l) {
    level = l; $("level").value = l;
    $("map").hidden = l !== "authors"; $("map-communities").hidden = l !== "communities";
    tooltip.hidden = true;
    (l === "authors" ? view : cview).start();
    showCounts();
  }
  function openCommunity(i) {
    filters.hidden = new Set(d.clusters.map((_, c) => c).filter(c => c !== cm.ids[i]));
    setLevel("authors"); recolour(); refilter(); view.fit();
  }
  $("level").addEventListener("change", () => setLevel($("level").value));

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
  let shownText = "";
  function showCounts() {
    $("shown").textContent = level === "communities" ? cm.n + " communities, " + cm.m + " ties between them" : shownText;
  }
  function refilter() {
    filters.apply(view);
    let nodes = 0, links = 0;
    for (let v = 0; v < d.n; v++) nodes += view.nodeOn[v];
    for (let e = 0; e < d.m; e++) links += view.linkOn[e];
    shownText = nodes + " of " + d.n + " authors, " + links + " of " + d.m + " ties shown";
    showCounts();
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
  if (d.n > communityLevelAbove && cm.n > 1) {
    $("notes").appendChild(el("li", null, "Above " + communityLevelAbove + " authors the map opens one level up: a circle per community "
      + "(click one to open it into its authors; Level: authors shows everyone)."));
    setLevel("communities");
  }
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
    stats: () => Object.assign({nodes: d.n, links: d.m, ready, level}, view.stats),
    level: () => level,
    setLevel: l => setLevel(l),
    // The community level: ids 1-based as in the legend; ties as [id, id, joint papers, author ties].
    communityMap: () => ({ids: cm.ids.map(c => c + 1), labels: cm.label, members: cm.members.map(l => l.length),
      papers: Array.from(cm.papers), ties: Array.from(cm.src, (a, e) => [cm.ids[a] + 1, cm.ids[cm.tgt[e]] + 1, cm.w[e], cm.ties[e]]),
      drawnNodes: cview.stats.drawnNodes}),
    communityScreenOf: id => cview.screenOf(cm.ids.indexOf(id - 1)),
    // Each community's circle in map units: [x, y, radius], in the order of communityMap().ids.
    communityCircles: () => Array.from({length: cm.n}, (_, i) => [cm.x[i], cm.y[i], cview.radius[i]]),
    zoomAt: (f, x, y) => view.zoomAt(f, x, y),
    panBy: (dx, dy) => view.panBy(dx, dy),
    // A frame drawn now, timed until its pixels can be read (the browser has rasterised it).
    drawNow: () => { const t = performance.now(); view.drawNow(); flush(); return performance.now() - t; },
    fullFrame: () => { const t = performance.now(); view.fullFrame(); flush(); return performance.now() - t; },
  };
})();
