"""Workflow: model-driven interviews and the stage commands' logic, above the store."""
