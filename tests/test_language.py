"""The ArabicConflict language and the entity stage as spaCy components."""
from __future__ import annotations

import spacy

from conflictkg.nlp.language import ENTITY_COMPONENTS, ArabicConflict
from conflictkg.nlp.pipeline import make_pipeline


def test_the_language_is_registered_and_folds_norm() -> None:
    nlp = spacy.blank("ar_conflict")
    assert isinstance(nlp, ArabicConflict)
    assert [t.norm_ for t in nlp("إدلبُ")] == ["ادلب"]


def test_the_entity_stage_runs_in_order_after_the_sentencizer() -> None:
    names = make_pipeline().pipe_names
    assert names[0] == "sentencizer"
    assert names[1:1 + len(ENTITY_COMPONENTS)] == ENTITY_COMPONENTS


def test_every_entity_component_is_a_registered_factory() -> None:
    nlp = ArabicConflict()
    for name in ENTITY_COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp("قصفت الطائرات بلدة عين الزرزور")
    assert doc._.mentions and all(doc.text[m.span.begin:m.span.end] == m.span.text for m in doc._.mentions)


def test_mentions_are_in_text_order_and_do_not_overlap() -> None:
    doc = make_pipeline()("وقال مدير المرصد رامي عبد الرحمن إن قوات النظام قصفت ريف درعا وبلدة عين الزرزور")
    spans = [(m.span.begin, m.span.end) for m in doc._.mentions]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_the_pipeline_is_the_config_and_spacy_sees_its_flow() -> None:
    """Assembled from nlp/config.cfg; every component declares what it reads and writes, and
    nothing a component reads is left unwritten by the components before it."""
    from conflictkg.nlp.fact_components import FACT_COMPONENTS

    nlp = make_pipeline()
    assert isinstance(nlp, ArabicConflict)
    assert nlp.pipe_names == ["sentencizer", *ENTITY_COMPONENTS, *FACT_COMPONENTS]
    analysis = nlp.analyze_pipes()
    assert all(problems == [] for problems in analysis["problems"].values())
    assert analysis["summary"]["conflict_events"]["requires"] == ["doc.sents", "doc._.mentions"]
    assert analysis["summary"]["conflict_catalogue_entities"]["assigns"] == ["doc._.mentions"]


def test_a_component_whose_input_is_missing_is_reported() -> None:
    nlp = ArabicConflict()
    nlp.add_pipe("conflict_events")
    assert nlp.analyze_pipes()["problems"]["conflict_events"] == ["doc.sents", "doc._.mentions"]
