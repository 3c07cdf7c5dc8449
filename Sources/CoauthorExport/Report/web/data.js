// data.js: reads the embedded VOSviewer Online JSON (and its "coauthor" member) into typed columns.
"use strict";
CA.loadData = function () {
  const raw = JSON.parse(document.getElementById("coauthor-data").textContent);
  const items = raw.network.items, links = raw.network.links || [], ext = raw.coauthor;
  const n = items.length, m = links.length;
  const d = {raw, ext, n, m};
  d.label = items.map(i => i.label);
  d.x = new Float64Array(n); d.y = new Float64Array(n);
  d.cluster = new Int32Array(n);
  d.papers = new Int32Array(n); d.degree = new Int32Array(n);
  items.forEach((it, v) => {
    d.x[v] = it.x === undefined ? 0 : it.x;
    d.y[v] = it.y === undefined ? 0 : -it.y;   // Graphviz's y points up, the screen's down
    d.cluster[v] = it.cluster === undefined ? -1 : it.cluster - 1;
    d.papers[v] = it.weights.Documents;
    d.degree[v] = it.weights.Links;
  });
  d.metrics = ext.metrics;
  d.score = {};
  for (const mt of d.metrics) d.score[mt.name] = Float64Array.from(ext.metric_values[mt.name], x => x === null ? NaN : x);
  d.metricByName = Object.fromEntries(d.metrics.map(mt => [mt.name, mt]));
  d.key = ext.key; d.tieOrder = ext.tie_order;
  d.spellings = Array.from({length: n}, (_, v) => ext.spellings[v] || []);
  d.authorPapers = ext.author_papers; d.linkPapers = ext.link_papers;
  d.paper = ext.papers;
  d.ambiguity = ext.ambiguity || null;
  d.src = new Int32Array(m); d.tgt = new Int32Array(m); d.w = new Int32Array(m);
  const ids = new Map(items.map((it, v) => [it.id, v]));
  links.forEach((l, e) => { d.src[e] = ids.get(l.source_id); d.tgt[e] = ids.get(l.target_id); d.w[e] = l.strength; });
  // Links of each node.
  d.nodeLinks = Array.from({length: n}, () => []);
  for (let e = 0; e < m; e++) { d.nodeLinks[d.src[e]].push(e); d.nodeLinks[d.tgt[e]].push(e); }
  // Years of the papers behind each link and each author (null = unknown).
  const py = d.paper.year;
  d.linkYears = d.linkPapers.map(ps => ps.map(p => py[p]));
  d.authorYears = d.authorPapers.map(ps => ps.map(p => py[p]));
  // First and last year of each author's papers (null when none is dated).
  d.firstYear = d.authorYears.map(ys => ys.reduce((a, y) => y === null ? a : a === null ? y : Math.min(a, y), null));
  d.lastYear = d.authorYears.map(ys => ys.reduce((a, y) => y === null ? a : a === null ? y : Math.max(a, y), null));
  let lo = Infinity, hi = -Infinity;
  for (const y of py) if (y !== null) { lo = Math.min(lo, y); hi = Math.max(hi, y); }
  d.minYear = lo === Infinity ? null : lo; d.maxYear = hi === -Infinity ? null : hi;
  // Communities: labels, sizes in the whole graph.
  d.clusters = (raw.network.clusters || []).map(c => c.label);
  d.clusterHeading = ext.communities ? ext.communities.heading : "";
  d.clusterSizes = ext.communities ? ext.communities.sizes : [];
  d.clusterColour = (raw.network.clusters || []).map(c => c.color || ext.palette.other);
  d.fill = Array.from(d.cluster, c => c >= 0 ? d.clusterColour[c] : ext.palette.other);
  // Name lookup: display names, identity keys and spellings (folded).
  d.byName = new Map();
  const add = (s, v) => { const k = CA.fold(s); if (!d.byName.has(k)) d.byName.set(k, v); };
  for (let v = 0; v < n; v++) add(d.label[v], v);
  for (let v = 0; v < n; v++) { add(d.key[v], v); for (const s of d.spellings[v]) add(s, v); }
  return d;
};

// Authors ranked by a metric as `coauthor rank` does: best first (lowest first when lower is
// better), undefined values last, equal values in name order.
CA.rankOrder = function (d, name, nodes) {
  const col = d.score[name], hib = d.metricByName[name].higher_is_better, tie = d.tieOrder;
  return nodes.slice().sort((a, b) => {
    const x = col[a], y = col[b], xn = Number.isNaN(x), yn = Number.isNaN(y);
    if (xn !== yn) return xn ? 1 : -1;
    if (!xn && x !== y) return hib ? (y > x ? 1 : -1) : (x > y ? 1 : -1);
    return tie[a] - tie[b];
  });
};

// An author's place (1 = first) among all authors of the map by a metric.
CA.rankPosition = function (d, name, v) {
  if (!d.rankCache) d.rankCache = {};
  if (!d.rankCache[name]) {
    const pos = new Int32Array(d.n);
    CA.rankOrder(d, name, Array.from({length: d.n}, (_, u) => u)).forEach((u, i) => { pos[u] = i + 1; });
    d.rankCache[name] = pos;
  }
  return d.rankCache[name][v];
};
