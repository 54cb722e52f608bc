"""What the chart examples share: reading a result document, the command line, money on axes.

Each chart takes either a scenario file (run through the s75 bindings) or a JSON document
already written by ``s75 ... --format json`` (a name ending in .json), so a chart can be
redrawn without rerunning a simulation.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Any, Callable, Dict, List, Optional, Sequence

import matplotlib

matplotlib.use("Agg")  # files only: no display needed, same pixels everywhere

from matplotlib.ticker import FuncFormatter  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))

# Colours that stay apart for the common colour-vision deficiencies (Okabe and Ito).
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000"]
OVER = "#D55E00"   # overspend: partners pay in
UNDER = "#0072B2"  # underspend: partners get money back
# The tornado's two ends in the colours of the HTML paper's tornado (libs75's SVG palette:
# orange for an input at its low value, NHS blue at its high value), so a chart pasted next
# to the paper reads the same way.
TORNADO_LOW = "#e69f00"
TORNADO_HIGH = "#005eb8"


def import_s75() -> Any:
    """The s75 package: installed, on PYTHONPATH, or from this checkout's bindings/python."""
    try:
        import s75
    except ImportError:
        sys.path.insert(0, os.path.normpath(os.path.join(HERE, "..", "..", "bindings",
                                                         "python")))
        import s75
    return s75


def load_document(source: str, mode: str, threads: Optional[int] = None) -> Dict[str, Any]:
    """The result document: read from `source` when it ends in .json, otherwise computed by
    running the scenario file `source` in `mode` ("run" or "simulate")."""
    if source.lower().endswith(".json"):
        with open(source, encoding="utf-8") as f:
            return json.load(f)
    s75 = import_s75()
    with s75.Scenario.from_file(source) as sc:
        if mode == "simulate":
            return sc.simulate(threads=threads)
        return sc.run()


def year_labels(doc: Dict[str, Any]) -> List[str]:
    """Financial-year labels ("2025/26", ...)."""
    return [str(y) for y in doc.get("years", [])]


def deterministic_years(doc: Dict[str, Any]) -> List[Dict[str, Any]]:
    """Per-year deterministic figures: the projection of a pool, or the consolidated
    position of a portfolio (MODEL.md §10)."""
    if "projection" in doc:
        return list(doc["projection"])
    portfolio = doc.get("portfolio") or {}
    return list(portfolio.get("consolidated", []))


def pounds(value: float, _pos: Any = None) -> str:
    """Money for an axis: £1.2m, £350k, -£40k."""
    sign = "-" if value < 0 else ""
    v = abs(value)
    if v >= 1e6:
        text = f"£{v / 1e6:.1f}m"
    elif v >= 1e3:
        text = f"£{v / 1e3:.0f}k"
    else:
        text = f"£{v:.0f}"
    return sign + text


money_axis = FuncFormatter(pounds)


def share(p: float) -> str:
    """A probability as a whole per cent, without rounding a near-certainty to certainty."""
    if p != p:  # NaN: not reported
        return "n/a"
    if 0.995 <= p < 1.0:
        return ">99%"
    if 0.0 < p < 0.005:
        return "<1%"
    return f"{p:.0%}"


class _Parser(argparse.ArgumentParser):
    """Takes the PNG to write as -o OUT, as the s75 command does (a second positional
    argument is still read, for scripts written before -o)."""

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # type: ignore[override]
        ns = super().parse_args(args, namespace)
        if ns.output and ns.output_positional and ns.output != ns.output_positional:
            self.error("give the output once: -o OUT")
        ns.output = ns.output or ns.output_positional
        if not ns.output:
            self.error("where to write the chart? give -o OUT")
        return ns


def parser(description: str, simulate: bool) -> argparse.ArgumentParser:
    """The command line every chart takes: SCENARIO -o OUT [--threads N] [--dpi D]."""
    p = _Parser(description=description)
    p.add_argument("scenario", help="scenario YAML file, or a JSON document from "
                                    "`s75 ... --format json` (name ending in .json)")
    p.add_argument("-o", "--output", help="PNG file to write")
    p.add_argument("output_positional", nargs="?", metavar="OUTPUT", help=argparse.SUPPRESS)
    if simulate:
        p.add_argument("--threads", type=int, default=None,
                       help="simulation threads (default: all cores)")
    p.add_argument("--dpi", type=int, default=150, help="resolution (default 150)")
    return p


def run_main(main: Callable[[Sequence[str]], int], argv: Optional[Sequence[str]]) -> int:
    """Runs a chart's main, turning the library's errors into a message and exit status 1
    as the s75 command does."""
    s75 = import_s75()
    try:
        return main(sys.argv[1:] if argv is None else argv)
    except (s75.Error, OSError, ValueError) as e:
        print(f"{os.path.basename(sys.argv[0])}: {e}", file=sys.stderr)
        return 1
