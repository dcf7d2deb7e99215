"""Where a place the catalogue lacks lies, as the article says it.

A minted place (``conflictkg.nlp.language.MintedEntities``) has no ``ck:within`` in the
catalogue, so nothing places it in a country. The article often says where it is, right after
its name, and that is read here into the mention (``Mention.within``):

- a place after it joined by words of location only (``place_within_links.tsv``: في، ب،
  شمال، جنوب شرقي …): "مدينة شرناق جنوب شرقي تركيا" lies in Turkey, "مدينة الشرقاط جنوب الموصل
  بالعراق" beside Mosul, so in Mosul's country. An area (a country, governorate, district or
  region) holds the place; a town or city only has it nearby, so the place lies in what holds
  that town;
- a nationality adjective right after its name (``nationalities.tsv``): "مدينة صعدة اليمنية"
  lies in Yemen.

Nothing else is guessed: a minted place whose article says neither keeps no ``within``.
"""
from __future__ import annotations

import re
from dataclasses import replace

from conflictkg.catalogue import CatalogueIndex
from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.nlp.lexicon import lexicon, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import fold
from conflictkg.nlp.reaches import PLACE_WITHIN_REACH
from conflictkg.nlp.records import Mention

# Places that hold what lies in them; any other place (a city, a town) only has it nearby.
AREAS = frozenset({"Country", "Governorate", "District", "Subdistrict", "Region"})
_WORD = re.compile(r"\S+")


class PlaceHierarchy:
    """Gives minted places the place their article puts them in."""

    def __init__(self, index: CatalogueIndex, links: frozenset[str], countries: dict[str, str]):
        self.index = index
        self.links = links
        self.countries = countries

    @classmethod
    def from_data(cls, index: CatalogueIndex) -> PlaceHierarchy:
        return cls(index, frozenset(fold(w) for w in words("place_within_links.tsv")),
                   {fold(row.adjective): DEFAULT_BASE + row.country for row in lexicon("nationalities.tsv")})

    def resolve(self, folded, text: str, mentions: list[Mention]) -> list[Mention]:
        places = sorted((m for m in mentions if m.kind == "place"), key=lambda m: m.span.begin)
        located: dict[str, str] = {}   # the first place the article puts each minted place in
        for position, mention in enumerate(places):
            if mention.minted and mention.entity not in located:
                within = self._within(text, mention, places[position + 1:])
                if within and within != mention.entity:
                    located[mention.entity] = within
        return [replace(m, within=located[m.entity]) if m.minted and m.entity in located else m for m in mentions]

    def _within(self, text: str, mention: Mention, later: list[Mention]) -> str | None:
        following = _WORD.findall(text[mention.span.end:mention.span.end + 40])
        if following and (country := self._nationality(following[0])):
            return country
        after = next((m for m in later if m.span.begin >= mention.span.end and m.entity != mention.entity), None)
        if after is None:
            return None
        between = _WORD.findall(text[mention.span.end:after.span.begin])
        if not between or len(between) > PLACE_WITHIN_REACH or not all(self._links(word) for word in between):
            return None
        if after.entity_class in AREAS:
            return after.entity
        entry = self.index.by_iri.get(after.entity)
        return entry.within if entry else None

    def _links(self, word: str) -> bool:
        return morphology().reads_as(fold(word), self.links)

    def _nationality(self, word: str) -> str | None:
        folded = fold(word)
        return self.countries.get(morphology().nisba_stem(folded)) if morphology().is_nisba(folded) else None
