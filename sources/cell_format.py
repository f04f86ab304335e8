"""The kinds of number format a cell can be shown with, as far as reading a count or amount cares."""
from __future__ import annotations

PERCENT = "percent"  # 0%, 0.00%: a stored 1 shows as 100%
DATE = "date"        # yyyy-mm-dd, m月d日: a typed 3-5 becomes 3月5日
TIME = "time"        # h:mm
TEXT = "text"        # @: the cell holds text even when it looks like a number
KINDS = (PERCENT, DATE, TIME, TEXT)
