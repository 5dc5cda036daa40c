"""The quarterly management pack as a PDF: title and summary figures, both heatmaps, the top
risks with their movement, the KRI breaches with small charts, the quality objectives with
their control charts, the nonconformity Pareto, and suggestions and rewards.

Why matplotlib's PdfPages (and not Qt's QPdfWriter): the reports layer is Qt-free, and the
command line has no QGuiApplication to paint with; the charts are the very Figure builders of
the screens and the Excel export (opsdesk.reports.charts), so a figure looks the same
everywhere; and its PDF backend writes vectors with TrueType fonts embedded (pdf.fonttype 42,
subset), so Chinese is real text that can be searched and copied, not pictures of text.
PdfPages writes one figure per page: each page's frame (titles, tables, footer) is one A4
figure, and the charts, built at their own size by their builders, are placed onto it with
pypdf, which also encrypts the finished document in memory (AES-256): with a password only
the encrypted bytes reach the disk. pypdf is pure Python (one wheel for every platform) and
encrypts through `cryptography`, which msoffcrypto-tool already brings.

Every figure comes from the Excel export's reading of the quarter (`excel_export._collect`,
which calls the services) or from a service function; nothing is recounted here.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opsdesk.domain.catalogue import text as progress_text  # in the reader's language, not the pack's
from opsdesk.domain.enums import AlertKind
from opsdesk.domain.errors import OpsDeskError, Problem, ValidationError
from opsdesk.reports.charts.common import uses_matplotlib
from opsdesk.reports.excel_export import (
    SessionSource,
    _collect,
    _QuarterData,
    _report_progress,
    heatmap_counts,
)
from opsdesk.reports.excel_text import CHINESE, ENGLISH, header, label, text, use_language
from opsdesk.store.files_in_use import replace_file
from opsdesk.store.permissions import restrict_to_owner

if TYPE_CHECKING:
    from matplotlib.figure import Figure
    from sqlmodel import Session

    from opsdesk.domain.figures import Figures
    from opsdesk.services.kris import KriRead, ReadingRead
    from opsdesk.services.risks import RiskRead
    from opsdesk.services.suggestions import Leaderboard

Progress = Callable[[int, str], None]

# A4 landscape, in inches, and the margins every page keeps.
PAGE_WIDTH, PAGE_HEIGHT = 11.69, 8.27
MARGIN = 0.5
CONTENT_TOP = PAGE_HEIGHT - 1.05  # under the page title
CONTENT_BOTTOM = 0.6  # above the footer
# The parts of the quarter the pack reads through the Excel export's reading.
PACK_PARTS = ("summary", "heatmap", "kris", "alerts", "objectives", "nonconformities", "suggestions")
KRI_CHART_MONTHS = 12  # the small KRI charts show the year up to the quarter's end
KRI_CHARTS_PER_PAGE = 6
OBJECTIVE_CHARTS_PER_PAGE = 4
TABLE_SIZE = 8.5
ROW_HEIGHT = 0.25

INK = "#263238"
MUTED = "#607D8B"
RULE = "#CFD8DC"
HEADER_FILL = "#ECEFF1"
STATE_FILL = {"warning": "#FFE082", "alarm": "#EF9A9A"}

# The pack's own sentences; headers, labels and the summary's texts come from excel_text.
PACK_TEXTS: dict[str, dict[str, str]] = {
    ENGLISH: {
        "pack_title": "Quarterly management pack",
        "summary_title": "Summary",
        "summary_figures": "The quarter in figures",
        "active_risks": "Active risks",
        "above_appetite": "Above appetite",
        "open_alerts": "Open alerts at the quarter's end",
        "kri_breaches": "KRIs in warning or alarm",
        "objectives_met": "Objectives met",
        "nonconformities": "Nonconformities in the quarter",
        "suggestions": "Suggestions received / implemented",
        "contents": "Contents",
        "heatmaps_title": "Risk heatmaps: active risks per cell",
        "heatmaps_note": "{count} active risks; {unassessed} without a residual assessment are not on the residual grid.",
        "top_title": "Top risks and their movement",
        "movement": "Movement",
        "movement_note": "Movement: the residual score at the end of {quarter} against the end of {previous}.",
        "move_new": "New",
        "move_up": "Up",
        "move_down": "Down",
        "move_same": "Unchanged",
        "unassessed_apart": "Risks without a residual assessment are not ranked: {count}",
        "no_top": "No active risk has a residual assessment.",
        "kri_title": "KRI breaches at the quarter's end",
        "no_breaches": "No KRI was in warning or alarm at the quarter's end.",
        "kri_charts": "Readings of the last 12 months",
        "open_kri_alerts": "Open KRI alerts at the quarter's end: {count}",
        "objectives_title": "Quality objectives and their control charts",
        "no_objectives": "No quality objective.",
        "last_period": "Last period",
        "pareto_title": "Nonconformities: Pareto of causes in the quarter",
        "pareto_six_m": "By 6M category",
        "pareto_source": "By source",
        "pareto_count": "Nonconformities",
        "pareto_cumulative": "Cumulative share",
        "pareto_empty": "No classified nonconformities in the quarter",
        "vital_few": "80% of the classified nonconformities come from: {causes}.",
        "suggestions_title": "Suggestions and rewards",
        "contributors": "Contributors of the quarter",
        "acceptance_rate": "Acceptance rate of the decided suggestions: {rate}",
        "no_suggestions": "No suggestion in the quarter.",
        "contributor": "Contributor",
        "submitted": "Submitted",
        "accepted": "Accepted",
        "implemented_n": "Implemented",
        "page": "Page {page} of {pages}",
        "continued": "(continued)",
        "generated": "Generated on {at} by {user}",
        # control chart legend (keys of charts.control_chart.DEFAULT_LABELS)
        "cc_actual": "Actual",
        "cc_target": "Target",
        "cc_center": "Centre line",
        "cc_limits": "Control limits",
        "cc_violation": "Rule broken",
        "cc_baseline": "Baseline",
        "cc_moving_range": "Moving range",
        "cc_mr_center": "Average moving range",
        "cc_mr_upper": "Upper range limit",
        "cc_mr_signal": "Jump beyond the range limit",
        "cc_ucl": "UCL",
        "cc_cl": "CL",
        "cc_lcl": "LCL",
    },
    CHINESE: {
        "pack_title": "季度管理层报告",
        "summary_title": "摘要",
        "summary_figures": "本季度关键数字",
        "active_risks": "活动风险",
        "above_appetite": "超出风险偏好",
        "open_alerts": "季度末未关闭警报",
        "kri_breaches": "处于预警或报警的关键风险指标",
        "objectives_met": "达成的质量目标",
        "nonconformities": "本季度不合格",
        "suggestions": "收到 / 已实施的改进建议",
        "contents": "目录",
        "heatmaps_title": "风险热力图：每个单元格中的活动风险数",
        "heatmaps_note": "活动风险 {count} 项；其中 {unassessed} 项尚无剩余风险评估，未列入剩余风险热力图。",
        "top_title": "重大风险及其变化",
        "movement": "变化",
        "movement_note": "变化：{quarter} 末的剩余风险分值与 {previous} 末相比。",
        "move_new": "新增",
        "move_up": "上升",
        "move_down": "下降",
        "move_same": "不变",
        "unassessed_apart": "尚无剩余风险评估的风险不参与排名：{count} 项",
        "no_top": "没有已完成剩余风险评估的活动风险。",
        "kri_title": "季度末超限的关键风险指标",
        "no_breaches": "季度末没有处于预警或报警状态的关键风险指标。",
        "kri_charts": "最近 12 个月的读数",
        "open_kri_alerts": "季度末未关闭的指标警报：{count} 项",
        "objectives_title": "质量目标及其控制图",
        "no_objectives": "没有质量目标。",
        "last_period": "最后期间",
        "pareto_title": "不合格：本季度原因帕累托图",
        "pareto_six_m": "按 6M 类别",
        "pareto_source": "按来源",
        "pareto_count": "不合格数",
        "pareto_cumulative": "累计占比",
        "pareto_empty": "本季度没有已分类的不合格",
        "vital_few": "已分类不合格的 80% 来自：{causes}。",
        "suggestions_title": "改进建议与奖励",
        "contributors": "本季度建议提出人",
        "acceptance_rate": "已决定建议的采纳率：{rate}",
        "no_suggestions": "本季度没有改进建议。",
        "contributor": "提出人",
        "submitted": "提交",
        "accepted": "采纳",
        "implemented_n": "实施",
        "page": "第 {page} 页，共 {pages} 页",
        "continued": "（续）",
        "generated": "{user} 于 {at} 生成",
        "cc_actual": "实际值",
        "cc_target": "目标",
        "cc_center": "中心线",
        "cc_limits": "控制限",
        "cc_violation": "违反判异规则",
        "cc_baseline": "基准期",
        "cc_moving_range": "移动极差",
        "cc_mr_center": "平均移动极差",
        "cc_mr_upper": "极差上限",
        "cc_mr_signal": "超出极差上限的跳变",
        "cc_ucl": "上控制限",
        "cc_cl": "中心线",
        "cc_lcl": "下控制限",
    },
}


def pack_text(key: str, language: str, **values: object) -> str:
    """One of the pack's sentences in a language (English when it has none), placeholders filled."""
    template = PACK_TEXTS.get(language, {}).get(key) or PACK_TEXTS[ENGLISH][key]
    return template.format(**values) if values else template


@dataclass(frozen=True, slots=True)
class PackSummary:
    """What was written: where, for which quarter, the page titles, and whether it is encrypted."""

    path: Path
    quarter: str
    first_day: date
    last_day: date
    pages: tuple[str, ...]
    encrypted: bool

    def describe(self) -> str:
        """One line for a status bar or the command line."""
        return (
            f"{self.quarter} ({self.first_day.isoformat()} to {self.last_day.isoformat()}) -> {self.path} "
            f"({len(self.pages)} pages{', encrypted' if self.encrypted else ''})"
        )


@dataclass
class _PackData:
    """The quarter as the workbook reads it, and what only the pack shows."""

    quarter: _QuarterData
    language: str
    breaches: list[tuple[KriRead, str]] = field(
        default_factory=list
    )  # (indicator, state at the quarter's end)
    kri_readings: dict[int, list[ReadingRead]] = field(default_factory=dict)
    pareto_six_m: list[tuple[str, int, float]] = field(default_factory=list)
    pareto_source: list[tuple[str, int, float]] = field(default_factory=list)
    leaderboard: Leaderboard | None = None

    @property
    def figures(self) -> Figures:
        """The register's figures at the quarter's end, as the workbook's Summary shows them."""
        assert self.quarter.figures is not None
        return self.quarter.figures

    def top(self) -> list[RiskRead]:
        """The residual top 10 of the figures, as risks (unassessed risks are never ranked)."""
        by_code = {risk.code: risk for risk in self.quarter.active}
        return [by_code[code] for code in self.figures.top if code in by_code]


@dataclass
class _Page:
    """One A4 page: its frame figure and the charts to place on it at (left, bottom) inches."""

    title: str
    frame: Figure
    charts: list[tuple[Figure, float, float]] = field(default_factory=list)


@uses_matplotlib
def write_management_pack(
    source: SessionSource | Callable[[], contextlib.AbstractContextManager[Session]],
    quarter: str,
    out: Path | str,
    *,
    language: str = ENGLISH,
    password: str | None = None,
    user: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> PackSummary:
    """Write the quarter's management pack to `out` (.pdf), in `language` ("en", "zh_CN").

    The file is replaced atomically; with a `password` it is encrypted (AES-256) in memory
    first, so no plain copy ever reaches the disk.
    """
    if password is not None and not password:
        raise OpsDeskError("workbook.password_empty")
    report = _report_progress(progress)
    target = Path(out)
    if target.suffix.lower() != ".pdf":
        raise ValidationError(Problem("out", "export.not_pdf", {"name": target.name}))
    if not target.parent.is_dir():
        raise ValidationError(Problem("out", "export.no_folder", {"folder": str(target.parent)}))
    open_session = source.session if hasattr(source, "session") else source
    with use_language(language) as chosen:
        report(0, progress_text("progress.reading"))
        with open_session() as session:
            data = _collect_pack(session, quarter, user=user, today=today or date.today(), language=chosen,
                                 report=report)  # fmt: skip
        with _pack_style(chosen):
            report(40, progress_text("progress.drawing_pages"))
            pages = _build_pages(data)
            report(75, progress_text("progress.writing_pdf"))
            pdf = _render(pages, data, password)
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".pdf.tmp", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        restrict_to_owner(temp)
        temp.write_bytes(pdf)
        replace_file(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    report(100, progress_text("progress.done"))
    q = data.quarter.quarter
    return PackSummary(
        path=target, quarter=q.label, first_day=q.first_day, last_day=q.last_day,
        pages=tuple(page.title for page in pages), encrypted=password is not None,
    )  # fmt: skip


# Reading ---------------------------------------------------------------------------------


def _collect_pack(
    session: Session, quarter: str, *, user: str | None, today: date, language: str, report: Progress
) -> _PackData:
    from opsdesk.services import kris, nonconformities, suggestions

    data = _PackData(_collect(session, quarter, PACK_PARTS, user=user, today=today, report=report), language)
    q = data.quarter
    first, last = q.quarter.first_day, q.quarter.last_day
    # Breached: the indicator's last reading up to the quarter's end is in warning or alarm.
    order = {"alarm": 0, "warning": 1}
    for kri in q.kris:
        latest = q.kri_latest.get(kri.id)
        if latest is not None and latest.state in order:
            data.breaches.append((kri, latest.state))
    data.breaches.sort(key=lambda pair: (order[pair[1]], pair[0].name.casefold()))
    since = _months_before(last, KRI_CHART_MONTHS)
    for kri, _state in data.breaches:
        data.kri_readings[kri.id] = kris.list_readings(
            session=session, kri_id=kri.id, since=since, until=last
        )
    data.pareto_six_m = nonconformities.pareto(session=session, by="six_m", since=first, until=last)
    data.pareto_source = nonconformities.pareto(session=session, by="source", since=first, until=last)
    data.leaderboard = suggestions.leaderboard(
        session=session, quarter=q.quarter.label, start_month=q.start_month
    )
    report(30, progress_text("progress.read_quarter"))
    return data


def _months_before(day: date, months: int) -> date:
    """The day after the same day `months` months earlier (the 1st when that month is shorter)."""
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    try:
        return date(year, month, day.day) + timedelta(days=1)
    except ValueError:
        return date(year, month % 12 + 1, 1) if month < 12 else date(year + 1, 1, 1)


@contextlib.contextmanager
def _pack_style(language: str) -> Iterator[None]:
    """Fonts for the pack: embedded TrueType (type 42), the CJK font first only for Chinese.

    matplotlib falls back glyph by glyph along font.sans-serif: an English pack set in DejaVu
    Sans still shows a Chinese name through the CJK font, and embeds far smaller subsets.
    """
    import matplotlib

    from opsdesk.reports.charts.common import cjk_font_families, configure_matplotlib

    configure_matplotlib()
    cjk = cjk_font_families()
    families = [*cjk, "DejaVu Sans"] if language == CHINESE else ["DejaVu Sans", *cjk]
    with matplotlib.rc_context(
        {"pdf.fonttype": 42, "font.sans-serif": families, "font.family": "sans-serif"}
    ):
        yield


# Drawing helpers -------------------------------------------------------------------------


def _text_width(value: str, size: float, bold: bool = False) -> float:
    """Width in points of a one-line text at a font size (no renderer needed)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    font = FontProperties(size=size, weight="bold" if bold else "normal")
    return TextToPath().get_text_width_height_descent(value, font, ismath=False)[0]


def _fit(value: str, width: float, size: float, bold: bool = False) -> str:
    """The text cut with an ellipsis to fit `width` inches (one line)."""
    value = " ".join(str(value).split())
    limit = width * 72
    if _text_width(value, size, bold) <= limit:
        return value
    low, high = 0, len(value)
    while low < high:  # the longest prefix that fits with its ellipsis
        middle = (low + high + 1) // 2
        if _text_width(value[:middle].rstrip() + "…", size, bold) <= limit:
            low = middle
        else:
            high = middle - 1
    return value[:low].rstrip() + "…"


def _new_frame(title: str = "", subtitle: str = "") -> Figure:
    """An A4 landscape page with its title; contents are placed in inches from the lower left."""
    from opsdesk.reports.charts.common import configure_matplotlib

    configure_matplotlib()
    from matplotlib.figure import Figure

    frame = Figure(figsize=(PAGE_WIDTH, PAGE_HEIGHT), dpi=72)
    if title:
        _put(frame, MARGIN, PAGE_HEIGHT - 0.62, title, size=16, bold=True)
        frame.add_artist(_line(MARGIN, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 0.78, frame))
    if subtitle:
        _put(frame, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 0.6, subtitle, size=9, color=MUTED, ha="right")
    return frame


def _put(frame: Figure, x: float, y: float, value: str, *, size: float = TABLE_SIZE, bold: bool = False,
         color: str = INK, ha: str = "left", va: str = "baseline") -> Any:  # fmt: skip
    """Text at (x, y) inches from the page's lower left."""
    return frame.text(x, y, value, transform=frame.dpi_scale_trans, fontsize=size, color=color, ha=ha, va=va,
                      fontweight="bold" if bold else "normal")  # fmt: skip


def _line(x0: float, x1: float, y: float, frame: Figure, color: str = RULE) -> Any:
    from matplotlib.lines import Line2D

    return Line2D([x0, x1], [y, y], transform=frame.dpi_scale_trans, color=color, linewidth=0.8)


def _box(frame: Figure, x: float, y: float, width: float, height: float, color: str) -> None:
    from matplotlib.patches import Rectangle

    frame.add_artist(Rectangle((x, y), width, height, transform=frame.dpi_scale_trans, facecolor=color,
                               edgecolor="none"))  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Cell:
    value: str
    fill: str | None = None
    color: str = INK
    align: str = "left"


def _cell(value: object, fill: str | None = None, align: str = "left") -> _Cell:
    from opsdesk.reports.charts.common import text_color_for

    shown = "" if value is None else value if isinstance(value, str) else _number(value)
    return _Cell(shown, fill, text_color_for(fill) if fill else INK, align)


def _number(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{value:,.0f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(
    frame: Figure, x: float, top: float, widths: Sequence[float], headers: Sequence[str],
    rows: Sequence[Sequence[_Cell]], *, size: float = TABLE_SIZE, row_height: float = ROW_HEIGHT,
    aligns: Sequence[str] = (),
) -> float:  # fmt: skip
    """A table of one-line cells from `top` down; long texts end with an ellipsis. Returns its bottom."""
    total = sum(widths)
    pad = 0.06
    y = top - row_height
    _box(frame, x, y, total, row_height, HEADER_FILL)
    left = x
    for index, (width, name) in enumerate(zip(widths, headers, strict=True)):
        align = aligns[index] if index < len(aligns) else "left"
        anchor = left + pad if align == "left" else left + width - pad
        _put(frame, anchor, y + row_height * 0.32, _fit(name, width - 2 * pad, size, True), size=size, bold=True,
             ha=align)  # fmt: skip
        left += width
    for row in rows:
        y -= row_height
        left = x
        for index, (width, cell) in enumerate(zip(widths, row, strict=True)):
            align = cell.align if cell.align != "left" else (aligns[index] if index < len(aligns) else "left")
            if cell.fill:
                _box(frame, left + 0.02, y + 0.03, width - 0.04, row_height - 0.06, cell.fill)
            anchor = (
                left + pad
                if align == "left"
                else (left + width / 2 if align == "center" else left + width - pad)
            )
            _put(frame, anchor, y + row_height * 0.32, _fit(cell.value, width - 2 * pad, size), size=size,
                 color=cell.color, ha=align)  # fmt: skip
            left += width
        frame.add_artist(_line(x, x + total, y, frame))
    return y


def _footer(frame: Figure, left_text: str, right_text: str) -> None:
    frame.add_artist(_line(MARGIN, PAGE_WIDTH - MARGIN, 0.48, frame))
    _put(frame, MARGIN, 0.3, left_text, size=7.5, color=MUTED)
    _put(frame, PAGE_WIDTH - MARGIN, 0.3, right_text, size=7.5, color=MUTED, ha="right")


def _chunks(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[start : start + size] for start in range(0, len(items), size)] or [items[:0]]


# Pages -----------------------------------------------------------------------------------


def _build_pages(data: _PackData) -> list[_Page]:
    q = data.quarter
    subtitle = f"{q.company} · {q.quarter.label}" if q.company else q.quarter.label
    pages = [_title_page(data)]
    pages.append(_heatmap_page(data, subtitle))
    pages.append(_top_risks_page(data, subtitle))
    pages.extend(_kri_pages(data, subtitle))
    pages.extend(_objective_pages(data, subtitle))
    pages.append(_pareto_page(data, subtitle))
    pages.append(_suggestions_page(data, subtitle))
    return pages


def _title_page(data: _PackData) -> _Page:
    q = data.quarter
    lang = data.language
    title = pack_text("pack_title", lang)
    frame = _new_frame()
    y = PAGE_HEIGHT - 1.0
    if q.company:
        _put(frame, MARGIN, y, q.company, size=14, color=MUTED)
        y -= 0.6
    _put(frame, MARGIN, y, f"{title} {q.quarter.label}", size=26, bold=True)
    y -= 0.45
    _put(frame, MARGIN, y, f"{text('period')}: {q.quarter.first_day.isoformat()} – {q.quarter.last_day.isoformat()}",
         size=11, color=MUTED)  # fmt: skip
    y -= 0.3
    generated = pack_text("generated", lang, at=q.generated_at.strftime("%Y-%m-%d %H:%M"), user=q.user or "-")
    _put(frame, MARGIN, y, generated, size=9, color=MUTED)

    # The quarter in figures: the Summary sheet's counts, as cards in two rows.
    y -= 0.62
    _put(frame, MARGIN, y, pack_text("summary_figures", lang), size=13, bold=True)
    figures = data.figures
    breaches = [a for a in q.open_alerts if a.kind != AlertKind.FORECAST]
    met = q.objective_counts.get("met", 0)
    measured = sum(q.objective_counts.get(status, 0) for status in ("met", "at_risk", "missed"))
    cards = [
        (pack_text("active_risks", lang), str(figures.active)),
        (text("not_assessed"), str(figures.unassessed)),
        (pack_text("above_appetite", lang), str(figures.above_appetite)),
        (pack_text("open_alerts", lang), str(len(breaches))),
        (pack_text("kri_breaches", lang), str(len(data.breaches))),
        (pack_text("objectives_met", lang), f"{met} / {measured}"),
        (pack_text("nonconformities", lang), str(len(q.nonconformities))),
        (pack_text("suggestions", lang), f"{q.suggestions_received} / {q.suggestions_implemented}"),
    ]
    card_width, card_height, gap = 2.567, 0.85, 0.14
    for index, (name, value) in enumerate(cards):
        column, row = index % 4, index // 4
        left = MARGIN + column * (card_width + gap)
        bottom = y - 0.2 - (row + 1) * card_height - row * gap
        _box(frame, left, bottom, card_width, card_height, "#F5F7F8")
        _put(
            frame,
            left + 0.15,
            bottom + card_height - 0.3,
            _fit(name, card_width - 0.3, 9),
            size=9,
            color=MUTED,
        )
        _put(frame, left + 0.15, bottom + 0.18, value, size=22, bold=True)
    y -= 0.2 + 2 * card_height + gap + 0.42

    # Risks by residual level, and the movements since the last quarter, side by side.
    _put(frame, MARGIN, y, text("risks_by_level"), size=11, bold=True)
    rows = [[_cell(band.name, band.color, "center"), _cell(figures.by_level.get(band.code, 0), align="right")]
            for band in reversed(q.matrix.bands)]  # fmt: skip
    rows.append([_cell(text("not_assessed")), _cell(figures.unassessed, align="right")])
    rows.append([_cell(text("total")), _cell(figures.active, align="right")])
    _table(
        frame,
        MARGIN,
        y - 0.12,
        (2.2, 1.0),
        (header("level"), header("risks")),
        rows,
        aligns=("left", "right"),
    )
    movements = q.movements
    if movements is not None:
        left = MARGIN + 3.8
        _put(frame, left, y, text("movements", quarter=movements.previous_quarter), size=11, bold=True)
        rows = [
            [_cell(text(key)), _cell(len(codes), align="right"), _cell(", ".join(codes) or "–")]
            for key, codes in (("new", movements.new), ("closed", movements.closed), ("up", movements.up),
                               ("down", movements.down))
        ]  # fmt: skip
        _table(frame, left, y - 0.12, (2.6, 0.7, PAGE_WIDTH - MARGIN - left - 3.3),
               (text("movements", quarter=movements.previous_quarter), header("count"), header("codes")), rows,
               aligns=("left", "right", "left"))  # fmt: skip
    return _Page(pack_text("summary_title", lang), frame)


def _heatmap_page(data: _PackData, subtitle: str) -> _Page:
    from opsdesk.reports.charts.heatmap import build_heatmap_figure

    q = data.quarter
    kinds = ("inherent", "residual")
    title = pack_text("heatmaps_title", data.language)
    frame = _new_frame(title, subtitle)
    counts = {kind: heatmap_counts(q.active, kind) for kind in kinds}
    figures = data.figures
    _put(frame, MARGIN, CONTENT_BOTTOM + 0.1,
         pack_text("heatmaps_note", data.language, count=figures.active, unassessed=figures.unassessed), size=9,
         color=MUTED)  # fmt: skip
    width, height = PAGE_WIDTH - 2 * MARGIN, CONTENT_TOP - CONTENT_BOTTOM - 0.45
    figure = build_heatmap_figure(
        q.matrix, counts, kinds=kinds, titles={kind: text(kind) for kind in kinds},
        likelihood_title=header("likelihood"), impact_title=header("impact"), width=width, height=height,
    )  # fmt: skip
    return _Page(title, frame, [(figure, MARGIN, CONTENT_BOTTOM + 0.35)])


def _movement(code: str, data: _PackData) -> str:
    movements = data.quarter.movements
    lang = data.language
    if movements is None:
        return ""
    if code in movements.new:
        return pack_text("move_new", lang)
    if code in movements.up:
        return "▲ " + pack_text("move_up", lang)
    if code in movements.down:
        return "▼ " + pack_text("move_down", lang)
    return pack_text("move_same", lang)


def _top_risks_page(data: _PackData, subtitle: str) -> _Page:
    q = data.quarter
    lang = data.language
    title = pack_text("top_title", lang)
    frame = _new_frame(title, subtitle)
    top = data.top()
    y = CONTENT_TOP
    _put(frame, MARGIN, y, text("top_risks"), size=11, bold=True)
    bands = {band.code: band for band in q.matrix.bands}
    previous = q.movements.previous_quarter if q.movements is not None else ""
    if top:
        rows = []
        for rank, risk in enumerate(top, 1):
            band = bands.get(risk.residual_level or "")
            rows.append([
                _cell(rank, align="right"), _cell(risk.code), _cell(risk.title), _cell(risk.residual_score, align="right"),
                _cell(band.name if band else "", band.color if band else None, "center"),
                _cell(_movement(risk.code, data)), _cell(risk.owner), _cell(risk.department),
            ])  # fmt: skip
        widths = (0.35, 0.85, 3.9, 0.8, 1.0, 1.35, 1.2, 1.24)
        headers = ("#", header("code"), header("title"), header("score"), header("level"),
                   pack_text("movement", lang), header("owner"), header("department"))  # fmt: skip
        y = _table(frame, MARGIN, y - 0.15, widths, headers, rows, row_height=0.3,
                   aligns=("right", "left", "left", "right"))  # fmt: skip
    else:
        y -= 0.4
        _put(frame, MARGIN, y, pack_text("no_top", lang), size=10, color=MUTED)
    y -= 0.35
    codes = ", ".join(data.figures.unassessed_codes)
    note = pack_text("unassessed_apart", lang, count=data.figures.unassessed) + (
        f" ({codes})" if codes else ""
    )
    _put(frame, MARGIN, y, _fit(note, PAGE_WIDTH - 2 * MARGIN, 9), size=9, color=MUTED)
    if previous:
        y -= 0.22
        note = pack_text("movement_note", lang, quarter=q.quarter.label, previous=previous)
        _put(frame, MARGIN, y, note, size=9, color=MUTED)

    movements = q.movements
    if movements is not None:
        y -= 0.55
        _put(frame, MARGIN, y, text("movements", quarter=movements.previous_quarter), size=11, bold=True)
        rows = [
            [_cell(text(key)), _cell(len(codes), align="right"), _cell(", ".join(codes) or "–")]
            for key, codes in (("new", movements.new), ("closed", movements.closed), ("up", movements.up),
                               ("down", movements.down))
        ]  # fmt: skip
        _table(frame, MARGIN, y - 0.15, (2.8, 0.7, PAGE_WIDTH - 2 * MARGIN - 3.5),
               (header("risks"), header("count"), header("codes")), rows, aligns=("left", "right"))  # fmt: skip
    return _Page(title, frame)


def _kri_pages(data: _PackData, subtitle: str) -> list[_Page]:
    from opsdesk.reports.charts.kri import build_kri_trend_figure

    q = data.quarter
    lang = data.language
    title = pack_text("kri_title", lang)
    band_labels = {code: label("kri_state", code) for code in ("ok", "warning", "alarm")}
    pages: list[_Page] = []
    groups = _chunks(data.breaches, KRI_CHARTS_PER_PAGE)
    open_kri = sum(1 for a in q.open_alerts if a.kind == AlertKind.KRI)
    for number, group in enumerate(groups):
        frame = _new_frame(title if number == 0 else f"{title} {pack_text('continued', lang)}", subtitle)
        page = _Page(title, frame)
        y = CONTENT_TOP
        if number == 0:
            if not data.breaches:
                _put(frame, MARGIN, y - 0.2, pack_text("no_breaches", lang), size=10, color=MUTED)
            _put(frame, PAGE_WIDTH - MARGIN, y + 0.05, pack_text("open_kri_alerts", lang, count=open_kri), size=9,
                 color=MUTED, ha="right")  # fmt: skip
        if group:
            rows = []
            for kri, state in group:
                latest = q.kri_latest[kri.id]
                rows.append([
                    _cell(kri.name), _cell(kri.risk_code or ""), _cell(label("kri_state", state), STATE_FILL[state], "center"),
                    _cell(latest.value, align="right"), _cell(kri.unit), _cell(kri.warning, align="right"),
                    _cell(kri.alarm, align="right"), _cell(latest.read_on),
                ])  # fmt: skip
            widths = (3.0, 0.8, 0.9, 0.95, 1.2, 1.3, 1.3, 1.24)
            headers = (header("kri_name"), header("risk_code"), header("state"), header("last_value"), header("unit"),
                       header("warning"), header("alarm"), header("last_read_on"))  # fmt: skip
            y = _table(frame, MARGIN, y - 0.1, widths, headers, rows, size=8, row_height=0.22,
                       aligns=("left", "left", "center", "right", "left", "right", "right"))  # fmt: skip
            _put(frame, MARGIN, y - 0.3, pack_text("kri_charts", lang), size=10, bold=True)
            # Small charts, three to a row, under the table.
            columns, chart_width = 3, (PAGE_WIDTH - 2 * MARGIN - 0.3) / 3
            chart_rows = (len(group) + columns - 1) // columns
            room = y - 0.45 - CONTENT_BOTTOM
            chart_height = min(2.5, (room - 0.1 * (chart_rows - 1)) / max(chart_rows, 1))
            for index, (kri, _state) in enumerate(group):
                # The name goes above the chart, on the frame: on a small chart the legend takes the title's line.
                figure = build_kri_trend_figure(
                    data.kri_readings.get(kri.id, []), direction=kri.direction, warning=kri.warning, alarm=kri.alarm,
                    title=" ", unit=kri.unit, band_labels=band_labels, width=chart_width, height=chart_height - 0.22,
                )  # fmt: skip
                left = MARGIN + (index % columns) * (chart_width + 0.15)
                bottom = y - 0.45 - (index // columns + 1) * chart_height - (index // columns) * 0.1
                _put(frame, left + 0.05, bottom + chart_height - 0.14, _fit(kri.name, chart_width - 0.1, 9, True),
                     size=9, bold=True)  # fmt: skip
                page.charts.append((figure, left, bottom))
        pages.append(page)
    return pages


def _control_labels(language: str) -> dict[str, str]:
    from opsdesk.reports.charts.control_chart import DEFAULT_LABELS

    return {key: pack_text(f"cc_{key}", language) for key in DEFAULT_LABELS}


def _objective_pages(data: _PackData, subtitle: str) -> list[_Page]:
    from opsdesk.reports.charts.control_chart import build_control_chart_figure

    q = data.quarter
    lang = data.language
    title = pack_text("objectives_title", lang)
    frame = _new_frame(title, subtitle)
    pages = [_Page(title, frame)]
    y = CONTENT_TOP
    _put(frame, MARGIN, y, text("objectives", quarter=q.quarter.label), size=11, bold=True)
    rows = []
    for objective, points in q.objectives:
        chart = q.charts.get(objective.id)
        last = points[-1] if points else None
        status = (last.status if last is not None else None) or "no_data"
        rows.append([
            _cell(objective.name), _cell(objective.department), _cell(label("chart_type", chart.chart) if chart else ""),
            _cell(last.period if last else ""), _cell(last.value if last else None, align="right"),
            _cell(chart.series.center if chart else None, align="right"),
            _cell(last.lower if last else None, align="right"), _cell(last.upper if last else None, align="right"),
            _cell(label("objective_status", status)),
        ])  # fmt: skip
    if not rows:
        _put(frame, MARGIN, y - 0.4, pack_text("no_objectives", lang), size=10, color=MUTED)
        return pages
    widths = (2.9, 1.4, 1.0, 1.0, 0.9, 1.0, 0.9, 0.9, 0.0)
    headers = (header("objective"), header("department"), header("chart_type"), pack_text("last_period", lang),
               header("actual"), header("centre_line"), pack_text("cc_lcl", lang), pack_text("cc_ucl", lang),
               header("objective_status"))  # fmt: skip
    widths = (*widths[:-1], PAGE_WIDTH - 2 * MARGIN - sum(widths[:-1]))
    # The table takes the first page; a long one goes on over more pages.
    per_page = int((CONTENT_TOP - 0.2 - CONTENT_BOTTOM) / 0.22) - 1
    bottom = y
    for number, group in enumerate(_chunks(rows, per_page)):
        if number:
            frame = _new_frame(f"{title} {pack_text('continued', lang)}", subtitle)
            pages.append(_Page(title, frame))
        bottom = _table(frame, MARGIN, y - 0.12, widths, headers, group, size=8, row_height=0.22,
                        aligns=("left", "left", "left", "left", "right", "right", "right", "right"))  # fmt: skip
    # Then the control charts, two to a row: under the table while there is room, then four to a page.
    charted = [
        (objective, q.charts[objective.id]) for objective, _points in q.objectives if objective.id in q.charts
    ]
    labels = _control_labels(lang)
    chart_width = (PAGE_WIDTH - 2 * MARGIN - 0.2) / 2
    chart_height = (CONTENT_TOP - CONTENT_BOTTOM - 0.2) / 2
    under_table = int((bottom - 0.25 - CONTENT_BOTTOM) // chart_height) * 2
    groups = [charted[:under_table]] if under_table and charted else []
    groups += [group for group in _chunks(charted[len(groups[0]) if groups else 0 :], OBJECTIVE_CHARTS_PER_PAGE)
               if group]  # fmt: skip
    for number, group in enumerate(groups):
        top = CONTENT_TOP
        if number == 0 and under_table:
            page, top = pages[-1], bottom - 0.25
        else:
            frame = _new_frame(f"{title} {pack_text('continued', lang)}", subtitle)
            page = _Page(title, frame)
            pages.append(page)
        for index, (objective, chart) in enumerate(group):
            xmr = chart.chart == "xmr"
            subtitle_text = label("chart_type", chart.chart)
            if chart.sigma_z is not None and chart.chart in ("laney_p", "laney_u"):
                subtitle_text += f", σz = {chart.sigma_z:.2f}"
            figure = build_control_chart_figure(
                chart.series, title=_fit(objective.name, chart_width * 0.62, 10, True), subtitle=subtitle_text,
                labels=labels, width=chart_width, height=chart_height, dpi=72,
                moving_ranges=chart.moving_ranges if xmr else None, mr_center=chart.mr_center,
                mr_upper=chart.mr_upper,
            )  # fmt: skip
            left = MARGIN + (index % 2) * (chart_width + 0.2)
            page.charts.append((figure, left, top - (index // 2 + 1) * chart_height - (index // 2) * 0.2))
    return pages


def _pareto_page(data: _PackData, subtitle: str) -> _Page:
    from opsdesk.reports.charts.pareto import build_pareto_figure

    lang = data.language
    title = pack_text("pareto_title", lang)
    frame = _new_frame(title, subtitle)
    page = _Page(title, frame)
    width = (PAGE_WIDTH - 2 * MARGIN - 0.3) / 2
    height = min(4.4, CONTENT_TOP - CONTENT_BOTTOM - 0.9)
    for index, (key, kind, rows) in enumerate((("pareto_six_m", "six_m", data.pareto_six_m),
                                               ("pareto_source", "nc_source", data.pareto_source))):  # fmt: skip
        names = {code: label(kind, code) for code, _count, _share in rows}
        figure = build_pareto_figure(
            rows, labels=names, title=pack_text(key, lang), count_label=pack_text("pareto_count", lang),
            cumulative_label=pack_text("pareto_cumulative", lang), empty_text=pack_text("pareto_empty", lang),
            width=width, height=height,
        )  # fmt: skip
        left = MARGIN + index * (width + 0.3)
        page.charts.append((figure, left, CONTENT_TOP - height))
        vital = _vital_few(rows)
        if vital:
            causes = (
                "、".join(names[c] for c in vital) if lang == CHINESE else ", ".join(names[c] for c in vital)
            )
            note = _fit(pack_text("vital_few", lang, causes=causes), width, 9)
            _put(frame, left, CONTENT_TOP - height - 0.3, note, size=9, color=MUTED)
    return page


def _vital_few(rows: Sequence[tuple[str, int, float]]) -> list[str]:
    """The first causes whose cumulative share reaches 80% (as the Nonconformities page says)."""
    chosen = []
    for code, _count, share in rows:
        chosen.append(code)
        if share >= 80.0:
            break
    return chosen


def _suggestions_page(data: _PackData, subtitle: str) -> _Page:
    q = data.quarter
    lang = data.language
    title = pack_text("suggestions_title", lang)
    frame = _new_frame(title, subtitle)
    y = CONTENT_TOP
    _put(frame, MARGIN, y, text("suggestions"), size=11, bold=True)
    board = data.leaderboard
    summary = (
        f"{text('received')}: {q.suggestions_received}    {text('implemented')}: {q.suggestions_implemented}"
    )
    if board is not None and board.acceptance_rate is not None:
        summary += "    " + pack_text("acceptance_rate", lang, rate=f"{board.acceptance_rate:.0%}")
    _put(frame, PAGE_WIDTH - MARGIN, y, summary, size=9, color=MUTED, ha="right")
    listed = sorted(q.suggestions, key=lambda s: (s.submitted_on, s.code))
    limit = 14
    if listed:
        rows = [
            [_cell(s.code), _cell(s.title), _cell(s.submitter), _cell(s.department), _cell(s.submitted_on),
             _cell(label("suggestion_status", s.status)), _cell(s.reward_points, align="right"),
             _cell(s.reward_amount, align="right")]
            for s in listed[:limit]
        ]  # fmt: skip
        widths = (0.8, 3.2, 1.3, 1.3, 1.05, 1.1, 0.95, 0.99)
        headers = (header("suggestion_code"), header("suggestion_title"), header("submitter"), header("department"),
                   header("submitted_on"), header("suggestion_status"), header("reward_points"),
                   header("reward_amount"))  # fmt: skip
        y = _table(frame, MARGIN, y - 0.12, widths, headers, rows, size=8, row_height=0.22,
                   aligns=("left",) * 6 + ("right", "right"))  # fmt: skip
        if len(listed) > limit:
            y -= 0.22
            _put(frame, MARGIN, y, text("more", count=len(listed) - limit), size=8, color=MUTED)
    else:
        y -= 0.4
        _put(frame, MARGIN, y, pack_text("no_suggestions", lang), size=10, color=MUTED)
    if board is not None and board.contributors:
        y -= 0.5
        _put(frame, MARGIN, y, pack_text("contributors", lang), size=11, bold=True)
        room = int((y - 0.15 - CONTENT_BOTTOM) / 0.22) - 1
        rows = [
            [_cell(r.name), _cell(r.submitted, align="right"), _cell(r.accepted, align="right"),
             _cell(r.implemented, align="right"), _cell(r.reward_points, align="right"),
             _cell(r.reward_amount, align="right")]
            for r in board.contributors[: max(room, 1)]
        ]  # fmt: skip
        _table(frame, MARGIN, y - 0.12, (2.6, 1.0, 1.0, 1.0, 1.2, 1.3),
               (pack_text("contributor", lang), pack_text("submitted", lang), pack_text("accepted", lang),
                pack_text("implemented_n", lang), header("reward_points"), header("reward_amount")), rows,
               size=8, row_height=0.22, aligns=("left",) + ("right",) * 5)  # fmt: skip
    return _Page(title, frame)


# Writing ---------------------------------------------------------------------------------


def _render(pages: Sequence[_Page], data: _PackData, password: str | None) -> bytes:
    """The pages as one PDF (fonts embedded as TrueType), encrypted when a password is given.

    Frames and charts go into one PdfPages document, so each font is subset and embedded once
    (subsetting a CJK font takes seconds); pypdf then lays each chart page onto its frame.
    """
    from matplotlib.backends.backend_pdf import PdfPages
    from pypdf import PdfReader, PdfWriter, Transformation

    q = data.quarter
    title = f"{pack_text('pack_title', data.language)} {q.quarter.label}"
    footer_left = f"{q.company} · {title}" if q.company else title
    drawn = BytesIO()
    with PdfPages(
        drawn, metadata={"Title": title, "Author": q.user or "OpsDesk", "Creator": "OpsDesk"}
    ) as document:
        for number, page in enumerate(pages, 1):
            _footer(page.frame, footer_left, pack_text("page", data.language, page=number, pages=len(pages)))
            document.savefig(page.frame)
        for page in pages:
            for figure, _x, _y in page.charts:
                document.savefig(figure)
    writer = PdfWriter(clone_from=PdfReader(BytesIO(drawn.getvalue())))
    next_chart = len(pages)
    for index, page in enumerate(pages):
        base = writer.pages[index]
        for _figure, x, y in page.charts:
            base.merge_transformed_page(writer.pages[next_chart], Transformation().translate(x * 72, y * 72))
            next_chart += 1
    while len(writer.pages) > len(pages):  # the chart pages now live on their frames
        del writer.pages[len(pages)]
    writer.add_metadata({"/Title": title, "/Author": q.user or "OpsDesk", "/Creator": "OpsDesk"})
    if password is not None:
        writer.encrypt(user_password=password, owner_password=None, algorithm="AES-256")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
