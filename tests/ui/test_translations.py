"""The Simplified Chinese interface: a complete catalogue, every visible string through tr(), screens in Chinese."""

from __future__ import annotations

import ast
import importlib.util
import json
import re
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget

from opsdesk.domain.matrix import default_matrix
from opsdesk.services import settings as settings_service
from opsdesk.ui import i18n, labels
from opsdesk.ui.main_window import PAGES
from tests.ui.waiting import wait_loaded

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"


def _tool_module():
    spec = importlib.util.spec_from_file_location(
        "update_translations", TRANSLATIONS / "update_translations.py"
    )
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


tool = _tool_module()

# Charts with Chinese labels are drawn here; whether a CJK font renders them is test_cjk_fonts' concern.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")


@pytest.fixture
def chinese(qapp, demo_database):
    """The demo register set to Simplified Chinese and the translators installed; English again afterwards."""
    with demo_database.session() as session:
        settings_service.set_language(session=session, language="zh_CN")
    assert i18n.apply_stored_language(demo_database) == "zh_CN"
    yield
    i18n.install_language("en")


# The catalogue ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_messages(tmp_path_factory: pytest.TempPathFactory):
    """What pyside6-lupdate finds in the sources now, in a scratch catalogue."""
    ts_file = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    tool.run_lupdate(ts_file)
    return tool.read_messages(ts_file)


def test_every_source_string_has_a_finished_translation(fresh_messages) -> None:
    committed = tool.read_messages(tool.TS_FILE)
    assert len(fresh_messages) > 1000  # the extraction itself worked
    missing = [
        key for key in fresh_messages if key not in committed or tool.translation_of(committed[key]) is None
    ]
    assert missing == [], (
        f"run resources/translations/update_translations.py: {len(missing)} untranslated, e.g. {missing[:5]}"
    )


def test_translations_keep_placeholders_accelerators_and_ellipses(fresh_messages) -> None:
    committed = tool.read_messages(tool.TS_FILE)
    problems = []
    for (context, _key), message in committed.items():
        source, target = message.findtext("source") or "", tool.translation_of(message) or ""
        if tool.placeholders(target) != tool.placeholders(source):
            problems.append((context, source, target, "placeholders"))
        if _accelerators(source) != _accelerators(target):
            problems.append((context, source, target, "accelerator"))
        if source.endswith("…") and not target.endswith("…"):
            problems.append((context, source, target, "ellipsis"))
        if (
            re.search(r"[\u4e00-\u9fff]", source) is None
            and re.fullmatch(r"[\x00-\x7f…–—·×→‹›<>]*", target)
            and re.search(
                r"[A-Za-z]{3}", re.sub(r"\{[^}]*\}|OpsDesk|KB|SPC|XmR|YYYY-MM-DD|Excel|sigma", "", target)
            )
        ):
            problems.append((context, source, target, "left in English"))
    assert problems == []


def _accelerators(text: str) -> int:
    return len(re.findall(r"&(?!&)\w", text.replace("&&", "")))


def test_the_committed_qm_is_built_from_the_committed_ts(tmp_path: Path) -> None:
    rebuilt = tmp_path / "rebuilt.qm"
    tool.run_lrelease(tool.TS_FILE, rebuilt)
    assert rebuilt.read_bytes() == tool.QM_FILE.read_bytes(), (
        "run resources/translations/update_translations.py"
    )


def test_glossary_uses_the_domain_terms() -> None:
    glossary = json.loads(tool.GLOSSARY.read_text(encoding="utf-8"))
    expected = {
        ("MainWindow", "Dashboard"): "仪表板",
        ("MainWindow", "Heatmap"): "热力图",
        ("MainWindow", "Nonconformities"): "不合格项",
        ("MainWindow", "Suggestions"): "改进建议",
        ("MainWindow", "Meetings"): "质量分析会",
        ("MainWindow", "&File"): "文件(&F)",
        ("Labels", "Inherent"): "固有风险",
        ("Labels", "Residual"): "剩余风险",
        ("Labels", "Target"): "目标风险",
        ("Labels", "Avoid"): "风险规避",
        ("Labels", "Reduce"): "风险降低",
        ("Labels", "Transfer"): "风险转移",
        ("Labels", "Accept"): "风险接受",
        ("Labels", "Risk appetite"): "风险偏好",
        ("Labels", "Corrective"): "纠正措施",
        ("Labels", "Preventive"): "预防措施",
        ("Labels", "Man"): "人员",
        ("Labels", "Machine"): "机器",
        ("Labels", "Material"): "材料",
        ("Labels", "Method"): "方法",
        ("Labels", "Measurement"): "测量",
        ("Labels", "Environment"): "环境",
        ("AssessmentPanel", "Likelihood"): "可能性",
        ("AssessmentPanel", "Impact"): "影响",
        ("RisksPage", "Residual level"): "剩余风险等级",
        ("KriEditor", "&Warning:"): "预警阈值(&W)：",
        ("KriEditor", "A&larm:"): "报警阈值(&L)：",
        ("PolicySection", "Quality policy"): "质量方针",
        ("NcEditor", "&Root cause"): "根本原因(&R)",
        ("ObjectivesPage", "Quality objectives"): "质量目标",
        ("NonconformitiesPage", "Pareto of causes"): "原因帕累托图",
        ("MainWindow", "Backup"): "备份",
    }
    assert {key: glossary[key[0]][key[1]] for key in expected} == expected
    assert (
        "审计追踪"
        in glossary["MatrixSection"][next(s for s in glossary["MatrixSection"] if "audit trail" in s)]
    )
    assert "关键风险指标" in glossary["KriPanel"]["Define a new key risk indicator (Ctrl+N)"]
    assert (
        "控制图"
        in glossary["ObjectivesPage"]["Select an objective to see its measurements and control chart."]
    )
    assert (
        "5个为什么"
        in glossary["NcEditor"]["Ask “why?” five times: each answer becomes the question of the next line."]
    )


# Every visible string goes through tr() --------------------------------------------------------

# Where the shown text sits among a call's positional arguments; "iconN": at N, or N+1 after an icon.
TEXT_ARGS: dict[str, tuple[int, ...] | str] = {
    "setText": (0,), "setWindowTitle": (0,), "setPlaceholderText": (0,), "setToolTip": (0,), "setStatusTip": (0,),
    "setTitle": (0,), "setWhatsThis": (0,), "setSpecialValueText": (0,), "setSuffix": (0,), "setPrefix": (0,),
    "showMessage": (0,), "setLabelText": (0,), "addRow": (0,), "setTabText": (1,), "setItemText": (1,),
    "addTab": "icon1", "insertTab": "icon2", "addAction": "icon0", "addMenu": "icon0", "addItem": "icon0",
    "insertItem": "icon1", "Column": (1,), "show_error": (1, 2), "show_info": (1, 2), "confirm": (1, 2, 3),
    "QLabel": (0,), "QPushButton": "icon0", "QCheckBox": (0,), "QRadioButton": (0,), "QGroupBox": (0,),
    "QAction": "icon0", "QToolButton": (0,), "QMenu": (0,), "QCommandLinkButton": (0,),
}  # fmt: skip


def _literal(node: ast.AST) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # an f-string: its fixed parts are text too
        return "".join(part.value for part in node.values if isinstance(part, ast.Constant))
    return None


def _call_name(node: ast.Call) -> str | None:
    func = node.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _is_words(text: str) -> bool:
    # Markup, {placeholders}, punctuation, numbers and the product's name are not words to translate.
    rest = re.sub(r"<[^>]*>|\{[^{}]*\}|OpsDesk", "", text)
    return re.search(r"[A-Za-z]{2,}", rest) is not None


def untranslated_literals(source: str, filename: str = "<source>") -> list[str]:
    """Calls showing a string literal directly instead of a tr()/translate() result."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call):
            continue
        name = _call_name(node)
        spec = TEXT_ARGS.get(name or "")
        if spec is None:
            continue
        if isinstance(spec, str):
            index = int(spec[-1])
            head = node.args[index] if len(node.args) > index else None
            if isinstance(head, ast.Call) and _call_name(head) not in ("tr", "translate"):
                index += 1  # an icon comes first
            spec = (index,)
        for index in spec:
            text = _literal(node.args[index]) if index < len(node.args) else None
            if text is not None and _is_words(text):
                found.append(f"{filename}:{node.lineno}: {name}({text!r})")
    return found


def test_the_literal_scan_finds_untranslated_text() -> None:
    sample = (
        "QLabel('Hello there')\nbutton.setText(f'Save {n}')\ncombo.addItem(icon(), 'Shown', 'code')\n"
        "Column('key', 'Title')\nQLabel(self.tr('Fine'))\nlabel.setText('')\nlabel.setText('{}: {}')\n"
        "combo.addItem(self.tr('Fine'), 'code')\nwindow.setWindowTitle(f'OpsDesk — {name}')\n"
    )
    assert [line.split(": ", 1)[1] for line in untranslated_literals(sample)] == [
        "QLabel('Hello there')", "setText('Save ')", "addItem('Shown')", "Column('Title')",
    ]  # fmt: skip


def test_no_visible_string_literal_bypasses_tr() -> None:
    found = []
    for path in sorted((ROOT / "opsdesk" / "ui").rglob("*.py")):
        found += untranslated_literals(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert found == []


# The language at run time -------------------------------------------------------------------


def test_resolve_language_follows_the_setting_then_the_system() -> None:
    china, france = QLocale(QLocale.Language.Chinese, QLocale.Country.China), QLocale(QLocale.Language.French)
    assert i18n.resolve_language("zh_CN", france) == "zh_CN"
    assert i18n.resolve_language("en", china) == "en"
    assert i18n.resolve_language("system", china) == "zh_CN"
    assert (
        i18n.resolve_language("system", QLocale(QLocale.Language.Chinese, QLocale.Country.Taiwan)) == "zh_CN"
    )
    assert i18n.resolve_language("system", france) == "en"


def test_installing_and_removing_chinese(qapp) -> None:
    try:
        assert i18n.install_language("zh_CN") == "zh_CN"
        assert i18n.current_language() == "zh_CN"
        assert QCoreApplication.translate("MainWindow", "Dashboard") == "仪表板"
        assert labels.label("strategy", "avoid") == "风险规避"
        # Qt's own standard texts come from PySide6's qtbase catalogue.
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    finally:
        i18n.install_language("en")
    assert QCoreApplication.translate("MainWindow", "Dashboard") == "Dashboard"
    assert labels.label("strategy", "avoid") == "Avoid"
    assert i18n.current_language() == "en"


def test_default_matrix_names_show_translated_but_renamed_ones_as_typed(qapp) -> None:
    matrix = default_matrix()
    try:
        i18n.install_language("zh_CN")
        shown = labels.display_matrix(matrix)
        assert [band.name for band in shown.bands] == ["低", "中", "高", "极高"]
        assert shown.likelihood_labels[-1] == "几乎肯定" and shown.impact_labels[0] == "可忽略"
        assert [band.code for band in shown.bands] == [band.code for band in matrix.bands]
        assert labels.band_name(matrix.bands[0]) == "低"
        assert labels.band_name("Very low") == "Very low"
        assert matrix.bands[0].name == "Low"  # the stored matrix is untouched
    finally:
        i18n.install_language("en")
    assert labels.display_matrix(matrix) is matrix


def test_main_window_in_chinese(chinese, main_window) -> None:
    titles = [main_window.navigation.item(row).text() for row in range(main_window.navigation.count())]
    assert titles[:4] == ["仪表板", "风险", "热力图", "指标与警报"]
    assert "设置" in titles and "不合格项" in titles
    menus = [action.text() for action in main_window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "视图(&V)", "帮助(&H)"]
    page = main_window.show_page("risks")
    assert page.findChild(QLabel, None) is not None
    texts = {label.text() for label in page.findChildren(QLabel)}
    assert "风险" in texts  # the page title
    # The Reports page names the workbook's sheets as the Chinese export will write them.
    reports = main_window.show_page("reports")
    assert reports.part_checks["register"].text() == "风险登记册"
    assert i18n.current_language() == "zh_CN"


def _clipped(page) -> list[str]:
    """Visible labels and buttons narrower than their one-line text needs (word-wrapped labels excepted)."""
    clipped = []
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if (
            not widget.isVisibleTo(page)
            or not widget.text()
            or (isinstance(widget, QLabel) and widget.wordWrap())
        ):
            continue
        if widget.width() + 2 < widget.sizeHint().width() and widget.width() < widget.maximumWidth():
            clipped.append(
                f"{type(widget).__name__} {widget.text()!r}: {widget.width()} < {widget.sizeHint().width()}"
            )
    return clipped


@pytest.mark.parametrize("key", [spec.key for spec in PAGES])
def test_no_label_or_button_of_a_page_is_clipped_in_chinese(chinese, main_window, qtbot, key: str) -> None:
    page = main_window.show_page(key)
    qtbot.waitUntil(lambda: page.isVisible())
    wait_loaded(qtbot, page)  # the numbers and rows that pages load on the worker are shown too
    QCoreApplication.processEvents()
    assert _clipped(page) == []


def test_risk_editor_in_chinese(chinese, demo_context, demo_database, qtbot) -> None:
    from opsdesk.services.risks import list_risks
    from opsdesk.ui.dialogs.risk_editor import RiskEditor

    with demo_database.session() as session:
        risk = next(r for r in list_risks(session=session) if r.code == "R-0004")
    editor = RiskEditor(demo_context, risk.id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    assert editor.windowTitle() == "风险 R-0004"
    tabs = editor.findChild(QTabWidget)
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        QCoreApplication.processEvents()
        assert _clipped(tabs.currentWidget()) == []
