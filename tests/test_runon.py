"""Cells run together with no separator: the cuts the run-on splitter may and may not make.

Each case is modelled on a published form whose text lost its cell boundaries (a
document-sharing site's preview or an OCR of a scan)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.model import Form, SelfEvaluation, TargetDeclaration
from jixiao.parse import parse_file
from jixiao.parse.rebuild.runon import split_runon
from jixiao.parse.rebuild.tokens import Token, tokenize
from jixiao.read import Document


def _read(tmp_path: Path, text: str) -> Form:
    """The one form read from ``text`` saved as a file."""
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    return form


def _texts(text: str) -> list[str]:
    doc = Document.from_text("x.txt", text)
    return [p.text for t in tokenize(doc) for p in split_runon(t)]


def test_a_star_between_characters_is_a_speck_but_in_a_unit_it_multiplies() -> None:
    text = "一*级项目名称文化事业发展专项资金二级项目名称博物馆免费开放补助"
    assert "一级项目名称" in _texts(text)
    assert _texts("≥530元/人*月") == ["≥530元/人*月"]


def test_a_sum_stated_in_a_sentence_is_no_total_row() -> None:
    text = "项目概况本项目用于维护老集镇1个,每年5万元;公厕34座,每座6.2万元。合计22430200元。"
    pieces = _texts(text)
    assert pieces[0] == "项目概况"
    assert pieces[1].endswith("合计22430200元。")


def test_a_goal_on_the_line_of_the_second_caption_is_its_text(tmp_path: Path) -> None:
    text = "\n".join(
        [
            "某街道2021年重点项目绩效目标表",
            "预算单位某街道办事处项目名称市政日常维护经费",
            "项目中期规划绩效目标",
            "项目当年绩效目标维护老集镇1个,保障34座公厕运行维护。",
            "绩效指标指标",
            "类型指标名称指标值",
            "产出指标公厕运行维护数量34座",
            "满意度指标辖区群众满意度≥90%",
        ]
    )
    form = _read(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    assert form.target_meta.goal == "维护老集镇1个,保障34座公厕运行维护。"


def test_a_run_of_column_headers_is_cut_into_them() -> None:
    assert _texts("类型指标名称指标值") == ["类型", "指标名称", "指标值"]


def test_a_name_gives_up_its_number_or_change_word_to_the_target() -> None:
    assert _texts("清扫保洁面积1712486㎡") == ["清扫保洁面积", "1712486㎡"]
    assert _texts("市容环境卫生状况明显改善") == ["市容环境卫生状况", "明显改善"]


def test_a_title_run_into_a_value_starts_where_the_value_ends() -> None:
    pieces = _texts("满意度指标服务对象满意度观众满意度%=99百分比省级部门预算项目支出绩效目标表")
    assert pieces[-2:] == ["=99百分比", "省级部门预算项目支出绩效目标表"]


def test_a_scans_two_before_a_number_is_its_sign() -> None:
    assert _texts("资金使用效率二100百分比") == ["资金使用效率", "二100百分比"]


def test_an_amount_with_its_money_unit_ends_where_words_begin() -> None:
    assert _texts("20万元中央补助安排0") == ["20万元", "中央补助安排", "0"]


def test_a_dates_label_takes_the_date_only(tmp_path: Path) -> None:
    text = (
        "省级部门预算项目支出绩效目标表(2023年度)项目名称博物馆提升改造项目"
        "项目开始日期2023-01-01项目完成H期2023-12-31项目实施单位嘉峪关城市博物馆"
    )
    form = _read(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    assert form.target_meta.start == "2023-01-01"
    assert form.target_meta.end is None


def test_a_total_word_followed_by_words_is_prose() -> None:
    text = "年度总体目标一是建成原种繁育田850亩;二是建成原种基地400亩,两项合计建成基地1250亩"
    assert _texts(text)[1:] == [
        "一是建成原种繁育田850亩;二是建成原种基地400亩,两项合计建成基地1250亩"
    ]


def test_the_local_department_of_a_transfer_form_and_a_dash_for_an_empty_cell(
    tmp_path: Path,
) -> None:
    text = (
        "马铃薯种薯繁育示范推广项目绩效目标自评表(2022年度)项目名称种薯繁育项目实施单位/"
        "项目负责人原州区农技中心/×××自治区主管部门农业农村厅专项实施期2022年3月-2022年11月"
        "市县财政部门原州区财政局市县主管部门原州区农业农村局资金情况(万元)"
    )
    form = _read(tmp_path, text)
    assert (form.department, form.unit) == ("原州区农业农村局", None)


def test_a_previews_page_numbers_are_no_text_but_an_enumeration_is() -> None:
    page = "产出指标数量指标" + "库存数量真实率100%100%" * 30
    doc = Document.from_text("x.txt", f"1、{page}\n2、{page}\n3、末页")
    assert tokenize(doc)[0].text.startswith("产出指标")
    items = Document.from_text("y.txt", "1、完善基础设施\n2、提升服务质量")
    assert [t.text for t in tokenize(items)] == ["1、完善基础设施", "2、提升服务质量"]


def test_a_second_level_label_with_nothing_under_it_before_another_is_a_first_level() -> None:
    from jixiao.parse.rebuild.indicator_rows import best_readings

    texts = ["效益指标", "满意度指标", "服务对象满意度指标", "整编资料审核", "98%", "98%", "19.6"]
    columns = ["level1", "level2", "name", "target", "actual", "score"]
    rows, _ = best_readings([Token(t, 1) for t in texts], columns, False)[0]
    last = {k: "".join(t.text for t in v) for k, v in rows[-1].cells.items()}
    assert (last["level1"], last["level2"]) == ("满意度指标", "服务对象满意度指标")


def test_cells_of_an_indicator_row_with_units_answers_and_doubled_words() -> None:
    run = "因粮食市场波动引起的粮食安全事件发生数0起0起市民满意度调查"
    assert _texts(run) == ["因粮食市场波动引起的粮食安全事件发生数", "0起", "0起", "市民满意度调查"]
    assert _texts("森林火灾6小时内扑灭率不低于95%") == ["森林火灾6小时内扑灭率", "不低于95%"]
    assert _texts("公众知晓度是否明显提高是") == ["公众知晓度是否明显提高", "是"]
    assert _texts("合格合格") == ["合格", "合格"] and _texts("高高") == ["高", "高"]
    assert _texts("无未发生轮换及动用库存绩效指标")[-1] == "绩效指标"


def test_a_column_word_ending_a_name_and_an_enumeration_comma_in_a_run() -> None:
    run = "质量指标县级储备粮管理制度严格执行率100%100%5000吨稻谷、500吨成品粮储备到位率100%100%"
    pieces = _texts(run)
    assert "县级储备粮管理制度严格执行率" in pieces
    assert pieces[-3:] == ["成品粮储备到位率", "100%", "100%"]  # 、 in a run of cells


def test_the_wrap_spaces_of_a_run_on_line_go() -> None:
    line = "质量 指标县级储备粮管理制 度严格执行率100%100%储备粮管理专户管 理率100%100%时效 指标"
    assert "质量指标" in _texts(line + "县级储备粮应急保 障率100%100%")


def test_a_source_row_after_the_amounts_of_the_total(tmp_path: Path) -> None:
    text = (
        "2020年度县级专项资金绩效目标自评表专项资金名称县级储备粮县级主管部门衡山县商务和粮食局"
        "项目资金(万元)全年预算数(A)全年执行数(B)执行率(B/A)年度资金总额194.9194.9100%"
        "其中:中央、省、市补助县级资金194.9194.9100%其他资金年度总体目标"
    )
    form = _read(tmp_path, text)
    assert isinstance(form, SelfEvaluation)
    assert form.department == "衡山县商务和粮食局"
    total = form.funds.total
    assert (total.adjusted, total.executed, total.rate) == (
        Decimal("194.9"),
        Decimal("194.9"),
        Decimal(100),
    )
    assert all(f.severity.value != "error" for f in form.findings)


def test_verdicts_stay_in_one_column_and_a_doubtful_cell_is_left_out() -> None:
    from jixiao.parse.rebuild.indicator_rows import CutRow, verdicts_in_one_column
    from jixiao.parse.rebuild.row_check import doubtful

    def row(**cells: str) -> CutRow:
        return CutRow({k: [Token(v, 1, glued=True)] for k, v in cells.items()})

    rows = verdicts_in_one_column(
        [
            row(name="灭火设备配备率", target="100%", actual="1000件", note="达成预期指标"),
            row(name="森林火灾案件查处率", target="不低于90%", actual="达成预期指标"),
        ]
    )
    assert "actual" not in rows[1].cells and rows[1].cells["note"][0].text == "达成预期指标"
    # ≥ read as 2 (290%): which of the two cells it was is unsure, so both are left out
    assert doubtful(row(name="市民满意度调查", target="290%", actual="100%")) == [
        "target",
        "actual",
    ]
    assert doubtful(
        row(name="挂账利息补贴保障率", target="100%", actual="无未发生轮换及动用库存")
    ) == ["actual"]
    assert doubtful(row(name="森林防火工作群众满意度", target="不低于90%")) == []


def test_the_cuts_repeat_until_no_piece_can_be_cut() -> None:
    run = "群众生产生活条件改善状况10显著提升显著提升10满意度指标"
    assert _texts(run) == [
        "群众生产生活条件改善状况",
        "10",
        "显著提升",
        "显著提升",
        "10",
        "满意度指标",
    ]
    assert _texts("水标尺宽度10≥50厘米≥50厘米10及时(按期)完工率") == [
        "水标尺宽度",
        "10",
        "≥50厘米",
        "≥50厘米",
        "10",
        "及时(按期)完工率",
    ]
    assert _texts("公众知晓度是否明显提高是") == ["公众知晓度是否明显提高", "是"]
    pieces = _texts("服务对象满意度指标受益户满意度10≥95%≥95%10……总分100100注:1.")
    assert pieces[-5:] == ["≥95%", "10", "总分", "100100", "注:1."]


def test_a_previews_pages_are_joined_where_they_were_cut() -> None:
    page = "数量指标是否完成绩效目标申报表中申报的数量12.51"
    head = "项目支出绩效自评表(2016年度)项目名称自管道路清扫保洁外包工作经费" * 4
    doc = Document.from_text("x.txt", f"1、{head}{page}\n\n2、2.512.5完成值达到指标值")
    assert any("申报的数量12.512.512.5" in t.text for t in tokenize(doc))


def test_a_word_printed_twice_after_a_name() -> None:
    assert _texts("可持续影响指标粮食储备设备维护及安全性高高") == [
        "可持续影响指标",
        "粮食储备设备维护及安全性",
        "高",
        "高",
    ]


def test_a_date_or_a_modest_change_ends_a_name_but_a_date_stays_whole() -> None:
    assert _texts("服务完成时间2019年12月31日前") == ["服务完成时间", "2019年12月31日前"]
    assert _texts("党外人才对统战工作的认同感有所提升") == [
        "党外人才对统战工作的认同感",
        "有所提升",
    ]
    assert _texts("开始时间2019/1/1结束时间2019/12/31")[:2] == ["开始时间", "2019/1/1"]


def test_two_labels_are_never_one_indicators_name() -> None:
    from jixiao.parse.rebuild.indicator_rows import best_readings

    texts = ["效益指标", "社会效益指标", "认同感", "有所提升"]
    texts += ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%"]
    columns = ["level1", "level2", "name", "target"]
    [(rows, _)] = best_readings([Token(t, 1) for t in texts], columns, False)
    last = {k: "".join(t.text for t in v) for k, v in rows[-1].cells.items()}
    assert last == {
        "level1": "满意度指标",
        "level2": "服务对象满意度指标",
        "name": "服务对象满意度",
        "target": "≥90%",
    }


def test_a_form_named_inside_an_indicators_name_is_no_title() -> None:
    from jixiao.parse.titles import find_title

    assert find_title("是否完成绩效目标申报表中申报的数量") is None
    assert find_title("中江县水利局2022年12月30日绩效目标自评表(2022年度)") is not None
    pieces = _texts("成本指标是否完成绩效目标申报表中申报的数量12.512.512.5")
    assert not any(p.endswith("申报表") for p in pieces)


def test_a_lasting_effect_ends_a_name() -> None:
    assert _texts("历史文化传承环保意识时限长远") == ["历史文化传承环保意识时限", "长远"]


def test_a_scoring_rule_beside_the_amounts_is_a_cell_of_its_own() -> None:
    run = (
        "项目资金(万元)年初预算数(A)全年执行数(B)分值(10分)执行率(B/A)得分得分计算方法"
        "年度资金总额:310.2154.741050%5执行率*该指标分值,最高不得超过分值上限。"
        "其中:本年一般公共预算拨款310.2154.74"
    )
    pieces = _texts(run)
    assert "得分计算方法" in pieces
    assert "执行率*该指标分值,最高不得超过分值上限。" in pieces
    assert pieces[-2:] == ["其中:本年一般公共预算拨款", "310.2154.74"]


def test_a_special_funds_name_and_its_provincial_department(tmp_path: Path) -> None:
    text = (
        "2021年度省级财政专项资金绩效自评表专项名称普惠金融发展专项资金"
        "省级主管部门四川省财政厅资金情况(万元)"
    )
    form = _read(tmp_path, text)
    assert (form.project, form.department) == ("普惠金融发展专项资金", "四川省财政厅")


def test_a_money_unit_printed_after_an_amount_is_the_forms_unit(tmp_path: Path) -> None:
    text = (
        "省级部门预算项目支出绩效目标表(2023年度)项目名称博物馆提升改造项目"
        "项目总投资174.78万元预算申报数174.78万元资金性质一般公共预算"
    )
    form = _read(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    assert form.money_unit == "万元"
    assert form.target_meta.current_budget == Decimal("174.78")


def test_a_total_under_a_score_column_only_is_the_score(tmp_path: Path) -> None:
    text = (
        "2020年度水土保持监测项目绩效自评表项目名称水土保持监测主管部门黄冈市水利和湖泊局"
        "一级指标二级指标三级指标年初目标值(A)实际完成值(B)得分"
        "产出指标质量指标监测数据必须合格100%100%40"
        "效益指标社会效益指标监测资料整编100%100%40"
        "满意度指标服务对象满意度指标整编资料审核98%98%19.6总分99.6"
    )
    form = _read(tmp_path, text)
    assert isinstance(form, SelfEvaluation)
    assert (form.total_weight, form.total_score) == (None, Decimal("99.6"))


def test_a_funding_captions_weight_is_the_budget_rows_weight(tmp_path: Path) -> None:
    text = (
        "2020年度水土保持监测项目绩效自评表项目名称水土保持监测主管部门黄冈市水利和湖泊局"
        "预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)"
        "年度财政资金总额1010100%20年度绩效目标"
    )
    form = _read(tmp_path, text)
    assert isinstance(form, SelfEvaluation)
    total = form.funds.total
    assert (total.adjusted, total.executed, total.weight, total.score) == (
        Decimal(10),
        Decimal(10),
        Decimal(20),
        Decimal(20),
    )


def test_a_text_that_opens_with_the_title_keeps_it_and_is_cut_after_it() -> None:
    """重庆 部门整体绩效自评表 preview: the run-on text begins with the title (was a
    ValueError from an empty ``max``, the title's own start being the only cut before it)."""
    pieces = _texts("部门整体绩效自评表主管部门财政处室自评总分(分)97.6")
    assert pieces[0] == "部门整体绩效自评表"
    assert "主管部门" in pieces


def test_a_label_naming_a_code_is_one_label_not_a_label_and_a_value() -> None:
    """主管部门编码 (a cell of its own, or run into others) is the label of the code: never
    主管部门 with the value 编码, nor text glued to the value before it (湖南 61, 广西 63)."""
    assert _texts("主管部门编码") == ["主管部门编码"]
    pieces = _texts("主管部门坝塘镇主管部门编码项目单位坝塘镇项目负责人蒋建华")
    assert pieces[:4] == ["主管部门", "坝塘镇", "主管部门编码", "项目单位"]


def test_a_labels_words_inside_a_clause_are_no_label() -> None:
    """项目资金 between two words after a comma is part of the sentence, not a caption."""
    text = "年度总体目标规范使用保洁外包专项资金,做到科学管理,让项目资金在自管小区充分发挥作用"
    assert _texts(text) == ["年度总体目标", text.removeprefix("年度总体目标")]
    after_stop = "完成道路保洁,开展环境整治工作。项目资金年初预算数全年执行数执行率"
    assert "项目资金" in _texts(after_stop)  # after a sentence's end: a caption again


def test_a_score_and_a_names_numbers_cut_off_a_scoring_rule() -> None:
    assert _texts("居民满意度109095按B/A*该指标分值记分,最高不得超过分值上限。10") == [
        "居民满意度",
        "109095",
        "按B/A*该指标分值记分,最高不得超过分值上限。",
        "10",
    ]
    # a number and its unit inside a sentence stay: 850亩 is no run of cells
    sentence = "建成马铃薯原种繁育田850亩,免费发放给全区农户。"
    assert _texts(sentence) == [sentence]


def test_a_footnote_under_the_table_ends_its_rows(tmp_path: Path) -> None:
    text = (
        "项目支出绩效目标表(2023年度) 项目名称农田建设项目 一级指标二级指标三级指标指标值 "
        "产出指标数量指标新建高标准农田面积≥2000亩 质量指标工程验收合格率100% "
        "满意度指标服务对象满意度指标受益户满意度≥95% "
        "注:各地请根据实际情况,从上述绩效指标中选择适合的填报,也可自行增加。"
    )
    form = _read(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    assert [r.target for r in form.indicators] == ["≥2000亩", "100%", "≥95%"]


_PAGE_ONE = (
    "| 项目支出绩效自评表 |\n| (2023年度) |\n| 项目名称 | 农田建设项目 |\n"
    "| 主管部门 | 某县农业农村局 | 实施单位 | 某县农技中心 |\n"
)
_PAGE_TWO = (
    "| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |\n"
    "| 产出指标 | 数量指标 | 新建农田面积 | ≥2000亩 | 2100亩 | 50 | 50 |\n"
    "| 效益指标 | 社会效益指标 | 受益农户数 | ≥500户 | 520户 | 50 | 50 |\n"
)


def test_a_title_repeated_at_the_top_of_a_page_goes_on_with_the_form(tmp_path: Path) -> None:
    text = _PAGE_ONE + "| 项目支出绩效自评表 |\n" + _PAGE_TWO
    form = _read(tmp_path, text)
    assert isinstance(form, SelfEvaluation)
    assert form.project == "农田建设项目"
    assert [r.name for r in form.indicators] == ["新建农田面积", "受益农户数"]


def test_the_same_title_before_a_project_name_is_a_second_form(tmp_path: Path) -> None:
    path = tmp_path / "two.txt"
    second = _PAGE_ONE.replace("农田建设项目", "水利维修项目")
    path.write_text(_PAGE_ONE + _PAGE_TWO + second + _PAGE_TWO, encoding="utf-8")
    forms = parse_file(path).forms
    assert [getattr(f, "project", None) for f in forms] == ["农田建设项目", "水利维修项目"]


_EXPLAINED_SHEET = """2021年度某县学生资助项目绩效评价指标表

评价指标评价内容指标名称指标说明目标值分值备注
制度指标资金管理制度健全性20
产出数量指标资助学生人数达到预计值320010
资金拨付率达到目标值98%10
质量指标困难学生全面覆盖100%10
受助学生满意度达到目标值90%以上10
时效指标按时发放率达到目标值100%20
成本指标补助标准落实率100%20
总分



100
"""
"""A sheet (河北's 绩效评价指标表) with every row's cells run together and a 指标说明
column between the name and the target."""


def test_a_header_run_with_an_explaining_column_opens_the_table() -> None:
    pieces = _texts("评价指标评价内容指标名称指标说明目标值分值备注")
    assert pieces == ["评价指标", "评价内容", "指标名称", "指标说明", "目标值", "分值", "备注"]
    assert _texts("产出数量指标资助学生人数达到预计值320010")[0] == "产出数量指标"
    assert "90%以上" in _texts("受助学生满意度达到目标值90%以上10")


def test_a_name_whose_explanation_may_have_run_into_it_is_left_out(tmp_path: Path) -> None:
    form = _read(tmp_path, _EXPLAINED_SHEET)
    rows = [(i.level2, i.target, i.weight) for i in form.indicators]
    assert rows == [
        (None, None, Decimal("20")),
        ("产出数量指标", "3200", Decimal("10")),
        ("产出数量指标", "98%", Decimal("10")),
        ("质量指标", "100%", Decimal("10")),
        ("质量指标", "90%以上", Decimal("10")),
        ("时效指标", "100%", Decimal("20")),
        ("成本指标", "100%", Decimal("20")),
    ]
    # 指标说明 is empty in every row: where each name ends is not known, so none is read
    assert all(i.name is None for i in form.indicators)
    assert any(f.code == "P012" for f in form.findings)


def test_captions_printed_side_by_side_are_a_header_run_before_a_sentence() -> None:
    # 实际完成情况 right after 预期目标 is the second caption, though a sentence follows it
    text = "年度总体目标预期目标实际完成情况邀请专家到团授课,选送青年演员外出学习。已完成"
    assert "实际完成情况" in _texts(text)


_GOALS_ACROSS_A_SPACE = (
    "项目支出绩效自评表(2020 年度)项目名称演出设备更新专项经费主管部门某区楚剧团"
    "实施单位某区文化和旅游局机关项目资金 (万元)年初预算数全年预算数全年执行分值执行率得分"
    "年度资金总额303010100%其中:当年财政拨款303030100%上年结转资金其他资金"
    "年度 总体 目标预期目标实际完成情况更换剧团老化损坏的音响、灯光、服装等设备, "
    "并添置新排剧目所需的演出器材。已完成绩 效 指 标一级指标二级指标三级指标"
    "年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施产出指标数量指标更新演出设备"
    "50件50件2020质量指标设备质量合格合格2020总分10098"
)


def test_a_goal_broken_by_a_space_after_a_comma_is_one_text(tmp_path: Path) -> None:
    # two tokens for two captions, but the first ends in a comma: the goal goes on after
    # the space, and the one sentence end inside the run cuts it from its completion
    form = _read(tmp_path, _GOALS_ACROSS_A_SPACE)
    assert isinstance(form, SelfEvaluation)
    expected = "更换剧团老化损坏的音响、灯光、服装等设备,并添置新排剧目所需的演出器材。"
    assert form.goal_expected == expected
    assert form.goal_actual == "已完成"


def test_a_project_name_keeps_one_closing_xiangmu_and_a_fee_none() -> None:
    """项目 before a label that reads without it ends the project's name (…示范推广项目
    实施单位), but a name never ends in 项目项目 and a fee's name (经费, 事业费) takes no
    项目: the label after it is 项目主管部门 (a reading of 山东 临邑 and 广西 百色)."""
    assert _texts("项目名称种薯繁育示范推广项目实施单位原州区")[:3] == [
        "项目名称",
        "种薯繁育示范推广项目",
        "实施单位",
    ]
    assert _texts("项目名称种薯繁育项目项目实施单位原州区")[:3] == [
        "项目名称",
        "种薯繁育项目",
        "项目实施单位",
    ]
    assert _texts("项目名称小学教育公用经费项目主管部门临邑县师范附属小学")[:3] == [
        "项目名称",
        "小学教育公用经费",
        "项目主管部门",
    ]


def test_a_label_after_a_projects_closing_xiangmu_is_read_whole() -> None:
    """…建设项目主管部门及代码: the name keeps its 项目 and the label after it is read
    again from there, 主管部门及代码 (not 主管部门 and a department 及代码固原市…)."""
    text = "项目名称南部水源涵养林建设项目主管部门及代码固原市原州区自然资源局实施单位"
    assert _texts(text)[:4] == [
        "项目名称",
        "南部水源涵养林建设项目",
        "主管部门及代码",
        "固原市原州区自然资源局",
    ]


def test_the_project_period_label_before_its_dates_and_a_funding_caption_end_a_value() -> None:
    text = "项目属性新建项目期2022年3月-2023年11月项目资金(万元)"
    assert _texts(text)[:4] == ["项目属性", "新建", "项目期", "2022年3月-2023年11月"]
    text = "实施单位广元市朝天区体育发展中心资金投入情况(万元)年初预算数"
    assert _texts(text)[:3] == ["实施单位", "广元市朝天区体育发展中心", "资金投入情况(万元)"]


def test_a_templates_fill_note_after_a_level_label_is_the_labels() -> None:
    """数量指标(必填硬性指标)实施…: the note belongs to the 二级 label, never to the name."""
    text = "产出指标数量指标(必填硬性指标)实施营造林总面积(亩)80000质量指标(必填)苗木成活率85"
    pieces = _texts(text)
    assert "数量指标(必填硬性指标)" in pieces
    assert "质量指标(必填)" in pieces
    assert not any(p.startswith("(必填") for p in pieces)


def test_a_star_before_a_label_marks_it_required_and_ends_the_value() -> None:
    text = "部门编码:316部门名称:浮梁县林业局*联系人:××联系电话:138××××××××"
    pieces = _texts(text)
    assert "浮梁县林业局" in pieces
    assert "*联系人:" in pieces


def test_words_after_a_sentence_that_make_a_known_caption_with_the_label_are_the_captions() -> None:
    """…做好服务。年度绩效指标一级指标: 年度 begins the caption, it ends no goal; a short
    value after a sentence (…演出设备。已完成绩效指标) stays the value."""
    text = "年度绩效目标保障机关正常运转,为市政府科学决策做好服务。年度绩效指标一级指标二级指标"
    assert _texts(text)[1:3] == ["保障机关正常运转,为市政府科学决策做好服务。", "年度绩效指标"]
    text = "替换剧团已经老化的设备,并补充演出设备。已完成绩效指标一级指标"
    assert _texts(text)[:2] == ["替换剧团已经老化的设备,并补充演出设备。已完成", "绩效指标"]


_NOTED_ROWS = (
    "三级指标计算符号目标值度量单位指标值说明保障在职职工人数(人)=116人该指标值数据合理"
    "保障退休职工人数(人)=81人该指标值数据合理保障遗属人数(人)=13人该指标值数据合理"
    "野生动植物保护、防火面积(万亩)=320万亩该指标值数据合理"
)


def test_a_note_printed_the_same_on_every_row_is_a_cell_of_its_own() -> None:
    """该指标值数据合理 after every row's value: the note's words are no header (指标值)
    and its ends are certain, so no name begins with it and no value ends in 该."""
    pieces = [
        (p.text, p.glued)
        for t in tokenize(Document.from_text("x.txt", _NOTED_ROWS))
        for p in split_runon(t)
    ]
    texts = [t for t, _ in pieces]
    assert texts.count("该指标值数据合理") == 4
    assert "=116人" in texts and "保障退休职工人数(人)" in texts
    assert ("保障退休职工人数(人)", False) in pieces  # the note's end is sure


def test_a_names_bracketed_unit_before_a_sign_ends_the_name_despite_its_enumeration() -> None:
    """防火面积(万亩)=320万亩: a 、 in the name makes no sentence of a name and its value."""
    assert _texts("野生动植物保护、防火面积(万亩)=320万亩") == [
        "野生动植物保护、防火面积(万亩)",
        "=320万亩",
    ]


def test_a_unit_printed_before_the_sign_is_cut_off_the_name(tmp_path: Path) -> None:
    """名称 | 计量单位 | 指标性质 | 指标值 run together (``绿化美化公路米=3500``): the known
    unit ending the name before the sign is the 计量单位 cell, and the target takes it."""
    text = (
        "项目绩效目标表(2022年度)申报单位区林业局项目(专项)名称乡村振兴绿化美化项目"
        "资金情况(万元)年度资金总额:153.5184项目年度目标完成公路沿线绿化美化。"
        "绩效指标一级指标二级指标三级指标计量单位指标性质指标值产出指标数量指标"
        "绿化美化公路米=3500新建休闲步道公里=2质量指标树木成活率%≥85"
    )
    form = _read(tmp_path, text)
    assert isinstance(form, TargetDeclaration)
    got = [(i.name, i.target) for i in form.indicators]
    assert got[:3] == [
        ("绿化美化公路", "=3500米"),
        ("新建休闲步道", "=2公里"),
        ("树木成活率", "≥85%"),
    ]
