"""`countystat check`, whole: the files sources reads (sources/config_check.py), then those reports reads:
derived.csv against the home's catalog, plan.toml, and every summary template in HOME/summary/ (a Word
template's placeholders against the names it can use; any other file is named: report reads only .docx). Every problem is one
Chinese line naming the file, the line where there is one, and what to do."""
from __future__ import annotations

import difflib
from pathlib import Path
from zipfile import BadZipFile

from countystat.sources.catalog import Catalog
from countystat.sources.config_check import check_sources_config
from countystat.sources.config_files import DERIVED, PLAN
from countystat.sources.csv_data import read_csv_rows, read_csv_text
from countystat.sources.home import Home

from .derived import COLUMNS, Derived, DerivedError, load_derived
from .plan import PlanError, load_plan

WORD = ".docx"


def check_home(home: Home) -> list[str]:
    """Every problem of the home's configuration (its own files, else the defaults), one line each."""
    check = check_sources_config(home)
    definitions = check.attempt(DERIVED, lambda: load_derived(home.config(DERIVED)), (DerivedError,))
    if definitions is not None and check.catalog is not None:
        check.problems += unknown_codes(home.config(DERIVED), definitions, check.catalog)
    check.attempt(PLAN, lambda: load_plan(home.plan_toml), (PlanError,))
    if check.catalog is not None:
        check.problems += summary_problems(home.summary_templates, check.catalog, definitions or [])
    return check.problems


def first_problem(home: Home) -> str | None:
    """The first line `check_home` gives, the one a command refuses with (None: the configuration reads)."""
    return next(iter(check_home(home)), None)


def unknown_codes(path: Path, definitions: list[Derived], catalog: Catalog) -> list[str]:
    """A line for each derived figure whose expression names a code that is neither an indicator nor a
    derived figure declared above it."""
    rows = read_csv_rows(read_csv_text(path, DerivedError), path.name, COLUMNS, DerivedError)
    known = [i.code for i in catalog.indicators]
    problems = []
    for row, definition in zip(rows, definitions):
        for code in definition.codes():
            if code not in known:
                close = difflib.get_close_matches(code, known, n=1)
                hint = f"（是不是「{close[0]}」？）" if close else "（先在 indicators.csv 中加上它，或写在它前面一行的派生指标）"
                problems.append(f"{row.where}：{definition.code} 的算式中，指标代码「{code}」不在统计指标目录中{hint}")
        known.append(definition.code)
    return problems


def summary_problems(folder: Path, catalog: Catalog, definitions: list[Derived]) -> list[str]:
    """A line for each summary template of the folder that cannot be filled as written."""
    if folder.exists() and not folder.is_dir():
        return [f"{folder} 是一个文件，不是文件夹：请把它移走或改名，summary 文件夹放总结模板"]
    templates = sorted(folder.iterdir()) if folder.is_dir() else []
    names = field_names(catalog, definitions)
    return [problem for template in templates if (problem := template_problem(template, names))]


def field_names(catalog: Catalog, definitions: list[Derived]) -> set[str]:
    """The names a Word template can write bare: each indicator's and derived figure's name or code that is a
    Jinja name (reports/summary_fields.py:summary_fields names the fields by both)."""
    named = [(i.name_zh, i.code) for i in catalog.indicators] + [(d.name_zh, d.code) for d in definitions]
    return {name for pair in named for name in pair if name.isidentifier()}


def template_problem(template: Path, names: set[str]) -> str | None:
    """The line for a summary template that cannot be filled as written, if any."""
    from docx.opc.exceptions import PackageNotFoundError

    from .word_template import TemplateError, check_placeholders

    where = f"{template.parent.name}/{template.name}"
    if template.suffix == WORD:
        try:
            check_placeholders(template, names)
        except TemplateError as exc:
            return f"{template.parent.name}/{exc}"
        except (PackageNotFoundError, BadZipFile, KeyError, OSError) as exc:  # a file that is no .docx
            return f"{where}：不是能打开的 Word 文档（{type(exc).__name__}）：请在 Word 中“另存为” .docx 格式"
    else:
        return f"{where}：report 只读取 .docx 格式的总结模板，这个文件不会被使用：请在 Word 中“另存为” .docx，或把它移出 summary 文件夹"
    return None
