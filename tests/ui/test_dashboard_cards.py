"""Each dashboard card opens, in the main window, the list behind its number: filtered, named, same count."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from opsdesk.ui.pages.dashboard import MetricCard
from opsdesk.ui.widgets.table import settle_layouts
from tests.ui.waiting import wait_loaded


def _dashboard(qtbot, main_window):
    page = main_window.show_page("dashboard")
    wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: bool(page.links) and page.links["open_alerts"].text() != "–")
    # The cards were made when the numbers arrived, after the page showed: Qt shows them next.
    # (The Unassigned card shows only while risks wait for a department or category.)
    qtbot.waitUntil(lambda: all(b.isVisible() for key, b in page.links.items() if key != "unassigned"))
    settle_layouts()
    return page


def _card(page, key: str) -> MetricCard:
    card = page.links[key].parentWidget()
    assert isinstance(card, MetricCard)
    return card


def _click_card(qtbot, card: MetricCard) -> None:
    """A click on the card's empty right part: not on its number."""
    spot = QPoint(card.width() - 8, card.height() // 2)
    assert card.childAt(spot) is None
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=spot)


def _shown_rows(main_window, key: str) -> int:
    page = main_window.pages[key]
    model = page.alerts.model if key == "indicators" else page.model
    return model.rowCount()


@pytest.mark.parametrize(
    ("key", "page_key", "chip"),
    [
        ("above_appetite", "risks", "Above appetite"),
        ("review_due", "risks", "Due for review"),
        ("level:high", "risks", "Residual level: High"),
        ("level:medium", "risks", "Residual level: Medium"),
        ("open_alerts", "indicators", "Open alerts"),
        ("overdue_actions", "actions", "Overdue actions"),
        ("overdue_corrective", "actions", "Overdue corrective actions"),
    ],
)
def test_a_click_on_a_card_opens_its_filtered_list_with_the_same_count(
    qtbot, main_window, key, page_key, chip
) -> None:
    dashboard = _dashboard(qtbot, main_window)
    card = _card(dashboard, key)
    number = dashboard.number(key)
    assert number > 0, "the demo has something behind this card"
    assert card.cursor().shape() == Qt.CursorShape.PointingHandCursor
    _click_card(qtbot, card)

    assert main_window.current_key() == page_key
    page = main_window.current_page()
    assert page is main_window.pages[page_key]
    wait_loaded(qtbot, page)
    assert page.filter_chip.isVisible()
    assert page.filter_chip.label.text() == f"Filtered: {chip}"
    assert _shown_rows(main_window, page_key) == number
    if page_key == "indicators":
        assert page.tabs.currentIndex() == 1  # the alerts tab
    if key == "above_appetite":
        assert page.above_check.isChecked() and not page.due_check.isChecked()
    if key == "review_due":
        assert page.due_check.isChecked() and not page.above_check.isChecked()
    if key == "overdue_actions":
        assert page.overdue_only.isChecked()


def test_the_suggestions_card_opens_the_suggestions_waiting_for_review(qtbot, main_window) -> None:
    dashboard = _dashboard(qtbot, main_window)
    number = dashboard.number("suggestions_waiting")
    _click_card(qtbot, _card(dashboard, "suggestions_waiting"))
    assert main_window.current_key() == "suggestions"
    wait_loaded(qtbot, main_window.current_page())
    assert main_window.current_page().model.rowCount() == number


def test_a_card_opens_from_the_keyboard_with_enter(qtbot, main_window) -> None:
    dashboard = _dashboard(qtbot, main_window)
    number = dashboard.number("above_appetite")
    button = dashboard.links["above_appetite"]
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert main_window.current_key() == "risks"
    wait_loaded(qtbot, main_window.current_page())
    assert main_window.current_page().model.rowCount() == number


def test_the_chip_clears_the_filter_and_goes_when_the_filters_change(qtbot, main_window) -> None:
    dashboard = _dashboard(qtbot, main_window)
    _click_card(qtbot, _card(dashboard, "above_appetite"))
    risks = main_window.current_page()
    wait_loaded(qtbot, risks)
    filtered = risks.model.rowCount()
    qtbot.mouseClick(risks.filter_chip.clear_button, Qt.MouseButton.LeftButton)
    assert not risks.filter_chip.isVisible()
    assert not risks.above_check.isChecked()
    assert risks.model.rowCount() == risks.model.total_count() > filtered

    # Opened filtered again, then the user changes a filter: the chip no longer says what is shown.
    main_window.show_page("dashboard")
    _click_card(qtbot, _card(dashboard, "review_due"))
    wait_loaded(qtbot, risks)
    assert risks.filter_chip.isVisible()
    risks.search.setText("supplier")
    assert not risks.filter_chip.isVisible()

    main_window.show_page("dashboard")
    _click_card(qtbot, _card(dashboard, "open_alerts"))
    indicators = main_window.current_page()
    qtbot.mouseClick(indicators.alerts.filter_chip.clear_button, Qt.MouseButton.LeftButton)
    assert indicators.alerts.model.rowCount() == indicators.alerts.model.total_count()


def test_a_card_with_several_numbers_is_not_one_link(qtbot, main_window) -> None:
    dashboard = _dashboard(qtbot, main_window)
    card = _card(dashboard, "nc:critical")
    assert len(card.buttons) > 1
    assert card.cursor().shape() != Qt.CursorShape.PointingHandCursor
    _click_card(qtbot, card)
    assert main_window.current_key() == "dashboard"
    # Each of its numbers is a link of its own.
    number = dashboard.number("nc:major")
    qtbot.mouseClick(dashboard.links["nc:major"], Qt.MouseButton.LeftButton)
    assert main_window.current_key() == "nonconformities"
    wait_loaded(qtbot, main_window.current_page())
    assert main_window.current_page().model.rowCount() == number
