"""A brief as one self-contained HTML page (inline CSS, no scripts, no outside requests).

Each summary sentence is followed by numbered citation links to the sources list; hovering a
number shows that outlet's own sentence. :func:`brief_to_html_body` gives the same content without
the page around it, for embedding in another page (the web view).
"""

from __future__ import annotations

from html import escape

from newsfuse.model import Article, Brief, Disagreement, DisagreementKind, Quote, SummaryItem
from newsfuse.render.common import (
    MAX_ENTITIES_PER_KIND,
    MAX_QUOTES_SHOWN,
    SPELLING_KINDS,
    WARNING_SIGN,
    brief_title,
    carrier_notes,
    disagreement_subject,
    entity_groups,
    extra_note,
    is_misquote,
    lead_warnings,
    one_line,
    overview_line,
    paragraphs,
    provenance,
    quote_text,
    readable_outlet,
    shown_flags,
    shown_quotes,
    source_numbers,
    timeline_note,
    timeline_rows,
    value_rows,
)
from newsfuse.render.copy_notes import copy_rows, group_rows, independence_note
from newsfuse.render.snippets import shorten_url

__all__ = ["brief_to_html", "brief_to_html_body"]

_STYLE = """
:root{--ink:#1f2328;--muted:#5f6670;--rule:#e3e5e8;--link:#0b57d0;--warn:#9a3412;--warn-bg:#fff1d6;
--card:#f7f8fa;--sans:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
body{font:18px/1.6 Georgia,"Times New Roman",serif;color:var(--ink);background:#fff;margin:0}
.newsfuse-brief{max-width:44rem;margin:2.5rem auto 4rem;padding:0 1.25rem}
h1{font-size:2rem;line-height:1.2;margin:0 0 .4rem}
h2{font:600 .8rem/1.4 var(--sans);letter-spacing:.08em;text-transform:uppercase;color:var(--muted);
margin:2.6rem 0 .9rem;padding-bottom:.35rem;border-bottom:1px solid var(--rule)}
.overview{font:.9rem/1.5 var(--sans);color:var(--muted);margin:0 0 1.5rem}
p{margin:0 0 1rem}.nowrap{white-space:nowrap}
sup.cite{font:600 .68rem/0 var(--sans);margin-left:1px;white-space:nowrap}
sup.cite a{color:var(--link);text-decoration:none;padding:0 1px}
sup.cite a:hover{text-decoration:underline}
.quotes{list-style:none;padding:0;margin:0}
.quote{background:var(--card);border-left:3px solid #c9ced6;border-radius:4px;padding:.7rem 1rem .6rem;
margin:0 0 .9rem}
.quote.misquote{border-left-color:#e8a33d}
.who{font:.92rem/1.45 var(--sans)}.who strong{font-weight:650}.role{color:var(--muted)}
.badge{display:inline-block;font:600 .72rem/1.5 var(--sans);color:var(--warn);background:var(--warn-bg);
border:1px solid #f3c98b;border-radius:999px;padding:0 .55rem;margin-left:.4rem;vertical-align:1px}
blockquote{margin:.35rem 0 .3rem;font-size:1.02rem;font-style:italic}
.notes{list-style:none;margin:.2rem 0 0;padding:0;font:.85rem/1.5 var(--sans);color:var(--muted)}
.notes li{margin:.1rem 0}.notes .warn{color:var(--warn);font-weight:600}
.prov{font:.8rem/1.5 var(--sans);color:var(--muted);margin:.25rem 0 0}
.muted{color:var(--muted);font-size:.9rem}
.lead-warning{background:var(--warn-bg);border-left:4px solid var(--warn);padding:.5rem .75rem;margin:0 0 1.5rem;
  font:.95rem/1.5 var(--sans)}
table.differ{border-collapse:collapse;width:100%;font:.92rem/1.5 var(--sans)}
.differ th{text-align:left;vertical-align:top;font-weight:650;padding:.55rem 1rem .55rem 0;width:28%}
.differ td{padding:.55rem 0;vertical-align:top}
.differ tr+tr th,.differ tr+tr td{border-top:1px solid var(--rule)}
.differ .kind{display:block;font-weight:400;color:var(--muted);font-size:.8rem}
.value{margin:.05rem 0}.value strong{font-weight:650}
.value q{font-family:Georgia,serif;font-style:italic;color:#3b4048;quotes:"“" "”"}
.entities li,.problems li{margin-bottom:.35rem;font-size:.95rem}
.sources{padding-left:1.6rem;font:.88rem/1.5 var(--sans)}.sources li{margin-bottom:.55rem}
.sources li:target{background:#fff8c5}
.sources .title{display:block;color:var(--ink)}
.sources a.url{display:block;color:var(--link);font-size:.8rem;text-decoration:none;overflow:hidden;
text-overflow:ellipsis;white-space:nowrap}
.timeline{list-style:none;padding:0;margin:0;font-size:.98rem}
.timeline li{display:flex;gap:1rem;margin:0 0 .6rem}
.timeline .when{flex:0 0 11rem;font:600 .85rem/1.9 var(--sans)}
.timeline .inferred .when{font-style:italic;font-weight:500}
.timeline .note{display:block;font:.8rem/1.5 var(--sans);color:var(--muted)}
.copy li{margin-bottom:.5rem;font:.92rem/1.5 var(--sans)}.copy q{font-family:Georgia,serif;font-style:italic;
color:#3b4048;quotes:"“" "”"}.copy .passages{margin:.2rem 0 0;padding-left:1.2rem;color:var(--muted)}
.indep{font:.78rem/1 var(--sans);color:var(--muted);margin-left:.2rem}
"""

#: Characters of a source's address shown under its title (the link holds all of it): about the
#: width of the sources column at the page's reading width.
URL_CHARS = 90


def _e(text: str | None) -> str:
    return escape(one_line(text or ""))


def _cite(brief: Brief, numbers: dict[str, int], refs: list[tuple[str, str]]) -> str:
    """Citation links for ``[(article id, that outlet's words), ...]``, one per article; hovering
    a number shows the outlet and its words."""
    outlets = {a.id: a.outlet for a in brief.articles}
    links = {}
    for article, text in refs:
        n = numbers.get(article)
        if n is not None and n not in links:
            tip = f"{outlets[article]}: {one_line(text)}" if text else outlets[article]
            links[n] = f'<a href="#source-{n}" title="{escape(tip)}">[{n}]</a>'
    return f'<sup class="cite">{"".join(links[n] for n in sorted(links))}</sup>' if links else ""


def _with_cite(text: str, cite: str) -> str:
    """``text`` followed by its citation, the last word kept on one line with it (a lone "[1][2]"
    at the start of a line reads as belonging to the next sentence)."""
    words = _e(text)
    if not cite:
        return words
    head, _, last = words.rpartition(" ")
    tail = f'<span class="nowrap">{last}{cite}</span>'
    return f"{head} {tail}" if head else tail


def _summary(brief: Brief, numbers: dict[str, int]) -> list[str]:
    if not brief.summary:
        return []
    sentences = [
        _with_cite(item.text, _cite(brief, numbers, [(r.article, r.text) for r in item.sources]))
        + _independence(brief, item)
        for item in brief.summary
    ]
    paras = ["<p>" + " ".join(run) + "</p>" for run in paragraphs(sentences)]
    return ['<section id="summary"><h2>Summary</h2>', *paras, "</section>"]


def _timeline(brief: Brief, numbers: dict[str, int]) -> list[str]:
    """Timeline: date, what happened (with citations showing each outlet's sentence) and a note."""
    rows, left_out = timeline_rows(brief)
    if not rows:
        return []
    out = ['<section id="timeline"><h2>Timeline</h2><ol class="timeline">']
    for row, event in zip(rows, brief.timeline, strict=False):
        cite = _cite(brief, numbers, [(s.article, s.text) for s in event.sources])
        note = f'<span class="note">{_e(timeline_note(row))}</span>' if timeline_note(row) else ""
        css = ' class="inferred"' if row.inferred else ""
        date = escape(event.date)
        out.append(
            f'<li{css}><time class="when" datetime="{date}">{_e(row.when)}</time>'
            f"<span>{_with_cite(row.text, cite)}{note}</span></li>"
        )
    out.append("</ol>")
    if left_out:
        more = f"and {left_out} more dated event{'s' if left_out > 1 else ''} (the JSON output has them all)"
        out.append(f'<p class="muted">{more}</p>')
    out.append("</section>")
    return out


def _independence(brief: Brief, item: SummaryItem) -> str:
    """ "(3 outlets, 2 independent)" after an item some of whose outlets are copies of one another."""
    note = independence_note(brief, item)
    return f' <span class="indep">({escape(note)})</span>' if note else ""


def _shared_copy(brief: Brief) -> list[str]:
    """Groups of outlets that are one copy, then each pair sharing passages (brief/shared_copy.py)."""
    rows, left_out = copy_rows(brief)
    if not rows:
        return []

    def outlet(n: int, name: str) -> str:
        return f'<a href="#source-{n}">{_outlet(name, n)}</a>'

    items = []
    for g in group_rows(brief):
        line = "<strong>One copy:</strong> " + ", ".join(outlet(n, name) for n, name in g.members)
        if g.source:
            line += f"; likely source {outlet(*g.source)}"
        items.append(f"<li>{line}</li>")
    for row in rows:
        (na, oa, sa), (nb, ob, sb) = row.a, row.b
        line = f"{outlet(na, oa)} and {outlet(nb, ob)}: {sa:.0%} of [{na}] and {sb:.0%} of [{nb}] shared"
        if row.source:
            line += f'; likely source [{row.source[0]}] <span class="muted">({escape(row.reason)})</span>'
        passages = [
            f"<li><q>{_e(text)}</q>"
            + (' <span class="muted">(a quotation both carry)</span>' if quotation else "")
            + "</li>"
            for text, quotation in row.passages
        ]
        if row.more_passages:
            passages.append(f"<li>and {row.more_passages} more passage{'s' if row.more_passages > 1 else ''}</li>")
        items.append(f'<li>{line}<ul class="passages">{"".join(passages)}</ul></li>')
    if left_out:
        more = f"and {left_out} more pair{'s' if left_out > 1 else ''} (the JSON output has them all)"
        items.append(f'<li class="muted">{more}</li>')
    return ['<section id="shared-copy" class="copy"><h2>Shared copy</h2><ul>', *items, "</ul></section>"]


def _badge(label: str, warn: bool) -> str:
    if warn:
        tip = "an outlet changed words inside the quotation marks"
        return f' <span class="badge" title="{tip}">{WARNING_SIGN} {escape(label)}</span>'
    return f' <span class="badge">{escape(label)}</span>'


def _quote(brief: Brief, q: Quote, numbers: dict[str, int]) -> str:
    """A card: speaker, role, sources and badges; the fullest wording; one note per way an outlet's
    wording differs; whose version is the fullest and came first."""
    wording = {c.article: c.text for c in q.carried_by}
    speaker = f"<strong>{_e(q.speaker)}</strong>" if q.speaker else "<em>Unnamed speaker</em>"
    if q.role:
        speaker += f' <span class="role">· {_e(q.role)}</span>'
    cites = _cite(brief, numbers, [(c.article, quote_text(c.text)) for c in q.carried_by])
    badges = "".join(_badge(label, warn) for label, warn in shown_flags(q))
    kind = "quote misquote" if is_misquote(q) else "quote"
    parts = [f'<li class="{kind}"><div class="who">{speaker}{cites}{badges}</div>']
    parts.append(f"<blockquote>“{_e(quote_text(q.text))}”</blockquote>")
    notes = []
    by_number = {n: a for a, n in numbers.items()}
    for note in carrier_notes(brief, q):
        refs = [(by_number[n], quote_text(wording.get(by_number[n], ""))) for n in note.numbers]
        text = f"{_cite(brief, numbers, refs)} {_e(note.text)}"
        notes.append(f'<li class="warn">{WARNING_SIGN} {text}</li>' if note.warn else f"<li>{text}</li>")
    if notes:
        parts.append(f'<ul class="notes">{"".join(notes)}</ul>')
    said = provenance(brief, q)
    if said:
        bits = [f'{escape(label)} <a href="#source-{n}">{_outlet(outlet, n)}</a>' for label, n, outlet in said]
        parts.append(f'<p class="prov">{" · ".join(bits)}</p>')
    return "".join(parts) + "</li>"


def _outlet(outlet: str, n: int) -> str:
    return f"{_e(outlet)} [{n}]" if readable_outlet(outlet) else f"[{n}]"


def _disagreement(brief: Brief, d: Disagreement, numbers: dict[str, int]) -> str:
    """One table row: what it is about, then each value with its sources (hover: each outlet's
    sentence) and a few words of one outlet around it."""
    head = _e(disagreement_subject(d))
    if d.kind != DisagreementKind.COUNT and d.kind not in d.subject:
        head += f'<span class="kind">{_e(d.kind)}</span>'
    note = extra_note(d)
    if note:
        head += f'<span class="kind">{_e(note)}</span>'
    spelling = d.kind in SPELLING_KINDS
    rows = []
    for (_, mentions), row in zip(d.values, value_rows(brief, d), strict=True):
        cites = _cite(brief, numbers, [(m.article, m.text) for m in mentions])
        value = f"“{_e(row.value)}”" if spelling else f"<strong>{_e(row.value)}</strong>"
        snippet = f" <q>{_e(row.snippet)}</q>" if row.snippet else ""
        rows.append(f'<div class="value">{value}{cites}{snippet}</div>')
    return f'<tr><th scope="row">{head}</th><td>{"".join(rows)}</td></tr>'


def _framing(brief: Brief, numbers: dict[str, int]) -> list[str]:
    """How each outlet frames it: per outlet its loaded words in context (marked) and what the
    other outlets wrote instead; the words inside quotations, with their speakers."""
    from newsfuse.render.framing import FRAMING_TITLE, framing_blocks

    blocks = framing_blocks(brief)
    if not blocks:
        return []
    out = [f'<section id="framing" class="framing"><h2>{FRAMING_TITLE}</h2><ul class="framing">']
    for b in blocks:
        cite = _cite(brief, numbers, [(a, "") for a in b.articles])
        who = f"<strong>{_e(b.outlet)}</strong>" if readable_outlet(b.outlet) else "<strong>Source</strong>"
        rows = []
        for line in b.lines:
            item = (
                f'<span class="kind">{_e(line.kind)}</span> <q>{escape(line.before)}<mark>{_e(line.text)}</mark>'
                f"{escape(line.after)}</q>"
            )
            if line.alternatives:
                others = "; ".join(
                    f"<q>{_e(w)}</q>{_cite(brief, numbers, [(a, w)])}" for _, _, w, a in line.alternatives
                )
                item += f' <span class="muted">others:</span> {others}'
            rows.append(f"<li>{item}</li>")
        if b.headline:
            words = ", ".join(f"<q>{_e(w)}</q>" for w in b.headline)
            angle = f"its headline says {words}, which its article never does"
            rows.append(f'<li><span class="kind">headline angle</span> {angle}</li>')
        if b.more:
            rows.append(f'<li class="muted">and {b.more} more (the JSON output has them all)</li>')
        if b.quoted:
            said = ", ".join(f"<q>{_e(w)}</q>" + (f" ({_e(s)})" if s else "") for w, s in b.quoted)
            rows.append(
                f'<li class="quoted"><span class="muted">in quotations (the speakers\' words):</span> {said}</li>'
            )
        out.append(f'<li>{who}{cite}: <span class="muted">{_e(b.overview)}</span><ul>{"".join(rows)}</ul></li>')
    out.append("</ul></section>")
    return out


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
    return [
        '<section id="entities" class="entities"><h2>People, organisations, places</h2><ul>',
        *items,
        "</ul></section>",
    ]


def _source(n: int, a: Article) -> str:
    item = f"<strong>{_e(a.outlet)}</strong>"
    if a.date:
        item += f' <span class="muted">· {a.date.isoformat()}</span>'
    if a.title:
        item += f'<span class="title">{_e(a.title)}</span>'
    if a.url and a.url.lower().startswith(("http://", "https://")):
        url = one_line(a.url)
        item += (
            f'<a class="url" href="{escape(url, quote=True)}" title="{escape(url, quote=True)}" rel="noopener">'
            f"{escape(shorten_url(url, URL_CHARS))}</a>"
        )
    elif a.url:
        item += f'<span class="muted">{_e(a.url)}</span>'
    return f'<li id="source-{n}">{item}</li>'


def brief_to_html_body(brief: Brief) -> str:
    """The brief as an HTML fragment (an ``<article>``), for embedding."""
    numbers = source_numbers(brief)
    out = [
        '<article class="newsfuse-brief">',
        f"<h1>{_e(brief_title(brief))}</h1>",
        f'<p class="overview">{_e(overview_line(brief))}</p>',
    ]
    out += [f'<p class="lead-warning" role="alert">⚠ {_e(warning)}</p>' for warning in lead_warnings(brief)]
    out += _summary(brief, numbers)
    out += _timeline(brief, numbers)  # issue 9
    if brief.quotes:
        out.append('<section id="quotes"><h2>Who said what</h2><ul class="quotes">')
        quotes, left_out = shown_quotes(brief.quotes, MAX_QUOTES_SHOWN)
        out += [_quote(brief, q, numbers) for q in quotes]
        out.append("</ul>")
        if left_out:
            more = f"and {left_out} more quotation{'s' if left_out > 1 else ''} (the JSON output has them all)"
            out.append(f'<p class="muted">{more}</p>')
        out.append("</section>")
    if brief.disagreements:
        out.append('<section id="disagreements"><h2>Where the outlets differ</h2><table class="differ">')
        out += [_disagreement(brief, d, numbers) for d in brief.disagreements]
        out.append("</table></section>")
    out += _framing(brief, numbers)
    out += _shared_copy(brief)
    out += _entities(brief)
    if brief.problems:
        out.append('<section id="problems" class="problems"><h2>Problems with the input</h2><ul>')
        for p in brief.problems:
            level = "error" if p.fatal else "warning"
            out.append(f"<li>{level}: <code>{_e(p.origin)}</code>: {_e(p.message)}</li>")
        out.append("</ul></section>")
    if brief.articles:
        out.append('<section id="sources"><h2>Sources</h2><ol class="sources">')
        out += [_source(n, a) for n, a in enumerate(brief.articles, start=1)]
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
