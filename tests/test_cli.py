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


CONFIGS = os.path.join(ROOT, "configs")


def doc(mode, path):
    p = run(mode, "--format", "json", path)
    if p.returncode != 0:
        raise AssertionError(p.stderr)
    return json.loads(p.stdout)


def money_diffs(a, b, path="$", out=None):
    """Every number of a and b that differs by more than half a penny (or any other difference)."""
    out = [] if out is None else out
    if isinstance(a, dict):
        for k in a:
            if k not in b:
                out.append(f"{path}.{k} missing")
            else:
                money_diffs(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} items against {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            money_diffs(x, y, f"{path}[{i}]", out)
    elif isinstance(a, float) or isinstance(b, float):
        if abs(a - b) > 0.005:
            out.append(f"{path}: {a} against {b}")
    elif a != b:
        out.append(f"{path}: {a!r} against {b!r}")
    return out


class CsvTables(unittest.TestCase):
    """Scenarios reading CSV exports (configs/data/): the same figures as the hand-written YAML."""

    def test_ledger_scenario_gives_the_yaml_monitoring_exactly(self):
        a = doc("monitor", os.path.join(CONFIGS, "derbyshire-0-19-monitoring.yaml"))
        b = doc("monitor", os.path.join(CONFIGS, "derbyshire-0-19-ledger.yaml"))
        self.assertEqual(a["monitoring"], b["monitoring"])

    def test_establishment_scenario_reproduces_the_yaml_projection(self):
        a = doc("run", os.path.join(CONFIGS, "derbyshire-0-19.yaml"))
        b = doc("run", os.path.join(CONFIGS, "derbyshire-0-19-establishment.yaml"))
        self.assertEqual(money_diffs(a["projection"], b["projection"]), [])
        self.assertEqual(money_diffs(a["workforce"], b["workforce"]), [])

    def test_validate_reports_the_rows_each_table_gave(self):
        p = run("validate", os.path.join(CONFIGS, "derbyshire-0-19-ledger.yaml"))
        self.assertEqual(p.returncode, 0, p.stderr)
        # configs/data/gen_derbyshire_0_19.py writes 40 rows of two other cost centres, 30 of
        # January-March 2025 (2024/25) and 7 of accounts no category lists (6 income, 1 note).
        self.assertRegex(p.stdout, r"derbyshire-0-19-ledger\.csv \(monitoring\.actuals_from\): "
                                   r"\d+ rows, \d+ used; ignored: 40 other cost centres, 30 other "
                                   r"years, 7 other accounts")
        p = run("validate", os.path.join(CONFIGS, "derbyshire-0-19-establishment.yaml"))
        self.assertRegex(p.stdout, r"\(workforce_from\): \d+ rows into 8 workforce lines")

    def held_out(self, scenario, csv_name, change, mode=None):
        """The shipped scenario run (or validated) on its CSV changed by `change` (bytes -> bytes),
        in a copy."""
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "data"))
            for f in glob.glob(os.path.join(CONFIGS, "data", "*.csv")):
                with open(f, "rb") as src, open(os.path.join(d, "data", os.path.basename(f)), "wb") as dst:
                    raw = src.read()
                    dst.write(change(raw) if os.path.basename(f) == csv_name else raw)
            text = open(os.path.join(CONFIGS, scenario), encoding="utf-8").read()
            # The copy finds the pay scale where the shipped file does.
            text = text.replace("include: [afc/2025-26.yaml]",
                                "include: [" + os.path.abspath(os.path.join(CONFIGS, "afc", "2025-26.yaml")) + "]")
            path = os.path.join(d, scenario)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            if mode == "validate":
                return run("validate", path), path
            mode = "monitor" if "ledger" in scenario else "run"
            return run(mode, "--format", "json", path), path

    def test_held_out_ledgers(self):
        want = doc("monitor", os.path.join(CONFIGS, "derbyshire-0-19-monitoring.yaml"))["monitoring"]
        led = "derbyshire-0-19-ledger.csv"

        def reorder(raw):
            lines = raw.decode("utf-8").split("\r\n")
            body = [l for l in lines[1:] if l]
            body.reverse()
            return "\n".join([lines[0]] + body).encode("utf-8")  # reordered, LF ends

        def bom_and_latin_free(raw):
            return b"\xef\xbb\xbf" + raw

        for name, change in (("reordered", reorder), ("with a BOM", bom_and_latin_free)):
            with self.subTest(name):
                p, _ = self.held_out("derbyshire-0-19-ledger.yaml", led, change)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertEqual(json.loads(p.stdout)["monitoring"], want)

        # One more posting of 1,234.56 on pay in June: June's actuals and the to-date figure
        # move by exactly that amount.
        def extra(raw):
            return raw + b"15/06/2025,C19HV,510110,Late posting,\"1,234.56\"\r\n"
        p, _ = self.held_out("derbyshire-0-19-ledger.yaml", led, extra)
        self.assertEqual(p.returncode, 0, p.stderr)
        got = {c["category"]: c for c in json.loads(p.stdout)["monitoring"]["categories"]}
        was = {c["category"]: c for c in want["categories"]}
        self.assertAlmostEqual(got["pay"]["actual_to_date"] - was["pay"]["actual_to_date"], 1234.56, places=6)
        self.assertEqual(got["agency"], was["agency"])

        # Re-encoded in Windows-1252 with a pound sign: an error at the byte, not a wrong figure.
        def cp1252(raw):
            lines = raw.split(b"\r\n")
            lines[7] = lines[7][:10] + b"\xa3" + lines[7][10:]  # after the date "dd/mm/yyyy"
            return b"\r\n".join(lines)
        p, path = self.held_out("derbyshire-0-19-ledger.yaml", led, cp1252)
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stderr, r"derbyshire-0-19-ledger\.csv:8:11: byte 0xA3 is not UTF-8")

    def test_held_out_establishment(self):
        est = "derbyshire-0-19-establishment.csv"
        want = doc("run", os.path.join(CONFIGS, "derbyshire-0-19.yaml"))["projection"]

        def reorder(raw):
            text = raw.decode("utf-8-sig")
            lines = [l for l in text.split("\n") if l]
            return ("\r\n".join(lines[:1] + sorted(lines[1:], key=lambda l: l[::-1])) + "\r\n").encode()
        p, _ = self.held_out("derbyshire-0-19-establishment.yaml", est, reorder)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(money_diffs(want, json.loads(p.stdout)["projection"]), [])

        # Line 5's FTE broken, line 9's grade a band Agenda for Change lacks: both reported, at their cells.
        def broken(raw):
            lines = raw.split(b"\n")
            cells = lines[4].split(b",")
            cells[7] = b"n/a"
            lines[4] = b",".join(cells)
            cells = lines[8].split(b",")
            cells[5] = b"Band 10"
            lines[8] = b",".join(cells)
            return b"\n".join(lines)
        p, _ = self.held_out("derbyshire-0-19-establishment.yaml", est, broken, "validate")
        self.assertEqual(p.returncode, 1)
        self.assertRegex(p.stderr, r"establishment\.csv:5:\d+: workforce_from\.columns\.wte: 'FTE' is 'n/a'")
        self.assertRegex(p.stderr, r"establishment\.csv:9:\d+: workforce_from\.columns\.band: 'Grade' is "
                                   r"'Band 10': no such band")

    def test_bad_tables_name_file_line_column_and_header(self):
        cases = sorted(glob.glob(os.path.join(ROOT, "tests", "data", "csv-bad", "*", "expect")))
        self.assertGreaterEqual(len(cases), 15)
        for expect in cases:
            d = os.path.dirname(expect)
            with self.subTest(case=os.path.basename(d)):
                p = subprocess.run([os.path.abspath(EXE), "validate", "scenario.yaml"], cwd=d,
                                   capture_output=True, text=True)
                self.assertEqual(p.returncode, 1, p.stdout)
                for line in open(expect, encoding="utf-8").read().splitlines():
                    self.assertIn(line, p.stderr)


class LongNames(unittest.TestCase):
    """Text reports wrap a long label at a word instead of cutting it, and line
    their figures up by display width (multibyte, wide and combining
    characters)."""

    NAMES = {
        "Community nurse (intermediate care)":
            "Community nurse (intermediate care and rapid response, Derbyshire Dales)",
        "Derbyshire County Council (adult social care)":
            "Cyngor Sir Ynys M\u00f4n / \u6e2f\u533a\u798f\u7949\u90e8 (adult social care and public health)",
        "Shared management structure":
            "Shared management structure (one service manager across cafe\u0301 and clinic sites)",
    }

    @staticmethod
    def columns(line):
        import unicodedata
        return sum(0 if unicodedata.combining(c) else
                   2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    def test_no_name_is_cut_and_figures_line_up(self):
        with open(os.path.join(ROOT, "configs", "reablement.yaml"), encoding="utf-8") as fh:
            src = fh.read()
        for old, new in self.NAMES.items():
            self.assertIn(old, src)
            src = src.replace(old, new)
        src = src.replace("draws: 20000", "draws: 200")
        with tempfile.TemporaryDirectory() as d:
            os.symlink(os.path.join(ROOT, "configs", "afc"), os.path.join(d, "afc"))
            f = os.path.join(d, "long.yaml")
            with open(f, "w", encoding="utf-8") as fh:
                fh.write(src)
            for cmd in ("run", "simulate"):
                with self.subTest(cmd=cmd):
                    p = run(cmd, f)
                    self.assertEqual(p.returncode, 0, p.stderr)
                    flat = " ".join(p.stdout.split())
                    for name in self.NAMES.values():
                        self.assertGreater(len(name), 60)
                        self.assertIn(" ".join(name.split()), flat)
                    self.assertNotIn("~", p.stdout)
                    # every line of a year table ends at the same column: the
                    # rule above it
                    lines = p.stdout.splitlines()
                    for i, line in enumerate(lines):
                        if line.startswith("-----") and i > 0 and "2025/26" in lines[i - 1]:
                            width = len(line)
                            j = i + 1
                            while j < len(lines) and lines[j].strip():
                                row = lines[j]
                                if row[-1].isdigit() and "  " in row.rstrip():
                                    self.assertEqual(self.columns(row), width, row)
                                j += 1


class TidyCsv(unittest.TestCase):
    """--format tidy: one value a row under section,item,partner,band,year,measure,value,
    holding every value of the JSON document."""

    HEADER = "section,item,partner,band,year,measure,value"

    @staticmethod
    def rows(text):
        import csv
        import io
        return list(csv.DictReader(io.StringIO(text)))

    def test_run_holds_every_figure_of_the_projection(self):
        f = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
        doc = json.loads(run("run", "--format", "json", f).stdout)
        p = run("run", "--format", "tidy", f)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(p.stdout.splitlines()[0], self.HEADER)
        index = {}
        for r in self.rows(p.stdout):
            key = (r["section"], r["item"], r["partner"], r["band"], r["year"], r["measure"])
            self.assertNotIn(key, index, "two rows for one value")
            index[key] = r["value"]
        found = 0
        for y in doc["projection"]:
            for measure, v in y.items():
                if measure == "year":
                    continue
                if isinstance(v, dict):
                    for partner, amount in v.items():
                        got = index[("projection", "", partner, "", y["year"], measure)]
                        self.assertEqual(float(got), amount)
                        found += 1
                else:
                    self.assertEqual(float(index[("projection", "", "", "", y["year"], measure)]), v)
                    found += 1
        self.assertEqual(found, 5 * (10 + 2 * 2))  # 5 years x (10 figures + 2 partners x 2 maps)
        # the workforce, per line and year: the line's role as item, its band a column
        line = doc["workforce"][0]
        for t, year in enumerate(doc["years"]):
            self.assertEqual(float(index[("workforce", line["role"], "", line["band"], year, "pay")]),
                             line["pay"][t])

    def leaves(self, doc):
        """Every number of a JSON document but its header (s75, version, scenario,
        years) and the numbers that name a record (an appraisal sweep's mitigation)."""
        out = []

        def walk(v, key):
            if isinstance(v, dict):
                for k, c in v.items():
                    walk(c, k)
            elif isinstance(v, list):
                for c in v:
                    walk(c, key)
            elif isinstance(v, (int, float)) and not isinstance(v, bool) and key != "mitigation":
                out.append(float(v))

        for k, v in doc.items():
            if k in ("s75", "version", "scenario", "years"):
                continue
            if k == "compare":
                v = {kk: vv for kk, vv in v.items() if kk != "years"}
            walk(v, k)
        return sorted(out)

    def test_every_command_every_number_once(self):
        mon = os.path.join(ROOT, "configs", "derbyshire-0-19-monitoring.yaml")
        kent = os.path.join(ROOT, "configs", "kent-health-visiting.yaml")
        pf = os.path.join(ROOT, "configs", "derbyshire-portfolio.yaml")
        d19 = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
        for args in (("run", d19), ("appraise", kent), ("simulate", os.path.join(ROOT, "configs", "reablement.yaml"), "--set", "uncertainty.draws=500"),
                     ("monitor", mon), ("run", pf), ("compare", d19, kent)):
            with self.subTest(args=args[0] + " " + os.path.basename(args[-1])):
                doc = json.loads(run(*args, "--format", "json").stdout)
                p = run(*args, "--format", "tidy")
                self.assertEqual(p.returncode, 0, p.stderr)
                rows = self.rows(p.stdout)
                self.assertEqual(list(rows[0].keys()), self.HEADER.split(","))
                numbers = []
                for r in rows:
                    try:
                        numbers.append(float(r["value"]))
                    except ValueError:
                        pass
                self.assertEqual(sorted(numbers), self.leaves(doc))


class BoardPaper(unittest.TestCase):
    """The HTML paper is the analyst's to shape: a paper: block printed at the top,
    --sections to choose and order the sections, the appendix in year order."""

    PAPER = ("paper:\n"
             "  title: \"0-19 pooled budget: the 2026/27 plan <draft>\"\n"
             "  author: Head of finance & performance\n"
             "  date: 12 March 2026\n"
             "  recommendation: Approve the plan and the risk share\n"
             "  decision: Approve the partners' contributions for 2026/27\n")

    def scenario(self, d, extra):
        with open(os.path.join(ROOT, "configs", "derbyshire-0-19.yaml"), encoding="utf-8") as fh:
            src = fh.read()
        os.symlink(os.path.join(ROOT, "configs", "afc"), os.path.join(d, "afc"))
        f = os.path.join(d, "paper.yaml")
        with open(f, "w", encoding="utf-8") as fh:
            fh.write(src + extra)
        return f

    def html(self, *args):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "paper.html")
            p = run(*args, "--format", "html", "-o", out)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(out, encoding="utf-8") as fh:
                return fh.read()

    def test_paper_block_opens_the_paper(self):
        with tempfile.TemporaryDirectory() as d:
            f = self.scenario(d, self.PAPER)
            self.assertEqual(run("validate", f).returncode, 0)
            page = self.html("run", f)
        head = page[page.index("<header"):page.index('id="summary-h"')]
        self.assertIn("<h1>0-19 pooled budget: the 2026/27 plan &lt;draft&gt;</h1>", head)
        self.assertIn("By Head of finance &amp; performance \u00b7 12 March 2026", head)
        self.assertIn("Approve the partners&#39; contributions for 2026/27", head.replace("&#x27;", "&#39;"))
        self.assertIn("Recommendation</h3>\n<p>Approve the plan and the risk share", head)
        # the scenario's own name is still there, under the title
        self.assertIn("Derbyshire 0-19 public health nursing (illustrative)", head)
        # a paper without the block opens as before
        plain = self.html("run", os.path.join(ROOT, "configs", "derbyshire-0-19.yaml"))
        self.assertNotIn('id="decision"', plain)

    def test_paper_block_errors_name_file_line_column_and_path(self):
        with open(os.path.join(ROOT, "configs", "derbyshire-0-19.yaml"), encoding="utf-8") as fh:
            n = len(fh.read().splitlines())  # the block starts on line n + 1
        with tempfile.TemporaryDirectory() as d:
            f = self.scenario(d, "paper:\n  titel: x\n  author: [a]\n  date: \"\"\n")
            p = run("validate", f)
        self.assertEqual(p.returncode, 1)
        lines = p.stderr.splitlines()
        self.assertIn(f"{f}:{n + 2}:3: paper.titel: unknown key 'titel' (did you mean 'title'?)",
                      lines)
        self.assertIn(f"{f}:{n + 3}:11: paper.author: expected text, got a list", lines)
        self.assertIn(f"{f}:{n + 4}:9: paper.date: must not be empty", lines)
        with tempfile.TemporaryDirectory() as d:
            p = run("validate", self.scenario(d, "paper: [title]\n"))
        self.assertEqual(p.returncode, 1)
        self.assertIn("paper: expected a mapping", p.stderr)

    def test_sections_choose_and_order(self):
        f = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
        import re
        page = self.html("run", f, "--sections", "risk-share,cost,appendix")
        self.assertEqual(re.findall(r'<section class="section" id="([^"]+)"', page),
                         ["risk-share", "cost", "appendix"])
        self.assertEqual(re.findall(r'<li><a href="#([^"]+)"', page), ["risk-share", "cost", "appendix"])
        self.assertNotIn('id="summary-h"', page)
        page = self.html("run", f, "--sections", "summary,workforce")
        self.assertIn('id="summary-h"', page)
        self.assertEqual(re.findall(r'<section class="section" id="([^"]+)"', page), ["workforce"])
        # without --sections: every section, the default order
        page = self.html("run", f)
        self.assertEqual(re.findall(r'<section class="section" id="([^"]+)"', page),
                         ["cost", "spend", "risk-share", "workforce", "demand", "appraisal", "appendix"])
        for bad, msg in (("cots", "unknown section 'cots' (did you mean 'cost'?)"),
                         ("cost,cost", "'cost' is listed twice"), (",", "no section named")):
            with self.subTest(sections=bad):
                p = run("run", f, "--format", "html", "-o", "/nonexistent/x.html", "--sections", bad)
                self.assertEqual(p.returncode, 2)
                self.assertIn(msg, p.stderr)
        p = run("run", f, "--sections", "cost")
        self.assertEqual(p.returncode, 2)
        self.assertIn("HTML", p.stderr)

    def test_appendix_pay_awards_in_year_order(self):
        import re
        page = self.html("run", os.path.join(ROOT, "configs", "derbyshire-0-19.yaml"))
        i = page.index("Pay awards and on-costs by year")
        table = page[i:page.index("</table>", i)]
        years = re.findall(r'<th scope="row">([^<]+)</th>', table)
        self.assertEqual(years, ["2025/26", "2026/27", "2027/28", "2028/29", "2029/30"])


if __name__ == "__main__":
    unittest.main()
