"""The RDF namespaces conflictkg writes, with ``CK`` closed over the ontology's terms.

``CK`` is an rdflib ``DefinedNamespace``: an attribute that is not listed here raises
``AttributeError`` instead of silently minting a misspelt IRI, and ``tests/test_ontology.py``
checks that every term listed here is defined in ``ontology/conflictkg.ttl``.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

CK_IRI = "https://w3id.org/conflictkg/ontology#"
DEFAULT_BASE = "https://w3id.org/conflictkg/id/"

WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("http://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")


class CK(DefinedNamespace):
    """Terms of the conflictkg ontology (https://w3id.org/conflictkg/ontology#)."""

    _NS = Namespace(CK_IRI)
    _fail = True
    _extras = ["from"]  # a Python keyword: reach it as CK["from"]

    # Articles and evidence
    Article: URIRef
    Mention: URIRef
    mentions: URIRef
    evidence: URIRef
    article: URIRef
    contentHash: URIRef

    # Actors and places
    ActorOrPlace: URIRef
    Actor: URIRef
    Country: URIRef
    StateForce: URIRef
    ArmedGroup: URIRef
    Coalition: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    Governorate: URIRef
    District: URIRef
    Subdistrict: URIRef
    City: URIRef
    Town: URIRef
    Village: URIRef
    Neighbourhood: URIRef
    Camp: URIRef
    MilitaryBase: URIRef
    Region: URIRef
    BorderCrossing: URIRef
    within: URIRef
    partOf: URIRef
    country: URIRef
    contextLabel: URIRef
    minted: URIRef

    # Events
    Event: URIRef
    AirStrike: URIRef
    Shelling: URIRef
    Bombing: URIRef
    ArmedClash: URIRef
    TerritoryTaken: URIRef
    AttackOnCivilians: URIRef
    Abduction: URIRef
    Arrest: URIRef
    Evacuation: URIRef
    Displacement: URIRef
    Agreement: URIRef
    EventTypeScheme: URIRef
    acledSubEvent: URIRef
    ploverCode: URIRef
    cameoCode: URIRef
    participant: URIRef
    initiator: URIRef
    target: URIRef
    supporter: URIRef
    location: URIRef
    instrument: URIRef
    InstrumentScheme: URIRef
    FighterJet: URIRef
    Warplane: URIRef
    Helicopter: URIRef
    Drone: URIRef
    BarrelBomb: URIRef
    Artillery: URIRef
    Mortar: URIRef
    Rocket: URIRef
    SurfaceToSurfaceMissile: URIRef
    CarBomb: URIRef
    SuicideBomber: URIRef
    Landmine: URIRef
    date: URIRef
    earliest: URIRef
    latest: URIRef
    dateUnresolved: URIRef
    reportedBy: URIRef
    sameHappeningAs: URIRef
    linkedArticlesHash: URIRef

    # Modality
    modality: URIRef
    Modality: URIRef
    Asserted: URIRef
    Claimed: URIRef
    Denied: URIRef
    Historical: URIRef
    Planned: URIRef
    claimedBy: URIRef

    # Figures
    Figure: URIRef
    CumulativeToll: URIRef
    figure: URIRef
    outcome: URIRef
    Outcome: URIRef
    Killed: URIRef
    Injured: URIRef
    Evacuated: URIRef
    Displaced: URIRef
    Strikes: URIRef
    count: URIRef
    qualifier: URIRef
    Qualifier: URIRef
    Exactly: URIRef
    AtLeast: URIRef
    MoreThan: URIRef
    Approximately: URIRef
    population: URIRef
    Population: URIRef
    Civilians: URIRef
    Children: URIRef
    Women: URIRef
    Combatants: URIRef
    MedicalWorkers: URIRef
    affiliation: URIRef

    # Allegiances and control
    Allegiance: URIRef
    AllegianceKind: URIRef
    directEdge: URIRef
    kind: URIRef
    to: URIRef
    PledgedAllegiance: URIRef
    Supports: URIRef
    AlliedWith: URIRef
    MemberOf: URIRef
    AffiliatedWith: URIRef
    LedBy: URIRef
    FormerlyAffiliated: URIRef
    pledgedAllegianceTo: URIRef
    supports: URIRef
    alliedWith: URIRef
    memberOf: URIRef
    affiliatedWith: URIRef
    ledBy: URIRef
    formerlyAffiliatedWith: URIRef
    TerritorialControl: URIRef
    controller: URIRef
    territory: URIRef
    asOf: URIRef


CK_FROM = CK["from"]

# The direct actor-to-actor edge written beside each ck:Allegiance node, by kind.
DIRECT_EDGE = {
    CK.PledgedAllegiance: CK.pledgedAllegianceTo,
    CK.Supports: CK.supports,
    CK.AlliedWith: CK.alliedWith,
    CK.MemberOf: CK.memberOf,
    CK.AffiliatedWith: CK.affiliatedWith,
    CK.LedBy: CK.ledBy,
    CK.FormerlyAffiliated: CK.formerlyAffiliatedWith,
}

EVENT_TYPES = (
    CK.AirStrike, CK.Shelling, CK.Bombing, CK.ArmedClash, CK.TerritoryTaken,
    CK.AttackOnCivilians, CK.Abduction, CK.Arrest, CK.Evacuation, CK.Displacement,
    CK.Agreement,
)
