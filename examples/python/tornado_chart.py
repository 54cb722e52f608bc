#!/usr/bin/python3
"""Tornado chart: how far each uncertain input, moved alone from its low to its high value,
moves the pool's total variance over the horizon. Inputs are ranked by swing, largest on top;
the bars start from the planned (deterministic) total variance.

    python3 examples/python/tornado_chart.py configs/derbyshire-0-19.yaml -o tornado.png
    python3 examples/python/tornado_chart.py simulated.json -o tornado.png
"""
from __future__ import annotations

import os
import sys
import textwrap
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chart_common as cc  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402


@dataclass
class Bar:
    """One input of the tornado."""

    input: str
    low: Any
    high: Any
    variance_low: float
    variance_high: float

    @property
    def swing(self) -> float:
        return abs(self.variance_high - self.variance_low)


def tornado_rows(doc: Dict[str, Any]) -> List[Bar]:
    """The tornado's rows, largest swing first. The rows are read from `simulation.tornado`
    (or a top-level `tornado`): [{input, low, high, variance_low, variance_high, swing}]."""
    sim = doc.get("simulation") or {}
    rows = sim.get("tornado", doc.get("tornado"))
    if not rows:
        raise ValueError("the document has no tornado: run `s75 simulate` on a scenario with "
                         "an uncertainty: block")
    bars = [Bar(str(r["input"]), r.get("low"), r.get("high"), float(r["variance_low"]),
                float(r["variance_high"])) for r in rows]
    # A stable sort keeps the library's order among equal swings.
    return sorted(bars, key=lambda b: -b.swing)


def planned_total(doc: Dict[str, Any]) -> Optional[float]:
    """The deterministic total variance over the horizon, when the document has it."""
    years = cc.deterministic_years(doc)
    if not years:
        return None
    return float(sum(y["variance"] for y in years))


_NAMES = {"pay_award": "Pay award", "inflation": "Non-pay inflation",
          "non_pay_inflation": "Non-pay inflation", "uplift": "Contribution uplift"}


def input_label(name: str, width: int = 38) -> str:
    """A readable, wrapped name for an input such as "pay_award" or "scheme:Skill-mix review"."""
    kind, _, rest = name.partition(":")
    if rest and kind == "scheme":
        text = f"Savings: {rest}"
    elif rest and kind == "uplift":
        text = f"Contribution uplift ({rest})"
    else:
        text = _NAMES.get(name, name.replace("_", " "))
    if len(text) > width * 2:  # two lines at most: the full name is in the text report
        text = textwrap.shorten(text, width * 2, placeholder="...")
    return "\n".join(textwrap.wrap(text, width))


def range_label(bar: "Bar") -> str:
    """The low and high values of an input."""
    if bar.input.startswith("scheme:") and bar.low == 0 and bar.high == 1:
        return "not delivered / delivered"
    return f"{input_value(bar.low)} / {input_value(bar.high)}"


def input_value(v: Any) -> str:
    """An input's low or high value for a label: rates as signed per cents."""
    if isinstance(v, bool) or v is None:
        return str(v)
    if isinstance(v, float) and v != 0 and abs(v) < 1:
        return f"{v:+.1%}"
    if isinstance(v, (int, float)):
        return f"{v:g}"
    return str(v)


def draw(bars: List[Bar], base: Optional[float], title: str, horizon: str) -> Figure:
    """The tornado as a matplotlib Figure."""
    if base is None:
        # Without a deterministic run the midpoint of the widest bar is the best centre.
        base = (bars[0].variance_low + bars[0].variance_high) / 2
    height = 1.8 + 0.62 * len(bars)
    fig, ax = plt.subplots(figsize=(9, max(3.6, height)), layout="constrained")
    y = list(range(len(bars)))[::-1]  # largest swing at the top
    low_colour, high_colour = cc.TORNADO_LOW, cc.TORNADO_HIGH
    for yi, b in zip(y, bars):
        ax.barh(yi, b.variance_low - base, left=base, color=low_colour, height=0.6)
        ax.barh(yi, b.variance_high - base, left=base, color=high_colour, height=0.6)
        for value in (b.variance_low, b.variance_high):
            ax.annotate(cc.pounds(value), (value, yi), xytext=(4 if value >= base else -4, 0),
                        textcoords="offset points", va="center",
                        ha="left" if value >= base else "right", fontsize=8)
    ax.set_yticks(y)
    ax.set_yticklabels([f"{input_label(b.input)}\n{range_label(b)}" for b in bars], fontsize=8)
    ax.axvline(base, color="#333333", linewidth=1.2)
    lo = min(min(b.variance_low, b.variance_high) for b in bars)
    hi = max(max(b.variance_low, b.variance_high) for b in bars)
    if lo <= 0 <= hi:
        ax.axvline(0, color="#000000", linewidth=0.8, linestyle=":")
    pad = (hi - lo) * 0.18 or 1.0
    ax.set_xlim(min(lo, base) - pad, max(hi, base) + pad)
    ax.xaxis.set_major_formatter(cc.money_axis)
    ax.set_xlabel(f"total variance {horizon}, overspend + / underspend -\n"
                  f"centre line: the plan, {cc.pounds(base)}", fontsize=9)
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(handles=[Patch(color=low_colour, label="input at its low value"),
                       Patch(color=high_colour, label="input at its high value")],
              loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False,
              fontsize=9)
    fig.suptitle(f"What moves the variance most (one input at a time)\n{title}", fontsize=12,
                 x=0.01, ha="left", fontweight="bold")
    return fig


def main(argv: Sequence[str]) -> int:
    args = cc.parser(__doc__.split("\n\n")[0], simulate=True).parse_args(argv)
    doc = cc.load_document(args.scenario, "simulate", args.threads)
    years = cc.year_labels(doc)
    horizon = f"{years[0]} to {years[-1]}" if years else "over the horizon"
    fig = draw(tornado_rows(doc), planned_total(doc),
               str((doc.get("scenario") or {}).get("name", "")), horizon)
    fig.savefig(args.output, dpi=args.dpi)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(cc.run_main(main, None))
