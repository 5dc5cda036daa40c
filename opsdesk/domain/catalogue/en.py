"""English: the sentences of problem codes, and the labels of stored codes.

Keys are stable; `zh_CN.py` has the same keys. `{field}` is the field's name and the other
placeholders are the problem's parameters (see `opsdesk.domain.catalogue`).
"""

from __future__ import annotations

CHOICES: dict[str, dict[str, str]] = {
    "record": {
        "record": "record",
        "risk": "risk",
        "assessment": "assessment",
        "action": "action",
        "kri": "key risk indicator",
        "reading": "reading",
        "alert": "alert",
        "objective": "quality objective",
        "measurement": "measurement",
        "nonconformity": "nonconformity",
        "meeting": "meeting",
        "suggestion": "suggestion",
        "feedback": "customer feedback",
        "department": "department",
        "category": "category",
        "setting": "setting",
    },
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
    "assessment_kind": {"inherent": "Inherent", "residual": "Residual", "target": "Target"},
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
        "decision": "Meeting decision",
    },
    "direction": {"higher_is_worse": "Higher is worse", "lower_is_worse": "Lower is worse"},
    "kri_state": {"ok": "OK", "warning": "Warning", "alarm": "Alarm"},
    "frequency": {"weekly": "Weekly", "monthly": "Monthly", "quarterly": "Quarterly"},
    "alert_kind": {"kri": "KRI breach", "appetite": "Above appetite", "forecast": "Forecast"},
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
    "feedback_channel": {
        "email": "E-mail",
        "phone": "Phone",
        "survey": "Survey",
        "website": "Website",
        "sales_visit": "Sales visit",
        "other": "Other",
    },
    "category": {
        "strategic": "Strategic",
        "market": "Market",
        "operational": "Operational",
        "technical": "Technical",
        "financial": "Financial",
        "legal": "Legal/Compliance",
        "infosec": "Information security",
        "people": "People",
    },
    # The seeded matrix's English names (domain.matrix.default_matrix): user data once stored,
    # so they are translated only while they still read exactly as seeded.
    "matrix_name": {
        "Low": "Low",
        "Medium": "Medium",
        "High": "High",
        "Critical": "Critical",
        "Rare": "Rare",
        "Unlikely": "Unlikely",
        "Possible": "Possible",
        "Likely": "Likely",
        "Almost certain": "Almost certain",
        "Insignificant": "Insignificant",
        "Minor": "Minor",
        "Moderate": "Moderate",
        "Major": "Major",
        "Severe": "Severe",
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

# How a sentence names a field where its label would read badly ("Identified on is required").
# A field without a noun is named by its label.
NOUNS: dict[str, str] = {
    "risk.title": "The title",
    "risk.description": "The description",
    "risk.cause": "The cause",
    "risk.consequence": "The consequence",
    "risk.owner": "The owner's name",
    "risk.identified_on": "The identification date",
    "risk.status": "The status",
    "risk.source": "The identification source",
    "risk.strategy": "The response strategy",
    "risk.rationale": "The rationale",
    "risk.next_review": "The next review",
    "risk.acceptance_approver": "The approver",
    "risk.acceptance_justification": "The justification",
    "risk.accepted_on": "The acceptance date",
    "risk.acceptance_expires": "The acceptance expiry",
    "assessment.assessed_on": "The assessment date",
    "assessment.probability": "The probability",
    "assessment.financial_impact": "The financial impact",
    "assessment.note": "The note",
}

MESSAGES: dict[str, str] = {
    # Any field, from the field tables' limits (opsdesk.domain.fields).
    "required": "{field} is required.",
    "too_long": "{field} is too long ({count} characters; at most {limit}).",
    "not_a_number": "{field} must be a number.",
    "not_a_whole_number": "{field} must be a whole number.",
    "below_minimum": "{field} must be at least {minimum}.",
    "above_maximum": "{field} must be at most {maximum}.",
    "out_of_range": "{field} must be between {minimum} and {maximum}.",
    "not_a_date": "{field} must be a date.",
    "date_in_future": "{field} cannot be in the future.",
    "not_a_choice": "{field} must be one of {choices} (got “{value}”).",
    "choose": "Choose a value for {field}.",
    "unknown_department": "Choose a department.",
    "unknown_category": "Choose a category.",
    # Records.
    "not_found": "There is no {what} with id {id}.",
    "conflict": "This {what} was changed by someone else since you opened it. Your changes were not saved; "
    "reload to see theirs.",
    "conflict_version": "This {what} was changed by someone else since you opened it (version {expected}, "
    "now {current_version}). Your input is kept; reload to see their change.",
    # Risks and assessments.
    "risk.review_before_identified": "The next review cannot be before the risk was identified.",
    "risk.acceptance_needs_approver": "Accepting a risk above the appetite ({appetite}) needs an approver.",
    "risk.acceptance_needs_justification": "Accepting a risk above the appetite needs a justification.",
    "risk.acceptance_needs_expiry": "Accepting a risk above the appetite needs an expiry date.",
    "risk.acceptance_expires_too_soon": "The acceptance must expire after the date it was given.",
    "risk.accepted_without_approval": "This risk is accepted without an approval; a residual level above the "
    "appetite needs a formal acceptance (approver, justification, expiry).",
    "risk.select_some": "Select at least one risk.",
    "risk.bulk_nothing_chosen": "Choose at least one field to change.",
    "assessment.one_per_kind": "Give at most one assessment of each kind per save.",
    "assessment.both_needed": "Choose both the likelihood and the impact.",
    "assessment.unknown_kind": "The assessment kind must be inherent, residual or target.",
    # The risk matrix.
    "import.refused": "{count} problems in the workbook; nothing was imported.",
    "import.refused#one": "1 problem in the workbook; nothing was imported.",
    # Password-protected workbooks.
    "workbook.password_empty": "Give a password to protect the workbook with.",
    "workbook.wrong_password": "The password does not open this workbook; nothing was read.",
    "workbook.passwords_differ": "The two passwords differ; type the same password twice.",
    "matrix.outside": "{field} must be between 1 and {maximum}.",
    "matrix.unknown_level": "“{value}” is not a level of this risk matrix.",
}
