"""Habits of the target and department tables of the batch ``tests/wild`` 170–179, each
modelled on the real document named in its test."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import Form, TargetDeclaration
from jixiao.parse import parse_file
from jixiao.parse.titles import bare_title


def _forms(tmp_path: Path, text: str) -> list[Form]:
    path = tmp_path / "form.txt"
    path.write_text(text + "\n", encoding="utf-8")
    return list(parse_file(path).forms)


def _target(tmp_path: Path, text: str) -> TargetDeclaration:
    (form,) = _forms(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    return form


_NOTICE = (
    "各乡镇:现将2025年强制免疫补助资金下达给你们,请按绩效目标抓好落实,"
    "附件:1.2025年某县强制免疫补助资金分配表2.2025年中央财政强制免疫补助资金绩效目标表"
    "某县农业农村局2025年3月17日附件12025年某县强制免疫补助资金分配表乡镇补助经费(万元)"
    "备注甲镇30乙镇20全县合计50注:根据养殖量安排,"
)


def test_a_label_naming_its_code_in_run_on_text(tmp_path: Path) -> None:
    # 安溪 (171): 主管部门(单位)名称及部门预算编码331省农业农村厅, all run together
    text = (
        _NOTICE + "附件2中央财政强制免疫补助资金绩效目标表(2025年度)项目名称强制免疫补助"
        "主管部门(单位)名称及部门预算编码331省农业农村厅补助项目/区域项目相关乡镇"
        "资金情况(万元)资金总额:35其中:财政拨款35其他资金总体目标完成强制免疫任务。"
    )
    form = _target(tmp_path, text)
    assert form.department == "331省农业农村厅"


def test_a_listed_attachment_is_no_title_in_run_on_text(tmp_path: Path) -> None:
    # 安溪 (171): the notice lists 2.2025年…绩效目标表, the form prints 附件2…绩效目标表(2025年度)
    # after the allocation table; the form begins there, not at the list (where the
    # allocation table's 全县合计50 would be read as the form's funds)
    text = (
        _NOTICE + "附件2中央财政强制免疫补助资金绩效目标表(2025年度)项目名称强制免疫补助"
        "资金情况(万元)资金总额:35其中:财政拨款35其他资金总体目标完成强制免疫任务。"
    )
    form = _target(tmp_path, text)
    assert form.project == "强制免疫补助"
    assert form.target_meta.current_budget == Decimal("35")
    assert bare_title("2.2025年中央财政强制免疫补助资金绩效目标表") == bare_title(
        "附件2中央财政强制免疫补助资金绩效目标表(2025年度)"
    )
    assert bare_title("附件22023年省级资金区域绩效目标表") == "省级资金区域绩效目标表"


def test_a_funding_caption_ends_a_name_in_run_on_text(tmp_path: Path) -> None:
    # 南江 (176): 主管部门南江县林业局中央补助年度金额(万元)158.18
    text = (
        "区域绩效目标表资金名称省级财政林业草原专项资金主管部门某县林业局中央补助"
        "年度金额(万元)158.18总体目标加强森林资源管护。"
    )
    form = _target(tmp_path, text)
    assert form.department == "某县林业局"
    assert form.target_meta.current_budget == Decimal("158.18")


def test_labels_printed_as_a_column_are_no_values(tmp_path: Path) -> None:
    # 永兴 (173): a PDF's text prints the label column first, one label a line (a long
    # one wrapped: 部门相应职能职 / 责概述), the values after: 部门名称 has no value there
    text = "\n".join(
        [
            "专项资金绩效目标表",
            "(2017 年度)",
            "专项名称",
            "部门名称",
            "部门相应职能职",
            "责概述",
            "专项立项",
            "依据",
            "专项实施",
            "进度计划",
            "重大动物疫病防控专项属性延续专项√新增专项□",
            "县动物卫生监督所资金总额(万元)50",
            "二级指标指标内容指标值备注",
            "数量指标",
            "免疫率",
            "100%",
        ]
    )
    forms = _forms(tmp_path, text)
    assert all(f.department is None for f in forms)


def test_a_spaced_form_names_its_amount_and_its_numbered_goal(tmp_path: Path) -> None:
    # 省残联 (178): one flat line, 资金额度 4623 万, a goal of numbered items spaced apart
    goals = [f"目标 {n}:做好第{n}项残疾人工作,补助到位。" for n in range(1, 9)]
    text = " ".join(
        [
            "残疾人事业发展补助资金区域绩效目标表 ( 2019 年度) 专项名称 残疾人事业发展补助资金",
            "主管部门 省残联 资金额度 4623 万 年 度 总 体 目 标",
            *goals,
            "一级 指标 二级指标 三级指标 指标值",
        ]
    )
    form = _target(tmp_path, text)
    assert form.department == "省残联"
    assert form.target_meta.current_budget == Decimal("4623")
    assert form.target_meta.goal == "".join(g.replace(" ", "") for g in goals)


def test_the_beginning_of_a_label_the_excerpt_ends_in_is_no_value(tmp_path: Path) -> None:
    # 忠县 (179): …资金名称 / 林业草原生态保护恢复资金 / 中央主 — cut inside 中央主管部门
    text = "\n\n".join(
        ["区域绩效目标表", "(2022年度)", "资金名称", "林业草原生态保护恢复资金", "中央主"]
    )
    forms = _forms(tmp_path, text)
    assert [f.project for f in forms] in ([], ["林业草原生态保护恢复资金"])


def test_a_line_between_lone_bars_is_one_cell(tmp_path: Path) -> None:
    # 蒙城 (174): a PDF's text pasted one cell a line, a lone bar between cells, its
    # spaces kept (``7 岁以下儿童健康管理率``, ``2279.048 万元``, ``总体 目标``)
    from jixiao.parse.rebuild.tokens import tokenize
    from jixiao.read import read_document

    cells = ["总体 目标", "推动基本公共卫生服务均等化。", "7 岁以下儿童健康管理率", "≧85%"]
    cells += ["年度资金总额", "2279.048 万元", "其他资金"]
    text = "\n".join(["项目支出绩效目标申报表", "项目名称", *(f"|\n{c}" for c in cells), "|"])
    path = tmp_path / "form.txt"
    path.write_text(text + "\n", encoding="utf-8")
    tokens = [t.text for t in tokenize(read_document(path)) if t.text]
    assert tokens[-7:] == [
        "总体目标",
        "推动基本公共卫生服务均等化。",
        "7 岁以下儿童健康管理率",
        "≧85%",
        "年度资金总额",
        "2279.048万元",
        "其他资金",
    ]


def test_rows_under_one_label_one_cell_a_line_cut_in_a_target(tmp_path: Path) -> None:
    # 蒙城 (174): one cell a line, the rows under one 二级 label, the excerpt ending
    # after the last row's sign (``≧``): each row's last cell is on a line of its own
    # (no pipe row cut off), and the sign alone is no target
    cells = ["项目支出绩效目标申报表", "(2024 年度)", "项目名称", "国家基本公共卫生服务项目"]
    cells += ["一级指标", "二级指标", "三级指标", "指标值", "产出指标", "数量指标"]
    cells += ["适龄儿童国家免疫规划疫苗接种率", "≧90%", "7 岁以下儿童健康管理率", "≧85%"]
    cells += ["0-6 岁儿童眼保健和视力检查覆盖率", "≧"]
    form = _target(tmp_path, "\n|\n".join(cells))
    assert [(i.level2, i.name, i.target) for i in form.indicators] == [
        ("数量指标", "适龄儿童国家免疫规划疫苗接种率", "≧90%"),
        ("数量指标", "7岁以下儿童健康管理率", "≧85%"),
        ("数量指标", "0-6岁儿童眼保健和视力检查覆盖率", None),
    ]


def test_a_run_of_amounts_cut_so_that_they_print_alike(tmp_path: Path) -> None:
    # 零陵区疾控中心 (175): a preview runs the funding row together, 2456.18 three times,
    # 10, 100%, 10; cut as 2456.1 | 82456.1 | 82456.18 the 执行率 holds as well, but a
    # form prints its money columns with as many decimals each
    from jixiao.model import DepartmentSelfEvaluation

    text = (
        "1、部门整体支出绩效自评表(2021年度)区级预算单位名称某区疾病预防控制中心"
        "年度预算申请(万元)年初预算数全年预算数全年执行数分值执行率得分"
        "年度资金总额2456.182456.182456.1810100%10按收入性质分:2456.18"
    )
    (form,) = _forms(tmp_path, text)
    assert isinstance(form, DepartmentSelfEvaluation)
    total = form.funds.total
    assert (total.initial, total.adjusted, total.executed) == (Decimal("2456.18"),) * 3
    assert (total.weight, total.rate, total.score) == (Decimal("10"), Decimal("100"), Decimal("10"))


def test_a_department_form_names_its_department_as_its_budget_unit(tmp_path: Path) -> None:
    # 零陵区疾控中心 (175), 零陵区林业局 (164): 区级预算单位名称 on a department form is
    # the department the form is about
    text = (
        "部门整体支出绩效自评表(2021年度)区级预算单位名称某区疾病预防控制中心"
        "年度预算申请(万元)年初预算数全年预算数全年执行数年度资金总额100100.0090.00"
    )
    (form,) = _forms(tmp_path, text)
    assert form.department == "某区疾病预防控制中心"
