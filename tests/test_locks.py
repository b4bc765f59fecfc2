"""The hashed locks (requirements/, made by requirements/refresh) agree with pyproject.toml
and with each other: the runtime is installed at the versions the tests ran with."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[1]
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ ;\\]+)(?: ?; (.+?))? *\\?$")


def pins(lock: str) -> dict[tuple[str, str], str]:
    """(package, environment marker) -> version; a package can be pinned per Python version."""
    found: dict[tuple[str, str], str] = {}
    for line in (REPO / "requirements" / lock).read_text().splitlines():
        if match := PIN.match(line):
            name, version, marker = match.groups()
            found[canonicalize_name(name), marker or ""] = version
    return found


def test_every_pin_carries_its_hashes():
    for lock in ("run.txt", "test.txt"):
        entries = re.split(r"\n(?=[A-Za-z0-9])", (REPO / "requirements" / lock).read_text())
        packages = [entry for entry in entries if PIN.match(entry.splitlines()[0])]
        assert packages, lock
        for entry in packages:
            assert "--hash=sha256:" in entry, entry.splitlines()[0]


def test_the_tests_run_on_exactly_the_runtimes_pins():
    run, test = pins("run.txt"), pins("test.txt")
    assert {key: test.get(key) for key in run} == run


def test_the_locks_satisfy_pyproject_ranges():
    """A range changed in pyproject.toml without requirements/refresh fails here."""
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = [Requirement(line) for line in project["dependencies"]]
    wanted += [
        Requirement(line)
        for line in project["optional-dependencies"]["test"]
        + project["optional-dependencies"]["dev"]
        if not line.startswith(project["name"])
    ]
    locked = pins("test.txt")
    for requirement in wanted:
        versions = [
            v for (name, _), v in locked.items() if name == canonicalize_name(requirement.name)
        ]
        assert versions, f"{requirement.name} is not in requirements/test.txt"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"requirements/test.txt pins {requirement.name}=={version}, "
                f"outside pyproject.toml's {requirement}: run requirements/refresh"
            )
