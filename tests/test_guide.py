#!/usr/bin/python3
"""docs/GUIDE.md shows real output: every `$ s75 ...` example in it is run, and each line the guide
prints (but "…", which marks lines left out) must come out of the command, in the guide's order.

The commands run in a scratch directory laid out as the guide tells a reader to lay it out
(`my-0-19.yaml` a copy of configs/derbyshire-0-19.yaml beside a copy of configs/afc, the configs/
tree itself, `typo.yaml` made with the two slips the guide describes, and `elsewhere/` holding a
copy without its pay scales). Skipped: an example whose input the guide does not say how to make
(bad-variants.yaml), one that writes a file (-o), and JSON, which the guide condenses by hand;
any other new example is checked."""
import os
import shlex
import shutil
import subprocess
import tempfile
import unittest

ROOT = os.environ.get("S75_SOURCE_ROOT", os.path.join(os.path.dirname(__file__), ".."))
S75 = os.environ.get("S75_EXE", os.path.join(ROOT, "build", "examples", "s75"))
GUIDE = os.path.join(ROOT, "docs", "GUIDE.md")
NOT_MADE_HERE = {"bad-variants.yaml"}


def examples():
    """(line number, command, expected lines) for each `$ s75` command in a fenced block."""
    lines = open(GUIDE, encoding="utf-8").read().split("\n")
    found, i = [], 0
    while i < len(lines):
        if not lines[i].startswith("```"):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not lines[j].startswith("```"):
            j += 1
        cmd = None
        for k in range(i + 1, j):
            if lines[k].startswith("$ "):
                cmd = (k + 1, lines[k][2:], []) if lines[k].startswith("$ s75 ") else None
                if cmd:
                    found.append(cmd)
            elif cmd:
                cmd[2].append(lines[k])
        i = j + 1
    return found


def scratch(tmp):
    shutil.copytree(os.path.join(ROOT, "configs"), os.path.join(tmp, "configs"))
    shutil.copytree(os.path.join(ROOT, "configs", "afc"), os.path.join(tmp, "afc"))
    src = open(os.path.join(ROOT, "configs", "derbyshire-0-19.yaml"), encoding="utf-8").read()
    open(os.path.join(tmp, "my-0-19.yaml"), "w", encoding="utf-8").write(src)
    # the guide's two slips: vacancey on the first workforce line, pension typed as 23.78
    typo = src.replace("vacancy:", "vacancey:", 1).replace('pension: "23.78%"', "pension: 23.78", 1)
    open(os.path.join(tmp, "typo.yaml"), "w", encoding="utf-8").write(typo)
    os.mkdir(os.path.join(tmp, "elsewhere"))
    shutil.copy(os.path.join(ROOT, "configs", "derbyshire-0-19.yaml"), os.path.join(tmp, "elsewhere"))


def in_order(expected, got):
    """The expected lines not found, in order, among the output lines."""
    at, missing = 0, []
    for line in expected:
        if line.strip() in ("", "…", "..."):
            continue
        try:
            at = got.index(line, at) + 1
        except ValueError:
            missing.append(line)
    return missing


class GuideExamples(unittest.TestCase):
    def test_every_example_prints_what_the_guide_shows(self):
        with tempfile.TemporaryDirectory() as tmp:
            scratch(tmp)
            checked, problems = 0, []
            for line_no, cmd, expected in examples():
                args = shlex.split(cmd, comments=True)
                if "-o" in args or "json" in args or NOT_MADE_HERE.intersection(args):
                    continue
                # the guide's copy made without its pay scales (`cd ~/elsewhere`)
                where = os.path.join(tmp, "elsewhere") if "derbyshire-0-19.yaml" in args else tmp
                run = subprocess.run([S75] + args[1:], cwd=where, capture_output=True, text=True,
                                     stdin=subprocess.DEVNULL, timeout=120)
                missing = in_order(expected, (run.stdout + run.stderr).split("\n"))
                checked += 1
                if missing:
                    problems.append("GUIDE.md:%d `%s`: %d line(s) not printed, first: %r"
                                    % (line_no, cmd, len(missing), missing[0]))
            self.assertGreaterEqual(checked, 10, "the guide's examples were not found")
            self.assertEqual(problems, [], "\n".join(problems))


if __name__ == "__main__":
    unittest.main()
