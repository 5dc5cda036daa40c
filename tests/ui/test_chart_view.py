"""ChartView: figures drawn on the chart thread, the window turning meanwhile; stale drawings, resizes, changes."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from opsdesk.reports.charts.common import new_figure
from opsdesk.ui.widgets import chart
from opsdesk.ui.widgets.chart import ChartView
from tests.ui.waiting import wait_chart_drawn


@pytest.fixture
def held(monkeypatch):
    """Drawings on the chart thread wait until `held.set()`; `held.started` counts those that began."""
    release = threading.Event()
    release.started = 0  # type: ignore[attr-defined]
    draw = chart.render_figure

    def held_draw(*args):
        release.started += 1  # type: ignore[attr-defined]
        assert release.wait(30), "never released"
        return draw(*args)

    monkeypatch.setattr(chart, "render_figure", held_draw)
    yield release
    release.set()  # a failed test must not leave the chart thread waiting


def _figure(colour: str):
    figure = new_figure(4, 3)
    figure.set_facecolor(colour)
    figure.add_subplot().plot([1, 2, 3], [3, 1, 2])
    return figure


def _shown_colour(view: ChartView) -> str:
    """The colour of the image's top-left corner (the figure's background there)."""
    return QColor(view.image.pixel(2, 2)).name()


def _page(qtbot) -> tuple[QWidget, ChartView, QPushButton]:
    page = QWidget()
    layout = QVBoxLayout(page)
    view, button = ChartView(), QPushButton("Press")
    layout.addWidget(view, 1)
    layout.addWidget(button)
    qtbot.addWidget(page)
    page.resize(500, 420)
    page.show()
    qtbot.waitExposed(page)
    return page, view, button


def test_the_window_keeps_turning_while_a_chart_draws(qtbot, held) -> None:
    page, view, button = _page(qtbot)
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    pressed: list[bool] = []
    button.clicked.connect(lambda: pressed.append(True))

    view.set_figure(_figure("#336699"))
    qtbot.waitUntil(lambda: held.started == 1)
    # The chart thread is drawing (and waits): the event loop goes on, the page answers clicks.
    qtbot.waitUntil(lambda: len(ticks) >= 20)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert pressed == [True]
    assert view.image is None and not view.is_drawn()

    with qtbot.waitSignal(view.drawn):
        held.set()
    timer.stop()
    assert view.is_drawn()
    assert view.image.size() == view.size() * view.devicePixelRatioF()
    assert _shown_colour(view) == "#336699"
    # The widget paints the image.
    assert QColor(view.grab().toImage().pixel(2, 2)).name() == "#336699"


def test_a_drawing_of_a_figure_replaced_meanwhile_is_dropped(qtbot, held) -> None:
    _page_widget, view, _button = _page(qtbot)
    shown: list[str] = []
    view.drawn.connect(lambda: shown.append(_shown_colour(view)))
    view.set_figure(_figure("#aa0000"))
    qtbot.waitUntil(lambda: held.started == 1)
    view.set_figure(_figure("#00aa00"))  # while the first is being drawn
    held.set()
    wait_chart_drawn(qtbot, view)
    chart.chart_thread_pool().waitForDone(10_000)  # the first drawing reported too: it was not shown
    QCoreApplication.sendPostedEvents()
    assert shown == ["#00aa00"]
    assert held.started == 2


def test_a_resize_draws_again_at_the_new_size(qtbot) -> None:
    page, view, _button = _page(qtbot)
    view.set_figure(_figure("#ffffff"))
    wait_chart_drawn(qtbot, view)
    before = view.image.size()
    page.resize(700, 520)
    qtbot.waitUntil(lambda: not view.is_drawn())
    wait_chart_drawn(qtbot, view)
    assert view.image.size() != before
    assert view.image.size() == view.size() * view.devicePixelRatioF()
    inches = view.figure.get_size_inches() * 100
    assert (round(inches[0]), round(inches[1])) == (view.width(), view.height())


def test_a_change_waits_for_the_drawing_under_way_then_is_drawn(qtbot, held) -> None:
    _page_widget, view, _button = _page(qtbot)
    view.set_figure(_figure("#ffffff"))
    qtbot.waitUntil(lambda: held.started == 1)
    changed_while: list[int] = []

    def paint_it_blue(figure) -> None:
        changed_while.append(held.started)
        figure.set_facecolor("#0000ff")

    view.change(paint_it_blue)
    assert changed_while == []  # the figure is being drawn: the change waits
    held.set()
    wait_chart_drawn(qtbot, view)
    assert changed_while == [1]  # after the first drawing, before the second
    assert held.started == 2
    assert _shown_colour(view) == "#0000ff"


def test_a_click_reaches_the_figure_at_the_point_drawn(qtbot) -> None:
    _page_widget, view, _button = _page(qtbot)
    figure = _figure("#ffffff")
    view.set_figure(figure)
    got: list[tuple[float, float]] = []
    view.canvas.mpl_connect("button_press_event", lambda event: got.append((event.xdata, event.ydata)))
    wait_chart_drawn(qtbot, view)
    (axes,) = figure.axes
    qtbot.mouseClick(
        view, Qt.MouseButton.LeftButton, pos=view.widget_point(*axes.transData.transform((2, 2)))
    )
    assert len(got) == 1
    x, y = got[0]
    assert x == pytest.approx(2, abs=0.05) and y == pytest.approx(2, abs=0.05)


def test_a_figure_is_built_on_the_chart_thread_and_a_newer_one_wins(qtbot, held) -> None:
    _page_widget, view, _button = _page(qtbot)
    built_on: list[threading.Thread] = []
    shown: list[object] = []

    def make(colour: str):
        built_on.append(threading.current_thread())
        return _figure(colour)

    view.build(lambda: make("#aa0000"), then=shown.append)
    qtbot.waitUntil(lambda: held.started == 1)
    view.build(lambda: make("#0000aa"), then=shown.append)  # asked for while the first is under way
    assert view.figure is None
    held.set()
    wait_chart_drawn(qtbot, view)
    assert all(thread is not threading.main_thread() for thread in built_on)
    assert shown == [view.figure] and _shown_colour(view) == "#0000aa"
    assert view.figure.canvas is view.canvas


def test_a_chart_on_a_hidden_page_is_drawn_only_when_the_page_shows_again(qtbot, held) -> None:
    page, view, _button = _page(qtbot)
    held.set()
    page.hide()
    view.set_figure(_figure("#336699"))
    qtbot.wait(300)  # time enough for a drawing to start and end
    assert held.started == 0 and view.image is None and not view.is_idle()

    page.show()
    wait_chart_drawn(qtbot, view)
    assert held.started == 1 and _shown_colour(view) == "#336699"


def test_a_drawing_stops_between_two_artists_when_its_page_is_left(qtbot, monkeypatch) -> None:
    page, view, _button = _page(qtbot)
    started, release = threading.Event(), threading.Event()
    results: list[object] = []
    draw = chart.render_figure

    def held_draw(*args):
        started.set()
        assert release.wait(30), "never released"
        results.append(draw(*args))
        return results[-1]

    monkeypatch.setattr(chart, "render_figure", held_draw)
    view.set_figure(_figure("#336699"))
    qtbot.waitUntil(started.is_set)
    page.hide()  # the chart thread is already in this view's drawing
    release.set()
    qtbot.waitUntil(lambda: len(results) == 1)
    qtbot.wait(50)
    assert results == [None] and view.image is None

    page.show()
    wait_chart_drawn(qtbot, view)
    assert len(results) == 2 and _shown_colour(view) == "#336699"


def test_render_figure_stops_where_it_is_told_and_draws_whole_the_next_time(qapp) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(_figure("#336699"))
    asked: list[int] = []

    def three_artists() -> bool:
        asked.append(1)
        return len(asked) <= 3

    assert chart.render_figure(canvas, (400, 300), 1.0, 100, three_artists) is None
    assert len(asked) == 4  # asked at each artist, and no further once told to stop
    image = chart.render_figure(canvas, (400, 300), 1.0, 100)
    whole = chart.render_figure(FigureCanvasAgg(_figure("#336699")), (400, 300), 1.0, 100)
    assert image is not None and image == whole
