"""en catalog: reports."""

MESSAGES: dict[str, str] = {}
