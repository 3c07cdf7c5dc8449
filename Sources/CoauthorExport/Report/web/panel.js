// panel.js: the details of an author (papers, coauthors, metrics, community, timeline) or of a tie
// (the papers behind it).
"use strict";
CA.Panel = function (d, box, empty, select) {
  const el = CA.el;
  function paperItem(p) {
    const P = d.paper, li = el("li", {dataset: {paper: String(p), id: P.id[p]}});
    li.appendChild(el("span", {className: "paper-title"}, P.title[p] || "(untitled)"));
    const meta = el("div", {className: "paper-meta"});
    const bits = [];
    if (P.year[p] !== null) bits.push(String(P.year[p]));
    if (P.venue[p]) bits.push(P.venue[p]);
    meta.appendChild(document.createTextNode(bits.join(" · ") + (bits.length ? " · " : "") + "id "));
    const id = P.id[p];
    if (/^(conf|journals|books|series|phd|tr|reference|persons)\//.test(id)) {
      meta.appendChild(el("a", {href: "https://dblp.org/rec/" + encodeURI(id), target: "_blank", rel: "noopener noreferrer"}, id));
    } else meta.appendChild(el("code", null, id));
    if (P.doi[p]) {
      meta.appendChild(document.createTextNode(" · DOI "));
      meta.appendChild(el("a", {href: "https://doi.org/" + encodeURI(P.doi[p]), target: "_blank", rel: "noopener noreferrer"}, P.doi[p]));
    }
    const link = CA.Panel.nativeLink(P.native ? P.native[p] : null);
    if (link) {
      meta.appendChild(document.createTextNode(" · " + link.kind + " "));
      meta.appendChild(el("a", {href: link.href, target: "_blank", rel: "noopener noreferrer"}, link.text));
    }
    li.appendChild(meta);
    return li;
  }
  function papersList(ps) {
    const sorted = ps.slice().sort((a, b) => (d.paper.year[b] || 0) - (d.paper.year[a] || 0) || a - b);
    const ol = el("ol", {className: "papers"});
    for (const p of sorted) ol.appendChild(paperItem(p));
    return ol;
  }
  function authorButton(v) {
    const b = el("button", {type: "button", className: "link"}, d.label[v]);
    b.addEventListener("click", () => select(v));
    return b;
  }
  // The collaboration Gantt chart: one row per coauthor, a bar from the first to the last joint
  // year, a dot per joint paper.
  function gantt(v, rows) {
    const ns = "http://www.w3.org/2000/svg";
    const years = rows.flatMap(r => r.years).filter(y => y !== null);
    if (!years.length) return el("p", {className: "hint"}, "No dated joint papers.");
    const y0 = Math.min(...years), y1 = Math.max(...years);
    const left = 120, w = 340, rowH = 14, top = 16;
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "gantt");
    svg.setAttribute("width", String(left + w + 10)); svg.setAttribute("height", String(top + rows.length * rowH + 4));
    const xs = y => left + (y1 === y0 ? w / 2 : (y - y0) / (y1 - y0) * w);
    const mk = (tag, attrs, text) => { const e = document.createElementNS(ns, tag); for (const [a, b] of Object.entries(attrs)) e.setAttribute(a, String(b)); if (text !== undefined) e.textContent = text; return e; };
    svg.appendChild(mk("text", {x: left, y: 10}, String(y0)));
    if (y1 !== y0) svg.appendChild(mk("text", {x: left + w, y: 10, "text-anchor": "end"}, String(y1)));
    rows.forEach((r, i) => {
      const y = top + i * rowH + rowH / 2, ys = r.years.filter(t => t !== null);
      svg.appendChild(mk("text", {x: left - 4, y: y + 3, "text-anchor": "end"}, d.label[r.u].length > 20 ? d.label[r.u].slice(0, 19) + "…" : d.label[r.u]));
      if (!ys.length) return;
      svg.appendChild(mk("line", {x1: xs(Math.min(...ys)), x2: xs(Math.max(...ys)), y1: y, y2: y, stroke: d.fill[r.u], "stroke-width": 4}));
      for (const t of ys) svg.appendChild(mk("circle", {cx: xs(t), cy: y, r: 2.5, fill: "#333"}));
    });
    return svg;
  }
  this.showAuthor = function (v, view) {
    CA.clear(box); empty.hidden = true;
    box.appendChild(el("h2", null, d.label[v]));
    box.appendChild(el("div", {className: "paper-meta"}, "key " + d.key[v]));
    if (d.spellings[v].length) box.appendChild(el("div", {className: "paper-meta"}, "also written " + d.spellings[v].join("; ")));
    if (d.cluster[v] >= 0) box.appendChild(el("div", null, "Community " + (d.cluster[v] + 1) + ": " + d.clusters[d.cluster[v]]));
    if (d.ambiguity && d.ambiguity[v] > 1) {
      // As rank's "~N people?": the name's papers fall into coauthor circles that share no coauthor.
      box.appendChild(el("div", {className: "flag", id: "ambiguity-flag"}, "~" + d.ambiguity[v] + " people? This name's papers fall into "
        + d.ambiguity[v] + " coauthor circles that share no coauthor (rank's ambiguity; see --resolve evidence)."));
    }
    const fy = d.firstYear[v], ly = d.lastYear[v];
    box.appendChild(el("div", null, d.papers[v] + " papers" + (fy !== null ? ", " + (fy === ly ? fy : fy + "–" + ly) : "") + ", " + d.degree[v] + " coauthors"));
    box.appendChild(el("h3", null, "Metrics"));
    const mt = el("table", {className: "metrics"});
    for (const m of d.metrics) {
      const rank = CA.rankPosition(d, m.name, v);
      mt.appendChild(el("tr", null, el("td", null, m.title), el("td", {className: "num"}, CA.fmt(d.score[m.name][v])),
        el("td", {className: "num paper-meta"}, rank === null ? "" : "#" + rank)));
    }
    box.appendChild(mt);
    const rows = d.nodeLinks[v].filter(e => view.linkOn[e]).map(e => {
      const u = d.src[e] === v ? d.tgt[e] : d.src[e];
      return {u, e, w: view.linkW ? view.linkW[e] : d.w[e], years: d.linkYears[e]};
    }).sort((a, b) => b.w - a.w || d.tieOrder[a.u] - d.tieOrder[b.u]);
    box.appendChild(el("h3", null, "Coauthors on the map (" + rows.length + ")"));
    const ul = el("ul", {className: "coauthors"});
    for (const r of rows) {
      const li = el("li", null, authorButton(r.u), " · " + r.w + " joint paper" + (r.w === 1 ? "" : "s") + " ");
      const t = el("button", {type: "button", className: "link"}, "(papers)");
      t.addEventListener("click", () => CA.app.selectLink(r.e));
      li.appendChild(t);
      ul.appendChild(li);
    }
    box.appendChild(ul);
    box.appendChild(el("h3", null, "Timeline"));
    box.appendChild(gantt(v, rows.slice(0, 40)));
    box.appendChild(el("h3", null, "Papers (" + d.authorPapers[v].length + ")"));
    box.appendChild(papersList(d.authorPapers[v]));
  };
  this.showLink = function (e) {
    CA.clear(box); empty.hidden = true;
    const a = d.src[e], b = d.tgt[e], ps = d.linkPapers[e];
    const h = el("h2", {id: "tie-heading"}, d.label[a] + " – " + d.label[b]);
    box.appendChild(h);
    const line = el("div", null, authorButton(a), " and ", authorButton(b), ": " + ps.length + " joint paper" + (ps.length === 1 ? "" : "s"));
    box.appendChild(line);
    const list = papersList(ps);
    list.id = "tie-papers";
    box.appendChild(list);
  };
  // Papers behind something other than one tie (the ties between two communities).
  this.showPapers = function (title, line, ps) {
    CA.clear(box); empty.hidden = true;
    box.appendChild(el("h2", {id: "tie-heading"}, title));
    box.appendChild(el("div", null, line));
    const list = papersList(ps);
    list.id = "tie-papers";
    box.appendChild(list);
  };
  this.clear = function () { CA.clear(box); empty.hidden = false; };
};

// A paper's native database id (`pmid:…`, `openalex:W…`, `eid:2-s2.0-…`, `wos:…`) as a link to
// the database's record page, or null.
CA.Panel.nativeLink = function (native) {
  if (!native) return null;
  const colon = native.indexOf(":"), kind = native.slice(0, colon), id = native.slice(colon + 1);
  const c = encodeURIComponent(id);
  switch (kind) {
    case "pmid": return {kind: "PMID", text: id, href: "https://pubmed.ncbi.nlm.nih.gov/" + c + "/"};
    case "openalex": return {kind: "OpenAlex", text: id, href: "https://openalex.org/" + c};
    case "eid": return {kind: "Scopus", text: id, href: "https://www.scopus.com/record/display.uri?eid=" + c};
    case "wos": return {kind: "WoS", text: id, href: "https://www.webofscience.com/wos/woscc/full-record/WOS:" + c};
    default: return null;
  }
};
