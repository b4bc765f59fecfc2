"""The reflection companion: composition root, configuration, flows and texts."""

# The one place the version is written: pyproject.toml reads it, `--version` prints it,
# CHANGELOG.md names it.
__version__ = "0.2.0"
