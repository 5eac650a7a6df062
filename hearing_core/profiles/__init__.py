"""Shipped rule profiles (规则配置) as TOML data; loaded by :mod:`hearing_core.deadlines.profiles`.

A package (not a bare folder) so that the files are installed with the wheel.
"""
