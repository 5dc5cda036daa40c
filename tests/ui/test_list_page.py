"""The list-page base class (ui/pages/list_page.py), through two pages that use it differently:
Nonconformities filters departments by id, Actions by name and keeps its own default filters."""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from opsdesk.domain.access import Access
from opsdesk.store.database import open_database

PAGES = ["nonconformities", "actions"]


def make_page(qtbot, context, key: str):
    from opsdesk.ui.pages.actions import ActionsPage
    from opsdesk.ui.pages.nonconformities import NonconformitiesPage

    page = {"nonconformities": NonconformitiesPage, "actions": ActionsPage}[key](context)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()  # a shown page loads itself
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.total_count() > 0)
    return page


def texts_of(row) -> str:
    return " ".join(str(value) for value in dataclasses.astuple(row)).casefold()


@pytest.mark.parametrize("key", PAGES)
def test_the_department_filter_narrows_the_rows_to_that_department(qtbot, demo_context, key) -> None:
    page = make_page(qtbot, demo_context, key)
    shown = page.model.rows()
    everything = len(shown)
    counts = Counter(row.department for row in shown if row.department)
    department, expected = next((name, n) for name, n in counts.most_common() if n < everything)
    # The combo lists the register's departments after "All departments".
    names = [page.department_filter.itemText(n) for n in range(page.department_filter.count())]
    assert names[0] == "All departments" and department in names[1:]

    page.department_filter.setCurrentIndex(page.department_filter.findText(department))
    rows = page.model.rows()
    assert len(rows) == expected and {row.department for row in rows} == {department}
    assert f"{expected} of" in page.count_label.text()

    page.department_filter.setCurrentIndex(0)
    assert page.model.rowCount() == everything


@pytest.mark.parametrize("key", PAGES)
def test_typing_in_the_search_box_narrows_the_rows_and_ctrl_f_selects_it(qtbot, demo_context, key) -> None:
    page = make_page(qtbot, demo_context, key)
    rows = page.model.rows()
    # A word of one title that few other rows hold.
    words = {word.casefold() for row in rows for word in row.title.split() if len(word) > 5}
    word = min(sorted(words), key=lambda w: sum(w in texts_of(row) for row in rows))
    page.search.setText("stale text")
    page.focus_search()
    assert page.search.selectedText() == "stale text"
    qtbot.keyClicks(page.search, word)  # types over the selected text
    assert page.search.text() == word
    found = page.model.rows()
    assert 0 < len(found) < len(rows)
    assert all(word in texts_of(row) for row in found)
    assert f"{len(found)} of" in page.count_label.text()
    page.search.clear()
    assert page.model.rowCount() == len(rows)


@pytest.mark.parametrize("key", PAGES)
def test_a_viewer_cannot_use_the_new_button_even_with_a_row_selected(
    qtbot, make_context, demo_database, key
) -> None:
    path = demo_database.path
    demo_database.dispose()
    read_only = open_database(path, user="tester", read_only=True)
    try:
        context = make_context(read_only)
        assert context.access is Access.VIEWER
        page = make_page(qtbot, context, key)
        page.table.selectRow(0)
        assert page.table.selected_rows()
        for button in (page.new_button, page.edit_button, page.archive_button):
            assert not button.isEnabled(), button.text()
        page.update_write_controls()  # what a role change runs: the role still wins
        assert not page.new_button.isEnabled() and not page.edit_button.isEnabled()
    finally:
        read_only.dispose()
