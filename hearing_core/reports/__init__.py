"""Annual report (年度信访统计报告): figures computed in the database, text, documents, snapshots.

* :mod:`.service` — :func:`~.service.annual_report`, :func:`~.service.export_report` (audited)
* :mod:`.drill` — the items or matters behind each figure (下钻)
* :mod:`.snapshots` — freeze, list, show and verify snapshots (报告快照)
* :mod:`.queries` — the aggregate SQL; :mod:`.period` — the statistical year (统计年度)
* :mod:`.assemble`, :mod:`.text`, :mod:`.render`, :mod:`.blocks` — report dict, Chinese
  paragraphs, Markdown/HTML/PDF (template ``reports/annual.html``)
* :mod:`.api`, :mod:`.cli`, :mod:`.plugin` — the edges and the core plugin

See docs/report.md.
"""
