# The triples conflictkg does not write because the graph says them already (ontology/README.md,
# "What the graph does not repeat"), put back where they were: into each article's named graph.
# For queries or tools written for graphs that still had them; the library queries, shapes and
# exports need none of them. Run it with any SPARQL 1.1 Update client (pyoxigraph: Store.update;
# an endpoint: its update service). The spans of an entity's repeated wordings are implied by
# nothing and do not come back.
PREFIX ck:     <https://w3id.org/conflictkg/ontology#>
PREFIX nif:    <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>

# ck:article owl:equivalentProperty nif:referenceContext; ck:Mention rdfs:subClassOf nif:Phrase.
INSERT { GRAPH ?g { ?mention ck:article ?article ; a nif:Phrase } }
WHERE  { GRAPH ?g { ?mention a ck:Mention ; nif:referenceContext ?article } }
