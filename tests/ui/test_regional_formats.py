"""Numbers and dates in the editors follow the user's regional format (de_DE, fr_FR, en_US, zh_CN)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt

from opsdesk.services.kris import KriInput, create_kri, get_kri
from opsdesk.services.settings import department_id
from opsdesk.ui.dialogs.fields import OptionalNumberEdit
from opsdesk.ui.regional import RegionalNumberValidator, regional_format

# How each locale shows 1234567.89 and 0.025 in an editor (no group separators while typing).
SHOWN = {
    "de_DE": ("1234567,89", "0,025"),
    "fr_FR": ("1234567,89", "0,025"),
    "en_US": ("1234567.89", "0.025"),
    "zh_CN": ("1234567.89", "0.025"),
}


@pytest.fixture
def use_locale(qapp) -> Iterator[callable]:
    """Switch Qt's default locale (what widgets and QLocale() use); the previous one comes back after."""
    previous = QLocale()

    def use(name: str) -> QLocale:
        locale = QLocale(name)
        QLocale.setDefault(locale)
        return locale

    yield use
    QLocale.setDefault(previous)


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_a_number_edit_shows_and_reads_back_the_same_number(qtbot, use_locale, name: str) -> None:
    use_locale(name)
    edit = OptionalNumberEdit(decimals=6)
    qtbot.addWidget(edit)
    for value, shown in zip((1234567.89, 0.025), SHOWN[name], strict=True):
        edit.set_value(value)
        assert edit.text() == shown
        assert edit.value() == value and edit.text_is_number()
    edit.set_value(None)
    assert edit.text() == "" and edit.value() is None and edit.text_is_number()


@pytest.mark.parametrize(
    ("name", "typed", "expected"),
    [
        ("de_DE", "1.500,50", 1500.5),
        ("de_DE", "0.025", 0.025),  # a dot typed on a German keyboard is no thousands separator here
        ("fr_FR", "1 500,5", 1500.5),
        ("en_US", "1,500.5", 1500.5),
        ("zh_CN", "98,5", 98.5),
    ],
)
def test_typed_numbers_are_read_by_the_regional_rules(
    qtbot, use_locale, name: str, typed: str, expected: float
) -> None:
    use_locale(name)
    edit = OptionalNumberEdit(decimals=3)
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, typed)
    assert edit.text() == typed  # the validator let every key through
    assert edit.value() == expected


def test_the_validator_refuses_letters_and_too_many_decimals(qtbot, use_locale) -> None:
    locale = use_locale("de_DE")
    edit = OptionalNumberEdit(decimals=2)
    qtbot.addWidget(edit)
    qtbot.keyClicks(edit, "1x2,345")
    assert edit.text() == "12,34"
    assert isinstance(edit.validator(), RegionalNumberValidator)
    assert edit.validator().locale() == locale


@pytest.mark.parametrize("name", sorted(SHOWN))
def test_a_kri_opened_and_saved_keeps_its_thresholds(
    qtbot, use_locale, demo_context, demo_database, name
) -> None:
    from opsdesk.ui.dialogs.kri_editor import KriEditor

    use_locale(name)
    with demo_database.session() as session:
        kri = create_kri(session=session, data=KriInput(
            name="Scrap rate", department_id=department_id(session=session, name="Operations"),
            warning=0.025, alarm=1234567.89,
        ))  # fmt: skip
    editor = KriEditor(demo_context, kri.id)
    qtbot.addWidget(editor)
    big, small = SHOWN[name]
    assert (editor.warning_edit.text(), editor.alarm_edit.text()) == (small, big)
    qtbot.keyClicks(editor.unit_edit, "%")
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        saved = get_kri(session=session, kri_id=kri.id)
    assert (saved.warning, saved.alarm, saved.unit) == (0.025, 1234567.89, "%")


@pytest.mark.parametrize(
    ("name", "pasted", "hint"),
    [("de_DE", "7.3.26", "DD.MM.YYYY"), ("fr_FR", "07/03/2026", "DD/MM/YYYY"), ("en_US", "3/7/2026", "M/D/YYYY"),
     ("zh_CN", "2026/3/7", "YYYY/M/D")],
)  # fmt: skip
def test_pasted_readings_accept_the_short_date_format(
    qtbot, use_locale, demo_context, demo_database, name, pasted, hint
):
    from opsdesk.services.kris import list_kris, list_readings
    from opsdesk.ui.dialogs.reading_dialogs import ReadingGridDialog

    use_locale(name)
    with demo_database.session() as session:
        kri = next(k for k in list_kris(session=session) if k.name == "Days sales outstanding")
    value = {"de_DE": "58,5", "fr_FR": "58,5", "en_US": "58.5", "zh_CN": "58.5"}[name]
    dialog = ReadingGridDialog(demo_context, kri)
    qtbot.addWidget(dialog)
    dialog.view.setCurrentIndex(dialog.model.index(0, 0))
    dialog.view.paste_text(f"{pasted}\t{value}\r\n")
    assert dialog.model.problem(0) == ""
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        readings = {r.read_on: r.value for r in list_readings(session=session, kri_id=kri.id)}
    assert readings[date(2026, 3, 7)] == 58.5
    dialog.view.paste_text("31 March\t1\r\n")
    assert dialog.model.problem(0) == f"Type the date as YYYY-MM-DD, {hint}."


def test_the_objectives_grid_and_tables_follow_the_locale(use_locale) -> None:
    from opsdesk.ui.pages.objectives.grid import format_actual, format_number, parse_number

    use_locale("de_DE")
    assert parse_number("98,5") == 98.5 and parse_number("1.250") == 1250.0
    assert format_number(98.5) == "98,5" and format_actual(1234.567, "EUR") == "1.234,57 EUR"
    use_locale("en_US")
    assert parse_number("98,5") == 98.5 and format_actual(1234.567, "") == "1,234.57"


def test_the_format_comes_from_qlocale(use_locale) -> None:
    assert regional_format(use_locale("fr_FR")).group == "\u202f"
    assert regional_format(QLocale.c()).short_date == "yyyy-MM-dd"
