"""The ``hearing`` command line (命令行)."""
