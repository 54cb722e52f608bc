#!/usr/bin/python3
"""A large ledger export or staff establishment, and a scenario that reads it, for bench_tables.sh.

    gen_tables.py ledger N DIR          DIR/ledger.csv (N transaction rows) and DIR/ledger.yaml
    gen_tables.py establishment N DIR   DIR/establishment.csv (N position rows) and DIR/establishment.yaml

The scenarios are configs/derbyshire-0-19-ledger.yaml and configs/derbyshire-0-19-establishment.yaml
with the table's path changed (and, for the establishment, roles that every band holds); the rows are shaped
like configs/data/'s: quoted amounts with commas, dd/mm/yyyy dates, 10% noise rows of other cost centres
and years; grades in several spellings, blank headcounts. A fixed seed makes them reproducible.
"""
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = os.path.join(HERE, "..", "configs")


def ledger(n, d):
    rng = random.Random(1)
    accounts = ["510110", "510120", "510310", "510410", "517010", "620100", "640200", "650300", "690100"]
    with open(os.path.join(d, "ledger.csv"), "w", newline="") as f:
        f.write("Posting Date,Cost Centre,Subjective,Description,Amount\r\n")
        for i in range(n):
            month = rng.randrange(4, 10)
            centre = rng.choice(["C19HV", "C19SN", "C19AD"]) if rng.random() > 0.1 else "C20SX"
            year = 2025 if rng.random() > 0.05 else 2024
            pence = rng.randrange(100, 5_000_000)
            amount = f"{pence // 100:,}.{pence % 100:02d}"
            f.write(f"{rng.randrange(1, 29):02d}/{month:02d}/{year},{centre},{rng.choice(accounts)},"
                    f"\"Posting {i}, batch {i // 100}\",\"{amount}\"\r\n")
    text = open(os.path.join(CONFIGS, "derbyshire-0-19-ledger.yaml"), encoding="utf-8").read()
    text = text.replace("data/derbyshire-0-19-ledger.csv", os.path.join(d, "ledger.csv"))
    text = text.replace("include: [afc/2025-26.yaml]",
                        "include: [" + os.path.abspath(os.path.join(CONFIGS, "afc", "2025-26.yaml")) + "]")
    open(os.path.join(d, "ledger.yaml"), "w", encoding="utf-8").write(text)


def establishment(n, d):
    rng = random.Random(2)
    roles = [("Health visitor (SCPHN)", "6", 3), ("School nurse (SCPHN)", "6", 3), ("Team leader", "7", 3),
             ("Community staff nurse", "5", 3), ("Community nursery nurse", "4", 2),
             ("Healthcare assistant", "3", 2), ("Administration and business support", "3", 2)]
    teams = [f"Team {k:03d}" for k in range(200)]
    with open(os.path.join(d, "establishment.csv"), "w", encoding="utf-8-sig", newline="") as f:
        f.write("Position Number,Position Title,Team,Grade,Pay Point,FTE,Headcount\n")
        for i in range(n):
            role, band, points = rng.choice(roles)
            fte = rng.choice([1.0, 0.8, 0.6, 1.6, 2.0, 0.4])
            head = "" if fte == 1.0 else str(max(1, round(fte + 0.4)))
            grade = rng.choice(["Band {}", "Agenda for Change Band {}", "{}"]).format(band)
            f.write(f"{100000 + i},{role},{rng.choice(teams)},{grade},Point {rng.randrange(1, points + 1)},"
                    f"{fte:.2f},{head}\n")
    text = open(os.path.join(CONFIGS, "derbyshire-0-19-establishment.yaml"), encoding="utf-8").read()
    text = text.replace("data/derbyshire-0-19-establishment.csv", os.path.join(d, "establishment.csv"))
    # Lines by role, band and team: hundreds of lines from the rows.
    text = text.replace("wte: FTE, headcount: Headcount, point: Pay Point}",
                        "wte: FTE, headcount: Headcount, point: Pay Point, team: Team}")
    text = re.sub(r'\n    "Infant-feeding specialist team": \{[^}]*\}', "", text)
    text = text.replace("include: [afc/2025-26.yaml]",
                        "include: [" + os.path.abspath(os.path.join(CONFIGS, "afc", "2025-26.yaml")) + "]")
    open(os.path.join(d, "establishment.yaml"), "w", encoding="utf-8").write(text)


if __name__ == "__main__":
    kind, n, d = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    {"ledger": ledger, "establishment": establishment}[kind](n, d)
