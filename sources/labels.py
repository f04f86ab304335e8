"""Match a form's row labels to catalog indicators: normalize, then exact names and aliases.

Fuzzy matching only ever suggests: a label that matches nothing with certainty, or more than one
indicator, is never guessed.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .catalog import Catalog, Indicator

NUMBERING = re.compile(
    r"^(?:\d+(?:\.\d+)+[.、)]?|\d+[.、)]|[(][一二三四五六七八九十\d]+[)]|[一二三四五六七八九十]+[、.]"
    r"|其中[:,、]?)+"
)
TRAILING_BRACKET = re.compile(r"[(][^()]*[)]$")
VERB_PREFIX = re.compile(r"^(?:召开|开展|举办|组织)")
COUNT_SUFFIX = re.compile(r"(?:次数|人数|件数|个数|数量|人次数|情况)$")
SUGGESTIONS = 3
SUGGEST_SCORE = 60


def normalize_label(text: str) -> str:
    """The label's comparable core: half-width, no spaces, numbering, bracketed units, 召开/次数."""
    core = "".join(unicodedata.normalize("NFKC", text).split())
    core = NUMBERING.sub("", core)
    while TRAILING_BRACKET.search(core):
        core = TRAILING_BRACKET.sub("", core)
    core = VERB_PREFIX.sub("", core)
    return COUNT_SUFFIX.sub("", core).rstrip(":：")


@dataclass(frozen=True)
class LabelMatch:
    """The indicator a label names, or why there is none (with the nearest candidates)."""

    indicator: Indicator | None
    ambiguous: tuple[Indicator, ...] = ()
    suggestions: tuple[str, ...] = ()


@dataclass
class LabelIndex:
    """Every catalog name and alias under its normalized form."""

    catalog: Catalog
    _by_core: dict[str, set[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_core = {}
        for indicator in self.catalog.indicators:
            for label in indicator.labels:
                self._by_core.setdefault(normalize_label(label), set()).add(indicator.code)

    def match(self, label: str) -> LabelMatch:
        """The indicator for a label: exact name or alias first, then its normalized form."""
        exact = self.catalog.by_label(label)
        if exact is not None:
            return LabelMatch(exact)
        codes = self._by_core.get(normalize_label(label), set())
        if len(codes) == 1:
            return LabelMatch(self.catalog.get(next(iter(codes))))
        if len(codes) > 1:
            return LabelMatch(None, tuple(self.catalog.get(c) for c in sorted(codes)))
        return LabelMatch(None, suggestions=self.suggest(label))

    def suggest(self, label: str) -> tuple[str, ...]:
        """The catalog names closest to a label, best first (never used as a match)."""
        names = [i.name_zh for i in self.catalog.indicators]
        found = process.extract(normalize_label(label), [normalize_label(n) for n in names],
                                scorer=fuzz.WRatio, limit=SUGGESTIONS, score_cutoff=SUGGEST_SCORE)
        return tuple(names[index] for _, _, index in found)


def label_index(catalog: Catalog) -> LabelIndex:
    """The catalog's label index, built once per catalog object."""
    index = catalog.__dict__.get("_label_index")
    if index is None:
        index = catalog.__dict__["_label_index"] = LabelIndex(catalog)
    return index


def unresolved_text(label: str, match: LabelMatch) -> str:
    """What the clerk is told about a label that names no single indicator (without file and cell)."""
    if match.ambiguous:
        names = "、".join(f"「{i.name_zh}」" for i in match.ambiguous)
        return f"指标「{label}」可能是{names}中的任一项，无法确定，请按下发模板的指标名称填写"
    nearest = "，最接近的是" + "、".join(f"「{n}」" for n in match.suggestions) if match.suggestions else ""
    return f"指标「{label}」不在统计指标目录中{nearest}，请按下发模板的指标名称填写"
