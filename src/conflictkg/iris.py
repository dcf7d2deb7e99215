"""Deterministic IRIs: the same input always gives the same IRI, in any process.

Plain strings, no RDF library, so that every layer can mint them. Names are folded before
hashing, so spelling variants the matcher treats as one name also get one IRI.
"""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from conflictkg.namespaces import DEFAULT_BASE


def _digest(*parts: str, length: int = 16) -> str:
    joined = "\x1f".join(parts)  # unit separator: cannot occur in names, so no ambiguity
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:length]


def article_iri(article_id: str, base: str = DEFAULT_BASE) -> str:
    return f"{base}article/{quote(article_id, safe='-._~')}"


def is_article_iri(iri: str, base: str = DEFAULT_BASE) -> bool:
    """Is this the IRI of an article (and so the name of an article's graph)?"""
    return iri.startswith(f"{base}article/") and "/" not in iri[len(base) + len("article/"):]


def catalogue_graph_iri(base: str = DEFAULT_BASE) -> str:
    return f"{base}graph/catalogue"


def ontology_graph_iri(base: str = DEFAULT_BASE) -> str:
    return f"{base}graph/ontology"


def links_graph_iri(base: str = DEFAULT_BASE) -> str:
    """The graph of links between articles (events reporting the same happening)."""
    return f"{base}graph/links"


def minted_entity_iri(kind: str, folded_name: str, base: str = DEFAULT_BASE) -> str:
    """An entity the catalogue lacks: ``kind`` is "actor" or "place", the name already folded."""
    return f"{base}{kind}/m-{_digest(kind, folded_name)}"


def span_iri(article: str, begin: int, end: int) -> str:
    return f"{article}/span/{begin}-{end}"


def event_iri(article: str, event_type: str, begin: int) -> str:
    return f"{article}/event/{event_type}-{begin}"


def figure_iri(event: str, outcome: str, begin: int) -> str:
    return f"{event}/figure/{outcome}-{begin}"


def statement_iri(article: str, kind: str, *parts: str) -> str:
    """An allegiance or control statement, named by what it says."""
    return f"{article}/{kind}/{_digest(*parts, length=12)}"
