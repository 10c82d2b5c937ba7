"""The command line: a thin shell over the core (Typer + Rich)."""
