"""bapascase: casework toolkit for probation officers (PK) at Indonesia's Bapas."""

__version__ = "0.1.0"
