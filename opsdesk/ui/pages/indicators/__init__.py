"""Indicators and alerts: the page (page.py) over two tabs, KRIs (kri_panel.py) and alerts (alerts_panel.py)."""

from opsdesk.ui.pages.indicators.page import IndicatorsPage

__all__ = ["IndicatorsPage"]
