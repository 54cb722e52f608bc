#!/usr/bin/python3
"""No two library source files call each other in a circle, read from the built objects.

File A depends on file B when A's object uses a symbol B's defines (nm). Every strongly
connected group of more than one file is a circle; the only one allowed is the one a portfolio
needs (a pool is a scenario): load.c and load_portfolio.c. docs/ARCHITECTURE.md says why.

    check-circles.py BUILD_DIR
"""
import glob
import os
import re
import subprocess
import sys

ALLOWED = [["load/load.c", "load/load_portfolio.c"]]


def objects(build):
    """{source path under libs75/src: object path} for the layer libraries' objects."""
    out = {}
    for o in glob.glob(os.path.join(build, "libs75", "**", "*.o"), recursive=True):
        m = re.search(r"libs75_(util|load|model|report|internal)\.a\.p/(.+)\.o$", o)
        if not m:
            continue
        layer, name = m.group(1), m.group(2)
        if layer == "internal":
            if not name.startswith("src_"):
                continue            # generated data
            out[name[len("src_"):]] = o
        else:
            out[layer + "/" + name] = o     # html_report_html.c: report/html/report_html.c
    return out


def main():
    build = sys.argv[1]
    objs = objects(build)
    if len(objs) < 20:
        sys.exit(f"found only {len(objs)} library objects under {build}: build the library first")
    defs, uses = {}, {}
    for name, o in objs.items():
        uses[name] = set()
        for line in subprocess.run(["nm", o], capture_output=True, text=True, check=True).stdout.splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[1] in "TDBRC":
                defs.setdefault(parts[2], name)
            elif len(parts) == 2 and parts[0] == "U":
                uses[name].add(parts[1])
    graph = {f: sorted({defs[s] for s in u if s in defs and defs[s] != f}) for f, u in uses.items()}
    # Tarjan's strongly connected components, iteratively.
    index, low, on, stack, sccs, counter = {}, {}, set(), [], [], [0]
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter[0]
                counter[0] += 1
                stack.append(v)
                on.add(v)
            if i < len(graph[v]):
                work.append((v, i + 1))
                w = graph[v][i]
                if w not in index:
                    work.append((w, 0))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            for w in graph[v]:
                if w in on:
                    low[v] = min(low[v], low[w])
            if low[v] == index[v]:
                c = []
                while True:
                    w = stack.pop()
                    on.discard(w)
                    c.append(w)
                    if w == v:
                        break
                if len(c) > 1:
                    sccs.append(sorted(c))
    bad = [c for c in sccs if c not in ALLOWED]
    for c in bad:
        print("circle:", ", ".join(c))
        for f in c:
            for g in graph[f]:
                if g in c:
                    print(f"  {f} -> {g}")
    print(f"{len(objs)} files, {len(sccs)} circle(s), {len(bad)} not allowed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
