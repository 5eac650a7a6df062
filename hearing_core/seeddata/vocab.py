"""Vocabulary of the synthetic register (模拟登记数据词库): places, names, summaries by category.

Everything here is invented but shaped like a county register: towns (两区七镇),
villages, enterprises and projects, and for each content sub-category a few
summary/request pairs in the wording registrars use ("反映…，要求…"). Category
*names* (土地征收, 房屋拆迁 …) are written into the files, as staff type them;
the import resolves them to codes.
"""

from __future__ import annotations

__all__ = [
    "CATEGORY_WEIGHTS",
    "COLLECTIVE_PRONE",
    "COMPANIES",
    "FEMALE_GIVEN",
    "MALE_GIVEN",
    "MONTH_WEIGHTS",
    "PROJECTS",
    "REGION_CODES",
    "SUMMARIES",
    "SURNAMES",
    "TOWNS",
    "VILLAGES",
]

#: Two districts and seven towns, as in the seed summary ("两区七镇").
TOWNS = ("城东区", "城西区", "陈城镇", "阳城镇", "石岭镇", "河口镇", "新圩镇", "白沙镇", "龙潭镇")
VILLAGES = (
    "上坪村", "下洞村", "石门村", "新塘村", "大岭村", "黄泥村", "东山村", "水口村", "莲塘村",
    "长岗村", "岭背村", "塘尾村", "高田村", "沙坪村", "竹园村", "松柏村", "坑口村", "禾田村",
)  # fmt: skip
COMPANIES = (
    "县第二建筑工程公司", "宏达陶瓷有限公司", "县水泥厂", "县糖厂", "兴业石材有限公司",
    "县食品公司", "鑫源矿业有限公司", "永丰纺织厂", "县农机厂", "金田养殖场",
)  # fmt: skip
PROJECTS = (
    "工业园区二期", "滨江路改造工程", "县城南环路", "高铁站前大道", "城北安置小区",
    "污水处理厂扩建工程", "县人民医院新院区", "旧城改造一期", "物流园", "水库除险加固工程",
)  # fmt: skip

#: Region codes (行政区划代码) of the county and its neighbours, for ID numbers.
REGION_CODES = ("441823", "441823", "441823", "441802", "441821", "441825", "441881", "441882")

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
    "蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹黎"
)
MALE_GIVEN = (
    "建国", "建华", "国强", "志强", "伟", "强", "军", "勇", "明", "永红", "海涛", "家明", "锦荣",
    "志明", "振华", "德胜", "文辉", "少华", "进财", "桂林", "水生", "金福", "汉文", "亚牛", "石养",
)  # fmt: skip
FEMALE_GIVEN = (
    "秀英", "桂英", "秀兰", "玉兰", "丽华", "美玲", "淑芬", "春梅", "亚妹", "桂芳", "小燕", "月娥",
    "金凤", "丽娟", "翠红", "海燕", "凤英", "玉梅", "雪梅", "少芳",
)  # fmt: skip

#: Relative intake per month: high before Spring Festival and at the year end (wage arrears),
#: low in the Spring Festival and National Day holiday months, a peak around the "two sessions".
MONTH_WEIGHTS = (1.15, 0.7, 1.2, 0.95, 0.9, 1.0, 0.95, 0.9, 1.0, 0.8, 1.05, 1.3)

#: Share of distinct matters per sub-category (信访事项分类), after the seed's list of hot spots:
#: 土地征用、房屋拆迁、企业改制、劳动社会保障、涉法涉诉、农民工工资、山林矿山滩涂、环境污染, 村干部作风.
CATEGORY_WEIGHTS: dict[str, float] = {
    "土地征收": 16, "房屋拆迁": 11, "企业改制": 5, "社会保险": 5, "劳资纠纷": 4, "农民工工资": 9,
    "涉法涉诉": 9, "公安执法": 3, "山林矿山滩涂权属": 7, "环境污染": 6, "村干部作风": 7,
    "农村宅基地": 4, "土地承包": 3, "城建纠纷": 3, "住房与物业": 2, "道路与基础设施": 1,
    "社会救助": 2, "医疗纠纷": 1, "退役军人事务": 1, "教育文体": 1,
}  # fmt: skip
#: Categories whose matters bring groups (集体访) to the reception hall.
COLLECTIVE_PRONE = frozenset(
    {"土地征收", "房屋拆迁", "企业改制", "农民工工资", "环境污染", "山林矿山滩涂权属"}
)

#: (summary, request) templates per category; {town} {village} {company} {project} {n} {amount} {year}.
SUMMARIES: dict[str, tuple[tuple[str, str], ...]] = {
    "土地征收": (
        (
            "反映{town}{village}集体土地{n}亩被征收用于{project}，征地补偿款至今未足额发放到户",
            "要求足额发放征地补偿款",
        ),
        ("反映{project}征地补偿标准偏低，与相邻地块标准不一致", "要求按新标准重新核定补偿"),
        ("反映{village}村民小组征地补偿款分配方案不公，外嫁女未获分配", "要求依法平等分配补偿款"),
    ),
    "房屋拆迁": (
        ("反映其位于{town}的房屋因{project}被拆除，安置房至今未交付", "要求尽快落实安置"),
        ("反映{town}旧城改造中房屋被认定为违章建筑强制拆除", "要求依法评估并给予补偿"),
        ("反映{project}拆迁过渡费停发已{n}个月", "要求补发过渡费"),
    ),
    "企业改制": (
        ("反映原{company}改制时职工身份置换补偿金未足额支付", "要求按改制方案补足补偿金"),
        ("反映原{company}改制后职工养老保险关系未接续", "要求落实改制职工社保接续"),
    ),
    "社会保险": (
        ("反映{company}多年未为其缴纳养老保险", "要求补缴养老保险费"),
        ("反映被征地农民养老保险待遇未落实", "要求纳入被征地农民养老保障"),
    ),
    "劳资纠纷": (
        ("反映被{company}无故辞退，未签订劳动合同", "要求支付经济补偿金"),
        ("反映在{company}工作期间受工伤，企业拒绝申报工伤认定", "要求落实工伤待遇"),
    ),
    "农民工工资": (
        ("反映在{project}务工被拖欠工资{amount}元", "要求尽快支付拖欠工资"),
        ("反映{company}承建的{project}班组工资被拖欠，年底仍未结算", "要求督促企业结清工资"),
    ),
    "涉法涉诉": (
        ("对县人民法院（{year}）民事判决不服，认为事实认定有误", "要求重新审理"),
        ("反映其胜诉案件长期未执行到位", "要求法院加快执行"),
    ),
    "公安执法": (
        ("反映其被殴打一案派出所处理不公，至今未处理打人者", "要求依法处理"),
        ("反映{town}派出所对其报案不予立案", "要求公安机关立案侦查"),
    ),
    "山林矿山滩涂权属": (
        ("反映与{village}村民之间的山林权属纠纷长期未解决", "要求依法确权"),
        ("反映{company}越界开采其承包山林的石料", "要求停止侵权并赔偿损失"),
    ),
    "环境污染": (
        ("反映{company}排放废水污染{village}农田灌溉用水", "要求整治污染并赔偿损失"),
        ("反映{town}{village}养殖场臭气、污水扰民", "要求依法关停或搬迁"),
    ),
    "村干部作风": (
        ("反映{village}村干部优亲厚友、违规评定低保", "要求调查处理"),
        ("反映{village}村委会财务长期不公开，集体资金去向不明", "要求审计村集体财务"),
    ),
    "农村宅基地": (
        ("反映其宅基地被邻居侵占建房", "要求依法处理"),
        ("反映申请宅基地建房审批长期未办理", "要求依法审批"),
    ),
    "土地承包": (("反映{village}村民小组收回其承包地另行发包", "要求退还承包地"),),
    "城建纠纷": (("反映{town}某楼盘开发商违规加建，影响其住房采光", "要求查处违法建设"),),
    "住房与物业": (("反映所住小区物业管理混乱、公共维修资金使用不公开", "要求主管部门督促整改"),),
    "道路与基础设施": (("反映{village}通村公路损坏严重，雨天无法通行", "要求安排维修"),),
    "社会救助": (("反映家庭生活困难，申请低保未获批准", "要求重新审核低保申请"),),
    "医疗纠纷": (("反映其家属在县人民医院治疗期间死亡，认为存在医疗过错", "要求追究责任并赔偿"),),
    "退役军人事务": (("退役军人反映退役安置待遇未落实", "要求落实相关待遇"),),
    "教育文体": (("反映子女就近入学问题未得到解决", "要求安排就近入学"),),
}
