"""Thin Typer commands: parse, call the workflow, print. One module per command."""
