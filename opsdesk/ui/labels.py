"""Translated labels for the stable codes the database stores."""

from __future__ import annotations

from dataclasses import replace
from functools import cache, lru_cache

from PySide6.QtCore import QCoreApplication

from opsdesk.domain.matrix import LevelBand, RiskMatrix

translate = QCoreApplication.translate


@cache
def _labels() -> dict[str, dict[str, str]]:
    # Built on first use, after the translator is installed; one explicit call per string so
    # pyside6-lupdate finds them all.
    return {
        "risk_status": {
            "identified": translate("Labels", "Identified"),
            "assessed": translate("Labels", "Assessed"),
            "treating": translate("Labels", "Treating"),
            "monitoring": translate("Labels", "Monitoring"),
            "closed": translate("Labels", "Closed"),
        },
        "source": {
            "internal_audit": translate("Labels", "Internal audit"),
            "data_analysis": translate("Labels", "Data analysis"),
            "market_research": translate("Labels", "Market research"),
            "incident": translate("Labels", "Incident"),
            "workshop": translate("Labels", "Workshop"),
            "other": translate("Labels", "Other"),
        },
        "assessment_kind": {
            "inherent": translate("Labels", "Inherent"),
            "residual": translate("Labels", "Residual"),
            "target": translate("Labels", "Target"),
        },
        "strategy": {
            "avoid": translate("Labels", "Avoid"),
            "reduce": translate("Labels", "Reduce"),
            "transfer": translate("Labels", "Transfer"),
            "accept": translate("Labels", "Accept"),
        },
        "action_status": {
            "planned": translate("Labels", "Planned"),
            "in_progress": translate("Labels", "In progress"),
            "done": translate("Labels", "Done"),
            "cancelled": translate("Labels", "Cancelled"),
        },
        "action_kind": {
            "mitigation": translate("Labels", "Mitigation"),
            "corrective": translate("Labels", "Corrective"),
            "preventive": translate("Labels", "Preventive"),
            "improvement": translate("Labels", "Improvement"),
            "decision": translate("Labels", "Meeting decision"),
        },
        "direction": {
            "higher_is_worse": translate("Labels", "Higher is worse"),
            "lower_is_worse": translate("Labels", "Lower is worse"),
        },
        "kri_state": {
            "ok": translate("Labels", "OK"),
            "warning": translate("Labels", "Warning"),
            "alarm": translate("Labels", "Alarm"),
        },
        "frequency": {
            "weekly": translate("Labels", "Weekly"),
            "monthly": translate("Labels", "Monthly"),
            "quarterly": translate("Labels", "Quarterly"),
        },
        "alert_kind": {
            "kri": translate("Labels", "Indicator"),
            "appetite": translate("Labels", "Risk appetite"),
            "forecast": translate("Labels", "Forecast"),
        },
        "alert_state": {
            "open": translate("Labels", "Open"),
            "acknowledged": translate("Labels", "Acknowledged"),
            "resolved": translate("Labels", "Resolved"),
        },
        "objective_kind": {
            "ratio": translate("Labels", "Ratio"),
            "value": translate("Labels", "Value"),
        },
        "objective_status": {
            "met": translate("Labels", "Met"),
            "at_risk": translate("Labels", "At risk"),
            "missed": translate("Labels", "Missed"),
        },
        "nc_source": {
            "inspection": translate("Labels", "Inspection"),
            "sampling_check": translate("Labels", "Sampling check"),
            "customer_complaint": translate("Labels", "Customer complaint"),
            "audit": translate("Labels", "Audit"),
            "code_review": translate("Labels", "Code review"),
            "spc_signal": translate("Labels", "SPC signal"),
            "other": translate("Labels", "Other"),
        },
        "severity": {
            "minor": translate("Labels", "Minor"),
            "major": translate("Labels", "Major"),
            "critical": translate("Labels", "Critical"),
        },
        "six_m": {
            "man": translate("Labels", "Man"),
            "machine": translate("Labels", "Machine"),
            "method": translate("Labels", "Method"),
            "material": translate("Labels", "Material"),
            "measurement": translate("Labels", "Measurement"),
            "environment": translate("Labels", "Environment"),
        },
        "disposition": {
            "rework": translate("Labels", "Rework"),
            "scrap": translate("Labels", "Scrap"),
            "use_as_is": translate("Labels", "Use as is"),
            "return": translate("Labels", "Return"),
        },
        "effectiveness": {
            "effective": translate("Labels", "Effective"),
            "partly": translate("Labels", "Partly effective"),
            "not_effective": translate("Labels", "Not effective"),
        },
        "nc_status": {
            "open": translate("Labels", "Open"),
            "investigating": translate("Labels", "Investigating"),
            "action": translate("Labels", "Action"),
            "verification": translate("Labels", "Verification"),
            "closed": translate("Labels", "Closed"),
        },
        "suggestion_status": {
            "submitted": translate("Labels", "Submitted"),
            "under_review": translate("Labels", "Under review"),
            "accepted": translate("Labels", "Accepted"),
            "rejected": translate("Labels", "Rejected"),
            "implemented": translate("Labels", "Implemented"),
        },
        "feedback_channel": {
            "email": translate("Labels", "E-mail"),
            "phone": translate("Labels", "Phone"),
            "survey": translate("Labels", "Survey"),
            "website": translate("Labels", "Website"),
            "sales_visit": translate("Labels", "Sales visit"),
            "other": translate("Labels", "Other"),
        },
        "category": {
            "strategic": translate("Labels", "Strategic"),
            "market": translate("Labels", "Market"),
            "operational": translate("Labels", "Operational"),
            "technical": translate("Labels", "Technical"),
            "financial": translate("Labels", "Financial"),
            "legal": translate("Labels", "Legal/Compliance"),
            "infosec": translate("Labels", "Information security"),
            "people": translate("Labels", "People"),
        },
    }


#: kinds whose codes an administrator may add: an unknown one is shown as stored
OPEN_KINDS = frozenset({"category"})


def invalid_value() -> str:
    """What a cell shows in place of a value the register does not accept (written outside OpsDesk)."""
    return translate("Labels", "invalid value")


def label(kind: str, code: str | None) -> str:
    """The user's-language label of a stored code ('' for None, "invalid value" for an unknown code)."""
    if code is None:
        return ""
    found = _labels()[kind].get(code)
    if found is not None:
        return found
    return code if kind in OPEN_KINDS else invalid_value()


def choices(kind: str) -> list[tuple[str, str]]:
    """(code, label) pairs in their natural order, for combo boxes."""
    return list(_labels()[kind].items())


@cache
def _matrix_defaults() -> dict[str, str]:
    # The seeded matrix's English names (domain.matrix.default_matrix) are user data once stored,
    # so they are translated only while they still read exactly as seeded; renamed ones show as typed.
    return {
        # level bands
        "Low": translate("Matrix", "Low"),
        "Medium": translate("Matrix", "Medium"),
        "High": translate("Matrix", "High"),
        "Critical": translate("Matrix", "Critical"),
        # likelihood scale
        "Rare": translate("Matrix", "Rare"),
        "Unlikely": translate("Matrix", "Unlikely"),
        "Possible": translate("Matrix", "Possible"),
        "Likely": translate("Matrix", "Likely"),
        "Almost certain": translate("Matrix", "Almost certain"),
        # impact scale
        "Insignificant": translate("Matrix", "Insignificant"),
        "Minor": translate("Matrix", "Minor"),
        "Moderate": translate("Matrix", "Moderate"),
        "Major": translate("Matrix", "Major"),
        "Severe": translate("Matrix", "Severe"),
    }


def band_name(band: LevelBand | str | None) -> str:
    """A level band's name for display: the default English names translated, others as stored."""
    if band is None:
        return ""
    name = band if isinstance(band, str) else band.name
    return _matrix_defaults().get(name, name)


def level_name(matrix: RiskMatrix, code: str | None) -> str:
    """A stored level's band name for display; "invalid value" for a code that is not a band of the matrix."""
    if code is None:
        return ""
    band = matrix.find_band(code)
    return band_name(band) if band is not None else invalid_value()


def scale_label(text: str) -> str:
    """A likelihood or impact label for display (the default English labels translated)."""
    return _matrix_defaults().get(text, text)


@lru_cache(maxsize=8)  # table cells ask on every paint; a matrix is hashable
def display_matrix(matrix: RiskMatrix) -> RiskMatrix:
    """A copy of a matrix with its default names translated, for screens and charts only (never saved)."""
    bands = tuple(replace(band, name=band_name(band)) for band in matrix.bands)
    likelihood = tuple(scale_label(text) for text in matrix.likelihood_labels)
    impact = tuple(scale_label(text) for text in matrix.impact_labels)
    if (bands, likelihood, impact) == (matrix.bands, matrix.likelihood_labels, matrix.impact_labels):
        return matrix
    return replace(matrix, bands=bands, likelihood_labels=likelihood, impact_labels=impact)


def reset_cache() -> None:
    """Forget labels after the language changes."""
    _labels.cache_clear()
    _matrix_defaults.cache_clear()
    display_matrix.cache_clear()
