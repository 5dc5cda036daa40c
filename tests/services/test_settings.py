"""Settings: the matrix (re-levelling risks), defaults, policy and lists, all audited."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.enums import DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.matrix import RiskMatrix, default_matrix
from opsdesk.services import alerts, risks, settings
from opsdesk.services.risks import AssessmentInput, RiskInput
from opsdesk.store.database import Database
from opsdesk.store.models import AuditEntry, Category, Department, Risk, Setting

TODAY = date(2026, 3, 16)
ON = date(2026, 2, 1)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def last_audit_id(session: Session) -> int:
    return session.exec(select(func.coalesce(func.max(AuditEntry.id), 0))).one()


def audit_since(session: Session, mark: int) -> list[tuple]:
    rows = session.exec(select(AuditEntry).where(AuditEntry.id > mark).order_by(AuditEntry.id))
    return [(r.entity, r.entity_id, r.action, r.field, r.old_value, r.new_value, r.user) for r in rows]


def new_risk(session: Session, title: str, *assessments: tuple[str, int, int]) -> int:
    data = RiskInput(
        title=title,
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 1, 5),
    )
    inputs = [
        AssessmentInput(kind=k, likelihood=lik, impact=imp, assessed_on=ON) for k, lik, imp in assessments
    ]
    return risks.create_risk(session=session, data=data, assessments=inputs, today=TODAY).id


def levels(session: Session, risk_id: int) -> tuple[str | None, str | None]:
    risk = session.get(Risk, risk_id)
    return risk.inherent_level, risk.residual_level


def shrunk_matrix() -> RiskMatrix:
    base = default_matrix()
    return RiskMatrix(
        likelihood_labels=base.likelihood_labels[:4],
        impact_labels=base.impact_labels[:4],
        bands=base.bands,
        cells=tuple(row[:4] for row in base.cells[:4]),
        appetite=base.appetite,
    )


# The matrix -------------------------------------------------------------------------------


def test_the_default_matrix_is_seeded(session: Session) -> None:
    assert settings.get_matrix(session=session) == default_matrix()
    stored = json.loads(session.get(Setting, settings.MATRIX).value)
    assert stored == default_matrix().to_dict()


def test_changing_a_cell_relevels_exactly_the_affected_risks(session: Session) -> None:
    residual_in_cell = new_risk(session, "Warehouse flooding", ("inherent", 4, 4), ("residual", 3, 3))
    inherent_in_cell = new_risk(session, "Key supplier fails", ("inherent", 3, 3))
    elsewhere = new_risk(session, "Cyber attack on the ERP", ("inherent", 2, 2), ("residual", 2, 2))
    mark = last_audit_id(session)

    changed = settings.save_matrix(
        session=session, matrix=default_matrix().with_cell(3, 3, "high"), today=TODAY
    )

    assert changed == 2
    assert levels(session, residual_in_cell) == ("high", "high")
    assert levels(session, inherent_in_cell) == ("high", None)
    assert levels(session, elsewhere) == ("low", "low")
    assert settings.get_matrix(session=session).cells[2][2] == "high"
    rows = audit_since(session, mark)
    level_rows = sorted(row for row in rows if row[0] == "risk")
    assert level_rows == sorted(
        [
            (
                "risk",
                str(residual_in_cell),
                "update",
                "residual_level",
                "medium",
                "high",
                session.info["user"],
            ),
            (
                "risk",
                str(inherent_in_cell),
                "update",
                "inherent_level",
                "medium",
                "high",
                session.info["user"],
            ),
        ]
    )
    setting_rows = [row[:4] for row in rows if row[0] == "setting"]
    assert setting_rows == [("setting", "risk_matrix", "update", "value")]


def test_saving_the_same_matrix_relevels_nothing(session: Session) -> None:
    new_risk(session, "Warehouse flooding", ("inherent", 4, 4), ("residual", 3, 3))
    mark = last_audit_id(session)
    assert settings.save_matrix(session=session, matrix=default_matrix(), today=TODAY) == 0
    assert audit_since(session, mark) == []


def test_a_matrix_change_raises_and_ends_appetite_alerts(session: Session) -> None:
    now_above = new_risk(session, "Warehouse flooding", ("residual", 3, 3))
    assert alerts.list_alerts(session=session, risk_id=now_above) == []

    settings.save_matrix(session=session, matrix=default_matrix().with_cell(3, 3, "high"), today=TODAY)

    raised = alerts.list_alerts(session=session, risk_id=now_above)
    assert [(a.kind, a.severity, a.state, a.raised_on, a.breach_ended_on) for a in raised] == [
        ("appetite", "high", "open", TODAY, None)
    ]

    # Raising the appetite to "high" ends the breach.
    settings.save_matrix(
        session=session,
        matrix=RiskMatrix.from_dict(
            {**default_matrix().with_cell(3, 3, "high").to_dict(), "appetite": "high"}
        ),
        today=date(2026, 3, 20),
    )
    assert [a.breach_ended_on for a in alerts.list_alerts(session=session, risk_id=now_above)] == [
        date(2026, 3, 20)
    ]


def test_shrinking_the_matrix_below_an_assessment_is_refused(database: Database) -> None:
    with database.session() as session:
        outside = new_risk(session, "Warehouse flooding", ("inherent", 5, 5), ("residual", 2, 2))
        inside = new_risk(session, "Key supplier fails", ("inherent", 3, 3))
        audits = count(session, AuditEntry)

        with pytest.raises(ValidationError) as caught:
            settings.save_matrix(session=session, matrix=shrunk_matrix(), today=TODAY)

        assert caught.value.codes() == {"cells": "settings.assessment_outside_matrix"}
        params = dict(caught.value.problems[0].params)
        assert (params["code"], params["kind"].code, params["likelihood"], params["impact"]) == (
            "R-0001", "inherent", 5, 5,
        )  # fmt: skip
        assert caught.value.message("zh_CN").startswith("风险 R-0001 的固有风险评估（5 x 5）超出新矩阵。")
        # Nothing written and nothing left pending in the session for a later commit.
        assert settings.get_matrix(session=session) == default_matrix()
        assert count(session, AuditEntry) == audits
        settings.set_company_name(session=session, name="Aldermoor Sensing Systems Ltd.")

    with database.session() as session:
        assert settings.get_matrix(session=session) == default_matrix()
        assert levels(session, outside) == ("critical", "low")
        assert levels(session, inside) == ("medium", None)


def test_shrinking_is_allowed_when_every_assessment_fits(session: Session) -> None:
    new_risk(session, "Warehouse flooding", ("inherent", 4, 4))
    assert settings.save_matrix(session=session, matrix=shrunk_matrix(), today=TODAY) == 0
    assert settings.get_matrix(session=session).likelihood_count == 4


# Defaults ---------------------------------------------------------------------------------


def test_ensure_defaults_is_idempotent(session: Session) -> None:
    departments = [d.name for d in settings.list_departments(session=session)]
    categories = [c.code for c in settings.list_categories(session=session)]
    mark = last_audit_id(session)
    versions = session.get(Setting, settings.MATRIX).version

    settings.ensure_defaults(session=session)
    settings.ensure_defaults(session=session)

    assert count(session, Department) == len(DEFAULT_DEPARTMENTS) == 7
    assert count(session, Category) == len(DEFAULT_CATEGORIES)
    assert sorted(departments) == sorted(DEFAULT_DEPARTMENTS)
    assert categories == [code for code, _ in DEFAULT_CATEGORIES]
    assert session.get(Setting, settings.MATRIX).version == versions
    assert audit_since(session, mark) == []


def test_ensure_defaults_keeps_a_customised_matrix(session: Session) -> None:
    custom = default_matrix().with_cell(1, 1, "medium")
    settings.save_matrix(session=session, matrix=custom, today=TODAY)
    settings.ensure_defaults(session=session)
    assert settings.get_matrix(session=session) == custom


def test_seeding_is_audited_as_creates(database: Database) -> None:
    with database.session() as session:
        creates = session.exec(
            select(AuditEntry.entity, func.count())
            .where(AuditEntry.action == "create")
            .group_by(AuditEntry.entity)
        ).all()
    assert dict(creates) == {
        "department": len(DEFAULT_DEPARTMENTS),
        "category": len(DEFAULT_CATEGORIES),
        "setting": 1,
    }


# Quality policy and simple settings -------------------------------------------------------


def test_set_quality_policy_is_audited(session: Session) -> None:
    mark = last_audit_id(session)
    policy = settings.set_quality_policy(
        session=session, text=" We meet customer requirements. ", approved_on=date(2025, 1, 15)
    )

    assert policy == settings.QualityPolicy("We meet customer requirements.", date(2025, 1, 15))
    assert settings.get_quality_policy(session=session) == policy
    assert audit_since(session, mark) == [
        ("setting", "quality_policy", "create", None, None, "quality_policy", session.info["user"])
    ]

    mark = last_audit_id(session)
    settings.set_quality_policy(
        session=session, text="We meet and exceed customer requirements.", approved_on=date(2025, 6, 1)
    )
    old = json.dumps({"approved_on": "2025-01-15", "text": "We meet customer requirements."})
    new = json.dumps({"approved_on": "2025-06-01", "text": "We meet and exceed customer requirements."})
    assert audit_since(session, mark) == [
        ("setting", "quality_policy", "update", "value", old, new, session.info["user"])
    ]


def test_an_empty_policy_is_refused_and_writes_nothing(session: Session) -> None:
    mark = last_audit_id(session)
    with pytest.raises(ValidationError) as caught:
        settings.set_quality_policy(session=session, text="  ", approved_on=None)
    assert caught.value.codes() == {"text": "required"}
    assert caught.value.message("en") == "The policy text is required."
    assert caught.value.message("zh_CN") == "质量方针文本为必填项。"
    assert audit_since(session, mark) == []
    assert settings.get_quality_policy(session=session) == settings.QualityPolicy("", None)


def test_fiscal_start_month(session: Session) -> None:
    assert settings.get_fiscal_start_month(session=session) == 1
    settings.set_fiscal_start_month(session=session, month=4)
    assert settings.get_fiscal_start_month(session=session) == 4
    for bad in (0, 13):
        with pytest.raises(ValidationError) as caught:
            settings.set_fiscal_start_month(session=session, month=bad)
        assert caught.value.codes() == {"fiscal_year_start_month": "settings.fiscal_month_range"}
    assert settings.get_fiscal_start_month(session=session) == 4


def test_lookups_by_name_are_case_insensitive(session: Session) -> None:
    operations = settings.department_id(session=session, name=" operations ")
    assert session.get(Department, operations).name == "Operations"
    assert settings.category_id(session=session, code_or_name="OPERATIONAL") == settings.category_id(
        session=session, code_or_name="Operational"
    )
    with pytest.raises(ValidationError) as caught:
        settings.department_id(session=session, name="Quality Assurance")
    assert caught.value.codes() == {"department": "settings.no_department"}
    assert caught.value.problems[0].params == {"name": "Quality Assurance"}
    with pytest.raises(ValidationError) as caught:
        settings.category_id(session=session, code_or_name="Weather")
    assert caught.value.codes() == {"category": "settings.no_category"}
    assert caught.value.message("zh_CN") == "没有风险类别“Weather”。"


def test_department_names_are_unique(session: Session) -> None:
    added = settings.add_department(session=session, name="Legal")
    assert added.name == "Legal"
    with pytest.raises(ValidationError) as caught:
        settings.add_department(session=session, name=" legal ")
    assert caught.value.codes() == {"name": "settings.department_exists"}
    assert caught.value.errors == {"name": "A department named “legal” already exists."}


def test_settings_refusals_are_catalogue_codes_in_both_languages(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        settings.set_language(session=session, language="fr")
    assert caught.value.codes() == {"language": "settings.unknown_language"}
    assert caught.value.message("en") == "The language must be one of system, en, zh_CN (got “fr”)."
    with pytest.raises(ValidationError) as caught:
        settings.set_company_name(session=session, name=" ")
    assert caught.value.codes() == {"company_name": "required"}
    assert caught.value.message("zh_CN") == "公司名称为必填项。"
    with pytest.raises(ValidationError) as caught:
        settings.add_category(session=session, name="x" * 81)
    assert caught.value.codes() == {"name": "too_long"}
    assert caught.value.message("en") == "The category name is too long (81 characters; at most 80)."
    with pytest.raises(ValidationError) as caught:
        settings.add_category(session=session, name=" OPERATIONAL ")
    assert caught.value.codes() == {"name": "settings.category_exists"}
    assert caught.value.message("zh_CN") == "名为“OPERATIONAL”的类别已存在。"
