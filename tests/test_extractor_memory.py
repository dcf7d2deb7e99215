"""A long build must not grow spaCy's vocabulary with every word form of the corpus."""
from __future__ import annotations

import datetime as dt

import pytest

from conflictkg.nlp.extract import Extractor
from conflictkg.read import Article, read_articles
from conflictkg.resources import examples_dir


def report(number: int) -> Article:
    # Each report carries word forms no other one has, as a long corpus keeps doing.
    text = f"قصفت الطائرات مدينة نوى وقتل {number} مدنيين بينهم مزارعو{number}ن وباعة{number}ت"
    return Article(id=f"r{number}", text=text, title="قصف نوى", published=dt.date(2018, 7, 24))


@pytest.mark.parametrize("forget_words_every, grows", [(2, False), (10**9, True)])
def test_the_vocabulary_forgets_the_words_of_articles_already_read(forget_words_every, grows):
    extractor = Extractor(forget_words_every=forget_words_every)
    list(extractor.extract_many([report(0), report(1)]))
    before = len(extractor.nlp.vocab.strings)
    for first in range(2, 20, 2):
        list(extractor.extract_many([report(first), report(first + 1)]))
    assert (len(extractor.nlp.vocab.strings) > before + 50) == grows


def test_forgetting_words_changes_no_record():
    articles = [a for a in read_articles([examples_dir()]) if isinstance(a, Article)]
    forgetful, keeping = Extractor(forget_words_every=1), Extractor(forget_words_every=10**9)
    for article in articles:
        assert forgetful.extract(article) == keeping.extract(article), article.id
