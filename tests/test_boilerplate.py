"""Boilerplate spans: the seeds' exact spans, each rule on texts written here, and precision."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsfuse.ingest import load
from newsfuse.ingest.boilerplate import MAX_CAPTION_CHARS, find_boilerplate
from newsfuse.model import Span

#: The boilerplate of each seed, by file-name prefix, in order and nothing else: each span is
#: named by how it starts and ends (the seed text itself stays out of the repository), and
#: whether it is a whole line or an inline piece of a line.
SEED_BOILERPLATE: dict[str, list[tuple[str, str, bool]]] = {
    "000": [],
    "001": [("The National: ", "website", True), ("READ MORE:", "sexual assault", True)],
    "002": [],
    "003": [("Follow Peter", "@Peter_Caddle", True), ("Follow Breitbart", "Breitbart London", True)],
    "004": [
        ("pic.twitter.com/", "JbdT0g", False),
        ("\u2014 Crispin", "(@CrispinBlunt) April 12, 2022", False),
        ("Imran Ahmad Khan arriving", "trial. EPA", True),
    ],
}


def marked(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_boilerplate(text)]


def _line_of(text: str, span: Span) -> str:
    start = text.rfind("\n", 0, span.start) + 1
    end = text.find("\n", span.end)
    return text[start : end if end >= 0 else len(text)].strip()


def test_seed_boilerplate_is_exactly_the_known_spans(seeds: Path) -> None:
    result = load([seeds])
    assert len(result.articles) == 5
    for article in result.articles:
        expected = SEED_BOILERPLATE[Path(article.origin or "").name[:3]]  # by file name: ids are hashes
        assert len(article.boilerplate) == len(expected), article.id
        for span, (head, tail, whole_line) in zip(article.boilerplate, expected, strict=True):
            piece = article.text[span.start : span.end]
            assert piece.startswith(head) and piece.endswith(tail), piece
            assert (piece == _line_of(article.text, span)) is whole_line, piece


def test_seed_reporting_lines_are_not_marked(seeds: Path) -> None:
    """Every line of the seeds without a known span is reporting and stays unmarked."""
    articles = load([seeds]).articles
    for article in articles:
        for line in article.text.split("\n"):
            if line.strip() and find_boilerplate(line) != ():
                heads = [head for head, _, _ in SEED_BOILERPLATE[Path(article.origin or "").name[:3]]]
                assert any(head in line for head in heads), line
    indy = next(a for a in articles if Path(a.origin or "").name.startswith("002"))
    line = next(x for x in indy.text.split("\n") if x.startswith("indy100 reached out"))
    assert marked(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "READ MORE: Parish council backs new cycle path",
        "Related: Why the bridge closed early",
        "WATCH: The moment the crane toppled",
        "Follow Jo Bright on Twitter: @jobright",
        "Follow us on Instagram",
        "Share this article",
        "Sign up to our newsletter",
        "Subscribe",
        "Advertisement",
        "Sign up for the Morning Brief newsletter to get the day's top stories",
        "Get our free weekly newsletter delivered to your inbox",
        "The mayor opens the new market hall on Saturday. PA",
        "Firefighters at the scene of the blaze. Getty Images",
        "Crowds gather outside the town hall. AFP via Getty Images",
        "Protesters outside parliament on Tuesday. Reuters/Jane Smith",
        "A rescue boat on the flooded road (Image: Getty)",
        "The old mill before the fire (Picture: Sam Lee)",
        "Picture: Harbour Weekly",
        "The Courier: Volunteers clear the beachVolunteers clear the beach",
        "Volunteers clear the beach Volunteers clear the beach",
    ],
)
def test_whole_line_rules(line: str) -> None:
    text = f"The council met on Monday.\n\n{line}\n\nIt will meet again in May."
    assert marked(text) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "indy100 reached out to Crispin Blunt for comment.",
        "The agency told Reuters it would appeal the ruling.",
        "A spokesman for the PA said the figures were wrong.",
        "Photographs published by AFP showed the damage.",
        "She urged readers to follow the money on Twitter and elsewhere.",
        "Subscribers to the paper's newsletter complained about the price.",
        "He said: \u201cRead more books, and follow your heart.\u201d",
        "The minister said she would share this article of faith with colleagues.",
        "More than 200 people were evacuated from the estate.",
        "Related parties must declare their interests, the watchdog said.",
        "Watch the skies tonight, astronomers said, for a rare meteor shower.",
        "Follow-up tests showed no trace of the chemical.",
        "The picture is grim, the report said.",
        "He said he was \u201cvery, very\u201d sorry.",
        "Image rights are at the heart of the dispute, lawyers for the club said.",
        "Reuters",
        "Lock them up! Lock them up!",
        "Yes we can, yes we can",
        "The victim is now 29. Police say the attack was planned",
    ],
)
def test_reporting_lines_are_never_marked(line: str) -> None:
    assert marked(f"The council met on Monday.\n\n{line}\n\nIt will meet again in May.") == []


def test_twitter_link_and_signature_are_inline_spans() -> None:
    signature = "\u2014 Town Mayor (@TownMayor) May 3, 2023"
    tweet = f"We will rebuild the pier by summer. pic.twitter.com/AbC123xyz {signature}"
    text = f"The mayor wrote:\n\n{tweet}\n\nWork starts next week."
    assert marked(text) == ["pic.twitter.com/AbC123xyz", signature]
    assert "We will rebuild the pier by summer." not in "".join(marked(text))


def test_t_co_links_are_inline_spans() -> None:
    text = "The club confirmed the signing https://t.co/Zx9Qw1 on Friday."
    assert marked(text) == ["https://t.co/Zx9Qw1"]


def test_spans_are_sorted_trimmed_and_disjoint() -> None:
    text = "  READ MORE: a plug  \n\nBody text here.\n\tFollow Al on Twitter: @al \nCrowd at the gates. EPA\n"
    spans = find_boilerplate(text)
    assert list(spans) == sorted(spans)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))
    for span in spans:
        piece = text[span.start : span.end]
        assert piece == piece.strip() and piece
    assert marked(text) == ["READ MORE: a plug", "Follow Al on Twitter: @al", "Crowd at the gates. EPA"]


def test_long_lines_are_not_captions() -> None:
    line = "The council said " + "the works would go on for months and " * 8 + "cost more than planned. PA"
    assert len(line) > MAX_CAPTION_CHARS
    assert marked(line) == []


def test_empty_text_has_no_spans() -> None:
    assert find_boilerplate("") == ()
    assert find_boilerplate("\n\n  \n") == ()
    assert find_boilerplate("Body only.") == ()
    assert isinstance(find_boilerplate("Subscribe")[0], Span)


# --- furniture of real sites, in four languages (lines written here, not taken from pages) ---


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "- Share this"),
        ("en", "- Tweet this"),
        ("en", "- Print Article"),
        ("en", "Email this"),
        ("en", "Share on Facebook"),
        ("en", "5/50 Crowds wait for the parade to start"),
        ("en", "Photo 3 of 12"),
        ("en", "Read full article >>"),
        ("en", "We use cookies to give you the best experience on our site."),
        ("en", "Already a subscriber? Log in"),
        ("en", "Subscribe now to continue reading"),
        ("en", "Copyright 2014 The Daily Example. All rights reserved."),
        ("en", "© 2023 Example Media Ltd"),
        ("en", "By Jo Bright, Political Editor"),
        ("de", "Alle Rechte vorbehalten"),
        ("de", "Lesen Sie auch: Baustelle an der Brücke dauert länger"),
        ("de", "Teilen"),
        ("de", "Auf Facebook teilen"),
        ("de", "Foto: dpa"),
        ("de", "Wir verwenden Cookies, um unsere Website zu verbessern."),
        ("de", "Dieser Artikel ist nur für Abonnenten"),
        ("fr", "Crédits photos : AFP"),
        ("fr", "À lire aussi : la mairie annonce des travaux"),
        ("fr", "Tous droits réservés"),
        ("fr", "Partager sur Facebook"),
        ("fr", "Cet article est réservé aux abonnés."),
        ("fr", "Lire la suite"),
        ("es", "Lea más: Las obras se retrasan hasta otoño"),
        ("es", "Todos los derechos reservados."),
        ("es", "Compartir en WhatsApp"),
        ("es", "Foto: EFE"),
        ("es", "Utilizamos cookies propias y de terceros."),
        ("es", "Leer más »"),
    ],
)
def test_site_furniture_lines_in_four_languages(language: str, line: str) -> None:
    text = f"The council met on Monday.\n\n{line}\n\nIt will meet again in May."
    assert marked(text) == [line]
    assert find_boilerplate(text, language=language) == find_boilerplate(text)


def test_english_plugs_are_not_applied_to_a_german_text() -> None:
    line = "Related: the German word here is a label the rule only knows in English"
    assert find_boilerplate(line, language="de") == ()
    assert find_boilerplate(line, language="en") != ()


def test_related_headline_list_is_marked_until_prose_returns() -> None:
    text = (
        "The trust appointed a new chief executive.\n\nMore stories\n\nWaiting lists reach record high\n\n"
        "Nurses accept pay offer\n\nShe starts in February."
    )
    assert marked(text) == ["More stories", "Waiting lists reach record high", "Nurses accept pay offer"]


def test_a_line_repeating_the_headline_is_marked() -> None:
    text = "Bridge reopens after repairs\n\nThe bridge reopened on Tuesday.\n\nBridge reopens after repairs!"
    spans = find_boilerplate(text, title="Bridge reopens after repairs")
    assert [text[s.start : s.end] for s in spans] == ["Bridge reopens after repairs", "Bridge reopens after repairs!"]


@pytest.mark.parametrize(
    "line",
    [
        "9/11 families gathered at the memorial on Sunday.",
        "24/7 coverage of the count will start at noon.",
        "By Tuesday, the river had risen two metres.",
        "By the time police arrived the crowd had gone",
        "Share prices fell 4% after the announcement.",
        "We use the bridge every day, said one commuter, and cookies are sold at the kiosk.",
        "Copyright lawyers said the ruling would be appealed.",
        "Copyright lawyers said the ruling would be appealed, and the case could take years to resolve. " * 5,
    ],
)
def test_prose_that_looks_like_furniture_is_kept(line: str) -> None:
    assert marked(f"The council met on Monday.\n\n{line}\n\nIt will meet again in May.") == []
