"""Clean verdicts kept between builds: an input judged clean is not judged again.

The allowlist (each page's HTML) and the source checks (every file under docs/ and
data/) are pure functions of their input and of the code that judges it. When a
judge finds nothing, the build records that in .cache/verdicts/<judge>/ under the
SHA-256 of the judging code (every module of scripts/), the versions of the libraries
it uses, and the input; the same input judged by the same code is then clean without
the work. Findings are never recorded: a faulty input is judged, and reported, on
every build. A pull request cannot plant a verdict: committed files under .cache/
stop the build (scripts/inputs.py, S006).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
LIBRARIES = ("nh3", "selectolax", "pybtex", "PyYAML", "Markdown", "mkdocs")


@lru_cache(maxsize=1)
def _judges() -> bytes:
    digest = hashlib.sha256()
    for path in sorted(SCRIPTS.rglob("*.py")):
        digest.update(path.relative_to(SCRIPTS).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in LIBRARIES:
        try:
            digest.update(f"{name}=={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name} absent\0".encode())
    return digest.digest()


class Verdicts:
    def __init__(self, cache_dir: Path, judge: str):
        self.folder = Path(cache_dir) / "verdicts" / judge

    def _path(self, data: bytes) -> Path:
        key = hashlib.sha256(_judges() + data).hexdigest()
        return self.folder / key[:2] / key

    def clean(self, data: bytes) -> bool:
        """True when this input was judged clean before, by the same code."""
        return self._path(data).is_file()

    def record(self, data: bytes) -> None:
        path = self._path(data)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()


def sources_fingerprint(root: Path, folders, extra: str = "") -> bytes:
    """Every file under the folders: path, kind (a symbolic link and its target count)
    and content, in a stable order; `extra` adds what else the judge depends on."""
    digest = hashlib.sha256(extra.encode() + b"\0")
    for name in folders:
        base = Path(root) / name
        paths = [base, *sorted(base.rglob("*"))] if base.exists() or base.is_symlink() else []
        for path in paths:
            rel = path.relative_to(root).as_posix().encode()
            if path.is_symlink():
                digest.update(b"L" + rel + b"\0" + str(path.readlink()).encode() + b"\0")
            elif path.is_file():
                data = path.read_bytes()
                digest.update(b"F" + rel + b"\0" + str(len(data)).encode() + b"\0" + data)
            else:
                digest.update(b"D" + rel + b"\0")
    return digest.digest()
