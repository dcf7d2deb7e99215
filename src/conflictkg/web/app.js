// The query page: fills the example list from /queries.json, runs queries against /sparql
// (POST, the SPARQL 1.1 Protocol) and shows the answer. Everything is served by conflictkg;
// nothing is fetched from anywhere else, and results are inserted as text, never as HTML.
"use strict";

const PREFIXES = {
  "https://w3id.org/conflictkg/ontology#": "ck:",
  "https://w3id.org/conflictkg/id/actor/": "actor:",
  "https://w3id.org/conflictkg/id/place/": "place:",
  "http://www.wikidata.org/entity/": "wd:",
};

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

async function loadExamples() {
  const response = await fetch("/queries.json");
  const examples = await response.json();
  const select = $("example");
  for (const example of examples) {
    const option = document.createElement("option");
    option.value = example.name;
    option.textContent = example.title;
    select.appendChild(option);
  }
  select.addEventListener("change", () => {
    const chosen = examples.find((e) => e.name === select.value);
    if (!chosen) return;
    $("query").value = chosen.query;
    $("answers").textContent = chosen.answers;
  });
}

function cell(term) {
  const td = document.createElement("td");
  td.dir = "auto";  // Arabic labels read right to left, IRIs left to right
  if (!term) return td;
  if (term.type === "uri") {
    td.className = "uri";
    td.title = term.value;
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

async function runQuery() {
  const accept = $("format").value;
  setStatus("running…", false);
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/sparql-query", "Accept": accept },
      body: $("query").value,
    });
    const truncated = response.headers.get("X-Result-Truncated");
    if (!response.ok) {
      $("results").replaceChildren();
      setStatus(`${response.status}: ${await response.text()}`, true);
      return;
    }
    if (accept.endsWith("json") && (response.headers.get("Content-Type") || "").includes("json")) {
      showTable(await response.json(), truncated);
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

document.addEventListener("DOMContentLoaded", () => {
  $("run").addEventListener("click", runQuery);
  loadExamples().catch((error) => setStatus("could not load the examples: " + error, true));
});
