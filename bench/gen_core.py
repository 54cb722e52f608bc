#!/usr/bin/env python3
"""Generates a large scenario for timing `s75 run`: N workforce lines over Y years.

usage: gen_core.py [LINES] [YEARS] [CONFIGS] [SYSTEMS] > big.yaml   (default 5000 lines, 30 years, 1 system)
Figures are synthetic; the pay scale is the shipped AfC 2025/26 one. With SYSTEMS 2, every other line is
a council line on grades of the shipped NJC 2025/26 spine (its own awards and an LGPS-like pension series):
the same size, two pay systems (each line names its system, as it must when there are two).
"""
import random
import sys

lines = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
years = int(sys.argv[2]) if len(sys.argv) > 2 else 30
rnd = random.Random(75)
bands = {"2": 1, "3": 2, "4": 2, "5": 3, "6": 3, "7": 3, "8a": 3, "8b": 3}
root = sys.argv[3] if len(sys.argv) > 3 else "../configs"
systems = int(sys.argv[4]) if len(sys.argv) > 4 else 1
grades = {"Grade %d" % g: list(range(3 + 4 * g, 7 + 4 * g)) for g in range(8)}
print("s75: 1\nname: Generated core benchmark\nbase_year: 2025\nyears: %d" % years)
awards = '{2026: "3%", 2030: {percent: "2.5%", bands: {"2": "4%"}, flat_minimum: 500}}'
oncosts = '{employer_ni: {rate: "15%", threshold: 5000}, pension: "23.78%", apprenticeship_levy: "0.5%"}'
if systems == 1:
    print("include: [%s/afc/2025-26.yaml]" % root)
    print("pay:\n  scale: afc-2025-26\n  awards: %s\n  oncosts: %s" % (awards, oncosts))
else:
    print("include: [%s/afc/2025-26.yaml, %s/njc/2025-26.yaml]" % (root, root))
    print("scales:\n  grades:\n    year: 2025\n    spine: njc-2025-26\n    bands:")
    for g, pts in grades.items():
        print("      \"%s\": {spine_points: [%s]}" % (g, ", ".join(map(str, pts))))
    print("pay_systems:\n  nhs: {scale: afc-2025-26, awards: %s, oncosts: %s}" % (awards, oncosts))
    print("  council: {scale: grades, awards: {2026: \"3.2%\", 2030: \"2%\"}, oncosts: {employer_ni: "
          "{rate: \"15%\", threshold: 5000}, pension: {2025: \"19.5%\", 2026: \"17.1%\"}}}")
print("workforce:")
for i in range(lines):
    council = systems == 2 and i % 2 == 1
    band = rnd.choice(list(grades) if council else list(bands))
    k = 4 if council else bands[band]
    shares = [rnd.random() for _ in range(k)]
    total = sum(shares)
    shares = [round(s / total, 6) for s in shares]
    shares[-1] = round(1 - sum(shares[:-1]), 6)
    extra = ""
    if systems == 2:
        extra = ", pay_system: %s" % ("council" if council else "nhs")
    print("  - {role: \"Role %d\", band: \"%s\", wte: %.2f, points: [%s], turnover: \"%.1f%%\", vacancy: \"%.1f%%\", "
          "agency_fill: \"%.0f%%\", agency_premium: \"%.0f%%\"%s}"
          % (i, band, rnd.uniform(0.5, 40), ", ".join("%.6f" % s for s in shares), rnd.uniform(0, 20),
             rnd.uniform(0, 15), rnd.uniform(0, 100), rnd.uniform(0, 60), extra))
print("non_pay:")
for i in range(20):
    print("  - {name: \"Non-pay %d\", amount: %d, inflation: \"%.1f%%\"}" % (i, rnd.randint(10_000, 900_000), rnd.uniform(0, 4)))
print("partners:\n  - {id: council, contribution: {amount: 400_000_000, uplift: \"1%\"}}")
print("  - {id: trust, contribution: {amount: 150_000_000, uplift: \"2%\"}}")
print("savings:\n  schemes:")
for i in range(20):
    print("    - {name: \"Scheme %d\", value: %d, start: %d, phasing: [\"50%%\", \"100%%\"], confidence: \"%.0f%%\"}"
          % (i, rnd.randint(50_000, 900_000), 2025 + rnd.randint(0, 5), rnd.uniform(40, 100)))
print("risk_share:\n  overspend: {rule: tiered, tiers: [{up_to: 1_000_000, shares: {trust: \"100%\"}}, {rule: proportional}]}")
