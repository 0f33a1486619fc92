"""A brief as plain JSON and back: a stable, documented shape (``newsfuse/schema/brief.schema.json``).

Every span is given as ``{"article", "start", "end", "text"}`` where ``text`` is exactly
``article.text[start:end]`` of the article with that id. Each article carries its ``text`` (unless
left out with ``text=False``), so anyone can check every citation from the JSON alone.
:func:`brief_from_json` reads the JSON back into the same :class:`~newsfuse.model.Brief`.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

from newsfuse.analysis.codec import parse_json
from newsfuse.errors import MalformedInput
from newsfuse.model import (
    Article,
    Brief,
    CopyGroup,
    CopyPair,
    CopyReason,
    DatePrecision,
    Disagreement,
    DisagreementKind,
    Entity,
    EntityKind,
    EntityMention,
    Fact,
    FactKind,
    FactMention,
    FramingItem,
    FramingKind,
    OutletFraming,
    Problem,
    Quote,
    QuoteCarrier,
    QuoteFlag,
    Ref,
    SharedPassage,
    Span,
    SpanKind,
    SummaryItem,
    TimelineEvent,
    WordDiff,
)

__all__ = [
    "SCHEMA_ID",
    "SCHEMA_PATH",
    "brief_to_dict",
    "brief_to_json",
    "brief_from_dict",
    "brief_from_json",
    "load_schema",
]

#: Names the shape; bump the number when a field is removed or changes meaning.
SCHEMA_ID = "newsfuse.brief/1"
#: The JSON Schema (draft 2020-12) of :func:`brief_to_dict`'s output, shipped with the package.
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "schema" / "brief.schema.json"


def load_schema() -> dict[str, Any]:
    """The JSON Schema of a rendered brief, as a dict."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def brief_to_dict(brief: Brief, text: bool = True) -> dict[str, Any]:
    """The brief as a dict of plain JSON types, in the documented key order; ``text=False``
    leaves the articles' texts out (``null``): smaller, but the citations can no longer be checked
    from the JSON alone, and it no longer reads back into the same brief."""
    outlets = {a.id: a.outlet for a in brief.articles}
    texts = {a.id: a.text for a in brief.articles}
    return {
        "schema": SCHEMA_ID,
        "id": brief.id,
        "method": brief.method,
        "words": brief.words,
        "headline": brief.headline,
        "articles": [_article(a, text) for a in brief.articles],
        "summary": [_summary_item(item, outlets) for item in brief.summary],
        "quotes": [_quote(q, texts) for q in brief.quotes],
        "entities": [_entity(e) for e in brief.entities],
        "facts": [_fact(f) for f in brief.facts],
        "disagreements": [_disagreement(d) for d in brief.disagreements],
        "problems": [_problem(p) for p in brief.problems],
        "framing": [_outlet_framing(f, outlets) for f in brief.framing],
        "timeline": [_timeline_event(e) for e in brief.timeline],  # issue 9
        "shared_copy": [_copy_pair(p) for p in brief.shared_copy],
        "copy_groups": [_copy_group(g) for g in brief.copy_groups],
    }


def brief_to_json(brief: Brief, indent: int | None = 2, text: bool = True) -> str:
    """The brief as JSON text; ``indent=None`` gives one line (for JSONL batches); ``text=False``
    leaves the articles' texts out."""
    separators = (",", ":") if indent is None else None
    return json.dumps(brief_to_dict(brief, text), ensure_ascii=False, indent=indent, separators=separators)


def _article(a: Article, text: bool = True) -> dict[str, Any]:
    return {
        "id": a.id,
        "outlet": a.outlet,
        "title": a.title,
        "date": a.date.isoformat() if a.date else None,
        "url": a.url,
        "origin": a.origin,
        "language": a.language,
        "boilerplate": [{"start": b.start, "end": b.end} for b in a.boilerplate],
        "text": a.text if text else None,
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
    return {
        "text": item.text,
        "score": item.score,
        "sources": [_source(r, outlets) for r in item.sources],
        "independent": item.independent,
    }


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


def _framing_item(i: FramingItem, outlets: dict[str, str]) -> dict[str, Any]:
    r = i.ref
    return {
        "kind": str(i.kind),
        "article": r.article,
        "start": r.start,
        "end": r.end,
        "text": r.text,
        "speaker": i.speaker,
        "alternatives": [_source(ref, outlets) for _, ref in i.alternatives],
    }


def _outlet_framing(f: OutletFraming, outlets: dict[str, str]) -> dict[str, Any]:
    return {
        "outlet": f.outlet,
        "articles": list(f.articles),
        "words": f.words,
        "rate": f.rate,
        "shared": f.shared,
        "counts": {str(k): n for k, n in f.counts},
        "items": [_framing_item(i, outlets) for i in f.items],
        "quoted": [_framing_item(i, outlets) for i in f.quoted],
        "headline": list(f.headline),
    }


def _timeline_event(e: TimelineEvent) -> dict[str, Any]:
    return {
        "date": e.date,
        "precision": e.precision,
        "time": e.time,
        "inferred": e.inferred,
        "what": e.what,
        "text": e.text,
        "outlets": list(e.outlets),
        "alternatives": list(e.alternatives),
        "sources": [_fact_mention(m) for m in e.sources],
    }


def _read_timeline_event(e: dict[str, Any]) -> TimelineEvent:
    return TimelineEvent(
        date=e["date"],
        precision=DatePrecision(e["precision"]),
        text=e["text"],
        what=e["what"],
        sources=tuple(_read_fact_mention(m) for m in e["sources"]),
        outlets=tuple(e["outlets"]),
        inferred=bool(e["inferred"]),
        time=e["time"],
        alternatives=tuple(e["alternatives"]),
    )


def _problem(p: Problem) -> dict[str, Any]:
    return {"origin": p.origin, "message": p.message, "fatal": p.fatal}


# --- shared copy (brief/shared_copy.py) ---


def _copy_pair(p: CopyPair) -> dict[str, Any]:
    return {
        "a": p.a,
        "b": p.b,
        "share_a": p.share_a,
        "share_b": p.share_b,
        "likely_source": p.likely_source,
        "reason": p.reason,
        "passages": [
            {"a": _span(x.a), "b": _span(x.b), "similarity": x.similarity, "quotation": x.quotation} for x in p.passages
        ],
    }


def _copy_group(g: CopyGroup) -> dict[str, Any]:
    return {"articles": list(g.articles), "outlets": list(g.outlets), "source": g.source}


def _read_copy_pair(p: dict[str, Any]) -> CopyPair:
    return CopyPair(
        a=p["a"],
        b=p["b"],
        passages=tuple(
            SharedPassage(
                _read_ref(x["a"], SpanKind.COPY),
                _read_ref(x["b"], SpanKind.COPY),
                float(x["similarity"]),
                bool(x["quotation"]),
            )
            for x in p["passages"]
        ),
        share_a=float(p["share_a"]),
        share_b=float(p["share_b"]),
        likely_source=p["likely_source"],
        reason=CopyReason(p["reason"]) if p["reason"] is not None else None,
    )


def _read_copy_group(g: dict[str, Any]) -> CopyGroup:
    return CopyGroup(articles=tuple(g["articles"]), outlets=tuple(g["outlets"]), source=g["source"])


# --- reading it back ------------------------------------------------------------------------------


def brief_from_json(text: str, origin: str = "brief JSON") -> Brief:
    """The :class:`Brief` that :func:`brief_to_json` wrote (``origin`` names the input in errors)."""
    return brief_from_dict(parse_json(text, origin), origin)


def brief_from_dict(data: Any, origin: str = "brief JSON") -> Brief:
    """The :class:`Brief` of a :func:`brief_to_dict` dict; a wrong shape is a ``MalformedInput``.

    Articles whose text was left out come back with the empty text."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
        raise MalformedInput(origin, f"not a newsfuse brief (expected schema {SCHEMA_ID!r})")
    try:
        return _brief(data)
    except (KeyError, TypeError, ValueError, AttributeError) as err:
        raise MalformedInput(origin, f"not a valid {SCHEMA_ID} brief ({type(err).__name__}: {err})") from None


def _brief(d: dict[str, Any]) -> Brief:
    return Brief(
        id=d["id"],
        articles=tuple(_read_article(a) for a in d["articles"]),
        summary=tuple(
            SummaryItem(
                s["text"], tuple(_read_ref(r) for r in s["sources"]), float(s.get("score", 0.0)), s.get("independent")
            )
            for s in d["summary"]
        ),
        words=int(d["words"]),
        quotes=tuple(_read_quote(q) for q in d["quotes"]),
        entities=tuple(_read_entity(e) for e in d["entities"]),
        facts=tuple(
            Fact(FactKind(f["kind"]), f["subject"], tuple(_read_fact_mention(m) for m in f["mentions"]))
            for f in d["facts"]
        ),
        disagreements=tuple(
            Disagreement(
                DisagreementKind(x["kind"]),
                x["subject"],
                tuple((v["value"], tuple(_read_fact_mention(m) for m in v["mentions"])) for v in x["values"]),
                x["note"],
            )
            for x in d["disagreements"]
        ),
        problems=tuple(Problem(p["origin"], p["message"], bool(p["fatal"])) for p in d["problems"]),
        method=d["method"],
        headline=d.get("headline") or "",
        framing=tuple(_read_outlet_framing(f) for f in d.get("framing", ())),
        timeline=tuple(_read_timeline_event(e) for e in d.get("timeline", ())),
        shared_copy=tuple(_read_copy_pair(p) for p in d.get("shared_copy", ())),
        copy_groups=tuple(_read_copy_group(g) for g in d.get("copy_groups", ())),
    )


def _read_framing_item(i: dict[str, Any], outlet: str, kind: SpanKind) -> FramingItem:
    label = FramingKind(i["kind"])
    return FramingItem(
        ref=_read_ref(i, kind, label),
        kind=label,
        outlet=outlet,
        speaker=i.get("speaker"),
        alternatives=tuple((a["outlet"], _read_ref(a)) for a in i["alternatives"]),
    )


def _read_outlet_framing(f: dict[str, Any]) -> OutletFraming:
    outlet = f["outlet"]
    return OutletFraming(
        outlet=outlet,
        articles=tuple(f["articles"]),
        items=tuple(_read_framing_item(i, outlet, SpanKind.FRAMING) for i in f["items"]),
        quoted=tuple(_read_framing_item(i, outlet, SpanKind.QUOTED_FRAMING) for i in f["quoted"]),
        counts=tuple((FramingKind(k), int(n)) for k, n in f["counts"].items()),
        shared=int(f["shared"]),
        words=int(f["words"]),
        rate=float(f["rate"]),
        headline=tuple(f.get("headline", ())),
    )


def _read_article(a: dict[str, Any]) -> Article:
    return Article(
        id=a["id"],
        text=a.get("text") or "",
        outlet=a["outlet"],
        title=a["title"],
        date=_dt.date.fromisoformat(a["date"]) if a["date"] else None,
        url=a["url"],
        origin=a["origin"],
        boilerplate=tuple(Span(b["start"], b["end"]) for b in a.get("boilerplate", ())),
        language=a.get("language"),
    )


def _read_ref(r: dict[str, Any], kind: SpanKind = SpanKind.TEXT, label: str = "") -> Ref:
    return Ref(r["article"], int(r["start"]), int(r["end"]), r["text"], kind, label)


def _read_quote(q: dict[str, Any]) -> Quote:
    carriers = []
    for c in q["carried_by"]:
        m = c["speaker_mention"]
        mention = None if m is None else Ref(c["article"], m["start"], m["end"], m["text"], SpanKind.SPEAKER)
        carriers.append(
            QuoteCarrier(
                article=c["article"],
                outlet=c["outlet"],
                start=c["start"],
                end=c["end"],
                text=c["text"],
                speaker_mention=mention,
                diff=tuple(WordDiff(x["op"], x["fullest"], x["here"]) for x in c["diff"]),
                parts=tuple(Span(p["start"], p["end"]) for p in c["parts"]),
            )
        )
    return Quote(
        text=q["text"],
        speaker=q["speaker"],
        role=q["role"],
        carried_by=tuple(carriers),
        flags=tuple(QuoteFlag(f) for f in q["flags"]),
        fullest=q["fullest"],
        first_published=q["first_published"],
    )


def _read_entity(e: dict[str, Any]) -> Entity:
    kind = EntityKind(e["kind"])
    return Entity(
        name=e["name"],
        kind=kind,
        mentions=tuple(_read_ref(m, SpanKind.MENTION, kind) for m in e["mentions"]),
        outlets=tuple(e["outlets"]),
        variants=tuple(e["variants"]),
        role=e["role"],
    )


def _read_fact_mention(m: dict[str, Any]) -> FactMention:
    return FactMention(
        m["article"], m["start"], m["end"], m["text"], outlet=m["outlet"], value=m["value"], wording=m["wording"]
    )
