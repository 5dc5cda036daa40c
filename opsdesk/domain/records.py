"""The field table of every record: one declaration each, from which the rest is derived.

Read `opsdesk.domain.fields` for what a field says. Order matters: editors, the register's
columns and the Excel sheets list fields in the order they are declared here. Header
synonyms are the words people put above the column in their own workbooks (English and
Chinese); the import guesses a column's field from them.
"""

from __future__ import annotations

from opsdesk.domain.fields import Field, RecordFields
from opsdesk.domain.fields import FieldKind as K

ASSESSMENT_KINDS = ("inherent", "residual", "target")

LIKELIHOOD_WORDS = ("likelihood", "probability", "likelihood rating", "likelihood score", "chance", "l")
IMPACT_WORDS = ("impact", "severity", "consequence rating", "impact rating", "impact score", "i")
ZH_LIKELIHOOD_WORDS = ("可能性", "发生可能性", "可能性等级", "发生概率", "概率")
ZH_IMPACT_WORDS = ("影响", "影响程度", "影响等级", "严重程度", "严重性")
ASSESSMENT_KIND_WORDS = {
    "inherent": (("inherent", "gross", "initial", "raw", "untreated", "pre control"), ("固有", "初始")),
    "residual": (("residual", "net", "current", "post control", "treated"), ("剩余", "残余", "当前")),
    "target": (("target", "desired", "planned"), ("目标",)),
}


def _prefixed(kind: str, words: tuple[str, ...], zh_words: tuple[str, ...]) -> tuple[str, ...]:
    english, chinese = ASSESSMENT_KIND_WORDS[kind]
    return tuple(f"{prefix} {word}" for prefix in english for word in words) + tuple(
        f"{prefix}{word}" for prefix in chinese for word in zh_words
    )


def _current_assessment_fields() -> list[Field]:
    """The risk's current assessment of each kind: kept on the risk so the register sorts in SQL."""
    fields: list[Field] = []
    for kind in ASSESSMENT_KINDS:
        title = kind.capitalize()
        # An unprefixed "Likelihood" or "Impact" header means the inherent one.
        plain_l = LIKELIHOOD_WORDS + ZH_LIKELIHOOD_WORDS if kind == "inherent" else ()
        plain_i = IMPACT_WORDS + ZH_IMPACT_WORDS if kind == "inherent" else ()
        fields += [
            Field(
                f"{kind}_likelihood",
                K.INTEGER,
                f"{title} likelihood",
                computed=True,
                synonyms=_prefixed(kind, LIKELIHOOD_WORDS, ZH_LIKELIHOOD_WORDS) + plain_l,
            ),
            Field(
                f"{kind}_impact",
                K.INTEGER,
                f"{title} impact",
                computed=True,
                synonyms=_prefixed(kind, IMPACT_WORDS, ZH_IMPACT_WORDS) + plain_i,
            ),
            Field(f"{kind}_score", K.INTEGER, f"{title} score", computed=True),
            Field(f"{kind}_level", K.LEVEL, f"{title} level", computed=True),
        ]
        if kind != "target":
            plain_p = (
                ("probability %", "probability percent", "% probability", "概率 %")
                if kind == "inherent"
                else ()
            )
            plain_f = (
                ("financial impact", "impact amount", "cost impact", "财务影响", "损失金额")
                if kind == "inherent"
                else ()
            )
            # From the current assessment itself, not kept on the risk.
            fields += [
                Field(
                    f"{kind}_probability",
                    K.PERCENT,
                    f"{title} probability (%)",
                    computed=True,
                    stored=False,
                    synonyms=_prefixed(kind, ("probability %", "probability percent"), ("概率 %",)) + plain_p,
                ),
                Field(
                    f"{kind}_financial_impact",
                    K.MONEY,
                    f"{title} financial impact",
                    computed=True,
                    stored=False,
                    synonyms=_prefixed(kind, ("financial impact", "impact amount"), ("财务影响",)) + plain_f,
                ),
            ]
    return fields


RISK = RecordFields("risk", (
    Field("code", K.CODE, "Code", computed=True, synonyms=(
        "code", "risk code", "opsdesk code", "风险编号", "风险代码")),
    Field("title", K.TEXT, "Title", required=True, section="identification", hint="A short name for the risk",
          synonyms=("title", "risk title", "risk", "name", "risk name", "short description", "risk statement",
                    "statement", "threat", "threat event", "threat scenario", "risk event", "event", "risk scenario",
                    "scenario", "hazard", "issue", "风险名称", "风险", "标题", "名称", "风险事件", "威胁", "威胁事件",
                    "风险点", "风险事项", "风险场景")),
    Field("description", K.LONG_TEXT, "Description", section="identification", hint="What could happen",
          synonyms=("description", "risk description", "details", "detail", "risk details", "描述", "风险描述",
                    "详细描述")),
    Field("cause", K.LONG_TEXT, "Cause", section="identification", hint="Why it could happen",
          synonyms=("cause", "causes", "risk cause", "root cause", "source of risk", "原因", "风险原因", "成因",
                    "致因")),
    Field("consequence", K.LONG_TEXT, "Consequence", section="identification", hint="What it would do to us",
          synonyms=("consequence", "consequences", "effect", "effects", "后果", "影响后果", "风险后果")),
    Field("reference", K.TEXT, "Reference", max_length=60, section="identification",
          hint="The risk's ID in your own workbook",
          synonyms=("reference", "ref", "risk ref", "risk reference", "risk id", "id", "risk no", "risk number",
                    "risk #", "no", "number", "workbook id", "参考编号", "原编号", "风险序号")),
    Field("category_id", K.CATEGORY, "Category", required=True, section="classification",
          synonyms=("category", "risk category", "type", "risk type", "class", "类别", "风险类别", "类型",
                    "风险类型", "分类")),
    Field("source", K.CHOICE, "Identification source", choices="source", default="other", section="classification",
          synonyms=("identification source", "source", "risk source", "identified by method", "来源", "识别来源",
                    "风险来源")),
    Field("department_id", K.DEPARTMENT, "Department", required=True, section="classification",
          synonyms=("department", "dept", "business unit", "unit", "division", "function", "team", "部门",
                    "责任部门", "所属部门", "归口部门")),
    Field("owner", K.PERSON, "Owner", section="classification", hint="Who looks after it",
          synonyms=("owner", "risk owner", "responsible", "responsible person", "accountable", "owner name", "负责人",
                    "责任人", "风险负责人", "风险责任人")),
    Field("identified_on", K.DATE, "Identified on", required=True, no_future=True, section="classification",
          synonyms=("identified on", "date identified", "identification date", "date raised", "raised on", "date",
                    "date logged", "logged on", "date added", "识别日期", "日期", "登记日期", "发现日期")),
    Field("status", K.CHOICE, "Status", choices="risk_status", default="identified", section="classification",
          synonyms=("status", "risk status", "state", "状态", "风险状态")),
    Field("next_review", K.DATE, "Next review", section="classification",
          synonyms=("next review", "review date", "next review date", "review by", "review due date", "下次评审",
                    "下次评审日期", "评审日期", "复核日期", "下次复核")),
    *_current_assessment_fields(),
    Field("strategy", K.CHOICE, "Response strategy", choices="strategy", section="response",
          synonyms=("response strategy", "strategy", "response", "treatment", "treatment strategy", "risk response",
                    "treatment option", "response type", "应对策略", "策略", "应对方式", "处置策略")),
    Field("rationale", K.LONG_TEXT, "Rationale", section="response", hint="Why this response",
          synonyms=("response rationale", "rationale", "response plan", "应对方案", "应对理由", "应对措施")),
    Field("controls", K.LONG_TEXT, "Existing controls", section="response", hint="What already reduces the risk",
          synonyms=("existing controls", "controls", "current controls", "control measures", "existing control",
                    "current control measures", "existing control measures", "controls in place", "key controls",
                    "现有控制措施", "现有控制", "已有控制措施", "控制措施", "现有措施")),
    Field("acceptance_approver", K.PERSON, "Approved by", none_when_empty=True, section="acceptance",
          synonyms=("acceptance approver", "approver", "approved by", "accepted by", "批准人", "审批人")),
    Field("acceptance_justification", K.LONG_TEXT, "Justification", none_when_empty=True, section="acceptance",
          synonyms=("acceptance justification", "justification", "acceptance rationale", "接受理由")),
    Field("accepted_on", K.DATE, "Accepted on", no_future=True, section="acceptance",
          synonyms=("accepted on", "acceptance date", "接受日期")),
    Field("acceptance_expires", K.DATE, "Acceptance expires", section="acceptance",
          synonyms=("acceptance expires", "acceptance expiry", "acceptance expiry date", "expires", "接受到期",
                    "接受有效期")),
    Field("details", K.LONG_TEXT, "Workbook details", max_length=20000, section="identification",
          hint="Other columns of the workbook, one \"Label: value\" a line",
          synonyms=("workbook details", "other details", "additional information", "工作簿信息", "其他信息")),
))  # fmt: skip

ASSESSMENT = RecordFields("assessment", (
    Field("kind", K.CHOICE, "Kind", required=True, choices="assessment_kind"),
    Field("likelihood", K.INTEGER, "Likelihood", required=True, section="assessment"),
    Field("impact", K.INTEGER, "Impact", required=True, section="assessment"),
    Field("score", K.INTEGER, "Score", computed=True),
    Field("level", K.LEVEL, "Level", computed=True),
    Field("probability", K.PERCENT, "Probability %", section="assessment", hint="optional, 0–100"),
    Field("financial_impact", K.MONEY, "Financial impact", minimum=0, section="assessment", hint="optional amount"),
    Field("assessed_on", K.DATE, "Assessed on", no_future=True, section="assessment",
          synonyms=("assessed on", "assessment date", "last assessed", "date assessed", "评估日期")),
    Field("assessor", K.PERSON, "Assessor", computed=True),
    Field("note", K.TEXT, "Note", max_length=2000, section="assessment", hint="Why this assessment"),
))  # fmt: skip

ACTION = RecordFields("action", (
    Field("title", K.TEXT, "Action", required=True, section="action",
          synonyms=("action", "action title", "task", "措施", "行动")),
    Field("kind", K.CHOICE, "Kind", choices="action_kind", default="mitigation", section="action"),
    Field("owner", K.PERSON, "Owner", section="action", hint="Who does it",
          synonyms=("action owner", "owner", "responsible", "措施负责人", "负责人")),
    Field("due_date", K.DATE, "Due date", section="action",
          synonyms=("due date", "due", "target date", "deadline", "完成期限", "截止日期")),
    Field("status", K.CHOICE, "Status", choices="action_status", default="planned", section="action"),
    Field("completed_on", K.DATE, "Completed on", no_future=True, section="action"),
    Field("cost", K.MONEY, "Cost", minimum=0, section="action"),
    Field("note", K.LONG_TEXT, "Note", max_length=4000, section="action"),
))  # fmt: skip

KRI = RecordFields("kri", (
    Field("name", K.TEXT, "Indicator", required=True, max_length=120, section="kri",
          synonyms=("kri", "indicator", "key risk indicator", "kri name", "indicator name", "metric", "指标",
                    "风险指标", "关键风险指标", "预警指标", "指标名称")),
    Field("description", K.LONG_TEXT, "Description", max_length=4000, section="kri"),
    Field("unit", K.TEXT, "Unit", max_length=20, section="kri"),
    Field("direction", K.CHOICE, "Direction", choices="direction", default="higher_is_worse", section="kri"),
    Field("warning", K.NUMBER, "Warning at", required=True, section="kri"),
    Field("alarm", K.NUMBER, "Alarm at", required=True, section="kri"),
    Field("frequency", K.CHOICE, "Reading frequency", choices="frequency", default="monthly", section="kri"),
    Field("department_id", K.DEPARTMENT, "Department to notify", required=True, section="kri"),
))  # fmt: skip

READING = RecordFields("reading", (
    Field("read_on", K.DATE, "Date", required=True, no_future=True, section="reading",
          synonyms=("date", "reading date", "read on", "measured on", "as of", "日期", "读数日期", "测量日期")),
    Field("value", K.NUMBER, "Value", required=True, section="reading",
          synonyms=("value", "reading", "actual", "result", "数值", "值", "读数")),
    Field("note", K.TEXT, "Note", max_length=1000, section="reading",
          synonyms=("comment", "comments", "note", "notes", "remark", "remarks", "备注", "说明", "评论")),
    Field("state", K.CHOICE, "State", choices="kri_state", computed=True),
    Field("recorded_by", K.PERSON, "Recorded by", computed=True),
))  # fmt: skip

OBJECTIVE = RecordFields("objective", (
    Field("name", K.TEXT, "Name", required=True, max_length=120, section="objective",
          synonyms=("objective", "quality objective", "objective name", "kpi", "goal", "质量目标", "目标", "指标")),
    Field("description", K.LONG_TEXT, "Description", section="objective"),
    Field("department_id", K.DEPARTMENT, "Department", required=True, section="objective"),
    Field("owner", K.PERSON, "Owner", section="objective"),
    Field("kind", K.CHOICE, "Kind", choices="objective_kind", default="ratio", section="objective"),
    Field("unit", K.TEXT, "Unit", max_length=20, default="%", section="objective"),
    Field("numerator_label", K.TEXT, "Numerator", max_length=80, section="objective"),
    Field("denominator_label", K.TEXT, "Denominator", max_length=80, section="objective"),
    Field("target", K.NUMBER, "Target", required=True, section="objective"),
    Field("direction", K.CHOICE, "Direction", choices="direction", default="lower_is_worse", section="objective"),
    Field("tolerance", K.NUMBER, "Tolerance", minimum=0, default=0.0, section="objective"),
    Field("frequency", K.CHOICE, "Frequency", choices="frequency", default="monthly", section="objective"),
))  # fmt: skip

MEASUREMENT = RecordFields("measurement", (
    Field("period", K.TEXT, "Period", required=True, max_length=10, section="measurement",
          synonyms=("period", "month", "quarter", "week", "date", "期间", "月份", "季度", "周", "日期")),
    Field("numerator", K.NUMBER, "Numerator", minimum=0, section="measurement",
          synonyms=("numerator", "passed", "pass", "good", "conforming", "ok", "defects", "defective", "complaints",
                    "failures", "on time", "shipped on time", "分子", "合格数", "合格", "不合格数", "投诉数", "投诉")),
    Field("denominator", K.NUMBER, "Denominator", minimum=0, section="measurement",
          synonyms=("denominator", "inspected", "tested", "total", "sample", "sample size", "orders",
                    "orders delivered", "deliveries", "shipped", "分母", "检验数", "抽检数", "总数", "样本量", "订单数")),
    Field("value", K.NUMBER, "Value", section="measurement",
          synonyms=("value", "actual", "result", "measured", "数值", "实际值")),
    Field("note", K.TEXT, "Note", max_length=2000, section="measurement",
          synonyms=("note", "notes", "comment", "remark", "备注", "说明")),
))  # fmt: skip

NONCONFORMITY = RecordFields("nonconformity", (
    Field("code", K.CODE, "Code", computed=True),
    Field("title", K.TEXT, "Title", required=True, section="nonconformity"),
    Field("source", K.CHOICE, "Source", choices="nc_source", default="other", section="nonconformity"),
    Field("severity", K.CHOICE, "Severity", choices="severity", default="minor", section="nonconformity"),
    Field("department_id", K.DEPARTMENT, "Department", section="nonconformity"),
    Field("product_process", K.TEXT, "Product or process", section="nonconformity"),
    Field("detected_on", K.DATE, "Detected on", required=True, no_future=True, section="nonconformity"),
    Field("owner", K.PERSON, "Owner", section="nonconformity"),
    Field("description", K.LONG_TEXT, "Description", section="nonconformity"),
    Field("containment", K.LONG_TEXT, "Containment", section="nonconformity"),
    Field("disposition", K.CHOICE, "Disposition", choices="disposition", section="nonconformity"),
    Field("root_cause", K.LONG_TEXT, "Root cause", section="analysis"),
    Field("six_m", K.CHOICE, "6M category", choices="six_m", section="analysis"),
    Field("status", K.CHOICE, "Status", choices="nc_status", default="open", computed=True),
    Field("effectiveness", K.CHOICE, "Effectiveness", choices="effectiveness", computed=True),
    Field("verified_by", K.PERSON, "Verified by", computed=True),
    Field("verified_on", K.DATE, "Verified on", computed=True),
    Field("closed_on", K.DATE, "Closed on", computed=True),
))  # fmt: skip

MEETING = RecordFields("meeting", (
    Field("held_on", K.DATE, "Held on", required=True, section="meeting"),
    Field("title", K.TEXT, "Title", required=True, section="meeting"),
    Field("agenda", K.LONG_TEXT, "Agenda", max_length=20000, section="meeting"),
    Field("minutes", K.LONG_TEXT, "Minutes", max_length=20000, section="meeting"),
))  # fmt: skip

SUGGESTION = RecordFields("suggestion", (
    Field("code", K.CODE, "Code", computed=True),
    Field("title", K.TEXT, "Title", required=True, section="suggestion"),
    Field("submitter", K.PERSON, "Submitter", required=True, section="suggestion"),
    Field("department_id", K.DEPARTMENT, "Department", required=True, section="suggestion"),
    Field("submitted_on", K.DATE, "Submitted on", no_future=True, section="suggestion"),
    Field("description", K.LONG_TEXT, "Description", section="suggestion"),
    Field("expected_benefit", K.LONG_TEXT, "Expected benefit", section="suggestion"),
    Field("estimated_cost", K.MONEY, "Estimated cost", minimum=0, section="suggestion"),
    Field("status", K.CHOICE, "Status", choices="suggestion_status", default="submitted", computed=True),
    Field("reviewer", K.PERSON, "Reviewer", computed=True),
    Field("reviewed_on", K.DATE, "Reviewed on", computed=True),
    Field("decision_note", K.LONG_TEXT, "Decision note", computed=True),
    Field("reward_points", K.INTEGER, "Reward points", minimum=0, computed=True),
    Field("reward_amount", K.MONEY, "Reward amount", minimum=0, computed=True),
    Field("realised_benefit", K.LONG_TEXT, "Realised benefit", computed=True),
    Field("implemented_on", K.DATE, "Implemented on", computed=True),
))  # fmt: skip

FEEDBACK = RecordFields("feedback", (
    Field("received_on", K.DATE, "Received on", required=True, no_future=True, section="feedback"),
    Field("channel", K.CHOICE, "Channel", choices="feedback_channel", default="email", section="feedback"),
    Field("customer", K.TEXT, "Customer", max_length=120, section="feedback"),
    Field("product", K.TEXT, "Product", max_length=120, section="feedback"),
    Field("is_complaint", K.FLAG, "Complaint", default=False, section="feedback"),
    Field("rating", K.INTEGER, "Rating (1–5)", minimum=1, maximum=5, section="feedback"),
    Field("response_hours", K.NUMBER, "Response time (hours)", minimum=0, section="feedback"),
    Field("description", K.LONG_TEXT, "Description", section="feedback"),
))  # fmt: skip

RECORDS: dict[str, RecordFields] = {
    table.name: table
    for table in (RISK, ASSESSMENT, ACTION, KRI, READING, OBJECTIVE, MEASUREMENT, NONCONFORMITY, MEETING,
                  SUGGESTION, FEEDBACK)
}  # fmt: skip


def field_english_label(record: str, key: str) -> str | None:
    """The English label of a record's field (None when the table has no such field)."""
    table = RECORDS.get(record)
    spec = table.get(key) if table is not None else None
    return spec.label if spec is not None else None
