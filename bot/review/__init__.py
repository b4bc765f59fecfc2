"""What a client can take from their reflections: the summary, the chart, the note for
their next session and the export. Pure composition from plain data; no I/O."""
