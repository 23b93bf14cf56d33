"""id catalog: stages."""

MESSAGES: dict[str, str] = {}
