"""The refusals of a team login are catalogue codes, in English and in Chinese."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from opsdesk.domain import catalogue
from opsdesk.domain.access import Access
from opsdesk.domain.catalogue import en, zh_CN
from opsdesk.domain.errors import Problem, ValidationError
from opsdesk.store.server_roles import set_user


def test_a_bad_login_name_is_refused_with_a_code_before_the_server_is_asked() -> None:
    # The name is checked first: the connection (not a server's) is never used.
    with create_engine("sqlite://").connect() as connection, pytest.raises(ValidationError) as refused:
        set_user(connection, "1st-login", Access.VIEWER, password="x")
    assert refused.value.codes() == {"name": "login.bad_name"}
    assert refused.value.message("en").startswith("A login name has letters, digits and _ . @ -")
    assert refused.value.message("zh_CN").startswith("登录名由字母、数字和")


@pytest.mark.parametrize(
    ("code", "english", "chinese"),
    [
        ("login.superuser", "alice is a superuser of the server", "alice 是服务器的超级用户"),
        (
            "login.other_register",
            "alice belongs to another register (opsdesk_b_viewer)",
            "alice 属于另一个登记册",
        ),
        ("login.not_ours", "alice already exists on the server", "alice 已存在于服务器上"),
        (
            "login.admins_list_people",
            "Only this register's administrators may list its people.",
            "只有本登记册的管理员",
        ),
    ],
)
def test_a_login_refusal_names_the_login_in_both_languages(code: str, english: str, chinese: str) -> None:
    refused = ValidationError(Problem("name", code, {"name": "alice", "registers": "opsdesk_b_viewer"}))
    assert refused.message("en").startswith(english)
    assert refused.message("zh_CN").startswith(chinese)


def test_every_login_code_has_an_english_and_a_chinese_sentence() -> None:
    codes = {key for key in en.MESSAGES if key.startswith("login.")}
    assert len(codes) == 11
    assert codes == {key for key in zh_CN.MESSAGES if key.startswith("login.")}
    for code in codes:
        assert catalogue.message(code, {"name": "alice", "registers": "x"}, "zh_CN") != catalogue.message(
            code, {"name": "alice", "registers": "x"}, "en"
        )
