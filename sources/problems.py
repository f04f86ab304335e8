"""Problems found in a submission, worded for the township clerk who has to fix them."""
from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"      # blocks the whole submission
WARNING = "warning"  # loads, but is listed for the office
NOTE = "note"        # something countystat did that the clerk should know about
HOLD = "hold"        # kept, not loaded: the month is locked because its report has gone out


@dataclass(frozen=True)
class Problem:
    """One finding: where it is (file, sheet, cell) and what to do, in plain Chinese."""

    level: str
    text: str
    file: str = ""
    sheet: str = ""
    cell: str = ""

    @property
    def blocking(self) -> bool:
        """True when the finding rejects the submission."""
        return self.level == ERROR

    def message(self) -> str:
        """The finding as one line: 文件「…」工作表「…」D12：…"""
        where = ""
        if self.file:
            where += f"文件「{self.file}」"
        if self.sheet:
            where += f"工作表「{self.sheet}」"
        if self.cell:
            where += self.cell
        prefix = {ERROR: "", WARNING: "【提醒】", NOTE: "【说明】", HOLD: "【暂存】"}[self.level]
        return f"{prefix}{where}：{self.text}" if where else f"{prefix}{self.text}"


def error(text: str, file: str = "", sheet: str = "", cell: str = "") -> Problem:
    """A blocking problem."""
    return Problem(ERROR, text, file, sheet, cell)


def warning(text: str, file: str = "", sheet: str = "", cell: str = "") -> Problem:
    """A warning that does not block loading."""
    return Problem(WARNING, text, file, sheet, cell)
