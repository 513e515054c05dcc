"""The synthetic panel the mart, analytics and BI tests share: five counties over three years.

Each county-year's figures follow a simple rule plus deliberate gaps, so tests compute what a view
must return from these inputs rather than from hard-coded results.
"""

from __future__ import annotations

from tests.marts.builder import Fig

COUNTIES = ("平遥县", "方山县", "介休市", "孝义市", "灵石县")
YEARS = (2021, 2022, 2023)
NO_LITIGATION = "灵石县"  # never reports litigation figures (a finding in itself)
ZERO_LOSSES = "孝义市"  # reports 0 lost lawsuits (reported as zero, not missing)
NO_DENOMINATOR = "介休市"  # reports lost lawsuits but not how many were concluded: no loss rate
OUTLIER = ("方山县", 2022)  # legal-aid cases 40x the others'


def figures(county: str, year: int) -> list[Fig]:
    """The figures one synthetic report states, in text order (parents before their parts)."""
    i, t = COUNTIES.index(county), year - 2021
    applications = 40 + 3 * i + 2 * t
    concluded = applications - 4
    corrected = 3 + i + t
    mediated = 2 + t
    figs = [
        Fig("收到行政复议申请", applications),
        Fig("受理", applications - 1 - i % 2, parent=0),
        Fig("审结行政复议案件", concluded),
        Fig("维持", concluded - corrected - mediated, parent=2),
        Fig("纠错", corrected, parent=2),
        Fig("调解撤回", mediated, parent=2),
        Fig("办理法律援助案件", 8000 if (county, year) == OUTLIER else 200 + 10 * i + 5 * t),
    ]
    if county != NO_LITIGATION:
        lost = 0 if county == ZERO_LOSSES else 2 + (i + t) % 3
        cases = 30 + i + t
        start = len(figs)
        figs.append(Fig("行政诉讼案件", cases))
        if county != NO_DENOMINATOR:
            figs.append(Fig("一审审结", cases - 5, parent=start))
        figs += [Fig("败诉", lost), Fig("开庭审理", cases - 8), Fig("行政机关负责人出庭应诉", cases - 10)]
    return figs


def value(county: str, year: int, label: str) -> float | None:
    """The value the report of county and year states for a label, or None when it does not."""
    return next((f.value for f in figures(county, year) if f.label == label), None)
