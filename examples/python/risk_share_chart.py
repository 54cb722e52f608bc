#!/usr/bin/python3
"""Risk share per partner per year: what each partner bears of the pool's overspend (above
zero) or gets back of its underspend (below zero) under the risk-share agreement (MODEL.md §5), with
what the caps leave unallocated. With --simulate (or a document that has a simulation), each bar
carries the partner's p5-p95 range over the draws.

    python3 examples/python/risk_share_chart.py configs/derbyshire-0-19.yaml -o risk-share.png
    python3 examples/python/risk_share_chart.py --simulate configs/kent-health-visiting.yaml -o rs.png
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, List, Sequence, Tuple

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import chart_common as cc  # noqa: E402

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402


@dataclass
class Shares:
    """Per partner, per year allocations; for a portfolio, the consolidated ones (MODEL.md §10)."""

    title: str
    years: List[str]
    partners: List[str]
    amounts: Dict[str, List[float]]
    unallocated: List[float]
    # partner -> per-year (p5, p95) from a simulation, when there is one
    ranges: Dict[str, List[Tuple[float, float]]] = field(default_factory=dict)


def risk_shares(doc: Dict[str, Any]) -> Shares:
    """The chart's figures from a result document."""
    years = cc.deterministic_years(doc)
    if not years:
        raise ValueError("the document has no projection (nor a portfolio's consolidated "
                         "position) to take risk shares from")
    partners: List[str] = []
    for y in years:
        for pid in y.get("risk_share", {}):
            if pid not in partners:
                partners.append(pid)
    amounts = {p: [float(y.get("risk_share", {}).get(p, 0.0)) for y in years] for p in partners}
    shares = Shares(
        title=str((doc.get("scenario") or {}).get("name", "")),
        years=[str(y["year"]) for y in years],
        partners=partners,
        amounts=amounts,
        unallocated=[float(y.get("unallocated") or 0.0) for y in years],
    )
    sim = doc.get("simulation") or {}
    by_year = {str(y["year"]): y for y in sim.get("years", [])}
    if by_year and all(label in by_year for label in shares.years):
        for p in partners:
            stats = [by_year[label].get("risk_share", {}).get(p) for label in shares.years]
            if all(s is not None for s in stats):
                shares.ranges[p] = [(float(s["p5"]), float(s["p95"])) for s in stats]
    return shares


def draw(s: Shares) -> Figure:
    """Grouped bars, one group per year, one bar per partner."""
    fig, ax = plt.subplots(figsize=(9, 5.2), layout="constrained")
    series = list(s.partners)
    show_unallocated = any(abs(u) >= 0.005 for u in s.unallocated)
    if show_unallocated:
        series.append("unallocated (caps)")
    width = 0.8 / max(1, len(series))
    for i, name in enumerate(series):
        values = s.amounts[name] if name in s.amounts else s.unallocated
        x = [t + (i - (len(series) - 1) / 2) * width for t in range(len(s.years))]
        colour = cc.PALETTE[i % len(cc.PALETTE)] if name in s.amounts else "#999999"
        ax.bar(x, values, width=width * 0.92, color=colour, label=name)
        if name in s.ranges:
            lows = [v - r[0] for v, r in zip(values, s.ranges[name])]
            highs = [r[1] - v for v, r in zip(values, s.ranges[name])]
            ax.errorbar(x, values, yerr=[[max(0.0, d) for d in lows], [max(0.0, d) for d in highs]],
                        fmt="none", ecolor="#222222", elinewidth=1, capsize=3)
    ax.axhline(0, color="#000000", linewidth=1.0)
    ax.set_xticks(range(len(s.years)))
    ax.set_xticklabels(s.years)
    ax.yaxis.set_major_formatter(cc.money_axis)
    ax.set_ylabel("partner bears (+) / gets back (-), cash")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    note = " (whiskers: p5 to p95 of the simulation)" if s.ranges else ""
    ax.legend(loc="upper left", frameon=False, fontsize=9, title=f"partner{note}",
              title_fontsize=8.5, alignment="left")
    ax.set_title(s.title, fontsize=11, loc="left")
    fig.suptitle("Risk share of the variance by partner and year", fontsize=13, x=0.01,
                 ha="left", fontweight="bold")
    return fig


def main(argv: Sequence[str]) -> int:
    p = cc.parser(__doc__.split("\n\n")[0], simulate=True)
    p.add_argument("--simulate", action="store_true",
                   help="run the simulation too and show each partner's p5-p95 range")
    args = p.parse_args(argv)
    doc = cc.load_document(args.scenario, "simulate" if args.simulate else "run", args.threads)
    fig = draw(risk_shares(doc))
    fig.savefig(args.output, dpi=args.dpi)
    plt.close(fig)
    return 0


if __name__ == "__main__":
    sys.exit(cc.run_main(main, None))
