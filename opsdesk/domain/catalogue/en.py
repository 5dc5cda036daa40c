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
    # Backups and restores (opsdesk.store.backup, services.backups).
    "backup.missing": "{path} does not exist.",
    "backup.onto_itself": "The backup cannot overwrite the database itself.",
    "backup.failed": "Backup of {path} failed: {reason}",
    "backup.server_makes_its_own": "Backups of a server database are made by the server's own tools.",
    "backup.server_restores_its_own": "Backups of a server database are made and restored by the server's own tools.",
    "backup.kept_out_of_range": "Keep from 1 to {maximum} automatic backups (got {value}).",
    "restore.not_now": "{path} cannot be restored now: {reason}",
    "restore.not_sqlite": "{path} cannot be restored: it is not a SQLite file.",
    "restore.damaged": "{path} cannot be restored: it is damaged ({problem}).",
    "restore.unreadable": "{path} cannot be restored: {reason}.",
    "restore.no_schema": "{path} cannot be restored: it is not an OpsDesk database (no schema version).",
    "restore.newer_schema": "{path} cannot be restored: its schema version {schema} is newer than this OpsDesk "
    "(schema {head}). Restore it with a newer OpsDesk.",
    "restore.foreign_guards": "{path} cannot be restored: its triggers or constraints are not OpsDesk's ({problem}).",
    "restore.foreign_guards_more": "{path} cannot be restored: its triggers or constraints are not OpsDesk's "
    "({problem} and {more} more).",
    "restore.from_itself": "A database cannot be restored from itself.",
    "restore.copy_failed": "Cannot copy {path}: {reason}",
    "restore.nothing_restored": "Nothing was restored: {reason}",
    "restore.damaged_and_open": "Nothing was restored: {path} is damaged but still open in another program "
    "(another OpsDesk or a database tool). Close it, then restore again.",
    "restore.failed": "Restoring into {path} failed: {reason}",
    # A file SQLite cannot use for a reason that is not damage (opsdesk.store.backup.fault_error).
    "fault.locked": "{path} is locked by another program (another OpsDesk or a database tool); close it and try "
    "again. This is not damage; nothing was changed.",
    "fault.full": "{path} cannot be used: the disk is full (SQLite found no room for its working files). "
    "Free some space and try again. This is not damage; nothing was changed.",
    "fault.io": "{path} cannot be used: the disk reports an I/O error (a failing or removed disk, or a network "
    "problem). This is not damage found in the file; nothing was changed.",
    "fault.cannot_open": "{path} cannot be opened ({reason}); nothing was changed.",
    "fault.unreadable": "{path} cannot be read ({reason}); nothing was changed.",
    # Schema upgrades (opsdesk.store.migrations).
    "schema.newer": "This database has schema version {schema}, newer than this OpsDesk (schema {head}). "
    "Open it with a newer OpsDesk.",
    "schema.foreign_tables": "{name} holds tables that are not OpsDesk's.",
    "schema.read_only_older": "{name} is open read-only ({reason}) and its schema {schema} is older than this "
    "OpsDesk ({head}): it must be upgraded before use. Open it once with write access (OpsDesk backs it up "
    "first), or open a copy.",
    "schema.read_only_empty": "{name} is open read-only ({reason}) and it is empty: it must be upgraded before "
    "use. Open it once with write access (OpsDesk backs it up first), or open a copy.",
    "schema.owner_upgrades": "{name} must be upgraded from schema {schema} to {head}, and only the owner of the "
    "database may do that: ask your OpsDesk administrator to open it once.",
    "schema.owner_creates": "{name} must be upgraded to create its tables, and only the owner of the database "
    "may do that: ask your OpsDesk administrator to open it once.",
    "schema.dangling_reference": "The upgrade was undone: row {row} of {table} would point to a missing {parent}.",
    # The audit anchor a closed quarter's report prints (opsdesk.reports.anchor).
    "anchor.unreadable": "{path} cannot be read as a workbook: {reason}",
    "anchor.missing": '{path} holds no audit anchor (a line "History up to entry #N, hash ..." in a closed '
    "quarter's report).",
    # Risk matrix and review intervals settings (opsdesk.domain.matrix).
    "matrix.not_a_mapping": "The risk matrix settings are not a mapping.",
    "matrix.setting_missing": "This setting is missing.",
    "matrix.band_incomplete": "Each level band must have a code, a name and a color.",
    "matrix.band_count": "Define {minimum} to {maximum} level bands (got {count}).",
    "matrix.upper_scores_count": "Give {count} whole-number upper scores, one per band except the last.",
    "matrix.upper_scores_increase": "The upper scores must increase from band to band.",
    "matrix.appetite_not_a_band": "The risk appetite '{value}' is not one of the level bands ({bands}).",
    "matrix.likelihood_labels_not_a_list": "The likelihood labels must be a list of names.",
    "matrix.impact_labels_not_a_list": "The impact labels must be a list of names.",
    "matrix.likelihood_level_count": "The matrix needs {minimum} to {maximum} likelihood levels (got {count}).",
    "matrix.impact_level_count": "The matrix needs {minimum} to {maximum} impact levels (got {count}).",
    "matrix.likelihood_level_unnamed": "Every likelihood level needs a name.",
    "matrix.impact_level_unnamed": "Every impact level needs a name.",
    "matrix.bands_not_a_list": "The level bands must be a list of bands.",
    "matrix.band_needs_code": "Every level band needs a code.",
    "matrix.band_codes_repeated": "Level band codes must be unique (repeated: {codes}).",
    "matrix.band_needs_name": "Every level band needs a name.",
    "matrix.band_color": "The color of level '{level}' must look like #RRGGBB (got '{color}').",
    "matrix.cells_not_rows": "The matrix cells must be a list of rows.",
    "matrix.cells_shape": "The matrix cells must form {rows} rows (likelihood) of {columns} columns (impact).",
    "matrix.cell_not_a_band": "The cell at likelihood {likelihood}, impact {impact} uses '{value}', which is not "
    "a level band.",
    "review.no_interval": "Give a review interval for at least one level.",
    "review.interval_needs_level": "Every review interval needs a level code.",
    "review.interval_not_positive": "The review interval for '{level}' must be a positive number of days.",
    "review.not_a_mapping": "The review intervals are not a mapping.",
    # Team mode (opsdesk.store.server_roles, services.team, cli.server).
    "team.server_only": "Roles are for a register on a PostgreSQL server (--db postgresql+psycopg://...).",
    "roles.not_prepared": "The roles were not prepared, because {reasons}. Remove or repair those roles "
    "(DROP ROLE, REVOKE), then run init-roles again.",
    "roles.group_can_log_in": "{name} can log in, so it is not a group OpsDesk made",
    "roles.group_privileged": "{name} has privileged attributes (superuser, create role or database, replication)",
    "roles.group_has_password": "{name} has a password, so someone meant to sign in with it",
    "roles.group_admin_option": "{member} may grant {group} to others (ADMIN OPTION)",
    "roles.group_granted_by": "{member} was made a member of {group} by {grantor}, not by the register's owner",
    "roles.group_granted_by_dropped": "{member} was made a member of {group} by a dropped role, not by the "
    "register's owner",
    # Imports.
    "import.refused": "{count} problems in the workbook; nothing was imported.",
    "import.refused#one": "1 problem in the workbook; nothing was imported.",
    # Password-protected workbooks.
    "workbook.password_empty": "Give a password to protect the workbook with.",
    "workbook.wrong_password": "The password does not open this workbook; nothing was read.",
    "workbook.passwords_differ": "The two passwords differ; type the same password twice.",
    "matrix.outside": "{field} must be between 1 and {maximum}.",
    "matrix.unknown_level": "“{value}” is not a level of this risk matrix.",
}
