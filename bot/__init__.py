"""The reflection companion: composition root, configuration, flows and texts."""
