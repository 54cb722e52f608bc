#!/usr/bin/python3
"""The Python bindings' ctypes copies of C structs against the C compiler's own layout.

tests/layout.c prints sizeof and offsetof (and each field's size) of every public struct the
bindings copy; this test asks the same of the ctypes Structures in bindings/python/s75/_lib.py,
and of the constants they repeat. A field added, moved or resized on one side only fails here
rather than corrupting memory at run time.

    S75_LAYOUT=build/tests/layout PYTHONPATH=bindings/python /usr/bin/python3 tests/python/test_layout.py
"""
import ctypes
import json
import os
import subprocess
import unittest

from s75 import _lib

COPIES = {
    "s75_error": _lib.CError,
    "s75_run_options": _lib.CRunOptions,
    "s75_load_options": _lib.CLoadOptions,
    "s75_table": _lib.CTable,
}


class Layout(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        exe = os.environ.get("S75_LAYOUT")
        if not exe:
            raise unittest.SkipTest("S75_LAYOUT (the tests/layout program) is not set")
        cls.c = json.loads(subprocess.run([exe], check=True, capture_output=True,
                                          text=True).stdout)

    def test_every_copied_struct_is_measured(self):
        self.assertEqual(sorted(COPIES), sorted(k for k in self.c if k != "constants"))

    def test_sizes_and_offsets(self):
        for name, py in COPIES.items():
            with self.subTest(struct=name):
                c = self.c[name]
                self.assertEqual(ctypes.sizeof(py), c["size"], "sizeof")
                py_fields = [f[0] for f in py._fields_]
                self.assertEqual(py_fields, list(c["fields"]), "field names and order")
                for field, (offset, size) in c["fields"].items():
                    descr = getattr(py, field)
                    self.assertEqual(descr.offset, offset, f"offsetof {field}")
                    self.assertEqual(descr.size, size, f"sizeof {field}")

    def test_constants(self):
        k = self.c["constants"]
        self.assertEqual(_lib.RUN_OPTIONS_VERSION, k["S75_RUN_OPTIONS_VERSION"])
        self.assertEqual(_lib.LOAD_OPTIONS_VERSION, k["S75_LOAD_OPTIONS_VERSION"])
        self.assertEqual(_lib._ERROR_TEXT_MAX, k["S75_ERROR_TEXT_MAX"])
        self.assertEqual(_lib._ERROR_FILE_MAX, k["S75_ERROR_FILE_MAX"])
        self.assertEqual(_lib._ERROR_PATH_MAX, k["S75_ERROR_PATH_MAX"])


if __name__ == "__main__":
    unittest.main()
