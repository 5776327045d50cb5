"""assemble: funder-specific CVs and reports (Word, Excel) from one master CV in YAML."""

__version__ = "0.1.0"
