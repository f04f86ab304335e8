"""A label's comparable core, by the affixes and equivalences declared in label_rules.toml."""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

MAX_READINGS = 400  # a label is a short phrase: far fewer ways to read it than this


@dataclass(frozen=True)
class LabelRules:
    """The declared ways a clerk's wording differs from an indicator's core (see label_rules.toml)."""

    translation: dict[int, str]
    numbering: tuple[str, ...]
    numbering_examples: tuple[str, ...]
    prefixes: tuple[str, ...]
    suffixes: tuple[str, ...]
    bracket_units: tuple[str, ...]
    connectors: tuple[str, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_numbering", re.compile("^(?:" + "|".join(self.numbering) + ")+"))
        object.__setattr__(self, "_each_number", tuple(re.compile(f"^(?:{p})") for p in self.numbering))
        units = "|".join(re.escape(u) for u in sorted(self.bracket_units, key=len, reverse=True))
        object.__setattr__(self, "_bracket", re.compile(rf"\((?:单位[:]?)?(?:{units})\)"))
        object.__setattr__(self, "_longest_first", tuple(sorted(self.suffixes, key=len, reverse=True)))
        object.__setattr__(self, "_connector", re.compile("|".join(re.escape(c) for c in self.connectors)))

    def plain(self, text: str) -> str:
        """The text with ignored characters dropped, equivalents swapped, half-width, without any space."""
        return "".join(self._half_width(text).split())

    def _half_width(self, text: str) -> str:
        """Equivalents swapped before NFKC (① is not a bare 1) and after it (full-width ＂ is ")."""
        return unicodedata.normalize("NFKC", text.translate(self.translation)).translate(self.translation)

    def core(self, text: str) -> str:
        """The label's core: plain, then numbering, prefixes, unit brackets and suffixes removed."""
        return self._reduce(self.plain(text))

    def readings(self, text: str) -> frozenset[str]:
        """Every text the label can be read as by taking declared affixes off in any order: the core,
        and the ways between (稿件数 -> 稿件 as well as 稿 by 件数; 1.90后干部 -> 90后干部 as well as 后干部)."""
        seen = {self.plain(text)} | self._after_spaced_number(text)
        todo = list(seen)
        while todo and len(seen) < MAX_READINGS:
            text = todo.pop()
            for shorter in self._one_step(text):
                if shorter and shorter not in seen:
                    seen.add(shorter)
                    todo.append(shorter)
        return frozenset(seen)

    def variants(self, label: str) -> list[tuple[str, str]]:
        """(affix, label with it) for each declared affix alone: numbering, prefix, suffix, unit bracket."""
        found = [(n, n + label) for n in self.numbering_examples]
        found += [(p, p + label) for p in self.prefixes]
        found += [(s, label + s) for s in self.suffixes]
        found += [(f"({u})", label + f"({u})") for u in self.bracket_units]
        return found

    def _after_spaced_number(self, text: str) -> set[str]:
        """The text after a numbering that a space ends (`1.1 90后干部`: 90后干部, not 190后干部; `1 立案`: 立案;
        `1 .1 90后干部`: a space inside the numbering too)."""
        words = self._half_width(text).split()
        found = set()
        for end in range(1, len(words)):
            head = "".join(words[:end])
            if head.isdecimal() or (m := self._numbering.match(head)) and m.end() == len(head):
                found.add(self.plain(" ".join(words[end:])))
        return found

    def _one_step(self, text: str) -> list[str]:
        """The texts one declared affix shorter than text."""
        found = [self._numbering.sub("", text), self._bracket.sub("", text), text.strip(":")]
        found += [text[m.end():] for pattern in self._each_number if (m := pattern.match(text))]
        found += [text[len(w):] for w in self.prefixes if text.startswith(w) and len(text) > len(w)]
        found += [text[:-len(w)] for w in self.suffixes if text.endswith(w) and len(text) > len(w)]
        return [f for f in found if f != text]

    def parts(self, text: str) -> list[tuple[str, str]]:
        """The ways to cut a plain label in two at a connector (和, 及, …): (left, right) pairs."""
        plain = self.plain(text)
        return [(plain[:m.start()], plain[m.end():]) for m in self._connector.finditer(plain)
                if m.start() > 0 and m.end() < len(plain)]

    def _reduce(self, core: str) -> str:
        while True:
            before = core
            core = self._numbering.sub("", core)
            core = self._bracket.sub("", core)
            core = _strip_prefix(core, self.prefixes)
            core = _strip_suffix(core, self._longest_first).strip(":")
            if core == before:
                return core


def _strip_prefix(text: str, words: tuple[str, ...]) -> str:
    for word in words:  # declared longest first where one word begins another (其中: before 其中)
        if text.startswith(word) and len(text) > len(word):
            return text[len(word):]
    return text


def _strip_suffix(text: str, words: tuple[str, ...]) -> str:
    for word in words:  # longest first: 人次数 before 次数 before 数
        if text.endswith(word) and len(text) > len(word):
            return text[:-len(word)]
    return text


class LabelRulesError(ValueError):
    """label_rules.toml is malformed: not TOML, a list missing, or a numbering shape that is no regex."""


def parse_label_rules(text: str, source: str = "label_rules.toml") -> LabelRules:
    """The label rules from TOML text; LabelRulesError naming what is wrong."""
    try:
        data = tomllib.loads(text)
        translation = {ord(c): "" for c in data["ignored"]} | {ord(k): v for k, v in data["replaced"].items()}
        rules = data["rules"]
        for pattern in rules["numbering"]:
            re.compile(pattern)
        return LabelRules(
            translation=translation, numbering=tuple(rules["numbering"]),
            numbering_examples=tuple(rules["numbering_examples"]), prefixes=tuple(rules["prefixes"]),
            suffixes=tuple(rules["suffixes"]), bracket_units=tuple(rules["bracket_units"]),
            connectors=tuple(rules["connectors"]),
        )
    except tomllib.TOMLDecodeError as exc:
        raise LabelRulesError(f"{source}: not TOML ({exc})") from None
    except KeyError as exc:
        raise LabelRulesError(f"{source}: missing {exc.args[0]!r}") from None
    except (re.error, TypeError, ValueError) as exc:
        raise LabelRulesError(f"{source}: {exc}") from None


@cache
def label_rules() -> LabelRules:
    """The label rules shipped beside the catalog (sources/label_rules.toml), read once."""
    return parse_label_rules((resources.files("countystat.sources") / "label_rules.toml").read_text("utf-8"))


def label_core(text: str) -> str:
    """A label's comparable core by the shipped rules: 「（一）召开县委常委会会议次数」 -> 县委常委会会议."""
    return label_rules().core(text)
