"""A widget showing a matplotlib Figure built by opsdesk.reports.charts, drawn off the GUI thread.

matplotlib draws the figure (Agg) on the chart thread, one figure at a time; the widget paints
the finished image, so the window never waits for a chart. A hidden view (its page left) is
drawn when shown again, and a drawing under way stops when its view is hidden. A figure is touched by one thread at
a time: the page builds it on the GUI thread before handing it over, and changes it in place
through `ChartView.change`, which waits for a drawing under way to end. Clicks are mapped onto
the figure as it was last drawn (what the user sees) and reach the handlers the page connected
with `view.canvas.mpl_connect("button_press_event", ...)`, on the GUI thread.
"""

from __future__ import annotations

import atexit
import logging
import threading
import weakref
from collections.abc import Callable
from functools import cache, partial
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QSize, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QHideEvent, QImage, QMouseEvent, QPainter, QPaintEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from opsdesk.reports.charts.common import uses_matplotlib
from opsdesk.ui.worker import start_job

if TYPE_CHECKING:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

log = logging.getLogger(__name__)
#: what the chart thread runs for a view, given the size (None: the figure's own) and pixel ratio
Drawing = Callable[
    [tuple[int, int] | None, float, Callable[[], bool]], tuple["FigureCanvasAgg", float, QImage | None]
]

#: after the last of a run of resizes, wait this long before drawing the figure at the new size
RESIZE_DELAY_MS = 80
#: a new figure waits this long before its drawing starts: the page that made it is still being
#: filled and painted, and the chart thread would take the interpreter lock it needs (at 20,000
#: risks this halved the longest stall while switching pages). Changes in place draw at once.
NEW_FIGURE_DELAY_MS = 40

_running: set[Any] = set()  # render jobs under way, kept alive until they report


def chart_thread_pool() -> QThreadPool:
    """The chart thread: one thread draws every figure, one after another (matplotlib is not thread-safe)."""
    app = QCoreApplication.instance()
    pool = app.findChild(QThreadPool, "chartThread")
    if pool is None:
        pool = QThreadPool(app)
        pool.setObjectName("chartThread")
        pool.setMaxThreadCount(1)
        # A drawing under way at exit finishes before Python tears down the job it reports through.
        atexit.register(_wait_for_drawings, pool)
    return pool


def _wait_for_drawings(pool: QThreadPool) -> None:
    if shiboken6.isValid(pool):
        pool.waitForDone(30_000)


def _always() -> bool:
    return True


def render_figure(
    canvas: FigureCanvasAgg,
    size: tuple[int, int] | None,
    ratio: float,
    dpi: float,
    keep_going: Callable[[], bool] = _always,
) -> QImage | None:
    """Draw a figure with Agg at `size` logical pixels (None: its own size), crisp at the device pixel ratio.

    Runs on the chart thread. The figure keeps its look at any ratio: its size in inches follows
    the logical pixels at `dpi`, and it draws at dpi x ratio. `keep_going` is asked before each
    artist is drawn; when it says no, the drawing stops there and the result is None.
    """
    figure = canvas.figure
    # Only when they change: either call invalidates every transform, and the draw costs twice as much.
    if size is not None and tuple(figure.get_size_inches()) != (size[0] / dpi, size[1] / dpi):
        figure.set_size_inches(size[0] / dpi, size[1] / dpi, forward=False)
    if figure.dpi != dpi * ratio:
        figure.set_dpi(dpi * ratio)
    renderer = canvas.get_renderer()  # the one canvas.draw() uses (kept while size and dpi stay)

    def open_group(_name: str, gid: str | None = None) -> None:
        # matplotlib opens a group for every artist it draws: the place to stop between two.
        if not keep_going():
            raise _DrawingStopped

    renderer.open_group = open_group
    try:
        canvas.draw()
    except _DrawingStopped:
        return None  # the next draw starts from a cleared canvas
    finally:
        del renderer.open_group
    pixels = canvas.buffer_rgba()
    rows, columns = pixels.shape[0], pixels.shape[1]
    image = QImage(pixels, columns, rows, columns * 4, QImage.Format.Format_RGBA8888).copy()
    image.setDevicePixelRatio(ratio)
    return image


class _DrawingStopped(Exception):
    """Raised inside matplotlib's draw to leave it between two artists."""


def _build_and_render(
    make: Callable[[], Figure], size: tuple[int, int] | None, ratio: float, keep_going: Callable[[], bool]
) -> tuple[FigureCanvasAgg, float, QImage | None]:
    """Build a figure and draw it (chart thread): its canvas, its dpi as built and the image (None: stopped)."""
    figure = make()
    canvas = _canvas_class()(figure)
    dpi = figure.dpi
    return canvas, dpi, render_figure(canvas, size, ratio, dpi, keep_going)


@cache
def _canvas_class() -> type:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    class ChartCanvas(FigureCanvasAgg):
        """A figure's Agg canvas in a ChartView: draws on the chart thread; `draw_idle` asks the view for a drawing."""

        view: Callable[[], ChartView | None] = staticmethod(lambda: None)

        def draw_idle(self, *args: Any, **kwargs: Any) -> None:
            view = self.view()
            if view is not None:
                view.redraw()

    return ChartCanvas


class ChartView(QWidget):
    """Shows one figure; `set_figure` swaps it, `change` alters it in place. matplotlib loads on the first figure."""

    #: a new image is shown and it is the figure as it is now (no other drawing pending)
    drawn = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas: FigureCanvasAgg | None = None  # mpl_connect here; it draws on the chart thread only
        self.figure: Figure | None = None
        self.image: QImage | None = None  # the last drawing of the figure, painted by paintEvent
        self._dpi = 100.0
        self._token: object | None = None  # the drawing under way of the present figure, if any
        self._again = False  # draw once more when the drawing under way ends (the figure changed meanwhile)
        self._changes: list[Callable[[Figure], Any]] = []  # wait for the drawing under way
        self._then: Callable[[Figure], Any] | None = None  # for the figure being built
        self._clicks: list[QPointF] = []  # clicks while a drawing is under way, handled when it ends
        self._parked: Callable[[], None] | None = None  # a drawing that waits for the view to be shown
        self._on_screen = threading.Event()  # shown; read by the chart thread before it draws
        self._hint: QSize | None = None
        self._resize_timer = QTimer(self, singleShot=True, interval=RESIZE_DELAY_MS)
        self._resize_timer.timeout.connect(self.redraw)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(180)

    # The figure ------------------------------------------------------------------------------

    @uses_matplotlib
    def set_figure(self, figure: Figure) -> None:
        """Show a figure built on this thread (from now on changed only through `change`).

        The image of the figure before stays until the new one is drawn: no blank flash.
        """
        self._forget_pending()
        self._adopt(_canvas_class()(figure), figure.dpi)
        self._redraw(delay_ms=NEW_FIGURE_DELAY_MS)

    def build(self, make: Callable[[], Figure], then: Callable[[Figure], Any] | None = None) -> None:
        """Build the figure with `make()` on the chart thread and show it; `then(figure)` on this thread once shown.

        `make` runs on the chart thread: give it the values it needs, not widgets. A figure built
        by a later `build` or `set_figure` replaces this one, even if this one is not there yet.
        """
        self._forget_pending()
        self._then = then
        self._start(partial(_build_and_render, make), built=True, delay_ms=NEW_FIGURE_DELAY_MS)

    def change(self, change: Callable[[Figure], Any]) -> None:
        """Run `change(figure)` on this thread when the chart thread is not drawing the figure, then draw it again.

        Right away when the chart thread is idle for this view; else just after its drawing (or
        the figure being built) arrived. `change` may also `build` or `set_figure` a new figure.
        """
        if self.figure is None and self._token is None:
            return  # no figure, none coming
        self._changes.append(change)
        if self._token is None:
            self._apply_changes()

    def redraw(self) -> None:
        """Draw the figure again on the chart thread (after a change or a resize); `drawn` follows."""
        self._redraw(delay_ms=0)

    def _redraw(self, *, delay_ms: int) -> None:
        self._resize_timer.stop()
        if self.figure is None or self.canvas is None:
            return
        if self._token is not None:
            self._again = True
            return
        dpi, canvas = self._dpi, self.canvas
        self._start(
            lambda size, ratio, keep_going: (
                canvas,
                dpi,
                render_figure(canvas, size, ratio, dpi, keep_going),
            ),
            built=False,
            delay_ms=delay_ms,
        )

    def _start(self, work: Drawing, *, built: bool, delay_ms: int) -> None:
        """Hand the work to the chart thread once the GUI thread has finished what it is doing.

        The two threads share Python's interpreter lock: started at once, the drawing would slow
        down the rest of the page's update; and a figure replaced in the same turn is never drawn.
        """
        token = self._token = object()
        QTimer.singleShot(delay_ms, self, partial(self._launch, token, work, built))

    def _launch(self, token: object, work: Drawing, built: bool) -> None:
        """Start the drawing at the widget's size now; a hidden view's waits until it is shown.

        Nobody sees a chart on a page left behind, and drawing it would hold the interpreter
        lock the page in front needs.
        """
        if token is not self._token:
            return  # replaced before it began
        if not self.isVisible():
            self._parked = partial(self._launch, token, work, built)
            return
        size, ratio, on_screen = self._widget_size(), self.devicePixelRatioF(), self._on_screen

        def draw(_progress: Callable[[int, str], None]) -> tuple[object, bool, Callable[[], None], Any]:
            # The page may be left while the drawing waits its turn, or half-way through it.
            drawing = work(size, ratio, on_screen.is_set) if on_screen.is_set() else None
            return token, built, partial(self._launch, token, work, built), drawing

        job = start_job(
            draw,
            on_finished=self._rendered,
            on_failed=partial(self._failed, token),
            pool=chart_thread_pool(),
        )
        _running.add(job)
        job.signals.finished.connect(lambda _result: _running.discard(job))
        job.signals.failed.connect(lambda _error: _running.discard(job))

    def _forget_pending(self) -> None:
        """Drop what waited for the figure shown until now: its changes, clicks, drawings under way."""
        self._changes.clear()
        self._clicks.clear()
        self._token = None  # a drawing under way is dropped when it reports
        self._parked = None
        self._again = False
        self._then = None

    def _adopt(self, canvas: FigureCanvasAgg, dpi: float) -> None:
        canvas.view = weakref.ref(self)
        self.figure, self.canvas, self._dpi = canvas.figure, canvas, dpi
        inches = canvas.figure.get_size_inches()
        self._hint = QSize(round(inches[0] * dpi), round(inches[1] * dpi))
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The figure's size, as matplotlib's Qt canvas had it: layouts share out space as they did."""
        return self._hint if self._hint is not None else super().sizeHint()

    def is_drawn(self) -> bool:
        """True when the image shows the figure as it is, at the widget's size (nothing left to draw)."""
        return self.image is not None and self.is_idle() and self._image_fits()

    def is_idle(self) -> bool:
        """True when nothing is being built or drawn for this view, and nothing waits to be."""
        return self._token is None and not self._changes and not self._resize_timer.isActive()

    def figure_point(self, position: QPoint | QPointF) -> tuple[float, float] | None:
        """A point of the widget in the figure's display coordinates (pixels from bottom left) as last drawn."""
        if self.image is None or self.width() <= 0 or self.height() <= 0:
            return None
        x = position.x() * self.image.width() / self.width()
        y = self.image.height() - position.y() * self.image.height() / self.height()
        return x, y

    def widget_point(self, x: float, y: float) -> QPoint:
        """The widget's point showing a point of the figure in display coordinates (as `transData.transform` gives)."""
        assert self.image is not None, "not drawn yet"
        return QPoint(
            round(x * self.width() / self.image.width()),
            round((self.image.height() - y) * self.height() / self.image.height()),
        )

    # Drawing ---------------------------------------------------------------------------------

    def _widget_size(self) -> tuple[int, int] | None:
        """The widget's size once shown; None before (a hidden widget's size means nothing: the figure's own)."""
        if self.isVisible() and self.width() > 0 and self.height() > 0:
            return self.width(), self.height()
        return None

    def _wanted_size(self) -> tuple[int, int]:
        size = self._widget_size()
        if size is not None or self.figure is None:
            return size or (0, 0)
        inches = self.figure.get_size_inches()
        return max(round(inches[0] * self._dpi), 1), max(round(inches[1] * self._dpi), 1)

    def _image_fits(self) -> bool:
        if self.image is None:
            return False
        ratio = self.image.devicePixelRatio()
        shown = QSize(round(self.image.width() / ratio), round(self.image.height() / ratio))
        width, height = self._wanted_size()
        return (
            abs(shown.width() - width) <= 1
            and abs(shown.height() - height) <= 1
            and abs(ratio - self.devicePixelRatioF()) < 0.01
        )

    def _rendered(self, result: tuple[object, bool, Callable[[], None], Any]) -> None:
        token, built, again, drawing = result
        if token is not self._token:
            return  # a drawing of a figure shown no longer
        if drawing is None:  # not begun: the view was hidden when its turn came
            again()  # waits for the view to be shown again
            return
        canvas, dpi, image = drawing
        self._token = None
        if built:
            self._adopt(canvas, dpi)
            then, self._then = self._then, None
            if then is not None:
                then(canvas.figure)
        if image is None:  # stopped half-way: the view was hidden meanwhile
            self.redraw()  # waits for the view to be shown again
            return
        self.image = image
        self._hint = QSize(
            round(image.width() / image.devicePixelRatio()), round(image.height() / image.devicePixelRatio())
        )
        self.update()
        self._settle()
        if self._token is None and not self._image_fits():
            self._resize_timer.start()  # resized while drawing
        if self.is_drawn():
            self.drawn.emit()

    def _failed(self, token: object, error: Exception) -> None:
        log.error("A chart could not be drawn: %s\n%s", error, getattr(error, "__traceback_text__", ""))
        if token is self._token:
            self._token = None
            self._then = None
            self._clicks.clear()
            self._settle()

    def _settle(self) -> None:
        """With no drawing under way: the clicks that waited, then the changes, then a drawing if one is due."""
        while self._token is None and self._clicks:
            self._handle_click(self._clicks.pop(0))
        if self._token is None and self._changes:
            self._apply_changes()
        if self._token is None and self._again:
            self._again = False
            self.redraw()

    def _apply_changes(self) -> None:
        while self._changes and self._token is None:
            change = self._changes.pop(0)
            if self.figure is not None:
                change(self.figure)
        if self._token is None:  # no change built or set a new figure
            self._again = False
            self.redraw()

    # Qt events -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        if self.image is None:
            return  # quiet until the first drawing is there
        painter = QPainter(self)
        if not self._image_fits():
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(self.rect(), self.image)
        painter.end()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._size_changed()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        self._on_screen.set()
        parked, self._parked = self._parked, None
        if parked is not None:
            QTimer.singleShot(0, self, parked)  # at the size the layout gives it now
        else:
            self._size_changed()

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 - Qt's name
        super().hideEvent(event)
        self._on_screen.clear()

    def _size_changed(self) -> None:
        if self.figure is None or self._image_fits():
            return
        if self.image is None:
            self.redraw()  # nothing shown yet: no reason to wait
        else:
            self._resize_timer.start()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if event.button() == Qt.MouseButton.LeftButton and self.canvas is not None and self.image is not None:
            self._clicks.append(event.position())
            self._settle()
        super().mousePressEvent(event)

    @uses_matplotlib
    def _handle_click(self, position: QPointF) -> None:
        """Pass a click to the figure's button_press_event handlers, as matplotlib's Qt canvas would."""
        from matplotlib.backend_bases import MouseButton, MouseEvent

        point = self.figure_point(position)
        if point is None or self.canvas is None:
            return
        event = MouseEvent("button_press_event", self.canvas, *point, button=MouseButton.LEFT)
        self.canvas.callbacks.process(event.name, event)
