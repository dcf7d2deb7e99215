// The query page: fills the example list from /queries.json, shows a form for the chosen library
// query's parameters (bound by the server, /library/bind, exactly as `conflictkg query --param`
// binds them), runs queries against /sparql (POST, the SPARQL 1.1 Protocol), shows the answer
// with labels beside IRIs, and downloads it as CSV. Everything is served by conflictkg; nothing
// is fetched from anywhere else, and results are inserted as text, never as HTML.
"use strict";

const PREFIXES = {
  "https://w3id.org/conflictkg/ontology#": "ck:",
  "https://w3id.org/conflictkg/id/actor/": "actor:",
  "https://w3id.org/conflictkg/id/place/": "place:",
  "http://www.wikidata.org/entity/": "wd:",
};
const SAFE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|^`\\]*$/;
const MAX_LABELLED = 2000;

let examples = [];
let chosen = null;       // the library query whose form is shown
let boundText = null;    // the text the form last produced: a hand edit leaves the form aside

function $(id) { return document.getElementById(id); }

function shorten(iri) {
  for (const [namespace, prefix] of Object.entries(PREFIXES)) {
    if (iri.startsWith(namespace)) return prefix + iri.slice(namespace.length);
  }
  return iri;
}

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

// ------------------------------------------------------------------ the library and its form
async function loadExamples() {
  const response = await fetch("/queries.json");
  examples = await response.json();
  const select = $("example");
  for (const example of examples) {
    const option = document.createElement("option");
    option.value = example.name;
    option.textContent = example.title;
    select.appendChild(option);
  }
  select.addEventListener("change", () => {
    chosen = examples.find((e) => e.name === select.value) || null;
    $("answers").textContent = chosen ? chosen.answers : "";
    showForm(chosen);
    if (chosen) {
      $("query").value = chosen.query;
      boundText = chosen.query;
    }
  });
}

const INPUT_TYPES = { date: "date", integer: "number" };

function showForm(example) {
  const form = $("params");
  form.replaceChildren();
  if (!example || !example.parameters.length) return;
  for (const parameter of example.parameters) {
    const row = document.createElement("div");
    row.className = "param";
    const label = document.createElement("label");
    label.htmlFor = "param-" + parameter.name;
    label.textContent = parameter.name;
    const input = document.createElement("input");
    input.id = "param-" + parameter.name;
    input.name = parameter.name;
    input.type = INPUT_TYPES[parameter.kind] || "text";
    input.dir = "auto";
    input.placeholder = parameter.default === null ? "any" : parameter.default;
    input.dataset.kind = parameter.kind;
    const note = document.createElement("span");
    note.className = "note";
    note.textContent = parameter.description;
    row.append(label, input, note);
    form.appendChild(row);
  }
}

function formValues() {
  return Array.from($("params").querySelectorAll("input"))
    .filter((input) => input.value.trim() !== "")
    .map((input) => `${input.name}=${input.value.trim()}`);
}

// The form's values bound into the chosen query by the server; null (and the reason shown) if not.
async function boundQuery() {
  const url = new URLSearchParams({ query: chosen.name });
  for (const value of formValues()) url.append("param", value);
  const response = await fetch("/library/bind?" + url.toString());
  const text = await response.text();
  if (!response.ok) {
    setStatus(`parameters: ${text}`, true);
    return null;
  }
  return text;
}

// ------------------------------------------------------------------ results
function cell(term) {
  const td = document.createElement("td");
  td.dir = "auto";  // Arabic labels read right to left, IRIs left to right
  if (!term) return td;
  if (term.type === "uri") {
    td.className = "uri";
    td.title = term.value;
    td.dataset.iri = term.value;
    td.textContent = shorten(term.value);
  } else {
    td.textContent = term.value;
  }
  return td;
}

function showTable(data, truncated) {
  const results = $("results");
  results.replaceChildren();
  if (typeof data.boolean === "boolean") {
    results.textContent = data.boolean ? "yes" : "no";
    return;
  }
  const table = document.createElement("table");
  table.id = "result-table";
  const head = table.createTHead().insertRow();
  for (const name of data.head.vars) {
    const th = document.createElement("th");
    th.textContent = name;
    head.appendChild(th);
  }
  const body = table.createTBody();
  for (const binding of data.results.bindings) {
    const row = body.insertRow();
    for (const name of data.head.vars) row.appendChild(cell(binding[name]));
  }
  results.appendChild(table);
  const count = data.results.bindings.length;
  setStatus(`${count} row(s)` + (truncated ? ` (cut: ${truncated})` : ""), false);
}

// Each IRI cell shows its label (English, else Arabic) with the short IRI beneath it.
async function addLabels() {
  const cells = Array.from(document.querySelectorAll("#result-table td.uri"));
  const iris = [...new Set(cells.map((td) => td.dataset.iri).filter((iri) => SAFE_IRI.test(iri)))]
    .slice(0, MAX_LABELLED);
  if (!iris.length) return;
  const query = "SELECT ?iri (SAMPLE(?en) AS ?label_en) (SAMPLE(?ar) AS ?label_ar) WHERE {\n" +
    "  VALUES ?iri { " + iris.map((iri) => `<${iri}>`).join(" ") + " }\n" +
    '  OPTIONAL { ?iri <http://www.w3.org/2000/01/rdf-schema#label> ?en FILTER(lang(?en) = "en") }\n' +
    '  OPTIONAL { ?iri <http://www.w3.org/2000/01/rdf-schema#label> ?ar FILTER(lang(?ar) = "ar") }\n' +
    "} GROUP BY ?iri";
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" },
    body: query,
  });
  if (!response.ok) return;  // labels are a help: the IRIs stay readable without them
  const labels = new Map();
  for (const binding of (await response.json()).results.bindings) {
    const label = binding.label_en || binding.label_ar;
    if (label) labels.set(binding.iri.value, label.value);
  }
  for (const td of cells) {
    const label = labels.get(td.dataset.iri);
    if (!label) continue;
    const name = document.createElement("span");
    name.className = "label";
    name.dir = "auto";
    name.textContent = label;
    const iri = document.createElement("span");
    iri.className = "iri";
    iri.textContent = shorten(td.dataset.iri);
    td.replaceChildren(name, iri);
  }
}

// ------------------------------------------------------------------ running
async function queryText() {
  const text = $("query").value;
  if (chosen && text === boundText) {  // not edited by hand: the form decides the parameters
    const bound = await boundQuery();
    if (bound === null) return null;
    $("query").value = bound;
    boundText = bound;
    return bound;
  }
  return text;
}

async function runQuery() {
  const accept = $("format").value;
  setStatus("running…", false);
  const started = performance.now();
  try {
    const text = await queryText();
    if (text === null) { $("results").replaceChildren(); return; }
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: text,
    });
    const truncated = response.headers.get("X-Result-Truncated");
    if (!response.ok) {
      $("results").replaceChildren();
      setStatus(`${response.status}: ${await response.text()}`, true);
      return;
    }
    if (accept.endsWith("json") && (response.headers.get("Content-Type") || "").includes("json")) {
      showTable(await response.json(), truncated);
      await addLabels();
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await response.text();
      $("results").replaceChildren(pre);
      setStatus("done", false);
    }
    $("status").textContent += ` in ${Math.round(performance.now() - started)} ms`;
  } catch (error) {
    setStatus(String(error), true);
  }
}

async function downloadCsv() {
  setStatus("preparing CSV…", false);
  const text = await queryText();
  if (text === null) return;
  const response = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/sparql-query", "Accept": "text/csv" },
    body: text,
  });
  if (!response.ok) {
    setStatus(`${response.status}: ${await response.text()}`, true);
    return;
  }
  const link = $("download");
  if (link.href) URL.revokeObjectURL(link.href);
  link.href = URL.createObjectURL(await response.blob());
  link.download = (chosen ? chosen.name : "results") + ".csv";
  link.click();
  setStatus(`CSV ready: ${link.download}`, false);
}

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", runQuery);
  $("csv").addEventListener("click", downloadCsv);
  $("params").addEventListener("submit", (event) => { event.preventDefault(); runQuery(); });
  loadExamples().catch((error) => setStatus("could not load the examples: " + error, true));
});
