"""plan.toml in the home: what the forms don't carry (county name, session numbers, targets)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DEADLINE_DAY = 5


class PlanError(ValueError):
    """plan.toml is not valid TOML or has a value of the wrong kind."""


@dataclass(frozen=True)
class Plan:
    """The office's own figures: county name, facts for the summary, second-half targets, deadline."""

    county_name: str | None = None
    facts: dict[str, object] = field(default_factory=dict)
    targets: dict[str, object] = field(default_factory=dict)
    deadline_day: int = DEFAULT_DEADLINE_DAY
    source: str = "plan.toml"


def load_plan(path: Path) -> Plan:
    """Read plan.toml; a missing file is an empty plan (its figures become visible markers)."""
    if not path.exists():
        return Plan(source=path.name)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PlanError(f"{path}: {exc}") from None
    deadline = data.get("report", {}).get("deadline_day", DEFAULT_DEADLINE_DAY)
    if not isinstance(deadline, int) or not 1 <= deadline <= 28:
        raise PlanError(f"{path}: [report] deadline_day must be a whole number from 1 to 28")
    return Plan(
        county_name=data.get("county", {}).get("name"),
        facts=dict(data.get("facts", {})),
        targets=dict(data.get("targets", {})),
        deadline_day=deadline,
        source=path.name,
    )
