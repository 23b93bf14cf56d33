"""Pure domain layer: pydantic stage models, instruments, derivations. No I/O here.

Importing this package imports nothing heavy; ``derive`` and ``text`` are plain Python so read commands can use
them without pydantic.
"""
