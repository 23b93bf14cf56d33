"""Storage: casebook discovery, YAML I/O, atomic writes, locking, drafts, the index and git."""
