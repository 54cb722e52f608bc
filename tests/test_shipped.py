"""The shipped scenarios' key totals, so no change to the model slips through unnoticed.

Every scenario in configs/ runs through `run`, and through `appraise`, `simulate` and `monitor` where it has the
block; the totals are compared with tests/data/shipped-totals.json (money to a penny, shares and probabilities to
1e-9). After a deliberate change to the model, regenerate the file and review the diff:

    S75_EXE=build/examples/s75 /usr/bin/python3 tests/test_shipped.py --update
"""
import glob
import json
import os
import subprocess
import sys
import unittest

EXE = os.environ.get("S75_EXE", "build/examples/s75")
ROOT = os.environ.get("S75_SOURCE_ROOT", os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TOTALS = os.path.join(ROOT, "tests", "data", "shipped-totals.json")


def document(mode, path):
    p = subprocess.run([EXE, mode, "--format", "json", path], capture_output=True, text=True)
    if p.returncode != 0:
        raise AssertionError(f"s75 {mode} {path}: exit {p.returncode}: {p.stderr.strip()}")
    return json.loads(p.stdout)


def money_totals(rows, keys):
    return {k: round(sum(r[k] for r in rows), 2) for k in keys}


def shares(rows):
    out = {}
    for r in rows:
        for pid, v in r["risk_share"].items():
            out[pid] = round(out.get(pid, 0) + v, 2)
    return out


def key_totals(path):
    """The figures a finance reader would quote from each report."""
    raw = open(path).read()
    doc = document("run", path)
    t = {}
    if "portfolio" in doc:
        cons = doc["portfolio"]["consolidated"]
        t["run"] = {**money_totals(cons, ["cost", "contributions_total", "gap", "savings_expected", "variance"]),
                    "risk_share": shares(cons), "pools": len(doc["portfolio"]["pools"])}
    else:
        proj = doc["projection"]
        t["run"] = {**money_totals(proj, ["pay", "agency", "non_pay", "cost", "contributions_total", "gap",
                                          "savings_expected", "variance"]),
                    "risk_share": shares(proj)}
    if doc.get("demand"):
        d = {}
        for r in doc["demand"]:
            b = d.setdefault(r["band"], {"required_wte": 0.0, "caseload_wte": 0.0, "gap_cost": 0.0})
            b["required_wte"] += r["required_wte"]
            b["caseload_wte"] += r["caseload_wte"]
            b["gap_cost"] += r["gap_cost"] if r["gap_cost"] is not None else 0.0
        t["demand"] = {band: {k: round(v, 6 if k.endswith("wte") else 2) for k, v in b.items()}
                       for band, b in d.items()}
    if "\nappraisal:" in raw:
        a = document("appraise", path)["appraisal"]
        t["appraise"] = {o["id"]: {"score": o["score"], "rank": o["rank"], "npsv": round(o["npsv"], 2),
                                   "rank_npsv": o["rank_npsv"]} for o in a["options"]}
        t["appraise"]["_smaa_first"] = {o["id"]: o["acceptability"][0] for o in a["smaa"]["options"]}
    if "\nuncertainty:" in raw:
        s = document("simulate", path)["simulation"]
        t["simulate"] = {y["year"]: {"variance_mean": round(y["variance"]["mean"], 2),
                                     "variance_p95": round(y["variance"]["p95"], 2),
                                     "p_overspend": y["p_overspend"]} for y in s["years"]}
    if "\nmonitoring:" in raw:
        m = document("monitor", path)["monitoring"]
        t["monitor"] = {"forecast_cost": round(m["forecast_cost"], 2),
                        "forecast_variance": round(m["forecast_variance"], 2), "risk_share": m["risk_share"]}
    return t


def scenarios():
    return sorted(glob.glob(os.path.join(ROOT, "configs", "*.yaml")))


def close(a, b, path, out):
    if isinstance(a, dict):
        if not isinstance(b, dict) or set(a) != set(b):
            out.append(f"{path}: keys {sorted(b) if isinstance(b, dict) else b} != {sorted(a)}")
            return
        for k in a:
            close(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, float) or isinstance(b, float):
        tol = 0.01 if abs(a) >= 1 else 1e-9
        if abs(a - b) > tol:
            out.append(f"{path}: got {b}, frozen {a}")
    elif a != b:
        out.append(f"{path}: got {b}, frozen {a}")


class ShippedTotals(unittest.TestCase):
    def test_key_totals_are_unchanged(self):
        frozen = json.load(open(TOTALS))
        self.assertEqual(sorted(frozen), [os.path.basename(p) for p in scenarios()])
        for path in scenarios():
            name = os.path.basename(path)
            with self.subTest(scenario=name):
                out = []
                close(frozen[name], key_totals(path), name, out)
                self.assertEqual(out, [], "\n".join(out[:12]))

    def test_health_visitor_need_is_near_staffing(self):
        """Band 6 need and staffing within 35% of each other in every year of the 0-19 scenarios: a
        non-executive reads a gap of -80% as overstaffing, so the shipped need must count what the
        establishment is for (contacts, time away from contacts, caseloads, need)."""
        for name in ("derbyshire-0-19.yaml", "derbyshire-0-19-monitoring.yaml", "kent-health-visiting.yaml"):
            rows = [r for r in document("run", os.path.join(ROOT, "configs", name))["demand"] if r["band"] == "6"]
            self.assertEqual(len(rows), 5, name)
            for r in rows:
                with self.subTest(scenario=name, year=r["year"]):
                    need, staff = r["required_wte"], r["staffed_wte"]
                    self.assertLessEqual(max(need, staff) / min(need, staff), 1.35, f"{need} against {staff}")
                    self.assertGreater(r["caseload_wte"], 0)
                    # the gap priced: closing it with substantive staff costs gap x pay per in-post WTE
                    self.assertGreater(r["gap_cost"] / r["capacity_gap_wte"], 40000)

    def test_reconciliation_in_every_shipped_scenario(self):
        """Allocations add up to the rounded variance to the penny, every year."""
        for path in scenarios():
            doc = document("run", path)
            rows = doc["portfolio"]["consolidated"] if "portfolio" in doc else doc["projection"]
            for r in rows:
                with self.subTest(scenario=os.path.basename(path), year=r["year"]):
                    placed = round(sum(r["risk_share"].values()) + r["unallocated"], 2)
                    if "portfolio" in doc:
                        # a penny a pool at most, from each pool's own rounding
                        self.assertLessEqual(abs(placed - r["variance"]), 0.01 * len(doc["portfolio"]["pools"]))
                    else:
                        self.assertAlmostEqual(abs(placed), round(abs(r["variance"]) + 1e-9, 2), places=2)


if __name__ == "__main__":
    if "--update" in sys.argv:
        json.dump({os.path.basename(p): key_totals(p) for p in scenarios()}, open(TOTALS, "w"), indent=1,
                  sort_keys=True)
        print("wrote", TOTALS)
    else:
        unittest.main()
