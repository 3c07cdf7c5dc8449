// util.js: the page's namespace and small helpers. Everything from the data enters the document as
// text (textContent, createTextNode), never as markup.
"use strict";
window.CA = {};

// An element with text content and safe properties: CA.el("td", {className: "num"}, "12").
CA.el = function (tag, props, ...children) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (k === "className") e.className = v;
      else if (k === "dataset") Object.assign(e.dataset, v);
      else e.setAttribute(k, v);
    }
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
  return e;
};

CA.clear = function (e) { while (e.firstChild) e.removeChild(e.firstChild); };

// A number for people: integers as they are, others with four significant digits.
CA.fmt = function (v) {
  if (v === null || v === undefined || Number.isNaN(v)) return "";
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e6)) return v.toExponential(3);
  return String(Number(v.toPrecision(4)));
};

// RFC 4180 CSV text from rows of cells.
CA.csv = function (rows) {
  return rows.map(r => r.map(c => {
    const s = c === null || c === undefined ? "" : String(c);
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }).join(",")).join("\r\n") + "\r\n";
};

CA.download = function (name, text, type) {
  const url = URL.createObjectURL(new Blob([text], {type: type || "text/csv"}));
  const a = CA.el("a", {href: url, download: name});
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
};

// Case- and accent-insensitive form of a name for matching.
CA.fold = function (s) {
  return s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ").trim();
};
