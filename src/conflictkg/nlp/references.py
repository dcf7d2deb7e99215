"""Resolution in context: what a short reference, a capital's name or a role phrase means here.

This runs inside the NLP pipeline, after the catalogue and minted names are found and before
the fact stage, because it needs the article's text and the order of its mentions, and the
fact stage needs its answers (an event's "التنظيم" must already be the Islamic State). It is
therefore part of ``conflictkg.nlp`` rather than of the cross-article ``conflictkg.linking``
layer of ARCHITECTURE.md, which merges what several articles say. Everything it knows is data:

- ``references.tsv``: short and descriptive references ("التنظيم", "المرصد", "الجيش",
  "المحافظة") resolved to the most recent entity of a class, else a fixed catalogue entity;
- ``governorate_cues.tsv``: "ريف درعا", "محافظتي درعا والقنيطرة" mean the governorate named
  after its capital, bare "درعا" the city;
- ``government_words.tsv`` and ``nationality_adjectives.tsv``: "قوات النظام التركي" is Turkey's
  forces, not the Syrian government that "قوات النظام" alone means;
- ``person_roles.tsv`` and ``reporting_verbs.tsv``: "مدير المرصد رامي عبد الرحمن" links a
  person to an organisation (an :class:`AllegianceRecord`), minting the person if need be.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from conflictkg.catalogue import PLACE_CLASSES, CatalogueEntry, CatalogueIndex, catalogue_index
from conflictkg.iris import minted_entity_iri
from conflictkg.namespaces import DEFAULT_BASE
from conflictkg.nlp.cues import CueLexicon
from conflictkg.nlp.document import (NOT_ANTECEDENT, accused_act_after, place_word_before, relation_before,
                                     reported_content_words, words_before)
from conflictkg.nlp.entities import WORD, CatalogueMatcher
from conflictkg.nlp.lexicon import lexicon, nationality_countries, words
from conflictkg.nlp.morphology import morphology
from conflictkg.nlp.normalize import ALIF_MAQSURA, COMMAS, FoldedText, fold, word_runs
from conflictkg.nlp.records import AllegianceRecord, Mention, Span

MORPHOLOGY = morphology()
ARTICLE = MORPHOLOGY.article
SHORTEST_WORD = 3        # a conjunction is read off a word only when this much remains
POST = frozenset({"in"})   # place_words.tsv: "في سوريا" after an organisation is where a post is held


def strip_conjunction(word: str) -> str:
    """A folded word without a leading و or ف (when what is left is still a word)."""
    return MORPHOLOGY.without_conjunction(word, shortest=SHORTEST_WORD)


def is_nisba_adjective(word: str) -> bool:
    """A definite word shaped like a nisba adjective (folded): اللبناني, العراقيه; not الحي."""
    return len(word) >= 5 and word.startswith(ARTICLE) and MORPHOLOGY.is_nisba(word)


def _add_unique(mentions: list[Mention], new: Iterable[Mention]) -> list[Mention]:
    """The mentions plus the new ones that overlap none of them, in text order."""
    taken = list(mentions)
    for mention in new:
        if not any(m.span.begin < mention.span.end and mention.span.begin < m.span.end for m in taken):
            taken.append(mention)
    return sorted(taken, key=lambda m: (m.span.begin, m.span.end, m.entity))


def _named_already(minted: Mention, mentions: list[Mention]) -> Mention | None:
    """A person minted from a title's words that another mention already covers: that person
    when it is one ("الرئيس الأمريكي، دونالد ترامب" is the catalogue's Trump), else nothing.
    Never an allegiance to a person the graph does not hold."""
    covering = [m for m in mentions if m.span.begin < minted.span.end and minted.span.begin < m.span.end]
    if not covering:
        return minted
    return covering[0] if covering[0].entity_class == "Person" else None


def words_are_digits(text: str, span: tuple[int, int]) -> bool:
    return text[span[0]:span[1]].isdigit()


def _mention_of(entry: CatalogueEntry, span: Span) -> Mention:
    return Mention(span, entry.iri, entry.kind, entry.entity_class, entry.label_ar)


# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Reference:
    """One row of ``references.tsv``; ``names_ar`` lets the catalogue matcher find it."""

    phrase: str
    classes: frozenset[str]
    named: str            # folded; "" for any
    fallback: str | None  # catalogue IRI
    needs: str | None     # catalogue IRI

    @property
    def names_ar(self) -> tuple[str, ...]:
        return (self.phrase,)

    context_names_ar: tuple[str, ...] = ()


def load_references(index: CatalogueIndex, file: str = "references.tsv") -> list[Reference]:
    def entity(value: str | None) -> str | None:
        return None if value is None else index.entry(value).iri

    return [Reference(row.phrase, frozenset(row.classes.split(",")) if row.classes else frozenset(),
                      fold(row.named) if row.named else "", entity(row.fallback), entity(row.needs))
            for row in lexicon(file)]


class ContextualReferences:
    """Resolves "التنظيم", "المرصد", "الجيش", "المحافظة" … to the entity the article means."""

    def __init__(self, references: Sequence[Reference], index: CatalogueIndex,
                 neutral_adjectives: Iterable[str] = ()):
        self.matcher = CatalogueMatcher(references)
        self.index = index
        self.neutral_adjectives = frozenset(fold(a) for a in neutral_adjectives)

    def resolve(self, folded: FoldedText, original: str, mentions: list[Mention]) -> list[Mention]:
        found = []
        for match in self.matcher.find(folded):
            if self._names_something_else(folded, match.end):
                continue
            if any(m.span.begin < match.end and match.begin < m.span.end for m in mentions):
                continue
            entity = self._referent(match.entry, mentions, match.begin, original)
            if entity is not None:
                found.append(replace(entity, span=Span(match.begin, match.end,
                                                       original[match.begin:match.end])))
        return _add_unique(mentions, found)

    def _names_something_else(self, folded: FoldedText, end: int) -> bool:
        """"الجيش اللبناني", "الحكومة العراقية": a nisba adjective after it names another."""
        position = bisect.bisect_left(folded.origin, end)
        following = re.match(r" +([^\W_]+)", folded.text[position:position + 40])
        return bool(following) and is_nisba_adjective(following.group(1)) \
            and following.group(1) not in self.neutral_adjectives

    def _referent(self, reference: Reference, mentions: list[Mention], before: int,
                  original: str = "") -> Mention | None:
        # a place named only as a direction or a neighbour ("باتجاه مدينة إدلب", "قرب X") is not
        # what "المدينة" refers back to
        named_before = [m for m in mentions if m.span.end <= before]
        earlier = [m for m in named_before
                   if not (m.kind == "place" and relation_before(original, m.span.begin) in NOT_ANTECEDENT)]
        if reference.classes:
            for mention in reversed(earlier):
                hit = self._fits(reference, mention)
                if hit is not None:
                    return hit
        # the fallback's condition holds anywhere in the article: a report on Douma that names
        # Syria only further on, or names only places in Syria, still means the Syrian
        # opposition by "المعارضة"
        if reference.fallback and (reference.needs is None or any(self._in(m, reference.needs) for m in mentions)):
            return _mention_of(self.index.by_iri[reference.fallback], Span(0, 0, ""))
        return None

    def _in(self, mention: Mention, place: str) -> bool:
        """The mention is ``place`` or a place the catalogue puts in it (Douma in Syria)."""
        return mention.entity == place or (mention.kind == "place" and place in self.index.enclosing(mention.entity))

    def _fits(self, reference: Reference, mention: Mention) -> Mention | None:
        """The mention (or an enclosing place of it) when it is what the reference can mean."""
        if reference.classes & PLACE_CLASSES and mention.kind == "place":
            if mention.entity_class in reference.classes:
                return mention                      # a minted place is its own class
            for iri in self.index.enclosing(mention.entity):
                entry = self.index.by_iri.get(iri)
                if entry and entry.entity_class in reference.classes:
                    return _mention_of(entry, mention.span)
            return None
        if mention.entity_class not in reference.classes:
            return None
        if reference.named and not self._carries(mention, reference.named):
            return None
        return mention

    def _carries(self, mention: Mention, word: str) -> bool:
        entry = self.index.by_iri.get(mention.entity)
        names = entry.names_ar if entry else (mention.label,)
        return any(word in WORD.findall(fold(name)) for name in (*names, mention.span.text))


# ---------------------------------------------------------------------------------------------
class GovernmentNationality:
    """"قوات النظام التركي", "القوات الحكومية العراقية": a name ending in a word for "the
    government" (``government_words.tsv``) means Syria's only when nothing says whose; a
    nationality adjective right after it (``nationality_adjectives.tsv``) names that country's
    forces, or the country itself when the catalogue has none."""

    def __init__(self, index: CatalogueIndex, government_words: Iterable[str],
                 adjectives: dict[str, str]):
        self.index = index
        self.government_words = frozenset(fold(w) for w in government_words)
        self.adjectives = {fold(stem): iri for stem, iri in adjectives.items()}

    @classmethod
    def from_data(cls, index: CatalogueIndex) -> GovernmentNationality:
        adjectives = {row.adjective: index.entry(row.actor).iri for row in lexicon("nationality_adjectives.tsv")}
        return cls(index, words("government_words.tsv"), adjectives)

    def reread(self, folded: FoldedText, begin: int, end: int) -> tuple[CatalogueEntry, int] | None:
        """(the entry meant, the end of the adjective) when the name at ``[begin, end)`` ends
        in a government word qualified by a nationality; else None."""
        start, stop = bisect.bisect_left(folded.origin, begin), bisect.bisect_left(folded.origin, end)
        words = WORD.findall(folded.text[start:stop])
        if not words or words[-1] not in self.government_words:
            return None
        following = re.match(r" +([^\W_]+)", folded.text[stop:stop + 40])
        if following is None:
            return None
        iri = self.adjectives.get(MORPHOLOGY.nisba_stem(following.group(1)))
        if iri is None:
            return None
        return self.index.by_iri[iri], folded.to_original(stop, stop + following.end(1))[1]


# ---------------------------------------------------------------------------------------------
class GovernorateScope:
    """"ريف درعا", "محافظتي درعا والقنيطرة", "ريف درعا الشرقي" → the governorate, not the city."""

    def __init__(self, index: CatalogueIndex, cues: Iterable[str]):
        self.index = index
        self.cues = frozenset(fold(c) for c in cues)

    def resolve(self, folded: FoldedText, original: str, mentions: list[Mention]) -> list[Mention]:
        scoped: list[Mention] = []
        previous_scoped_end = None
        for mention in mentions:
            governorate = self._governorate(folded, original, mention, previous_scoped_end)
            if governorate is not None:
                mention = _mention_of(self.index.by_iri[governorate], mention.span)
                previous_scoped_end = mention.span.end
            scoped.append(mention)
        return scoped

    def _governorate(self, folded: FoldedText, original: str, mention: Mention,
                     previous_scoped_end: int | None) -> str | None:
        entry = self.index.by_iri.get(mention.entity)
        if entry is None or mention.minted:
            return None
        if entry.entity_class == "Region" and entry.within:
            outer = self.index.by_iri.get(entry.within)
            first = fold(entry.label_ar).split(" ")[0]
            if outer and outer.entity_class == "Governorate" and first in self.cues:
                return outer.iri                    # ريف درعا الشرقي → Daraa governorate
        governorate = self.index.governorate_of_capital.get(entry.iri)
        if governorate is None:
            return None
        before = original[max(0, mention.span.begin - 24):mention.span.begin]
        words = WORD.findall(fold(before))
        if words and before[-1:] in " \u00a0" and strip_conjunction(words[-1]) in self.cues:
            return governorate                      # ريف درعا, مدن وبلدات درعا
        joined = original[previous_scoped_end:mention.span.begin] if previous_scoped_end else ""
        if joined.strip() in (*MORPHOLOGY.list_conjunctions, *COMMAS):
            return governorate                      # محافظتي درعا والقنيطرة
        return None


# ---------------------------------------------------------------------------------------------
class SpeakingCapitals:
    """"نفت أنقرة", "قالت موسكو", "أعلنت دمشق": a capital right after a citing verb
    (``attribution_cues.tsv``, position "either") is its government
    (``capital_governments.tsv``), an actor, not the city: the mention is rewritten so. A
    country there ("قالت روسيا") is likewise read as the actor, not the place, and so are
    the capitals and countries joined to it ("اتهمت دمشق وموسكو وطهران"), and one accused of an
    act ("اتهمت الدول الغربية دمشق بشن هجوم": accused_acts.tsv)."""

    def __init__(self, index: CatalogueIndex, capitals: dict[str, str], verbs):
        self.index = index
        self.capitals = capitals
        self.verbs = verbs            # a CueLexicon of the citing verbs

    @classmethod
    def from_data(cls, index: CatalogueIndex) -> "SpeakingCapitals":
        capitals = {DEFAULT_BASE + row.capital: DEFAULT_BASE + row.government for row in lexicon("capital_governments.tsv")}
        verbs = CueLexicon([row for row in lexicon("attribution_cues.tsv") if row.position == "either"])
        return cls(index, capitals, verbs)

    def resolve(self, folded: FoldedText, original: str, mentions: list[Mention]) -> list[Mention]:
        if not any(m.entity in self.capitals or m.entity_class == "Country" for m in mentions):
            return mentions
        verb_ends = {cue.end for cue in self.verbs.find(folded)}
        out = []
        speaker_end = None        # the end of the last capital or country read as a speaker
        for mention in mentions:
            # a country speaking ("قالت روسيا", "اتهمت تركيا") is a party too
            government = self.capitals.get(mention.entity) or (
                mention.entity if mention.entity_class == "Country" and mention.kind == "place" else None)
            if government is not None and government in self.index.by_iri and (
                    self._after_verb(original, mention, verb_ends)
                    or self._right_after(original, mention, _words_before_a_state())
                    or accused_act_after(original, mention.span.end)
                    or speaker_end is not None and self._joined(original, speaker_end, mention)):
                entry = self.index.by_iri[government]
                mention = Mention(mention.span, entry.iri, "actor", entry.entity_class, entry.label_ar)
                speaker_end = mention.span.end
            elif mention.span.begin >= (speaker_end or 0):
                speaker_end = None
            out.append(mention)
        return out

    @staticmethod
    def _after_verb(original: str, mention: Mention, verb_ends: set[int]) -> bool:
        gap = original[max(0, mention.span.begin - 3):mention.span.begin]
        end = mention.span.begin - (len(gap) - len(gap.rstrip()))
        return end in verb_ends and end < mention.span.begin

    @staticmethod
    def _right_after(original: str, mention: Mention, listed: frozenset[str]) -> bool:
        """The word right before the mention (its proclitics allowed) is one of ``listed``:
        أن / إن ("قال مسؤول إن واشنطن تعتقد": the subject of what was said) or a head of
        government ("اتفاق مع حكومة دمشق"): either way the state."""
        before = words_before(original, mention.span.begin, 1)
        return bool(before) and not original[mention.span.begin - 1:mention.span.begin].strip() \
            and MORPHOLOGY.reads_as(fold(before[-1]), listed)

    @staticmethod
    def _joined(original: str, end: int, mention: Mention) -> bool:
        """"اتهمت دمشق وموسكو وطهران": only و between this and the speaker before it."""
        return MORPHOLOGY.joins_list(fold(original[end:mention.span.begin].strip())) \
            if original[end:mention.span.begin].strip() else False


@lru_cache(maxsize=1)
def _words_before_a_state() -> frozenset[str]:
    """أن / إن (reported_content.tsv) and the heads of government (government_heads.tsv)."""
    return reported_content_words() | frozenset(fold(word) for word in words("government_heads.tsv"))


# ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Role:
    words: tuple[str, ...]   # folded
    kind: str                # LedBy or MemberOf
    order: str               # role-org-person, person-role-org or role-nationality-person


LINK_WORDS = frozenset(fold(w) for w in words("title_links.tsv"))


class _Words(list):
    """An article's words as (begin, end) offsets in the folded text, with what the name reader
    must know of them beyond their letters, worked out for the few words it asks about:

    - :meth:`breaks_at`: a word a name never runs into: where another mention begins
      ("المحلل ماريو أبو زيد لسكاي نيوز"), or a verb says what befell someone
      ("آنا كامبل قتلت": figure_outcomes.tsv, event_triggers.tsv);
    - :meth:`named_at`: a word written as a name though it folds like a stop word (the name
      "علي", not the preposition "على": folding makes ى a ي).
    """

    VERB_REACH = 3        # the words after a word that a verb starting there may span

    def __init__(self, spans, folded: FoldedText, original: str, mention_words: frozenset[int],
                 maqsura_stops: frozenset[str]):
        super().__init__(spans)
        self.folded, self.original = folded, original
        self.mention_words = mention_words
        self.maqsura_stops = maqsura_stops
        self._verbs: dict[int, bool] = {}

    def breaks_at(self, i: int) -> bool:
        if i in self.mention_words:
            return True
        if i not in self._verbs:
            begin, first_end = self.folded.to_original(*self[i])
            end = self.folded.to_original(*self[min(i + self.VERB_REACH, len(self) - 1)])[1]
            # a verb that begins in this word, behind its proclitics perhaps ("وقتلت")
            self._verbs[i] = any(cue.begin < first_end - begin
                                 for cue in _befalling_verbs().find_in(self.original[begin:end]))
        return self._verbs[i]

    def named_at(self, i: int) -> bool:
        begin, end = self[i]
        return self.folded.text[begin:end] in self.maqsura_stops \
            and self.original[self.folded.origin[end - 1]] != ALIF_MAQSURA


@lru_cache(maxsize=1)
def _befalling_verbs() -> CueLexicon:
    """The verbs that say what befell someone or what someone did, which a name never runs into:
    the outcome verbs that may follow whom they befell (figure_outcomes.tsv, position after or
    either: قتلت، أصيب، لقي مصرعه) and the verbs of events (event_triggers.tsv, pos verb)."""
    outcomes = [row for row in lexicon("figure_outcomes.tsv") if row.position in ("after", "either")]
    return CueLexicon([*outcomes, *(row for row in lexicon("event_triggers.tsv") if row.pos == "verb")])


class PersonAffiliations:
    """"مدير المرصد رامي عبد الرحمن", "فلان القيادي في هيئة تحرير الشام" → an allegiance."""

    MAX_NAME_WORDS = 3
    MAX_ADJECTIVES = 2
    MAX_BODY_WORDS = 5     # "مركز X للدراسات العمالية الاقتصادي": a body the graph does not know

    def __init__(self, roles: Iterable[Role], verbs: Iterable[str], stops: Iterable[str],
                 links: Iterable[str], countries: dict[str, str] | None = None,
                 home_countries: dict[str, str] | None = None, common_words: Iterable[str] = ()):
        self.countries = {fold(stem): iri for stem, iri in (countries or {}).items()}
        # a catalogued person's state (ck:memberOf a Country): what a title with no nationality
        # refers to, "الرئيس بشار الأسد"
        self.home_countries = home_countries or {}
        # every written form of a role's first word (والمتحدث، للرئيس …) → its roles: one look-up
        # per word of the article
        self.roles_by_first_word: dict[str, list[Role]] = {}
        for role in roles:
            for form in MORPHOLOGY.written_forms(role.words[0]):
                self.roles_by_first_word.setdefault(form, []).append(role)
        self.verbs = frozenset(fold(v) for v in verbs)
        self.stops = frozenset(fold(s) for s in stops)
        # stop words written with ى, which folding merges with names written with ي (على / علي)
        self.maqsura_stops = frozenset(fold(s) for s in stops if s.endswith(ALIF_MAQSURA))
        self.links = frozenset(fold(s) for s in links)
        # words no person's name is made of (person_name_rejects.tsv): a run holding one is no name
        self.common_words = frozenset(fold(w) for w in common_words)
        self.stops_and_verbs = self.stops | self.verbs

    @classmethod
    def from_data(cls) -> "PersonAffiliations":
        roles = [Role(tuple(WORD.findall(fold(r.role))), r.kind, r.order) for r in lexicon("person_roles.tsv")]
        countries = nationality_countries()
        index = catalogue_index()
        home = {entry.iri: state for entry in index.by_iri.values() if entry.entity_class == "Person"
                for state in entry.member_of[:1]
                if index.by_iri.get(state) is not None and index.by_iri[state].entity_class == "Country"}
        return cls(roles, words("reporting_verbs.tsv"), words("name_stops.tsv"), words("name_links.tsv"),
                   countries, home, words("person_name_rejects.tsv"))

    def resolve(self, folded: FoldedText, original: str, mentions: list[Mention]
                ) -> tuple[list[Mention], list[AllegianceRecord]]:
        text = folded.text
        by_start = {}
        for mention in mentions:
            by_start.setdefault(mention.span.begin, mention)
        words = self._words(folded, original, by_start)
        new_people, facts = [], []
        role_end = 0       # a role read at a word covers its words: "نائب الرئيس" holds no "الرئيس"
        for index, (begin, end) in enumerate(words):
            if index < role_end:
                continue
            word = text[begin:end]   # "وزير" is a word, "والمتحدث" a conjunction and one
            candidates = self.roles_by_first_word.get(word, ())
            for role in sorted(candidates, key=lambda r: -len(r.words)):   # the longest title first
                if not self._role_at(text, words, index, role):
                    continue
                read = {"role-org-person": self._role_org_person, "person-role-org": self._person_role_org,
                        "role-nationality-person": self._role_nationality_person,
                        "role-person": self._role_person, "person-age": self._person_of_age}[role.order]
                found = read(folded, original, words, index, role, by_start)
                if found is not None:
                    person, organisation, evidence = found
                    people = [(person, evidence)]
                    if role.order == "role-person":      # an occupation ("النواب X، وY"): a list may follow
                        people += [(joined, Span(evidence.begin, joined.span.end, original[evidence.begin:joined.span.end]))
                                   for joined in self._people_joined_after(folded, original, words, person, by_start)]
                    for person, evidence in people:
                        if person.minted:
                            person = _named_already(person, [*mentions, *new_people])
                            if person is None:
                                break    # the words are another mention's, not a person's name
                            if person.minted:
                                new_people.append(person)
                        if organisation is not None:     # an occupation alone names a person, not whose
                            kind = "MemberOf" if role.kind == "-" else role.kind   # "الباحث في X": works for X
                            source, target = ((organisation, person) if kind == "LedBy" else (person, organisation))
                            facts.append(AllegianceRecord(source.entity, kind, target.entity, [evidence]))
                    role_end = index + len(role.words)
                    break
        return _add_unique(mentions, new_people), facts

    def _words(self, folded: FoldedText, original: str, by_start) -> _Words:
        """The article's words, with the words a name never runs into and the names that fold
        like stop words (:class:`_Words`)."""
        spans = word_runs(folded.text).spans       # split once per text, shared with the other readers
        starts = [folded.origin[begin] for begin, _ in spans]
        # the word each mention begins in (its proclitics too)
        mention_words = frozenset(bisect.bisect_right(starts, begin) - 1 for begin in by_start)
        return _Words(spans, folded, original, mention_words, self.maqsura_stops)

    def _role_at(self, text: str, words, index: int, role: Role) -> bool:
        for offset, word in enumerate(role.words):
            if index + offset >= len(words):
                return False
            found = text[words[index + offset][0]:words[index + offset][1]]
            if found != word and (offset or word not in MORPHOLOGY.readings(found)):
                return False
        return True

    def _mention_after(self, folded, original, words, index, by_start) -> Mention | None:
        """The mention starting at word ``index`` (clitics allowed), if any."""
        if index >= len(words):
            return None
        begin = folded.origin[words[index][0]]
        for offset in range(0, 4):
            if begin + offset in by_start:
                return by_start[begin + offset]
        return None

    def _role_org_person(self, folded, original, words, index, role, by_start):
        after_role = index + len(role.words)
        organisation = self._mention_after(folded, original, words, after_role, by_start)
        if organisation is None or organisation.kind != "actor" or organisation.entity_class == "Person":
            return self._person_after_unknown_body(folded, original, words, index, after_role, by_start)
        org_end = self._past_the_post(folded, original, words, organisation.span.end, by_start)
        next_word = self._word_index_after(folded, words, org_end)
        if next_word is None or not self._only_spaces(folded, original, org_end, next_word, words):
            return None
        next_word += self._occupation_words_at(folded.text, words, next_word)
        if next_word >= len(words):
            return None
        person = by_start.get(folded.origin[words[next_word][0]])
        if person is None:
            person = self._mint_forward(folded, original, words, next_word)
        if person is None or person.entity_class != "Person":
            return None
        begin = folded.origin[words[index][0]]
        return person, organisation, Span(begin, person.span.end, original[begin:person.span.end])

    def _occupation_words_at(self, text: str, words, at: int) -> int:
        """How many words an occupation or rank right at word ``at`` spans (person_roles.tsv,
        role-person: "المتحدث باسم الجيش الإسرائيلي المقدم X": the spokesman is X); 0 if none."""
        occupations = [r for r in self.roles_by_first_word.get(text[words[at][0]:words[at][1]], ())
                       if r.order == "role-person" and self._role_at(text, words, at, r)]
        return max((len(r.words) for r in occupations), default=0)

    def _person_after_unknown_body(self, folded, original, words, index, after_role, by_start):
        """"المتحدثة باسم الوحدات نسرين عبد الله", "مدير ناحية X، صالح الجبوري": a title, the
        body or place it is held in, which the graph does not know as an actor (a noun phrase of
        at most MAX_BODY_WORDS words ending in a definite word or a place's name), then a
        person. The person is named; whose member, the graph cannot say: no allegiance. The
        shortest phrase after which a person's name follows is taken."""
        text = folded.text
        ends = {m.span.end for m in by_start.values() if m.kind == "place"}
        for at in range(after_role, min(after_role + self.MAX_BODY_WORDS, len(words) - 1)):
            word = text[words[at][0]:words[at][1]]
            if not self._body_word(text, words, at, after_role):
                return None
            end = folded.to_original(*words[at])[1]
            if not (word.startswith(ARTICLE) or MORPHOLOGY.opens_with_preposition_and_article(word) or end in ends):
                continue
            # "ممثل المفوضية في سوريا سجاد مالك": the place of the post may follow the body
            post_end = self._past_the_post(folded, original, words, end, by_start)
            name_at = at + 1 if post_end == end else self._word_index_after(folded, words, post_end)
            if name_at is None or name_at >= len(words) or not self._only_spaces(folded, original, post_end, name_at, words):
                return None
            found = self._person_at(folded, original, words, name_at, by_start)
            if found is not None and found.minted:
                found = self._person_set_off_after(folded, original, words, found.span.end, by_start) or found
            if found is not None:
                begin = folded.origin[words[index][0]]
                return found, None, Span(begin, found.span.end, original[begin:found.span.end])
        return None

    def _person_set_off_after(self, folded, original, words, end: int, by_start) -> Mention | None:
        """"منسق الدبلوماسية الأميركية لمكافحة الإرهاب، ناثان سيلز،", "ممثل مفوضية … لشؤون
        اللاجئين في سوريا سجاد مالك": words read as a name that a comma or the post's place
        sets off from a person's name after them still belong to the body's name: the person
        is the one after."""
        post_end = self._past_the_post(folded, original, words, end, by_start)
        at = self._word_index_after(folded, words, post_end)
        if at is None or (post_end == end and original[end:folded.origin[words[at][0]]].strip() not in COMMAS):
            return None
        if not self._only_spaces(folded, original, post_end, at, words):
            return None
        return self._person_at(folded, original, words, at, by_start)

    def _body_word(self, text, words, at, first) -> bool:
        """A word of the name of a body or place after a title: no stop word, verb, number or
        title of its own ("رئيس مجلس النقباء الدكتور …" ends before الدكتور), and no punctuation
        inside the phrase."""
        word = text[words[at][0]:words[at][1]]
        if at > first and text[words[at - 1][1]:words[at][0]].strip():
            return False
        if words.named_at(at):
            return True
        return not (word in self.stops or strip_conjunction(word) in self.stops or strip_conjunction(word) in self.verbs
                    or word.isdigit() or word in self.roles_by_first_word or MORPHOLOGY.joins_list(word))

    def _person_at(self, folded, original, words, at, by_start) -> Mention | None:
        """The person whose name begins at word ``at``: catalogued, else minted."""
        person = by_start.get(folded.origin[words[at][0]]) or self._mint_forward(folded, original, words, at)
        return person if person is not None and person.entity_class == "Person" else None

    def _past_the_post(self, folded, original, words, org_end: int, by_start) -> int:
        """Where the person's name may begin after an organisation: after the place of the post
        when one follows ("ممثل المفوضية في سوريا سجاد مالك", place_words.tsv: in), else at once."""
        at = self._word_index_after(folded, words, org_end)
        place = self._mention_after(folded, original, words, at + 1, by_start) if at is not None else None
        if place is None or place.kind != "place" or not self._only_spaces(folded, original, org_end, at, words) \
                or relation_before(original, place.span.begin) is not None \
                or place_word_before(original, place.span.begin, 1, POST) is None:
            return org_end
        return place.span.end

    def _role_nationality_person(self, folded, original, words, index, role, by_start):
        """"وزير الخارجية الروسي سيرغي لافروف": a title (one word of its portfolio may follow:
        "وزير الطاقة الإسرائيلي"), a nationality, then the person (named in the catalogue,
        perhaps with the title in the name, or minted)."""
        at, country = self._nationality_after(folded, words, index + len(role.words), by_start)
        begin = folded.origin[words[index][0]]
        if country is None:
            return self._titled_known_person(folded, original, words, index, role, by_start)
        state = Mention(Span(begin, begin, ""), country, "actor", "Country", "")
        before = self._person_set_off_before(folded, original, words, index, by_start)
        if before is not None:                 # "روبرت وود، السفير الأميركي لشؤون …": the title is his
            end = folded.to_original(*words[at])[1]
            return before, state, Span(before.span.begin, end, original[before.span.begin:end])
        person = by_start.get(begin)
        if (person is None or person.entity_class != "Person") and at + 1 < len(words) \
                and self._only_spaces(folded, original, folded.to_original(*words[at])[1], at + 1, words):
            person = self._person_at(folded, original, words, at + 1, by_start)
        if person is None or person.entity_class != "Person":
            return None
        return person, state, Span(begin, person.span.end, original[begin:person.span.end])

    def _nationality_after(self, folded, words, at: int, by_start) -> tuple[int, str | None]:
        """(the last word of it, the country) of the nationality after a title, perhaps after
        one word of its portfolio: an adjective ("الروسي") or the country's name ("وزير خارجية
        روسيا", "رئيس وزراء كوسوفو")."""
        for at in range(at, min(at + 2, len(words))):
            country = self._country(folded.text[words[at][0]:words[at][1]])
            if country is not None:
                return at, country
            named = by_start.get(folded.origin[words[at][0]])
            if named is not None and named.entity_class == "Country":
                last = self._word_index_after(folded, words, named.span.end)
                return (len(words) if last is None else last) - 1, named.entity
        return at, None

    def _role_person(self, folded, original, words, index, role, by_start):
        """"الكاتب أحمد أبو دوح", "الصحفية البريطانية سلمى عبد الله", "الباحث السياسي السوري X":
        an occupation, at most MAX_ADJECTIVES definite adjectives, then a person (catalogued or
        minted). Whose person it is the words do not say: no allegiance — unless the occupation
        is exercised "في" an organisation named before the person, who is then its member
        ("الباحثة في منظمة العفو الدولية ديانا سمعان")."""
        at = index + len(role.words)
        for _ in range(self.MAX_ADJECTIVES):
            if at < len(words) and folded.text[words[at][0]:words[at][1]].startswith(ARTICLE) \
                    and folded.origin[words[at][0]] not in by_start:
                at += 1
        organisation = self._organisation_linked(folded, original, words, at, by_start)
        if organisation is not None:       # "الباحثة في منظمة العفو الدولية ديانا سمعان"
            at = self._word_index_after(folded, words, organisation.span.end)
            if at is None:
                return None
        if at >= len(words) or not self._only_spaces(folded, original, folded.origin[words[at - 1][1]], at, words):
            return None
        person = by_start.get(folded.origin[words[at][0]]) or self._mint_forward(folded, original, words, at)
        if person is None or person.entity_class != "Person":
            return None
        begin = folded.origin[words[index][0]]
        return person, organisation, Span(begin, person.span.end, original[begin:person.span.end])

    def _organisation_linked(self, folded, original, words, at, by_start) -> Mention | None:
        """The organisation an occupation is exercised in: "في" (title_links.tsv), then its name."""
        if at >= len(words) or folded.text[words[at][0]:words[at][1]] not in LINK_WORDS:
            return None
        organisation = self._mention_after(folded, original, words, at + 1, by_start)
        if organisation is None or organisation.kind != "actor" or organisation.entity_class == "Person":
            return None
        return organisation

    def _titled_known_person(self, folded, original, words, index, role, by_start):
        """"الرئيس بشار الأسد", "وزير الخارجية سيرغي لافروف": a title with no nationality before
        a catalogued person (or inside the name the catalogue gives him) whose state the
        catalogue knows: the title is his office in that state."""
        begin = folded.origin[words[index][0]]
        person = self._mention_after(folded, original, words, index, by_start)   # "للرئيس بشار الأسد"
        after = index + len(role.words)
        if person is None and after < len(words) and self._only_spaces(folded, original, folded.origin[words[after - 1][1]],
                                                                         after, words):
            person = by_start.get(folded.origin[words[after][0]])
        country = self.home_countries.get(person.entity) if person is not None else None
        if country is None:
            return None
        state = Mention(Span(begin, begin, ""), country, "actor", "Country", "")
        return person, state, Span(begin, person.span.end, original[begin:person.span.end])

    def _country(self, word: str) -> str | None:
        """The country a definite nationality adjective names ("الروسي", "الأمريكية")."""
        if not word.startswith(ARTICLE):
            return None
        stem = word[len(ARTICLE):]
        return self.countries.get(stem) or (self.countries.get(stem[:-1]) if MORPHOLOGY.is_feminine(stem) else None)

    def _person_role_org(self, folded, original, words, index, role, by_start):
        cursor = index + len(role.words)
        text = folded.text
        for _ in range(self.MAX_ADJECTIVES):   # القيادي الكبير في …: adjectives of the role
            if cursor >= len(words) or folded.origin[words[cursor][0]] in by_start:
                break
            if not text[words[cursor][0]:words[cursor][1]].startswith(ARTICLE):
                break
            cursor += 1
        if cursor < len(words) and text[words[cursor][0]:words[cursor][1]] in LINK_WORDS:
            cursor += 1
        organisation = self._mention_after(folded, original, words, cursor, by_start)
        if organisation is None or organisation.kind != "actor" or organisation.entity_class == "Person":
            person = self._person_set_off_before(folded, original, words, index, by_start)
            if person is None:
                return None
            end = folded.to_original(*words[index + len(role.words) - 1])[1]
            return person, None, Span(person.span.begin, end, original[person.span.begin:end])
        role_begin = folded.origin[words[index][0]]
        person = next((m for m in by_start.values() if m.entity_class == "Person"
                       and 0 < role_begin - m.span.end <= 2), None)  # few mentions: a scan is cheap
        if person is None:
            person = self._mint_backward(folded, original, words, index)
        if person is None:
            return None
        return person, organisation, Span(person.span.begin, organisation.span.end,
                                          original[person.span.begin:organisation.span.end])

    def _person_set_off_before(self, folded, original, words, role_index, by_start) -> Mention | None:
        """The person named right before a title and set off from it by a comma ("راموش
        هارديناج، رئيس وزراء كوسوفو", "X، المستشار السابق"), catalogued or minted: the
        comma makes the title an apposition to the name."""
        if role_index == 0:
            return None
        gap = folded.text[words[role_index - 1][1]:words[role_index][0]].strip()
        if len(gap) != 1 or gap not in COMMAS:
            return None
        comma = folded.origin[words[role_index - 1][1]]
        person = next((m for m in by_start.values() if m.span.end == comma), None)
        if person is not None:
            return person if person.entity_class == "Person" else None
        return self._mint_backward(folded, original, words, role_index)

    @staticmethod
    def _word_index_after(folded, words, original_end):
        for i, (b, _) in enumerate(words):
            if folded.origin[b] >= original_end:
                return i
        return None

    @staticmethod
    def _only_spaces(folded, original, original_end, word_index, words) -> bool:
        """Nothing but spaces, or one comma ("الناطق باسم الجيش الإسرائيلي، أفيخاي أدرعي"),
        between a title and the name it introduces."""
        return original[original_end:folded.origin[words[word_index][0]]].strip() in ("", *COMMAS)

    def _name_word(self, text: str, words: _Words, i: int, may_break: bool = False) -> bool:
        """Word ``i`` can be part of a person's name; ``may_break``: the name has begun before
        it, so that another mention or a verb there ends it."""
        word = text[words[i][0]:words[i][1]]
        if words.named_at(i):
            return True                       # "علي", not "على"
        if may_break and (words.breaks_at(i) or self._joins_another(word)):
            return False                      # another mention, a verb ("آنا كامبل قتلت"), or و: "X وابنته"
        if self._stop_or_verb(word) or self._opens_a_phrase(word) or any(c.isdigit() for c in word):
            return False
        previous = text[words[i - 1][0]:words[i - 1][1]] if i > 0 else None
        return not word.startswith(ARTICLE) or previous in self.links

    @staticmethod
    def _joins_another(word: str) -> bool:
        """A word behind و that starts another phrase inside a name's run ("سيرجي سكريبال
        وابنته", "أحمد مظهر ومحمد علي"): a name is not read on across it."""
        return MORPHOLOGY.joins_list(word) and len(word) > SHORTEST_WORD

    def _stop_or_verb(self, word: str) -> bool:
        """A stop word or a reporting verb, perhaps behind one proclitic ("بأن", "وقال")."""
        proclitics = MORPHOLOGY.conjunctions + MORPHOLOGY.prepositions
        bare = word[1:] if word[:1] in proclitics and len(word) > SHORTEST_WORD else word
        return word in self.stops_and_verbs or bare in self.stops_and_verbs

    @staticmethod
    def _opens_a_phrase(word: str) -> bool:
        """A definite word behind a conjunction or a preposition ("والمقيم", "بالمدينة",
        "للشرطة") starts a phrase of its own: no name runs on into it."""
        bare = strip_conjunction(word)
        return (bare != word and bare.startswith(ARTICLE)) or MORPHOLOGY.opens_with_preposition_and_article(bare)

    def _family_name(self, text: str, words: _Words, i: int, word: str) -> bool:
        """A definite word that ends a name: not a stop word, a nationality or a link, and a
        boundary right after it."""
        if not word.startswith(ARTICLE) or word in self.stops or word in self.links or self._country(word) \
                or words.breaks_at(i):
            return False
        gap = text[words[i][1]:words[i + 1][0]] if i + 1 < len(words) else ""
        return self._is_boundary(text, words, i + 1, gap)

    def _is_boundary(self, text: str, words: _Words, i: int, gap: str) -> bool:
        """Where a name may end or begin: text edge, punctuation, a stop word, a verb, another
        mention, or a phrase of its own ("والمقيم")."""
        if i < 0 or i >= len(words) or gap.strip():
            return True
        if words.named_at(i):
            return False
        word = text[words[i][0]:words[i][1]]
        return self._stop_or_verb(word) or strip_conjunction(word) in self.verbs or words.breaks_at(i) \
            or self._opens_a_phrase(word) or any(c.isdigit() for c in word)

    def _mint_forward(self, folded, original, words, first, skip: int = 0):
        """The person named from word ``first`` on, if a boundary ends the name in time. The
        name's last word may be a definite family name ("عاطف الطراونة", "علي الحمدي") when a
        boundary follows it at once; never a nationality ("أحمد مظهر السوري")."""
        text, last = folded.text, None
        for i in range(first, min(first + self.MAX_NAME_WORDS, len(words))):
            if i > first and text[words[i - 1][1]:words[i][0]].strip():
                break
            word = text[words[i][0]:words[i][1]]
            if not self._name_word(text, words, i, may_break=i > first):
                if last is not None and self._family_name(text, words, i, word):
                    last = i
                break
            last = i
        if last is None:
            return None
        gap = text[words[last][1]:words[last + 1][0]] if last + 1 < len(words) else ""
        if not self._is_boundary(text, words, last + 1, gap):
            return None                               # "… بمواطنين تشيكيين معتقلين": no name
        return self._person(folded, original, words, first, last, skip)

    def _person_of_age(self, folded, original, words, index, role, by_start):
        """"… كريم داود (34 عاما)": a name right before an age in brackets is a person's
        (the unit of the age is the role word; the number and the brackets are checked here).
        No allegiance: an age says whose nobody is."""
        if index < 2 or not words_are_digits(folded.text, words[index - 1]):
            return None
        text = folded.text
        if text[words[index - 2][1]:words[index - 1][0]].strip() != "(" \
                or not text[words[index][1]:words[index][1] + 3].lstrip().startswith(")"):
            return None
        name_end = folded.to_original(*words[index - 2])[1]
        person = next((m for m in by_start.values() if m.span.end == name_end), None)
        if person is None:
            person = self._mint_before(folded, original, words, index - 2)
        if person is None or person.entity_class != "Person":
            return None
        close = folded.origin[words[index][1] - 1] + 1
        close = original.index(")", close) + 1
        return person, None, Span(person.span.begin, close, original[person.span.begin:close])

    def _people_joined_after(self, folded, original, words, person: Mention, by_start) -> list[Mention]:
        """The people named after a title's person and joined to it by و, a comma allowed
        before ("النواب X، وY، وZ", "الصحفيان X وY"): each is named by the same title."""
        joined = []
        end = person.span.end
        while True:
            at = self._word_index_after(folded, words, end)
            if at is None or original[end:folded.origin[words[at][0]]].strip() not in ("", *COMMAS):
                break
            word = folded.text[words[at][0]:words[at][1]]
            if not MORPHOLOGY.joins_list(word) or len(word) <= SHORTEST_WORD:
                break
            nxt = by_start.get(folded.origin[words[at][0]] + 1)
            if nxt is None:
                nxt = self._mint_forward(folded, original, words, at, skip=1)
            if nxt is None or nxt.entity_class != "Person":
                break
            joined.append(nxt)
            end = nxt.span.end
        return joined

    def _mint_before(self, folded, original, words, last):
        """The person whose name ends at word ``last`` (a cue follows it, the name is read
        backwards): its last word may be a definite family name. Where the name starts must be
        sure: right after a stop word, a reporting verb or a definite word ("المهاجم X",
        "وقالت X", "على X"), and not on a word behind و, which is more often a verb than a
        name."""
        text = folded.text
        first = None
        for i in range(last, max(-1, last - self.MAX_NAME_WORDS), -1):
            if i < last and text[words[i][1]:words[i + 1][0]].strip():
                break
            word = text[words[i][0]:words[i][1]]
            family = i == last and word.startswith(ARTICLE) and not (word in self.stops or word in self.links
                                                                   or self._country(word) or words.breaks_at(i))
            if not (family or self._name_word(text, words, i)):
                break
            first = i
        if first is None or first == 0 or text[words[first - 1][1]:words[first][0]].strip():
            return None                               # after punctuation: where the name starts is unsure
        head = text[words[first][0]:words[first][1]]
        if strip_conjunction(head) != head and not words.named_at(first):
            return None                               # "وتوج إبراهيموفيتش": a verb behind و, likely
        before = text[words[first - 1][0]:words[first - 1][1]]
        if not (self._stop_or_verb(before) or strip_conjunction(before) in self.verbs
                or strip_conjunction(before).startswith(ARTICLE) or self._opens_a_phrase(before)):
            return None                               # "أعيد انتخاب X": more words that may be the name's
        return self._person(folded, original, words, first, last)

    def _mint_backward(self, folded, original, words, role_index):
        """The person named just before word ``role_index`` (a comma may stand between), if a
        boundary starts the name."""
        text, first = folded.text, None
        for i in range(role_index - 1, max(-1, role_index - 1 - self.MAX_NAME_WORDS), -1):
            gap = text[words[i][1]:words[i + 1][0]].strip()
            # a comma may set the title off the name ("نسرين عبد الله، المتحدثة باسم …"), only there
            if gap and not (i == role_index - 1 and len(gap) == 1 and gap in COMMAS):
                break
            if not self._name_word(text, words, i):
                break
            first = i
        if first is None:
            return None
        gap = text[words[first - 1][1]:words[first][0]] if first > 0 else ""
        if not self._is_boundary(text, words, first - 1, gap):
            return None                               # "تصريحات بروسك حسكة القيادي": unsure start
        return self._person(folded, original, words, first, role_index - 1)

    def _person(self, folded, original, words, first, last, skip: int = 0) -> Mention | None:
        """The person named by words ``first`` to ``last`` (the first ``skip`` letters of the
        first word are a conjunction: "وتيد ليو")."""
        if first is None or last is None or last - first < 1:
            return None                              # a person's name has two words at least
        if folded.text[words[last][0]:words[last][1]] in self.links:
            return None
        name = " ".join(folded.text[b:e] for b, e in words[first:last + 1])[skip:]
        if any(word in self.common_words for word in name.split()):
            return None                              # "وزير الدفاع الإسرائيلي إمكانية نشوب حرب"
        begin, end = folded.to_original(words[first][0] + skip, words[last][1])
        label = original[begin:end]
        return Mention(Span(begin, end, label), minted_entity_iri("actor", name), "actor",
                       "Person", label, minted=True)

