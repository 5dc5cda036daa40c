"""Every sentence of the catalogue exists in English and in Chinese, with the same placeholders."""

from __future__ import annotations

import string

from opsdesk.domain.catalogue import en, message, zh_CN
from opsdesk.domain.errors import DatabaseError


def _placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_english_message_has_a_chinese_one_with_the_same_placeholders() -> None:
    # "<code>#one" is English's singular form; Chinese needs none and uses "<code>".
    missing = sorted(code for code in set(en.MESSAGES) - set(zh_CN.MESSAGES) if "#" not in code)
    assert missing == []
    differing = {
        code: (sorted(_placeholders(text)), sorted(_placeholders(zh_CN.MESSAGES[code])))
        for code, text in en.MESSAGES.items()
        if "#" not in code and _placeholders(text) != _placeholders(zh_CN.MESSAGES[code])
    }
    assert differing == {}


def test_an_error_named_inside_another_sentence_is_shown_in_the_same_language() -> None:
    inner = DatabaseError("fault.locked", path="a.db", reason="")
    assert message("restore.nothing_restored", {"reason": inner}, "en") == (
        "Nothing was restored: a.db is locked by another program (another OpsDesk or a database tool); close it "
        "and try again. This is not damage; nothing was changed."
    )
    assert message("restore.nothing_restored", {"reason": inner}, "zh_CN").startswith(
        "未恢复任何内容：a.db 被另一个程序"
    )


def test_several_problems_are_one_line_of_sentences_in_each_language() -> None:
    from opsdesk.domain.errors import Problem, ValidationError

    error = ValidationError(
        [
            Problem("title", "required", {}, "risk"),
            Problem("owner", "too_long", {"count": 130, "limit": 120}, "risk"),
        ]
    )
    for language, between in (("en", " "), ("zh_CN", "")):
        sentences = [problem.message(language) for problem in error.problems]
        assert error.message(language) == between.join(sentences)
    assert error.message("en") == (
        "The title is required. The owner's name is too long (130 characters; at most 120)."
    )
    assert ";" not in error.message("zh_CN") and "；" not in error.message("zh_CN")
