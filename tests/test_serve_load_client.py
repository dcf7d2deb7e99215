"""The load client of the endpoint's load test: run as a separate process, prints a JSON report.

Usage: python test_serve_load_client.py BASE_URL CLIENTS SECONDS [RUNAWAY]. Each client thread
sends library queries in turn (POST, JSON results) until the time is up; the report gives
requests, errors, throughput and latency percentiles. RUNAWAY more threads beside them send, over
and over, a query that runs past any time limit: their answers are not counted, only what they
do to the others. Collected by pytest, it holds no tests.
"""
from __future__ import annotations

import json
import statistics
import sys
import threading
import time
import urllib.request

QUERIES = [
    "SELECT ?id WHERE { ?a a <https://w3id.org/conflictkg/ontology#Article> ; <http://purl.org/dc/terms/identifier> ?id }",
    "SELECT ?x ?label WHERE { ?x <http://www.w3.org/2000/01/rdf-schema#label> ?label FILTER(lang(?label) = 'ar') } LIMIT 50",
    "SELECT ?g WHERE { ?g (<https://w3id.org/conflictkg/ontology#pledgedAllegianceTo>|"
    "<https://w3id.org/conflictkg/ontology#memberOf>)+ <https://w3id.org/conflictkg/id/actor/islamic-state> }",
    "ASK { ?e a <https://w3id.org/conflictkg/ontology#Event> }",
]


RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def client(base: str, until: float, latencies: list[float], errors: list[str],
           queries: tuple[str, ...] = tuple(QUERIES)) -> None:
    turn = 0
    while time.monotonic() < until:
        query = queries[turn % len(queries)]
        turn += 1
        request = urllib.request.Request(base + "/sparql", data=query.encode(), headers={
            "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                json.load(response)
            latencies.append(time.monotonic() - started)
        except Exception as exc:  # any failure counts, whatever it is
            errors.append(f"{type(exc).__name__}: {exc}")


def main(base: str, clients: int, seconds: float, runaway: int = 0) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(base, until, latencies, errors)) for _ in range(clients)]
    threads += [threading.Thread(target=client, args=(base, until, [], [], (RUNAWAY,))) for _ in range(runaway)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    ordered = sorted(latencies) or [0.0]
    return {
        "clients": clients, "runaway_clients": runaway, "seconds": round(elapsed, 1), "requests": len(latencies) + len(errors),
        "errors": len(errors), "first_errors": errors[:5],
        "throughput_per_s": round(len(latencies) / elapsed, 1),
        "latency_ms": {"median": round(statistics.median(ordered) * 1000, 1),
                       "p95": round(ordered[int(len(ordered) * 0.95) - 1] * 1000, 1),
                       "p99": round(ordered[int(len(ordered) * 0.99) - 1] * 1000, 1),
                       "max": round(ordered[-1] * 1000, 1)},
    }


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]),
                          int(sys.argv[4]) if len(sys.argv) > 4 else 0)))
