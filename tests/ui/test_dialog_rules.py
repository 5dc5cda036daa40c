"""The editors check the services' own rules as you type, in the catalogue's words and language.

Each test types a value the service would refuse and reads the sentence under Save: the
same catalogue sentence the service raises, in English and in Chinese.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from opsdesk.domain.catalogue import message, use_language


@contextmanager
def speaking(language: str) -> Iterator[None]:
    with use_language(language):
        yield


def reason_of(dialog) -> str:
    return dialog.reason_label.text()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_action_editor_says_the_services_sentence_for_a_negative_cost_and_a_long_title(
    qtbot, demo_context, language: str
) -> None:
    from opsdesk.ui.dialogs.action_editor import ActionEditor

    with speaking(language):
        dialog = ActionEditor(demo_context)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.title_edit, "Fix the pump")
        qtbot.keyClicks(dialog.cost_edit, "-5")
        assert reason_of(dialog) == message("action.cost_negative")
        assert not dialog.save_button.isEnabled()
        dialog.cost_edit.clear()
        dialog.title_edit.setText("x" * 201)
        expected = message("too_long", {"field": "The action title" if language == "en" else "措施", "count": 201,
                                        "limit": 200})  # fmt: skip
        assert reason_of(dialog) == expected
        assert dialog.title_edit.toolTip() == expected
        dialog.title_edit.setText("Fix the pump")
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()
    assert (
        expected
        == {
            "en": "The action title is too long (201 characters; at most 200).",
            "zh_CN": "措施过长（201 个字符，最多 200 个）。",
        }[language]
    )


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_kri_editor_says_the_services_sentence_for_crossed_thresholds_and_a_missing_name(
    qtbot, demo_context, language: str
) -> None:
    from opsdesk.ui.dialogs.kri_editor import KriEditor

    with speaking(language):
        dialog = KriEditor(demo_context)
        qtbot.addWidget(dialog)
        dialog.department_combo.setCurrentIndex(1)
        dialog.direction_combo.set_value("higher_is_worse")
        qtbot.keyClicks(dialog.warning_edit, "10")
        qtbot.keyClicks(dialog.alarm_edit, "5")
        assert reason_of(dialog).splitlines() == [
            {"en": "The indicator name is required.", "zh_CN": "指标为必填项。"}[language],
            {
                "en": "For 'higher is worse' the warning threshold (10) must not be above the alarm threshold (5).",
                "zh_CN": "方向为“越高越差”时，预警阈值（10）不能高于报警阈值（5）。",
            }[language],
        ]
        assert dialog.warning_edit.property("invalid") is True
        qtbot.keyClicks(dialog.name_edit, "Late invoices")
        dialog.direction_combo.set_value("lower_is_worse")
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_feedback_editor_says_the_services_sentence_for_a_negative_response_time_and_a_long_customer(
    qtbot, demo_context, language: str
) -> None:
    from opsdesk.ui.dialogs.feedback_editor import FeedbackEditor

    with speaking(language):
        dialog = FeedbackEditor(demo_context)
        qtbot.addWidget(dialog)
        assert (
            reason_of(dialog)
            == {
                "en": "Say who gave the feedback, on what, or what was said.",
                "zh_CN": "请说明反馈来自谁、针对什么或内容是什么。",
            }[language]
        )
        dialog.customer_edit.setText("c" * 201)
        qtbot.keyClicks(dialog.hours_edit, "-3")
        assert reason_of(dialog).splitlines() == [
            {
                "en": "The customer is too long (201 characters; at most 200).",
                "zh_CN": "客户过长（201 个字符，最多 200 个）。",
            }[language],
            {"en": "The response time cannot be negative.", "zh_CN": "响应时间不能为负数。"}[language],
        ]
        assert not dialog.save_button.isEnabled()
        dialog.customer_edit.setText("Acme GmbH")
        dialog.hours_edit.clear()
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_meeting_editor_says_the_services_sentence_for_a_long_attendee_and_no_title(
    qtbot, demo_context, language: str
) -> None:
    from opsdesk.ui.dialogs.meeting_editor import MeetingEditor

    with speaking(language):
        dialog = MeetingEditor(demo_context)
        qtbot.addWidget(dialog)
        dialog.attendees_edit.setPlainText("Li Wei\n" + "n" * 121)
        assert reason_of(dialog).splitlines() == [
            {"en": "The meeting title is required.", "zh_CN": "标题为必填项。"}[language],
            {
                "en": "Attendee 2 is too long (121 characters; at most 120).",
                "zh_CN": "第 2 名参会人姓名过长（121 个字符，最多 120 个）。",
            }[language],
        ]
        assert dialog.attendees_edit.property("invalid") is True
        qtbot.keyClicks(dialog.title_edit, "Quality review")
        dialog.attendees_edit.setPlainText("Li Wei\nChen")
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_nc_editor_says_the_services_sentence_for_a_long_owner_and_a_whys_gap(
    qtbot, demo_context, language: str
) -> None:
    from opsdesk.ui.dialogs.nc_editor import NcEditor

    with speaking(language):
        dialog = NcEditor(demo_context)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.title_edit, "Scratched housing")
        dialog.owner_edit.setText("o" * 121)
        dialog.why_edits[1].setText("Because the jig moved")
        assert reason_of(dialog).splitlines() == [
            {
                "en": "Answer why number 1 before the ones after it.",
                "zh_CN": "请先回答第 1 个为什么，再回答后面的。",
            }[language],
            {
                "en": "The owner is too long (121 characters; at most 120).",
                "zh_CN": "负责人过长（121 个字符，最多 120 个）。",
            }[language],
        ]
        assert dialog.owner_edit.property("invalid") is True
        dialog.owner_edit.setText("Li Wei")
        dialog.why_edits[0].setText("The clamp was loose")
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_suggestion_dialog_says_the_services_sentence_for_a_negative_cost_and_no_submitter(
    qtbot, demo_context, language: str
) -> None:
    from opsdesk.ui.dialogs.suggestion_dialogs import SubmitSuggestionDialog

    with speaking(language):
        dialog = SubmitSuggestionDialog(demo_context)
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.title_edit, "Label the spare parts")
        dialog.department_combo.setCurrentIndex(1)
        qtbot.keyClicks(dialog.cost_edit, "-20")
        assert reason_of(dialog).splitlines() == [
            {"en": "The submitter's name is required.", "zh_CN": "提交人为必填项。"}[language],
            {"en": "The estimated cost cannot be negative.", "zh_CN": "预计费用不能为负数。"}[language],
        ]
        assert dialog.cost_edit.property("invalid") is True
        qtbot.keyClicks(dialog.submitter_edit, "Chen")
        dialog.cost_edit.clear()
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_reading_dialog_says_the_services_sentence_for_a_value_that_is_not_a_number(
    qtbot, demo_context, language: str
) -> None:
    from opsdesk.services.kris import list_kris
    from opsdesk.ui.dialogs.reading_dialogs import ReadingDialog

    kri = demo_context.call(list_kris)[0]
    with speaking(language):
        dialog = ReadingDialog(demo_context, kri)
        qtbot.addWidget(dialog)
        # The date box stops at today and the note box at 1000 characters: the value is what can be wrong.
        qtbot.keyClicks(dialog.value_edit, "-")
        assert (
            reason_of(dialog)
            == {"en": "The reading must be a number.", "zh_CN": "读数必须是数字。"}[language]
        )
        assert not dialog.save_button.isEnabled()
        qtbot.keyClicks(dialog.value_edit, "12")
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_bulk_edit_says_the_services_sentence_for_nothing_ticked_and_a_long_owner(
    qtbot, demo_context, language: str
) -> None:
    from opsdesk.services.risks import list_risks
    from opsdesk.ui.dialogs.bulk_edit import BulkEditDialog

    risks = demo_context.call(list_risks)[:2]
    with speaking(language):
        dialog = BulkEditDialog(demo_context, risks)
        qtbot.addWidget(dialog)
        assert reason_of(dialog) == message("risk.bulk_nothing_chosen")
        dialog.owner_check.setChecked(True)
        dialog.owner_edit.setText("o" * 121)
        assert reason_of(dialog) == message(
            "too_long",
            {"field": {"en": "The owner's name", "zh_CN": "责任人"}[language], "count": 121, "limit": 120},
        )
        assert not dialog.save_button.isEnabled()
        dialog.owner_edit.setText("Li Wei")
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_objective_editor_says_the_services_sentence_as_you_type(qtbot, demo_context, language: str) -> None:
    from opsdesk.services.quality import list_objectives
    from opsdesk.ui.dialogs.objective_editor import ObjectiveEditor

    taken = demo_context.call(list_objectives)[0].name
    with speaking(language):
        dialog = ObjectiveEditor(demo_context)
        qtbot.addWidget(dialog)
        # Nothing typed yet: the service's own sentences for the required fields.
        assert reason_of(dialog).splitlines() == [
            {"en": "The name is required.", "zh_CN": "名称为必填项。"}[language],
            {
                "en": "The department is required: choose one from the list.",
                "zh_CN": "部门为必填项：请从列表中选择。",
            }[language],
            {"en": "The target is required.", "zh_CN": "目标值为必填项。"}[language],
        ]
        qtbot.keyClicks(dialog.name_edit, taken.upper())
        dialog.department_combo.setCurrentIndex(1)
        qtbot.keyClicks(dialog.target_edit, "150")
        qtbot.keyClicks(dialog.tolerance_edit, "-1")
        expected = [
            message("objective.name_taken", {"name": taken.upper()}),
            message("objective.ratio_target_range", {"top": "100 %"}),
            message("objective.tolerance_negative"),
        ]
        assert reason_of(dialog).splitlines() == expected
        assert dialog.target_edit.toolTip() == expected[1]
        assert not dialog.save_button.isEnabled()
        # Typed text that is not a number is the one thing only the form knows.
        dialog.tolerance_edit.setText("abc")
        assert {"en": "The tolerance must be a number.", "zh_CN": "容差必须是数字。"}[language] in (
            reason_of(dialog).splitlines()
        )
        dialog.name_edit.setText("Packing check pass rate")
        dialog.target_edit.setText("95")
        dialog.tolerance_edit.setText("2")
        assert reason_of(dialog) == ""
        assert dialog.save_button.isEnabled()
    assert expected[2] == {"en": "The tolerance must not be negative.", "zh_CN": "容差不能为负数。"}[language]
