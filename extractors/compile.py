"""``python -m extractors.compile``: build the compiled extraction path into ``.native/``.

See ``extractors.native`` for why and for how a build is chosen at import.
A no-op when the build is fresh; exit 1 (and pure Python runs) when it
cannot be built, for want of mypyc or a C compiler.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

from extractors.native import COMPILED, GROUP, NATIVE, PACKAGE, digest, is_fresh

MYPY_OPTIONS = ("--follow-imports=silent", "--ignore-missing-imports")
"""Only the compiled modules must type-check; the rest are imported as they are."""


def build(native: Path = NATIVE, *, force: bool = False) -> bool:
    """Compile ``COMPILED`` into ``native``; False (and a message) when it cannot.

    Built in a temporary folder and moved into place with the stamp written
    last, so an interrupted build leaves no stamp and is never used.
    """
    if not force and is_fresh(native):
        return True
    try:
        from mypyc.build import mypycify
        from setuptools import Distribution
    except ImportError as error:
        print(f"extractors.compile: not compiled ({error}); pure Python runs", file=sys.stderr)
        return False
    stamp = {"digest": digest(), "modules": list(COMPILED)}
    with tempfile.TemporaryDirectory(prefix=".native-build-", dir=native.parent) as tmp:
        work, out = Path(tmp), Path(tmp) / "out"
        cwd = os.getcwd()
        os.chdir(PACKAGE.parent)  # mypy reads the package layout from here
        try:
            modules = mypycify(
                [*MYPY_OPTIONS, *(f"extractors/{name}.py" for name in COMPILED)],
                opt_level="3",
                target_dir=str(work / "c"),
                group_name=GROUP,
            )
            dist = Distribution({"name": "extractors-native", "ext_modules": modules})
            command = dist.get_command_obj("build_ext")
            command.build_lib, command.build_temp = str(out), str(work / "o")
            dist.run_command("build_ext")
        except (Exception, SystemExit) as error:  # a type error, no compiler: keep Python
            print(f"extractors.compile: not compiled ({error}); pure Python runs", file=sys.stderr)
            return False
        finally:
            os.chdir(cwd)
        shutil.rmtree(native, ignore_errors=True)
        out.rename(native)
    (native / "stamp.json").write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="compile even when fresh")
    parser.add_argument("--check", action="store_true", help="exit 1 unless the build is fresh")
    args = parser.parse_args(argv)
    if args.check:
        return 0 if is_fresh() else 1
    return 0 if build(force=args.force) else 1


if __name__ == "__main__":
    sys.exit(main())
