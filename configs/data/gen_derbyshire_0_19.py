#!/usr/bin/python3
"""Makes the synthetic exports beside the Derbyshire 0-19 scenarios, and the scenarios that read them.

    /usr/bin/python3 configs/data/gen_derbyshire_0_19.py

Reads configs/derbyshire-0-19.yaml (the workforce lines) and configs/derbyshire-0-19-monitoring.yaml
(the monitoring actuals) and writes:
  configs/data/derbyshire-0-19-establishment.csv  an ESR-like establishment export: one row a position,
      UTF-8 with a byte-order mark, grades written several ways ("Band 6", "Agenda for Change Band 6",
      "6"), blank headcounts where the position's people work its WTE. Summed by role and band with
      their point shares, the rows give exactly the YAML's lines (WTE, headcount, point shares).
  configs/data/derbyshire-0-19-ledger.csv  a general-ledger transaction export, CRLF line ends, with
      amounts as "1,234.56" and credits as "(1,234.56)"; the rows of the pool's cost centres in 2025/26
      sum by month to exactly the YAML's actuals, and noise rows (other cost centres, 2024/25, income
      codes) are there to be ignored.
  configs/derbyshire-0-19-establishment.yaml and configs/derbyshire-0-19-ledger.yaml: the two YAML
      scenarios with the hand-written block replaced by a mapping of the CSV.
Every figure is ILLUSTRATIVE, as in the YAML; a fixed seed makes the files reproducible.
"""
import csv
import io
import os
import random

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIGS = os.path.dirname(HERE)
rng = random.Random(20251006)

# ---- the establishment ----

GRADE_STYLES = ["Band {b}", "Band {b}", "Agenda for Change Band {b}", "{b}", "AfC Band {b}"]
POINT_STYLES = ["Point {p}", "{p}", "Point {p}"]
TEAMS = ["Amber Valley", "Bolsover", "Chesterfield", "Derbyshire Dales", "Erewash", "High Peak",
         "North East Derbyshire", "South Derbyshire"]


def split_hundredths(total, n):
    """n FTEs in hundredths, each 20..100, summing to total (an ESR FTE has two decimals)."""
    assert 20 * n <= total <= 100 * n, (total, n)
    ftes = [100] * n
    excess = 100 * n - total
    while excess > 0:
        i = rng.randrange(n)
        step = min(excess, rng.choice([10, 20, 40]), ftes[i] - 20)
        if step > 0:
            ftes[i] -= step
            excess -= step
    return ftes


def split_heads(heads, weights):
    """heads split in proportion to weights, each part at least 1 where its weight is > 0."""
    total = sum(weights)
    parts = [max(1, round(heads * w / total)) if w > 0 else 0 for w in weights]
    while sum(parts) > heads:
        parts[parts.index(max(parts))] -= 1
    while sum(parts) < heads:
        parts[weights.index(max(weights))] += 1
    return parts


def establishment(lines):
    rows = []
    position = 100000
    for li, line in enumerate(lines):
        band = line["band"]
        wte_h = round(line["wte"] * 100)
        shares = line.get("points") or [1.0]
        point_h = [round(wte_h * s) for s in shares]
        point_h[-1] += wte_h - sum(point_h)
        heads = split_heads(int(line["headcount"]), point_h)
        people = []
        for p, (h, n) in enumerate(zip(point_h, heads)):
            people += [(p + 1, f) for f in split_hundredths(h, n)] if n else []
        rng.shuffle(people)
        people.sort(key=lambda p: p[0])  # a position's people share a point
        # Positions of one to three people (job shares and team posts), as an establishment lists them.
        i = 0
        while i < len(people):
            point = people[i][0]
            group = [people[i]]
            i += 1
            size = rng.choice([1, 1, 2, 2, 3])
            while i < len(people) and people[i][0] == point and len(group) < size:
                group.append(people[i])
                i += 1
            fte = sum(f for _, f in group)
            position += rng.randrange(1, 40)
            head = len(group)
            rows.append({
                "Position Number": str(position),
                "Position Title": line["role"],
                "Organisation": "DCHS 0-19 " + rng.choice(TEAMS),
                "Cost Centre": "C19" + ("SN" if "School" in line["role"] else
                                        "AD" if "Admin" in line["role"] else "HV"),
                "Staff Group": "Administrative and Clerical" if "Admin" in line["role"]
                               else "Nursing and Midwifery Registered" if band in ("5", "6", "7")
                               else "Additional Clinical Services",
                "Grade": rng.choice(GRADE_STYLES).format(b=band),
                "Pay Point": rng.choice(POINT_STYLES).format(p=point),
                "FTE": f"{fte / 100:.2f}",
                # Blank where the position's people work its WTE: the export leaves it out.
                "Headcount": "" if head * 100 == fte else str(head),
                "Line": li,
            })
    rng.shuffle(rows)
    # First appearance of each role in the order of the YAML lines, so the summed lines come out in
    # the same order; the rest as an export sorts them, by position number.
    firsts = {}
    for r in rows:
        firsts.setdefault(r["Line"], r)
    lead = [firsts[i] for i in sorted(firsts)]
    rest = sorted((r for r in rows if r not in lead), key=lambda r: r["Position Number"])
    return lead + rest


def write_establishment(rows, path):
    cols = ["Position Number", "Position Title", "Organisation", "Cost Centre", "Staff Group",
            "Grade", "Pay Point", "FTE", "Headcount"]
    out = io.StringIO()
    w = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(out.getvalue())


# ---- the ledger ----

PAY_ACCOUNTS = [("510110", "Salaries - registered nursing"), ("510120", "Salaries - support staff"),
                ("510310", "Employer NI"), ("510410", "Employer pension")]
AGENCY_ACCOUNTS = [("517010", "Agency nursing"), ("517020", "Agency other")]
NON_PAY_ACCOUNTS = [("620100", "Travel and mileage"), ("640200", "Premises, rent"),
                    ("650300", "IT, devices and licences"), ("660100", "Training"),
                    ("670200", "Clinical supplies"), ("690100", "Recharges, host overheads")]
CENTRES = ["C19HV", "C19SN", "C19AD"]


def pounds(pence):
    s = f"{abs(pence) // 100:,}.{abs(pence) % 100:02d}"
    return f"({s})" if pence < 0 else s


def split_pence(total, n):
    cuts = sorted(rng.randrange(1, total) for _ in range(n - 1))
    return [b - a for a, b in zip([0] + cuts, cuts + [total])]


def ledger(actuals):
    rows = []
    months = {"pay": PAY_ACCOUNTS, "agency": AGENCY_ACCOUNTS, "non_pay": NON_PAY_ACCOUNTS}
    for cat, accounts in months.items():
        for m, amount in enumerate(actuals[cat]):
            cal_month = m + 4
            total = round(amount * 100)
            parts = split_pence(total, rng.randrange(6, 12))
            for part in parts:
                acc, desc = rng.choice(accounts)
                day = rng.randrange(1, 29)
                row = {"Posting Date": f"{day:02d}/{cal_month:02d}/2025", "Cost Centre": rng.choice(CENTRES),
                       "Subjective": acc, "Description": desc, "Amount": part}
                rows.append(row)
                # A posting and its reversal within the month: they cancel.
                if rng.random() < 0.06:
                    wrong = rng.randrange(1000, 500000)
                    rows.append(dict(row, Description=desc + ", posted in error", Amount=wrong))
                    rows.append(dict(row, Description='Reversal of "posted in error"', Amount=-wrong))
    # Noise: another service's cost centre, the last months of 2024/25, income, a note with a formula.
    for _ in range(40):
        rows.append({"Posting Date": f"{rng.randrange(1, 29):02d}/{rng.randrange(4, 10):02d}/2025",
                     "Cost Centre": rng.choice(["C20SX", "C21DA"]), "Subjective": rng.choice(PAY_ACCOUNTS)[0],
                     "Description": "Sexual health service", "Amount": rng.randrange(100000, 9000000)})
    for _ in range(30):
        rows.append({"Posting Date": f"{rng.randrange(1, 29):02d}/{rng.choice([1, 2, 3]):02d}/2025",
                     "Cost Centre": rng.choice(CENTRES), "Subjective": rng.choice(NON_PAY_ACCOUNTS)[0],
                     "Description": "2024/25 accrual", "Amount": rng.randrange(10000, 2000000)})
    for m in range(6):
        rows.append({"Posting Date": f"01/{m + 4:02d}/2025", "Cost Centre": "C19AD", "Subjective": "910100",
                     "Description": "Contribution received, Derbyshire County Council",
                     "Amount": 206666667})
    rows.append({"Posting Date": "30/09/2025", "Cost Centre": "C19AD", "Subjective": "990000",
                 "Description": "=SUM(H2:H900) check total, not a posting\nsee note", "Amount": 0})
    rng.shuffle(rows)
    rows.sort(key=lambda r: (r["Posting Date"][6:], r["Posting Date"][3:5], r["Posting Date"][:2]))
    return rows


def write_ledger(rows, path):
    cols = ["Posting Date", "Cost Centre", "Subjective", "Description", "Amount"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\r\n")
        w.writeheader()
        for r in rows:
            w.writerow(dict(r, Amount=pounds(r["Amount"])))


# ---- the scenarios ----

def block_span(text, key):
    """Start and end of the top-level block `key:` (up to the next top-level line)."""
    lines = text.split("\n")
    start = next(i for i, l in enumerate(lines) if l.startswith(key + ":"))
    end = start + 1
    while end < len(lines) and (lines[end] == "" or lines[end].startswith((" ", "#"))):
        end += 1
    while lines[end - 1] == "" or lines[end - 1].startswith("#"):
        end -= 1
    return lines, start, end


def q(s):
    return '"' + s.replace('"', '\\"') + '"'


def establishment_yaml(src, lines):
    text = open(src, encoding="utf-8").read()
    ls, start, end = block_span(text, "workforce")
    roles = []
    for line in lines:
        a = {k: line[k] for k in ("turnover", "vacancy", "agency_fill", "agency_premium") if k in line}
        roles.append(f"    {q(line['role'])}: {{" + ", ".join(f"{k}: {q(v)}" for k, v in a.items()) + "}")
    block = ["# The lines come from the establishment export: rows with the same role and band are summed",
             "# into one line, the WTE on each pay point giving its point shares (docs/MODEL.md §12.1).",
             "workforce_from:",
             "  file: data/derbyshire-0-19-establishment.csv",
             "  columns: {role: Position Title, band: Grade, wte: FTE, headcount: Headcount, point: Pay Point}",
             "  # Turnover, vacancy and agency assumptions stay here, per role (ILLUSTRATIVE, as above).",
             "  roles:"] + roles
    ls[start:end] = block
    out = "\n".join(ls)
    out = out.replace("name: Derbyshire 0-19 public health nursing (illustrative)",
                      "name: Derbyshire 0-19 public health nursing, workforce from the establishment (illustrative)")
    return out


def ledger_yaml(src):
    text = open(src, encoding="utf-8").read()
    ls, start, end = block_span(text, "monitoring")
    act = next(i for i in range(start, end) if ls[i].strip().startswith("actuals:"))
    ls[act:end] = [
        "  # Summed from the ledger export: rows of the pool's cost centres in 2025/26, by posting date,",
        "  # each account code in one category by its first digits. Rows of other cost centres, of",
        "  # 2024/25 and of income codes (9...) are ignored and counted (`s75 validate` lists the counts).",
        "  actuals_from:",
        "    file: data/derbyshire-0-19-ledger.csv",
        "    columns: {date: Posting Date, cost_centre: Cost Centre, account: Subjective, amount: Amount}",
        "    cost_centres: [C19HV, C19SN, C19AD]",
        "    accounts:",
        '      pay: ["5101", "5103", "5104"]',
        '      agency: ["5170"]',
        '      non_pay: ["6"]',
        "    credits: true        # reversals are negative amounts",
    ]
    out = "\n".join(ls)
    out = out.replace("2025/26 month 6 monitoring (illustrative)",
                      "2025/26 month 6 monitoring from the ledger (illustrative)")
    return out


def main():
    base = os.path.join(CONFIGS, "derbyshire-0-19.yaml")
    mon = os.path.join(CONFIGS, "derbyshire-0-19-monitoring.yaml")
    lines = yaml.safe_load(open(base, encoding="utf-8"))["workforce"]
    actuals = yaml.safe_load(open(mon, encoding="utf-8"))["monitoring"]["actuals"]
    write_establishment(establishment(lines), os.path.join(HERE, "derbyshire-0-19-establishment.csv"))
    write_ledger(ledger(actuals), os.path.join(HERE, "derbyshire-0-19-ledger.csv"))
    with open(os.path.join(CONFIGS, "derbyshire-0-19-establishment.yaml"), "w", encoding="utf-8") as f:
        f.write(establishment_yaml(base, lines))
    with open(os.path.join(CONFIGS, "derbyshire-0-19-ledger.yaml"), "w", encoding="utf-8") as f:
        f.write(ledger_yaml(mon))


if __name__ == "__main__":
    main()
