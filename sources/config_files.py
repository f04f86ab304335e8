"""The office's configuration files, listed once: each one's name in the home, the default shipped in the
package, and which loader reads and checks it. A file in the home wins; without it the package default is read.
`countystat init` writes the defaults into a new home from this list, `countystat check` checks every entry
of it (sources/config_check.py, reports/config_check.py), and the loaders take their paths from it."""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .label_mappings import COLUMNS as MAPPINGS_COLUMNS
from .label_mappings import FILE_NAME as MAPPINGS_FILE


@dataclass(frozen=True)
class ConfigFile:
    """One configuration file (or folder) of the home and the default it starts from."""

    name: str            # its name in the home
    package: str         # the folder of countystat that ships the default
    default: str | None  # the default's name there (None: init writes `header` instead)
    loader: str          # what reads and checks it: `folder/module.py:function`
    about_zh: str        # what the office keeps in it
    header: str = ""     # what init writes when there is no default to copy

    def default_path(self) -> Path | None:
        """The default shipped with countystat (a file, or for the summary templates a folder), if any."""
        if self.default is None:
            return None
        return Path(str(resources.files(f"countystat.{self.package}") / self.default))

    def in_home(self, root: Path) -> Path:
        """Where the office's own copy lives in a home."""
        return root / self.name

    def path(self, root: Path) -> Path | None:
        """The file to read: the home's own when present, else the package default (None: neither)."""
        own = self.in_home(root)
        return own if own.exists() else self.default_path()


UNITS = ConfigFile("units.csv", "sources", "demo_units.csv", "sources/units.py:load_units",
                   "单位名册（现为示范县的单位，请换成本县的乡镇和县直部门）")
INDICATORS = ConfigFile("indicators.csv", "sources", "indicators.csv", "sources/catalog.py:load_catalog", "统计指标目录")
RULES = ConfigFile("rules.csv", "sources", "rules.csv", "sources/rules.py:load_rules", "审核规则")
LABELS = ConfigFile(MAPPINGS_FILE, "sources", None, "sources/label_mappings.py:with_mappings",
                    "已认可的指标写法（countystat labels approve 记录在这里）", header=",".join(MAPPINGS_COLUMNS) + "\r\n")
DERIVED = ConfigFile("derived.csv", "reports", "derived.csv", "reports/derived.py:load_derived", "派生指标")
PLAN = ConfigFile("plan.toml", "reports", "plan_template.toml", "reports/plan.py:load_plan",
                  "县名、届次、下半年目标、报送截止日")
SUMMARY = ConfigFile("summary", "reports", "templates", "reports/word_template.py:check_placeholders", "工作总结模板")
CONFIG_FILES = (UNITS, INDICATORS, RULES, LABELS, DERIVED, PLAN, SUMMARY)


class HomeNotEmpty(ValueError):
    """init would overwrite a file the office already has."""


def write_defaults(root: Path) -> list[Path]:
    """Write every configuration file's default into a new home; HomeNotEmpty names a file already there
    (nothing is written then). Gives back the files written."""
    copies: list[tuple[Path, Path | None, str]] = []  # (target, default to copy, or the text to write)
    for config in CONFIG_FILES:
        default = config.default_path()
        if default is not None and default.is_dir():
            copies += [(config.in_home(root) / f.name, f, "") for f in sorted(default.iterdir()) if f.is_file()]
        else:
            copies.append((config.in_home(root), default, config.header))
    for target, _, _ in copies:
        if target.exists():
            raise HomeNotEmpty(f"{target} 已经存在：countystat init 不覆盖已有的文件，请换一个新的主目录，"
                               "或先把这个文件移走")
    for target, default, text in copies:
        target.parent.mkdir(parents=True, exist_ok=True)
        if default is not None:
            shutil.copyfile(default, target)
        else:
            target.write_text(text, encoding="utf-8-sig", newline="")
    return [target for target, _, _ in copies]
