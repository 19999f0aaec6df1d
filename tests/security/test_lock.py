"""requirements.lock is the install: every package pinned with hashes, matching pyproject.toml
(each dependency pinned inside its range), closed over dependencies, and what the suite runs
with. After a change to pyproject.toml, `make lock`; to move a package, `make lock UPGRADE=x`."""

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
ENTRY = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)\s*(?:;\s*([^\\]+?))?\s*\\?$")


def _lock() -> dict[str, tuple[str, Marker | None, int]]:
    """name -> (version, marker, number of hashes)."""
    entries: dict[str, tuple[str, Marker | None, int]] = {}
    name = None
    for line in (ROOT / "requirements.lock").read_text().splitlines():
        if match := ENTRY.match(line):
            name = canonicalize_name(match[1])
            marker = Marker(match[3]) if match[3] else None
            entries[name] = (match[2], marker, 0)
        elif line.strip().startswith("--hash=sha256:") and name:
            version, marker, hashes = entries[name]
            entries[name] = (version, marker, hashes + 1)
    return entries


def _applies(marker: Marker | None) -> bool:
    return marker is None or marker.evaluate({"extra": ""})


def _direct() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [Requirement(r) for r in project["dependencies"] + project["optional-dependencies"]["dev"]]


def test_every_pin_has_hashes() -> None:
    lock = _lock()
    assert len(lock) > 100
    assert not [name for name, (_, _, hashes) in lock.items() if hashes == 0]


def test_every_dependency_of_pyproject_is_pinned_inside_its_range() -> None:
    lock = _lock()
    wrong = []
    for req in _direct():
        pin = lock.get(canonicalize_name(req.name))
        if pin is None or not req.specifier.contains(pin[0], prereleases=True):
            wrong.append(f"{req} -> {pin and pin[0]}")
    assert not wrong, f"requirements.lock does not match pyproject.toml: {wrong}; run `make lock`"


def test_the_lock_is_closed_and_is_what_the_suite_runs_with() -> None:
    lock = _lock()
    missing, drift = [], []
    for name, (version, marker, _) in lock.items():
        if not _applies(marker):
            continue
        installed = metadata.version(name)
        if installed != version:
            drift.append(f"{name} {installed} installed, {version} locked")
        for raw in metadata.requires(name) or []:
            req = Requirement(raw)
            if _applies(req.marker) and canonicalize_name(req.name) not in lock:
                missing.append(f"{name} needs {req}")
    assert not missing, f"not in requirements.lock: {missing}; run `make lock`"
    assert not drift, f"the venv is not the lock: {drift}; run `make install`"
