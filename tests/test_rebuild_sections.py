"""An indicator table run together that no one reading fits, read a 一级 section at a time.

Modelled on document-sharing previews of 甘肃 target declarations and 宁夏 self-evaluations
whose cells ran together and one row of which a scan damaged."""

from __future__ import annotations

from pathlib import Path

from jixiao.model import Form
from jixiao.parse import parse_file
from jixiao.parse.rebuild.runon import join_wrapped, split_runon
from jixiao.parse.rebuild.tokens import tokenize
from jixiao.read import Document


def _read(tmp_path: Path, text: str) -> Form:
    path = tmp_path / "x.txt"
    path.write_text(text, encoding="utf-8")
    (form,) = parse_file(path).forms
    return form


def _texts(text: str) -> list[str]:
    doc = Document.from_text("x.txt", text)
    return [p.text for t in tokenize(doc) for p in split_runon(t)]


def _rows(form: Form) -> list[tuple[str | None, ...]]:
    return [
        (i.level1, i.level2, i.name, i.target, i.actual, str(i.weight or ""), str(i.score or ""))
        for i in form.indicators
    ]


def _doubted(form: Form) -> list[str]:
    return [f.message for f in form.findings if f.code == "P012"]


_TARGETS = (
    "项目支出绩效目标表(2023年度)项目名称博物馆免费开放补助主管部门某市文化和旅游局"
    "年度绩效目标持续提升免费开放服务质量一级指标二级指标三级指标指标值"
    "产出指标数量指标免费开放天数=300天质量指标考核指标完成率=100%时效指标工作完成及时率=99%"
    "效益指标经济效益指标为当地提供就业,冈位增加岗位社会效益指标接待观众人数=30000人次"
    "满意度指标服务对象满意度观众满意度≥95%"
)


def test_the_sections_that_fit_are_read_and_the_damaged_one_stays_whole(tmp_path: Path) -> None:
    form = _read(tmp_path, _TARGETS)
    assert [r[:4] for r in _rows(form)] == [
        ("产出指标", "数量指标", "免费开放天数", "=300天"),
        ("产出指标", "质量指标", "考核指标完成率", "=100%"),
        ("产出指标", "时效指标", "工作完成及时率", "=99%"),
        ("满意度指标", "服务对象满意度", "观众满意度", "≥95%"),
    ]
    (doubt,) = _doubted(form)
    assert "为当地提供就业,冈位增加岗位" in doubt and "接待观众人数" in doubt


def test_a_second_level_label_left_out_of_every_row_fits_no_reading(tmp_path: Path) -> None:
    form = _read(tmp_path, _TARGETS)
    assert all("接待观众人数" not in (r[2] or "") + (r[3] or "") for r in _rows(form))


_SCORED = (
    "项目支出绩效自评表(2022年度)项目名称马铃薯种薯繁育项目主管部门某县农业农村局"
    "实施单位某县农技中心一级指标二级指标三级指标分值年度指标值全年实际值得分"
    "产出指标(40分)数量指标发放原原种数量20550万粒550万粒20质量指标原原种合格率20≥90%95%20"
    "效益指标(40分)社会效益指标种薯推广面积比例40^80%工80%^40"
    "满意度指标(20分)服务对象满意度种植农户满意度20≥90%95%20总分10099"
)


def test_a_sections_weights_add_up_to_the_weight_its_label_prints(tmp_path: Path) -> None:
    form = _read(tmp_path, _SCORED)
    assert _rows(form) == [
        ("产出指标", "数量指标", "发放原原种数量", "550万粒", "550万粒", "20", "20"),
        ("产出指标", "质量指标", "原原种合格率", "≥90%", "95%", "20", "20"),
        ("满意度指标", "服务对象满意度", "种植农户满意度", "≥90%", "95%", "20", "20"),
    ]
    (doubt,) = _doubted(form)
    assert doubt.count("种薯推广面积比例") == 1


def test_sections_are_not_read_where_the_labels_weights_do_not_make_the_total(
    tmp_path: Path,
) -> None:
    for old, new in (("产出指标(40分)", "产出指标"), ("总分10099", "总分9595")):
        form = _read(tmp_path, _SCORED.replace(old, new))
        assert _rows(form) == []
        assert _doubted(form)


def test_sections_are_not_read_where_a_label_is_printed_below_its_blocks_first_row(
    tmp_path: Path,
) -> None:
    text = _SCORED.replace("产出指标(40分)数量指标", "数量指标").replace(
        "质量指标", "产出指标(40分)质量指标"
    )
    assert _rows(_read(tmp_path, text)) == []


def test_a_value_run_into_a_name_with_an_enumeration_comma_is_cut() -> None:
    pieces = _texts("社会成本指标对当地文物保护、文化传承影响长远生态效益指标")
    assert pieces[:3] == ["社会成本指标", "对当地文物保护、文化传承影响", "长远"]


def test_a_whole_second_level_label_after_a_clause_opens_a_cell() -> None:
    pieces = _texts("经济效益指标为当地提供就业,增加岗位社会效益指标接待观众人数=30000人次")
    assert "社会效益指标" in pieces


def test_a_unit_sign_cut_off_alone_ends_the_name_before_it() -> None:
    doc = Document.from_text("x.txt", "满意度指标服务对象满意度服务对象满意度%=99百分比")
    pieces = [p for t in tokenize(doc) for p in split_runon(t)]
    assert [t.text for t in join_wrapped(pieces)][-2:] == ["服务对象满意度%", "=99百分比"]
