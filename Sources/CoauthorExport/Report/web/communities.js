// communities.js: the map one level up, computed from the embedded data: one circle per community
// (where Graphviz laid the community level out, `coauthor.community_layout`, else at the mean
// position of its members on the map; area ∝ members), one tie per pair of
// communities whose members wrote together, as wide as their joint papers (the distinct papers
// behind the author ties that join them; `render --level communities` counts the same way).
// The result has the columns CA.View draws (n, m, x, y, label, src, tgt, w, nodeLinks, …).
"use strict";
CA.communityMap = function (d) {
  const k = d.clusters.length;
  const members = Array.from({length: k}, () => []);
  for (let v = 0; v < d.n; v++) if (d.cluster[v] >= 0) members[d.cluster[v]].push(v);
  const ids = [];   // community id of each map node: the communities with a member on the map
  for (let c = 0; c < k; c++) if (members[c].length) ids.push(c);
  const n = ids.length, position = new Int32Array(k).fill(-1);
  ids.forEach((c, i) => { position[c] = i; });
  const x = new Float64Array(n), y = new Float64Array(n), papers = new Int32Array(n);
  ids.forEach((c, i) => {
    let sx = 0, sy = 0;
    const seen = new Set();
    for (const v of members[c]) { sx += d.x[v]; sy += d.y[v]; for (const p of d.authorPapers[v]) seen.add(p); }
    x[i] = sx / members[c].length; y[i] = sy / members[c].length; papers[i] = seen.size;
  });
  // Ties between communities: author ties, and the set of papers behind them.
  const pairs = new Map();
  for (let e = 0; e < d.m; e++) {
    const a = position[d.cluster[d.src[e]]], b = position[d.cluster[d.tgt[e]]];
    if (a < 0 || b < 0 || a === b) continue;
    const key = Math.min(a, b) * n + Math.max(a, b);
    let t = pairs.get(key);
    if (!t) { t = {a: Math.min(a, b), b: Math.max(a, b), ties: 0, papers: new Set()}; pairs.set(key, t); }
    t.ties++;
    for (const p of d.linkPapers[e]) t.papers.add(p);
  }
  const ties = [...pairs.values()].sort((s, t) => s.a - t.a || s.b - t.b);
  const m = ties.length;
  const c = {n, m, x, y, papers, ids, members: ids.map(i => members[i]), ext: {}};
  c.label = ids.map(i => d.clusters[i]);
  c.fill = ids.map(i => d.clusterColour[i] || d.ext.palette.other);
  c.src = Int32Array.from(ties, t => t.a); c.tgt = Int32Array.from(ties, t => t.b);
  c.w = Int32Array.from(ties, t => t.papers.size);
  c.ties = Int32Array.from(ties, t => t.ties);
  c.linkPapers = ties.map(t => [...t.papers].sort((p, q) => p - q));
  c.nodeLinks = Array.from({length: n}, () => []);
  for (let e = 0; e < m; e++) { c.nodeLinks[c.src[e]].push(e); c.nodeLinks[c.tgt[e]].push(e); }
  c.tieOrder = Array.from({length: n}, (_, i) => i);
  const laid = d.ext.community_layout;
  if (laid) {
    const at = new Map(laid.cluster.map((id, j) => [id - 1, j]));
    ids.forEach((cl, i) => { const j = at.get(cl); if (j !== undefined) { x[i] = laid.x[j]; y[i] = -laid.y[j]; } });
  }
  // Circles: the layout's sizes, else the largest about a sixth of the map's span across.
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) { x0 = Math.min(x0, x[i]); x1 = Math.max(x1, x[i]); y0 = Math.min(y0, y[i]); y1 = Math.max(y1, y[i]); }
  const span = n > 1 ? Math.max(x1 - x0, y1 - y0) : 100;
  c.ext.diameter = laid ? laid.diameter : {min: Math.max(4, span / 80), max: Math.max(20, span / 6)};
  // Area ∝ members: in the whole graph when Graphviz laid the circles out for those sizes.
  c.sizes = laid ? Float64Array.from(ids, i => d.clusterSizes[i] || 0) : Float64Array.from(c.members, list => list.length);
  return c;
};
