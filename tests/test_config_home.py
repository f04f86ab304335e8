"""Issue 11 item 1: the home holds the office's configuration. `init` writes the defaults, `check` reads them
all and says every problem in one line, every command refuses a broken file with check's line, and an
indicator added to the home's catalog reaches the blank form and the warehouse."""
from __future__ import annotations

import importlib
import shutil
from datetime import date
from pathlib import Path

import docx
import duckdb
import openpyxl
import pytest
from click.testing import CliRunner

from countystat.flows.cli import main
from countystat.reports.config_check import check_home
from countystat.reports.halves import parse_half
from countystat.reports.report_pipeline import period_data
from countystat.sources.config_files import CONFIG_FILES, INDICATORS, SUMMARY
from countystat.sources.form_layout import FORM_SHEET
from countystat.sources.home import Home, reference

from tests import pipelines
from tests.forms import fill_form
from tests.test_preflight import run_commands

NEW_INDICATOR = "theme_meetings,主题教育专题会议,次,sum,int,both,一、管党治党,召开专题会议XX次,\n"


def invoke(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory) -> Home:
    """A home as `countystat init` leaves it (copy it before changing it)."""
    home = Home(tmp_path_factory.mktemp("init") / "home")
    result = invoke("init", "--home", str(home.root))
    assert result.exit_code == 0, result.output
    return home


def copy_of(fresh: Home, tmp_path: Path) -> Home:
    shutil.copytree(fresh.root, tmp_path / "home")
    return Home(tmp_path / "home")


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def test_init_writes_every_configuration_file_and_check_passes_on_them(fresh):
    for config in CONFIG_FILES:
        assert config.in_home(fresh.root).exists(), config.name
    shipped = sorted(f.name for f in SUMMARY.default_path().iterdir() if f.is_file())
    assert shipped and sorted(f.name for f in fresh.summary_templates.iterdir()) == shipped
    assert fresh.label_mappings.read_text(encoding="utf-8-sig").splitlines() == [
        "label,indicator_code,approved_by,approved_at"]
    assert fresh.indicators_csv.read_bytes() == INDICATORS.default_path().read_bytes()
    result = invoke("check", "--home", str(fresh.root))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("配置检查通过：") and len(result.output.splitlines()) == 1


@pytest.mark.parametrize("config", CONFIG_FILES, ids=lambda config: config.name)
def test_each_configuration_file_names_a_loader_that_exists(config):
    folder, _, rest = config.loader.partition("/")
    module, _, function = rest.partition(".py:")
    assert callable(getattr(importlib.import_module(f"countystat.{folder}.{module}"), function))


def test_init_overwrites_nothing(fresh, tmp_path):
    home = copy_of(fresh, tmp_path)
    home.rules_csv.unlink()
    home.units_csv.write_text("code,name_zh,kind,aliases\nT01,本县城关镇,township,\n", encoding="utf-8")
    result = invoke("init", "--home", str(home.root))
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"Error: {home.units_csv} 已经存在：countystat init 不覆盖已有的文件，"
                                          "请换一个新的主目录，或先把这个文件移走"]
    assert not home.rules_csv.exists() and "本县城关镇" in home.units_csv.read_text(encoding="utf-8")


def broken_homes(fresh: Home, tmp_path: Path) -> dict[str, Home]:
    """A copy of the fresh home for each configuration file, with that one file broken."""
    edits = {
        "units.csv": lambda h: append(h.units_csv, "T99,新镇,village,\n"),
        "indicators.csv": lambda h: append(h.indicators_csv, NEW_INDICATOR.replace(",int,", ",integer,")),
        "rules.csv": lambda h: append(h.rules_csv, "new_rule,error,equals,cases_filed = cases_filedd,应相等\n"),
        "derived.csv": lambda h: append(h.derived_csv, "odd_share,奇怪占比,%,form5_cases / form_total * 100\n"),
        "label_mappings.csv": lambda h: append(h.label_mappings, "立案合计,cases_filet,科员,2020-07-01T09:00:00\n"),
        "plan.toml": lambda h: append(h.plan_toml, "[county]\nname = 某某县\n"),
    }
    homes = {}
    for name, edit in edits.items():
        home = homes[name] = copy_of(fresh, tmp_path / name)
        edit(home)
    return homes


def test_check_says_each_broken_file_in_one_line(fresh, tmp_path):
    home = copy_of(fresh, tmp_path / "all")
    for name, broken in broken_homes(fresh, tmp_path).items():
        if name != "indicators.csv":  # a broken catalog leaves nothing to check the rules and labels against
            shutil.copyfile(broken.root / name, home.root / name)
    result = invoke("check", "--home", str(home.root))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"{home.units_csv} 第24行：kind（单位类别）应填 township（乡镇）或 department（县直部门），现为「village」",
        f"{home.label_mappings} 第2行：指标代码「cases_filet」不在统计指标目录中（代码见 indicators.csv）",
        "rules.csv 第12行：指标代码「cases_filedd」不在统计指标目录中（是不是「cases_filed」？）",
        "derived.csv 第11行：odd_share 的算式中，指标代码「form5_cases」不在统计指标目录中（是不是「form4_cases」？）",
        f"{home.plan_toml} 第23行「[county]」：这一节（方括号标题）前面已经有了，请合并到一处",
    ]


def test_a_broken_catalog_is_its_own_line(fresh, tmp_path):
    home = broken_homes(fresh, tmp_path)["indicators.csv"]
    assert check_home(home) == ["indicators.csv 第50行：value_type 应为 int, decimal 之一，现为「integer」"]


def word_template(path: Path, *runs: str) -> None:
    document = docx.Document()
    paragraph = document.add_paragraph()
    for text in runs:  # as Word splits a placeholder typed with a pause or a correction
        paragraph.add_run(text)
    document.save(path)


def test_check_reads_every_summary_template(fresh, tmp_path):
    home = copy_of(fresh, tmp_path)
    word_template(home.summary_templates / "2021年上半年.docx", "全县立案{{ 立", "案 }}件，", "{{ 立案.同比 }}。")
    assert check_home(home) == []
    word_template(home.summary_templates / "2021年下半年.docx", "全县立案{{ 立", "按 }}件。")
    (home.summary_templates / "年度.doc").write_bytes(b"\xd0\xcf\x11\xe0")  # Word 97-2003
    (home.summary_templates / "旧.docx").write_text("不是 Word 文档", encoding="utf-8")
    assert check_home(home) == [
        "summary/2021年下半年.docx：「{{ 立按 }}」不是可用的占位符，最接近的是 立案、扫黑除恶惩腐打伞立案、"
        "扶贫领域腐败和作风问题立案（`countystat fields` 列出全部）",
        "summary/年度.doc：report 只读取 .docx 格式的总结模板，这个文件不会被使用：请在 Word 中“另存为” .docx，"
        "或把它移出 summary 文件夹",
        "summary/旧.docx：不是能打开的 Word 文档（PackageNotFoundError）：请在 Word 中“另存为” .docx 格式",
    ]


def test_every_command_refuses_a_broken_file_with_checks_line_before_prefect(fresh, tmp_path):
    homes = broken_homes(fresh, tmp_path)
    commands = {"status": ["status", "--month", "2020-06"], "template": ["template", "--month", "2020-06"],
                "collect": ["collect", "--month", "2020-06"], "report": ["report", "--half", "2020H1"]}
    broken = {"status": "units.csv", "template": "indicators.csv", "collect": "rules.csv", "report": "derived.csv"}
    runs = [[*commands[c], "--home", str(homes[broken[c]].root)] for c in commands]
    runs += [["report", "--half", "2020H1", "--home", str(homes["plan.toml"].root)]]
    runs += [["check", "--home", str(homes[name].root)] for name in [*broken.values(), "plan.toml"]]
    done = run_commands(*runs)  # one fresh process, asserted never to import Prefect
    refusals, checks = done[:5], done[5:]
    for (code, lines), (check_code, check_lines) in zip(refusals, checks):
        assert (code, check_code) == (1, 1)
        assert len(check_lines) == 1 and lines == [f"Error: {check_lines[0]}"]
    assert [name in lines[0] for (_, lines), name in zip(checks, [*broken.values(), "plan.toml"])] == [True] * 5


def test_an_indicator_rule_and_derived_figure_added_in_the_home_reach_the_form_the_warehouse_and_the_report(
        fresh, tmp_path):
    home = copy_of(fresh, tmp_path)
    append(home.indicators_csv, NEW_INDICATOR)
    append(home.rules_csv, "theme_within_cases,error,at_most,theme_meetings <= cases_filed,专题会议数不应超过立案数\n")
    append(home.derived_csv, "theme_per_case,每件案件专题会议,次,theme_meetings / cases_filed\n")
    assert invoke("check", "--home", str(home.root)).exit_code == 0
    result = invoke("template", "--month", "2020-06", "--unit", "T01", "--home", str(home.root))
    assert result.exit_code == 0, result.output
    (form,) = (home.templates / "2020-06").glob("*.xlsx")
    rows = list(openpyxl.load_workbook(form)[FORM_SHEET].iter_rows(values_only=True))
    assert sum(row[1:3] == ("主题教育专题会议", "次") for row in rows) == 1
    catalog, registry = reference(home)
    fill_form(home.inbox, registry.get("T01"), date(2020, 6, 1), catalog, {"theme_meetings": 4, "cases_filed": 5})
    fill_form(home.inbox, registry.get("T02"), date(2020, 6, 1), catalog, {"theme_meetings": 4, "cases_filed": 2})
    summary = pipelines.collect(str(home.root), "2020-06")
    assert (summary.load.accepted, summary.load.rejected) == (1, 1)  # T02 breaks the home's rule
    with duckdb.connect(str(home.warehouse), read_only=True) as con:
        asked = con.execute("SELECT indicator_name FROM indicators WHERE indicator_code = 'theme_meetings'")
        assert asked.fetchall() == [("主题教育专题会议",)]
        assert con.execute("SELECT value FROM monthly_values WHERE indicator_code = 'theme_meetings'").fetchall() == [
            (4.0,)]
    data = period_data(home, parse_half("2020H1"))
    assert data.county["theme_meetings"].value == 4 and data.derived["theme_per_case"].value == 0.8
