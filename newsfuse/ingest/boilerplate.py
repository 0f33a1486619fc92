"""Boilerplate: the parts of an article's text that are not reporting.

:func:`find_boilerplate` returns spans of ``text`` for

- whole lines: ``READ MORE: ...`` / ``Related: ...`` plugs (also ``Lesen Sie auch:``,
  ``À lire aussi :``, ``Lea más:``), ``Follow X on Twitter: @x`` lines, share / print / e-mail
  menus (``- Share this``, ``- Tweet this``, ``Print Article``, ``Teilen``, ``Partager``),
  subscribe / newsletter / paywall notices, cookie notices, copyright lines (``© 2024 ...``,
  ``Alle Rechte vorbehalten``, ``Tous droits réservés``, ``Todos los derechos reservados``),
  ``Read full article >>`` links, ``Advertisement``, gallery captions with a counter
  (``5/50 ...``, ``Photo 3 of 12``), picture captions that end in a credit (``... trial. EPA``,
  ``(Image: Getty)``, ``Crédits photos : AFP``) or that repeat their own words (a caption scraped
  together with its alt text), a headline list under a "related" heading (``More stories``,
  ``Mehr zum Thema``, ``Sur le même sujet``, ``Noticias relacionadas``), and a line that only
  repeats the article's headline (when the caller gives the title);
- inline spans: ``pic.twitter.com/...`` and ``t.co`` links, and embedded-tweet signatures
  (``— Name (@handle) April 12, 2022``).

The text stays as it is (offsets are true to the source); callers skip these spans. Precision
comes first: a reporting sentence must never be marked, so every line rule asks for a short line
and a form that reporting prose does not take (a credit after a full stop, a line that starts
with an imperative plug, a line made only of menu words, an exact phrase). A line like "indy100
reached out to X for comment" is reporting and is kept.

Sources of the phrases: they are the stock wording of news-site furniture, written here from
general knowledge of how sites in each language label these elements (share bars, "read also"
plugs, rights notices: the legal formulas "All rights reserved" and its translations, as used
under the Buenos Aires Convention tradition), and of the news agencies that credit pictures
(the members of the European Pressphoto Agency and the world's large wire services). None is
taken from our seeds, examples or tests.

Language: rules written in English phrases apply when ``language`` is English or unknown
(None); rules in German, French or Spanish phrasing apply for their language or unknown. Rules
on form alone (credits, counters, doubled captions, copyright signs) apply to every language.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsfuse.model import Span

__all__ = [
    "find_boilerplate",
    "merge_spans",
    "MAX_PLUG_CHARS",
    "MAX_CAPTION_CHARS",
    "MAX_NOTICE_CHARS",
    "MAX_MENU_WORDS",
    "MAX_RELATED_HEADLINE_CHARS",
    "MIN_DOUBLED_CHARS",
    "MIN_NAV_RUN",
    "MAX_NAV_WORDS",
]

#: Longest line taken as a plug (READ MORE, Follow, share, newsletter). Plug lines are a label
#: plus a headline or handle, under ~160 characters in the seeds and Multi-News; 250 leaves room
#: for long headlines while a paragraph of reporting is longer.
MAX_PLUG_CHARS = 250

#: Longest line taken as a picture caption. Captions are one sentence plus a credit (the seed
#: caption is 98 characters); 250 keeps two-sentence captions, not paragraphs.
MAX_CAPTION_CHARS = 250

#: Longest line taken as a notice (copyright, cookies, paywall). Wire-service rights notices run
#: to three sentences (~200 characters); cookie banners to two or three (~300). 400 keeps them
#: while a paragraph of reporting that merely mentions cookies is longer or has no such form.
MAX_NOTICE_CHARS = 400

#: Most words in a share / print / e-mail menu line ("Share on Facebook", "Print this article",
#: "Auf WhatsApp teilen"). Menu items are one to four words; six leaves room for "Share this
#: story on X" and keeps sentences out.
MAX_MENU_WORDS = 6

#: Longest line taken as a headline of a related-stories list. Headlines run to about 100
#: characters; a line that long with no full stop is not prose.
MAX_RELATED_HEADLINE_CHARS = 140

#: A run of at least this many consecutive lines of at most :data:`MAX_NAV_WORDS` words each,
#: none ending like a sentence, is a navigation menu ("Home / News / Sport / Weather"). An
#: article puts one sub-heading between paragraphs, never three bare words in a row.
MIN_NAV_RUN = 3

#: Most words in one line of a navigation menu run.
MAX_NAV_WORDS = 3

#: Shortest phrase that counts as "doubled" in a caption line (caption + alt text scraped
#: together). Short repeats happen in prose and chants ("Lock her up! Lock her up!", 12
#: characters each); the seed caption repeats 49 characters. 20 keeps chants out.
MIN_DOUBLED_CHARS = 20

# Language groups a rule applies to; None in a language argument means "unknown": every rule.
_ANY = None
_EN = frozenset({"en"})
_DE = frozenset({"de"})
_FR = frozenset({"fr"})
_ES = frozenset({"es"})

_AGENCY = (
    r"(?:EPA(?:-EFE)?|PA(?: Wire| Media| Images| Archive)?|Getty(?: Images)?|Reuters|AFP|AP"
    r"|AAP|ANP|dpa|Xinhua|Anadolu(?: Agency)?|Alamy(?: Stock Photo)?|Shutterstock|REX|Rex Features"
    r"|Bloomberg|SIPA|NurPhoto|Handout|Supplied|Wikimedia Commons|iStock(?:photo)?"
    r"|EFE|Europa Press|Keystone|APA|KNA|epd|Belga|ANSA|Imago(?: Images)?|picture alliance"
    r"|Photononstop|Hans Lucas|Maxppp|ABACA|Cordon Press|Agencia EFE)"
)
# A credit: an agency, optionally "via X" or "/X" after it ("AFP via Getty Images", "Reuters/Jane Doe").
_CREDIT = rf"{_AGENCY}(?:\s*(?:/|\bvia\b)\s*[\w .'’-]{{1,40}})?"
_LABEL = (
    r"(?:(?:Photo|Picture|Image|Photograph|Pic|Credit)s?(?: credit)?"
    r"|Crédits? photos?|Crédits?|Foto(?:s|grafía)?|Bild(?:quelle)?|Imagen)"
)


@dataclass(frozen=True)
class _Rule:
    pattern: re.Pattern[str]
    limit: int
    languages: frozenset[str] | None = _ANY  # None: applies to every language


_PLUG_LABELS_EN = (
    r"READ MORE|Read more|Read More|READ ALSO|Read also|ALSO READ|Also read|MORE|RELATED|Related"
    r"|SEE ALSO|See also|WATCH|Watch|LISTEN|Listen|RECOMMENDED|Recommended|MORE ON THIS STORY"
    r"|More on this story|Related articles?|RELATED ARTICLES?"
)
_PLUG_LABELS_DE = r"Lesen Sie auch|LESEN SIE AUCH|Mehr zum Thema|MEHR ZUM THEMA|Auch interessant|Siehe auch"
_PLUG_LABELS_FR = r"(?:À|A) lire aussi|(?:À|A) LIRE AUSSI|Lire aussi|LIRE AUSSI|Voir aussi|(?:À|A) voir aussi"
_PLUG_LABELS_ES = (
    r"Lea más|Lea también|Lee también|Lee más|Leer más|LEA MÁS|LEA TAMBIÉN|Te puede interesar"
    r"|Le puede interesar|Ver también|Más información|También te puede interesar"
)


def _plug(labels: str) -> re.Pattern[str]:
    return re.compile(rf"^(?:{labels})\s*[:|]")


_LINE_RULES: tuple[_Rule, ...] = (
    # "READ MORE: headline", "Related: ...", "WATCH: ..."
    _Rule(_plug(_PLUG_LABELS_EN), MAX_PLUG_CHARS, _EN),
    _Rule(_plug(_PLUG_LABELS_DE), MAX_PLUG_CHARS, _DE),
    _Rule(_plug(_PLUG_LABELS_FR), MAX_PLUG_CHARS, _FR),
    _Rule(_plug(_PLUG_LABELS_ES), MAX_PLUG_CHARS, _ES),
    # "Follow Peter Caddle on Twitter: @Peter_Caddle", "Follow us on Facebook"
    _Rule(
        re.compile(
            r"^Follow (?:us|[^\n.!?:]{1,60}?) (?:on|at) (?:Twitter|X|Facebook|Instagram|TikTok"
            r"|LinkedIn|Threads|YouTube|Bluesky|Telegram|Mastodon)\b"
        ),
        MAX_PLUG_CHARS,
        _EN,
    ),
    # Share / subscribe / newsletter plugs, which start with an imperative.
    _Rule(
        re.compile(
            r"^(?:Share this (?:article|story|page|post)\b|Share on (?:Facebook|Twitter|X|WhatsApp)\b"
            r"|(?:Sign up|Subscribe)(?: now| here| today)?\s*(?:to|for)\s+(?:our|the|my)\b"
            r"|Click here to (?:subscribe|sign up|follow|read more)\b"
            r"|(?:Get|Receive|Want)\b[^\n]{0,80}\b(?:newsletter|in your inbox|to your inbox)\b"
            r"|(?:Don't|Don’t|Never) miss\b[^\n]{0,80}\b(?:newsletter|inbox)\b)",
            re.IGNORECASE,
        ),
        MAX_PLUG_CHARS,
        _EN,
    ),
    # Paywall and subscription notices.
    _Rule(
        re.compile(
            r"^(?:Already a (?:subscriber|member)\b|Subscribe (?:now |today )?to (?:continue|read|unlock)\b"
            r"|This (?:article|story|content) is (?:only )?(?:for|available to|exclusive to|reserved for)"
            r" (?:subscribers|members)\b|You(?:'ve|’ve| have) reached your (?:limit|free article)"
            r"|(?:Create|Register for) a free account to (?:continue|read)\b"
            r"|(?:Sign|Log) in to (?:continue|read|keep reading)\b|To continue reading,? (?:subscribe|sign|log)"
            r"|Become a (?:subscriber|member) (?:to|for)\b|Support (?:our|independent) journalism\b)",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
        _EN,
    ),
    _Rule(
        re.compile(
            r"^(?:Jetzt (?:abonnieren|registrieren|testen)\b|(?:Sie sind )?bereits Abonnent"
            r"|Dieser (?:Artikel|Beitrag|Inhalt) ist (?:nur |exklusiv )?für (?:Abonnenten|Abonnentinnen)"
            r"|Weiterlesen mit\b|Mit (?:Ihrem|einem) Abo (?:weiterlesen|lesen)\b"
            r"|Melden Sie sich (?:hier )?für unseren Newsletter an)",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
        _DE,
    ),
    _Rule(
        re.compile(
            r"^(?:Déjà abonné|Abonnez-vous\b|(?:Cet|L['’]) ?article est réservé aux abonnés"
            r"|Réservé aux abonnés|Il vous reste \d+ ?%|Pour lire la suite\b|Inscrivez-vous à (?:notre|la) newsletter)",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
        _FR,
    ),
    _Rule(
        re.compile(
            r"^(?:Suscr[ií]bete\b|Ya (?:eres|soy) suscriptor|Hazte suscriptor\b"
            r"|(?:Este )?(?:art[ií]culo|contenido) (?:es )?(?:exclusivo )?(?:para|solo para) suscriptores"
            r"|Contenido exclusivo para suscriptores|Reg[ií]strate (?:gratis )?para seguir leyendo"
            r"|Suscr[ií]bete a (?:nuestro|nuestra) (?:newsletter|bolet[ií]n))",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
        _ES,
    ),
    # Cookie notices: the site (we / this site) telling the reader it uses cookies.
    _Rule(
        re.compile(
            r"^(?:We (?:use|uses) cookies|This (?:web)?site uses cookies|Our (?:web)?site uses cookies"
            r"|By (?:continuing to (?:use|browse)|using) (?:this|our) (?:web)?site\b)",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
        _EN,
    ),
    _Rule(
        re.compile(
            r"^(?:Wir (?:verwenden|nutzen) Cookies|Diese (?:Web)?(?:site|seite) (?:verwendet|nutzt) Cookies)",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
        _DE,
    ),
    _Rule(
        re.compile(
            r"^(?:Nous utilisons des cookies|Ce site (?:web )?utilise des cookies"
            r"|En poursuivant (?:votre navigation|la navigation))",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
        _FR,
    ),
    _Rule(
        re.compile(
            r"^(?:Utilizamos cookies|Usamos cookies|Este (?:sitio )?(?:web )?utiliza cookies"
            r"|Si contin[uú]as navegando)",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
        _ES,
    ),
    # Copyright lines: a sign or the word first, or a rights formula anywhere in a short line.
    # "© 2024 ...", "(c) 2024 ...", "Copyright 2014 ...", "Copyright © ..." (not "Copyright lawyers said").
    _Rule(
        re.compile(r"^(?:©|\(c\)\s*\d{4}|(?:Copyright|Urheberrecht)\s*(?:©|\(c\)|\d{4}\b))", re.IGNORECASE),
        MAX_NOTICE_CHARS,
    ),
    _Rule(
        re.compile(
            r"\b(?:All rights reserved|Alle Rechte vorbehalten|Tous droits réservés"
            r"|Todos los derechos reservados|Reservados todos los derechos|Derechos reservados)\b",
            re.IGNORECASE,
        ),
        MAX_NOTICE_CHARS,
    ),
    # Gallery counters: "5/50 Crowds gather ...", "Photo 3 of 12", "Bild 3 von 12", "Foto 3 de 12".
    _Rule(
        re.compile(
            r"^(?:(?:Photo|Image|Picture|Slide|Bild|Foto|Imagen|Diapositive)\s+\d{1,3}\s+"
            r"(?:of|von|de|sur)\s+\d{1,3}\b)",
            re.IGNORECASE,
        ),
        MAX_CAPTION_CHARS,
    ),
    # Caption ending in a credit after a full stop or a separator: "... trial. EPA".
    _Rule(
        re.compile(rf"(?<=\S)(?:[.!?]\s+|\s+[|/]\s*|\s+[—–]\s+|\s*©\s*)(?:{_LABEL}\s*:\s*)?{_CREDIT}$"),
        MAX_CAPTION_CHARS,
    ),
    # Caption ending in a labelled or bracketed credit: "(Image: Getty)", "Photo: Jane Doe/PA".
    _Rule(
        re.compile(rf"(?:\(\s*{_LABEL}\s*:[^()\n]{{1,80}}\)|\(\s*{_CREDIT}\s*\)|\s{_LABEL}\s*:\s*{_CREDIT})$"),
        MAX_CAPTION_CHARS,
    ),
    # Caption line that starts with a label: "Picture: ...", "Photo credit: ...", "Crédits photos : ...".
    _Rule(re.compile(rf"^{_LABEL}\s*:\s*\S"), MAX_CAPTION_CHARS),
)

# A byline on its own line: "By Jane Doe", "By Jane Doe, Transport Reporter", "Von Anna Berg",
# "Par Léa Martin", "Por Ana Ruiz | 3 de mayo". A line that ends like a sentence is prose
# ("By Tuesday, the river had risen.").
_BYLINES: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = tuple(
    (re.compile(rf"^(?:{label})\s+[A-ZÀ-ÖØ-Þ][\w'’.-]+(?:[\s,|–-]+[\w'’.:/-]+){{0,8}}$"), langs)
    for label, langs in (("By|BY", _EN), ("Von|VON", _DE), ("Par|PAR", _FR), ("Por|POR", _ES))
)

#: Longest byline line.
_MAX_BYLINE_CHARS = 100

# A gallery counter at the start of a caption line: "5/50 Crowds gather ...". The count after
# the slash must be at least the position and at least 3, and a capital or digit must follow,
# so "9/11 families ..." (lower case) and "24/7 coverage" are not counters.
_GALLERY_COUNTER = re.compile(r"^(\d{1,3})\s*/\s*(\d{1,3})\s+[\"“«(]?[A-ZÀ-ÖØ-Þ0-9]")

# "Read full article >>", "Weiterlesen »", "Lire la suite →": a read-on link.
_READ_ON = re.compile(
    r"^(?:read (?:the )?(?:full|whole|rest of the|entire) (?:article|story)|read more|continue reading"
    r"|weiterlesen|mehr lesen|zum (?:vollständigen )?artikel|lire la suite|lire l['’]article"
    r"|leer más|seguir leyendo|leer (?:el )?art[ií]culo completo|sigue leyendo)"
    r"\s*(?:>>|»|→|›|>|\.{3}|…)?$",
    re.IGNORECASE,
)

#: Whole lines that are page furniture wherever they stand (compared after stripping " .:…").
_EXACT_LINES: dict[str, frozenset[str] | None] = {
    "advertisement": _ANY,
    "share": _EN,
    "share this": _EN,
    "share this article": _EN,
    "share this story": _EN,
    "subscribe": _EN,
    "sign up": _EN,
    "story continues below": _EN,
    "story continues below advertisement": _EN,
    "continue reading": _EN,
    "continue reading the main story": _EN,
    "listen to this article": _EN,
    "read more": _EN,
    "related": _EN,
    "related articles": _EN,
    "related stories": _EN,
    "skip advert": _EN,
    "skip ad": _EN,
    "anzeige": _DE,
    "werbung": _DE,
    "publicité": _FR,
    "publicidad": _ES,
    "artikel teilen": _DE,
    "artikel anhören": _DE,
    "écouter cet article": _FR,
    "escuchar artículo": _ES,
    "escuchar noticia": _ES,
}

# Share / print / e-mail menus: a short line made only of these words, with at least one action
# ("- Share this", "Tweet this", "Print Article", "Auf Facebook teilen", "Partager sur X").
_MENU_ACTIONS = frozenset(
    {
        "share", "tweet", "print", "email", "e-mail", "mail", "pin", "save", "comment", "comments",
        "whatsapp", "facebook", "twitter", "linkedin", "reddit", "pinterest", "telegram", "flipboard",
        "teilen", "drucken", "twittern", "versenden", "merken", "kommentare", "kommentieren",
        "partager", "imprimer", "envoyer", "commenter", "commentaires", "enregistrer",
        "compartir", "imprimir", "enviar", "comentar", "comentarios", "guardar", "tuitear",
    }
)  # fmt: skip
_MENU_FILLERS = frozenset(
    {
        "this", "article", "story", "page", "post", "link", "on", "via", "to", "a", "friend", "the",
        "x", "copy", "url", "by", "or",
        "artikel", "dieser", "diesen", "den", "auf", "per", "kopieren", "seite",
        "cet", "l'article", "sur", "par", "le", "lien", "copier", "la",
        "este", "artículo", "articulo", "en", "por", "el", "enlace", "copiar", "noticia",
    }
)  # fmt: skip
_BULLET = re.compile(r"^[-–—•·*▪►▸>|]+\s*")
_MENU_TOKEN = re.compile(r"[\w'’@-]+")

# A heading that opens a list of related headlines; the headlines that follow it are marked too.
_RELATED_HEADINGS: dict[str, frozenset[str] | None] = {
    "related": _EN, "related stories": _EN, "related articles": _EN, "related coverage": _EN,
    "more stories": _EN, "more news": _EN, "more from this section": _EN, "most read": _EN,
    "most popular": _EN, "top stories": _EN, "trending": _EN, "trending now": _EN,
    "you may also like": _EN, "you might also like": _EN, "recommended for you": _EN,
    "recommended": _EN, "read next": _EN, "editor's picks": _EN, "latest news": _EN,
    "mehr zum thema": _DE, "meistgelesen": _DE, "das könnte sie auch interessieren": _DE,
    "weitere artikel": _DE, "empfohlene artikel": _DE, "auch interessant": _DE, "top-themen": _DE,
    "à lire aussi": _FR, "a lire aussi": _FR, "sur le même sujet": _FR, "les plus lus": _FR,
    "articles les plus lus": _FR, "nos articles recommandés": _FR, "à voir aussi": _FR,
    "te puede interesar": _ES, "lo más leído": _ES, "noticias relacionadas": _ES,
    "más noticias": _ES, "también te puede interesar": _ES, "lo más visto": _ES,
}  # fmt: skip

# An optional "Outlet:" prefix before a doubled caption ("The National: ...").
_CAPTION_PREFIX = re.compile(r"^[A-Z][\w'’&. -]{1,40}:\s*")

# (a cheap substring every match must contain, the pattern): the substring test skips most texts.
_INLINE = (
    ("pic.twitter.com/", re.compile(r"(?:https?://)?pic\.twitter\.com/\w+")),
    ("t.co/", re.compile(r"https?://t\.co/\w+")),
    # Embedded-tweet signature: "— Name (@handle) April 12, 2022"
    (
        "(@",
        re.compile(
            r"(?:[—–]|--)\s*[^\n—–()]{1,80}?\s\(@\w{1,15}\)\s+(?:January|February|March|April|May|June|July"
            r"|August|September|October|November|December)\s+\d{1,2},\s+\d{4}"
        ),
    ),
)

_LINE = re.compile(r"[^\n]+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)]*$")
_KEY_STRIP = " .:…|>»-–—•·*"


def _applies(languages: frozenset[str] | None, language: str | None) -> bool:
    return languages is None or language is None or language in languages


def _is_doubled(phrase: str) -> bool:
    """True when ``phrase`` is one phrase written twice (glued or with one space between)."""
    n = len(phrase)
    half = n // 2
    if half < MIN_DOUBLED_CHARS:
        return False
    if n % 2 == 0 and phrase[:half] == phrase[half:]:
        return True
    return n % 2 == 1 and phrase[half] == " " and phrase[:half] == phrase[half + 1 :]


def _is_doubled_caption(line: str) -> bool:
    if len(line) > MAX_CAPTION_CHARS:
        return False
    if _is_doubled(line):
        return True
    prefix = _CAPTION_PREFIX.match(line)
    return bool(prefix) and _is_doubled(line[prefix.end() :].strip())


def _is_menu(line: str) -> bool:
    """A share / print / e-mail menu line: only menu words, at least one of them an action."""
    words = [w.lower().strip("'’") for w in _MENU_TOKEN.findall(_BULLET.sub("", line))]
    if not words or len(words) > MAX_MENU_WORDS or _SENTENCE_END.search(line.rstrip(" >»")):
        return False
    known = _MENU_ACTIONS | _MENU_FILLERS
    return any(w in _MENU_ACTIONS for w in words) and all(w in known for w in words)


def _is_gallery_caption(line: str) -> bool:
    match = _GALLERY_COUNTER.match(line)
    if not match or len(line) > MAX_CAPTION_CHARS:
        return False
    position, count = int(match.group(1)), int(match.group(2))
    return 1 <= position <= count and count >= 3


def _key(line: str) -> str:
    return unicodedata.normalize("NFC", line).strip(_KEY_STRIP).lower()


def _is_boilerplate_line(line: str, language: str | None) -> bool:
    key = _key(line)
    if key in _EXACT_LINES and _applies(_EXACT_LINES[key], language):
        return True
    if len(line) <= MAX_PLUG_CHARS and _READ_ON.match(_BULLET.sub("", line).strip()):
        return True
    for rule in _LINE_RULES:
        if len(line) <= rule.limit and _applies(rule.languages, language) and rule.pattern.search(line):
            return True
    if len(line) <= _MAX_BYLINE_CHARS and not _SENTENCE_END.search(line):
        for pattern, languages in _BYLINES:
            if _applies(languages, language) and pattern.match(line):
                return True
    return _is_menu(line) or _is_gallery_caption(line) or _is_doubled_caption(line)


def _is_related_heading(line: str, language: str | None) -> bool:
    key = _key(line)
    return key in _RELATED_HEADINGS and _applies(_RELATED_HEADINGS[key], language)


def _is_headline_like(line: str) -> bool:
    """A line of a headline list: short, and not ending like a sentence of prose."""
    return len(line) <= MAX_RELATED_HEADLINE_CHARS and not _SENTENCE_END.search(line)


def _same_words(line: str, title_key: str) -> bool:
    return bool(title_key) and " ".join(_MENU_TOKEN.findall(line.lower())) == title_key


def _is_nav_item(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_NAV_WORDS and not _SENTENCE_END.search(line) and any(c.isalpha() for c in line)


def _navigation_runs(text: str) -> list[Span]:
    """Runs of :data:`MIN_NAV_RUN` or more consecutive menu-like lines (see the constant)."""
    spans: list[Span] = []
    run: list[Span] = []
    for match in _LINE.finditer(text):
        raw = match.group()
        line = raw.strip()
        if not line:
            continue
        if _is_nav_item(line):
            start = match.start() + (len(raw) - len(raw.lstrip()))
            run.append(Span(start, start + len(line)))
            continue
        if len(run) >= MIN_NAV_RUN:
            spans.extend(run)
        run = []
    if len(run) >= MIN_NAV_RUN:
        spans.extend(run)
    return spans


def merge_spans(spans: list[Span]) -> tuple[Span, ...]:
    """``spans`` sorted, with overlapping or touching ones joined."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return tuple(merged)


def find_boilerplate(text: str, language: str | None = None, title: str | None = None) -> tuple[Span, ...]:
    """Spans of ``text`` that are boilerplate, sorted and not overlapping.

    ``language`` (ISO 639-1, None when unknown) limits phrase rules to that language; ``title``
    (the headline) marks lines that only repeat it. Line spans cover the line without its
    surrounding white space; inline spans cover just the link or signature.
    ``text[span.start:span.end]`` is the boilerplate itself.
    """
    spans: list[Span] = []
    title_key = " ".join(_MENU_TOKEN.findall(title.lower())) if title else ""
    in_related_list = False
    for match in _LINE.finditer(text):
        raw = match.group()
        line = raw.strip()
        if not line:
            continue
        start = match.start() + (len(raw) - len(raw.lstrip()))
        if _is_related_heading(line, language):
            in_related_list = True
        elif in_related_list and not _is_headline_like(line):
            in_related_list = False
        if in_related_list or _is_boilerplate_line(line, language) or _same_words(line, title_key):
            spans.append(Span(start, start + len(line)))
    spans.extend(_navigation_runs(text))
    for needle, pattern in _INLINE:
        if needle in text:
            spans.extend(Span(m.start(), m.end()) for m in pattern.finditer(text))
    return merge_spans(spans)
