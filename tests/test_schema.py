#!/usr/bin/python3
"""The JSON Schema of scenario files (libs75/data/s75.schema.json) against the contract and the loader.

Run with Debian's python3 (python3-jsonschema, python3-yaml):
    /usr/bin/python3 tests/test_schema.py
Environment:
    S75_SOURCE_ROOT  repository root (default: the parent of this tests/ directory)
    S75_EXE          the s75 command; when set and present, bad inputs also go through `s75 validate`
                     and `s75 schema` is compared with the file

What it checks:
  - the schema is a valid draft 2020-12 schema, and a valid draft-07 one using no newer keyword, because
    editors' YAML support (yaml-language-server) validates with draft-07 rules;
  - every key the schema knows has a description for the editor to show, and the schema's keys and
    closed sets are exactly the words in the loader's key tables (libs75/src/load/*.c);
  - every shipped scenario (configs/**/*.yaml) and worked case (tests/data/cases) validates, and every
    shipped scenario starts with the `# yaml-language-server: $schema=...` line pointing at the schema;
  - the table of bad inputs in tests/schema/bad_inputs.py: each is rejected by the schema, for the
    expected field, and by `s75 validate` with `FILE:LINE:COL:` on stderr and exit status 1;
  - the spellings the loader accepts (ACCEPTED in the same file) pass the schema too, and `s75 validate`:
    the schema may never refuse a file the loader takes.
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.environ.get("S75_SOURCE_ROOT") or os.path.join(HERE, ".."))
SCHEMA_PATH = os.path.join(ROOT, "libs75", "data", "s75.schema.json")
CASES_DIR = os.path.normpath(os.path.join(ROOT, "tests", "data", "cases"))
EXE = os.environ.get("S75_EXE") or ""

sys.path.insert(0, os.path.join(HERE, "schema"))
import bad_inputs  # noqa: E402  (tests/schema/bad_inputs.py)

MODELINE = re.compile(r"^# yaml-language-server: \$schema=(\S+)\s*$")
# Keywords that only 2019-09 / 2020-12 validators know: a draft-07 editor would silently skip them.
NEWER_KEYWORDS = {"prefixItems", "unevaluatedProperties", "unevaluatedItems", "dependentRequired",
                  "dependentSchemas", "$dynamicRef", "$dynamicAnchor", "$recursiveRef",
                  "$recursiveAnchor", "$anchor", "$vocabulary", "minContains", "maxContains",
                  "contentSchema"}


class _StringKeyLoader(yaml.SafeLoader):
    """YAML as a YAML-to-JSON conversion sees it: every mapping key becomes a string (2026 -> "2026")."""


def _json_key(key):
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    return str(key)


def _construct_mapping(loader, node):
    loader.flatten_mapping(node)
    out = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        out[_json_key(key)] = loader.construct_object(value_node, deep=True)
    return out


_StringKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


class _Yaml12NumbersLoader(_StringKeyLoader):
    """As an editor reads the file: YAML 1.2 (yaml-language-server's default) has no underscores in
    numbers, so 1_250_000 arrives as the string "1_250_000". The schema must accept that too."""


_INT, _FLOAT = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_Yaml12NumbersLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in (_INT, _FLOAT)]
    for first, resolvers in _StringKeyLoader.yaml_implicit_resolvers.items()
}
_Yaml12NumbersLoader.add_implicit_resolver(_INT, re.compile(r"^[-+]?(0|[1-9][0-9]*)$"), list("-+0123456789"))
_Yaml12NumbersLoader.add_implicit_resolver(
    _FLOAT, re.compile(r"^[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$"), list("-+.0123456789"))


def load_yaml_text(text, loader=_StringKeyLoader):
    return yaml.load(text, Loader=loader)


def load_yaml_file(path, loader=_StringKeyLoader):
    with open(path, encoding="utf-8") as f:
        return load_yaml_text(f.read(), loader)


def dump_yaml(doc):
    return yaml.safe_dump(doc, sort_keys=False, default_flow_style=False, allow_unicode=True)


def yaml_files(top):
    found = []
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames.sort()
        for name in sorted(filenames):
            if name.endswith((".yaml", ".yml")):
                found.append(os.path.join(dirpath, name))
    return found


def load_schema():
    with open(SCHEMA_PATH, encoding="utf-8") as f:
        return json.load(f)


SCHEMA = load_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
VALIDATOR_07 = jsonschema.Draft7Validator(SCHEMA)
# How s75 reads a file (YAML 1.1 numbers) against the schema; how an editor does (YAML 1.2, draft-07).
READINGS = ((_StringKeyLoader, VALIDATOR), (_Yaml12NumbersLoader, VALIDATOR_07))


def all_errors(validator, doc):
    """Every error, including those inside oneOf/anyOf/if branches, flattened."""
    out = []
    stack = list(validator.iter_errors(doc))
    while stack:
        err = stack.pop()
        out.append(err)
        stack.extend(err.context or [])
    return out


def describe(errors):
    return "\n".join(f"  at /{'/'.join(str(p) for p in e.absolute_path)}: {e.message[:300]}"
                     for e in errors[:8])


def exe_available():
    return bool(EXE) and os.path.isfile(EXE) and os.access(EXE, os.X_OK)


def run_exe(*args):
    return subprocess.run([EXE, *args], capture_output=True, text=True, timeout=60)


class SchemaItself(unittest.TestCase):
    def test_valid_draft_2020_12_schema(self):
        self.assertEqual(SCHEMA.get("$schema"), "https://json-schema.org/draft/2020-12/schema")
        jsonschema.Draft202012Validator.check_schema(SCHEMA)

    def test_editors_draft_07_reading_agrees(self):
        # yaml-language-server checks a schema against the draft-07 meta-schema and validates with
        # draft-07 rules, so the schema must mean the same there: no newer keywords, and nothing but
        # annotations beside a $ref (draft-07 ignores a $ref's siblings).
        jsonschema.Draft7Validator.check_schema(SCHEMA)
        annotations = {"$ref", "description", "default", "examples", "title", "$comment",
                       "patternErrorMessage", "errorMessage", "enumDescriptions", "markdownDescription"}
        problems = []

        def walk(node, where):
            if isinstance(node, dict):
                if "$ref" in node and set(node) - annotations:
                    problems.append(f"{where}: $ref beside {sorted(set(node) - annotations)}")
                for key, value in node.items():
                    if key in NEWER_KEYWORDS:
                        problems.append(f"{where}: uses {key}")
                    # Under properties/$defs the keys are names, not keywords.
                    walk(value, f"{where}/{key}")
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{where}/{i}")

        walk(SCHEMA, "#")
        self.assertEqual(problems, [])

    def test_every_key_has_a_description(self):
        missing = []

        def walk(node, where):
            if isinstance(node, dict):
                for name, sub in (node.get("properties") or {}).items():
                    if sub is False:  # a key forbidden here (a portfolio's service keys)
                        continue
                    if not (isinstance(sub, dict) and str(sub.get("description", "")).strip()):
                        missing.append(f"{where}/properties/{name}")
                for key, value in node.items():
                    # Conditions and their branches only test or narrow keys defined elsewhere.
                    if key not in ("if", "then", "else", "not"):
                        walk(value, f"{where}/{key}")
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{where}/{i}")

        walk(SCHEMA, "#")
        for name, sub in SCHEMA.get("$defs", {}).items():
            if not str(sub.get("description", "")).strip():
                missing.append(f"#/$defs/{name}")
        self.assertEqual(missing, [], "keys without a description")

    def test_keys_match_the_loaders_tables(self):
        # The loader lists its allowed keys and closed sets in NULL-terminated tables in
        # libs75/src/load/*.c; every word there must be a key or an enum value of the schema, and
        # every key of the schema must be in one of those tables.
        sources = sorted(glob.glob(os.path.join(ROOT, "libs75", "src", "load", "*.c")))
        # The loader moving again must not turn this test into one that cannot fail.
        self.assertTrue(sources, "no loader sources under libs75/src/load/")
        table = re.compile(r"static const char \*const \w+\[\]\s*=\s*\{([^}]*)\}")
        loader_words = set()
        for path in sources:
            with open(path, encoding="utf-8") as f:
                for m in table.finditer(f.read()):
                    loader_words |= set(re.findall(r'"([^"]*)"', m.group(1)))
        keys, values = set(), set()

        def walk(node):
            if isinstance(node, dict):
                keys.update((node.get("properties") or {}).keys())
                values.update(v for v in node.get("enum") or [] if isinstance(v, str))
                for value in node.values():
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(SCHEMA)
        self.assertEqual(sorted(loader_words - keys - values), [], "loader words the schema lacks")
        self.assertEqual(sorted(keys - loader_words), [], "schema keys the loader does not list")

    def test_top_level_keys_are_the_contracts(self):
        spec_keys = {"s75", "name", "base_year", "years", "include", "scales", "pay", "pay_systems", "workforce", "workforce_from",
                     "non_pay", "partners", "savings", "risk_share", "demand", "appraisal",
                     "uncertainty", "monitoring", "pools", "variants", "paper"}
        self.assertEqual(set(SCHEMA["properties"]), spec_keys)
        self.assertIs(SCHEMA["additionalProperties"], False)


class GoodFiles(unittest.TestCase):
    def assert_valid(self, path):
        for loader, validator in READINGS:
            doc = load_yaml_file(path, loader)
            errors = list(validator.iter_errors(doc))
            self.assertEqual(errors, [], f"{path} is rejected by the schema "
                             f"({validator.__class__.__name__}, {loader.__name__}):\n{describe(errors)}")

    def test_shipped_configs_validate(self):
        files = yaml_files(os.path.join(ROOT, "configs"))
        if not files:
            self.skipTest("no configs/**/*.yaml yet")
        for path in files:
            with self.subTest(file=os.path.relpath(path, ROOT)):
                self.assert_valid(path)

    def test_shipped_scenarios_name_the_schema(self):
        # Editors read the first line; an include file (scales only) is optional but welcome.
        checked = 0
        for path in yaml_files(os.path.join(ROOT, "configs")):
            doc = load_yaml_file(path)
            if not (isinstance(doc, dict) and "s75" in doc):
                continue
            checked += 1
            with self.subTest(file=os.path.relpath(path, ROOT)):
                with open(path, encoding="utf-8") as f:
                    first = f.readline().rstrip("\n")
                m = MODELINE.match(first)
                self.assertIsNotNone(m, f"first line should be '# yaml-language-server: $schema=...', "
                                        f"got {first!r}")
                target = m.group(1)
                if "://" not in target:
                    resolved = os.path.normpath(os.path.join(os.path.dirname(path), target))
                    self.assertTrue(os.path.exists(resolved) and os.path.samefile(resolved, SCHEMA_PATH),
                                    f"$schema={target} does not lead to libs75/data/s75.schema.json")
        if not checked:
            self.skipTest("no shipped scenarios yet")

    def test_worked_cases_validate(self):
        if not os.path.isdir(CASES_DIR):
            self.skipTest(f"{CASES_DIR} absent")
        files = yaml_files(CASES_DIR)
        self.assertTrue(files, f"no *.yaml under {CASES_DIR}")
        for path in files:
            with self.subTest(file=os.path.relpath(path, CASES_DIR)):
                self.assert_valid(path)


class BadInputs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="s75-schema-")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def write(self, name, doc):
        path = os.path.join(self.tmp.name, name + ".yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(dump_yaml(doc))
        return path

    def test_base_is_valid(self):
        path = self.write("base", copy.deepcopy(bad_inputs.BASE))
        doc = load_yaml_file(path)
        self.assertEqual(list(VALIDATOR.iter_errors(doc)), [])
        if exe_available():
            r = run_exe("validate", path)
            self.assertEqual(r.returncode, 0, f"s75 validate rejects the base of the bad inputs:\n{r.stderr}")

    def test_case_names_are_unique(self):
        names = [c["name"] for c in bad_inputs.CASES + bad_inputs.ACCEPTED]
        self.assertEqual(len(names), len(set(names)))

    def test_schema_rejects_each(self):
        for case in bad_inputs.CASES:
            with self.subTest(case=case["name"]):
                path = self.write(case["name"], case["make"](copy.deepcopy(bad_inputs.BASE)))
                doc = load_yaml_file(path)
                for validator in (VALIDATOR, VALIDATOR_07):
                    errors = all_errors(validator, doc)
                    self.assertTrue(errors, f"{validator.__class__.__name__} accepts {case['name']}")
                    word = case["mentions"]
                    if word:
                        text = [" ".join(str(p) for p in e.absolute_path) + " " + e.message for e in errors]
                        self.assertTrue(any(word in t for t in text),
                                        f"no error names {word!r}:\n{describe(errors)}")

    def test_schema_accepts_what_the_loader_reads(self):
        for case in bad_inputs.ACCEPTED:
            with self.subTest(case=case["name"]):
                path = self.write("ok-" + case["name"], case["make"](copy.deepcopy(bad_inputs.BASE)))
                for loader, validator in READINGS:
                    errors = list(validator.iter_errors(load_yaml_file(path, loader)))
                    self.assertEqual(errors, [], describe(errors))
                if exe_available():
                    r = run_exe("validate", path)
                    self.assertEqual(r.returncode, 0, f"s75 validate rejects it:\n{r.stderr}")

    def test_loader_rejects_each(self):
        if not exe_available():
            self.skipTest("S75_EXE not set or not built")
        for case in bad_inputs.CASES:
            if not case.get("loader", True):
                continue
            with self.subTest(case=case["name"]):
                path = self.write(case["name"], case["make"](copy.deepcopy(bad_inputs.BASE)))
                r = run_exe("validate", path)
                self.assertEqual(r.returncode, 1, f"exit {r.returncode}; stderr:\n{r.stderr}")
                self.assertRegex(r.stderr, re.escape(path) + r":[0-9]+:[0-9]+:",
                                 "errors must name FILE:LINE:COL:")
                word = case["mentions"]
                if word:
                    self.assertIn(word, r.stderr, "the loader's message should name the field at fault")


class SchemaCommand(unittest.TestCase):
    def setUp(self):
        if not exe_available():
            self.skipTest("S75_EXE not set or not built")

    def test_prints_the_installed_schema(self):
        r = run_exe("schema")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout), SCHEMA)

    def test_help(self):
        r = run_exe("schema", "--help")
        self.assertEqual(r.returncode, 0)
        self.assertIn("usage", r.stdout.lower())

    def test_extra_argument_is_a_usage_error(self):
        r = run_exe("schema", "extra.yaml")
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage", r.stderr.lower())


if __name__ == "__main__":
    unittest.main(verbosity=2)
