#!/usr/bin/env python3
"""Generates an appraisal for timing SMAA in `s75 appraise`: O options scored on C criteria, D draws.

usage: gen_smaa.py [OPTIONS] [CRITERIA] [DRAWS] > smaa.yaml     (default 20 options, 12 criteria, 100000)
Scores, weights and cash flows are synthetic (seeded), with no dominated option so every rank is live.
"""
import random
import sys

n_options = int(sys.argv[1]) if len(sys.argv) > 1 else 20
n_criteria = int(sys.argv[2]) if len(sys.argv) > 2 else 12
draws = int(sys.argv[3]) if len(sys.argv) > 3 else 100000
rnd = random.Random(75)
print("s75: 1\nname: Generated SMAA benchmark\nbase_year: 2025\nyears: 1")
print("partners: [{id: council, name: Council, contribution: {amount: 1000000}}]")
print("appraisal:")
print("  optimism_bias: {category: outsourcing, mitigation: \"25%\"}")
print("  criteria:")
for j in range(n_criteria):
    print("    - {id: c%d, weight: %d}" % (j, rnd.randint(1, 40)))
print("  options:")
for o in range(n_options):
    scores = ", ".join("c%d: %d" % (j, rnd.randint(0, 10)) for j in range(n_criteria))
    costs = ", ".join("%d: %d" % (2025 + t, rnd.randint(50, 500) * 1000) for t in range(10))
    benefits = ", ".join("%d: %d" % (2026 + t, rnd.randint(50, 600) * 1000) for t in range(10))
    print("    - {id: o%d, scores: {%s}," % (o, scores))
    print("       costs: {%s}," % costs)
    print("       benefits: {%s}}" % benefits)
print("  smaa: {draws: %d, seed: 1}" % draws)
