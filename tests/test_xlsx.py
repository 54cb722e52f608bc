"""The analyst's desk: the Excel workbook, --set and variants on the command line,
and `s75 compare`.

The workbook is read back with the standard library only (zipfile + xml.etree): the numbers
in its sheets must be the numbers of the JSON document, the charts must be there, and the
Assumptions sheet must trace the workbook to its inputs.

Run by meson with S75_EXE and S75_SOURCE_ROOT set:
    /usr/bin/python3 tests/test_xlsx.py
"""
import json
import os
import re
import subprocess
import tempfile
import unittest
import zipfile
import xml.etree.ElementTree as ET

EXE = os.environ.get("S75_EXE", "build/examples/s75")
ROOT = os.environ.get("S75_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
DERBYSHIRE = os.path.join(ROOT, "configs", "derbyshire-0-19.yaml")
MONITORING = os.path.join(ROOT, "configs", "derbyshire-0-19-monitoring.yaml")
PORTFOLIO = os.path.join(ROOT, "configs", "derbyshire-portfolio.yaml")

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
      "c": "http://schemas.openxmlformats.org/drawingml/2006/chart",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def run(*args):
    return subprocess.run([EXE, *args], capture_output=True, text=True)


def run_json(*args):
    p = run(*args, "--format", "json")
    if p.returncode != 0:
        raise AssertionError(p.stderr)
    return json.loads(p.stdout)


def col_index(ref):
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def pf_years(pf):
    return [y["year"] for y in pf["consolidated"]]


class Workbook:
    """Cells of every sheet as {sheet: {(row, col): value}} (0-based), their number formats,
    frozen panes and the charts' XML."""

    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        z = self.zip
        self.strings = []
        if "xl/sharedStrings.xml" in z.namelist():
            for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall("m:si", NS):
                self.strings.append("".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")))
        styles = ET.fromstring(z.read("xl/styles.xml"))
        codes = {int(f.get("numFmtId")): f.get("formatCode")
                 for f in styles.findall("m:numFmts/m:numFmt", NS)}
        self.xf_format = [codes.get(int(xf.get("numFmtId", "0")), "")
                          for xf in styles.findall("m:cellXfs/m:xf", NS)]
        rels = {r.get("Id"): r.get("Target") for r in
                ET.fromstring(z.read("xl/_rels/workbook.xml.rels")).findall("rel:Relationship", NS)}
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        self.sheets, self.formats, self.frozen, self.order = {}, {}, {}, []
        self.formulas, self.xml, self.paths = {}, {}, {}
        for s in wb.findall("m:sheets/m:sheet", NS):
            name = s.get("name")
            self.order.append(name)
            target = rels[s.get(f"{{{NS['r']}}}id")]
            xml = ET.fromstring(z.read("xl/" + target.lstrip("/").replace("xl/", "")))
            cells, fmts, formulas = {}, {}, {}
            self.xml[name] = xml
            self.paths[name] = "xl/" + target.lstrip("/").replace("xl/", "")
            for c in xml.iter(f"{{{NS['m']}}}c"):
                ref = c.get("r")
                row = int(re.search(r"\d+", ref).group(0)) - 1
                f = c.find("m:f", NS)
                if f is not None:
                    formulas[(row, col_index(ref))] = f.text
                v = c.find("m:v", NS)
                if v is None:
                    continue
                value = self.strings[int(v.text)] if c.get("t") == "s" else float(v.text)
                cells[(row, col_index(ref))] = value
                fmts[(row, col_index(ref))] = self.xf_format[int(c.get("s", "0"))]
            self.sheets[name] = cells
            self.formats[name] = fmts
            self.formulas[name] = formulas
            pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
            self.frozen[name] = pane is not None and pane.get("state") == "frozen"
        self.charts = [ET.fromstring(z.read(n)) for n in sorted(z.namelist())
                       if n.startswith("xl/charts/chart")]

    def defined_names(self):
        wb = ET.fromstring(self.zip.read("xl/workbook.xml"))
        return [(d.get("name"), d.get("localSheetId"), d.text)
                for d in wb.findall("m:definedNames/m:definedName", NS)]

    def chart_anchors(self, sheet):
        """(from row, to row, from col) of each chart drawn on the sheet, 0-based."""
        rels_path = self.paths[sheet].replace("worksheets/", "worksheets/_rels/") + ".rels"
        if rels_path not in self.zip.namelist():
            return []
        out = []
        for r in ET.fromstring(self.zip.read(rels_path)).findall("rel:Relationship", NS):
            if not r.get("Type").endswith("/drawing"):
                continue
            drawing = ET.fromstring(self.zip.read("xl/drawings/" + os.path.basename(r.get("Target"))))
            xdr = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
            for a in drawing.iter(xdr + "twoCellAnchor"):
                out.append((int(a.find(xdr + "from/" + xdr + "row").text),
                            int(a.find(xdr + "to/" + xdr + "row").text),
                            int(a.find(xdr + "from/" + xdr + "col").text)))
        return out

    def evaluate(self, sheet, row, col, seen=None):
        """A cell's value worked out again from its formula (SUM of ranges, + - * of
        cells, references to other sheets), recursively: a recalculation of the
        workbook by the formulas it holds, not the values cached in it."""
        seen = seen or set()
        key = (sheet, row, col)
        if key in seen:
            raise AssertionError(f"circular reference at {key}")
        f = self.formulas[sheet].get((row, col))
        if f is None:
            v = self.sheets[sheet].get((row, col), 0.0)
            return v if isinstance(v, float) else 0.0
        ref = r"(?:(?:'([^']+)'|([A-Za-z][A-Za-z ]*))!)?\$?([A-Z]+)\$?(\d+)"

        def cell(m):
            sh = m.group(1) or m.group(2) or sheet
            return sh, int(m.group(4)) - 1, col_index(m.group(3))

        def sum_range(m):
            a = re.match(ref, m.group(1))
            b = re.match(ref, m.group(2))
            sh, r0, c0 = cell(a)
            _, r1, c1 = cell(b)
            total = sum(self.evaluate(sh, r, c, seen | {key}) for r in range(r0, r1 + 1)
                        for c in range(c0, c1 + 1))
            return repr(total)

        expr = re.sub(r"SUM\(([^:()]+):([^:()]+)\)", sum_range, f)
        expr = re.sub(ref, lambda m: repr(self.evaluate(*cell(m), seen | {key})), expr)
        self.assertion_expr = expr
        if not re.fullmatch(r"[-+*/() .\deE]+", expr):
            raise AssertionError(f"{sheet}!{row},{col}: cannot evaluate {f!r}")
        return float(eval(expr))

    def row_of(self, sheet, label):
        """The row whose first cell is label."""
        for (r, c), v in self.sheets[sheet].items():
            if c == 0 and v == label:
                return r
        raise AssertionError(f"{sheet}: no row labelled {label!r}")

    def row(self, sheet, label, n, first_col=1):
        r = self.row_of(sheet, label)
        return [self.sheets[sheet].get((r, first_col + i)) for i in range(n)]

    def chart_titles(self):
        out = []
        for ch in self.charts:
            title = ch.find("c:chart/c:title", NS)
            out.append("".join(t.text or "" for t in title.iter(f"{{{NS['a']}}}t")) if title is not None else "")
        return out

    def chart_kinds(self):
        kinds = []
        for ch in self.charts:
            plot = ch.find("c:chart/c:plotArea", NS)
            for child in plot:
                tag = child.tag.split("}")[1]
                if tag.endswith("Chart"):
                    bar_dir = child.find("c:barDir", NS)
                    kinds.append(tag + (":" + bar_dir.get("val") if bar_dir is not None else ""))
        return kinds


class Tmp(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def path(self, name):
        return os.path.join(self.dir.name, name)

    def workbook(self, *args):
        out = self.path("report.xlsx")
        p = run(*args, "--format", "xlsx", "-o", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(sorted(os.listdir(self.dir.name)), ["report.xlsx"], "a temporary file was left")
        return Workbook(out)

    def assertMoneyList(self, got, want):
        self.assertEqual(len(got), len(want))
        for g, w in zip(got, want):
            self.assertIsInstance(g, float)
            self.assertAlmostEqual(g, w, delta=0.005)


class RunWorkbook(Tmp):
    def test_numbers_are_the_json_numbers(self):
        doc = run_json("run", DERBYSHIRE)
        wb = self.workbook("run", DERBYSHIRE)
        self.assertEqual(wb.order, ["Summary", "Workforce", "Savings", "Risk share", "Demand",
                                    "Appraisal", "Assumptions"])
        years = len(doc["years"])
        self.assertEqual(wb.row("Summary", "Line", years), doc["years"])
        for label, key in [("Cost", "cost"), ("Contributions", "contributions_total"),
                           ("Gap (cost - contributions)", "gap"),
                           ("Savings expected (x confidence)", "savings_expected"),
                           ("Variance (+ over / - under)", "variance")]:
            with self.subTest(line=key):
                self.assertMoneyList(wb.row("Summary", label, years),
                                     [y[key] for y in doc["projection"]])
        # The Total column is a live =SUM with the sum cached.
        total = wb.row("Summary", "Cost", years + 1)[-1]
        self.assertAlmostEqual(total, sum(y["cost"] for y in doc["projection"]), delta=0.01)
        # Risk share: each partner's allocation to the penny.
        names = {"dcc": "Derbyshire County Council (public health)",
                 "dchs": "Derbyshire Community Health Services NHS Foundation Trust"}
        for pid, name in names.items():
            with self.subTest(partner=pid):
                self.assertMoneyList(wb.row("Risk share", name, years),
                                     [y["risk_share"][pid] for y in doc["projection"]])
        # Workforce: the first line's pay.
        line = doc["workforce"][0]
        self.assertMoneyList(wb.row("Workforce", f"  {line['role']} (band {line['band']})", years),
                             line["pay"])
        # Demand: each band's need, caseload part and gap cost are the JSON's; the unit cost beside them
        # is what the gap cost divides back to.
        for band in ("6", "4"):
            rows = [d for d in doc["demand"] if d["band"] == band]
            with self.subTest(band=band):
                for label, key in [("required WTE", "required_wte"),
                                   ("caseload WTE (part of required)", "caseload_wte"),
                                   ("contact hours a year", "contact_hours")]:
                    got = wb.row("Demand", f"Band {band}: {label}", years)
                    for g, d in zip(got, rows):
                        self.assertAlmostEqual(g, d[key], places=9)
                self.assertMoneyList(wb.row("Demand", f"Band {band}: gap cost (GBP, gap x pay per in-post WTE)",
                                            years), [d["gap_cost"] for d in rows])
                unit = wb.row("Demand", f"Band {band}: pay with on-costs per in-post WTE (GBP)", years)
                for u, d in zip(unit, rows):
                    self.assertAlmostEqual(u * d["capacity_gap_wte"], d["gap_cost"], delta=0.01)
        # Appraisal: NPSV of each option.
        r = wb.row_of("Appraisal", "Option")
        npsv_col = [c for (rr, c), v in wb.sheets["Appraisal"].items() if rr == r and v == "NPSV"][0]
        for o in doc["appraisal"]["options"]:
            orow = wb.row_of("Appraisal", o["id"])
            self.assertAlmostEqual(wb.sheets["Appraisal"][(orow, npsv_col)], o["npsv"], delta=0.005)

    def test_summary_recalculates(self):
        """Cost, contributions, gap, savings and variance are formulas over the
        rows they derive from; each cached value is the JSON's figure, and
        working the formulas out again from the inputs gives it too."""
        doc = run_json("run", DERBYSHIRE)
        wb = self.workbook("run", DERBYSHIRE)
        years = len(doc["years"])
        want_formula = {"Cost": "SUM(B3:B5)", "Contributions": "SUM(B7:B8)",
                        "Gap (cost - contributions)": "B6-B9",
                        "Savings planned": "Savings!B3",
                        "Savings expected (x confidence)": "Savings!B4",
                        "Variance (+ over / - under)": "B10-B12"}
        for label, f in want_formula.items():
            self.assertEqual(wb.formulas["Summary"][(wb.row_of("Summary", label), 1)], f, label)
        for label, key in [("Cost", "cost"), ("Contributions", "contributions_total"),
                           ("Gap (cost - contributions)", "gap"),
                           ("Savings planned", "savings_planned"),
                           ("Savings expected (x confidence)", "savings_expected"),
                           ("Variance (+ over / - under)", "variance")]:
            r = wb.row_of("Summary", label)
            for t in range(years):
                with self.subTest(line=key, year=t):
                    want = doc["projection"][t][key]
                    self.assertIn((r, t + 1), wb.formulas["Summary"])
                    self.assertAlmostEqual(wb.sheets["Summary"][(r, t + 1)], want, delta=1e-6)
                    self.assertAlmostEqual(wb.evaluate("Summary", r, t + 1), want, delta=1e-4)
            # the Total column sums the row
            self.assertAlmostEqual(wb.evaluate("Summary", r, years + 1),
                                   sum(y[key] for y in doc["projection"]), delta=1e-3)
        # inputs stay values
        for label in ("Pay (basic and on-costs)", "Agency", "Non-pay"):
            self.assertNotIn((wb.row_of("Summary", label), 1), wb.formulas["Summary"])
        # workforce totals are sums of the lines
        r = wb.row_of("Workforce", "All lines")
        self.assertAlmostEqual(wb.evaluate("Workforce", r, 1), doc["projection"][0]["pay"], delta=1e-4)

    def test_an_edited_input_moves_cost_gap_and_variance(self):
        """Raise year 1's pay by 1,000 and a scheme's confidence to 100%, then
        recalculate: cost and gap move by 1,000, the variance by 1,000 less the
        scheme's unexpected saving."""
        doc = run_json("run", DERBYSHIRE)
        wb = self.workbook("run", DERBYSHIRE)
        pay = wb.row_of("Summary", "Pay (basic and on-costs)")
        wb.sheets["Summary"][(pay, 2)] += 1000.0
        conf_row = wb.row_of("Savings", "Scheme") + 1
        scheme = wb.sheets["Savings"][(conf_row, 0)]
        old_conf = wb.sheets["Savings"][(conf_row, 4)]
        wb.sheets["Savings"][(conf_row, 4)] = 1.0
        first = doc["projection"][1]
        planned = [r for (r, c), v in wb.sheets["Savings"].items() if c == 0 and v == scheme][1]
        extra = wb.sheets["Savings"][(planned, 2)] * (1 - old_conf)  # 225,000 x 20% = 45,000
        self.assertAlmostEqual(extra, 45000, delta=1e-6)
        self.assertAlmostEqual(wb.evaluate("Summary", wb.row_of("Summary", "Cost"), 2),
                               first["cost"] + 1000, delta=1e-4)
        self.assertAlmostEqual(wb.evaluate("Summary", wb.row_of("Summary", "Gap (cost - contributions)"), 2),
                               first["gap"] + 1000, delta=1e-4)
        self.assertAlmostEqual(wb.evaluate("Summary", wb.row_of("Summary", "Variance (+ over / - under)"), 2),
                               first["variance"] + 1000 - extra, delta=1e-4)

    def test_every_sheet_prints(self):
        """A4 landscape, one page wide, header rows repeated, a footer with the
        scenario's name and the page number; on a sheet with charts a page
        break above each chart, at a scale where the chart fits the page."""
        for args in (("run", DERBYSHIRE), ("simulate", DERBYSHIRE), ("monitor", MONITORING),
                     ("run", PORTFOLIO)):
            wb = self.workbook(*args)
            titles = {(sheet_id, text) for name, sheet_id, text in wb.defined_names()
                      if name == "_xlnm.Print_Titles"}
            for i, sheet in enumerate(wb.order):
                with self.subTest(cmd=args[0], sheet=sheet):
                    xml = wb.xml[sheet]
                    setup = xml.find("m:pageSetup", NS)
                    self.assertIsNotNone(setup)
                    self.assertEqual(setup.get("paperSize"), "9")
                    self.assertEqual(setup.get("orientation"), "landscape")
                    footer = xml.find("m:headerFooter/m:oddFooter", NS).text
                    self.assertIn("&P of &N", footer)
                    self.assertIn("Derbyshire", footer)
                    if wb.frozen[sheet] and sheet != "Assumptions":
                        self.assertTrue(any(sid == str(i) for sid, _ in titles), sheet)
                    anchors = wb.chart_anchors(sheet)
                    fit = xml.find("m:sheetPr/m:pageSetUpPr", NS)
                    if not anchors:
                        self.assertEqual(fit.get("fitToPage"), "1")
                        self.assertEqual(setup.get("fitToHeight"), "0")
                        continue
                    # Excel ignores manual breaks on a fit-to-page sheet
                    self.assertTrue(fit is None or fit.get("fitToPage") != "1")
                    scale = int(setup.get("scale"))
                    self.assertTrue(10 <= scale <= 100)
                    breaks = {int(b.get("id")) for b in xml.findall("m:rowBreaks/m:brk", NS)}
                    for top, bottom, col in anchors:
                        # the chart starts a page, and no break falls inside it
                        self.assertIn(top, breaks)
                        self.assertFalse(any(top < b <= bottom for b in breaks))
                        # 20-pixel rows: the chart, with two repeated header
                        # rows, is shorter than A4 landscape's 650 printable pixels
                        self.assertLess((bottom - top + 1 + 2) * 20 * scale / 100, 650)

    def test_monitoring_variances_are_formulas(self):
        doc = run_json("monitor", MONITORING)
        wb = self.workbook("monitor", MONITORING)
        r = wb.row_of("Monitoring", "Category") + 1
        self.assertEqual(wb.formulas["Monitoring"][(r, 5)], f"E{r + 1}-D{r + 1}")
        self.assertEqual(wb.formulas["Monitoring"][(r, 7)], f"G{r + 1}-C{r + 1}")
        for c in (5, 7):
            self.assertAlmostEqual(wb.evaluate("Monitoring", r, c), wb.sheets["Monitoring"][(r, c)],
                                   delta=1e-6)

    def test_label_column_fits_the_longest_label(self):
        wb = self.workbook("run", DERBYSHIRE)
        label = "Contribution: Derbyshire Community Health Services NHS Foundation Trust"
        wb.row_of("Summary", label)
        col = wb.xml["Summary"].find("m:cols/m:col", NS)
        self.assertEqual(col.get("min"), "1")
        self.assertGreaterEqual(float(col.get("width")), len(label))
        # cost and contribution charts start their value axis at zero
        cost = [ch for ch, t in zip(wb.charts, wb.chart_titles()) if t == "Cost and contributions by year"][0]
        self.assertEqual(cost.find("c:chart/c:plotArea/c:valAx/c:scaling/c:min", NS).get("val"), "0")

    def test_formats_frozen_headers_and_charts(self):
        wb = self.workbook("run", DERBYSHIRE)
        r = wb.row_of("Summary", "Cost")
        # Negatives in brackets; the cell stays a number.
        self.assertEqual(wb.formats["Summary"][(r, 1)], "£#,##0;(£#,##0)")
        r = wb.row_of("Risk share", "Derbyshire County Council (public health)")
        self.assertEqual(wb.formats["Risk share"][(r, 1)], "£#,##0.00;(£#,##0.00)")
        r = wb.row_of("Savings", "Scheme")
        self.assertEqual(wb.formats["Savings"][(r + 1, 4)], "0.0%")  # confidence
        for sheet in ("Summary", "Workforce", "Savings", "Risk share", "Demand", "Appraisal"):
            self.assertTrue(wb.frozen[sheet], sheet)
        titles = wb.chart_titles()
        for want in ("Cost and contributions by year", "Gap, savings and variance by year",
                     "Each partner's risk share by year"):
            self.assertIn(want, titles)
        # Each chart draws from the workbook's own cells, not pasted values.
        for ch in wb.charts:
            refs = [f.text for f in ch.iter(f"{{{NS['c']}}}f")]
            self.assertTrue(refs and all("!" in f for f in refs), refs)

    def test_assumptions_trace_the_inputs(self):
        doc = run_json("run", DERBYSHIRE)
        wb = self.workbook("run", DERBYSHIRE)
        cells = wb.sheets["Assumptions"]
        values = set(cells.values())
        self.assertIn(doc["scenario"]["sha256"], values)
        self.assertIn(doc["version"], values)
        self.assertIn(DERBYSHIRE, values)
        self.assertIn("base (the file as written)", values)
        # The digest and every file read, with its hash, as the JSON lists them.
        self.assertIn(doc["scenario"]["digest"], values)
        for f in doc["scenario"]["inputs"]:
            r = [rr for (rr, c), v in cells.items() if c == 1 and v == f["path"]]
            self.assertEqual(len(r), 1, f["path"])
            self.assertEqual(cells[(r[0], 2)], f["sha256"])
        # Every input, as the path --set takes and its text.
        r = [rr for (rr, c), v in cells.items() if c == 1 and v == "pay.awards.2026"]
        self.assertEqual(len(r), 1)
        self.assertEqual(cells[(r[0], 2)], "3%")
        self.assertIn("partners[0].contribution.amount", values)
        self.assertNotIn("variants.optimistic.pay.awards.2026", values)
        # The pay scale from the include file, as the model holds it.
        self.assertIn(46580.0, [cells.get((rr, 2)) for (rr, c), v in cells.items() if v == "6"])

    def test_variant_and_set_are_recorded(self):
        doc = run_json("run", DERBYSHIRE, "--variant", "pessimistic", "--set", "workforce[0].wte=200")
        wb = self.workbook("run", DERBYSHIRE, "--variant", "pessimistic", "--set",
                           "workforce[0].wte=200")
        self.assertMoneyList(wb.row("Summary", "Cost", len(doc["years"])),
                             [y["cost"] for y in doc["projection"]])
        values = set(wb.sheets["Assumptions"].values())
        self.assertIn("pessimistic", values)
        self.assertIn("--set workforce[0].wte=200", values)
        cells = wb.sheets["Assumptions"]
        r = [rr for (rr, c), v in cells.items() if c == 1 and v == "pay.awards.2026"][0]
        self.assertEqual(cells[(r, 2)], "4.5%")


class SimulateWorkbook(Tmp):
    def test_simulation_sheet_and_charts(self):
        doc = run_json("simulate", DERBYSHIRE)
        wb = self.workbook("simulate", DERBYSHIRE)
        self.assertIn("Simulation", wb.order)
        sim = doc["simulation"]
        n = len(sim["years"])
        for stat in ("mean", "p5", "p50", "p95"):
            label = f"Variance: {stat}" if stat != "p50" else "Variance: p50 (median)"
            self.assertMoneyList(wb.row("Simulation", label, n), [y["variance"][stat] for y in sim["years"]])
        got = wb.row("Simulation", "Probability of overspend", n)
        for g, y in zip(got, sim["years"]):
            self.assertAlmostEqual(g, y["p_overspend"], places=12)
        titles = wb.chart_titles()
        self.assertIn("Variance: the p5 to p95 band by year", titles)
        self.assertIn("Tornado: change in the total variance", titles)
        kinds = wb.chart_kinds()
        self.assertIn("lineChart", kinds)
        self.assertIn("barChart:bar", kinds)
        # The tornado's bars: each input's variances as the JSON has them.
        for bar in sim["tornado"][:3]:
            rows = [r for (r, c), v in wb.sheets["Simulation"].items()
                    if c == 3 and isinstance(v, float) and abs(v - bar["variance_low"]) < 0.005]
            self.assertTrue(rows, bar["input"])


class OtherWorkbooks(Tmp):
    def test_monitoring_sheet(self):
        doc = run_json("monitor", MONITORING)
        wb = self.workbook("monitor", MONITORING)
        self.assertIn("Monitoring", wb.order)
        r = wb.row_of("Monitoring", "Forecast cost")
        self.assertAlmostEqual(wb.sheets["Monitoring"][(r, 2)], doc["monitoring"]["forecast_cost"], delta=0.005)

    def test_monitoring_chart_of_cumulative_months(self):
        mon = run_json("monitor", MONITORING)["monitoring"]
        wb = self.workbook("monitor", MONITORING)
        cells = wb.sheets["Monitoring"]
        charts = [ch for ch, t in zip(wb.charts, wb.chart_titles())
                  if t.startswith("Cumulative budget against actual, 2025/26")]
        self.assertEqual(len(charts), 1, wb.chart_titles())
        plot = charts[0].find("c:chart/c:plotArea/c:lineChart", NS)
        self.assertIsNotNone(plot, "the chart is a line chart")
        series = {}
        for ser in plot.findall("c:ser", NS):
            name = ser.find("c:tx/c:strRef/c:f", NS).text
            values = ser.find("c:val/c:numRef/c:f", NS).text
            series[self.cell(cells, name)] = self.column(cells, values)
        self.assertEqual(sorted(series), ["Actual (cumulative)", "Budget (cumulative, by profile)",
                                          "Forecast to the year-end outturn"])
        budget, actual = series["Budget (cumulative, by profile)"], series["Actual (cumulative)"]
        forecast = series["Forecast to the year-end outturn"]
        self.assertEqual([len(budget), len(actual), len(forecast)], [12, 12, 12])
        cats = mon["categories"]
        months = {c["months"] for c in cats}
        self.assertEqual(months, {6}, "the shipped example has six months in every category")
        # Every category has actuals, so the months cover all three: the cumulative actual
        # at each quarter's end is the quarters' actuals summed, and at month 6 the sum of
        # the actuals to date; there is no actual beyond month 6.
        q = mon["quarters"]
        self.assertAlmostEqual(actual[2], q[0]["actual"], delta=0.005)
        self.assertAlmostEqual(actual[5], q[0]["actual"] + q[1]["actual"], delta=0.005)
        self.assertAlmostEqual(actual[5], sum(c["actual_to_date"] for c in cats), delta=0.005)
        self.assertEqual(actual[6:], [None] * 6)
        for m in range(5):
            self.assertLess(actual[m], actual[m + 1])
        # Budget by profile: the quarters' budget, the budget to date, the year's budget.
        self.assertAlmostEqual(budget[2], q[0]["budget"], delta=0.005)
        self.assertAlmostEqual(budget[5], sum(c["budget_to_date"] for c in cats), delta=0.005)
        self.assertAlmostEqual(budget[11], sum(c["budget"] for c in cats), delta=0.005)
        # The forecast line leaves the spend to date at month 6 and ends at the outturn.
        self.assertEqual(forecast[:5], [None] * 5)
        self.assertAlmostEqual(forecast[5], actual[5], delta=0.005)
        self.assertAlmostEqual(forecast[11], mon["forecast_cost"], delta=0.005)
        r = wb.row_of("Monitoring", "Month")
        self.assertEqual(wb.formats["Monitoring"][(r + 1, 1)], "£#,##0;(£#,##0)")
        self.assertEqual(cells[(r + 1, 0)], "April 2025")
        note = [v for v in cells.values() if isinstance(v, str) and v.startswith("The months and the chart cover")]
        self.assertEqual(note, ["The months and the chart cover the categories with actuals (Pay, Agency "
                                "and Non-pay). The forecast line runs straight from the spend to date to "
                                "the forecast outturn in March; the months between only join the two."])

    @staticmethod
    def cell(cells, ref):
        """The value of one cell 'Monitoring'!$B$30."""
        m = re.fullmatch(r"'?[^!']+'?!\$([A-Z]+)\$(\d+)", ref)
        return cells.get((int(m.group(2)) - 1, col_index(m.group(1))))

    @staticmethod
    def column(cells, ref):
        """The values of one column's range 'Monitoring'!$B$30:$B$41, None where blank."""
        m = re.fullmatch(r"'?[^!']+'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", ref)
        assert m and m.group(1) == m.group(3), ref
        col = col_index(m.group(1))
        return [cells.get((r - 1, col)) for r in range(int(m.group(2)), int(m.group(4)) + 1)]

    def test_portfolio_consolidated(self):
        doc = run_json("run", PORTFOLIO)
        wb = self.workbook("run", PORTFOLIO)
        self.assertEqual(wb.order, ["Consolidated", "Risk share", "System", "Places",
                                    "Neighbourhoods", "Pools", "Assumptions"])
        cons = doc["portfolio"]["consolidated"]
        n = len(cons)
        for label, key in [("Cost", "cost"), ("Contributions", "contributions_total"),
                           ("Gap (cost - contributions)", "gap"),
                           ("Savings expected (x confidence)", "savings_expected"),
                           ("Variance (+ over / - under)", "variance")]:
            with self.subTest(line=key):
                self.assertMoneyList(wb.row("Consolidated", label, n), [y[key] for y in cons])
        self.assertMoneyList(wb.row("Consolidated", "Unallocated (caps)", n),
                             [y["unallocated"] for y in cons])
        # Partners in the consolidated order (sorted ids), by name in the workbook.
        ids = list(cons[0]["contributions"])
        self.assertEqual(ids, sorted(ids))
        cells = wb.sheets["Consolidated"]
        for prefix, key in [("Contribution: ", "contributions"), ("Risk share: ", "risk_share")]:
            rows = sorted(r for (r, c), v in cells.items()
                          if c == 0 and isinstance(v, str) and v.startswith(prefix))
            self.assertEqual(len(rows), len(ids), prefix)
            for r, pid in zip(rows, ids):
                with self.subTest(line=prefix, partner=pid):
                    self.assertMoneyList([cells.get((r, 1 + t)) for t in range(n)],
                                         [y[key][pid] for y in cons])
        # Risk shares and unallocated add up to the variance within a penny per pool.
        npools = len(doc["portfolio"]["pools"])
        for t, y in enumerate(cons):
            self.assertAlmostEqual(sum(y["risk_share"].values()) + y["unallocated"], y["variance"],
                                   delta=0.01 * npools)

    def block(self, wb, sheet, title):
        """{label: [values by year]} of the rows under a bold block title, to the blank row."""
        cells = wb.sheets[sheet]
        r = wb.row_of(sheet, title) + 1
        years = len([c for (rr, c), v in cells.items() if rr == 1 and c > 0]) - 1  # less Total
        out = {}
        while (r, 0) in cells:
            out[cells[(r, 0)]] = [cells.get((r, 1 + t)) for t in range(years)]
            r += 1
        return out

    def test_portfolio_tier_sheets(self):
        doc = run_json("run", PORTFOLIO)
        wb = self.workbook("run", PORTFOLIO)
        pf = doc["portfolio"]
        sheets = {"system": ("System", "  All system pools"), "place": ("Places", "  All places"),
                  "neighbourhood": ("Neighbourhoods", "  All neighbourhoods")}
        for tier, (sheet, total) in sheets.items():
            pools = [p for p in pf["pools"] if p["tier"] == tier]
            with self.subTest(tier=tier):
                self.assertTrue(pools)
                self.assertTrue(wb.frozen[sheet])
                labels = [f"  {p['name'] or p['id']} ({p['id']})" for p in pools]
                own = self.block(wb, sheet, "Cost net of delegated (cost - delegated)")
                self.assertEqual(list(own), labels + [total])
                for p, label in zip(pools, labels):
                    self.assertMoneyList(own[label], [y["cost"] - y["delegated"] for y in p["projection"]])
                by_tier = [b for b in pf["by_tier"] if b["tier"] == tier]
                self.assertMoneyList(own[total], [b["cost"] for b in by_tier])
                gap = self.block(wb, sheet, "Gap (cost - contributions)")
                self.assertMoneyList(gap[total], [b["gap"] for b in by_tier])
                for title, key in [("Delegated to pools below", "delegated"),
                                   ("Contributions", "contributions_total"),
                                   ("Cascaded from pools below", "cascaded"),
                                   ("Variance (+ over / - under)", "variance")]:
                    rows = self.block(wb, sheet, title)
                    for p, label in zip(pools, labels):
                        self.assertMoneyList(rows[label], [y[key] for y in p["projection"]])
                    self.assertMoneyList(rows[total], [sum(y[key] for p in pools for y in p["projection"]
                                                           if y["year"] == yr) for yr in pf_years(pf)])
                per_head = self.block(wb, sheet, "Cost per head (cost net of delegated / population)")
                for p, label in zip(pools, labels):
                    self.assertMoneyList(per_head[label], [y["cost_per_head"] for y in p["projection"]])
                population = sum(p["population"] for p in pools)
                self.assertMoneyList(per_head[total], [b["cost"] / population for b in by_tier])
        # The tier total is a live =SUM down the pools with the sum cached.
        xml = wb.zip.read("xl/worksheets/sheet3.xml").decode()
        self.assertRegex(xml, r"<f>SUM\(B\d+:B\d+\)</f>")

    def test_render_to_stdout_is_a_usage_error(self):
        p = run("run", DERBYSHIRE, "--format", "xlsx")
        self.assertEqual(p.returncode, 2)
        self.assertIn("give -o FILE", p.stderr)


class BadOutput(Tmp):
    def test_unwritable_path(self):
        p = run("run", DERBYSHIRE, "--format", "xlsx", "-o", "/nonexistent-dir/report.xlsx")
        self.assertEqual(p.returncode, 1)
        self.assertIn("/nonexistent-dir/report.xlsx: cannot write", p.stderr)

    def test_nothing_half_written(self):
        target = self.path("report.xlsx")
        os.mkdir(target)  # the name is taken by a directory: the rename must fail
        for args in (["run", DERBYSHIRE], ["compare", DERBYSHIRE]):
            with self.subTest(command=args[0]):
                p = run(*args, "--format", "xlsx", "-o", target)
                self.assertEqual(p.returncode, 1, p.stderr)
                self.assertIn("cannot write", p.stderr)
                self.assertEqual(os.listdir(self.dir.name), ["report.xlsx"])
                self.assertEqual(os.listdir(target), [])


class SetOnTheCommandLine(unittest.TestCase):
    def test_set_changes_the_run(self):
        base = run_json("run", DERBYSHIRE)
        more = run_json("run", DERBYSHIRE, "--set", "non_pay[Travel and mileage].amount=720000")
        # 100,000 more travel in the base year; 2% a year after.
        self.assertAlmostEqual(more["projection"][0]["cost"] - base["projection"][0]["cost"], 100000, delta=0.005)
        self.assertAlmostEqual(more["projection"][1]["cost"] - base["projection"][1]["cost"], 102000, delta=0.005)

    def test_errors_name_the_override(self):
        cases = [
            (["--set", "pay.awards.2026=abc"],
             "--set pay.awards.2026=abc: pay.awards.2026/27: expected a number, got 'abc'"),
            (["--set", "pay.awardz.2026=4%"],
             "--set pay.awardz.2026=4%: pay has no key 'awardz' (did you mean 'awards'?)"),
            (["--set", "partners[dc].contribution.uplift=-2%"], "(did you mean 'dcc'?)"),
            (["--variant", "pesimistic"], "no variant named 'pesimistic' (did you mean 'pessimistic'?)"),
        ]
        for args, message in cases:
            with self.subTest(args=args):
                p = run("run", DERBYSHIRE, *args)
                self.assertEqual(p.returncode, 1)
                self.assertIn(message, p.stderr)
                self.assertEqual(p.stdout, "")

    def test_usage_errors(self):
        self.assertEqual(run("run", DERBYSHIRE, "--set").returncode, 2)
        self.assertEqual(run("run", DERBYSHIRE, "--variant", "a", "--variant", "b").returncode, 2)


class Compare(Tmp):
    def test_with_itself_gives_zero_differences(self):
        doc = run_json("compare", DERBYSHIRE, DERBYSHIRE)
        cmp = doc["compare"]
        self.assertEqual([r["name"] for r in cmp["runs"]], ["derbyshire-0-19", DERBYSHIRE])
        self.assertGreater(len(cmp["lines"]), 5)
        for line in cmp["lines"]:
            for diffs in line["difference"]:
                self.assertEqual(diffs, [0] * len(cmp["years"]), line["line"])

    def test_variants_give_the_difference_of_the_runs(self):
        doc = run_json("compare", DERBYSHIRE, "--variants", "optimistic,pessimistic")
        cmp = doc["compare"]
        self.assertEqual(cmp["base"], "optimistic")
        a = run_json("run", DERBYSHIRE, "--variant", "optimistic")["projection"]
        b = run_json("run", DERBYSHIRE, "--variant", "pessimistic")["projection"]
        lines = {(l["line"], l["partner"]): l for l in cmp["lines"]}
        for key in ("cost", "gap", "savings_expected", "variance", "contributions_total"):
            with self.subTest(line=key):
                self.assertEqual(lines[(key, None)]["values"][0], [y[key] for y in a])
                self.assertEqual(lines[(key, None)]["values"][1], [y[key] for y in b])
                for got, ya, yb in zip(lines[(key, None)]["difference"][1], a, b):
                    self.assertAlmostEqual(got, yb[key] - ya[key], delta=1e-6)
        for pid in ("dcc", "dchs"):
            with self.subTest(partner=pid):
                diff = lines[("risk_share", pid)]["difference"][1]
                for got, ya, yb in zip(diff, a, b):
                    self.assertAlmostEqual(got, yb["risk_share"][pid] - ya["risk_share"][pid], delta=0.0001)

    def test_file_with_variants_runs_them_all(self):
        doc = run_json("compare", DERBYSHIRE)
        self.assertEqual([r["name"] for r in doc["compare"]["runs"]], ["base", "optimistic", "pessimistic"])
        self.assertEqual(doc["compare"]["runs"][2]["variant"], "pessimistic")
        text = run("compare", DERBYSHIRE)
        self.assertEqual(text.returncode, 0)
        self.assertIn("  pessimistic - base", text.stdout)
        csv = run("compare", DERBYSHIRE, "--format", "csv").stdout.splitlines()
        self.assertEqual(csv[0], "line,partner,year,run,value,difference")
        self.assertIn("risk_share,dcc,2026/27,base,", "\n".join(csv))

    def test_workbook(self):
        out = self.path("compare.xlsx")
        p = run("compare", DERBYSHIRE, "--format", "xlsx", "-o", out)
        self.assertEqual(p.returncode, 0, p.stderr)
        wb = Workbook(out)
        self.assertEqual(wb.order, ["Compare", "Runs"])
        doc = run_json("compare", DERBYSHIRE)["compare"]
        cost = [l for l in doc["lines"] if l["line"] == "cost"][0]
        first = wb.row_of("Compare", "Cost")
        got = [wb.sheets["Compare"][(first + 4, 1 + y)] for y in range(len(doc["years"]))]  # optimistic - base
        self.assertMoneyList(got, cost["difference"][1])
        self.assertIn("Variance by year, each run", wb.chart_titles())

    def test_html_names_partners_and_shows_the_inputs_that_changed(self):
        p = run("compare", DERBYSHIRE, "--variants", "base,pessimistic", "--format", "html")
        self.assertEqual(p.returncode, 0, p.stderr)
        import html as h
        text = re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", p.stdout)))
        # partners by name, not id
        self.assertIn("Risk share: Derbyshire County Council (public health)", text)
        self.assertNotIn("Risk share: dcc", text)
        # the variant's three inputs, each by its --set path, before and after
        self.assertIn("3 inputs differ", text)
        for path, before, after in (("pay.awards.2026", "3%", "4.5%"),
                                    ("partners[0].contribution.uplift", "-1%", "-2%"),
                                    ("savings.schemes[2].confidence", "60%", "30%")):
            self.assertIn(f"{path} {before} {after}", text)
        # inputs above results
        self.assertLess(text.index("What changed in the inputs"), text.index("What changed in the results"))
        # figures are the JSON's: year 2's cost difference, 383,111
        doc = json.loads(run("compare", DERBYSHIRE, "--variants", "base,pessimistic",
                             "--format", "json").stdout)
        cost = [l for l in doc["compare"]["lines"] if l["line"] == "cost"][0]
        self.assertEqual(f"£{round(cost['difference'][1][1]):,}", "£383,111")
        self.assertIn("pessimistic − base £0 £383,111", text)

    def test_html_across_base_years_says_which_years_a_run_lacks(self):
        a = os.path.join(ROOT, "tests", "data", "cases", "case-1001.yaml")  # 2024/25 to 2029/30
        b = os.path.join(ROOT, "tests", "data", "cases", "case-1002.yaml")  # 2026/27 to 2031/32
        p = run("compare", a, b, "--format", "html")
        self.assertEqual(p.returncode, 0, p.stderr)
        import html as h
        text = re.sub(r"\s+", " ", h.unescape(re.sub(r"<[^>]+>", " ", p.stdout)))
        self.assertIn("case-1001 has no figures for 2030/31, 2031/32.", text)
        self.assertIn("case-1002 has no figures for 2024/25, 2025/26.", text)
        self.assertIn("Line and run 2024/25 2025/26 2026/27 2027/28 2028/29 2029/30 2030/31 2031/32 Total", text)
        self.assertIn("base_year 2024 2026", text)

    def test_usage(self):
        lone = self.path("lone.yaml")
        with open(lone, "w") as f:
            f.write("s75: 1\nname: Lone\nbase_year: 2025\nyears: 2\n"
                    "partners: [{id: a, contribution: {amount: 1}}]\n")
        p = run("compare", lone)
        self.assertEqual(p.returncode, 2)
        self.assertIn("has no variants", p.stderr)
        self.assertEqual(run("compare", DERBYSHIRE, DERBYSHIRE, "--variants", "a").returncode, 2)
        self.assertEqual(run("compare", DERBYSHIRE, "--format", "pdf").returncode, 2)
        p = run("compare", DERBYSHIRE, "--variants", "base,nope")
        self.assertEqual(p.returncode, 1)
        self.assertIn("no variant named 'nope'", p.stderr)


if __name__ == "__main__":
    unittest.main()
