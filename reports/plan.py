"""plan.toml in the home: what the forms don't carry (county name, session numbers, targets)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_DEADLINE_DAY = 5
WHERE = re.compile(r"\(at line (\d+), column (\d+)\)$")
# What the TOML parser's English means, said so an office clerk can fix the line.
SYNTAX_HINTS = (
    ("Illegal character", "引号没有配对（文字要用一对英文双引号括起来）或有不允许的字符"),
    ("Invalid value", "值的写法不对：文字要用英文双引号括起来（如 name = \"某某县\"），数字直接写（如 deadline_day = 5）"),
    ("Cannot overwrite", "这一项前面已经写过一次，请删去重复的一行"),
    ("Cannot declare", "这一节（方括号标题）前面已经有了，请合并到一处"),
    ("Expected '=' after a key", "名称和值之间缺少等号（如 deadline_day = 5）"),
    ("Expected ']'", "方括号没有配对（如 [county]）"),
    ("Expected newline", "一行只能写一项，值的后面不能再有别的内容"),
)


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
    except UnicodeDecodeError:
        raise PlanError(f"{path}：不是 UTF-8 编码的文本，请用记事本“另存为”UTF-8 编码后再运行") from None
    except tomllib.TOMLDecodeError as exc:
        raise PlanError(syntax_message(path, exc)) from None
    county, facts, targets, report = (_table(data, name, path) for name in ("county", "facts", "targets", "report"))
    deadline = report.get("deadline_day", DEFAULT_DEADLINE_DAY)
    if not isinstance(deadline, int) or isinstance(deadline, bool) or not 1 <= deadline <= 28:
        raise PlanError(f"{path}：[report] 的 deadline_day（每月报送截止日）应为 1 到 28 之间的整数，现为「{deadline}」")
    return Plan(
        county_name=_county_name(county, path),
        facts=dict(facts),
        targets=dict(targets),
        deadline_day=deadline,
        source=path.name,
    )


def _table(data: dict[str, object], name: str, path: Path) -> dict[str, object]:
    """The [name] section, empty when absent; a value where a section belongs is refused."""
    section = data.get(name, {})
    if not isinstance(section, dict):
        raise PlanError(f"{path}：「{name}」应是一节（单独一行写 [{name}]，下面每行写 名称 = 值），不是一个值")
    return section


def _county_name(county: dict[str, object], path: Path) -> str | None:
    """[county] name, which must be text."""
    name = county.get("name")
    if name is not None and not isinstance(name, str):
        raise PlanError(f"{path}：[county] 的 name（县名）应是用英文双引号括起来的文字，如 name = \"某某县\"")
    return name


def syntax_message(path: Path, exc: tomllib.TOMLDecodeError) -> str:
    """One Chinese line for a TOML syntax error: file, line, the line's text and how to fix it."""
    reason = WHERE.sub("", str(exc)).strip()
    hint = next((zh for en, zh in SYNTAX_HINTS if reason.startswith(en)), "写法不符合 plan.toml 的格式（名称 = 值，每行一项）")
    found = WHERE.search(str(exc))
    if found is None:
        return f"{path}：{hint}"
    number = int(found.group(1))
    lines = path.read_text(encoding="utf-8").splitlines()
    shown = lines[number - 1].strip() if 0 < number <= len(lines) else ""
    return f"{path} 第{number}行「{shown}」：{hint}"
