#!/usr/bin/python3
"""Fan chart of the pool's simulated variance by year (MODEL.md §9): the p5-p95 band, the median,
the planned (deterministic) variance and the zero line between overspend and underspend, with
the probability of an overspend under each year.

    python3 examples/python/fan_chart.py configs/derbyshire-0-19.yaml -o fan.png
    python3 examples/python/fan_chart.py simulated.json -o fan.png  # `s75 simulate --format json`
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Sequence

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chart_common as cc  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


@dataclass
class Fan:
    """What the chart shows, per year."""

    title: str
    years: List[str]
    p5: List[float]
    p50: List[float]
    p95: List[float]
    planned: List[Optional[float]]  # the deterministic variance, when the document has it
    p_overspend: List[float]
    draws: int


def fan_series(doc: Dict[str, Any]) -> Fan:
    """The fan's figures from a result document with a `simulation` section."""
    sim = doc.get("simulation")
    if not sim or not sim.get("years"):
        raise ValueError("the document has no simulation: run `s75 simulate`, or give a "
                         "scenario with an uncertainty: block")
    years = sim["years"]
    planned_by_year = {str(p["year"]): p.get("variance") for p in cc.deterministic_years(doc)}
    labels = [str(y["year"]) for y in years]
    return Fan(
        title=str((doc.get("scenario") or {}).get("name", "")),
        years=labels,
        p5=[float(y["variance"]["p5"]) for y in years],
        p50=[float(y["variance"]["p50"]) for y in years],
        p95=[float(y["variance"]["p95"]) for y in years],
        planned=[planned_by_year.get(label) for label in labels],
        p_overspend=[float(y.get("p_overspend", float("nan"))) for y in years],
        draws=int(sim.get("draws", 0)),
    )


def draw(fan: Fan) -> Figure:
    """The fan chart as a matplotlib Figure."""
    fig, ax = plt.subplots(figsize=(9, 5.2), layout="constrained")
    x = list(range(len(fan.years)))
    ax.fill_between(x, fan.p5, fan.p95, color=cc.PALETTE[0], alpha=0.22, linewidth=0,
                    label="5th to 95th percentile")
    ax.plot(x, fan.p5, color=cc.PALETTE[0], linewidth=0.8, alpha=0.6)
    ax.plot(x, fan.p95, color=cc.PALETTE[0], linewidth=0.8, alpha=0.6)
    ax.plot(x, fan.p50, color=cc.PALETTE[0], linewidth=2.2, marker="o", label="median (p50)")
    if any(v is not None for v in fan.planned):
        ax.plot(x, [float("nan") if v is None else v for v in fan.planned], color="#333333",
                linestyle="--", linewidth=1.2, marker="d", markersize=4,
                label="plan (deterministic run)")
    ax.axhline(0, color="#000000", linewidth=1.0)
    ax.text(1.0, 0, " overspend ▲\n underspend ▼", transform=ax.get_yaxis_transform(),
            va="center", ha="left", fontsize=8, color="#555555", clip_on=False)
    ax.set_xticks(x)
    ax.set_xticklabels([f"{y}\nP(overspend) {cc.share(p)}"
                        for y, p in zip(fan.years, fan.p_overspend)], fontsize=8.5)
    ax.yaxis.set_major_formatter(cc.money_axis)
    ax.set_ylabel("variance: overspend (+) / underspend (-), cash")
    low = min(min(fan.p5), 0.0)
    high = max(max(fan.p95), 0.0)
    pad = (high - low) * 0.08 or 1.0
    ax.set_ylim(low - pad, high + pad)
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.set_title(fan.title, fontsize=11, loc="left")
    fig.suptitle(f"Simulated pool variance by year ({fan.draws:,} draws)", fontsize=13,
                 x=0.01, ha="left", fontweight="bold")
    return fig


def main(argv: Sequence[str]) -> int:
    args = cc.parser(__doc__.split("\n\n")[0], simulate=True).parse_args(argv)
    doc = cc.load_document(args.scenario, "simulate", args.threads)
    fig = draw(fan_series(doc))
    fig.savefig(args.output, dpi=args.dpi)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(cc.run_main(main, None))
