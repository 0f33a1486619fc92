"""Scraped page furniture that slips past the boilerplate spans: never summary material."""

from __future__ import annotations

import re

__all__ = ["is_junk"]

# Page furniture that slips past the boilerplate spans in scraped copy (Multi-News holds
# Twitter widgets, Wayback Machine blurbs, photo credits, share bars). English phrases: each
# is bounded by word edges where a shorter form would match inside words of other languages
# ("Katalog in", "Dialog in" held "log in").
_JUNK = re.compile(
    r"twitter widget|wayback machine|internet archive|crawl of|web crawl|archive team|"
    r"\badvertisement\b|^\s*advertisement|photo(?:graph)?s? (?:by|credit|courtesy)|image (?:copyright|caption)|"
    r"getty images|\(ap photo|\bap photo\b|share (?:this|on)|\bshare tweet\b|sign up|subscribe|newsletter|"
    r"click here|follow (?:us|him|her|them) on|all rights reserved|copyright ©|©|cookies?\b|"
    r"javascript|your browser|this video|video player|read more|related coverage|"
    r"(?:contributed|contributed to) (?:to )?this report|email (?:us|the author)|"
    r"terms of (?:use|service)|privacy policy|\blog ?in\b|\bsign in\b|embed(?:ded)? (?:code|tweet)|"
    r"hide caption|toggle caption|enlarge this image|\bfile photo\b|^\s*(?:photo|image|video)\s*:",
    re.IGNORECASE,
)


# A byline standing as its own sentence: "By Jane Doe", "By Jane Doe and Sam Lee".
_BYLINE = re.compile(r"^\s*[Bb]y\s+[A-Z][\w.'’-]*(?:\s+(?:and\s+)?[A-Z][\w.'’-]*){0,5}\s*$")


def is_junk(text: str) -> bool:
    """Does ``text`` look like page furniture rather than reporting?"""
    if _JUNK.search(text) or _BYLINE.match(text):
        return True
    letters = sum(map(str.isalpha, text))
    return letters < 0.5 * len(text)  # mostly digits, links or symbols
