"""Scoring what the reader made of each file against its truth, and printing the scores."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from countystat.sources.submission import Submission

from .county import Truth
from .messes import ACCEPTED_MESSES, TRAPS


@dataclass
class Score:
    should_accept: int = 0
    accepted: int = 0
    values: int = 0
    recalled: int = 0
    wrong: int = 0
    must_refuse: int = 0
    refused_but_accepted: int = 0
    reasons: Counter = field(default_factory=Counter)
    by_mess: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))  # mess -> [right, files]
    wrong_examples: list = field(default_factory=list)


def reason(message: str) -> str:
    """A message with its file, sheet, cell and quoted words blanked, so that alike messages group."""
    text = re.sub(r"文件「[^」]*」", "", message)
    text = re.sub(r"工作表「[^」]*」", "", text)
    text = re.sub(r"^[A-Z]{1,3}\d+", "", text)
    text = re.sub(r"「[^」]*」", "「…」", text)
    text = re.sub(r"\d+", "N", text)
    return text.lstrip("：")[:90]


def same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def score_file(truth: Truth, submissions: list[Submission], score: Score) -> None:
    accepted = [s for s in submissions if s.status == "accepted"]
    for sub in accepted:  # every number loaded must be the file's own, for its unit and month
        right_form = sub.unit_code == truth.unit.code and sub.period == truth.period
        for v in sub.values:
            if v.value is None:
                continue
            if not (right_form and v.indicator_code in truth.values and same(v.value, truth.values[v.indicator_code])):
                score.wrong += 1
                if len(score.wrong_examples) < 8:
                    score.wrong_examples.append(
                        f"{truth.mess} {truth.file} {v.sheet}!{v.cell} {v.indicator_code}={v.value} loaded as "
                        f"{sub.unit_code} {sub.period:%Y-%m}; truth: {truth.unit.code} {truth.period:%Y-%m} "
                        f"{v.indicator_code}={truth.values.get(v.indicator_code)}")
    counts = score.by_mess[truth.mess]
    counts[1] += 1
    if not truth.accept:
        score.must_refuse += 1
        if accepted:
            score.refused_but_accepted += 1
        else:
            counts[0] += 1
        return
    score.should_accept += 1
    score.values += len(truth.values)
    good = (len(submissions) == 1 and accepted and accepted[0].unit_code == truth.unit.code
            and accepted[0].period == truth.period)
    if good:
        score.accepted += 1
        counts[0] += 1
        loaded = {v.indicator_code: v.value for v in accepted[0].values if v.value is not None}
        score.recalled += sum(1 for c, t in truth.values.items() if c in loaded and same(loaded[c], t))
        return
    first = next((p.message() for s in submissions for p in s.problems if p.blocking), None)
    if first is None:
        first = f"{len(submissions)} submissions: " + ", ".join(
            f"{s.status} {s.unit_code} {s.period}" for s in submissions)
    score.reasons[reason(first)] += 1


def write_manifest(path: Path, truths: list[Truth]) -> None:
    """The ground truth beside the files (kept with --keep): file, mess, verdict, unit, month, values."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    out.writerow(["file", "mess", "careful_clerk", "unit", "period", "values"])
    for t in truths:
        out.writerow([t.file, t.mess, "accept" if t.accept else "refuse", t.unit.code, f"{t.period:%Y-%m}",
                      json.dumps(t.values, sort_keys=True)])
    path.write_text(buffer.getvalue(), encoding="utf-8")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    – "


def print_county(name: str, score: Score, written: float, read: float) -> None:
    print(f"\n== {name}: {score.should_accept + score.must_refuse} files "
          f"(written in {written:.1f} s, read in {read:.1f} s)")
    print(f"   accepted (of those a careful clerk accepts)  {score.accepted:4d} / {score.should_accept:<4d} "
          f"{percent(score.accepted, score.should_accept)}")
    print(f"   value recall                                 {score.recalled:4d} / {score.values:<4d} "
          f"{percent(score.recalled, score.values)}")
    print(f"   wrong values loaded (must be 0)              {score.wrong:4d}")
    print(f"   must be refused but accepted (must be 0)     {score.refused_but_accepted:4d} / {score.must_refuse}")
    for example in score.wrong_examples:
        print(f"     wrong: {example}")
    if score.reasons:
        print("   false rejections by first message:")
        for text, count in score.reasons.most_common(12):
            print(f"     {count:4d}  {text}")


def print_messes(scores: list[Score]) -> None:
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for score in scores:
        for mess, (right, files) in score.by_mess.items():
            total[mess][0] += right
            total[mess][1] += files
    print("\n== outcome per kind of file, all counties (right / files; right = accepted with the right unit "
          "and month, or refused for a trap)")
    order = ["template", *ACCEPTED_MESSES, *TRAPS]
    for mess in sorted(total, key=lambda m: (order.index(m.split(".")[0]), m)):
        right, files = total[mess]
        group = "refuse" if mess.split(".")[0] in TRAPS else "read"
        print(f"   {group:6s} {mess:26s} {right:4d} / {files:<4d}")
