/* detente dashboard: small helpers, no framework. Everything it needs is vendored. */
"use strict";
const detente = {};

detente.palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
  "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173", "#3182bd"];

/* A weekly chart: {weeks: ["2025-11-24", ...], series: {name: [counts]}} as stacked uPlot bars
   (each series is drawn at its cumulative height, tallest first, so every band stays visible;
   the legend shows the series' own counts). */
detente.timeline = function (targetId, dataId) {
  const target = document.getElementById(targetId), source = document.getElementById(dataId);
  if (!target || !source || typeof uPlot === "undefined") return;
  const data = JSON.parse(source.textContent);
  const xs = data.weeks.map(w => Date.parse(w + "T00:00:00Z") / 1000);
  const names = Object.keys(data.series);
  const stacked = [], running = xs.map(() => 0);
  names.forEach(n => {
    data.series[n].forEach((v, i) => { running[i] += v; });
    stacked.push(running.slice());
  });
  const bars = uPlot.paths.bars({size: [0.85, 60]});
  const order = names.map((n, i) => i).reverse();
  const series = [{}].concat(order.map(i => {
    const colour = detente.palette[i % detente.palette.length];
    return {label: names[i], stroke: colour, fill: colour, width: 0, paths: bars, points: {show: false},
            value: (u, v, s, idx) => idx == null ? "--" : data.series[names[i]][idx]};
  }));
  const width = Math.max(320, target.clientWidth || 800);
  target.dataset.ready = "1";
  return new uPlot({width: width, height: 260, series: series,
    scales: {x: {time: true}}, axes: [{}, {label: "events"}]},
    [xs].concat(order.map(i => stacked[i])), target);
};

/* Article view: clicking a fact in the side panel highlights it in the text and scrolls there;
   a #e-e4 style fragment (from an event page) focuses that fact on load. */
detente.focus = function (token) {
  document.querySelectorAll(".hl.focus").forEach(el => el.classList.remove("focus"));
  document.querySelectorAll(".fact.on").forEach(el => el.classList.remove("on"));
  const pieces = document.querySelectorAll('[data-f~="' + CSS.escape(token) + '"]');
  pieces.forEach(el => el.classList.add("focus"));
  document.querySelectorAll('.fact[data-t="' + CSS.escape(token) + '"]').forEach(el => el.classList.add("on"));
  if (pieces.length) pieces[0].scrollIntoView({block: "center"});
  return pieces.length;
};

detente.article = function () {
  document.querySelectorAll(".panel .fact").forEach(el => el.addEventListener("click", ev => {
    ev.preventDefault();
    detente.focus(el.dataset.t);
  }));
  document.querySelectorAll("#text .hl").forEach(el => el.addEventListener("click", () => {
    const first = el.dataset.f.split(" ").find(t => /^(e|q|p):/.test(t)) || el.dataset.f.split(" ")[0];
    const side = document.querySelector('.fact[data-t="' + CSS.escape(first) + '"]');
    detente.focus(first);
    if (side) side.scrollIntoView({block: "nearest"});
  }));
  const hash = decodeURIComponent(location.hash.slice(1));
  const m = hash.match(/^(e|q|p|a)-(.+)$/);
  if (m) detente.focus(m[1] + ":" + m[2]);
};

/* Actor page: the actor in the middle, partners around it, edge width by event count. */
detente.network = function (svgId, dataId) {
  const svg = document.getElementById(svgId), source = document.getElementById(dataId);
  if (!svg || !source) return;
  const data = JSON.parse(source.textContent), ns = "http://www.w3.org/2000/svg";
  const partners = new Map();
  data.dyads.forEach(d => {
    const out = d.actor === data.center;
    const key = out ? d.recipient : d.actor, name = out ? d.recipient_name : d.actor_name;
    const p = partners.get(key) || {name: name, out: 0, in: 0};
    if (out) p.out += d.events; else p.in += d.events;
    partners.set(key, p);
  });
  const cx = 210, cy = 160, r = 120, list = Array.from(partners.entries());
  const el = (tag, attrs, text) => {
    const node = document.createElementNS(ns, tag);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    if (text) node.textContent = text;
    svg.appendChild(node);
    return node;
  };
  list.forEach(([key, p], i) => {
    const a = (2 * Math.PI * i) / list.length - Math.PI / 2;
    const x = cx + r * Math.cos(a), y = cy + r * Math.sin(a);
    el("line", {x1: cx, y1: cy, x2: x, y2: y, class: p.out && p.in ? "both" : (p.out ? "out" : "in"),
                "stroke-width": Math.min(8, 1 + p.out + p.in)});
    const link = document.createElementNS(ns, "a");
    link.setAttribute("href", "/actors/" + encodeURIComponent(key));
    svg.appendChild(link);
    const c = document.createElementNS(ns, "circle");
    Object.entries({cx: x, cy: y, r: 6}).forEach(([k, v]) => c.setAttribute(k, v));
    link.appendChild(c);
    const t = document.createElementNS(ns, "text");
    Object.entries({x: x, y: y - 10, "text-anchor": "middle"}).forEach(([k, v]) => t.setAttribute(k, v));
    t.textContent = p.name + " (" + p.out + "→ / " + p.in + "←)";
    link.appendChild(t);
  });
  el("circle", {cx: cx, cy: cy, r: 10, class: "center"});
};

/* Proposals matrix: a cell's button shows its evidence box. */
detente.matrix = function () {
  document.querySelectorAll("button.cell").forEach(b => b.addEventListener("click", () => {
    const box = document.getElementById(b.dataset.cell);
    if (box) box.hidden = !box.hidden;
  }));
};

/* Add page: forms post to the API with the token as a bearer header. */
detente.ingest = function () {
  const out = document.getElementById("result"), token = document.getElementById("token");
  token.value = sessionStorage.getItem("detente-token") || "";
  document.querySelectorAll("form.ingest").forEach(form => form.addEventListener("submit", async ev => {
    ev.preventDefault();
    sessionStorage.setItem("detente-token", token.value);
    const headers = {"Authorization": "Bearer " + token.value};
    let body;
    if (form.id === "upload") {
      body = new FormData(form);
    } else {
      const data = {};
      new FormData(form).forEach((v, k) => { if (v) data[k] = v; });
      body = JSON.stringify(data);
      headers["Content-Type"] = "application/json";
    }
    out.textContent = "working…";
    try {
      const res = await fetch(form.dataset.endpoint, {method: "POST", headers: headers, body: body});
      const json = await res.json();
      if (json.ok) {
        const docs = json.data.documents || [];
        out.innerHTML = "";
        out.append("stored " + json.data.stored.length + ", already present " + json.data.unchanged.length +
                   (json.data.errors.length ? ", errors: " + json.data.errors.map(e => e.message).join("; ") : "") + "\n");
        docs.forEach(d => {
          const a = document.createElement("a");
          a.href = "/documents/" + d.id;
          a.textContent = (d.title || d.id) + " (" + d.actors + " actors, " + d.events + " events)";
          out.append(a, "\n");
        });
      } else {
        out.textContent = "refused (" + res.status + "): " + json.error.message;
      }
    } catch (e) {
      out.textContent = "failed: " + e;
    }
  }));
};
