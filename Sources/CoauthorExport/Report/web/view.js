// view.js: the map on a canvas. Pan (drag, arrow keys, touch), zoom (wheel, pinch, +/-), hover
// highlights an author's coauthors, click selects an author or a tie; labels of the most central
// visible authors are placed greedily so that none overlaps another.
"use strict";
CA.View = function (canvas, d, callbacks) {
  const ctx = canvas.getContext("2d");
  const view = this;
  let width = 0, height = 0, ratio = 1;
  let k = 1, tx = 0, ty = 0;                    // screen = world * k + t
  let scheduled = false;
  this.nodeOn = new Uint8Array(d.n).fill(1);
  this.linkOn = new Uint8Array(d.m).fill(1);
  this.radius = new Float64Array(d.n);          // world units (points)
  this.colour = d.fill.slice();
  this.labelOrder = [];                         // nodes by size, largest first
  this.hover = -1; this.selected = -1; this.selectedLink = -1;
  this.stats = {frames: 0, lastFrameMs: 0, drawnNodes: 0, drawnLinks: 0, labels: 0, firstFrameAt: null, moving: false, parts: {}};

  function resize() {
    const r = canvas.getBoundingClientRect();
    ratio = window.devicePixelRatio || 1;
    width = Math.max(1, r.width); height = Math.max(1, r.height);
    canvas.width = Math.round(width * ratio); canvas.height = Math.round(height * ratio);
    view.draw();
  }

  this.setSizes = function (values) {
    let max = 0;
    for (let v = 0; v < d.n; v++) { const x = values[v]; if (x > max) max = x; }
    const dmin = d.ext.diameter.min, dmax = d.ext.diameter.max;
    for (let v = 0; v < d.n; v++) {
      const x = values[v] > 0 ? values[v] : 0;
      view.radius[v] = Math.max(dmin, max > 0 ? dmax * Math.sqrt(x / max) : 0) / 2;
    }
    view.labelOrder = Array.from({length: d.n}, (_, v) => v).sort((a, b) => view.radius[b] - view.radius[a] || d.tieOrder[a] - d.tieOrder[b]);
  };

  this.fit = function () {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (let v = 0; v < d.n; v++) {
      if (!view.nodeOn[v]) continue;
      const r = view.radius[v];
      x0 = Math.min(x0, d.x[v] - r); x1 = Math.max(x1, d.x[v] + r);
      y0 = Math.min(y0, d.y[v] - r); y1 = Math.max(y1, d.y[v] + r);
    }
    if (x0 === Infinity) { x0 = -1; x1 = 1; y0 = -1; y1 = 1; }
    const pad = 20;
    k = Math.min((width - 2 * pad) / Math.max(1, x1 - x0), (height - 2 * pad) / Math.max(1, y1 - y0));
    if (!(k > 0) || !Number.isFinite(k)) k = 1;
    tx = width / 2 - k * (x0 + x1) / 2; ty = height / 2 - k * (y0 + y1) / 2;
    view.draw();
  };

  this.centerOn = function (v, zoom) {
    if (zoom) k = Math.max(k, zoom);
    tx = width / 2 - k * d.x[v]; ty = height / 2 - k * d.y[v];
    view.draw();
  };

  this.zoomAt = function (factor, sx, sy) {
    const nk = Math.min(Math.max(k * factor, 1e-4), 1e4);
    tx = sx - (sx - tx) * nk / k; ty = sy - (sy - ty) * nk / k; k = nk;
    cameraMoved();
  };
  this.panBy = function (dx, dy) { tx += dx; ty += dy; cameraMoved(); };
  this.screenOf = function (v) { return {x: d.x[v] * k + tx, y: d.y[v] * k + ty}; };
  this.camera = function () { return {k, tx, ty, width, height}; };

  // Frames. The links and circles are drawn into a layer (an offscreen canvas) for one camera;
  // while the user pans or zooms, each frame shows that layer moved and scaled (a cheap copy), and
  // once the camera has rested for `settleMs` the layer is drawn anew at full quality, with labels.
  // `draw()` says that what is shown changed (filters, colours, hover, selection): a full redraw.
  const layer = document.createElement("canvas"), lctx = layer.getContext("2d");
  let layerCamera = null, version = 0, layerVersion = -1, lastMove = -Infinity, settleTimer = null;
  const settleMs = 150;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => { scheduled = false; view.drawNow(); });
  }
  this.draw = function () { version++; schedule(); };
  function cameraMoved() {
    lastMove = performance.now();
    clearTimeout(settleTimer);
    settleTimer = setTimeout(() => { settleTimer = null; schedule(); }, settleMs + 10);
    schedule();
  }

  function edgeWidth(w) { return Math.min(6, 0.6 + 1.2 * Math.log2(Math.max(1, w))); }

  this.drawNow = function () {
    const t0 = performance.now();
    const moving = t0 - lastMove < settleMs;
    if (moving && layerCamera && layerVersion === version && layer.width === canvas.width && layer.height === canvas.height) {
      const s = k / layerCamera.k;
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(layer, (tx - layerCamera.tx * s) * ratio, (ty - layerCamera.ty * s) * ratio, layer.width * s, layer.height * s);
      view.stats.frames++; view.stats.lastFrameMs = performance.now() - t0; view.stats.moving = true;
      canvas.dataset.frames = view.stats.frames;
      return;
    }
    view.stats.moving = false;
    drawLayer(t0);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(layer, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const t2 = performance.now();
    view.stats.labels = drawLabels(lastFocus, lastNear, -tx / k, (width - tx) / k, -ty / k, (height - ty) / k);
    const ms = performance.now() - t0;
    view.stats.parts.labels = performance.now() - t2;
    view.stats.frames++; view.stats.lastFrameMs = ms;
    if (view.stats.firstFrameAt === null) view.stats.firstFrameAt = performance.now();
    canvas.dataset.drawnNodes = view.stats.drawnNodes; canvas.dataset.drawnLinks = view.stats.drawnLinks; canvas.dataset.frames = view.stats.frames;
  };

  // A full-quality frame now (what the page draws once the camera rests).
  this.fullFrame = function () { lastMove = -Infinity; version++; view.drawNow(); return view.stats.lastFrameMs; };

  let lastFocus = -1, lastNear = new Uint8Array(d.n);
  // Links and circles (and the highlight of the hovered or selected author) for the current camera.
  function drawLayer(t0) {
    if (layer.width !== canvas.width || layer.height !== canvas.height) { layer.width = canvas.width; layer.height = canvas.height; }
    layerCamera = {k, tx, ty}; layerVersion = version;
    const ctx = lctx;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, width, height);
    const focus = view.hover >= 0 ? view.hover : view.selected;
    const near = new Uint8Array(d.n);
    if (focus >= 0) { near[focus] = 1; for (const e of d.nodeLinks[focus]) if (view.linkOn[e]) { near[d.src[e]] = 1; near[d.tgt[e]] = 1; } }
    const xmin = -tx / k, xmax = (width - tx) / k, ymin = -ty / k, ymax = (height - ty) / k;
    // Links, batched by width.
    const buckets = new Map();
    let drawnLinks = 0;
    for (let e = 0; e < d.m; e++) {
      if (!view.linkOn[e]) continue;
      const a = d.src[e], b = d.tgt[e];
      const ax = d.x[a], ay = d.y[a], bx = d.x[b], by = d.y[b];
      if (Math.max(ax, bx) < xmin || Math.min(ax, bx) > xmax || Math.max(ay, by) < ymin || Math.min(ay, by) > ymax) continue;
      const wpx = Math.max(0.4, Math.round(edgeWidth(view.linkW ? view.linkW[e] : d.w[e]) * k * 2) / 2);
      let list = buckets.get(wpx);
      if (!list) { list = []; buckets.set(wpx, list); }
      list.push(e);
      drawnLinks++;
    }
    ctx.globalAlpha = focus >= 0 ? 0.15 : 0.45;
    ctx.strokeStyle = "#8c8c8c";
    for (const [wpx, list] of buckets) {
      ctx.lineWidth = wpx; ctx.beginPath();
      for (const e of list) { const a = d.src[e], b = d.tgt[e]; ctx.moveTo(d.x[a] * k + tx, d.y[a] * k + ty); ctx.lineTo(d.x[b] * k + tx, d.y[b] * k + ty); }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    if (focus >= 0 || view.selectedLink >= 0) {
      ctx.strokeStyle = "#333333";
      const hl = focus >= 0 ? d.nodeLinks[focus].filter(e => view.linkOn[e]) : [];
      if (view.selectedLink >= 0 && view.linkOn[view.selectedLink]) hl.push(view.selectedLink);
      for (const e of hl) {
        const a = d.src[e], b = d.tgt[e];
        ctx.lineWidth = Math.max(1.5, edgeWidth(view.linkW ? view.linkW[e] : d.w[e]) * k);
        ctx.strokeStyle = e === view.selectedLink ? "#D55E00" : "#333333";
        ctx.beginPath(); ctx.moveTo(d.x[a] * k + tx, d.y[a] * k + ty); ctx.lineTo(d.x[b] * k + tx, d.y[b] * k + ty); ctx.stroke();
      }
    }
    const t1 = performance.now();
    // Nodes, batched by colour.
    const byColour = new Map();
    let drawnNodes = 0;
    for (let v = 0; v < d.n; v++) {
      if (!view.nodeOn[v]) continue;
      const r = view.radius[v];
      if (d.x[v] + r < xmin || d.x[v] - r > xmax || d.y[v] + r < ymin || d.y[v] - r > ymax) continue;
      let list = byColour.get(view.colour[v]);
      if (!list) { list = []; byColour.set(view.colour[v], list); }
      list.push(v);
      drawnNodes++;
    }
    ctx.lineWidth = 0.7; ctx.strokeStyle = "#555555";
    for (const [colour, list] of byColour) {
      // Circles under 2 px radius are drawn as squares: the same at that size, far cheaper.
      ctx.fillStyle = colour; ctx.globalAlpha = focus >= 0 ? 0.35 : 1;
      ctx.beginPath();
      let circles = 0;
      for (const v of list) {
        const sx = d.x[v] * k + tx, sy = d.y[v] * k + ty, r = view.radius[v] * k;
        if (r < 2) { ctx.rect(sx - 1.5, sy - 1.5, 3, 3); continue; }
        ctx.moveTo(sx + r, sy); ctx.arc(sx, sy, r, 0, 2 * Math.PI);
        circles++;
      }
      ctx.fill();
      if (circles && circles < 5000) ctx.stroke();
    }
    ctx.globalAlpha = 1;
    if (focus >= 0) {
      for (let v = 0; v < d.n; v++) {
        if (!near[v] || !view.nodeOn[v]) continue;
        const sx = d.x[v] * k + tx, sy = d.y[v] * k + ty, r = Math.max(2.5, view.radius[v] * k);
        ctx.fillStyle = view.colour[v]; ctx.beginPath(); ctx.arc(sx, sy, r, 0, 2 * Math.PI); ctx.fill();
        ctx.lineWidth = v === focus ? 2.5 : 1; ctx.strokeStyle = "#222222"; ctx.stroke();
      }
    }
    if (view.selected >= 0 && view.nodeOn[view.selected]) {
      const v = view.selected, s = view.screenOf(v);
      ctx.lineWidth = 3; ctx.strokeStyle = "#D55E00";
      ctx.beginPath(); ctx.arc(s.x, s.y, Math.max(4, view.radius[v] * k) + 3, 0, 2 * Math.PI); ctx.stroke();
    }
    view.stats.parts = {links: t1 - t0, nodes: performance.now() - t1};
    view.stats.drawnNodes = drawnNodes; view.stats.drawnLinks = drawnLinks;
    lastFocus = focus; lastNear = near;
  }

  // Greedy labels: the largest visible authors first (and the focus and its coauthors), each
  // placed only where it overlaps no label already placed (a grid of placed boxes).
  const labelWidth = new Float32Array(d.n).fill(-1);   // measured once per name
  function drawLabels(focus, near, xmin, xmax, ymin, ymax) {
    const cell = 80, grid = new Map(), placed = [];
    ctx.font = "12px 'Noto Sans', 'Noto Sans CJK SC', sans-serif";
    ctx.textBaseline = "middle";
    function fits(x0, y0, x1, y1) {
      for (let gx = Math.floor(x0 / cell); gx <= Math.floor(x1 / cell); gx++) {
        for (let gy = Math.floor(y0 / cell); gy <= Math.floor(y1 / cell); gy++) {
          const list = grid.get(gx + "," + gy);
          if (!list) continue;
          for (const b of list) if (x0 < b[2] && x1 > b[0] && y0 < b[3] && y1 > b[1]) return false;
        }
      }
      return true;
    }
    function put(b) {
      for (let gx = Math.floor(b[0] / cell); gx <= Math.floor(b[2] / cell); gx++) {
        for (let gy = Math.floor(b[1] / cell); gy <= Math.floor(b[3] / cell); gy++) {
          const key = gx + "," + gy;
          if (!grid.has(key)) grid.set(key, []);
          grid.get(key).push(b);
        }
      }
    }
    const first = [];
    if (focus >= 0) { first.push(focus); for (let v = 0; v < d.n; v++) if (near[v] && v !== focus) first.push(v); }
    let tried = 0;
    const candidates = first.concat(view.labelOrder);
    for (const v of candidates) {
      if (placed.length >= 300 || tried > 1500) break;
      if (!view.nodeOn[v]) continue;
      if (d.x[v] < xmin || d.x[v] > xmax || d.y[v] < ymin || d.y[v] > ymax) continue;
      tried++;
      const r = Math.max(1.5, view.radius[v] * k);
      if (focus < 0 && r < 3 && placed.length > 0) continue;     // too small at this zoom: its label waits
      if (!(labelWidth[v] >= 0)) labelWidth[v] = ctx.measureText(d.label[v]).width;
      const s = view.screenOf(v), wdt = labelWidth[v];
      const x0 = s.x + r + 2, y0 = s.y - 8, x1 = x0 + wdt, y1 = s.y + 8;
      if (!fits(x0, y0, x1, y1)) continue;
      const b = [x0, y0, x1, y1];
      put(b); placed.push([v, x0, s.y]);
    }
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = "#111111";
    for (const [v, x, y] of placed) { ctx.strokeText(d.label[v], x, y); ctx.fillText(d.label[v], x, y); }
    return placed.length;
  }

  // What is under a screen point: {node} or {link} or null.
  this.hit = function (sx, sy, withLinks) {
    let best = -1, bestD = Infinity;
    for (let v = 0; v < d.n; v++) {
      if (!view.nodeOn[v]) continue;
      const dx = d.x[v] * k + tx - sx, dy = d.y[v] * k + ty - sy, r = Math.max(4, view.radius[v] * k + 2);
      const dd = dx * dx + dy * dy;
      if (dd <= r * r && dd < bestD) { best = v; bestD = dd; }
    }
    if (best >= 0) return {node: best};
    if (!withLinks) return null;
    let link = -1; bestD = 25;
    for (let e = 0; e < d.m; e++) {
      if (!view.linkOn[e]) continue;
      const ax = d.x[d.src[e]] * k + tx, ay = d.y[d.src[e]] * k + ty, bx = d.x[d.tgt[e]] * k + tx, by = d.y[d.tgt[e]] * k + ty;
      const vx = bx - ax, vy = by - ay, len = vx * vx + vy * vy;
      const t = len > 0 ? Math.max(0, Math.min(1, ((sx - ax) * vx + (sy - ay) * vy) / len)) : 0;
      const px = ax + t * vx - sx, py = ay + t * vy - sy, dd = px * px + py * py;
      if (dd < bestD) { bestD = dd; link = e; }
    }
    return link >= 0 ? {link} : null;
  };

  // Pointer input: drag pans, a click without movement selects, two pointers pinch-zoom.
  const pointers = new Map();
  let moved = false, pinch = 0;
  function local(ev) { const r = canvas.getBoundingClientRect(); return {x: ev.clientX - r.left, y: ev.clientY - r.top}; }
  canvas.addEventListener("pointerdown", ev => {
    canvas.setPointerCapture(ev.pointerId);
    pointers.set(ev.pointerId, local(ev));
    moved = false;
    if (pointers.size === 2) { const [p, q] = [...pointers.values()]; pinch = Math.hypot(p.x - q.x, p.y - q.y); }
  });
  canvas.addEventListener("pointermove", ev => {
    const p = local(ev);
    if (pointers.has(ev.pointerId)) {
      const last = pointers.get(ev.pointerId);
      if (pointers.size === 1) {
        if (Math.abs(p.x - last.x) + Math.abs(p.y - last.y) > 0) { if (moved || Math.hypot(p.x - last.x, p.y - last.y) > 3) { moved = true; view.panBy(p.x - last.x, p.y - last.y); pointers.set(ev.pointerId, p); } }
      } else if (pointers.size === 2) {
        pointers.set(ev.pointerId, p);
        const [a, b] = [...pointers.values()], dist = Math.hypot(a.x - b.x, a.y - b.y);
        if (pinch > 0 && dist > 0) view.zoomAt(dist / pinch, (a.x + b.x) / 2, (a.y + b.y) / 2);
        pinch = dist; moved = true;
      }
      return;
    }
    const h = view.hit(p.x, p.y, false);
    const v = h ? h.node : -1;
    if (v !== view.hover) { view.hover = v; callbacks.hover(v, p); view.draw(); }
    else if (v >= 0) callbacks.hover(v, p);
  });
  function end(ev) {
    if (!pointers.has(ev.pointerId)) return;
    const p = local(ev);
    pointers.delete(ev.pointerId);
    if (pointers.size === 0 && !moved && ev.type === "pointerup") callbacks.click(view.hit(p.x, p.y, true));
    if (pointers.size < 2) pinch = 0;
  }
  canvas.addEventListener("pointerup", end);
  canvas.addEventListener("pointercancel", end);
  canvas.addEventListener("pointerleave", () => { if (view.hover >= 0) { view.hover = -1; callbacks.hover(-1, null); view.draw(); } });
  canvas.addEventListener("wheel", ev => {
    ev.preventDefault();
    const p = local(ev);
    view.zoomAt(Math.exp(-ev.deltaY * 0.0015), p.x, p.y);
  }, {passive: false});
  canvas.addEventListener("keydown", ev => {
    const step = 60;
    const keys = {ArrowLeft: () => view.panBy(step, 0), ArrowRight: () => view.panBy(-step, 0), ArrowUp: () => view.panBy(0, step),
      ArrowDown: () => view.panBy(0, -step), "+": () => view.zoomAt(1.25, width / 2, height / 2), "=": () => view.zoomAt(1.25, width / 2, height / 2),
      "-": () => view.zoomAt(0.8, width / 2, height / 2), "0": () => view.fit(), Escape: () => callbacks.click(null)};
    if (keys[ev.key]) { ev.preventDefault(); keys[ev.key](); }
  });
  window.addEventListener("resize", resize);
  this.start = function () { resize(); view.fit(); };
};
