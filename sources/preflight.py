"""What a command checks before it starts Prefect or writes anything, each a plain function: the home is a
folder it can write (or can create), the inbox is a folder, the reference data reads, a month asked for has
begun. A failure is a PreflightError: one Chinese line naming the path and what to do. Nothing is retried:
each check is a stat, a probe file or a read of a small file, so a refusal comes in well under a second."""
from __future__ import annotations

import errno
import os
import tempfile
from datetime import date
from pathlib import Path

from .catalog import Catalog
from .config_check import CONFIG_ERRORS, check_sources_config, unreadable
from .home import Home, reference
from .units import UnitRegistry

ANOTHER_HOME = "请用 --home（或环境变量 COUNTYSTAT_HOME）指定一个可写的文件夹"
WHY_NOT_WRITABLE = {
    errno.EROFS: "所在磁盘是只读的",
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
}


class PreflightError(Exception):
    """A command cannot start: one line naming the path and what to do."""


def existing_home(home: Home) -> None:
    """The home is an existing folder (commands that read what earlier runs wrote)."""
    if not home.root.exists():
        raise PreflightError(f"主目录 {home.root} 不存在：请用 --home（或环境变量 COUNTYSTAT_HOME）指定已有的主目录，"
                             "新主目录由 countystat init 建立（写入默认配置，供本县修改）")
    if not home.root.is_dir():
        raise PreflightError(f"主目录 {home.root} 是一个文件，不是文件夹：{ANOTHER_HOME}")


def writable_folder(folder: Path, what: str) -> None:
    """A file can be created in the folder, or in the nearest folder above it that exists (where it would be made).

    Tried, not inferred from permission bits: a probe file is created and removed, so a read-only disk,
    a full one, or a path under a file fails here, for root too."""
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise PreflightError(f"{what} {folder} 无法建立：{existing} 是一个文件，不是文件夹；{ANOTHER_HOME}")
    try:
        handle, probe = tempfile.mkstemp(prefix=".countystat-probe-", dir=existing)
        os.close(handle)
        os.unlink(probe)
    except OSError as exc:
        why = WHY_NOT_WRITABLE.get(exc.errno or 0, exc.strerror or type(exc).__name__)
        raise PreflightError(f"{what} {existing} 无法写入（{why}）：{ANOTHER_HOME}，或请管理员开放写入权限") from None


def inbox_folder(home: Home) -> None:
    """The inbox is a folder, or not there yet (a run then finds no file)."""
    if home.inbox.exists() and not home.inbox.is_dir():
        raise PreflightError(f"收件箱 {home.inbox} 是一个文件，不是文件夹：请把这个文件移走或改名，"
                             "在原处建立文件夹 inbox，再把报表放进去")


def reference_data(home: Home) -> tuple[Catalog, UnitRegistry]:
    """The catalog with the home's approved labels and rules, and the unit registry, all read and checked:
    the first problem `countystat check` finds in these files, in its words."""
    problems = check_sources_config(home).problems
    if problems:
        raise PreflightError(problems[0])
    try:
        return reference(home)
    except CONFIG_ERRORS as exc:  # changed since it was checked
        raise PreflightError(str(exc)) from None
    except OSError as exc:
        raise PreflightError(unreadable(exc)) from None


def begun(first_month: date, what: str, today: date, kind: str = "月份") -> None:
    """The month (or the first month of a span: a half-year, a year) has begun by today."""
    if first_month > today.replace(day=1):
        raise PreflightError(f"{what} 还没有到（今天是 {today.year}年{today.month}月{today.day}日），没有数据：请给一个已经开始的{kind}")
