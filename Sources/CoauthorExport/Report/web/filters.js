// filters.js: which authors and ties are on the map. A tie is shown when it has at least
// "min. joint papers" papers inside the year range and both its authors are shown; an author is
// shown when they have a paper in the range, their community is not switched off in the legend,
// and (with an author list) they are on the list.
"use strict";
CA.Filters = function (d) {
  this.from = d.minYear; this.to = d.maxYear; this.minWeight = 1;
  this.hidden = new Set();        // communities switched off
  this.list = null;               // Set of nodes kept by the author list, or null
  this.apply = function (view) {
    const f = this;
    const all = f.from === d.minYear && f.to === d.maxYear;
    const inRange = y => y === null ? all : (f.from === null || y >= f.from) && (f.to === null || y <= f.to);
    for (let v = 0; v < d.n; v++) {
      let on = !(f.list && !f.list.has(v)) && !f.hidden.has(d.cluster[v]);
      if (on && !all) on = d.authorYears[v].some(inRange);
      view.nodeOn[v] = on ? 1 : 0;
    }
    if (!view.linkW) view.linkW = new Int32Array(d.m);
    for (let e = 0; e < d.m; e++) {
      let w = 0;
      if (all) w = d.w[e]; else for (const y of d.linkYears[e]) if (inRange(y)) w++;
      view.linkW[e] = w;
      view.linkOn[e] = w >= Math.max(1, f.minWeight) && view.nodeOn[d.src[e]] && view.nodeOn[d.tgt[e]] ? 1 : 0;
    }
  };
  // Resolves pasted names (lines or ";"-separated) to authors; returns {nodes, missing}.
  this.parseList = function (text) {
    const nodes = new Set(), missing = [];
    for (const part of text.split(/[\n;]+/)) {
      const name = part.trim();
      if (!name) continue;
      const v = d.byName.get(CA.fold(name));
      if (v === undefined) missing.push(name); else nodes.add(v);
    }
    return {nodes, missing};
  };
};
