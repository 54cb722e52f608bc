#!/usr/bin/python3
"""Writes the benchmark scenario to stdout: 200 workforce lines
over 8 Agenda for Change bands, 10 years, 20 savings schemes and 3 partners,
with an uncertainty block of 100,000 draws.

    gen_simulate.py [--lines N] [--draws N] [--seed N] > bench.yaml

--lines changes only the number of workforce lines (to show that time and
memory do not grow with it). The numbers come from a fixed pseudo-random
sequence, so the file is the same on every run."""
import argparse
import random

BANDS = {  # band: (points, progression years) -- shaped like AfC 2025/26
    "2": ([24937], []),
    "3": ([24937, 26598], [2]),
    "4": ([27485, 30162], [3]),
    "5": ([31049, 33487, 37796], [2, 2]),
    "6": ([38682, 40823, 46580], [2, 3]),
    "7": ([47810, 50273, 54710], [2, 3]),
    "8a": ([55690, 62682], [3]),
    "8b": ([64455, 74896], [3]),
}


def pct(x):
    return '"%.2f%%"' % (x * 100)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--lines", type=int, default=200)
    ap.add_argument("--draws", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(75)
    out = []
    w = out.append
    w("s75: 1")
    w("name: Benchmark pool (%d workforce lines, 8 bands)" % a.lines)
    w("base_year: 2025")
    w("years: 10")
    w("scales:")
    w("  bench:")
    w("    year: 2025")
    w("    bands:")
    for b, (pts, prog) in BANDS.items():
        w('      "%s": {points: [%s], progression_years: [%s]}'
          % (b, ", ".join(str(p) for p in pts), ", ".join(str(p) for p in prog)))
    w("pay:")
    w("  scale: bench")
    awards = []
    for y in range(2026, 2035):
        if y % 3 == 0:
            awards.append('%d: {percent: %s, bands: {"2": %s}, flat_minimum: 800}'
                          % (y, pct(rnd.uniform(0.02, 0.04)), pct(0.05)))
        else:
            awards.append("%d: %s" % (y, pct(rnd.uniform(0.015, 0.045))))
    w("  awards: {%s}" % ", ".join(awards))
    w('  oncosts: {employer_ni: {rate: "15%", threshold: 5000}, pension: "23.78%", '
      'apprenticeship_levy: "0.5%"}')
    w("workforce:")
    names = list(BANDS)
    for i in range(a.lines):
        b = names[i % len(names)]
        k = len(BANDS[b][0])
        sh = [rnd.random() for _ in range(k)]
        s = sum(sh)
        sh = [round(x / s, 6) for x in sh]
        sh[-1] = round(1 - sum(sh[:-1]), 6)
        wte = round(rnd.uniform(1, 40), 2)
        w('  - {role: "Role %d", band: "%s", wte: %s, headcount: %s, points: [%s], '
          'turnover: %s, vacancy: %s, agency_fill: %s, agency_premium: %s}'
          % (i, b, wte, round(wte * rnd.uniform(1.0, 1.3), 1), ", ".join(str(x) for x in sh),
             pct(rnd.uniform(0, 0.2)), pct(rnd.uniform(0, 0.15)), pct(rnd.uniform(0, 1)),
             pct(rnd.uniform(0, 0.6))))
    w("non_pay:")
    for j in range(10):
        w("  - {name: Non-pay %d, amount: %d, inflation: {2025: %s, 2029: %s}}"
          % (j, rnd.randrange(100, 900) * 1000, pct(rnd.choice([0.02, 0.025, 0.03])),
             pct(rnd.choice([0.02, 0.025]))))
    scale = a.lines / 200.0
    w("partners:")
    w("  - {id: icb, name: Integrated Care Board, contribution: {amount: %d, uplift: \"3.5%%\"}}"
      % int(128_000_000 * scale))
    w("  - {id: council, name: County Council, contribution: {amount: %d, uplift: \"2.5%%\"}}"
      % int(82_000_000 * scale))
    w("  - id: trust")
    w("    name: Community Trust")
    w("    contribution: {amounts: {%s}}"
      % ", ".join("%d: %d" % (y, int((31_000_000 + 900_000 * (y - 2025)) * scale))
                  for y in range(2025, 2035)))
    w("savings:")
    w("  schemes:")
    for k in range(20):
        w('    - {name: Scheme %d, value: %d, start: %d, phasing: ["50%%", "100%%"], '
          "confidence: %s, recurrent: %s}"
          % (k, rnd.randrange(200, 2000) * 1000, rnd.randrange(2025, 2031),
             pct(rnd.uniform(0.4, 0.95)), "true" if k % 4 else "false"))
    w("risk_share:")
    w("  overspend: {rule: proportional}")
    w('  underspend: {rule: fixed, shares: {icb: "50%", council: "30%", trust: "20%"}}')
    w("uncertainty:")
    w("  draws: %d" % a.draws)
    w("  seed: %d" % a.seed)
    w('  pay_award_sd: "1%"')
    w('  inflation_sd: "1%"')
    w('  uplift_sd: "0.5%"')
    w("  savings: bernoulli")
    print("\n".join(out))


if __name__ == "__main__":
    main()
