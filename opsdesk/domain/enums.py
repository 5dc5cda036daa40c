"""Stable codes stored in the database. The UI maps them to translated labels."""

from __future__ import annotations

from enum import StrEnum


class RiskStatus(StrEnum):
    IDENTIFIED = "identified"
    ASSESSED = "assessed"
    TREATING = "treating"
    MONITORING = "monitoring"
    CLOSED = "closed"


class IdentificationSource(StrEnum):
    INTERNAL_AUDIT = "internal_audit"
    DATA_ANALYSIS = "data_analysis"
    MARKET_RESEARCH = "market_research"
    INCIDENT = "incident"
    WORKSHOP = "workshop"
    OTHER = "other"


class AssessmentKind(StrEnum):
    INHERENT = "inherent"
    RESIDUAL = "residual"
    TARGET = "target"


class Strategy(StrEnum):
    AVOID = "avoid"
    REDUCE = "reduce"
    TRANSFER = "transfer"
    ACCEPT = "accept"


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


class ActionKind(StrEnum):
    MITIGATION = "mitigation"
    CORRECTIVE = "corrective"
    PREVENTIVE = "preventive"
    IMPROVEMENT = "improvement"
    DECISION = "decision"


class Direction(StrEnum):
    """Which way a KRI or objective value is bad."""

    HIGHER_IS_WORSE = "higher_is_worse"
    LOWER_IS_WORSE = "lower_is_worse"


class KriState(StrEnum):
    OK = "ok"
    WARNING = "warning"
    ALARM = "alarm"


class Frequency(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class AlertKind(StrEnum):
    KRI = "kri"
    APPETITE = "appetite"
    # A KRI whose trend reaches a threshold within its horizon: a warning before the breach.
    FORECAST = "forecast"


class AlertState(StrEnum):
    OPEN = "open"
    ACKNOWLEDGED = "acknowledged"
    RESOLVED = "resolved"


class ObjectiveKind(StrEnum):
    RATIO = "ratio"
    VALUE = "value"


class ChartType(StrEnum):
    """The control chart of an objective; AUTO is the p-chart for ratios and XmR for values."""

    AUTO = "auto"
    P = "p"
    LANEY_P = "laney_p"
    U = "u"
    LANEY_U = "laney_u"
    C = "c"
    XMR = "xmr"


class RuleSet(StrEnum):
    """Which run rules flag out-of-control points on an objective's chart."""

    WESTERN_ELECTRIC = "western_electric"
    NELSON = "nelson"


class ObjectiveStatus(StrEnum):
    MET = "met"
    AT_RISK = "at_risk"
    MISSED = "missed"


class NcSource(StrEnum):
    INSPECTION = "inspection"
    SAMPLING_CHECK = "sampling_check"
    CUSTOMER_COMPLAINT = "customer_complaint"
    AUDIT = "audit"
    CODE_REVIEW = "code_review"
    SPC_SIGNAL = "spc_signal"
    OTHER = "other"


class Severity(StrEnum):
    MINOR = "minor"
    MAJOR = "major"
    CRITICAL = "critical"


class SixM(StrEnum):
    MAN = "man"
    MACHINE = "machine"
    METHOD = "method"
    MATERIAL = "material"
    MEASUREMENT = "measurement"
    ENVIRONMENT = "environment"


class Disposition(StrEnum):
    REWORK = "rework"
    SCRAP = "scrap"
    USE_AS_IS = "use_as_is"
    RETURN = "return"


class Effectiveness(StrEnum):
    EFFECTIVE = "effective"
    PARTLY = "partly"
    NOT_EFFECTIVE = "not_effective"


class NcStatus(StrEnum):
    OPEN = "open"
    INVESTIGATING = "investigating"
    ACTION = "action"
    VERIFICATION = "verification"
    CLOSED = "closed"


class SuggestionStatus(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    IMPLEMENTED = "implemented"


class FeedbackChannel(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    SURVEY = "survey"
    WEBSITE = "website"
    SALES_VISIT = "sales_visit"
    OTHER = "other"


DEFAULT_DEPARTMENTS = (
    "Operations",
    "Marketing",
    "Sales",
    "Product",
    "Technology",
    "Human Resources",
    "Finance",
)

# (code, English name): categories are configurable, these are the seeded defaults.
DEFAULT_CATEGORIES = (
    ("strategic", "Strategic"),
    ("market", "Market"),
    ("operational", "Operational"),
    ("technical", "Technical"),
    ("financial", "Financial"),
    ("legal", "Legal/Compliance"),
    ("infosec", "Information security"),
    ("people", "People"),
)
