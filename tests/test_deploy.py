"""The systemd units in deploy/systemd/: valid for systemd, hardened alike, and the
template's instances each on their own port."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
UNITS = REPO / "deploy" / "systemd"
SINGLE = UNITS / "reflection-companion.service"
TEMPLATE = UNITS / "reflection-companion@.service"
INSTALLED = "/srv/reflection-companion"


def keys(unit: Path) -> dict[str, list[str]]:
    """`Section.Key` -> its values in order (systemd allows a key more than once)."""
    found: dict[str, list[str]] = {}
    section = ""
    for line in unit.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        key, _, value = line.partition("=")
        found.setdefault(f"{section}.{key.strip()}", []).append(value.strip())
    return found


@pytest.mark.parametrize("unit", [SINGLE, TEMPLATE], ids=lambda unit: unit.name)
def test_each_unit_is_hardened_and_names_its_key_file(unit: Path):
    service = {key: values[-1] for key, values in keys(unit).items()}
    assert service["Service.UMask"] == "0077"
    for key, value in {
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "ProtectHome": "yes",
        "PrivateTmp": "yes",
    }.items():
        assert service[f"Service.{key}"] == value, key
    assert service["Service.Restart"] == "on-failure"
    # ProtectHome=yes hides /home: the key's default path (~/.config/...) would be
    # unreadable, so the unit names a path it can reach and systemd makes its folder.
    environment = dict(assignment.split("=", 1) for assignment in keys(unit)["Service.Environment"])
    key_file = Path(environment["ENCRYPTION_KEY_FILE"])
    assert not key_file.is_relative_to("/home") and not key_file.is_relative_to("/root")
    assert key_file.parent == Path("/etc") / service["Service.ConfigurationDirectory"]
    assert service["Service.ConfigurationDirectoryMode"] == "0700"
    assert INSTALLED in service["Service.ReadWritePaths"].split()
    assert service["Service.WorkingDirectory"] == INSTALLED


def test_the_template_differs_from_the_single_unit_only_in_its_port():
    single, template = keys(SINGLE), keys(TEMPLATE)
    assert single.keys() == template.keys()
    differing = {key for key in single if single[key] != template[key]}
    assert differing == {"Unit.Description", "Service.ExecStart"}
    assert "WEBHOOK_PORT" not in single["Service.ExecStart"][0]
    assert template["Service.ExecStart"] == [
        f"/usr/bin/env WEBHOOK_PORT=%i HEALTH_PORT= {single['Service.ExecStart'][0]}"
    ]


@pytest.mark.parametrize("port", ["8081", "8082"])
def test_an_instance_listens_on_its_name_whatever_the_environment_file_says(port: str):
    """systemd puts the instance name where %i is; the environment file's WEBHOOK_PORT
    (EnvironmentFile= is applied over Environment=) must not win over it."""
    (exec_start,) = keys(TEMPLATE)["Service.ExecStart"]
    argv = shlex.split(exec_start.replace("%i", port))
    python = argv.index(f"{INSTALLED}/.venv/bin/python")
    assert argv[python + 1 :] == ["-m", "bot"]
    argv[python:] = [sys.executable, "-c", "from bot.config import Settings; "
                     "print(Settings().webhook_port, Settings().health())"]  # fmt: skip
    # A HEALTH_PORT in the file would be one port for every instance: /healthz is served on
    # each one's webhook port instead.
    from_file = {
        **os.environ,
        "WEBHOOK_PORT": "8080",
        "HEALTH_PORT": "9100",
        "PYTHONPATH": str(REPO),
    }
    shown = subprocess.run(
        argv, env=from_file, cwd=REPO, capture_output=True, text=True, timeout=60, check=True
    )
    assert shown.stdout.strip() == f"{port} None"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
@pytest.mark.parametrize("unit", [SINGLE, TEMPLATE], ids=lambda unit: unit.name)
def test_systemd_reads_every_line(unit: Path, tmp_path: Path):
    """`systemd-analyze verify` on a copy pointing at this checkout: it warns (and still
    exits 0) on an unknown key or a value it can't parse, so any output fails."""
    installed = tmp_path / "srv"
    (installed / ".venv" / "bin").mkdir(parents=True)
    (installed / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / "reflection-companion.env").touch()
    text = unit.read_text().replace(INSTALLED, str(installed))
    text = text.replace("/etc/reflection-companion.env", str(tmp_path / "reflection-companion.env"))
    copy = tmp_path / unit.name.replace("@.", "@8081.")  # a template is verified as an instance
    copy.write_text(text)
    verified = subprocess.run(
        ["systemd-analyze", "verify", str(copy)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert verified.returncode == 0 and not verified.stderr.strip(), verified.stderr
