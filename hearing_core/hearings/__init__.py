"""Hearing cases (听证案件).

* ``domain/`` — the ORM-free procedure (:class:`~hearing_core.hearings.domain.HearingCase`)
* ``tables.py``, ``pool_tables.py`` — piccolo tables; ``rows.py`` + ``repository.py`` load and
  save a whole case (:class:`~hearing_core.hearings.stored.StoredHearing`); ``calendar.py`` and
  ``pool_repository.py`` read and write the calendar, pool and stored files
* ``adapters.py`` — the active rule profile and deadline engine as the domain's protocols
* ``service/`` — use cases (one function each, taking a ServiceContext); ``views.py`` — a case
  as one actor may see it
* ``api/``, ``cli/`` — ``/api/v1/hearings`` and ``hearing hearings`` / ``hearing pool``
* ``documents/`` — notices, announcements, record, report, docket and calendars
* ``plugin.py`` — permissions, routes and commands through the public hooks
"""
