"""id catalog: reports."""

MESSAGES: dict[str, str] = {}
