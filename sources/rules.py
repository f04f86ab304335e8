"""Validation rules: declared in rules.csv beside the catalog, checked at load, run on one form."""
from __future__ import annotations

import difflib
import math
import re
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from .catalog import Catalog
from .csv_data import read_csv_rows, read_csv_text
from .number_text import short_number
from .problems import ERROR, NOTE, WARNING, Problem
from .submission import ReportedValue

REQUIRED_COLUMNS = ("code", "level", "kind", "expression", "message_zh")
LEVELS = (ERROR, WARNING)
EQUALS, AT_MOST, SPIKE = "equals", "at_most", "spike"
KINDS = (EQUALS, AT_MOST, SPIKE)
COMPARISONS = {EQUALS: ("=",), AT_MOST: ("<=", ">=")}
UNIT_KINDS = ("township", "department")
EVERY_INDICATOR = "*"       # a spike row's expression: every indicator, or codes joined by ';'
SPIKE_TIMES = 5             # a spike is more than this many times the unit's own median ...
SPIKE_FLOOR = 10            # ... and more than this
HISTORY_MONTHS = 12         # the median looks at most this many previous months
TOLERANCE = 1e-9            # sums of decimals agree within this
SHOWN_PLACES = 6            # decimals a figure in a message is rounded to
SUBTOTAL_PREFIX = "其中："
CATALOG_RULES = "_rules"    # where a catalog carries its rules (with_rules, intake.catalog_rules)

_TOKEN = re.compile(r"\s*(?:(?P<code>[A-Za-z_][A-Za-z0-9_]*)|(?P<sign><=|>=|=|\+))")


class RulesError(ValueError):
    """The rules file is malformed: a bad row, an unknown indicator code or a bad expression."""


@dataclass(frozen=True)
class Rule:
    """One check: sum(left) = sum(right), sum(left) <= sum(right), or a spike in any of left."""

    code: str
    level: str
    kind: str
    left: tuple[str, ...]
    right: tuple[str, ...]
    message_zh: str

    @property
    def indicator_codes(self) -> tuple[str, ...]:
        """Every indicator the rule reads."""
        return self.left + self.right


class _Finding(NamedTuple):
    text: str
    anchor: ReportedValue
    codes: tuple[str, ...]


# --- loading ------------------------------------------------------------------------------

def builtin_rules_path() -> Path:
    """Where the rules shipped with countystat live."""
    return Path(str(resources.files("countystat.sources") / "rules.csv"))


def with_rules(catalog: Catalog, rules: list[Rule]) -> Catalog:
    """The catalog carrying the rules its forms are checked by (the home's rules.csv, read by
    sources/home.py:reference); `sources/intake.py:catalog_rules` gives them back."""
    catalog.__dict__[CATALOG_RULES] = rules
    return catalog


def load_rules(catalog: Catalog, path: Path | None = None) -> list[Rule]:
    """Load and check the rules file (the built-in one unless a path is given)."""
    path = path or builtin_rules_path()
    return parse_rules(read_csv_text(path, RulesError), catalog, source=path.name)


def parse_rules(text: str, catalog: Catalog, source: str = "rules.csv") -> list[Rule]:
    """Parse and check rules CSV text; raise RulesError naming the line on any defect."""
    rules: list[Rule] = []
    for row in read_csv_rows(text, source, REQUIRED_COLUMNS, RulesError):
        rule = _rule_from_row(row.cells, catalog, row.where)
        if any(r.code == rule.code for r in rules):
            raise RulesError(f"{row.where}：规则代码「{rule.code}」重复")
        rules.append(rule)
    if not rules:
        raise RulesError(f"{source}：没有任何规则")
    return rules


def _rule_from_row(row: dict[str, str], catalog: Catalog, where: str) -> Rule:
    code, level, kind, expression, message = (row[c] for c in REQUIRED_COLUMNS)
    if not code:
        raise RulesError(f"{where}：code 不能为空")
    if level not in LEVELS:
        raise RulesError(f"{where}：level 应为 {', '.join(LEVELS)} 之一，现为「{level}」")
    if kind not in KINDS:
        raise RulesError(f"{where}：kind 应为 {', '.join(KINDS)} 之一，现为「{kind}」")
    if not message:
        raise RulesError(f"{where}：message_zh（给填报人的提示）不能为空")
    if kind == SPIKE:
        return Rule(code, level, kind, _spike_codes(expression, catalog, where), (), message)
    left, sign, right = _comparison(expression, where)
    if sign not in COMPARISONS[kind]:
        raise RulesError(
            f"{where}：{kind} 规则只能用 {' 或 '.join(COMPARISONS[kind])} 比较，不能用「{sign}」"
        )
    if sign == ">=":
        left, right = right, left
    _check_codes(left + right, catalog, where)
    return Rule(code, level, kind, left, right, message)


def _comparison(expression: str, where: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    tokens = _tokens(expression, where)
    signs = [i for i, (_, text) in enumerate(tokens) if text in ("=", "<=", ">=")]
    if len(signs) != 1:
        raise RulesError(
            f"{where}：表达式「{expression}」应有且只有一个 =、<= 或 >=，现有 {len(signs)} 个"
        )
    at = signs[0]
    return _side(tokens[:at], where), tokens[at][1], _side(tokens[at + 1:], where)


def _tokens(expression: str, where: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    while expression[position:].strip():
        match = _TOKEN.match(expression, position)
        if not match:
            bad = expression[position:].lstrip()[:1]
            raise RulesError(
                f"{where}：表达式「{expression}」中不能有「{bad}」"
                "（请写指标代码，用 + 相连，再用 =、<= 或 >= 比较）"
            )
        kind = "code" if match.group("code") else "sign"
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _side(tokens: list[tuple[str, str]], where: str) -> tuple[str, ...]:
    if not tokens:
        raise RulesError(f"{where}：比较的一边是空的")
    codes: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if i % 2 == 0 and kind != "code":
            raise RulesError(f"{where}：这里应是指标代码，现为「{text}」")
        if i % 2 == 1 and text != "+":
            raise RulesError(f"{where}：指标代码之间应是 +，现为「{text}」")
        if i % 2 == 0:
            codes.append(text)
    if tokens[-1][1] == "+":
        raise RulesError(f"{where}：最后一个 + 后面缺少指标代码")
    return tuple(codes)


def _spike_codes(expression: str, catalog: Catalog, where: str) -> tuple[str, ...]:
    if expression == EVERY_INDICATOR:
        return tuple(i.code for i in catalog.indicators)
    codes = tuple(c.strip() for c in expression.split(";"))
    for code in codes:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", code):
            raise RulesError(
                f"{where}：spike 规则写指标代码（用 ; 分隔）或 *，不能写「{expression}」"
            )
    _check_codes(codes, catalog, where, one_unit=False)
    return codes


def _check_codes(
    codes: tuple[str, ...], catalog: Catalog, where: str, one_unit: bool = True
) -> None:
    known = [i.code for i in catalog.indicators]
    for code in codes:
        if code not in known:
            close = difflib.get_close_matches(code, known, n=1)
            hint = f"（是不是「{close[0]}」？）" if close else ""
            raise RulesError(f"{where}：指标代码「{code}」不在统计指标目录中{hint}")
    twice = sorted({c for c in codes if codes.count(c) > 1})
    if twice:
        raise RulesError(f"{where}：{', '.join(twice)} 写了两次")
    if one_unit and not any(
        all(catalog.get(c).reported_by_kind(kind) for c in codes) for kind in UNIT_KINDS
    ):
        raise RulesError(
            f"{where}：没有哪类单位同时填报 {', '.join(codes)}，这条规则永远用不上"
        )


def rules_in_effect(rules: Sequence[Rule], catalog: Catalog) -> list[Rule]:
    """The rules for a form read with this month's catalog (Catalog.in_effect): a comparison naming an indicator
    not in effect that month does not apply; a spike rule watches the indicators in effect (none: dropped)."""
    present = {i.code for i in catalog.indicators}
    kept: list[Rule] = []
    for rule in rules:
        if rule.kind == SPIKE:
            watched = tuple(c for c in rule.left if c in present)
            if watched:
                kept.append(replace(rule, left=watched))
        elif all(c in present for c in rule.indicator_codes):
            kept.append(rule)
    return kept


# --- checking -----------------------------------------------------------------------------

def check_rules(
    values: Sequence[ReportedValue],
    rules: Sequence[Rule],
    catalog: Catalog,
    history: Mapping[str, Sequence[float]] | None = None,
    remarks: Mapping[str, str] | None = None,
    file: str = "",
) -> list[Problem]:
    """The problems the rules find in one form's values; a warning with a remark becomes a note."""
    by_code: dict[str, ReportedValue] = {}
    for reported in values:
        by_code.setdefault(reported.indicator_code, reported)
    problems: list[Problem] = []
    for rule in rules:
        if rule.kind == SPIKE:
            findings = _spikes(rule, by_code, catalog, history) if history else []  # no past: no spike
        else:
            findings = [f for f in [_broken_comparison(rule, by_code, catalog)] if f]
        for finding in findings:
            anchor = finding.anchor
            problem = Problem(rule.level, finding.text, file, anchor.sheet, anchor.cell)
            problems.append(explained(problem, finding.codes, remarks or {}))
    return problems


def _broken_comparison(
    rule: Rule, by_code: Mapping[str, ReportedValue], catalog: Catalog
) -> _Finding | None:
    given = [by_code.get(c) for c in rule.indicator_codes]
    if any(r is None or r.value is None for r in given):
        return None
    left = [by_code[c] for c in rule.left]
    right = [by_code[c] for c in rule.right]
    left_sum, right_sum = _total(left), _total(right)
    if rule.kind == EQUALS and abs(left_sum - right_sum) <= TOLERANCE:
        return None
    if rule.kind == AT_MOST and left_sum <= right_sum + TOLERANCE:
        return None
    first, second = left, right
    if rule.kind == EQUALS and len(left) > len(right):  # the total first: 「总数」为x，而各项合计为y
        first, second = right, left
    sheet = first[0].sheet
    text = (
        f"{_side_zh(first, catalog, sheet)}，而{_side_zh(second, catalog, sheet)}，"
        f"{rule.message_zh}，请核实"
    )
    return _Finding(text, first[0], rule.indicator_codes)


def _spikes(
    rule: Rule,
    by_code: Mapping[str, ReportedValue],
    catalog: Catalog,
    history: Mapping[str, Sequence[float]],
) -> list[_Finding]:
    findings: list[_Finding] = []
    for code in rule.left:
        reported = by_code.get(code)
        if reported is None or reported.value is None:
            continue
        past = [float(v) for v in history.get(code, ()) if v is not None][-HISTORY_MONTHS:]
        if not past:
            continue
        median = statistics.median(past)
        if reported.value > SPIKE_FLOOR and reported.value > SPIKE_TIMES * median:
            text = (
                f"「{_name(catalog, code)}」{reported.cell}为{short_number(reported.value, SHOWN_PLACES)}，"
                f"本单位前{len(past)}个月的中位数为{short_number(median, SHOWN_PLACES)}，本月超过其{SPIKE_TIMES}倍，"
                f"{rule.message_zh}，请核实"
            )
            findings.append(_Finding(text, reported, (code,)))
    return findings


def explained(problem: Problem, codes: tuple[str, ...], remarks: Mapping[str, str]) -> Problem:
    """A warning whose rows carry a 备注 becomes a note quoting it; anything else is returned as is."""
    if problem.level != WARNING:
        return problem
    said = list(dict.fromkeys(text for c in codes if (text := (remarks.get(c) or "").strip())))
    if not said:
        return problem
    text = f"{problem.text}（备注已说明：{'；'.join(said)}）"
    return Problem(NOTE, text, problem.file, problem.sheet, problem.cell)


def _side_zh(side: list[ReportedValue], catalog: Catalog, sheet: str) -> str:
    if len(side) == 1:
        only = side[0]
        return f"「{_name(catalog, only.indicator_code)}」{_at(only, sheet)}为{short_number(_total(side), SHOWN_PLACES)}"
    named = "、".join(f"{_name(catalog, r.indicator_code)}{_at(r, sheet)}" for r in side)
    return f"{named}合计为{short_number(_total(side), SHOWN_PLACES)}"


def _at(reported: ReportedValue, sheet: str) -> str:
    if reported.sheet and reported.sheet != sheet:
        return f"（工作表「{reported.sheet}」{reported.cell}）"
    return reported.cell


def _name(catalog: Catalog, code: str) -> str:
    return catalog.get(code).name_zh.removeprefix(SUBTOTAL_PREFIX)


def _total(side: list[ReportedValue]) -> float:
    return math.fsum(r.value or 0.0 for r in side)
