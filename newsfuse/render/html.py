"""A brief as one self-contained HTML page (inline CSS, no scripts, no outside requests).

Each summary sentence is followed by numbered citation links to the sources list; hovering a
number shows that outlet's own sentence. :func:`brief_to_html_body` gives the same content without
the page around it, for embedding in another page (the web view).
"""

from __future__ import annotations

from html import escape

from newsfuse.model import Brief, Disagreement, FactMention, Quote
from newsfuse.render.common import (
    MAX_ENTITIES_PER_KIND,
    MAX_QUOTES_SHOWN,
    brief_title,
    carrier_note,
    entity_groups,
    extra_note,
    numbered_outlets,
    one_line,
    overview_line,
    quote_text,
    shown_flags,
    shown_quotes,
    source_numbers,
)

__all__ = ["brief_to_html", "brief_to_html_body"]

_STYLE = """
body{font:17px/1.55 Georgia,"Times New Roman",serif;max-width:46rem;margin:2rem auto;
padding:0 1rem;color:#222}
h1{font-size:1.7rem;line-height:1.25;margin-bottom:.2rem}h2{font-size:1.15rem;margin-top:2rem;
border-bottom:1px solid #ddd;padding-bottom:.2rem;font-family:system-ui,sans-serif}
.overview{color:#666;font-family:system-ui,sans-serif;font-size:.9rem;margin-top:0}
sup a{text-decoration:none;color:#0a58ca;font-family:system-ui,sans-serif;font-size:.75rem;padding:0 1px}
.flag{background:#fff3cd;border-radius:3px;padding:0 4px;font-family:system-ui,sans-serif;font-size:.8rem}
.note{color:#8a5a00;font-size:.92rem}.muted{color:#666;font-size:.9rem}
li{margin-bottom:.35rem}blockquote{margin:.2rem 0 .2rem 1rem;font-style:italic}
"""

#: Summary sentences per paragraph (as in the Markdown and terminal renderings).
SENTENCES_PER_PARAGRAPH = 3


def _e(text: str | None) -> str:
    return escape(one_line(text or ""))


def _cite(brief: Brief, numbers: dict[str, int], refs: list[tuple[str, str]]) -> str:
    """Citation links for ``[(article id, the sentence there), ...]``, one per article."""
    outlets = {a.id: a.outlet for a in brief.articles}
    links = {}
    for article, text in refs:
        n = numbers.get(article)
        if n is not None and n not in links:
            tip = f"{outlets[article]}: {one_line(text)}"
            links[n] = f'<a href="#source-{n}" title="{escape(tip)}">[{n}]</a>'
    return f"<sup>{''.join(links[n] for n in sorted(links))}</sup>" if links else ""


def _outlets(brief: Brief, article_ids: list[str]) -> str:
    return ", ".join(f'{_e(o)} <a href="#source-{n}">[{n}]</a>' for n, o in numbered_outlets(brief, article_ids))


def _summary(brief: Brief, numbers: dict[str, int]) -> list[str]:
    if not brief.summary:
        return []
    sentences = [
        _e(item.text) + _cite(brief, numbers, [(r.article, r.text) for r in item.sources]) for item in brief.summary
    ]
    paras = [
        "<p>" + " ".join(sentences[i : i + SENTENCES_PER_PARAGRAPH]) + "</p>"
        for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)
    ]
    return ['<section id="summary"><h2>Summary</h2>', *paras, "</section>"]


def _quote(brief: Brief, q: Quote, numbers: dict[str, int]) -> str:
    speaker = f"<strong>{_e(q.speaker)}</strong>" if q.speaker else "<em>Unnamed speaker</em>"
    if q.role:
        speaker += f" <span class=muted>({_e(q.role)})</span>"
    flags = "".join(f' <span class="flag">{escape(f)}</span>' for f in shown_flags(q))
    parts = [f"<li>{speaker}{flags}<blockquote>“{_e(quote_text(q.text))}”</blockquote>"]
    parts.append(f'<div class="muted">carried by {_outlets(brief, [c.article for c in q.carried_by])}</div>')
    notes = []
    for c in q.carried_by:
        note = carrier_note(q, c)
        if note:
            cite = f' <a href="#source-{numbers[c.article]}">[{numbers[c.article]}]</a>' if c.article in numbers else ""
            notes.append(f"<li>{_e(c.outlet)}{cite} {_e(note)}: “{_e(quote_text(c.text))}”</li>")
    if notes:
        parts.append(f'<ul class="note">{"".join(notes)}</ul>')
    return "".join(parts) + "</li>"


def _wording(m: FactMention) -> str:
    sentence = one_line(m.text)
    wording = one_line(m.wording)
    at = sentence.find(wording) if wording else -1
    if at < 0:
        return f"“{escape(sentence)}”"
    return f"“{escape(sentence[:at])}<mark>{escape(wording)}</mark>{escape(sentence[at + len(wording) :])}”"


def _disagreement(brief: Brief, d: Disagreement, numbers: dict[str, int]) -> str:
    head = f"<strong>{_e(d.subject)}</strong> <span class=muted>({_e(d.kind)})</span>"
    note = extra_note(d)
    if note:
        head += f" {_e(note)}"
    rows = []
    for value, mentions in d.values:
        for m in mentions:
            cite = f' <a href="#source-{numbers[m.article]}">[{numbers[m.article]}]</a>' if m.article in numbers else ""
            rows.append(f"<li><strong>{_e(value)}</strong>: {_e(m.outlet)}{cite}: {_wording(m)}</li>")
    return f"<li>{head}<ul>{''.join(rows)}</ul></li>"


def _entities(brief: Brief) -> list[str]:
    groups = entity_groups(brief.entities)
    if not groups:
        return []
    items = []
    for label, members in groups:
        names = []
        for e in members[:MAX_ENTITIES_PER_KIND]:
            others = [v for v in e.variants if v != e.name]
            extra = f" <span class=muted>(also spelled {', '.join(_e(v) for v in others)})</span>" if others else ""
            names.append(_e(e.name) + extra)
        more = len(members) - MAX_ENTITIES_PER_KIND
        items.append(f"<li><strong>{label}:</strong> {', '.join(names)}{f', and {more} more' if more > 0 else ''}</li>")
    return ['<section id="entities"><h2>People, organisations, places</h2><ul>', *items, "</ul></section>"]


def brief_to_html_body(brief: Brief) -> str:
    """The brief as an HTML fragment (an ``<article>``), for embedding."""
    numbers = source_numbers(brief)
    out = [
        '<article class="newsfuse-brief">',
        f"<h1>{_e(brief_title(brief))}</h1>",
        f'<p class="overview">{_e(overview_line(brief))}</p>',
    ]
    out += _summary(brief, numbers)
    if brief.quotes:
        out.append('<section id="quotes"><h2>Who said what</h2><ul>')
        quotes, left_out = shown_quotes(brief.quotes, MAX_QUOTES_SHOWN)
        out += [_quote(brief, q, numbers) for q in quotes]
        out.append("</ul>")
        if left_out:
            more = f"and {left_out} more quotation{'s' if left_out > 1 else ''} (the JSON output has them all)"
            out.append(f'<p class="muted">{more}</p>')
        out.append("</section>")
    if brief.disagreements:
        out.append('<section id="disagreements"><h2>Where the outlets differ</h2><ul>')
        out += [_disagreement(brief, d, numbers) for d in brief.disagreements]
        out.append("</ul></section>")
    out += _entities(brief)
    if brief.problems:
        out.append('<section id="problems"><h2>Problems with the input</h2><ul>')
        for p in brief.problems:
            level = "error" if p.fatal else "warning"
            out.append(f"<li>{level}: <code>{_e(p.origin)}</code>: {_e(p.message)}</li>")
        out.append("</ul></section>")
    if brief.articles:
        out.append('<section id="sources"><h2>Sources</h2><ol>')
        for n, a in enumerate(brief.articles, start=1):
            item = f"<strong>{_e(a.outlet)}</strong>"
            if a.title:
                item += f": {_e(a.title)}"
            if a.date:
                item += f' <span class="muted">({a.date.isoformat()})</span>'
            if a.url and a.url.lower().startswith(("http://", "https://")):
                item += f' <a href="{escape(a.url, quote=True)}" rel="noopener">{_e(a.url)}</a>'
            elif a.url:
                item += f" {_e(a.url)}"
            out.append(f'<li id="source-{n}">{item}</li>')
        out.append("</ol></section>")
    out.append("</article>")
    return "\n".join(out)


def brief_to_html(brief: Brief) -> str:
    """The brief as a complete HTML page."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(brief_title(brief))}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"{brief_to_html_body(brief)}\n</body>\n</html>\n"
    )
