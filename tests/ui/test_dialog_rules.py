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
