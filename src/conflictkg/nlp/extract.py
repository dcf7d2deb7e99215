"""Read one article with the pipeline and return what it says as plain records."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from conflictkg.nlp.language import remember_text
from conflictkg.nlp.pipeline import make_pipeline
from conflictkg.nlp.records import Extraction
from conflictkg.read import Article


class Extractor:
    """Turns articles into :class:`Extraction` records; build one and reuse it."""

    def __init__(self, nlp: Language | None = None):
        self.nlp = nlp or make_pipeline()

    def extract(self, article: Article) -> Extraction:
        return self._records(self.nlp(self._make_doc(article)))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 64
                     ) -> Iterator[tuple[Article, Extraction]]:
        # A memory zone frees the strings and lexemes spaCy learnt from these articles once they
        # are read: without it the vocabulary grows with every new word form of the corpus.
        # Safe because the records hold plain Python values, never spaCy objects.
        with self.nlp.memory_zone():
            pending = ((self._make_doc(a), a) for a in articles)
            for doc, article in self.nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
                yield article, self._records(doc)

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
