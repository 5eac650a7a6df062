"""The demo county (演示县): its bureau, towns, responsible units, leaders and users.

临江县 of 江州市 is invented, shaped like the seed summary's county: two districts and seven
towns (两区七镇, the seed register's place names), the county's departments as responsible
units (责任单位), the leaders of the county's party, government, congress and CPPCC
(县各套班子领导), department heads and town cadres who receive visitors, and one user per
role. Every demo password is ``demo-<username>-1``.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from hearing_core.seeddata.people import make_person

__all__ = [
    "CENTRE",
    "COUNTY",
    "DEPARTMENTS",
    "ORGAN_NAME",
    "TOWNS",
    "USERS",
    "DemoUser",
    "config_toml",
    "leaders",
    "organs",
    "password_of",
    "profile_toml",
    "reception_rules",
]

COUNTY = "临江县"
CITY = "江州市"
ORGAN_NAME = "临江县人民政府信访局"
#: The seven towns of "七镇领导" (the two districts 城东区, 城西区 have no town cadres here).
TOWNS = ("陈城镇", "阳城镇", "石岭镇", "河口镇", "新圩镇", "白沙镇", "龙潭镇")
#: Responsible units (责任单位): (organ code, name, head's code, head's name, portfolio).
DEPARTMENTS = (
    ("county-land", "临江县自然资源局", "he-land", "何建国", "自然资源、土地征收"),
    ("county-housing", "临江县住房和城乡建设局", "zheng-housing", "郑伟", "住房城乡建设、房屋征收"),
    ("county-hrss", "临江县人力资源和社会保障局", "lu-hrss", "卢红", "劳动保障、农民工工资"),
    ("county-police", "临江县公安局", "shi-police", "石磊", "公安执法"),
    ("county-civil", "临江县民政局", "tang-civil", "唐慧", "社会救助"),
    ("county-agri", "临江县农业农村局", "xu-agri", "许农", "农村土地承包、宅基地"),
    ("county-eco", "临江县生态环境局", "lin-eco", "林清", "环境污染"),
    ("county-transport", "临江县交通运输局", "gao-transport", "高路", "交通运输"),
)
#: The service centre (信访服务中心) and its mediation committee (人民调解委员会).
CENTRE = {"code": "LJ", "name": "临江县信访服务中心", "committee": "临江县人民调解委员会", "doc_prefix": "临调"}


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str
    display_name: str
    note: str


#: One user per role (three hearing officers: a panel needs an odd voting body).
USERS = (
    DemoUser("admin", "administrator", "周主任", "everything: users, plugins, rules, audit"),
    DemoUser("registrar", "registrar", "王芳", "registers letters and visits, imports registers and forms"),
    DemoUser("handling_officer", "handling_officer", "李承办", "handles matters; coordinates hearings"),
    DemoUser("presiding_officer", "presiding_officer", "王立新", "presides over hearings"),
    DemoUser("hearing_officer", "hearing_officer", "陈红梅", "sits on hearing panels and votes"),
    DemoUser("hearing_officer2", "hearing_officer", "刘志强", "sits on hearing panels and votes"),
    DemoUser("hearing_officer3", "hearing_officer", "赵晓燕", "sits on hearing panels and votes"),
    DemoUser("clerk", "clerk", "孙丽", "keeps hearing records"),
    DemoUser("mediator", "mediator", "陈明", "chairs the mediation committee"),
    DemoUser("centre_staff", "centre_staff", "黄敏", "runs the service centre's reception desk"),
    DemoUser("review_officer", "review_officer", "孙复查", "examines review and re-review applications"),
    DemoUser("leader", "leader", "李明", "县委书记: receives visitors, instructs, reads reports"),
    DemoUser("auditor", "auditor", "钱审计", "reads everything and the audit log"),
)


def password_of(username: str) -> str:
    """The demo password of a demo user (documented in README and docs/tutorial.md)."""
    return f"demo-{username}-1"


def organs() -> list[dict[str, Any]]:
    """The review organ table (机关层级): province, city, county, its departments and towns."""
    rows: list[dict[str, Any]] = [
        {"code": "prov-gov", "name": "某省人民政府", "level": "province"},
        {"code": "city-gov", "name": f"{CITY}人民政府", "level": "city", "parent": "prov-gov"},
        {"code": "county-gov", "name": f"{COUNTY}人民政府", "level": "county", "parent": "city-gov"},
        {"code": "county-xfj", "name": ORGAN_NAME, "level": "county", "parent": "county-gov"},
    ]
    for code, name, *_ in DEPARTMENTS:
        rows.append({"code": code, "name": name, "level": "county", "parent": "county-gov"})
    for n, town in enumerate(TOWNS):
        rows.append({"code": f"town-{n + 1}", "name": f"{town}人民政府", "level": "township", "parent": "county-gov"})
    return rows


_COUNTY_LEADERS = (
    ("li-sec", "李明", "县委书记", "全面工作", None, "leader"),
    ("zhao-head", "赵强", "县委副书记、县长", "县政府全面工作", None, None),
    ("qian-npc", "钱国华", "县人大常委会主任", "县人大常委会工作", None, None),
    ("sun-cppcc", "孙建平", "县政协主席", "县政协工作", None, None),
    ("zhou-dep", "周平", "县委副书记", "党群、信访", "陈城镇", None),
    ("wu-exec", "吴刚", "县委常委、常务副县长", "财政、发展改革", "阳城镇", None),
    ("zheng-sc", "郑华", "县委常委、政法委书记", "政法、维稳", "石岭镇", None),
    ("wang-sc", "王静", "县委常委、组织部部长", "组织、人事", "河口镇", None),
    ("feng-vice", "冯军", "副县长", "城乡建设、交通", "新圩镇", None),
    ("chen-vice", "陈丽", "副县长", "教育、卫生、民政", None, None),
    ("yang-vice", "杨帆", "副县长", "农业农村、自然资源", None, None),
    ("hu-vice", "胡伟", "副县长、县公安局局长", "公安", None, None),
)
_TOWN_POSTS = ("党委书记", "镇长", "党委副书记", "人大主席", "副镇长", "政法委员", "纪委书记", "包村干部")
#: Town cadres per town who take part in the weekly village half-days (镇领导及包村干部).
TOWN_CADRES = 7


def leaders() -> list[dict[str, Any]]:
    """Receiving leaders (接访领导): county leaders, department heads and town cadres with pairings."""
    out: list[dict[str, Any]] = []
    for code, name, post, portfolio, paired, username in _COUNTY_LEADERS:
        row = {"code": code, "name": name, "post": post, "level": "county", "portfolio": portfolio,
               "unit": "中共临江县委" if "县委" in post else "临江县人民政府"}
        if paired:
            row["paired_unit"] = paired
        if username:
            row["username"] = username
        out.append(row)
    for n, (_, unit, code, name, portfolio) in enumerate(DEPARTMENTS):
        out.append({"code": code, "name": name, "post": unit.removeprefix(COUNTY) + "局长", "level": "department",
                    "portfolio": portfolio, "unit": unit, "paired_unit": TOWNS[n % 5]})
    rng = random.Random(2023)  # fixed: the county's cadres are the same whatever the demo's seed
    for t, town in enumerate(TOWNS):
        for p, post in enumerate(_TOWN_POSTS[:TOWN_CADRES]):
            out.append({"code": f"t{t + 1}-{p + 1}", "name": make_person(rng).name,
                        "post": f"{town}{post}", "level": "town", "portfolio": "挂村联户", "unit": f"{town}人民政府",
                        "paired_unit": f"{town}中心村"})
    return out


def reception_rules(year: int) -> list[dict[str, Any]]:
    """The seed county's scheme (接访制度) as rules, from the first Monday of ``year``."""
    import datetime as dt

    first_monday = dt.date(year, 1, 1) + dt.timedelta(days=(7 - dt.date(year, 1, 1).weekday()) % 7)
    return [
        {"code": "secretary", "title": "县委书记接访日", "kind": "monthly_day", "day_of_month": 15, "months": "odd",
         "place": "县信访局群众接待大厅", "leaders": ["li-sec"]},
        {"code": "head", "title": "县长接访日", "kind": "monthly_day", "day_of_month": 15, "months": "even",
         "place": "县信访局群众接待大厅", "leaders": ["zhao-head"]},
        {"code": "paired-15th", "title": "县领导和县直部门领导挂钩镇定点接访", "kind": "monthly_day", "day_of_month": 15,
         "place_mode": "paired", "place": "{unit}综治信访维稳中心", "levels": ["county", "department"]},
        {"code": "monday-rota", "title": "常委、副县长周一轮值接访", "kind": "weekday", "weekday": 0,
         "place": "县信访局群众接待大厅", "rota": ["zhou-dep", "wu-exec", "zheng-sc", "wang-sc", "feng-vice",
                                                  "chen-vice", "yang-vice", "hu-vice"],
         "rota_start": first_monday.isoformat()},
        {"code": "village-half-day", "title": "镇领导包村定点接访", "kind": "half_days_weekly", "weekdays": [2],
         "session": "am", "place_mode": "paired", "place": "{unit}村委会", "levels": ["town"]},
    ]


def config_toml() -> dict[str, Any]:
    """The demo instance's ``config.toml``."""
    return {
        "organ_name": ORGAN_NAME,
        "rule_profile": "county",
        "documents": {"abbreviation": "临", "contact_name": "周敏", "contact_phone": "0571-86021234",
                      "address": "临江县人民路88号信访局一楼接待大厅"},
        "review": {"organ": "county-gov", "handling_organ": "county-xfj", "doc_prefix": "临",
                   "contact": "临江县信访局复查复核科，联系电话：0571-86021235"},
        "reception": {"contact_name": "周敏", "contact_phone": "0571-86021234"},
    }


def profile_toml() -> str:
    """The instance profile ``county``: the national rules plus the values no national source gives."""
    return """\
name = "county"
title = "临江县信访局规则（演示）"
extends = "national"

[rules.reception.department_reply]
length = 15
unit = "calendar_days"
source = "临江县委办公室关于领导接访批示件办理的通知（演示）"
confidence = "D"

[rules.satisfaction.window]
length = 15
source = "临江县信访事项办理群众满意度评价实施细则 第5条（演示）"
confidence = "D"
"""
