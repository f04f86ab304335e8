"""Match a form's row labels to catalog indicators: exact names and aliases, then their cores.

A label's core is what is left once the affixes and equivalences declared in label_rules.toml are
taken off (label_core.py); a label is accepted only when its core is the core of exactly one
indicator. Fuzzy matching only ever suggests: a label that matches nothing with certainty, matches
more than one indicator, or names two indicators at once (立案及处分人数) is never guessed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from .catalog import Catalog, Indicator
from .label_core import label_core, label_rules

MEMO_SIZE = 20_000  # distinct retyped labels remembered per index: a county's forms repeat the same few hundred
SUGGESTIONS = 3
SUGGEST_SCORE = 60
UNKNOWN_WORDS = "不在统计指标目录中"  # the wording a listing of unresolved labels looks for (warehouse)
AMBIGUOUS_WORDS = "可能是"
COMPOUND_WORDS = "同时包含"


def normalize_label(text: str) -> str:
    """The label's comparable core: half-width, no spaces, quotes, numbering, unit brackets, 召开/次数."""
    return label_core(text)


@dataclass(frozen=True)
class LabelMatch:
    """The indicator a label names, or why there is none (with the nearest candidates).

    compound holds the two indicators a label names at once (立案及处分人数): it is never read as either.
    """

    indicator: Indicator | None
    ambiguous: tuple[Indicator, ...] = ()
    suggestions: tuple[str, ...] = ()
    compound: tuple[Indicator, ...] = ()


@dataclass
class LabelIndex:
    """Every catalog name and alias under its core."""

    catalog: Catalog
    _by_core: dict[str, set[str]] = field(init=False, repr=False)
    _memo: dict[str, LabelMatch] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_core, self._memo = {}, {}
        for indicator in self.catalog.indicators:
            for label in indicator.labels:
                self._by_core.setdefault(label_core(label), set()).add(indicator.code)

    def match(self, label: str) -> LabelMatch:
        """The indicator for a label: exact name or alias first, then its core, else why not."""
        exact = self.catalog.by_label(label)
        if exact is not None:
            return LabelMatch(exact)
        found = self._memo.get(label)
        if found is None:
            found = self._resolve(label)
            if len(self._memo) < MEMO_SIZE:
                self._memo[label] = found
        return found

    def _resolve(self, label: str) -> LabelMatch:
        """The label's match by its cores, its halves or the nearest names (the costly part, remembered)."""
        codes = self._codes(label)
        if len(codes) == 1:
            return LabelMatch(self.catalog.get(next(iter(codes))))
        if len(codes) > 1:
            return LabelMatch(None, tuple(self.catalog.get(c) for c in sorted(codes)))
        compound = self.compound(label)
        if compound:
            return LabelMatch(None, compound=compound)
        return LabelMatch(None, suggestions=self.suggest(label))

    def _codes(self, label: str) -> set[str]:
        """The indicators whose core is one of the label's possible cores."""
        found: set[str] = set()
        for core in label_rules().readings(label):
            found |= self._by_core.get(core, set())
        return found

    def compound(self, label: str) -> tuple[Indicator, ...]:
        """The two indicators a label names at once, cut at a connector (立案及处分人数), else ()."""
        for left, right in label_rules().parts(label):
            first = self._codes(left)
            if len(first) != 1:
                continue
            owner = self.catalog.get(next(iter(first)))
            second = self._codes(right) or self._ending_in(label_core(right), label_core(left))
            if len(second) == 1 and second != first:
                return owner, self.catalog.get(next(iter(second)))
        return ()

    def _ending_in(self, tail: str, context: str) -> set[str]:
        """The indicator whose core ends with a short second half (处分 of 立案及处分): the one sharing
        most of the first half's words, else the shortest (the general one); none when still tied."""
        if not tail:
            return set()
        ends = [(core, codes) for core, codes in self._by_core.items() if core.endswith(tail) and len(codes) == 1]
        if not ends:
            return set()
        ranked = sorted(ends, key=lambda item: (-_shared_start(item[0], context), len(item[0])))
        best = ranked[0]
        if len(ranked) > 1 and (_shared_start(ranked[1][0], context), len(ranked[1][0])) == \
                (_shared_start(best[0], context), len(best[0])):
            return set()
        return set(best[1])

    def suggest(self, label: str) -> tuple[str, ...]:
        """The catalog names closest to a label, best first (never used as a match)."""
        names = [i.name_zh for i in self.catalog.indicators]
        found = process.extract(label_core(label), [label_core(n) for n in names],
                                scorer=fuzz.WRatio, limit=SUGGESTIONS, score_cutoff=SUGGEST_SCORE)
        return tuple(names[index] for _, _, index in found)


def _shared_start(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def label_index(catalog: Catalog) -> LabelIndex:
    """The catalog's label index, built once per catalog object."""
    index = catalog.__dict__.get("_label_index")
    if index is None:
        index = catalog.__dict__["_label_index"] = LabelIndex(catalog)
    return index


def unresolved_text(label: str, match: LabelMatch) -> str:
    """What the clerk is told about a label that names no single indicator (without file and cell)."""
    if match.compound:
        first, second = match.compound
        return (f"指标「{label}」{COMPOUND_WORDS}「{first.name_zh}」和「{second.name_zh}」两项指标，无法拆分，"
                "请分两行分别填写")
    if match.ambiguous:
        names = "、".join(f"「{i.name_zh}」" for i in match.ambiguous)
        return f"指标「{label}」{AMBIGUOUS_WORDS}{names}中的任一项，无法确定，请按下发模板的指标名称填写"
    nearest = "，最接近的是" + "、".join(f"「{n}」" for n in match.suggestions) if match.suggestions else ""
    return f"指标「{label}」{UNKNOWN_WORDS}{nearest}，请按下发模板的指标名称填写"
