#!/usr/bin/env python3
"""Writes a large portfolio (MODEL.md §10) for timing `s75 run`.

usage: gen_portfolio.py OUT_DIR [--places 40] [--per-place 10] [--lines 20] [--years 10] [--seed 1]

OUT_DIR/portfolio.yaml ties together one system pool, PLACES place pools and PLACES x PER_PLACE
neighbourhood pools (by default 1 + 40 + 400 = 441), each in OUT_DIR/pools/<id>.yaml with LINES
workforce lines over YEARS years. Each place is funded by the system pool and each neighbourhood
by its place (delegated funding); risk share cascades upwards. The figures are random but
plausible and the same for the same seed.
"""
import argparse
import os
import random

SCALE = """scales:
  afc-bench:
    year: 2024
    bands:
      "3": {points: [24071, 25674], progression_years: [2]}
      "4": {points: [26530, 29114], progression_years: [3]}
      "5": {points: [29970, 32324, 36483], progression_years: [2, 2]}
      "6": {points: [37338, 39405, 44962], progression_years: [2, 3]}
      "7": {points: [46148, 48526, 52809], progression_years: [2, 3]}
      "8a": {points: [53755, 56454, 60504], progression_years: [2, 3]}
"""

BANDS = {"3": 2, "4": 2, "5": 3, "6": 3, "7": 3, "8a": 3}
FUNDERS = [("council", "County council"), ("icb", "Integrated care board"),
           ("trust", "Community trust")]


def shares(rng, k):
    w = [rng.random() + 0.05 for _ in range(k)]
    s = sum(w)
    out = [round(x / s, 6) for x in w]
    out[-1] = round(1 - sum(out[:-1]), 6)
    return out


def pool_file(rng, pid, parent, base_year, years, lines, delegated):
    """The pool's file and what it receives from its parent in the base year. delegated: what
    it passes down to its own children in the base year, which its funders cover too."""
    last = base_year + years - 1
    out = [f"# Generated pool {pid} (bench/gen_portfolio.py); figures random.",
           "s75: 1", f"name: Pool {pid}", f"base_year: {base_year}", f"years: {years}",
           "include: [afc.yaml]", "pay:", "  scale: afc-bench",
           f"  awards: {{2025: \"{rng.uniform(2, 5):.2f}%\", 2027: \"{rng.uniform(2, 4):.2f}%\"}}",
           "  oncosts:", "    employer_ni: {rate: \"15%\", threshold: 5000}",
           "    pension: \"23.7%\"", "    apprenticeship_levy: \"0.5%\"", "workforce:"]
    wte_total = 0.0
    for i in range(lines):
        band = rng.choice(list(BANDS))
        wte = round(rng.uniform(0.5, 12), 2)
        wte_total += wte
        pts = ", ".join(str(x) for x in shares(rng, BANDS[band]))
        out.append(f"  - {{role: Role {i}, band: \"{band}\", wte: {wte}, points: [{pts}], "
                   f"turnover: \"{rng.uniform(0, 15):.1f}%\", vacancy: \"{rng.uniform(0, 12):.1f}%\", "
                   f"agency_fill: \"{rng.uniform(0, 80):.0f}%\", agency_premium: \"{rng.uniform(10, 50):.0f}%\"}}")
    non_pay = round(wte_total * rng.uniform(4000, 9000))
    out += ["non_pay:",
            f"  - {{name: Non-pay, amount: {non_pay}, inflation: \"{rng.uniform(1, 4):.2f}%\"}}"]
    # Contributions cover roughly the cost of the pool (a basic-pay estimate with on-costs)
    # and what it passes down.
    cost = wte_total * 52000 + non_pay + delegated
    out.append("partners:")
    funders = list(FUNDERS)
    rng.shuffle(funders)
    k = 2 if parent else 3
    parts = shares(rng, k + (1 if parent else 0))
    for (fid, fname), s in zip(funders[:k], parts):
        out.append(f"  - {{id: {fid}, name: {fname}, contribution: {{amount: {round(cost * s)}, "
                   f"uplift: \"{rng.uniform(0, 3):.2f}%\"}}}}")
    if parent:
        out.append(f"  - {{id: {parent}, name: Pool {parent}, contribution: "
                   f"{{amount: {round(cost * parts[-1])}, uplift: \"{rng.uniform(0, 3):.2f}%\"}}}}")
    out += ["savings:", "  schemes:",
            f"    - {{name: Scheme, value: {round(cost * 0.02)}, start: {base_year + 1}, "
            f"phasing: [\"50%\", \"100%\"], confidence: \"{rng.uniform(50, 95):.0f}%\"}}"]
    ids = [f for f, _ in funders[:k]] + ([parent] if parent else [])
    fixed = ", ".join(f"{i}: \"{100 * s:.4f}%\"" for i, s in zip(ids, normalise(parts)))
    out += ["risk_share:", "  overspend: {rule: proportional}",
            f"  underspend: {{rule: fixed, shares: {{{fixed}}}}}"]
    assert last >= base_year
    return "\n".join(out) + "\n", (round(cost * parts[-1]) if parent else 0)


def normalise(parts):
    # Four decimals of a per cent each, the last making the sum exactly 100%.
    pct = [round(100 * p, 4) for p in parts]
    pct[-1] = round(100 - sum(pct[:-1]), 4)
    return [p / 100 for p in pct]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--places", type=int, default=40)
    ap.add_argument("--per-place", type=int, default=10)
    ap.add_argument("--lines", type=int, default=20)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    base_year = 2025
    os.makedirs(os.path.join(a.out, "pools"), exist_ok=True)
    with open(os.path.join(a.out, "pools", "afc.yaml"), "w") as f:
        f.write("# Pay scale for the generated portfolio (illustrative points).\n" + SCALE)
    pools = [("system", "system", None, None)]
    for p in range(a.places):
        pools.append((f"place-{p}", "place", "system", rng.randint(80_000, 300_000)))
        for n in range(a.per_place):
            pools.append((f"nbh-{p}-{n}", "neighbourhood", f"place-{p}", rng.randint(30_000, 50_000)))
    # Deepest tier first, so each parent knows what it passes down.
    passed_down = {}
    for pid, tier, parent, _ in sorted(pools, key=lambda x: -["system", "place",
                                                              "neighbourhood"].index(x[1])):
        text, from_parent = pool_file(rng, pid, parent, base_year, a.years, a.lines,
                                      passed_down.get(pid, 0))
        if parent:
            passed_down[parent] = passed_down.get(parent, 0) + from_parent
        with open(os.path.join(a.out, "pools", f"{pid}.yaml"), "w") as f:
            f.write(text)
    lines = ["# Generated by bench/gen_portfolio.py: a portfolio for timing `s75 run`.", "s75: 1",
             f"name: Generated portfolio of {len(pools)} pools", f"base_year: {base_year}",
             f"years: {a.years}", "pools:"]
    for pid, tier, parent, population in pools:
        item = f"  - {{id: {pid}, tier: {tier}, scenario: pools/{pid}.yaml"
        if parent:
            item += f", parent: {parent}"
        if population:
            item += f", population: {population}"
        lines.append(item + "}")
    with open(os.path.join(a.out, "portfolio.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print(os.path.join(a.out, "portfolio.yaml"))


if __name__ == "__main__":
    main()
