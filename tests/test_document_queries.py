"""The document layer's questions, which every fact reader asks the same way
(``ArticleContext``: refs_after / refs_before / nearest_*, coordinated_run, negated)."""
from __future__ import annotations

import pytest

from conflictkg.nlp.context import ArticleContext
from conflictkg.nlp.pipeline import make_pipeline

A = "https://w3id.org/conflictkg/id/actor/"


@pytest.fixture(scope="module")
def context():
    nlp = make_pipeline()
    return lambda text: ArticleContext.of(nlp(text))


def names(refs):
    return [r.entity.rsplit("/", 1)[-1] for r in refs]


def test_refs_after_within_reach_and_clause(context):
    text = "قصفت قوات النظام وحزب الله بلدة نوى، وردت هيئة تحرير الشام."
    ctx = context(text)
    at = text.index("قصفت") + len("قصفت")
    assert names(ctx.refs_after(ctx.actors, at, 0)) == ["syrian-government-forces"]
    assert names(ctx.refs_after(ctx.actors, at, 3)) == ["syrian-government-forces", "hezbollah"]
    assert "hayat-tahrir-al-sham" in names(ctx.refs_after(ctx.actors, at, 20))
    assert "hayat-tahrir-al-sham" not in names(ctx.refs_after(ctx.actors, at, 20, same_clause=True))


def test_nearest_before_is_the_closest_one(context):
    text = "هيئة تحرير الشام وقوات النظام اشتبكت في درعا."
    ctx = context(text)
    at = text.index("اشتبكت")
    assert ctx.nearest_before(ctx.actors, at, 3).entity == A + "syrian-government-forces"
    assert ctx.nearest_before(ctx.actors, at, 3, since=text.index("قوات") + 1) is None


def test_a_coordinated_run_stops_at_a_gap_or_a_comma(context):
    text = "هاجمت قوات النظام وحزب الله، ثم هيئة تحرير الشام."
    ctx = context(text)
    assert names(ctx.coordinated_run(ctx.actors)) == ["syrian-government-forces", "hezbollah"]


def test_a_joined_run_needs_a_list_word_between(context):
    joined = context("دعما لقوات النظام إلى جانب حزب الله")
    loose = context("دعما لقوات النظام في مواجهة حزب الله")
    assert names(joined.coordinated_run(joined.actors, 4, joined=True)) == ["syrian-government-forces", "hezbollah"]
    assert names(loose.coordinated_run(loose.actors, 4, joined=True)) == ["syrian-government-forces"]


def test_negated_reads_the_words_before_a_position(context):
    text = "قالت إن الفصائل لم تعد تسيطر على البلدة"
    ctx = context(text)
    assert ctx.negated(text.index("تسيطر"))
    assert not ctx.negated(text.index("الفصائل"))
