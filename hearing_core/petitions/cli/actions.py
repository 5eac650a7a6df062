"""The disposition actions as commands: ``hearing petitions accept REF …`` and the others.

Each entry: command name, help, its options, and a caller of the service (imported
lazily, so ``hearing --help`` stays light).
"""

from __future__ import annotations

from typing import Any

import click

from hearing_core.petitions.cli.common import DATE

__all__ = ["ACTIONS"]


def _svc(name: str) -> Any:
    async def call(ctx: Any, ref: str, **kwargs: Any) -> Any:
        from hearing_core.petitions import service

        return await getattr(service, name)(ctx, ref, **kwargs)

    return call


ON = click.option("--on", type=DATE, help="Date of the act (default: today).")

ACTIONS: list[tuple[str, str, list[Any], Any]] = [
    ("accept", "Accept item REF (受理); the handling clock starts.", [ON], _svc("accept")),
    ("not-accept", "Do not accept item REF (不予受理) with a reason code.", [
        click.option("--reason", required=True, help="out_of_jurisdiction/不属于本级管辖, explained_on_spot, …, other"),
        click.option("--note", default="", help="Required with --reason other."), ON,
    ], _svc("not_accept")),
    ("transfer", "Transfer item REF (转送) to the competent unit.", [
        click.option("--unit", required=True, help="The competent unit (承办单位)."), ON,
    ], _svc("transfer")),
    ("assign", "Assign item REF (交办) to a unit, which reports by --due.", [
        click.option("--unit", required=True, help="The responsible unit (责任单位)."),
        click.option("--due", "due_on", type=DATE, required=True, help="Completion report due date."), ON,
    ], _svc("assign")),
    ("extend", "Extend the handling period of item REF (延期): once, at most the profile maximum.", [
        click.option("--days", type=int, required=True), click.option("--reason", required=True), ON,
    ], _svc("extend")),
    ("report-completion", "Record the completion report (办结报告) of assigned item REF.", [
        click.option("--report", required=True, help="The report's content."), ON,
    ], _svc("report_completion")),
    ("issue-opinion", "Issue the handling opinion (出具处理意见) of item REF.", [
        click.option("--outcome", required=True, help="support/支持, explain/解释说明, not_support/不予支持."),
        click.option("--served-on", type=DATE, help="Date of service, if already served."), ON,
    ], _svc("issue_opinion")),
    ("record-service", "Record service (送达) of item REF's opinion.", [
        click.option("--served-on", type=DATE, help="Default: today."),
    ], _svc("record_service")),
    ("route", "Route item REF into a statutory procedure (导入法定程序).", [
        click.option("--route", required=True, help="litigation/诉讼, arbitration/仲裁, administrative_reconsideration, …"),
        ON,
    ], _svc("route_to_statutory")),
    ("conclude", "Conclude item REF (办结): needs the opinion served.", [ON], _svc("conclude")),
]
