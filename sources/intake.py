"""From a received file to its submissions: open it, read the form, never raise on bad input."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from .catalog import Catalog
from .grid import UnreadableFile, read_workbook
from .problems import error
from .rules import CATALOG_RULES, SPIKE, Rule, check_rules, load_rules, rules_in_effect
from .standard_form import read_forms
from .submission import Submission
from .units import UnitRegistry


def read_submissions(
    path: Path, file_name: str, sha256: str, catalog: Catalog, registry: UnitRegistry,
    today: date,
) -> list[Submission]:
    """The submissions a file holds; an unreadable file gives one rejected submission."""
    try:
        book = read_workbook(path, file_name)
    except UnreadableFile as exc:
        return [Submission(file_name, sha256, problems=[error(exc.message_zh)])]
    return [
        Submission(
            source_file=file_name, sha256=sha256,
            unit_code=reading.unit.code if reading.unit else None,
            period=reading.period, values=reading.values, part=part, remarks=reading.remarks,
            stated_ytd=list(reading.stated_ytd.values()),
            problems=reading.problems + check_rules(reading.values, catalog_rules(catalog.in_effect(reading.period)),
                                                    catalog, remarks=reading.remarks, file=file_name),
        )
        for part, reading in enumerate(read_forms(book, catalog, registry, today))
    ]


def add_spike_warnings(submission: Submission, history: Mapping[str, Sequence[float]], catalog: Catalog) -> int:
    """Add the spike warnings against the unit's own history; return how many were added."""
    spikes = [rule for rule in catalog_rules(catalog.in_effect(submission.period)) if rule.kind == SPIKE]
    found = check_rules(submission.values, spikes, catalog, history=history, remarks=submission.remarks,
                        file=submission.source_file)
    submission.problems.extend(found)
    return len(found)


def catalog_rules(catalog: Catalog) -> list[Rule]:
    """The catalog's rules (the home's, carried by `rules.with_rules`, else the shipped ones), checked against
    the whole catalog once per catalog object; for a month's catalog (Catalog.in_effect), those that apply to
    its indicators."""
    rules = catalog.__dict__.get(CATALOG_RULES)
    if rules is None:
        whole = catalog.whole
        rules = load_rules(catalog) if whole is catalog else rules_in_effect(catalog_rules(whole), catalog)  # type: ignore[arg-type]
        catalog.__dict__[CATALOG_RULES] = rules
    return rules
