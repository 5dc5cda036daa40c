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
    # Logins of a team register (opsdesk.store.server_roles).
    # Key risk indicators (opsdesk.services.kris).
    "kri.name_taken": "An indicator named '{name}' already exists.",
    "kri.unit_too_long": "The unit is too long (at most 20 characters).",
    "kri.description_too_long": "The description is too long (at most 4000 characters).",
    "kri.warning_not_a_number": "The warning threshold must be a number.",
    "kri.alarm_not_a_number": "The alarm threshold must be a number.",
    "kri.department_missing": "Choose the department to notify; this one does not exist.",
    "kri.risk_missing": "There is no risk with id {id}.",
    "reading.date_required": "The reading date is required.",
    "reading.date_in_future": "The reading date cannot be in the future.",
    "reading.not_a_number": "The reading must be a number.",
    "reading.note_too_long": "The note is too long (at most 1000 characters).",
    "reading.kri_archived": "The indicator '{name}' is archived; restore it before recording readings.",
    # Actions (opsdesk.services.actions).
    "action.owner_too_long": "The owner's name is too long (at most 120 characters).",
    "action.note_too_long": "The note is too long (at most 4000 characters).",
    "action.due_not_a_date": "The due date must be a date.",
    "action.completed_not_a_date": "The completion date must be a date.",
    "action.completed_not_done": "Only a done action can have a completion date.",
    "action.completed_in_future": "The completion date cannot be in the future.",
    "action.cost_not_a_number": "The cost must be a number.",
    "action.cost_negative": "The cost cannot be negative.",
    "action.one_link": "An action belongs to one risk, nonconformity, suggestion or meeting, not several.",
    # Nonconformities and the policy (opsdesk.services.nonconformities, settings).
    "nc.detected_required": "The detection date is required.",
    "nc.detected_in_future": "The detection date cannot be in the future.",
    "nc.department_missing": "There is no department with id {id}.",
    "nc.closed_not_a_date": "The closing date must be a date.",
    "nc.closed_in_future": "The closing date cannot be in the future.",
    "nc.verified_required": "The verification date is required.",
    "nc.verified_in_future": "The verification date cannot be in the future.",
    "policy.approved_not_a_date": "The approval date must be a date.",
    "policy.approved_in_future": "The approval date cannot be in the future.",
    "login.bad_name": "A login name has letters, digits and _ . @ - (at most 63), and starts with a letter or _.",
    "login.is_group_role": "{name} is one of OpsDesk's group roles, not a person.",
    "login.roles_missing": "The OpsDesk roles do not exist on this server yet: run `opsdesk admin init-roles`.",
    "login.needs_password": "A new login needs a password.",
    "login.superuser": "{name} is a superuser of the server, not a person of one register. Nothing was changed.",
    "login.owns_database": "{name} owns a database on this server; an owner is not added as a person of a "
    "register. Nothing was changed.",
    "login.creates_roles": "{name} may create and change roles on the server; such a login is not added as a "
    "person. Nothing was changed.",
    "login.other_register": "{name} belongs to another register ({registers}). Nothing was changed.",
    "login.owner_prepares_roles": "Only the owner of the database may prepare its roles. Nothing was changed.",
    "login.admins_list_people": "Only this register's administrators may list its people.",
    "login.not_ours": "{name} already exists on the server and is not one of this register's people: OpsDesk "
    "adds it without changing its password (--keep-password). Nothing was changed.",
    # The risk matrix.
    "import.refused": "{count} problems in the workbook; nothing was imported.",
    "import.refused#one": "1 problem in the workbook; nothing was imported.",
    # Password-protected workbooks.
    "workbook.password_empty": "Give a password to protect the workbook with.",
    "workbook.wrong_password": "The password does not open this workbook; nothing was read.",
    "workbook.password_needed": "{name} is protected by a password: give its password to import it.",
    "workbook.password_stdin": "{name} is protected by a password: give it on standard input with --password-stdin.",
    "workbook.too_many_cells": "Sheet '{sheet}' of {name} reaches column {column} and row {row} ({cells} cells), more "
    "than OpsDesk reads (at most {limit}); delete the empty columns and rows after the register's last ones, then "
    "import again.",
    "workbook.passwords_differ": "The two passwords differ; type the same password twice.",
    # The encrypted register (SQLCipher).
    "register.needs_password": "{path} is an encrypted register: give its password to open it.",
    "register.wrong_password": "The password does not open {path} (or the file is not an OpsDesk register). "
    "Nothing was changed.",
    "register.not_encrypted": "{path} is not an encrypted register: open it without a password, or encrypt it "
    "first (opsdesk encrypt). Nothing was changed.",
    "register.already_encrypted": "{path} is already encrypted. Nothing was changed.",
    "register.password_empty": "An encrypted register needs a password; an empty one protects nothing.",
    "register.passwords_differ": "The two passwords differ; type the same password twice. Nothing was changed.",
    "register.encryption_missing": "This OpsDesk cannot open encrypted registers: its SQLCipher module "
    "(sqlcipher3) is missing. Reinstall OpsDesk.",
    "register.encrypt_server": "Only a register file can be encrypted by OpsDesk; a server register is "
    "protected by the server. Nothing was changed.",
    "register.encrypt_failed": "The encrypted copy of {path} did not check out ({problem}); the register was left "
    "as it was.",
    "register.backup_other_key": "{path} is not encrypted with this register's password: it cannot be restored "
    "into it. Nothing was changed.",
    "register.password_stdin_empty": "No password came on standard input (--password-stdin). Nothing was changed.",
    "register.password_needs_terminal": "{path} is encrypted: give its password with --password-stdin, or run "
    "this at a terminal.",
    "register.plain_kept": "{path} exists already; move it away or leave out --keep-plain. Nothing was changed.",
    "matrix.outside": "{field} must be between 1 and {maximum}.",
    "matrix.unknown_level": "“{value}” is not a level of this risk matrix.",
}
