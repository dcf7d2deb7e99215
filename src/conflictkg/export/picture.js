// The offline picture: the actor network, the events on a timeline and on a map, drawn on
// canvases from the data embedded in the page (<script type="application/json" id="data">).
// Nothing is fetched. Built to stay readable at tens of thousands of events: only what is in
// view is drawn, labels appear as one zooms in, and everything is filtered by kind, by dates
// and by a search.
"use strict";

const DATA = JSON.parse(document.getElementById("data").textContent);
const $ = (id) => document.getElementById(id);
const DAY = 86400000;
const dayOf = (iso) => (iso ? Date.parse(iso + "T00:00:00Z") : null);
const EDGE_COLOURS = {
  hostility: "#c0392b", "co-participation": "#9aa0a6", PledgedAllegiance: "#6a1b9a",
  MemberOf: "#2166ac", Supports: "#1b7837", AlliedWith: "#1b7837", AffiliatedWith: "#4393c3",
  LedBy: "#2166ac", FormerlyAffiliated: "#bbbbbb",
};

// ------------------------------------------------------------------ filters
const state = { kinds: new Set(DATA.kinds), from: null, to: null, search: "" };

function inRange(start, end) {
  if (state.from === null && state.to === null) return true;
  const s = dayOf(start), e = dayOf(end) ?? s;
  if (s === null) return false;  // undated: hidden while a date range is set
  return (state.to === null || s <= state.to) && (state.from === null || e >= state.from);
}

function visibleNodes() {
  return DATA.nodes.map((n) => state.kinds.has(n.kind) && inRange(n.start, n.end));
}

function visibleEdges(nodesShown) {
  return DATA.edges.map((e) => nodesShown[e.s] && nodesShown[e.t] && inRange(e.start, e.end));
}

// ------------------------------------------------------------------ the network
const net = { canvas: $("network"), scale: 1, dx: 0, dy: 0, shown: [], edgesShown: [], hover: null };

function fitCanvas(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const box = canvas.getBoundingClientRect();
  canvas.width = Math.max(1, Math.round(box.width * ratio));
  canvas.height = Math.max(1, Math.round(box.height * ratio));
  const context = canvas.getContext("2d");
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  return { context, width: box.width, height: box.height };
}

function toScreen(node) {
  const box = net.canvas.getBoundingClientRect();
  const half = Math.min(box.width, box.height) / 2 * 0.92;
  return [box.width / 2 + (node.x * half + net.dx) * net.scale, box.height / 2 + (node.y * half + net.dy) * net.scale];
}

function radius(node) { return Math.max(2.5, Math.sqrt(node.size) * 1.6) * Math.sqrt(net.scale); }

function drawNetwork() {
  const { context, width, height } = fitCanvas(net.canvas);
  context.clearRect(0, 0, width, height);
  net.shown = visibleNodes();
  net.edgesShown = visibleEdges(net.shown);
  const search = state.search;
  let drawnNodes = 0, drawnEdges = 0;
  context.lineCap = "round";
  DATA.edges.forEach((edge, i) => {
    if (!net.edgesShown[i]) return;
    const [x1, y1] = toScreen(DATA.nodes[edge.s]), [x2, y2] = toScreen(DATA.nodes[edge.t]);
    if (Math.max(x1, x2) < 0 || Math.min(x1, x2) > width || Math.max(y1, y2) < 0 || Math.min(y1, y2) > height) return;
    context.strokeStyle = EDGE_COLOURS[edge.relation] || "#999";
    context.globalAlpha = net.hover && net.hover.edge === i ? 1 : 0.55;
    context.lineWidth = Math.min(1 + Math.log2(1 + edge.weight), 6);
    context.setLineDash(edge.evidence === "catalogue" ? [4, 3] : []);
    context.beginPath(); context.moveTo(x1, y1); context.lineTo(x2, y2); context.stroke();
    drawnEdges += 1;
  });
  context.setLineDash([]);
  context.globalAlpha = 1;
  const labelled = [];
  DATA.nodes.forEach((node, i) => {
    if (!net.shown[i]) return;
    const [x, y] = toScreen(node);
    if (x < -20 || x > width + 20 || y < -20 || y > height + 20) return;
    const r = radius(node);
    const match = search && node.search.includes(search);
    context.fillStyle = node.colour;
    context.globalAlpha = search && !match ? 0.25 : 1;
    context.beginPath(); context.arc(x, y, r, 0, 2 * Math.PI); context.fill();
    if (match) { context.lineWidth = 3; context.strokeStyle = "#111"; context.stroke(); }
    drawnNodes += 1;
    if (match || node.size * net.scale >= DATA.labelSize) labelled.push([node, x, y, r]);
  });
  context.globalAlpha = 1;
  labelled.sort((a, b) => b[0].size - a[0].size);
  drawLabels(context, labelled.map(([node, x, y, r]) => [node.label, x, y - r - 4]));
  net.canvas.dataset.nodes = drawnNodes;
  net.canvas.dataset.edges = drawnEdges;
  $("counts").textContent = `${drawnNodes} actors and ${drawnEdges} ties shown ` +
    `(of ${DATA.nodes.length} and ${DATA.edges.length})`;
}

// Labels centred above their points, the first ones first; one that would overlap a label
// already drawn is left out, so the picture stays readable however many points there are.
function drawLabels(context, labels) {
  context.font = "12px system-ui, 'Noto Naskh Arabic', sans-serif";
  context.textAlign = "center";
  context.fillStyle = "#1d232a";
  const taken = [];
  for (const [text, x, y] of labels) {
    const w = context.measureText(text).width, box = [x - w / 2 - 2, y - 12, x + w / 2 + 2, y + 2];
    if (taken.some((t) => box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1])) continue;
    taken.push(box);
    context.fillText(text, x, y);
  }
}

function distanceToSegment(px, py, [x1, y1], [x2, y2]) {
  const dx = x2 - x1, dy = y2 - y1, length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / length)) : 0;
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

function spanText(start, end) {
  if (!start) return "no date";
  return end && end !== start ? `${start} – ${end}` : start;
}

function hoverNetwork(event) {
  const box = net.canvas.getBoundingClientRect();
  const px = event.clientX - box.left, py = event.clientY - box.top;
  let found = null;
  DATA.nodes.forEach((node, i) => {
    if (!net.shown[i] || found) return;
    const [x, y] = toScreen(node);
    if (Math.hypot(px - x, py - y) <= radius(node) + 2) found = { node: i };
  });
  if (!found) {
    let best = 5;
    DATA.edges.forEach((edge, i) => {
      if (!net.edgesShown[i]) return;
      const d = distanceToSegment(px, py, toScreen(DATA.nodes[edge.s]), toScreen(DATA.nodes[edge.t]));
      if (d < best) { best = d; found = { edge: i }; }
    });
  }
  net.hover = found;
  const tip = $("tip");
  if (!found) { tip.hidden = true; drawNetwork(); return; }
  if (found.node !== undefined) {
    const node = DATA.nodes[found.node];
    tip.textContent = `${node.label}${node.label_ar ? " · " + node.label_ar : ""}\n${node.kind}, ` +
      `${node.events} event(s), ${spanText(node.start, node.end)}\n${node.id}`;
  } else {
    const edge = DATA.edges[found.edge];
    tip.textContent = `${DATA.nodes[edge.s].label} — ${edge.label} → ${DATA.nodes[edge.t].label}\n` +
      `${spanText(edge.start, edge.end)} · ${edge.evidence}`;
  }
  tip.hidden = false;
  tip.style.left = `${event.pageX + 14}px`;
  tip.style.top = `${event.pageY + 14}px`;
  drawNetwork();
}

function setupNetwork() {
  let drag = null;
  net.canvas.addEventListener("wheel", (event) => {
    event.preventDefault();
    const factor = event.deltaY < 0 ? 1.2 : 1 / 1.2;
    net.scale = Math.min(60, Math.max(0.3, net.scale * factor));
    drawNetwork();
  }, { passive: false });
  net.canvas.addEventListener("mousedown", (event) => { drag = [event.clientX, event.clientY]; });
  window.addEventListener("mouseup", () => { drag = null; });
  net.canvas.addEventListener("mousemove", (event) => {
    if (drag) {
      net.dx += (event.clientX - drag[0]) / net.scale;
      net.dy += (event.clientY - drag[1]) / net.scale;
      drag = [event.clientX, event.clientY];
      drawNetwork();
    } else {
      hoverNetwork(event);
    }
  });
  net.canvas.addEventListener("mouseleave", () => { $("tip").hidden = true; });
  $("zoom-in").addEventListener("click", () => { net.scale *= 1.5; drawNetwork(); });
  $("zoom-out").addEventListener("click", () => { net.scale /= 1.5; drawNetwork(); });
  $("zoom-reset").addEventListener("click", () => { net.scale = 1; net.dx = net.dy = 0; drawNetwork(); });
}

// Centre the view on the biggest node that matches the search.
function focusSearch() {
  if (!state.search) return;
  const match = DATA.nodes.filter((n, i) => net.shown[i] && n.search.includes(state.search))
    .sort((a, b) => b.size - a.size)[0];
  if (!match) return;
  const box = net.canvas.getBoundingClientRect(), half = Math.min(box.width, box.height) / 2 * 0.92;
  net.scale = Math.max(net.scale, 3);
  net.dx = -match.x * half;
  net.dy = -match.y * half;
}

// ------------------------------------------------------------------ the timeline
// Ticks a reader can use: the largest step that still gives at least four marks.
const STEPS = [["day", 1], ["week", 7], ["month", 1], ["quarter", 3], ["year", 12]];

function ticks(first, last) {
  const days = (last - first) / DAY;
  const [unit] = STEPS.find(([u, n]) => (u === "day" || u === "week" ? days / n : days / (30.4 * n)) <= 14) || ["year"];
  const marks = [];
  const date = new Date(first);
  if (unit === "day" || unit === "week") {
    for (let t = first; t <= last; t += (unit === "day" ? 1 : 7) * DAY) marks.push([t, new Date(t).toISOString().slice(0, 10)]);
    return marks;
  }
  const months = unit === "month" ? 1 : unit === "quarter" ? 3 : 12;
  let y = date.getUTCFullYear(), m = Math.floor(date.getUTCMonth() / months) * months;
  for (;;) {
    const t = Date.UTC(y, m, 1);
    if (t > last) break;
    if (t >= first) marks.push([t, unit === "year" ? String(y) : new Date(t).toISOString().slice(0, 7)]);
    m += months;
    if (m >= 12) { m -= 12; y += 1; }
  }
  return marks;
}

function shownEvents() {
  return DATA.events.filter((e) => e.first && inRange(e.first, e.last));
}

function drawTimeline() {
  const canvas = $("timeline");
  const events = shownEvents();
  const types = DATA.types.filter((t) => events.some((e) => e.type === t.type));
  canvas.style.height = `${50 + 26 * Math.max(types.length, 1)}px`;
  const { context, width, height } = fitCanvas(canvas);
  context.clearRect(0, 0, width, height);
  canvas.dataset.events = events.length;
  if (!events.length) { context.fillText("No dated events in this range.", 20, 30); canvas.dataset.ticks = ""; return; }
  // The axis spans the chosen dates, else the days that hold all but the outlying 1% at each end.
  const first = state.from ?? dayOf(DATA.first);
  const last = Math.max(first + DAY, state.to ?? dayOf(DATA.last));
  const outside = events.filter((e) => dayOf(e.last || e.first) < first || dayOf(e.first) > last).length;
  $("outside").textContent = outside ? `${outside} event(s) outside ${DATA.first} – ${DATA.last} are not drawn: ` +
    "widen the dates to see them." : "";
  const left = 160, right = 20, x = (t) => left + (t - first) / (last - first) * (width - left - right);
  context.font = "12px system-ui, sans-serif";
  const marks = ticks(first, last);
  context.textAlign = "center";
  for (const [t, label] of marks) {
    context.strokeStyle = "#e3e3e3";
    context.beginPath(); context.moveTo(x(t), 20); context.lineTo(x(t), height - 22); context.stroke();
    context.fillStyle = "#555";
    context.fillText(label, x(t), height - 6);
  }
  canvas.dataset.ticks = marks.map(([, label]) => label).join(" ");
  types.forEach((type, row) => {
    const y = 32 + row * 26;
    context.textAlign = "right";
    context.fillStyle = "#1d232a";
    context.fillText(`${type.label} (${events.filter((e) => e.type === type.type).length})`, left - 8, y + 4);
    context.fillStyle = "rgba(213, 94, 0, 0.55)";
    for (const event of events) {
      if (event.type !== type.type || dayOf(event.last || event.first) < first || dayOf(event.first) > last) continue;
      const x1 = x(dayOf(event.first)), x2 = x(dayOf(event.last || event.first) + DAY);
      context.fillRect(x1, y - 7, Math.max(x2 - x1, 2), 14);
    }
  });
}

// ------------------------------------------------------------------ the map
function drawMap() {
  const canvas = $("map");
  const { context, width, height } = fitCanvas(canvas);
  context.clearRect(0, 0, width, height);
  const events = DATA.events.filter((e) => e.lon !== null && (!e.first ? state.from === null && state.to === null : inRange(e.first, e.last)));
  if (!events.length && !DATA.places.length) { context.fillText("No place with coordinates yet.", 20, 30); return; }
  // The frame holds the middle 70% of the events (of the places when there is no event),
  // widened by half: reports from Washington or Moscow must not shrink the war to a dot.
  const points = events.length ? events : DATA.places;
  const middle = (values) => {
    const sorted = values.slice().sort((a, b) => a - b), cut = Math.floor(sorted.length * 0.15);
    return [sorted[cut], sorted[sorted.length - 1 - cut]];
  };
  const [west0, east0] = middle(points.map((p) => p.lon)), [south0, north0] = middle(points.map((p) => p.lat));
  const pad = Math.max(1, (east0 - west0) * 0.5, (north0 - south0) * 0.5);
  const [west, east, south, north] = [west0 - pad, east0 + pad, south0 - pad, north0 + pad];
  const k = Math.min((width - 40) / (east - west), (height - 40) / (north - south));
  const px = (lon) => 20 + (lon - west) * k, py = (lat) => 20 + (north - lat) * k;
  const inside = (p) => p.lon >= west && p.lon <= east && p.lat >= south && p.lat <= north;
  context.fillStyle = "#9aa0a6";
  for (const place of DATA.places.filter(inside)) {
    context.beginPath(); context.arc(px(place.lon), py(place.lat), 2, 0, 2 * Math.PI); context.fill();
  }
  const counts = new Map();
  for (const event of events.filter(inside)) {
    const key = `${event.lon},${event.lat}`;
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  for (const [key, count] of counts) {
    const [lon, lat] = key.split(",").map(Number);
    context.fillStyle = "rgba(192, 57, 43, 0.6)";
    context.beginPath(); context.arc(px(lon), py(lat), 3 + 2 * Math.sqrt(count), 0, 2 * Math.PI); context.fill();
  }
  drawLabels(context, DATA.places.filter((p) => p.events > 0 && inside(p)).sort((a, b) => b.events - a.events)
    .map((p) => [p.label, px(p.lon), py(p.lat) - 6 - 2 * Math.sqrt(p.events)]));
  const away = events.length - events.filter(inside).length;
  $("map-note").textContent = away ? `${away} event(s) far from the others are outside this frame.` : "";
  canvas.dataset.events = events.length;
}

// ------------------------------------------------------------------ controls
function drawAll() { drawNetwork(); drawTimeline(); drawMap(); }

function setupControls() {
  const kinds = $("kinds");
  for (const kind of DATA.kinds) {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.value = kind; box.className = "kind";
    box.addEventListener("change", () => { box.checked ? state.kinds.add(kind) : state.kinds.delete(kind); drawAll(); });
    const swatch = document.createElement("i");
    swatch.style.background = DATA.colours[kind];
    label.append(box, swatch, document.createTextNode(kind));
    kinds.appendChild(label);
  }
  $("from").value = DATA.first || ""; $("to").value = DATA.last || "";
  const dates = () => {
    state.from = $("from").value && $("from").value !== DATA.first ? dayOf($("from").value) : null;
    state.to = $("to").value && $("to").value !== DATA.last ? dayOf($("to").value) : null;
    drawAll();
  };
  $("from").addEventListener("change", dates);
  $("to").addEventListener("change", dates);
  $("search").addEventListener("input", () => {
    state.search = $("search").value.trim().toLowerCase();
    drawNetwork(); focusSearch(); drawNetwork();
  });
  window.addEventListener("resize", drawAll);
}

setupControls();
setupNetwork();
drawAll();
document.body.dataset.ready = "true";
