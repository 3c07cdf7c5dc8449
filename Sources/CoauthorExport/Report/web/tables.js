// tables.js: the ranking table (every metric, sortable, CSV of what is shown), the communities and
// the statistics.
"use strict";
CA.Tables = function (d) {
  const el = CA.el;
  const maxRows = 1000;
  this.sortBy = d.ext.size_by;
  this.reversed = false;
  this.shownRows = [];
  this.ranking = function (view) {
    const table = document.getElementById("ranking");
    CA.clear(table);
    const nodes = [];
    for (let v = 0; v < d.n; v++) if (view.nodeOn[v]) nodes.push(v);
    let order = CA.rankOrder(d, this.sortBy, nodes);
    if (this.reversed) order.reverse();
    this.shownRows = order;
    const head = el("tr", null, el("th", {className: "num"}, "rank"), el("th", null, "author"));
    for (const m of d.metrics) {
      const th = el("th", {className: "num sortable" + (m.name === this.sortBy ? " sorted" : ""), dataset: {metric: m.name}, title: "sort by " + m.title},
        m.title + (m.name === this.sortBy ? (this.reversed ? " ▲" : " ▼") : ""));
      th.addEventListener("click", () => {
        if (this.sortBy === m.name) this.reversed = !this.reversed; else { this.sortBy = m.name; this.reversed = false; }
        this.ranking(view);
      });
      head.appendChild(th);
    }
    table.appendChild(el("thead", null, head));
    const body = el("tbody");
    order.slice(0, maxRows).forEach((v, i) => {
      const tr = el("tr", {dataset: {node: String(v)}}, el("td", {className: "num"}, i + 1));
      const name = el("td", null);
      const b = el("button", {type: "button", className: "link author"}, d.label[v]);
      b.addEventListener("click", () => CA.app.select(v, true));
      name.appendChild(b);
      tr.appendChild(name);
      for (const m of d.metrics) tr.appendChild(el("td", {className: "num"}, CA.fmt(d.score[m.name][v])));
      body.appendChild(tr);
    });
    table.appendChild(body);
    document.getElementById("ranking-note").textContent = order.length > maxRows
      ? "The first " + maxRows + " of " + order.length + " authors are listed; the CSV has all of them." : order.length + " authors.";
  };
  this.csv = function () {
    const rows = [["rank", "author", "key"].concat(d.metrics.map(m => m.name))];
    this.shownRows.forEach((v, i) => rows.push([i + 1, d.label[v], d.key[v]].concat(d.metrics.map(m => {
      const x = d.score[m.name][v];
      return Number.isNaN(x) ? "" : String(x);
    }))));
    return CA.csv(rows);
  };
  this.communities = function (view) {
    const table = document.getElementById("communities");
    CA.clear(table);
    document.getElementById("communities-heading").textContent = d.clusterHeading;
    if (!d.clusters.length) return;
    table.appendChild(el("thead", null, el("tr", null, el("th", {className: "num"}, "#"), el("th", null, "label"),
      el("th", {className: "num"}, "members"), el("th", {className: "num"}, "on map"), el("th", {className: "num"}, "papers"), el("th", null, "top authors"))));
    const members = d.clusters.map(() => []);
    for (let v = 0; v < d.n; v++) if (d.cluster[v] >= 0) members[d.cluster[v]].push(v);
    const body = el("tbody");
    d.clusters.forEach((label, c) => {
      const papers = new Set();
      for (const v of members[c]) for (const p of d.authorPapers[v]) papers.add(p);
      const top = CA.rankOrder(d, d.ext.size_by, members[c]).slice(0, 3);
      const tops = el("td", null);
      top.forEach((v, i) => { if (i) tops.appendChild(document.createTextNode(", ")); const b = el("button", {type: "button", className: "link"}, d.label[v]); b.addEventListener("click", () => CA.app.select(v, true)); tops.appendChild(b); });
      body.appendChild(el("tr", null, el("td", {className: "num"}, c + 1), el("td", null, label), el("td", {className: "num"}, d.clusterSizes[c] === undefined ? "" : d.clusterSizes[c]),
        el("td", {className: "num"}, members[c].filter(v => view.nodeOn[v]).length), el("td", {className: "num"}, papers.size), tops));
    });
    table.appendChild(body);
  };
  this.stats = function () {
    const table = document.getElementById("stats");
    CA.clear(table);
    for (const [name, value] of d.ext.stats) table.appendChild(el("tr", null, el("th", null, name), el("td", {className: "num"}, value)));
  };
};
