"""en catalog: stages."""

MESSAGES: dict[str, str] = {}
