"""Every text the Excel export and import show: column headers, sheet names, value labels.

One table per kind of text, read through `header()`, `sheet_title()` and `label()`, so a
later translation can swap the tables without touching the writers. The database keeps
stable codes; these tables turn them into the words a reader of the workbook expects.
"""

from __future__ import annotations

import contextlib
import locale
import os
from collections.abc import Iterator
from contextvars import ContextVar
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opsdesk.domain.matrix import RiskMatrix

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES = (ENGLISH, CHINESE)
# The language of the workbook being written; each thread (the GUI's export worker) has its own.
_language: ContextVar[str] = ContextVar("excel_language", default=ENGLISH)

# Column headers, by stable key. The importer recognises these exact texts, so a register
# exported by OpsDesk maps itself without any mapping work.
HEADERS: dict[str, str] = {
    # risk register
    "code": "Code",
    "title": "Title",
    "description": "Description",
    "cause": "Cause",
    "consequence": "Consequence",
    "category": "Category",
    "source": "Identification source",
    "department": "Department",
    "owner": "Owner",
    "identified_on": "Identified on",
    "status": "Status",
    "next_review": "Next review",
    "review_due": "Review due",
    "inherent_likelihood": "Inherent likelihood",
    "inherent_impact": "Inherent impact",
    "inherent_score": "Inherent score",
    "inherent_level": "Inherent level",
    "inherent_probability": "Inherent probability (%)",
    "inherent_financial_impact": "Inherent financial impact",
    "residual_likelihood": "Residual likelihood",
    "residual_impact": "Residual impact",
    "residual_score": "Residual score",
    "residual_level": "Residual level",
    "residual_probability": "Residual probability (%)",
    "residual_financial_impact": "Residual financial impact",
    "target_likelihood": "Target likelihood",
    "target_impact": "Target impact",
    "target_score": "Target score",
    "target_level": "Target level",
    "above_appetite": "Above appetite",
    "strategy": "Response strategy",
    "rationale": "Response rationale",
    "acceptance_approver": "Acceptance approver",
    "acceptance_justification": "Acceptance justification",
    "accepted_on": "Accepted on",
    "acceptance_expires": "Acceptance expires",
    "open_actions": "Open actions",
    "assessed_on": "Assessed on",
    # KRIs and readings
    "kri": "KRI",
    "kri_name": "Indicator",
    "kri_description": "Description",
    "risk_code": "Risk",
    "risk_title": "Risk title",
    "unit": "Unit",
    "direction": "Direction",
    "warning": "Warning threshold",
    "alarm": "Alarm threshold",
    "frequency": "Reading frequency",
    "last_read_on": "Last reading on",
    "last_value": "Last value",
    "state": "State",
    "readings_in_quarter": "Readings in quarter",
    "read_on": "Date",
    "value": "Value",
    "note": "Comment",
    "recorded_by": "Recorded by",
    # alerts
    "raised_on": "Raised on",
    "alert_kind": "Kind",
    "severity": "Severity",
    "alert_state": "State",
    "message": "Message",
    "breach_ended_on": "Breach ended on",
    "acknowledged_by": "Acknowledged by",
    "acknowledged_at": "Acknowledged at",
    "resolved_by": "Resolved by",
    "resolved_at": "Resolved at",
    "resolution_note": "Resolution note",
    # actions
    "action_title": "Action",
    "action_kind": "Kind",
    "action_source": "For",
    "source_title": "Subject",
    "due_date": "Due date",
    "action_status": "Status",
    "completed_on": "Completed on",
    "cost": "Cost",
    "overdue": "Overdue",
    "action_note": "Note",
    # quality objectives and measurements
    "objective": "Objective",
    "objective_kind": "Kind",
    "target": "Target",
    "tolerance": "Tolerance",
    "period": "Period",
    "numerator": "Numerator",
    "denominator": "Denominator",
    "actual": "Actual",
    "objective_status": "Status",
    "measurement_note": "Note",
    "chart_type": "Control chart",
    "rule_set": "Rule set",
    "centre_line": "Centre line",
    "lower_limit": "Lower control limit",
    "upper_limit": "Upper control limit",
    "sigma_z": "Laney sigma z",
    "rules_broken": "Rules broken",
    "forecast_ended_on": "Forecast ended on",
    # nonconformities
    "nc_code": "Code",
    "nc_title": "Title",
    "nc_source": "Source",
    "product_process": "Product or process",
    "detected_on": "Detected on",
    "containment": "Containment",
    "disposition": "Disposition",
    "whys": "5 whys",
    "root_cause": "Root cause",
    "six_m": "6M category",
    "nc_status": "Status",
    "overdue_actions": "Overdue actions",
    "effectiveness": "Effectiveness",
    "verified_by": "Verified by",
    "verified_on": "Verified on",
    "closed_on": "Closed on",
    "days_open": "Days open",
    # meetings
    "held_on": "Held on",
    "meeting_title": "Title",
    "attendees": "Attendees",
    "agenda": "Agenda",
    "minutes": "Minutes",
    "decisions": "Decisions",
    "nonconformities": "Nonconformities",
    "objectives": "Objectives",
    "actions": "Actions",
    # suggestions
    "suggestion_code": "Code",
    "suggestion_title": "Title",
    "submitter": "Submitter",
    "submitted_on": "Submitted on",
    "expected_benefit": "Expected benefit",
    "estimated_cost": "Estimated cost",
    "suggestion_status": "Status",
    "reviewer": "Reviewer",
    "reviewed_on": "Reviewed on",
    "decision_note": "Decision note",
    "reward_points": "Reward points",
    "reward_amount": "Reward amount",
    "realised_benefit": "Realised benefit",
    "implemented_on": "Implemented on",
    # summary, methodology and heatmap sheets
    "level": "Level",
    "risks": "Risks",
    "colour": "Colour",
    "review_interval": "Review interval (days)",
    "likelihood": "Likelihood",
    "impact": "Impact",
    "score": "Score",
    "count": "Count",
    "codes": "Risks",
}

SHEET_TITLES: dict[str, str] = {
    "summary": "Summary",
    "register": "Risk register",
    "methodology": "Methodology",
    "heatmap": "Heatmap",
    "kris": "KRIs",
    "readings": "KRI readings",
    "alerts": "Alerts",
    "forecast_alerts": "Forecast alerts",
    "actions": "Actions",
    "objectives": "Quality objectives",
    "nonconformities": "Nonconformities",
    "meetings": "Meetings",
    "suggestions": "Suggestions",
    "template_risks": "Risks",
    "template_readings": "KRI readings",
    "template_measurements": "Measurements",
    "template_help": "Instructions",
}

# Labels of stable codes, per kind of code.
LABELS: dict[str, dict[str, str]] = {
    "risk_status": {
        "identified": "Identified",
        "assessed": "Assessed",
        "treating": "Treating",
        "monitoring": "Monitoring",
        "closed": "Closed",
    },
    "source": {
        "internal_audit": "Internal audit",
        "data_analysis": "Data analysis",
        "market_research": "Market research",
        "incident": "Incident",
        "workshop": "Workshop",
        "other": "Other",
    },
    "strategy": {"avoid": "Avoid", "reduce": "Reduce", "transfer": "Transfer", "accept": "Accept"},
    "action_status": {
        "planned": "Planned",
        "in_progress": "In progress",
        "done": "Done",
        "cancelled": "Cancelled",
    },
    "action_kind": {
        "mitigation": "Mitigation",
        "corrective": "Corrective",
        "preventive": "Preventive",
        "improvement": "Improvement",
        "decision": "Decision",
    },
    "direction": {"higher_is_worse": "Higher is worse", "lower_is_worse": "Lower is worse"},
    "kri_state": {"ok": "OK", "warning": "Warning", "alarm": "Alarm"},
    "frequency": {"weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly"},
    "alert_kind": {"kri": "KRI breach", "appetite": "Above appetite", "forecast": "Forecast"},
    "chart_type": {"p": "p-chart", "laney_p": "Laney p′", "u": "u-chart", "laney_u": "Laney u′", "c": "c-chart",
                   "xmr": "XmR"},
    "rule_set": {"western_electric": "Western Electric", "nelson": "Nelson"},
    "alert_state": {"open": "Open", "acknowledged": "Acknowledged", "resolved": "Resolved"},
    "objective_kind": {"ratio": "Ratio", "value": "Value"},
    "objective_status": {"met": "Met", "at_risk": "At risk", "missed": "Missed", "no_data": "No data"},
    "nc_source": {
        "inspection": "Inspection",
        "sampling_check": "Sampling check",
        "customer_complaint": "Customer complaint",
        "audit": "Audit",
        "code_review": "Code review",
        "spc_signal": "SPC signal",
        "other": "Other",
    },
    "severity": {"minor": "Minor", "major": "Major", "critical": "Critical", "warning": "Warning", "alarm": "Alarm"},
    "six_m": {
        "man": "Man (people)",
        "machine": "Machine",
        "method": "Method",
        "material": "Material",
        "measurement": "Measurement",
        "environment": "Environment",
    },
    "disposition": {"rework": "Rework", "scrap": "Scrap", "use_as_is": "Use as is", "return": "Return"},
    "effectiveness": {"effective": "Effective", "partly": "Partly effective", "not_effective": "Not effective"},
    "nc_status": {
        "open": "Open",
        "investigating": "Investigating",
        "action": "Action",
        "verification": "Verification",
        "closed": "Closed",
    },
    "suggestion_status": {
        "submitted": "Submitted",
        "under_review": "Under review",
        "accepted": "Accepted",
        "rejected": "Rejected",
        "implemented": "Implemented",
    },
    "yes_no": {"yes": "Yes", "no": "No"},
    "month": {
        str(number): name
        for number, name in enumerate(
            ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"),
            start=1,
        )
    },
}  # fmt: skip

# Sentences and short texts of the summary, methodology and heatmap sheets.
TEXTS: dict[str, str] = {
    "report_title": "Quarterly risk and quality report",
    "page_of": "Page &P of &N",
    "company": "Company",
    "quarter": "Quarter",
    "period": "Period",
    "generated_at": "Generated at",
    "generated_by": "Generated by",
    "quality_policy": "Quality policy",
    "policy_approved_on": "Policy approved on",
    "risks_by_level": "Active risks by residual level",
    "not_assessed": "Not assessed",
    "total": "Total",
    "figure_above_appetite": "Above appetite (residual)",
    "figure_review_due": "Due for review",
    "figure_overdue_actions": "Overdue actions",
    "closed_quarter": "Closed quarter: closed on {at} by {user}; the figures and rows are those kept at closing",
    "movements": "Movements since {quarter}",
    "new": "New",
    "closed": "Closed",
    "up": "Up (residual score rose)",
    "down": "Down (residual score fell)",
    "top_risks": "Top 10 risks by residual score",
    "open_alerts": "Open alerts",
    "open_forecasts": "Open forecast alerts (a threshold projected within the horizon, not yet reached)",
    "objectives": "Quality objectives: status in the last period of {quarter}",
    "suggestions": "Improvement suggestions in the quarter",
    "received": "Received",
    "implemented": "Implemented",
    "heatmap_picture": "Heatmap (active risks)",
    "matrix": "Risk matrix (score = likelihood x impact)",
    "legend": "Level bands",
    "appetite": "Risk appetite",
    "appetite_text": "{level}: risks above this level must be treated or formally accepted.",
    "review_intervals": "Review intervals",
    "fiscal_year": "Fiscal year starts in",
    "inherent": "Inherent",
    "residual": "Residual",
    "target": "Target",
    "heatmap_title": "{kind} risk heatmap: active risks per cell",
    "none": "None",
    "more": "... and {count} more",
}


def resolve_language(setting: str | None) -> str:
    """The workbook language for a stored setting ("system", "en", "zh_CN"): "en" or "zh_CN"."""
    if setting in LANGUAGES:
        return str(setting)
    # "system": the locale the environment names (LC_ALL, LANG, ... or the platform's default).
    names = [os.environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE")]
    with contextlib.suppress(ValueError):
        names.append(locale.getlocale()[0] or "")
    first = next((name for name in names if name and name not in ("C", "POSIX")), "")
    return CHINESE if first.lower().startswith(("zh", "chinese")) else ENGLISH


@contextlib.contextmanager
def use_language(language: str | None) -> Iterator[str]:
    """Within the block, header()/sheet_title()/label()/text() answer in this language."""
    chosen = language if language in LANGUAGES else ENGLISH
    token = _language.set(chosen)
    try:
        yield chosen
    finally:
        _language.reset(token)


def current_language() -> str:
    return _language.get()


def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, dict[str, str]], dict[str, str]]:
    if _language.get() == CHINESE:
        from opsdesk.reports import excel_text_zh as zh

        return zh.HEADERS, zh.SHEET_TITLES, zh.LABELS, zh.TEXTS
    return HEADERS, SHEET_TITLES, LABELS, TEXTS


def header(key: str) -> str:
    """The column header shown for a field key (the key itself if none is defined)."""
    headers = _tables()[0]
    found = headers.get(key) or HEADERS.get(key)
    if found is not None:
        return found
    # A risk field with no header of its own here: its label in the field table and catalogue.
    from opsdesk.domain.catalogue import field_label

    return field_label("risk", key, _language.get())


def sheet_title(key: str) -> str:
    """The name of a worksheet, by stable key."""
    titles = _tables()[1]
    return titles.get(key) or SHEET_TITLES.get(key, key)


def label(kind: str, code: str | None) -> str:
    """The label of a stored code ("in_progress" -> "In progress"); "" for None."""
    if code is None:
        return ""
    labels = _tables()[2]
    return labels.get(kind, {}).get(code) or LABELS.get(kind, {}).get(code, code)


def band_name(name: str) -> str:
    """A level band's or scale's name: the seeded English names translated, renamed ones as stored."""
    if _language.get() == CHINESE:
        from opsdesk.reports.excel_text_zh import MATRIX_NAMES

        return MATRIX_NAMES.get(name, name)
    return name


def display_matrix(matrix: RiskMatrix) -> RiskMatrix:
    """The matrix with its seeded English band and scale names in the workbook's language (for display only)."""
    if _language.get() == ENGLISH:
        return matrix
    from dataclasses import replace

    return replace(
        matrix,
        bands=tuple(replace(band, name=band_name(band.name)) for band in matrix.bands),
        likelihood_labels=tuple(band_name(name) for name in matrix.likelihood_labels),
        impact_labels=tuple(band_name(name) for name in matrix.impact_labels),
    )


def text(key: str, **values: object) -> str:
    """A sentence of the summary or methodology sheets, with its placeholders filled in."""
    texts = _tables()[3]
    template = texts.get(key) or TEXTS.get(key, key)
    return template.format(**values) if values else template
