"""A demo instance (演示实例): one county bureau's year, built through the services.

``hearing demo`` builds it in ``<data dir>/demo/``: the county (towns, responsible units,
leaders), a user for every role (password ``demo-<username>-1``), the seed register imported
(its annual report gives the seed summary's 632 / 566 / 348 / 52), the service centre's
135 batches and twelve mediations, the leaders' 125 receptions, the review year with a
terminated matter, hearings in every state, imported PDF letters and forms, and the year's
documents. ``hearing demo --serve`` serves it. The build is :mod:`hearing_core.demo.build`;
each part of the year is one module.
"""
