#!/usr/bin/python3
"""The HTML board paper (`s75 run FILE --format html -o OUT`, docs/GUIDE.md) in a real browser.

Run with Debian's python3 and Debian's chromium (`apt-get install -y chromium`):
    S75_EXE=build/examples/s75 /usr/bin/python3 tests/html/test_browser.py
Environment:
    S75_SOURCE_ROOT  repository root (default: two levels above this file)
    S75_EXE          the s75 command (required; the tests skip without it)
    S75_HTML_OUT     where to keep the reports, their PDFs and screenshots for a person to look at
                     (default: a temporary directory, removed afterwards)
    S75_CHROMIUM     the browser (default: `chromium` on the PATH)

For every shipped scenario (configs/*.yaml) that runs, it renders the paper and, in headless Chromium:
  - reads the page's DOM back and checks that the heading holds the scenario's name and that every
    figure of the JSON document (`s75 run FILE --format json`) is in a table cell, formatted as the
    paper formats money (£1,234,567; risk-share allocations to the penny, £1,234.56) and WTE (1,234.5);
  - checks the browser logged no console message at all (a script error, a refused fetch);
  - prints it to PDF (A4, as the print stylesheet asks) and takes a screenshot.
Each command's own paper is checked the same way against that command's JSON, and must hold its
section: `s75 monitor` (the monitoring), `s75 run` of a portfolio (the pools) and `s75 simulate` (the
uncertainty).
It also checks that a scenario whose name and role hold <script> and & shows them as text and runs
nothing, and that the console check itself catches an error (a canary page).
"""
import glob
import html.parser
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.environ.get("S75_SOURCE_ROOT") or os.path.join(HERE, "..", ".."))
EXE = os.environ.get("S75_EXE") or ""
CHROMIUM = os.environ.get("S75_CHROMIUM") or shutil.which("chromium") or ""
# The fixed date of every paper here (2026-01-01), so a rerun gives the same files.
EPOCH = "1767225600"
BROWSER_TIMEOUT = 120


def money(v):
    """As the paper prints money: whole pounds, half away from zero, thousands separated,
    a negative in brackets."""
    r = math.floor(abs(v) + 0.5)
    s = "£{:,}".format(r)
    return "(" + s + ")" if v < 0 and r > 0 else s


def pence(v):
    """A JSON allocation (pounds with two decimals, from whole pence) as the paper prints it."""
    p = round(abs(v) * 100)
    s = "£{:,}.{:02d}".format(p // 100, p % 100)
    return "(" + s + ")" if v < 0 and p > 0 else s


def rate(v, decimals=1):
    """A share as a table of the paper prints it: a per cent with `decimals` decimals, zeros kept
    so a column has one precision."""
    s = "%.*f" % (decimals, v * 100.0)
    if s.startswith("-") and not s.strip("-0."):
        s = s[1:]
    return s + "%"


def per_head(v):
    """Pounds and pence from a double (a pool's cost per head): £1,234.57."""
    s = "£{:,.2f}".format(abs(v))
    return "-" + s if v < 0 and s.strip("£0.,") else s


def wte(v):
    s = "{:,.1f}".format(abs(v))
    return "-" + s if v < 0 and s.strip("0.,") else s


class Page(html.parser.HTMLParser):
    """The text of a DOM: every table cell, the <h1>, and the whole body."""

    def __init__(self):
        super().__init__()
        self.cells, self.h1, self.title, self.text, self.sections = [], "", "", [], set()
        self._cell, self._in_h1, self._in_title, self._skip = None, False, False, 0

    def handle_starttag(self, tag, attrs):
        if tag == "section":
            self.sections.add(dict(attrs).get("id"))
        if tag in ("style", "script"):
            self._skip += 1
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "h1":
            self._in_h1 = True
        elif tag == "title" and not self.title:
            self._in_title = True

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag in ("td", "th") and self._cell is not None:
            self.cells.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "h1":
            self._in_h1 = False
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._skip:
            return
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)
        if self._in_h1:
            self.h1 += data
        if self._in_title:
            self.title += data


def chromium(args, profile):
    """Runs headless Chromium with the flags a sandboxed test machine needs; returns (stdout, stderr)."""
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"] + args
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=BROWSER_TIMEOUT,
                       env=dict(os.environ, HOME=profile))
    return p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def console_messages(stderr):
    """Lines where the page spoke on the console (script errors, refused loads, CSP reports)."""
    return [l for l in stderr.splitlines() if ":CONSOLE" in l or "Uncaught" in l]


def s75(*args):
    return subprocess.run([EXE] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH), timeout=300)


def expected_cells(doc):
    """Every figure of the JSON document that the paper shows in a table, as it shows it."""
    want = set()
    for y in doc.get("projection", []):
        for k in ("pay", "agency", "non_pay", "cost", "contributions_total", "gap", "savings_planned",
                  "savings_expected", "variance"):
            want.add(money(y[k]))
        for v in y["contributions"].values():
            want.add(money(v))
        for v in y["risk_share"].values():
            want.add(pence(v))
        if y["unallocated"] != 0:
            want.add(pence(y["unallocated"]))
    for line in doc.get("workforce", []):
        for k in ("pay", "mean_basic"):
            # mean_basic is null in the years a line does not run (it starts later or has ended).
            want.update(money(v) for v in line[k] if v is not None)
        if any(v != 0 for v in line["agency"]):
            want.update(money(v) for v in line["agency"])
    for d in doc.get("demand", []):
        want.add(wte(d["required_wte"]))
        want.add(wte(d["staffed_wte"]))
        want.add(wte(d["capacity_gap_wte"]))
    return want


# The sections other modules write (appraisal_html, monitoring_html, portfolio_html, simulation_html):
# when the JSON has a part its section must be in the paper, with the JSON's figures.
MODULE_SECTIONS = ("appraisal", "monitoring", "portfolio", "simulation")


def module_cells(doc, sections):
    want = set()
    if "appraisal" in sections:
        for o in doc["appraisal"]["options"]:
            want.update(money(o[k]) for k in ("pv_costs", "pv_benefits", "npsv"))
    if "monitoring" in sections:
        m = doc["monitoring"]
        for c in m["categories"]:
            want.update(money(c[k]) for k in ("budget", "budget_to_date", "actual_to_date",
                                               "variance_to_date", "forecast", "forecast_variance"))
        want.update(money(m[k]) for k in ("forecast_cost", "contributions_total", "forecast_variance",
                                          "plan_variance"))
        want.update(pence(v) for v in m["risk_share"].values())
        if m["unallocated"] != 0:
            want.add(pence(m["unallocated"]))
        for q in m["quarters"]:
            want.update(money(q[k]) for k in ("budget", "actual"))
    if "portfolio" in sections:
        pf = doc["portfolio"]
        for y in pf["consolidated"]:
            want.update(money(y[k]) for k in ("cost", "contributions_total", "gap", "savings_expected",
                                              "variance"))
            want.update(money(v) for v in y["contributions"].values())
            want.update(pence(v) for v in y["risk_share"].values())
            if y["unallocated"] != 0:
                want.add(pence(y["unallocated"]))
        for t in pf["by_tier"]:
            want.update(money(t[k]) for k in ("cost", "gap"))
        for pool in pf["pools"]:
            for y in pool["projection"]:
                want.add(money(y["variance"]))
                if y["cost_per_head"] is not None:
                    want.add(per_head(y["cost_per_head"]))
    if "simulation" in sections:
        sim = doc["simulation"]
        for y in sim["years"]:
            for k in ("cost", "gap", "variance"):
                want.update(money(y[k][q]) for q in ("p5", "p50", "p95"))
            want.update(money(v["p95"]) for v in y["risk_share"].values())
            want.add(rate(y["p_overspend"]))
        for bar in sim.get("tornado", []):
            want.update(money(bar[k]) for k in ("variance_low", "variance_high", "swing"))
    return want


# Each command's own paper and the section it must hold.
COMMAND_PAPERS = (
    ("monitor", "derbyshire-0-19-monitoring.yaml", "monitoring"),
    ("run", "derbyshire-portfolio.yaml", "portfolio"),
    ("simulate", "kent-health-visiting.yaml", "simulation"),
)


@unittest.skipUnless(EXE and os.path.exists(EXE), "S75_EXE is not set to the built s75 command")
@unittest.skipUnless(CHROMIUM, "chromium is not installed (Debian: apt-get install -y chromium); "
                               "the browser tests need it")
class Browser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        keep = os.environ.get("S75_HTML_OUT")
        if keep:
            os.makedirs(keep, exist_ok=True)
            cls.out = keep
            cls._tmp = None
        else:
            cls._tmp = tempfile.TemporaryDirectory(prefix="s75-browser-")
            cls.out = cls._tmp.name
        cls.profile = tempfile.mkdtemp(prefix="s75-chromium-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.profile, ignore_errors=True)
        if cls._tmp:
            cls._tmp.cleanup()

    def render(self, scenario, name, command="run"):
        path = os.path.join(self.out, name + ".html")
        r = s75(command, scenario, "--format", "html", "-o", path)
        self.assertEqual(r.returncode, 0, r.stderr.decode())
        return path

    def test_console_check_catches_errors(self):
        # The canary: a page that logs and throws must be caught, or the clean result below means nothing.
        path = os.path.join(self.out, "canary.html")
        with open(path, "w") as f:
            f.write("<!DOCTYPE html><p>canary</p><script>throw new Error('canary')</script>")
        _, err = chromium(["--dump-dom", path], self.profile)
        self.assertTrue(any("canary" in l for l in console_messages(err)), err[-2000:])

    def check_paper(self, command, scenario, name, doc):
        """Renders the paper and checks it in the browser against the JSON document; returns the page."""
        path = self.render(scenario, name, command)
        dom, err = chromium(["--dump-dom", path], self.profile)
        self.assertEqual(console_messages(err), [], "console messages from %s" % path)
        page = Page()
        page.feed(dom)
        self.assertEqual(page.h1.strip(), doc["scenario"]["name"])
        self.assertIn(doc["scenario"]["sha256"], "".join(page.text))
        for part in MODULE_SECTIONS:
            if part in doc:
                self.assertIn(part, page.sections, "%s has %s in its JSON but not in its paper" % (name, part))
        want = expected_cells(doc) | module_cells(doc, page.sections & set(doc))
        missing = sorted(want - set(page.cells))
        self.assertEqual(missing, [], "JSON figures not in any table cell of %s" % path)

        pdf = os.path.join(self.out, name + ".pdf")
        chromium(["--no-pdf-header-footer", "--print-to-pdf=" + pdf, path], self.profile)
        with open(pdf, "rb") as f:
            head = f.read(8)
        self.assertTrue(head.startswith(b"%PDF-"), pdf)
        self.assertGreater(os.path.getsize(pdf), 20000, pdf)

        png = os.path.join(self.out, name + ".png")
        chromium(["--screenshot=" + png, "--window-size=1240,1754", path], self.profile)
        with open(png, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n", png)
        return page

    def test_shipped_scenarios(self):
        configs = sorted(glob.glob(os.path.join(ROOT, "configs", "*.yaml")))
        self.assertTrue(configs, "no configs/*.yaml")
        ran = 0
        for scenario in configs:
            name = os.path.splitext(os.path.basename(scenario))[0]
            with self.subTest(scenario=name):
                r = s75("run", scenario, "--format", "json")
                if r.returncode != 0:
                    # Only the scenarios that run make papers (a stage may not be built yet).
                    print("skipped %s: %s" % (name, r.stderr.decode().strip()), file=sys.stderr)
                    continue
                self.check_paper("run", scenario, name, json.loads(r.stdout))
                ran += 1
        self.assertGreater(ran, 0, "no shipped scenario ran")

    def test_command_papers(self):
        # The paper of each command leads with its own section, and that section's figures are the
        # figures of the same command's JSON.
        for command, config, section in COMMAND_PAPERS:
            scenario = os.path.join(ROOT, "configs", config)
            name = "%s-%s" % (command, os.path.splitext(config)[0])
            with self.subTest(paper=name):
                r = s75(command, scenario, "--format", "json")
                self.assertEqual(r.returncode, 0, r.stderr.decode())
                doc = json.loads(r.stdout)
                self.assertIn(section, doc)
                page = self.check_paper(command, scenario, name, doc)
                self.assertIn(section, page.sections)
                with open(os.path.join(self.out, name + ".html"), encoding="utf-8") as f:
                    first = f.read().split('<section class="section" id="', 1)[1]
                self.assertTrue(first.startswith(section + '"'), "%s: the paper does not lead with %s"
                                % (name, section))

    def test_hostile_strings_are_text(self):
        name = "Pool <script>document.title='PWNED'</script> & Co"
        role = "Nurse <img src=x onerror=\"document.title='PWNED'\"> & co"
        scenario = os.path.join(self.out, "hostile.yaml")
        with open(scenario, "w") as f:
            f.write("s75: 1\nname: %s\nbase_year: 2025\nyears: 2\n" % json.dumps(name))
            f.write("scales:\n  s:\n    year: 2025\n    bands:\n"
                    "      \"5\": {points: [30000], progression_years: []}\n")
            f.write("pay: {scale: s, oncosts: {employer_ni: {rate: 0, threshold: 0}, pension: 0}}\n")
            f.write("workforce:\n  - {role: %s, band: \"5\", wte: 2}\n" % json.dumps(role))
            f.write("partners:\n  - {id: a, name: \"A & B\", contribution: {amount: 50000}}\n")
        path = self.render(scenario, "hostile")
        dom, err = chromium(["--dump-dom", path], self.profile)
        self.assertEqual(console_messages(err), [])
        page = Page()
        page.feed(dom)
        self.assertEqual(page.h1.strip(), name)           # shown as typed
        self.assertIn(role + " (band 5)", page.cells)     # the role too, in its table row
        self.assertEqual(page.title, name + ": Section 75 pooled budget")  # nothing ran
        self.assertNotIn("<script", dom.lower())


if __name__ == "__main__":
    missing = ("S75_EXE is not set to the built s75 command" if not (EXE and os.path.exists(EXE)) else
               "chromium is not installed (Debian: apt-get install -y chromium)" if not CHROMIUM else "")
    if missing:
        print("skipped: " + missing)
        sys.exit(77)  # meson's code for a skipped test
    unittest.main(verbosity=2)
