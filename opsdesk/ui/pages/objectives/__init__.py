"""The Quality objectives page: `page` (the list and detail), `grid` (the measurement grid model
and view) and `chart_panel` (the control chart with its verdict, baseline and rule signals)."""

from opsdesk.ui.pages.objectives.grid import ERROR_COLOR, STATUS_COLORS
from opsdesk.ui.pages.objectives.page import ObjectivesPage

__all__ = ["ERROR_COLOR", "STATUS_COLORS", "ObjectivesPage"]
