#!/usr/bin/python3
"""The chart examples (examples/python/*_chart.py): their figures and the PNGs they write.

Run by `meson test` (suite `python`) with Debian's python3 and python3-matplotlib:
    S75_LIBRARY=build/libs75/libs75.so PYTHONPATH=bindings/python S75_EXE=build/examples/s75 \
        /usr/bin/python3 tests/python/test_charts.py
Environment:
    S75_CHART_DIR    where the PNGs go (default: a temporary directory, removed afterwards)
    S75_EXE          the s75 command, asked whether `simulate` works on the shipped scenario
    S75_SOURCE_ROOT  the repository root (default: two levels above this file)

Each chart is drawn from the hand-made document tests/python/fixtures/*.simulate.json (the
§10 `simulation` shape plus `simulation.tornado`) and from the shipped scenario
configs/derbyshire-0-19.yaml; the scenario runs are skipped, with the reason, while
`s75 simulate` fails on it.
"""
from __future__ import annotations

import importlib
import json
import os
import struct
import subprocess
import sys
import tempfile
import unittest
from typing import Any, Dict, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.environ.get("S75_SOURCE_ROOT") or os.path.join(HERE, "..", ".."))
EXE = os.environ.get("S75_EXE") or ""
CHARTS = os.path.join(ROOT, "examples", "python")
FIXTURE = os.path.join(HERE, "fixtures", "derbyshire-0-19.simulate.json")
SHIPPED = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
sys.path.insert(0, CHARTS)
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))

cc = importlib.import_module("chart_common")
fan_chart = importlib.import_module("fan_chart")
tornado_chart = importlib.import_module("tornado_chart")
risk_share_chart = importlib.import_module("risk_share_chart")

_tmp = None


def out_dir() -> str:
    global _tmp
    chosen = os.environ.get("S75_CHART_DIR")
    if chosen:
        os.makedirs(chosen, exist_ok=True)
        return chosen
    if _tmp is None:
        _tmp = tempfile.TemporaryDirectory()
    return _tmp.name


def fixture() -> Dict[str, Any]:
    with open(FIXTURE, encoding="utf-8") as f:
        return json.load(f)


def png_size(path: str) -> Tuple[int, int]:
    """(width, height) from a PNG's IHDR; AssertionError when it is not a PNG."""
    with open(path, "rb") as f:
        head = f.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert head[12:16] == b"IHDR"
    return struct.unpack(">II", head[16:24])


def draw(script: str, source: str, name: str, *extra: str) -> subprocess.CompletedProcess:
    out = os.path.join(out_dir(), name)
    if os.path.exists(out):
        os.remove(out)
    return subprocess.run([sys.executable, os.path.join(CHARTS, script), *extra, source, "-o", out],
                          capture_output=True, text=True, timeout=600)


def simulate_problem() -> str:
    """Why `s75 simulate` cannot feed the charts from the shipped scenario, or "" if it can."""
    if not (EXE and os.path.exists(EXE)):
        return "S75_EXE is not set to the s75 command"
    out = subprocess.run([EXE, "simulate", "--format", "json", SHIPPED], capture_output=True,
                         text=True, timeout=600)
    if out.returncode != 0:
        return f"`s75 simulate` exits {out.returncode}: {out.stderr.strip()}"
    return ""


class TestFigures(unittest.TestCase):
    """What each chart reads from a document, checked against the fixture's own numbers."""

    def test_fan_series(self) -> None:
        doc = fixture()
        fan = fan_chart.fan_series(doc)
        sim_years = doc["simulation"]["years"]
        self.assertEqual(fan.years, doc["years"])
        self.assertEqual(fan.p5, [y["variance"]["p5"] for y in sim_years])
        self.assertEqual(fan.p50, [y["variance"]["p50"] for y in sim_years])
        self.assertEqual(fan.p95, [y["variance"]["p95"] for y in sim_years])
        self.assertEqual(fan.planned, [p["variance"] for p in doc["projection"]])
        self.assertEqual(fan.draws, 20000)
        self.assertTrue(all(a <= b <= c for a, b, c in zip(fan.p5, fan.p50, fan.p95)))

    def test_fan_needs_a_simulation(self) -> None:
        doc = fixture()
        del doc["simulation"]
        with self.assertRaisesRegex(ValueError, "no simulation"):
            fan_chart.fan_series(doc)

    def test_tornado_rows_ranked_by_swing(self) -> None:
        doc = fixture()
        # Shuffle the library's order: the chart must rank by swing itself.
        doc["simulation"]["tornado"].reverse()
        bars = tornado_chart.tornado_rows(doc)
        self.assertEqual(bars[0].input, "pay_award")
        swings = [b.swing for b in bars]
        self.assertEqual(swings, sorted(swings, reverse=True))
        for b in bars:
            row = next(r for r in doc["simulation"]["tornado"] if r["input"] == b.input)
            self.assertAlmostEqual(b.swing, row["swing"], places=2)
        # The bars start from the plan: the deterministic variance summed over the years.
        self.assertAlmostEqual(tornado_chart.planned_total(doc),
                               sum(p["variance"] for p in doc["projection"]), places=6)

    def test_tornado_at_top_level_is_read_too(self) -> None:
        doc = fixture()
        doc["tornado"] = doc["simulation"].pop("tornado")
        self.assertEqual(len(tornado_chart.tornado_rows(doc)), 5)

    def test_risk_shares(self) -> None:
        doc = fixture()
        s = risk_share_chart.risk_shares(doc)
        self.assertEqual(s.partners, ["dcc", "dchs"])
        self.assertEqual(s.amounts["dcc"], [p["risk_share"]["dcc"] for p in doc["projection"]])
        # Whiskers come from the simulation's p5 and p95.
        first = doc["simulation"]["years"][0]["risk_share"]["dchs"]
        self.assertEqual(s.ranges["dchs"][0], (first["p5"], first["p95"]))

    def test_portfolio_uses_the_consolidated_position(self) -> None:
        doc = {"years": ["2025/26"], "scenario": {"name": "P"},
               "portfolio": {"pools": [], "consolidated": [
                   {"year": "2025/26", "variance": -100.0, "unallocated": 0.0,
                    "risk_share": {"p0": -60.0, "p1": -40.0}}]}}
        s = risk_share_chart.risk_shares(doc)
        self.assertEqual(s.amounts, {"p0": [-60.0], "p1": [-40.0]})
        self.assertEqual(tornado_chart.planned_total(doc), -100.0)

    def test_money_and_share_labels(self) -> None:
        self.assertEqual(cc.pounds(1_234_567), "£1.2m")
        self.assertEqual(cc.pounds(-40_000), "-£40k")
        self.assertEqual(cc.pounds(0), "£0")
        self.assertEqual(cc.share(0.9997), ">99%")
        self.assertEqual(cc.share(0.0004), "<1%")
        self.assertEqual(cc.share(0.62), "62%")
        self.assertEqual(cc.share(float("nan")), "n/a")


class TestPngs(unittest.TestCase):
    """The scripts as a user runs them."""

    def check_png(self, result: subprocess.CompletedProcess, name: str) -> None:
        self.assertEqual(result.returncode, 0, result.stderr)
        path = os.path.join(out_dir(), name)
        width, height = png_size(path)
        # 150 dpi on a 9-inch-wide figure.
        self.assertEqual(width, 1350)
        self.assertGreater(height, 400)
        self.assertGreater(os.path.getsize(path), 20_000)

    def test_from_fixture(self) -> None:
        for script, name in (("fan_chart.py", "fan-fixture.png"),
                             ("tornado_chart.py", "tornado-fixture.png"),
                             ("risk_share_chart.py", "risk-share-fixture.png")):
            with self.subTest(script=script):
                self.check_png(draw(script, FIXTURE, name), name)

    def test_risk_share_from_shipped_scenario(self) -> None:
        self.check_png(draw("risk_share_chart.py", SHIPPED, "risk-share.png"), "risk-share.png")

    def test_simulated_charts_from_shipped_scenario(self) -> None:
        problem = simulate_problem()
        if problem:
            self.skipTest(problem)
        for script, name, extra in (("fan_chart.py", "fan-chart.png", ()),
                                    ("tornado_chart.py", "tornado.png", ()),
                                    ("risk_share_chart.py", "risk-share-simulated.png",
                                     ("--simulate",))):
            with self.subTest(script=script):
                self.check_png(draw(script, SHIPPED, name, *extra, "--threads", "2"), name)

    def test_clear_error_without_a_simulation(self) -> None:
        with tempfile.TemporaryDirectory() as tmp:
            doc = fixture()
            del doc["simulation"]
            src = os.path.join(tmp, "run.json")
            with open(src, "w") as f:
                json.dump(doc, f)
            out = draw("fan_chart.py", src, "never.png")
        self.assertEqual(out.returncode, 1)
        self.assertIn("no simulation", out.stderr)
        self.assertNotIn("Traceback", out.stderr)
        self.assertFalse(os.path.exists(os.path.join(out_dir(), "never.png")))

    def test_output_is_taken_with_o_as_the_cli_does(self) -> None:
        out = os.path.join(out_dir(), "positional.png")
        if os.path.exists(out):
            os.remove(out)
        # the older positional form still works
        r = subprocess.run([sys.executable, os.path.join(CHARTS, "fan_chart.py"), FIXTURE, out],
                           capture_output=True, text=True, timeout=600)
        self.check_png(r, "positional.png")
        r = subprocess.run([sys.executable, os.path.join(CHARTS, "fan_chart.py"), FIXTURE],
                           capture_output=True, text=True, timeout=600)
        self.assertEqual(r.returncode, 2)
        self.assertIn("give -o OUT", r.stderr)

    def test_tornado_colours_are_the_html_papers(self) -> None:
        """The chart's low and high ends are the colours of the paper's tornado: the SVG
        bars whose tooltip says Low / High."""
        if not (EXE and os.path.exists(EXE)):
            self.skipTest("S75_EXE is not set")
        import re
        with tempfile.TemporaryDirectory() as d:
            page = os.path.join(d, "p.html")
            r = subprocess.run([EXE, "simulate", SHIPPED, "--set", "uncertainty.draws=200",
                                "--format", "html", "-o", page], capture_output=True, text=True,
                               timeout=600)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(page, encoding="utf-8") as f:
                html = f.read()
        fills = dict(re.findall(r'fill="(#[0-9a-fA-F]{6})"><title>[^<]*: (Low|High):', html))
        by_end = {end: colour for colour, end in fills.items()}
        self.assertEqual(by_end["Low"].lower(), cc.TORNADO_LOW.lower())
        self.assertEqual(by_end["High"].lower(), cc.TORNADO_HIGH.lower())

    def test_clear_error_for_a_bad_scenario(self) -> None:
        out = draw("risk_share_chart.py", os.path.join(ROOT, "no-such.yaml"), "never.png")
        self.assertEqual(out.returncode, 1)
        self.assertIn("no-such.yaml", out.stderr)
        self.assertNotIn("Traceback", out.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
