"""The spaCy language conflictkg reads Arabic news with, and its entity-stage components.

``ArabicConflict`` is spaCy's Arabic with a folding ``NORM`` (see :mod:`.normalize`), registered
as ``ar_conflict``. Components are registered factories fed by data files; each writes plain
records (:mod:`.records`) into ``doc._``. No model weights: everything is rules and data.

The entity stage (``ENTITY_COMPONENTS``), in order:

1. ``conflict_catalogue_entities``: catalogue names, folded, clitic-aware, longest first;
2. ``conflict_minted_entities``: names after cue words that the catalogue lacks (بلدة …);
3. ``conflict_governorate_scope``: "ريف درعا", "محافظتي درعا والقنيطرة" → the governorate;
4. ``conflict_speaking_capitals``: "قالت موسكو" → the Russian government, not the city;
5. ``conflict_contextual_references``: "التنظيم", "المرصد", "الجيش", "المحافظة" in context;
6. ``conflict_person_affiliations``: "مدير المرصد رامي عبد الرحمن" → an allegiance.

Each rewrites ``doc._.mentions`` (text order); the last appends to ``doc._.allegiances``.
"""
from __future__ import annotations

import re

from spacy.attrs import NORM
from spacy.lang.ar import Arabic, ArabicDefaults
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

from conflictkg.catalogue import CatalogueEntry, catalogue_index, load_catalogue
from conflictkg.iris import minted_entity_iri
from conflictkg.nlp.document import doc_text, folded_text
from conflictkg.nlp.entities import (CatalogueMatcher, CueNameReader, NameMatch, NationalBodyReader,
                                     known_body_names)
from conflictkg.nlp.lexicon import words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import fold
from conflictkg.nlp.place_hierarchy import PlaceHierarchy
from conflictkg.nlp.records import Mention, Span
from conflictkg.nlp.references import (ContextualReferences, GovernmentNationality,
                                    GovernorateScope, PersonAffiliations, SpeakingCapitals,
                                    load_references)


class ArabicConflictDefaults(ArabicDefaults):
    lex_attr_getters = {**ArabicDefaults.lex_attr_getters, NORM: fold}


@registry.languages("ar_conflict")
class ArabicConflict(Arabic):
    lang = "ar_conflict"
    Defaults = ArabicConflictDefaults


def _in_order(mentions: list[Mention]) -> list[Mention]:
    return sorted(mentions, key=lambda m: (m.span.begin, m.span.end, m.entity))


_PREVIOUS_WORD = re.compile(r"([^\W\d_]+) +$")


class CatalogueEntities:
    """Mentions of catalogue actors and places, written to ``doc._.mentions``.

    A name that is also a common adjective (``adjective_names.tsv``: "سورية") right after a
    plain word is the adjective ("غارات سورية روسية") and is dropped. A government's name
    followed by a nationality ("قوات النظام التركي") is that country's (:class:`GovernmentNationality`).
    """

    def __init__(self, matcher: CatalogueMatcher, adjective_names: frozenset[str],
                 introducers: frozenset[str], governments: GovernmentNationality | None = None):
        self.matcher = matcher
        self.adjective_names = adjective_names
        self.introducers = introducers
        self.governments = governments

    def __call__(self, doc: Doc) -> Doc:
        text, folded = doc_text(doc), folded_text(doc)
        mentions = doc._.mentions or []
        for match in self.matcher.find(folded):
            if self._is_adjective(text, match):
                continue
            entry, end, kind = match.entry, match.end, match.entry.kind
            foreign = self.governments and self.governments.reread(folded, match.begin, match.end)
            if foreign:
                # the mention takes the adjective in, so no later reading takes it alone; a
                # country meant as a government is a party (an actor), as "نفت القاهرة" is
                (entry, end), kind = foreign, "actor"
            mentions.append(Mention(Span(match.begin, end, text[match.begin:end]),
                                    entry.iri, kind, entry.entity_class, entry.label_ar))
        doc._.mentions = _in_order(mentions)
        return doc

    def _is_adjective(self, text: str, match: NameMatch) -> bool:
        if match.proclitics or fold(text[match.begin:match.end]) not in self.adjective_names:
            return False
        previous = _PREVIOUS_WORD.search(text, max(0, match.begin - 30), match.begin)
        return previous is not None and fold(previous.group(1)) not in self.introducers


@Language.factory("conflict_catalogue_entities", assigns=["doc._.mentions"])
def make_catalogue_entities(nlp: Language, name: str) -> CatalogueEntities:
    return CatalogueEntities(CatalogueMatcher(load_catalogue(), words("context_cues.tsv")),
                             frozenset(fold(w) for w in words("adjective_names.tsv")),
                             frozenset(fold(w) for w in words("name_stops.tsv")),
                             GovernmentNationality.from_data(catalogue_index()))


class MintedEntities:
    """New entities for names after cue words that the catalogue lacks ("بلدة حضر").

    A cue before a catalogue name only confirms it. A minted name of two words or more is
    also found where the article repeats it without its cue. A state's body named by a head
    and a nationality ("الشرطة البريطانية") is minted too, unless a catalogue name covers as
    much: a shorter catalogue name inside it gives way ("مجلس الأمن" in "مجلس الأمن القومي
    التركي" is not the UN's); one that names the state itself ("السلطات التركية") is the
    country's government as an actor.
    """

    def __init__(self, reader: CueNameReader, bodies: NationalBodyReader | None = None):
        self.reader = reader
        self.bodies = bodies
        self.index = catalogue_index() if bodies is not None else None
        self.known_bodies = known_body_names(self.index.by_iri.values()) if bodies is not None else {}

    def __call__(self, doc: Doc) -> Doc:
        text, folded = doc_text(doc), folded_text(doc)
        mentions = doc._.mentions or []
        minted: dict[str, Mention] = {}
        for name in self.reader.find(folded, text):
            if any(m.span.begin < name.end and name.begin < m.span.end for m in mentions):
                continue
            label = text[name.begin:name.end]
            mention = Mention(Span(name.begin, name.end, label),
                              minted_entity_iri(name.cue.kind, name.name), name.cue.kind,
                              name.cue.entity_class, label, minted=True)
            mentions.append(mention)
            minted.setdefault(name.name, mention)
        mentions += self._repeated(folded, text, minted, mentions)
        if self.bodies is not None:
            mentions = self._with_bodies(folded, text, mentions)
        doc._.mentions = _in_order(mentions)
        return doc

    def _with_bodies(self, folded, text: str, mentions: list[Mention]) -> list[Mention]:
        for body in self.bodies.find(folded):
            overlapping = [m for m in mentions if m.span.begin < body.end and body.begin < m.span.end]
            if any(m.span.begin < body.begin or m.span.end >= body.end for m in overlapping):
                continue                      # a catalogue name as long or longer knows better
            mention = self._body_mention(body, text)
            if mention is not None:
                mentions = [m for m in mentions if m not in overlapping] + [mention]
        return mentions

    def _body_mention(self, body, text: str) -> Mention | None:
        span = Span(body.begin, body.end, text[body.begin:body.end])
        if body.entity_class == "Country":
            entry = self.index.by_iri.get(body.country)
            return None if entry is None else Mention(span, entry.iri, "actor", entry.entity_class, entry.label_ar)
        known = self.known_bodies.get(body.name)
        if known is not None:                 # "قوات روسية": the catalogue's "القوات الروسية"
            return Mention(span, known.iri, "actor", known.entity_class, known.label_ar)
        # "للشرطة الفرنسية" is read from its second ل: the label gives the article its alif back
        written = span.text if body.head is None else text[body.head[0]:body.head[1]] + " " + span.text
        # (a body joined to another's head, "والفرنسية" after "الشرطة البريطانية", is labelled with
        # the head: الشرطة الفرنسية)
        label = morphology().article[:1] + written if body.article_elided else written
        return Mention(span, minted_entity_iri("actor", body.name), "actor", body.entity_class, label, minted=True)

    @staticmethod
    def _repeated(folded, text: str, minted: dict[str, Mention], mentions: list[Mention]) -> list[Mention]:
        entries = [CatalogueEntry(m.entity, m.entity_class, m.label, "", (key,), ())
                   for key, m in minted.items() if " " in key]
        if not entries:
            return []
        kinds = {m.entity: m for m in minted.values()}
        found = []
        for match in CatalogueMatcher(entries).find(folded):
            if any(m.span.begin < match.end and match.begin < m.span.end for m in mentions):
                continue
            first = kinds[match.entry.iri]
            found.append(Mention(Span(match.begin, match.end, text[match.begin:match.end]),
                                 first.entity, first.kind, first.entity_class, first.label, True))
        return found


@Language.factory("conflict_minted_entities", requires=["doc._.mentions"], assigns=["doc._.mentions"])
def make_minted_entities(nlp: Language, name: str) -> MintedEntities:
    return MintedEntities(CueNameReader.from_data(), NationalBodyReader.from_data())


class _MentionResolver:
    """A component that rewrites ``doc._.mentions`` with a resolver's ``resolve``."""

    def __init__(self, resolver):
        self.resolver = resolver

    def __call__(self, doc: Doc) -> Doc:
        doc._.mentions = self.resolver.resolve(folded_text(doc), doc_text(doc), doc._.mentions or [])
        return doc


@Language.factory("conflict_governorate_scope", requires=["doc._.mentions"], assigns=["doc._.mentions"])
def make_governorate_scope(nlp: Language, name: str) -> _MentionResolver:
    return _MentionResolver(GovernorateScope(catalogue_index(),
                                             words("governorate_cues.tsv")))


@Language.factory("conflict_speaking_capitals", requires=["doc._.mentions"], assigns=["doc._.mentions"])
def make_speaking_capitals(nlp: Language, name: str) -> _MentionResolver:
    return _MentionResolver(SpeakingCapitals.from_data(catalogue_index()))


@Language.factory("conflict_contextual_references", requires=["doc._.mentions"], assigns=["doc._.mentions"])
def make_contextual_references(nlp: Language, name: str) -> _MentionResolver:
    index = catalogue_index()
    return _MentionResolver(ContextualReferences(load_references(index), index,
                                                 words("neutral_adjectives.tsv")))


class PersonAffiliationLinks:
    """People linked to the organisation a role phrase names, appended to ``doc._.allegiances``."""

    def __init__(self, affiliations: PersonAffiliations):
        self.affiliations = affiliations

    def __call__(self, doc: Doc) -> Doc:
        mentions, facts = self.affiliations.resolve(folded_text(doc), doc_text(doc), doc._.mentions or [])
        doc._.mentions = mentions
        if facts:
            if doc._.allegiances is None:
                doc._.allegiances = []
            doc._.allegiances.extend(facts)
        return doc


@Language.factory("conflict_person_affiliations", requires=["doc._.mentions"], assigns=["doc._.mentions", "doc._.allegiances"])
def make_person_affiliations(nlp: Language, name: str) -> PersonAffiliationLinks:
    return PersonAffiliationLinks(PersonAffiliations.from_data())


@Language.factory("conflict_place_hierarchy", requires=["doc._.mentions"], assigns=["doc._.mentions"])
def make_place_hierarchy(nlp: Language, name: str) -> _MentionResolver:
    return _MentionResolver(PlaceHierarchy.from_data(catalogue_index()))


# The entity stage, in order: what finds and resolves actors and places (doc._.mentions).
ENTITY_COMPONENTS = ["conflict_catalogue_entities", "conflict_minted_entities",
                     "conflict_governorate_scope", "conflict_speaking_capitals",
                     "conflict_contextual_references",
                     "conflict_person_affiliations", "conflict_place_hierarchy"]
