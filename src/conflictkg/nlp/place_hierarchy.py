"""Where a place the catalogue lacks lies, as the article says it.

A minted place (``conflictkg.nlp.language.MintedEntities``) has no ``ck:within`` in the
catalogue, so nothing places it in a country. The article often says where it is, right after
its name, and that is read here into the mention (``Mention.within``):

- a place after it joined by words of location only (``place_within_links.tsv``: في، ب،
  شمال، جنوب شرقي …): "مدينة شرناق جنوب شرقي تركيا" lies in Turkey, "مدينة الشرقاط جنوب الموصل
  بالعراق" beside Mosul, so in Mosul's country. An area (a country, governorate, district or
  region) holds the place; a town or city only has it nearby, so the place lies in what holds
  that town;
- a nationality adjective right after its name, or after link words only
  (``nationalities.tsv``): "مدينة صعدة اليمنية" lies in Yemen;
- an apposition made of link words ("مدينة سورابايا ثاني أكبر مدن إندونيسيا", "إحدى مدن",
  "عاصمة"), also after a comma ("سورابايا، ثاني أكبر مدن إندونيسيا"). A link word with a
  conjunction ("وفي تركيا") starts another item of a list, not where the place lies.

Nothing else is guessed: a minted place whose article says neither keeps no ``within``.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from conflictkg.catalogue import CatalogueIndex
from conflictkg.nlp.lexicon import nationality_countries, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import COMMAS, QUESTION_MARKS, SEMICOLONS, fold
from conflictkg.nlp.reaches import PLACE_WITHIN_REACH
from conflictkg.nlp.records import Mention

# Places that hold what lies in them; any other place (a city, a town) only has it nearby.
AREAS = frozenset({"Country", "Governorate", "District", "Subdistrict", "Region"})
_WORD = re.compile(r"\S+")
_NATIONALITY_REACH = 60   # characters after a name in which its nationality adjective is looked for
_CLOSING_MARKS = "." + COMMAS + SEMICOLONS + QUESTION_MARKS + "!:)"   # a word's trailing punctuation


class PlaceHierarchy:
    """Gives minted places the place their article puts them in."""

    def __init__(self, index: CatalogueIndex, links: frozenset[str], countries: dict[str, str]):
        self.index = index
        self.links = links
        self.countries = countries

    @classmethod
    def from_data(cls, index: CatalogueIndex) -> PlaceHierarchy:
        return cls(index, frozenset(fold(w) for w in words("place_within_links.tsv")), nationality_countries())

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
        after = next((m for m in later if m.span.begin >= mention.span.end and m.entity != mention.entity), None)
        end = after.span.begin if after else mention.span.end + _NATIONALITY_REACH
        between = self._apposition(_WORD.findall(text[mention.span.end:end]))
        links = 0
        while links < min(len(between), PLACE_WITHIN_REACH) and self._links(between[links]):
            links += 1
        if links < len(between) and (country := self._nationality(between[links])):
            return country
        if after is None or not between or links < len(between):
            return None
        if after.entity_class in AREAS:
            return after.entity
        entry = self.index.by_iri.get(after.entity)
        return entry.within if entry else None

    def _apposition(self, between: list[str]) -> list[str]:
        """The words after the name without a comma that opens an apposition of link words
        ("سورابايا، ثاني أكبر مدن إندونيسيا"); a comma before anything else ends the phrase."""
        if len(between) > 1 and between[0] in COMMAS and self._links(between[1]):
            return between[1:]
        return between

    def _links(self, word: str) -> bool:
        return _is_link(word, self.links)

    def _nationality(self, word: str) -> str | None:
        folded = fold(word.rstrip(_CLOSING_MARKS))
        return self.countries.get(morphology().nisba_stem(folded)) if morphology().is_nisba(folded) else None


def _is_link(word: str, links: frozenset[str]) -> bool:
    """A link word as written or under a preposition or the article, not under a conjunction
    ("وفي تركيا" begins another item); "وسط" is listed as it is written."""
    folded = fold(word)
    if folded in links:
        return True
    return morphology().without_conjunction(folded) == folded and morphology().reads_as(folded, links)


@lru_cache(maxsize=1)
def _location_links() -> frozenset[str]:
    return frozenset(fold(w) for w in words("place_within_links.tsv"))


def joined_by_location_words(between: str) -> bool:
    """Only words of location stand between two place names ("قاعدة حميميم الواقعة في شمال غرب
    سوريا"): the second says where the first lies."""
    found = _WORD.findall(between)
    return bool(found) and all(_is_link(w.strip(_CLOSING_MARKS), _location_links()) for w in found)
