"""Password protection of workbooks, in memory: the file on disk is only ever the encrypted one.

Excel's "Encrypt with Password" (ECMA-376 agile encryption) through msoffcrypto-tool, which
Excel and LibreOffice both open with the password. Nothing here writes a file.
"""

from __future__ import annotations

import io

from opsdesk.domain.errors import OpsDeskError


def encrypt_workbook(plain: bytes, password: str) -> bytes:
    """The .xlsx bytes `plain` encrypted with `password`, as Excel's File > Info > Encrypt does."""
    from msoffcrypto.format.ooxml import OOXMLFile

    if not password:
        raise OpsDeskError("workbook.password_empty")
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, encrypted)
    return encrypted.getvalue()


def is_encrypted(data: bytes) -> bool:
    """Whether `data` is a password-protected Office file (an OLE container, not a zip)."""
    import msoffcrypto
    from msoffcrypto.exceptions import FileFormatError

    try:
        return bool(msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted())
    except (FileFormatError, OSError, ValueError):
        return False


def is_encrypted_xlsx(data: bytes) -> bool:
    """Whether `data` is an .xlsx workbook protected by a password (not an old .xls, encrypted or not)."""
    import msoffcrypto
    from msoffcrypto.exceptions import FileFormatError
    from msoffcrypto.format.ooxml import OOXMLFile

    try:
        office = msoffcrypto.OfficeFile(io.BytesIO(data))
        return isinstance(office, OOXMLFile) and bool(office.is_encrypted())
    except (FileFormatError, OSError, ValueError, AssertionError):
        return False


def decrypt_workbook(data: bytes, password: str) -> bytes:
    """The plain .xlsx bytes of the encrypted workbook `data`; a wrong password is one clear error."""
    import msoffcrypto
    from msoffcrypto.exceptions import DecryptionError, InvalidKeyError

    office = msoffcrypto.OfficeFile(io.BytesIO(data))
    try:
        office.load_key(password=password, verify_password=True)
        plain = io.BytesIO()
        office.decrypt(plain)
    except (InvalidKeyError, DecryptionError):
        raise OpsDeskError("workbook.wrong_password") from None
    return plain.getvalue()
