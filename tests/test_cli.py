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
    """The comparison the worked cases (tests/data/cases) are held to: money to a penny, WTE,
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
        "Community nurse (senior)":
            "Community nurse (senior) for intermediate care and rapid response in Derbyshire Dales",
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
            for data in ("afc", "njc"):
                os.symlink(os.path.join(ROOT, "configs", data), os.path.join(d, data))
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
def configs(name):
    return os.path.join(ROOT, "configs", name)


def horizon_variance(doc):
    return sum(y["variance"] for y in doc["projection"])


class Solve(unittest.TestCase):
    """`s75 solve`: the set line reproduces the target; bad input exits 1 or 2."""

    def solve(self, *args):
        p = run("solve", "--format", "json", *args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)["solve"]

    def rerun(self, cmd, path, *sets):
        args = [cmd, "--format", "json", path]
        for s in sets:
            args += ["--set", s]
        p = run(*args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def test_deterministic_targets_reproduce_within_a_pound(self):
        cases = [
            ("derbyshire-0-19.yaml", "partners[dcc].contribution.uplift", "variance=0", None),
            ("derbyshire-0-19.yaml", "partners[dchs].contribution.amount", "variance=250000",
             None),
            ("reablement.yaml", "savings.schemes[0].value", "variance=0", None),
            ("kent-health-visiting.yaml", "partners[*].contribution.uplift", "variance=-100000",
             "2027"),
        ]
        for name, vary, target, year in cases:
            with self.subTest(scenario=name, vary=vary):
                extra = ["--year", year] if year else []
                s = self.solve(configs(name), "--vary", vary, "--target", target, *extra)
                self.assertEqual(s["path"], vary)
                self.assertTrue(s["set"].startswith(vary + "="))
                goal = float(target.split("=")[1])
                doc = self.rerun("run", configs(name), s["set"])
                got = (horizon_variance(doc) if not year else
                       [y["variance"] for y in doc["projection"]
                        if y["year"].startswith(year)][0])
                self.assertLessEqual(abs(got - goal), 1.0)
                self.assertAlmostEqual(got, s["achieved"], places=6)

    def test_confidence_target_reproduces_within_its_error(self):
        path = configs("kent-health-visiting.yaml")
        s = self.solve(path, "--vary", "partners[kcc].contribution.uplift", "--target",
                       "p_overspend<=25%", "--year", "2026/27", "--set", "uncertainty.draws=5000")
        mc = s["monte_carlo"]
        self.assertEqual(mc["draws"], 5000)
        doc = self.rerun("simulate", path, "uncertainty.draws=5000", s["set"])
        p = doc["simulation"]["years"][1]["p_overspend"]
        self.assertLessEqual(p, 0.25)
        self.assertLessEqual(0.25 - p, mc["standard_error"])
        self.assertEqual(p, s["achieved"])
        # just below the answer (the bracket's failing end), p is over 25%
        below = f"partners[kcc].contribution.uplift={mc['bracket']['fail']!r}"
        doc = self.rerun("simulate", path, "uncertainty.draws=5000", below)
        self.assertGreater(doc["simulation"]["years"][1]["p_overspend"], 0.25)
        self.assertLessEqual(mc["band"][0], s["value"])
        self.assertGreaterEqual(mc["band"][1], s["value"])

    def test_text_and_html(self):
        path = configs("derbyshire-0-19.yaml")
        p = run("solve", path, "--vary", "partners[dcc].contribution.uplift", "--target",
                "variance=0")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertIn("--set     partners[dcc].contribution.uplift=", p.stdout)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "solve.html")
            p = run("solve", path, "--vary", "partners[dcc].contribution.uplift", "--target",
                    "variance=0", "--format", "html", "-o", out)
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(out) as f:
                self.assertIn("--set partners[dcc].contribution.uplift=", f.read())

    def test_bad_input(self):
        kent = configs("kent-health-visiting.yaml")
        reab = configs("reablement.yaml")
        vary = ["--vary", "partners[kcc].contribution.uplift"]
        cases = [
            (2, [kent, *vary], "solve needs"),
            (2, [kent, *vary, "--target", "cost=0"], "expected variance=AMOUNT"),
            (2, [kent, *vary, "--target", "variance=0", "--range", "0.5:0.1"], "FROM must be"),
            (2, [kent, *vary, "--target", "variance=0", "--range", "x"], "FROM:TO"),
            (2, [kent, *vary, "--target", "variance=0", "--year", "26"], "--year"),
            (2, [kent, *vary, "--target", "variance=0", "--format", "csv"], "text, json or html"),
            (1, [kent, "--vary", "partners[kcx].contribution.uplift", "--target", "variance=0"],
             "did you mean 'kcc'?"),
            (1, [kent, *vary, "--target", "exposure:kcx<=1"], "did you mean 'kcc'?"),
            (1, [reab, "--vary", "partners[0].contribution.amount", "--target",
                 "p_overspend<=20%", "--set", "uncertainty.draws=3000000"], "LIMIT_SIM_VALUES"),
            (1, [kent, *vary, "--target", "variance=0", "--range", "0.1:0.5"], "no value"),
            (1, [kent, *vary, "--target", "variance=0", "--year", "2040"], "outside the model"),
            (1, [kent, *vary, "--target", "variance=0", "--range", "0:2"], "--set"),
        ]
        for code, args, words in cases:
            with self.subTest(args=args):
                p = run("solve", *args)
                self.assertEqual(p.returncode, code, p.stderr)
                self.assertIn(words, p.stderr)
        # a confidence target on a scenario without uncertainty:
        p = run("solve", os.path.join(CASES, "case-1001.yaml"), "--vary",
                "partners[p0].contribution.amounts.2025", "--target", "p_overspend<=20%")
        self.assertEqual(p.returncode, 1)
        self.assertIn("needs an uncertainty: block", p.stderr)


class Grid(unittest.TestCase):
    """`s75 grid`: every cell is the run with both --set values."""

    def test_every_cell_equals_the_run_with_both_sets(self):
        path = configs("derbyshire-0-19.yaml")
        x, y = "partners[dcc].contribution.uplift", "pay.awards.2026"
        for measure in ("variance", "variance:2027", "share:dchs"):
            with self.subTest(measure=measure):
                p = run("grid", path, "--x", f"{x}=-2%:4%:3", "--y", f"{y}=1%:5%:2",
                        "--measure", measure, "--format", "json", "--threads", "2")
                self.assertEqual(p.returncode, 0, p.stderr)
                g = json.loads(p.stdout)["grid"]
                self.assertEqual(g["x"]["path"], x)
                self.assertEqual(g["y"]["path"], y)
                self.assertEqual(g["measure"], measure)
                self.assertEqual(g["x"]["values"], [-0.02, 0.01, 0.04])
                self.assertEqual(len(g["cells"]), 2)
                for i, yv in enumerate(g["y"]["values"]):
                    for j, xv in enumerate(g["x"]["values"]):
                        q = run("run", path, "--format", "json", "--set", f"{x}={xv!r}",
                                "--set", f"{y}={yv!r}")
                        self.assertEqual(q.returncode, 0, q.stderr)
                        years = json.loads(q.stdout)["projection"]
                        if measure == "variance":
                            want = sum(t["variance"] for t in years)
                        elif measure == "variance:2027":
                            want = years[2]["variance"]
                        else:
                            want = sum(t["risk_share"]["dchs"] for t in years)
                        self.assertAlmostEqual(g["cells"][i][j], want, delta=0.005)

    def test_threads_share_the_cells_and_give_the_same_table(self):
        path = configs("kent-health-visiting.yaml")
        args = ["grid", path, "--x", "partners[kcc].contribution.uplift=-3%:3%:4", "--y",
                "savings.schemes[0].confidence=0.5:1:3", "--measure", "p_overspend:2027",
                "--set", "uncertainty.draws=2000", "--format", "csv"]
        one, two = run(*args, "--threads", "1"), run(*args, "--threads", "2")
        self.assertEqual(one.returncode, 0, one.stderr)
        self.assertEqual(one.stdout, two.stdout)
        rows = one.stdout.splitlines()
        self.assertEqual(len(rows), 4)
        q = run("simulate", path, "--format", "json", "--set", "uncertainty.draws=2000",
                "--set", "partners[kcc].contribution.uplift=0.029999999999999999",
                "--set", "savings.schemes[0].confidence=1")
        want = json.loads(q.stdout)["simulation"]["years"][2]["p_overspend"]
        self.assertEqual(float(rows[3].split(",")[4]), want)

    def test_html_and_xlsx(self):
        path = configs("derbyshire-0-19.yaml")
        with tempfile.TemporaryDirectory() as d:
            for fmt in ("html", "xlsx"):
                out = os.path.join(d, "grid." + fmt)
                p = run("grid", path, "--x", "partners[dcc].contribution.uplift=-2%:4%:3",
                        "--y", "pay.awards.2026=1%:5%:3", "--format", fmt, "-o", out)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertGreater(os.path.getsize(out), 500)

    def test_bad_input(self):
        path = configs("derbyshire-0-19.yaml")
        x = "partners[dcc].contribution.uplift=-2%:4%:3"
        cases = [
            (2, ["--x", x], "grid needs"),
            (2, ["--x", x, "--y", "pay.awards.2026=1%:5%:1"], "STEPS must be from 2 to 101"),
            (2, ["--x", x, "--y", "pay.awards.2026=1%:5%:102"], "STEPS must be from 2 to 101"),
            (2, ["--x", x, "--y", "pay.awards.2026=5%:1%:3"], "FROM must be below TO"),
            (2, ["--x", x, "--y", "pay.awards.2026"], "PATH=FROM:TO:STEPS"),
            (2, ["--x", x, "--y", "pay.awards.2026=1%:5%:3", "--measure", "cost"],
             "unknown measure"),
            (1, ["--x", "partners[dcx].contribution.uplift=0:1:2", "--y",
                 "pay.awards.2026=1%:5%:3"], "did you mean 'dcc'?"),
            (1, ["--x", x, "--y", "pay.awards.2026=1%:5%:3", "--measure", "share:dchx"],
             "did you mean 'dchs'?"),
            (1, ["--x", x, "--y", "pay.awards.2026=1%:5%:3", "--measure", "variance:2040"],
             "outside the model"),
            (1, ["--x", "partners[dcc].contribution.uplift=0:1:101", "--y",
                 "pay.awards.2026=1%:5%:100"], "LIMIT_GRID_CELLS"),
            # 400 cells x 1,000,000 draws x 5 years x 5 series: over 4e9
            (1, ["--x", "partners[dcc].contribution.uplift=0:1:20", "--y",
                 "pay.awards.2026=1%:5%:20", "--measure", "p_overspend",
                 "--set", "uncertainty.draws=1000000"], "LIMIT_SIM_WORK"),
        ]
        for code, args, words in cases:
            with self.subTest(args=args):
                p = run("grid", path, *args)
                self.assertEqual(p.returncode, code, p.stderr)
                self.assertIn(words, p.stderr)
        p = run("grid", os.path.join(CASES, "case-1001.yaml"), "--x",
                "partners[p0].contribution.amounts.2025=0:1:2", "--y",
                "partners[p1].contribution.amounts.2025=0:1:2", "--measure", "p_overspend")
        self.assertEqual(p.returncode, 1)
        self.assertIn("needs an uncertainty: block", p.stderr)


class Statement(unittest.TestCase):
    """`--partner ID`: the partner's figures equal the run's JSON."""

    def json(self, *args):
        p = run(*args, "--format", "json")
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)

    def test_run_statement_equals_the_run(self):
        path = configs("derbyshire-0-19.yaml")
        doc = self.json("run", path)
        for pid in ("dcc", "dchs"):
            with self.subTest(partner=pid):
                st = self.json("run", path, "--partner", pid)["statement"]
                self.assertEqual(st["partner"], pid)
                years = doc["projection"]
                self.assertEqual(st["years"], [y["year"] for y in years])
                self.assertEqual(st["contribution"], [y["contributions"][pid] for y in years])
                self.assertEqual(st["risk_share"], [y["risk_share"][pid] for y in years])
                self.assertEqual(st["variance"], [y["variance"] for y in years])
                self.assertAlmostEqual(st["total"]["risk_share"],
                                       sum(y["risk_share"][pid] for y in years), places=2)
                self.assertIsNone(st["simulation"])
                self.assertIsNone(st["pay_bill"])
                text = run("run", path, "--partner", pid).stdout
                share = f"{round(st['total']['risk_share']):,}"
                self.assertIn(share, text)

    def test_the_pay_bill_it_employs_is_its_pay_by_employer(self):
        # Reablement: the council employs the NJC lines, the trust the Agenda for Change ones.
        path = configs("reablement.yaml")
        doc = self.json("run", path)
        for pid in ("dcc", "dchs"):
            with self.subTest(partner=pid):
                st = self.json("run", path, "--partner", pid)["statement"]
                self.assertEqual(st["pay_bill"], doc["pay_by_employer"][pid])
                text = run("run", path, "--partner", pid).stdout
                self.assertIn("Pay bill it employs", text)
                self.assertIn(f"{round(sum(doc['pay_by_employer'][pid])):,}", text)
                self.assertNotIn("is not shown", text)

    def test_simulate_statement_equals_the_simulation(self):
        path = configs("kent-health-visiting.yaml")
        sets = ["--set", "uncertainty.draws=3000"]
        doc = self.json("simulate", path, *sets)
        st = self.json("simulate", path, *sets, "--partner", "kcht")["statement"]
        sim = st["simulation"]
        self.assertEqual(sim["draws"], 3000)
        self.assertEqual(sim["p95"], [y["risk_share"]["kcht"]["p95"]
                                      for y in doc["simulation"]["years"]])
        for p in sim["p_pays"] + [st["total"]["p_pays"]]:
            self.assertTrue(0 <= p <= 1)
        # paying something in a year needs an overspend that year
        for p, y in zip(sim["p_pays"], doc["simulation"]["years"]):
            self.assertLessEqual(p, y["p_overspend"])
        self.assertTrue(1 <= len(sim["drivers"]) <= 3)
        swings = [d["swing"] for d in sim["drivers"]]
        self.assertEqual(swings, sorted(swings, reverse=True))
        inputs = {b["input"] for b in doc["simulation"]["tornado"]}
        for d in sim["drivers"]:
            self.assertIn(d["input"], inputs)
            self.assertAlmostEqual(d["swing"], abs(d["share_high"] - d["share_low"]), places=6)

    def test_monitor_statement_and_files(self):
        path = configs("derbyshire-0-19-monitoring.yaml")
        doc = self.json("monitor", path)
        st = self.json("monitor", path, "--partner", "dchs")["statement"]
        self.assertEqual(st["monitoring"]["risk_share"],
                         doc["monitoring"]["risk_share"]["dchs"])
        with tempfile.TemporaryDirectory() as d:
            for fmt in ("html", "xlsx"):
                out = os.path.join(d, "s." + fmt)
                p = run("monitor", path, "--partner", "dchs", "--format", fmt, "-o", out)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertGreater(os.path.getsize(out), 1000)

    def test_bad_partner(self):
        p = run("run", configs("derbyshire-0-19.yaml"), "--partner", "dchx")
        self.assertEqual(p.returncode, 1)
        self.assertIn("did you mean 'dchs'?", p.stderr)
        p = run("run", configs("derbyshire-0-19.yaml"), "--partner", "dcc", "--format", "csv")
        self.assertEqual(p.returncode, 2)
        p = run("run", configs("derbyshire-portfolio.yaml"), "--partner", "dcc")
        self.assertEqual(p.returncode, 1)
        self.assertIn("single pool", p.stderr)


if __name__ == "__main__":
    unittest.main()


def digest_of(scenario):
    """The digest as docs/MODEL.md §12 lays out the hashed text."""
    import hashlib

    def field(tag, s):
        return f"{tag} {len(s.encode())}:{s}\n"
    text = "s75-digest 1\n"
    for f in scenario["inputs"]:
        text += field("input", f["path"]) + field("sha256", f["sha256"])
    if scenario["variant"] is not None:
        text += field("variant", scenario["variant"])
    for o in scenario["overrides"]:
        text += field("set", o)
    return hashlib.sha256(text.encode()).hexdigest()


class InputsAndDigest(unittest.TestCase):
    """Every file read is listed with its hash; the digest covers them, the
    variant and the --set overrides."""

    def scenario(self, *args):
        p = run("run", "--format", "json", *args)
        self.assertEqual(p.returncode, 0, p.stderr)
        return json.loads(p.stdout)["scenario"]

    def tree(self, d):
        """A copy of derbyshire-0-19 and its include in d."""
        import shutil
        os.makedirs(os.path.join(d, "afc"))
        shutil.copy(os.path.join(ROOT, "configs", "derbyshire-0-19.yaml"), d)
        shutil.copy(os.path.join(ROOT, "configs", "afc", "2025-26.yaml"), os.path.join(d, "afc"))
        return os.path.join(d, "derbyshire-0-19.yaml")

    def test_an_edited_include_changes_the_digest_and_is_listed(self):
        import hashlib
        with tempfile.TemporaryDirectory() as d:
            main = self.tree(d)
            inc = os.path.join(d, "afc", "2025-26.yaml")
            before = self.scenario(main)
            self.assertEqual([f["path"] for f in before["inputs"]],
                             ["derbyshire-0-19.yaml", "afc/2025-26.yaml"])
            self.assertEqual(before["inputs"][1]["sha256"],
                             hashlib.sha256(open(inc, "rb").read()).hexdigest())
            self.assertEqual(before["digest"], digest_of(before))
            text = open(inc).read()
            # One pay point of band 6 moves by a pound: the main file is untouched.
            self.assertIn("38682", text)
            open(inc, "w").write(text.replace("38682", "38683", 1))
            after = self.scenario(main)
            self.assertEqual(after["sha256"], before["sha256"])
            self.assertNotEqual(after["inputs"][1]["sha256"], before["inputs"][1]["sha256"])
            self.assertNotEqual(after["digest"], before["digest"])
            self.assertEqual(after["digest"], digest_of(after))

    def test_an_edited_csv_table_changes_the_digest_and_is_listed(self):
        import hashlib
        import shutil
        with tempfile.TemporaryDirectory() as d:
            for sub in ("afc", "data"):
                os.makedirs(os.path.join(d, sub))
            shutil.copy(os.path.join(ROOT, "configs", "derbyshire-0-19-ledger.yaml"), d)
            shutil.copy(os.path.join(ROOT, "configs", "afc", "2025-26.yaml"), os.path.join(d, "afc"))
            csv = os.path.join(d, "data", "derbyshire-0-19-ledger.csv")
            shutil.copy(os.path.join(ROOT, "configs", "data", "derbyshire-0-19-ledger.csv"), csv)
            main = os.path.join(d, "derbyshire-0-19-ledger.yaml")
            before = self.scenario(main)
            self.assertEqual([f["path"] for f in before["inputs"]],
                             ["derbyshire-0-19-ledger.yaml", "afc/2025-26.yaml",
                              "data/derbyshire-0-19-ledger.csv"])
            self.assertEqual(before["inputs"][2]["sha256"],
                             hashlib.sha256(open(csv, "rb").read()).hexdigest())
            self.assertEqual(before["digest"], digest_of(before))
            # One byte more at the end of the ledger (a blank line): the YAML is untouched.
            open(csv, "ab").write(b"\r\n")
            after = self.scenario(main)
            self.assertEqual(after["sha256"], before["sha256"])
            self.assertNotEqual(after["digest"], before["digest"])
            self.assertEqual(after["digest"], digest_of(after))

    def test_same_inputs_same_digest_wherever_run_from(self):
        main = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
        a = self.scenario(main)
        b = subprocess.run([os.path.abspath(EXE), "run", "--format", "json",
                            "derbyshire-0-19.yaml"], capture_output=True, text=True,
                           cwd=os.path.join(ROOT, "configs"))
        self.assertEqual(b.returncode, 0, b.stderr)
        self.assertEqual(json.loads(b.stdout)["scenario"]["digest"], a["digest"])
        self.assertEqual(self.scenario(main)["digest"], a["digest"])
        self.assertIsNone(a["variant"])
        self.assertEqual(a["overrides"], [])

    def test_a_set_is_recorded_and_changes_the_digest_even_when_it_changes_nothing(self):
        main = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
        plain = self.scenario(main)
        same = self.scenario(main, "--set", "years=5")  # the file already says 5
        self.assertEqual(same["overrides"], ["years=5"])
        self.assertNotEqual(same["digest"], plain["digest"])
        self.assertEqual(same["digest"], digest_of(same))
        other = self.scenario(main, "--set", "years=4")
        self.assertNotEqual(other["digest"], same["digest"])

    def test_a_variant_is_recorded_and_digested(self):
        with tempfile.TemporaryDirectory() as d:
            main = self.tree(d)
            text = open(main).read()
            self.assertIn("\nvariants:\n", text)
            open(main, "w").write(text.replace("\nvariants:\n", "\nvariants:\n  same: {years: 5}\n"))
            plain = self.scenario(main)
            v = self.scenario(main, "--variant", "same")
            self.assertEqual(v["variant"], "same")
            self.assertNotEqual(v["digest"], plain["digest"])
            self.assertEqual(v["digest"], digest_of(v))

    def test_a_portfolio_lists_its_pool_files(self):
        import hashlib
        main = os.path.join(ROOT, "configs", "derbyshire-portfolio.yaml")
        sc = self.scenario(main)
        paths = [f["path"] for f in sc["inputs"]]
        self.assertEqual(paths[0], "derbyshire-portfolio.yaml")
        pools = sorted(os.path.relpath(p, os.path.join(ROOT, "configs")) for p in
                       glob.glob(os.path.join(ROOT, "configs", "derbyshire-portfolio", "*.yaml")))
        self.assertEqual(sorted(p for p in paths if p.endswith(".yaml") and "afc" not in p
                                and p != paths[0]), pools)
        self.assertIn("derbyshire-portfolio/../afc/2025-26.yaml", paths)
        self.assertEqual(len(paths), len(set(paths)))
        for f in sc["inputs"]:
            self.assertEqual(f["sha256"], hashlib.sha256(
                open(os.path.join(ROOT, "configs", f["path"]), "rb").read()).hexdigest())
        self.assertEqual(sc["digest"], digest_of(sc))

    def test_text_html_and_workbook_show_the_digest(self):
        main = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
        sc = self.scenario(main)
        text = run("run", main).stdout
        self.assertIn(sc["digest"], text)
        self.assertIn(sc["inputs"][1]["sha256"] + "  afc/2025-26.yaml", text)
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, "r.html")
            self.assertEqual(run("run", "--format", "html", "-o", out, main).returncode, 0)
            html = open(out, encoding="utf-8").read()
        self.assertIn(sc["digest"], html)
        self.assertIn("<code>afc/2025-26.yaml</code>", html)
        self.assertNotIn("the same file (the same SHA-256)", html)


class OutputFormatFromExtension(unittest.TestCase):
    """-o picks the format from its extension; --format may only agree with it."""
    main = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")

    def written(self, cmd, name, *extra):
        with tempfile.TemporaryDirectory() as d:
            out = os.path.join(d, name)
            p = run(cmd, self.main, "-o", out, *extra)
            self.assertEqual(p.returncode, 0, p.stderr)
            return open(out, "rb").read()

    def test_every_extension_writes_its_format_for_every_command(self):
        doc = json.loads(run("run", "--format", "json", self.main).stdout)
        for cmd in ("run", "appraise", "simulate", "monitor", "compare"):
            main = self.main
            if cmd == "monitor":
                self.main = os.path.join(ROOT, "configs", "derbyshire-0-19-monitoring.yaml")
            try:
                with self.subTest(cmd=cmd):
                    self.assertEqual(self.written(cmd, "r.xlsx")[:2], b"PK")  # a zip: the workbook
                    self.assertEqual(json.loads(self.written(cmd, "r.json"))["s75"], 1)
                    self.assertEqual(json.loads(self.written(cmd, "r.JSON"))["s75"], 1)
                    self.assertTrue(self.written(cmd, "r.csv").decode().split("\n")[0].count(",") >= 2)
                    txt = self.written(cmd, "r.txt").decode()
                    self.assertFalse(txt.startswith("{"))
                    if cmd != "compare":
                        self.assertIn("Derbyshire 0-19 public health nursing", txt)
                        self.assertTrue(self.written(cmd, "r.html").startswith(b"<!DOCTYPE html>"))
                        # An agreeing --format is fine.
                        self.assertEqual(json.loads(self.written(cmd, "r.json", "--format", "json"))["s75"], 1)
                    # No extension: --format decides, text without it.
                    self.assertFalse(self.written(cmd, "report").startswith(b"{"))
                    self.assertEqual(json.loads(self.written(cmd, "report", "--format", "json"))["s75"], 1)
            finally:
                self.main = main

    def test_a_format_contradicting_the_extension_is_a_usage_error_naming_both(self):
        with tempfile.TemporaryDirectory() as d:
            for cmd, name, fmt in (("run", "r.xlsx", "text"), ("simulate", "r.json", "csv"),
                                   ("appraise", "r.html", "json"), ("compare", "r.csv", "json")):
                with self.subTest(cmd=cmd, name=name):
                    out = os.path.join(d, name)
                    p = run(cmd, self.main, "-o", out, "--format", fmt)
                    self.assertEqual(p.returncode, 2)
                    self.assertIn(name, p.stderr)
                    self.assertIn(f"--format says {fmt}", p.stderr)
                    self.assertIn(f"is {os.path.splitext(name)[1][1:]} by its extension", p.stderr)
                    self.assertFalse(os.path.exists(out))
            # compare has an HTML paper too: -o c.html writes it.
            p = run("compare", self.main, "-o", os.path.join(d, "c.html"))
            self.assertEqual(p.returncode, 0, p.stderr)
            with open(os.path.join(d, "c.html")) as f:
                self.assertTrue(f.read().lstrip().lower().startswith("<!doctype html"))


class PortfolioAppraiseAndMonitor(unittest.TestCase):
    """appraise and monitor belong to one pool's scenario: on a portfolio they
    are refused (exit 1) with the pool files to run them on, never a copy of
    `run`."""

    def portfolio(self, d):
        import shutil
        os.makedirs(os.path.join(d, "pools", "afc"))
        for f in ("derbyshire-0-19.yaml", "derbyshire-0-19-monitoring.yaml"):
            shutil.copy(os.path.join(ROOT, "configs", f), os.path.join(d, "pools"))
        shutil.copy(os.path.join(ROOT, "configs", "afc", "2025-26.yaml"),
                    os.path.join(d, "pools", "afc"))
        path = os.path.join(d, "p.yaml")
        with open(path, "w") as f:
            f.write("s75: 1\nname: two pools\nbase_year: 2025\nyears: 5\npools:\n"
                    "  - {id: a, tier: place, scenario: pools/derbyshire-0-19.yaml}\n"
                    "  - {id: b, tier: place, scenario: pools/derbyshire-0-19-monitoring.yaml}\n")
        return path

    def test_refused_naming_the_pools_that_have_the_block(self):
        with tempfile.TemporaryDirectory() as d:
            path = self.portfolio(d)
            self.assertEqual(run("run", path).returncode, 0)
            p = run("appraise", path)
            self.assertEqual(p.returncode, 1)
            self.assertEqual(p.stdout, "")
            self.assertIn("appraise works on one pool's scenario, not a portfolio", p.stderr)
            # Both pool files carry an appraisal: block (the monitoring file is a copy plus actuals).
            self.assertIn("pools/derbyshire-0-19.yaml", p.stderr)
            p = run("monitor", path, "--format", "json")
            self.assertEqual(p.returncode, 1)
            self.assertEqual(p.stdout, "")
            self.assertIn("monitor works on one pool's scenario, not a portfolio", p.stderr)
            self.assertIn("pools/derbyshire-0-19-monitoring.yaml", p.stderr)
            self.assertNotIn("pools/derbyshire-0-19.yaml", p.stderr)

    def test_refused_when_no_pool_has_the_block(self):
        path = os.path.join(ROOT, "configs", "derbyshire-portfolio.yaml")
        for cmd, block in (("appraise", "an appraisal: block"), ("monitor", "a monitoring: block")):
            with self.subTest(cmd=cmd):
                p = run(cmd, path)
                self.assertEqual(p.returncode, 1)
                self.assertEqual(p.stdout, "")
                self.assertIn(f"no pool of this portfolio has {block}", p.stderr)
                self.assertIn("derbyshire-portfolio.yaml: pools:", p.stderr)
