"""Finding libs75, checking its version and declaring its functions to ctypes.

The library is looked for, in order:

1. ``$S75_LIBRARY``: when set, the only place tried (a library you name is
   never silently swapped for another one);
2. next to this package: ``s75/libs75.so*`` (``libs75*.dylib``, ``s75.dll``),
   where a copied library is found;
3. the system loader: ``ctypes.util.find_library("s75")``, then
   ``libs75.so.0`` and ``libs75.so`` through the loader's own search
   (``LD_LIBRARY_PATH``, the ld.so cache, /usr/lib ...).

The first library that loads is used; its ``s75_version()`` must have the
major version these bindings speak (``EXPECTED_MAJOR``). When none loads, a
LibraryNotFoundError lists each place tried and why it failed.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import sys
import threading
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double, c_int, c_size_t,
                    c_uint, c_void_p)
from typing import Callable, List, Optional, Tuple

from ._errors import (Diagnostic, LibraryError, LibraryNotFoundError, LibraryVersionError,
                      ScenarioFileNotFoundError,
                      ScenarioError, Status)

#: The major version of libs75 these bindings were written for. A library of
#: another major version may lay out its structs differently, so it is refused.
EXPECTED_MAJOR = 0

#: The environment variable naming the library file to load.
LIBRARY_ENV = "S75_LIBRARY"

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))

# Sizes from s75/error.h; the struct layout is part of the major version.
_ERROR_TEXT_MAX = 512
_ERROR_FILE_MAX = 512
_ERROR_PATH_MAX = 256


class CError(Structure):
    """``s75_error`` (s75/error.h)."""

    _fields_ = [
        ("code", c_int),
        ("line", c_int),
        ("column", c_int),
        ("file", c_char * _ERROR_FILE_MAX),
        ("path", c_char * _ERROR_PATH_MAX),
        ("text", c_char * _ERROR_TEXT_MAX),
        ("message", c_char * (_ERROR_FILE_MAX + _ERROR_PATH_MAX + _ERROR_TEXT_MAX + 32)),
    ]


#: ``s75_progress_fn``: void (*)(double done, void *data)
PROGRESS_FN = CFUNCTYPE(None, c_double, c_void_p)


class CRunOptions(Structure):
    """``s75_run_options`` (s75/result.h); enums are int-sized."""

    _fields_ = [
        ("version", c_uint),
        ("mode", c_int),
        ("threads", c_uint),
        ("progress", PROGRESS_FN),
        ("progress_data", c_void_p),
    ]


RUN_OPTIONS_VERSION = 1


class CTable(Structure):
    """``s75_table`` (s75/scenario.h): a CSV table held in memory, by the name the scenario's
    ``table:`` (or its file's name without .csv) gives it. Borrowed for the call."""

    _fields_ = [
        ("name", c_char_p),
        ("text", c_char_p),
        ("len", c_size_t),
    ]


class CLoadOptions(Structure):
    """``s75_load_options`` (s75/scenario.h): the variant, ``path=value`` overrides and
    in-memory CSV tables a scenario is loaded with. Arrays and strings are borrowed for the
    call."""

    _fields_ = [
        ("version", c_uint),
        ("overrides", POINTER(c_char_p)),
        ("override_count", c_size_t),
        ("variant", c_char_p),
        ("tables", POINTER(CTable)),
        ("table_count", c_size_t),
        ("confine_includes", c_int),
    ]


LOAD_OPTIONS_VERSION = 3


class CSolveOptions(Structure):
    """``s75_solve_options`` (s75/solve.h)."""

    _fields_ = [
        ("version", c_uint),
        ("vary", c_char_p),
        ("target", c_char_p),
        ("year", c_int),
        ("has_range", c_int),
        ("from_", c_double),
        ("to", c_double),
        ("threads", c_uint),
        ("load", POINTER(CLoadOptions)),
    ]


SOLVE_OPTIONS_VERSION = 1


class CGridAxis(Structure):
    """``s75_grid_axis`` (s75/grid.h)."""

    _fields_ = [("path", c_char_p), ("from_", c_double), ("to", c_double), ("steps", c_size_t)]


class CGridOptions(Structure):
    """``s75_grid_options`` (s75/grid.h)."""

    _fields_ = [
        ("version", c_uint),
        ("x", CGridAxis),
        ("y", CGridAxis),
        ("measure", c_char_p),
        ("threads", c_uint),
        ("load", POINTER(CLoadOptions)),
    ]


GRID_OPTIONS_VERSION = 1

# s75_mode and s75_format (s75/result.h)
MODES = {"run": 0, "appraise": 1, "simulate": 2, "monitor": 3}
#: Formats a report can be rendered to as text (s75_result_render).
FORMATS = {"text": 0, "csv": 1, "json": 2, "html": 3, "tidy": 5}
#: Formats a report can be written to a file in (s75_result_write_file): xlsx only goes to a file.
FILE_FORMATS = {**FORMATS, "xlsx": 4}
#: Formats a comparison can be rendered to as text (s75_compare).
COMPARE_FORMATS = {"text": 0, "csv": 1, "json": 2, "html": 3, "tidy": 5}
#: Formats a comparison can be written to a file in (s75_compare_write_file).
COMPARE_FILE_FORMATS = {**COMPARE_FORMATS, "xlsx": 4}

_PROTOTYPES: List[Tuple[str, object, list]] = [
    ("s75_version", c_char_p, []),
    ("s75_strerror", c_char_p, [c_int]),
    ("s75_free", None, [c_void_p]),
    ("s75_diagnostics_count", c_size_t, [c_void_p]),
    ("s75_diagnostics_get", POINTER(CError), [c_void_p, c_size_t]),
    ("s75_diagnostics_free", None, [c_void_p]),
    ("s75_scenario_load_file", c_int, [POINTER(c_void_p), c_char_p, POINTER(CError)]),
    ("s75_scenario_load_string", c_int,
     [POINTER(c_void_p), c_char_p, c_size_t, c_char_p, POINTER(CError)]),
    ("s75_scenario_check_file", c_int, [POINTER(c_void_p), c_char_p]),
    ("s75_scenario_check_string", c_int, [POINTER(c_void_p), c_char_p, c_size_t, c_char_p]),
    ("s75_scenario_free", None, [c_void_p]),
    ("s75_scenario_name", c_char_p, [c_void_p]),
    ("s75_scenario_base_year", c_int, [c_void_p]),
    ("s75_scenario_year_count", c_size_t, [c_void_p]),
    ("s75_scenario_sha256", c_char_p, [c_void_p]),
    ("s75_scenario_is_portfolio", c_int, [c_void_p]),
    ("s75_scenario_table_count", c_size_t, [c_void_p]),
    ("s75_scenario_table_summary", c_char_p, [c_void_p, c_size_t]),
    ("s75_scenario_table_sha256", c_char_p, [c_void_p, c_size_t]),
    ("s75_scenario_input_count", c_size_t, [c_void_p]),
    ("s75_scenario_input_path", c_char_p, [c_void_p, c_size_t]),
    ("s75_scenario_input_sha256", c_char_p, [c_void_p, c_size_t]),
    ("s75_scenario_digest", c_char_p, [c_void_p]),
    ("s75_run", c_int, [POINTER(c_void_p), c_void_p, POINTER(CRunOptions), POINTER(CError)]),
    ("s75_result_free", None, [c_void_p]),
    # char ** rather than c_char_p: the pointer must survive to be given back to s75_free.
    ("s75_result_render", c_int,
     [POINTER(POINTER(c_char)), POINTER(c_size_t), c_void_p, c_int, POINTER(CError)]),
    ("s75_result_write_file", c_int, [c_void_p, c_int, c_char_p, POINTER(CError)]),
    # Variants and overrides (s75/variants.h).
    ("s75_scenario_load_file_opts", c_int,
     [POINTER(c_void_p), c_char_p, POINTER(CLoadOptions), POINTER(CError)]),
    ("s75_scenario_load_string_opts", c_int,
     [POINTER(c_void_p), c_char_p, c_size_t, c_char_p, POINTER(CLoadOptions), POINTER(CError)]),
    ("s75_scenario_check_file_opts", c_int,
     [POINTER(c_void_p), c_char_p, POINTER(CLoadOptions)]),
    ("s75_scenario_variant_name", c_char_p, [c_void_p, c_size_t]),
    ("s75_scenario_variant_count", c_size_t, [c_void_p]),
    ("s75_scenario_variant", c_char_p, [c_void_p]),
    ("s75_scenario_override", c_char_p, [c_void_p, c_size_t]),
    ("s75_scenario_override_count", c_size_t, [c_void_p]),
    # Goal seeking, two-way tables, partner statements (s75/solve.h, grid.h, statement.h).
    ("s75_solve_file", c_int,
     [POINTER(c_void_p), c_char_p, POINTER(CSolveOptions), POINTER(CError)]),
    ("s75_solve_string", c_int,
     [POINTER(c_void_p), c_char_p, c_size_t, c_char_p, POINTER(CSolveOptions), POINTER(CError)]),
    ("s75_solve_render", c_int,
     [POINTER(POINTER(c_char)), POINTER(c_size_t), c_void_p, c_int, POINTER(CError)]),
    ("s75_solve_free", None, [c_void_p]),
    ("s75_grid_file", c_int,
     [POINTER(c_void_p), c_char_p, POINTER(CGridOptions), POINTER(CError)]),
    ("s75_grid_string", c_int,
     [POINTER(c_void_p), c_char_p, c_size_t, c_char_p, POINTER(CGridOptions), POINTER(CError)]),
    ("s75_grid_render", c_int,
     [POINTER(POINTER(c_char)), POINTER(c_size_t), c_void_p, c_int, POINTER(CError)]),
    ("s75_grid_free", None, [c_void_p]),
    ("s75_statement_render", c_int,
     [POINTER(POINTER(c_char)), POINTER(c_size_t), c_void_p, c_char_p, c_int, POINTER(CError)]),
    # Comparison (s75/compare.h); results and names are arrays of pointers.
    ("s75_compare", c_int,
     [POINTER(POINTER(c_char)), POINTER(c_size_t), POINTER(c_void_p), POINTER(c_char_p),
      c_size_t, c_int, POINTER(CError)]),
    ("s75_compare_write_file", c_int,
     [POINTER(c_void_p), POINTER(c_char_p), c_size_t, c_int, c_char_p, POINTER(CError)]),
]


def _decode(raw: bytes) -> str:
    """Text from the library: UTF-8, with file names' undecodable bytes kept as in os.fsdecode."""
    return raw.decode("utf-8", "surrogateescape")


def error_from_c(err: CError, code: int) -> ScenarioError:
    """A ScenarioError from a filled ``s75_error``; `code` is the status the call returned.
    A file that does not exist gives ScenarioFileNotFoundError (also a FileNotFoundError)."""
    d = diagnostic_from_c(err, code)
    if d.code == Status.EIO and d.file and not os.path.exists(d.file):
        return ScenarioFileNotFoundError.from_diagnostic(d)
    return ScenarioError.from_diagnostic(d)


def diagnostic_from_c(err: CError, code: Optional[int] = None) -> Diagnostic:
    """A Diagnostic from an ``s75_error``, with "no place" as None."""
    status = Status.from_code(err.code if err.code else (code or Status.EINVAL))
    text = _decode(err.text)
    formatted = _decode(err.message)
    if not text:
        # A library failure that filled nothing still deserves words.
        text = formatted or f"libs75 failed with status {status!r}"
    return Diagnostic(
        file=_decode(err.file) or None,
        line=err.line or None,
        column=err.column or None,
        path=_decode(err.path) or None,
        message=text,
        code=status,
        formatted=formatted,
    )


def parse_major(version: str) -> int:
    """The major number of a version string such as "0.1.0"; ValueError when there is none."""
    head = version.split(".", 1)[0]
    if not head.isdigit():
        raise ValueError(f"not a version: {version!r}")
    return int(head)


class Library:
    """A loaded libs75 with its functions declared: the only object that calls C."""

    def __init__(self, cdll: ctypes.CDLL, path: str) -> None:
        self.path = path
        self.cdll = cdll
        missing = []
        for name, restype, argtypes in _PROTOTYPES:
            try:
                fn = getattr(cdll, name)
            except AttributeError:
                missing.append(name)
                continue
            fn.restype = restype
            fn.argtypes = argtypes
            setattr(self, name, fn)
        if missing:
            raise LibraryError(f"libs75 at {path} lacks {', '.join(missing)}: it is not a "
                               f"libs75 these bindings can use")

    @property
    def version(self) -> str:
        """The version the running library reports (``s75_version()``)."""
        raw = self.s75_version()  # type: ignore[attr-defined]
        return _decode(raw) if raw else ""


def library_version(cdll: ctypes.CDLL, path: str) -> str:
    """What ``s75_version()`` of a loaded library returns; LibraryError when it has none."""
    try:
        fn = cdll.s75_version
    except AttributeError:
        raise LibraryError(f"{path} has no s75_version(): it is not libs75") from None
    fn.restype = c_char_p
    fn.argtypes = []
    raw = fn()
    return _decode(raw) if raw else ""


def check_version(found: str, path: str) -> None:
    """Raises LibraryVersionError unless `found` has the major version these bindings speak."""
    try:
        major = parse_major(found)
    except ValueError:
        raise LibraryVersionError(path, found, EXPECTED_MAJOR) from None
    if major != EXPECTED_MAJOR:
        raise LibraryVersionError(path, found, EXPECTED_MAJOR)


def open_library(path: str) -> Library:
    """Loads the library at `path` (a file, or a bare name for the loader to search), checks
    its major version before touching anything else, and declares its functions. Raises
    OSError when it does not load, LibraryError/LibraryVersionError when it is not a libs75
    these bindings can use."""
    cdll = ctypes.CDLL(path)
    check_version(library_version(cdll, path), path)
    return Library(cdll, path)


def _package_candidates() -> List[str]:
    """Library files copied next to this package, the plain development name first."""
    patterns = ["libs75.so", "libs75.so.*", "libs75.dylib", "libs75.*.dylib", "s75.dll",
                "libs75.dll"]
    found: List[str] = []
    for pattern in patterns:
        for path in sorted(glob.glob(os.path.join(PACKAGE_DIR, pattern))):
            if path not in found:
                found.append(path)
    return found


def _loader_candidates() -> List[str]:
    """Names for the system loader to search for."""
    names: List[str] = []
    found = ctypes.util.find_library("s75")
    if found:
        names.append(found)
    if sys.platform == "darwin":
        names += ["libs75.0.dylib", "libs75.dylib"]
    elif sys.platform == "win32":
        names += ["s75.dll", "libs75.dll"]
    else:
        names += ["libs75.so.0", "libs75.so"]
    unique: List[str] = []
    for n in names:
        if n not in unique:
            unique.append(n)
    return unique


def find_library(opener: Callable[[str], Library] = open_library) -> Library:
    """Finds and opens libs75 as the module docstring describes."""
    tried: List[Tuple[str, str]] = []
    named = os.environ.get(LIBRARY_ENV)
    if named:
        try:
            return opener(named)
        except OSError as e:
            raise LibraryNotFoundError(
                [(f"${LIBRARY_ENV}={named}", str(e) or "does not load")],
                f"unset {LIBRARY_ENV} to search next to the package and on the loader path, "
                f"or point it at the built library (build/libs75/libs75.so)") from None
    package = _package_candidates()
    if not package:
        tried.append((os.path.join(PACKAGE_DIR, "libs75.so*"), "no such file"))
    for path in package:
        try:
            return opener(path)
        except OSError as e:
            tried.append((path, str(e) or "does not load"))
    for name in _loader_candidates():
        try:
            return opener(name)
        except OSError as e:
            tried.append((f"{name} (system loader path)", str(e) or "does not load"))
    raise LibraryNotFoundError(
        tried, f"set {LIBRARY_ENV} to the library file (e.g. build/libs75/libs75.so), copy "
               f"libs75.so.0 into {PACKAGE_DIR}, or install libs75 on the loader path")


_cached: Optional[Library] = None
_cache_lock = threading.Lock()


def library() -> Library:
    """The process's libs75, found and checked on first use."""
    global _cached
    lib = _cached
    if lib is not None:
        return lib
    with _cache_lock:
        if _cached is None:
            _cached = find_library()
        return _cached


def reset() -> None:
    """Forgets the loaded library so the next call looks again (for tests; the library
    itself stays mapped while any Scenario uses it)."""
    global _cached
    with _cache_lock:
        _cached = None
