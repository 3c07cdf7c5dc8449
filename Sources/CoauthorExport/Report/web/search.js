// search.js: type-ahead over display names and every spelling; choosing one centres the map on the
// author and opens their details.
"use strict";
CA.Search = function (d, input, list, onFound) {
  const seen = new Set();
  const add = (text, v) => {
    if (seen.has(text)) return;
    seen.add(text);
    const o = CA.el("option", {value: text});
    if (text !== d.label[v]) o.label = text + " (" + d.label[v] + ")";
    list.appendChild(o);
  };
  const order = CA.rankOrder(d, d.ext.size_by, Array.from({length: d.n}, (_, v) => v));
  for (const v of order) add(d.label[v], v);
  for (const v of order) for (const s of d.spellings[v]) add(s, v);
  function find() {
    const q = CA.fold(input.value);
    if (!q) return;
    let v = d.byName.get(q);
    if (v === undefined) v = order.find(u => CA.fold(d.label[u]).startsWith(q));
    if (v === undefined) v = order.find(u => CA.fold(d.label[u]).includes(q) || d.spellings[u].some(s => CA.fold(s).includes(q)));
    input.setCustomValidity(v === undefined ? "no author matches" : "");
    if (v !== undefined) onFound(v);
  }
  input.addEventListener("change", find);
  input.addEventListener("keydown", ev => { if (ev.key === "Enter") { ev.preventDefault(); find(); } });
};
