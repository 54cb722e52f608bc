"""The s75 command: the worked cases to the penny, exit codes, formats.

Run by meson with S75_EXE and S75_SOURCE_ROOT set.
"""
import glob
import json
import os
import subprocess
import tempfile
import unittest

EXE = os.environ.get("S75_EXE", "build/examples/s75")
ROOT = os.environ.get("S75_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
CASES = os.path.join(ROOT, "tests", "data", "cases")


def run(*args, **kw):
    return subprocess.run([EXE, *args], capture_output=True, text=True, **kw)


def diff(want, got, path, out):
    """The comparison of ../shared/tools/check-cases: money to a penny, WTE,
    scores and weights to 1e-6; keys absent from the expected file are free."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            out.append(f"{path}: expected an object")
            return
        for k, v in want.items():
            if k in ("s75", "scenario"):
                continue
            if k not in got:
                out.append(f"{path}.{k}: missing")
            else:
                diff(v, got[k], f"{path}.{k}", out)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            out.append(f"{path}: expected a list of {len(want)}")
            return
        for i, (a, b) in enumerate(zip(want, got)):
            diff(a, b, f"{path}[{i}]", out)
    elif isinstance(want, (int, float)) and not isinstance(want, bool):
        tol = 1e-6 if any(w in path for w in ("wte", "score", "bcr", "weight")) else 0.01
        if not isinstance(got, (int, float)) or abs(got - want) > tol + 1e-9 * abs(want):
            out.append(f"{path}: got {got}, want {want}")
    elif want != got:
        out.append(f"{path}: got {got!r}, want {want!r}")


class WorkedCases(unittest.TestCase):
    def test_every_worked_case_matches_the_contract(self):
        names = sorted(glob.glob(os.path.join(CASES, "*.expected.json")))
        self.assertGreaterEqual(len(names), 6)
        for expected in names:
            case = expected.replace(".expected.json", ".yaml")
            with self.subTest(case=os.path.basename(case)):
                p = run("run", "--format", "json", case)
                self.assertEqual(p.returncode, 0, p.stderr)
                out = []
                diff(json.load(open(expected)), json.loads(p.stdout), "$", out)
                self.assertEqual(out, [], "\n".join(out[:10]))


class ExitCodes(unittest.TestCase):
    def test_usage_errors_exit_2(self):
        for args in ([], ["frobnicate"], ["run"], ["run", "a.yaml", "b.yaml"],
                     ["run", "x.yaml", "--format", "pdf"], ["simulate", "x", "--threads", "0"],
                     ["run", "x.yaml", "--bogus"], ["validate"]):
            with self.subTest(args=args):
                self.assertEqual(run(*args).returncode, 2)

    def test_help_and_version(self):
        p = run("--version")
        self.assertEqual(p.returncode, 0)
        self.assertRegex(p.stdout, r"^s75 \d+\.\d+\.\d+\n$")
        self.assertIn("validate FILE", run("--help").stdout)
        self.assertEqual(run("run", "--help").returncode, 0)

    def test_bad_inputs_exit_1_with_every_error_on_stderr(self):
        bad = sorted(glob.glob(os.path.join(ROOT, "tests", "data", "bad", "*.yaml")))
        self.assertGreaterEqual(len(bad), 40)
        for f in bad:
            with self.subTest(f=os.path.basename(f)):
                p = run("validate", f)
                self.assertEqual(p.returncode, 1)
                for line in open(f[:-5] + ".expect").read().splitlines():
                    if line:
                        self.assertIn(line, p.stderr)
                self.assertEqual(run("run", f).returncode, 1)

    def test_missing_file(self):
        p = run("run", "/nonexistent/x.yaml")
        self.assertEqual(p.returncode, 1)
        self.assertIn("/nonexistent/x.yaml", p.stderr)


class Formats(unittest.TestCase):
    case = os.path.join(CASES, "case-1003.yaml")

    def test_csv_and_text_carry_the_json_figures(self):
        doc = json.loads(run("run", "--format", "json", self.case).stdout)
        csv = run("run", "--format", "csv", self.case).stdout.splitlines()
        self.assertEqual(csv[0], "section,item,year,value")
        rows = {tuple(r.split(",")[:3]): float(r.split(",")[3]) for r in csv[1:]
                if r.split(",")[0] in ("projection", "risk_share")}
        for y in doc["projection"]:
            self.assertAlmostEqual(rows[("projection", "cost", y["year"])], y["cost"], places=6)
            for pid, amount in y["risk_share"].items():
                self.assertAlmostEqual(rows[("risk_share", pid, y["year"])], amount, places=2)
        text = run("run", self.case).stdout
        first = doc["projection"][0]
        self.assertIn(f"{round(first['cost']):,}", text)
        self.assertIn(doc["scenario"]["name"], text)

    def test_demand_in_csv_and_text_is_the_json_demand(self):
        path = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
        doc = json.loads(run("run", "--format", "json", path).stdout)
        csv = run("run", "--format", "csv", path).stdout.splitlines()
        rows = {tuple(r.split(",")[1:3]): float(r.split(",")[3]) for r in csv[1:] if r.startswith("demand,")}
        text = run("run", path).stdout
        for d in doc["demand"]:
            for key in ("required_wte", "staffed_wte", "capacity_gap_wte", "contact_hours", "caseload_wte",
                        "gap_cost"):
                self.assertAlmostEqual(rows[(f"band {d['band']} {key}", d["year"])], d[key], places=6)
            # one text line a band and year: required, staffed, gap, contact hours, caseload, gap cost
            line = (f"{d['year']:<10}{d['band']:<10}{d['required_wte']:14.2f}{d['staffed_wte']:14.2f}"
                    f"{d['capacity_gap_wte']:14.2f}{round(d['contact_hours']):>14,}{d['caseload_wte']:14.2f}"
                    f"{round(d['gap_cost']):>14,}")
            self.assertIn(line + "\n", text)

    def test_json_scenario_block(self):
        doc = json.loads(run("run", "--format", "json", self.case).stdout)
        import hashlib
        self.assertEqual(doc["scenario"]["sha256"], hashlib.sha256(open(self.case, "rb").read()).hexdigest())
        self.assertEqual(doc["s75"], 1)
        self.assertEqual(doc["years"][0], f"{doc['scenario']['base_year']}/{(doc['scenario']['base_year'] + 1) % 100:02d}")

    def test_output_file_written_whole_or_not_at_all(self):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "r.json")
            p = run("run", "--format", "json", "-o", out, self.case)
            self.assertEqual(p.returncode, 0, p.stderr)
            self.assertEqual(json.load(open(out))["s75"], 1)
            self.assertEqual(os.listdir(d), ["r.json"])
            bad = os.path.join(d, "missing-dir", "r.json")
            p = run("run", "--format", "json", "-o", bad, self.case)
            self.assertEqual(p.returncode, 1)
            self.assertIn("cannot write", p.stderr)
            self.assertEqual(os.listdir(d), ["r.json"])


class ShippedScenarios(unittest.TestCase):
    def test_every_shipped_scenario_validates_and_runs(self):
        for f in sorted(glob.glob(os.path.join(ROOT, "configs", "*.yaml"))):
            with self.subTest(f=os.path.basename(f)):
                p = run("validate", f)
                self.assertEqual(p.returncode, 0, p.stderr)
                p = run("run", "--format", "json", f)
                self.assertEqual(p.returncode, 0, p.stderr)
                json.loads(p.stdout)


if __name__ == "__main__":
    unittest.main()
