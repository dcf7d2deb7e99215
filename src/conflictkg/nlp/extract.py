"""Read one article with the pipeline and return what it says as plain records."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from conflictkg.nlp.document import remember_text
from conflictkg.nlp.pipeline import make_pipeline
from conflictkg.nlp.records import Extraction
from conflictkg.read import Article

# How many articles one pipeline reads before it is replaced by a new one, forgetting their words.
# Every new word form of a corpus adds a string and a lexeme that would otherwise stay for the
# life of the process (about 5 KB an article on ANT). spaCy's memory zone forgets them too, but
# inside a zone the tokeniser caches nothing, which made tokenising 1.8x slower; a pipeline
# caches freely and a new one costs about 0.1 s (the data files it reads are cached), so after
# 2,000 articles the new pipeline's cost and the relearning are negligible, and the vocabulary
# holds at most those articles' words.
FORGET_WORDS_EVERY = 2_000


class Extractor:
    """Turns articles into :class:`Extraction` records; build one and reuse it."""

    def __init__(self, pipeline: Callable[[], Language] = make_pipeline, *,
                 forget_words_every: int = FORGET_WORDS_EVERY):
        self.pipeline = pipeline
        self.nlp = pipeline()
        self.forget_words_every = forget_words_every
        self._read_by_nlp = 0

    def extract(self, article: Article) -> Extraction:
        [(_, extraction)] = self._read([article], batch_size=1)
        return extraction

    def extract_many(self, articles: Iterable[Article], batch_size: int = 64
                     ) -> Iterator[tuple[Article, Extraction]]:
        yield from self._read(articles, batch_size)

    def _read(self, articles: Iterable[Article], batch_size: int) -> Iterator[tuple[Article, Extraction]]:
        pending = ((self._make_doc(a), a) for a in articles)
        for doc, article in self.nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
            self._read_by_nlp += 1
            records = self._records(doc)
            # What the components cached on the doc (the fact context among it) refers back to
            # the doc: a cycle that only the garbage collector would free, after carrying the
            # doc and all it holds through its collections. Dropped now, the doc goes at once.
            doc.user_data.clear()
            yield article, records
        # Safe because the records hold plain Python values, never spaCy objects.
        if self._read_by_nlp >= self.forget_words_every:
            self.nlp, self._read_by_nlp = self.pipeline(), 0

    def _make_doc(self, article: Article):
        doc = self.nlp.make_doc(article.text)
        remember_text(doc, article.text)
        # Components that resolve relative dates read the publication date from here.
        doc.user_data["published"] = article.published
        doc.user_data["article_id"] = article.id
        doc.user_data["title"] = article.title
        return doc

    @staticmethod
    def _records(doc) -> Extraction:
        return Extraction(mentions=doc._.mentions or [], events=doc._.events or [],
                          allegiances=doc._.allegiances or [], controls=doc._.controls or [])
