"""A brief as plain JSON: a stable, documented shape (``newsfuse/schema/brief.schema.json``).

Every span is given as ``{"article", "start", "end", "text"}`` where ``text`` is exactly
``article.text[start:end]`` of the article with that id, so a reader can check each citation.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsfuse.model import (
    Article,
    Brief,
    Disagreement,
    Entity,
    EntityMention,
    Fact,
    FactMention,
    Problem,
    Quote,
    QuoteCarrier,
    Ref,
    SummaryItem,
)

__all__ = ["SCHEMA_ID", "SCHEMA_PATH", "brief_to_dict", "brief_to_json", "load_schema"]

#: Names the shape; bump the number when a field is removed or changes meaning.
SCHEMA_ID = "newsfuse.brief/1"
#: The JSON Schema (draft 2020-12) of :func:`brief_to_dict`'s output, shipped with the package.
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "brief.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema of a rendered brief, as a dict."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def brief_to_dict(brief: Brief) -> dict[str, Any]:
    """The brief as a dict of plain JSON types, in the documented key order."""
    outlets = {a.id: a.outlet for a in brief.articles}
    texts = {a.id: a.text for a in brief.articles}
    return {
        "schema": SCHEMA_ID,
        "id": brief.id,
        "method": brief.method,
        "words": brief.words,
        "articles": [_article(a) for a in brief.articles],
        "summary": [_summary_item(item, outlets) for item in brief.summary],
        "quotes": [_quote(q, texts) for q in brief.quotes],
        "entities": [_entity(e) for e in brief.entities],
        "facts": [_fact(f) for f in brief.facts],
        "disagreements": [_disagreement(d) for d in brief.disagreements],
        "problems": [_problem(p) for p in brief.problems],
    }


def brief_to_json(brief: Brief, indent: int | None = 2) -> str:
    """The brief as JSON text; ``indent=None`` gives one line (for JSONL batches)."""
    separators = (",", ":") if indent is None else None
    return json.dumps(brief_to_dict(brief), ensure_ascii=False, indent=indent, separators=separators)


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.outlet,
        "title": a.title,
        "date": a.date.isoformat() if a.date else None,
        "url": a.url,
        "origin": a.origin,
    }


def _source(ref: Ref, outlets: dict[str, str]) -> dict[str, Any]:
    return {
        "article": ref.article,
        "outlet": outlets.get(ref.article),
        "start": ref.start,
        "end": ref.end,
        "text": ref.text,
    }


def _summary_item(item: SummaryItem, outlets: dict[str, str]) -> dict[str, Any]:
    return {"text": item.text, "sources": [_source(r, outlets) for r in item.sources]}


def _mention(m: Ref | None) -> dict[str, Any] | None:
    return None if m is None else {"start": m.start, "end": m.end, "text": m.text}


def _carrier(c: QuoteCarrier, texts: dict[str, str]) -> dict[str, Any]:
    text = texts.get(c.article, "")
    return {
        "article": c.article,
        "outlet": c.outlet,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "speaker_mention": _mention(c.speaker_mention),
        "diff": [{"op": d.op, "fullest": d.fullest, "here": d.here} for d in c.diff],
        "parts": [{"start": p.start, "end": p.end, "text": text[p.start : p.end]} for p in c.parts],
    }


def _quote(q: Quote, texts: dict[str, str]) -> dict[str, Any]:
    return {
        "text": q.text,
        "speaker": q.speaker,
        "role": q.role,
        "flags": list(q.flags),
        "fullest": q.fullest,
        "first_published": q.first_published,
        "carried_by": [_carrier(c, texts) for c in q.carried_by],
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "name": e.name,
        "kind": e.kind,
        "role": e.role,
        "outlets": list(e.outlets),
        "variants": list(e.variants),
        "mentions": [_span(m) for m in e.mentions],
    }


def _span(m: EntityMention) -> dict[str, Any]:
    return {"article": m.article, "start": m.start, "end": m.end, "text": m.text}


def _fact_mention(m: FactMention) -> dict[str, Any]:
    return {
        "article": m.article,
        "outlet": m.outlet,
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "value": m.value,
        "wording": m.wording,
    }


def _fact(f: Fact) -> dict[str, Any]:
    return {"kind": f.kind, "subject": f.subject, "mentions": [_fact_mention(m) for m in f.mentions]}


def _disagreement(d: Disagreement) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "subject": d.subject,
        "note": d.note,
        "values": [{"value": value, "mentions": [_fact_mention(m) for m in mentions]} for value, mentions in d.values],
    }


def _problem(p: Problem) -> dict[str, Any]:
    return {"origin": p.origin, "message": p.message, "fatal": p.fatal}
