"""Use cases of the petition register (登记服务). Every function takes a ServiceContext.

Other domains call these (the reception desk, mediation, review, the PDF form
import, the annual report):

* items — :func:`register_item`, :func:`get_item`, :func:`list_items`, :func:`update_item`
* disposition — :func:`accept`, :func:`not_accept`, :func:`transfer`, :func:`assign`, :func:`extend`,
  :func:`report_completion`, :func:`issue_opinion`, :func:`record_service`,
  :func:`route_to_statutory`, :func:`conclude`
* matters — :func:`create_matter`, :func:`get_matter`, :func:`list_matters`, :func:`link_item`,
  :func:`unlink_item`, :func:`suggest_for_item`, :func:`suggest_for_draft`
* backlog — :mod:`.backlog`; deadlines — :mod:`.deadlines`; satisfaction — :mod:`.satisfaction`;
  bulk import — :mod:`.importer`
"""

from __future__ import annotations

from hearing_core.petitions.service import common, matter_rows  # noqa: F401  (import order: before items)
from hearing_core.petitions.service.disposition import (
    ACTIONS,
    accept,
    assign,
    conclude,
    extend,
    issue_opinion,
    not_accept,
    record_service,
    report_completion,
    route_to_statutory,
    transfer,
)
from hearing_core.petitions.service.items import get_item, register_item, update_item
from hearing_core.petitions.service.listing import ItemFilter, list_items
from hearing_core.petitions.service.matters import (
    create_matter,
    get_matter,
    link_item,
    list_matters,
    suggest_for_draft,
    suggest_for_item,
    unlink_item,
)

__all__ = [
    "ACTIONS",
    "ItemFilter",
    "accept",
    "assign",
    "conclude",
    "create_matter",
    "extend",
    "get_item",
    "get_matter",
    "issue_opinion",
    "link_item",
    "list_items",
    "list_matters",
    "not_accept",
    "record_service",
    "register_item",
    "report_completion",
    "route_to_statutory",
    "suggest_for_draft",
    "suggest_for_item",
    "transfer",
    "unlink_item",
    "update_item",
]
