"""Every located event has a country when the article or the catalogue says where its place lies:
a place the catalogue lacks is put where its article puts it (nlp/place_hierarchy.py), and the
ACLED export reads the country from that hierarchy. The sentences are written for these tests."""
from __future__ import annotations

import csv
import datetime as dt

import pytest
from rdflib import URIRef

from conflictkg.build import build_corpus
from conflictkg.export import export_store
from conflictkg.graph import article_graph
from conflictkg.namespaces import CK
from conflictkg.nlp.extract import Extractor
from conflictkg.nlp.lexicon import lexicon
from conflictkg.read import Article
from conflictkg.store.oxigraph import OxigraphStore

P = "https://w3id.org/conflictkg/id/place/"
PUBLISHED = dt.date(2018, 7, 24)


@pytest.fixture(scope="module")
def extractor():
    return Extractor()


def located(extractor, text: str) -> dict[str, str | None]:
    """Each minted place of ``text`` and the place the article puts it in."""
    extraction = extractor.extract(Article(id="t", text=text, published=PUBLISHED))
    return {m.label: m.within for m in extraction.mentions if m.kind == "place" and m.minted}


@pytest.mark.parametrize("text, name, within", [
    ("اعتقلت الشرطة رجلين في مدينة طرابلس بشمال لبنان أمس.", "طرابلس", "lebanon"),
    ("اعتقلت السلطات صحفيين في مدينة سيلوبي جنوب شرقي تركيا.", "سيلوبي", "turkey"),
    ("اندلعت اشتباكات في مدينة البيضاء اليمنية يوم الأحد.", "البيضاء", "yemen"),
    # beside a city, the place lies in what holds that city
    ("قتل مسلح في اشتباكات في مدينة الشرقاط جنوب الموصل بالعراق.", "الشرقاط", "iraq"),
])
def test_a_minted_place_lies_where_its_article_puts_it(extractor, text, name, within):
    assert located(extractor, text)[name] == P + within


@pytest.mark.parametrize("text, name, within", [
    ("وقعت انفجارات في مدينة كارتاسورا ثاني أكبر مدن إندونيسيا يوم الأحد.", "كارتاسورا", "indonesia"),
    ("وقعت انفجارات في مدينة كارتاسورا، ثاني أكبر مدن إندونيسيا، يوم الأحد.", "كارتاسورا", "indonesia"),
    ("قتل شرطيان في مدينة كارتاسورا، كبرى مدن إندونيسيا.", "كارتاسورا", "indonesia"),
    ("وصل الوزير إلى مدينة لوساكا عاصمة زامبيا أمس.", "لوساكا", "zambia"),
    ("وقصفت الطائرات بلدة عين الورد إحدى بلدات ريف درعا الشرقي.", "عين الورد", "daraa-governorate"),
    ("وقصفت الطائرات بلدة عين الورد إحدى قرى الأنبار.", "عين الورد", "anbar"),
    # a nationality adjective after the words of an apposition
    ("وقعت انفجارات في مدينة كارتاسورا ثاني أكبر المدن الإندونيسية.", "كارتاسورا", "indonesia"),
    ("اندلع حريق في مدينة سيلوبي ثالث أكبر المدن التركية يوم الأحد.", "سيلوبي", "turkey"),
])
def test_an_apposition_places_a_minted_place(extractor, text, name, within):
    assert located(extractor, text)[name] == P + within


@pytest.mark.parametrize("text, name", [
    # "the north" is no place
    ("وقعت انفجارات في مدينة كارتاسورا كبرى مدن الشمال، وقالت تركيا إنها تدين الهجوم.", "كارتاسورا"),
    # "the country" is not the country named last (the article spoke of Turkey, the city is elsewhere)
    ("وأعلنت تركيا إرسال مساعدات. ووقعت اشتباكات في مدينة كوتاباتو جنوبي البلاد.", "كوتاباتو"),
    # a link word with a conjunction begins another item, after a comma or not
    ("سقطت قذائف على بلدة عين الورد، وفي تركيا أغلقت السلطات الحدود.", "عين الورد"),
    ("سقطت قذائف على بلدة عين الورد وفي تركيا أغلقت السلطات الحدود.", "عين الورد"),
    # a comma before anything but an apposition ends the phrase
    ("سقطت قذائف على بلدة عين الورد، قرب تركيا.", "عين الورد"),
    # a comma ends the phrase: Turkey is what the witnesses speak of, not where the town is
    ("سقطت قذائف على بلدة عين الورد، وقال شهود إن تركيا أغلقت الحدود.", "عين الورد"),
    # near a country is not in it (the town may be on either side of the border)
    ("سقطت قذائف على بلدة عين الورد قرب تركيا.", "عين الورد"),
    # too many words between
    ("سقطت قذائف على بلدة عين الورد التي زارها وفد من تركيا.", "عين الورد"),
])
def test_nothing_else_places_a_minted_place(extractor, text, name):
    assert located(extractor, text)[name] is None


@pytest.mark.parametrize("row", lexicon("place_within_links.tsv"), ids=lambda r: r.note)
def test_every_link_word_puts_a_place_in_the_next(extractor, row):
    # a one-letter preposition is written on the next name ("بتركيا")
    joined = f"{row.word}تركيا" if len(row.word) == 1 else f"{row.word} تركيا"
    text = f"سقطت قذائف على بلدة عين الورد {joined} يوم الأحد."
    assert located(extractor, text)["عين الورد"] == P + "turkey", text


def test_the_graph_writes_where_a_minted_place_lies(extractor):
    article = Article(id="t", text="اعتقلت السلطات صحفيين في مدينة سيلوبي جنوب شرقي تركيا.", published=PUBLISHED)
    _, triples = article_graph(article, extractor.extract(article))
    [within] = [o for s, p, o in triples if p == CK.within]
    assert within == URIRef(P + "turkey")


def test_every_located_event_gets_a_country_from_the_hierarchy(tmp_path):
    corpus = tmp_path / "articles.jsonl"
    corpus.write_text("\n".join([
        '{"id": "golan", "published": "2018-05-10", "title": "صواريخ على الجولان", '
        '"text": "أطلقت القوات الإيرانية صواريخ على مواقع في الجولان المحتل فجر الخميس."}',
        '{"id": "silopi", "published": "2018-02-27", "title": "اشتباكات", '
        '"text": "اندلعت اشتباكات عنيفة في مدينة سيلوبي جنوب شرقي تركيا يوم الاثنين."}',
        '{"id": "baba-amr", "published": "2018-03-04", "title": "قصف", '
        '"text": "قصفت قوات النظام حي باب عمرو في حمص يوم الأحد."}']) + "\n", encoding="utf-8")
    with OxigraphStore(tmp_path / "store") as store:
        build_corpus([corpus], store)
        export_store(store, "csv", tmp_path / "events.csv")
    rows = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    countries = {row["articles"].rsplit("/", 1)[-1]: (row["country"], row["iso"]) for row in rows if row["location_iri"]}
    assert countries == {"golan": ("Israel", "376"), "silopi": ("Turkey", "792"), "baba-amr": ("Syria", "760")}
