"""The subcommands that look after the register file: `demo`, `check`, `backup`, `backups`, `restore`, `encrypt`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opsdesk.cli.connection import connect, database_arg, new_password, open_register, register_password
from opsdesk.domain.catalogue import text
from opsdesk.domain.errors import ValidationError


def register(commands: argparse._SubParsersAction) -> None:
    """Add the register's own commands to the `opsdesk` command."""
    demo = commands.add_parser("demo", help="load the demo data set into the database")
    demo.add_argument("--force", action="store_true", help="load even if the database already holds risks")
    demo.set_defaults(handler=cmd_demo)

    check = commands.add_parser(
        "check", help="check the database's integrity, schema version and audit trail (hash chain, cut-backs)"
    )
    check.add_argument(
        "--accept", action="store_true",
        help="accept an audit trail shorter than this computer last saw (after a restore you know of)",
    )  # fmt: skip
    check.add_argument(
        "--against", metavar="REPORT.xlsx",
        help="also check that history up to the audit entry a closed quarter's report printed is unchanged",
    )  # fmt: skip
    check.set_defaults(handler=cmd_check)

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("--out", metavar="FILE", help="where to write it (default: the backups folder)")
    backup.set_defaults(handler=cmd_backup)

    backups = commands.add_parser("backups", help="list the backups of the database, newest first")
    backups.set_defaults(handler=cmd_backups)

    restore = commands.add_parser(
        "restore", help="replace the database by a backup (checked first; the current one is kept)"
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.set_defaults(handler=cmd_restore)

    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt the register file with a password (SQLCipher), and its backups with the same key; "
        "the password is asked at a terminal or read with --password-stdin",
    )
    encrypt.add_argument(
        "--keep-plain", action="store_true",
        help="keep the unencrypted register beside it (NAME.plain-STAMP) and leave the backups unencrypted",
    )  # fmt: skip
    encrypt.add_argument("--remember", action="store_true", help="keep the password in the system keyring")
    encrypt.set_defaults(handler=cmd_encrypt)


def cmd_demo(args: argparse.Namespace) -> int:
    from opsdesk.services.demo import load_demo

    database = open_register(args)
    try:
        with database.session() as session:
            summary = load_demo(session=session, force=args.force)
    finally:
        database.dispose()
    print(text("cli.demo_loaded", name=database.display_name, summary=summary))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from opsdesk.services.register_check import accept_audit_trail, check_register

    anchor = None
    if args.against:
        from opsdesk.reports.anchor import workbook_anchor

        report = Path(args.against).expanduser()
        anchor = (*workbook_anchor(report), report.name)
    # Read-only on the register: checking writes nothing there, takes no backup, upgrades nothing.
    database = connect(args, create=False, migrate=False, read_only=True)
    try:
        result = check_register(database, anchor=anchor)
        accepted = (
            args.accept
            and result.witness_problem is not None
            and result.audit is not None
            and result.audit.ok
        )
        if accepted:
            accept_audit_trail(database)
    finally:
        database.dispose()
    *details, summary = result.findings()
    for line in details:
        print(line)
    if accepted:
        print(text("cli.check_accepted", name=database.display_name))
        return 0
    if result.ok or result.pending:
        print(summary)
    else:
        print(summary, file=sys.stderr)
    if result.witness_problem is not None:
        print(text("cli.check_accept_hint"), file=sys.stderr)
    return 0 if result.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from opsdesk.store.backup import backup_sqlite

    database = open_register(args, create=False)
    try:
        if database.path is None:
            raise ValidationError({"db": "backup.server_makes_its_own"})
        target = backup_sqlite(database.path, Path(args.out) if args.out else None, key=database.key)
    finally:
        database.dispose()
    print(text("cli.backup_written", path=target))
    return 0


def _sqlite_file(args: argparse.Namespace) -> Path:
    from opsdesk.store.database import database_url, sqlite_path
    from opsdesk.store.locations import refuse_network_drive

    path = sqlite_path(database_url(database_arg(args)))
    if path is None:
        raise ValidationError({"db": "backup.server_restores_its_own"})
    refuse_network_drive(path, allowed=args.allow_network_drive)
    return path


def cmd_backups(args: argparse.Namespace) -> int:
    from opsdesk.services.backups import backup_folder, list_backups

    path = _sqlite_file(args)
    backups = list_backups(path)
    if not backups:
        print(text("cli.no_backups", path=path, folder=backup_folder(path)))
        return 0
    for info in backups:
        print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {info.reason:<14} {info.size // 1024:>7} KB  {info.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from opsdesk.services.backups import restore_database
    from opsdesk.services.settings import ensure_defaults
    from opsdesk.store.cipher import file_key, looks_encrypted
    from opsdesk.store.database import open_database

    path = _sqlite_file(args)
    source = Path(args.file).expanduser()
    password = key = source_key = None
    if looks_encrypted(path) or (not path.exists() and looks_encrypted(source)):
        # An encrypted register takes only a backup encrypted with its password.
        password = register_password(args, path)
        source_key = file_key(source, password)
        key = file_key(path, password) if path.exists() else source_key
    result = restore_database(path, source, key, source_key=source_key)
    # Opening upgrades an older backup's schema (after its own backup) and proves it opens.
    database = open_database(path, allow_network_drive=args.allow_network_drive, password=password)
    try:
        with database.session() as session:
            ensure_defaults(session=session)
    finally:
        database.dispose()
    print(text("cli.restored", path=path, source=result.source, schema=result.schema))
    if result.safety_backup is not None:
        print(text("cli.restore_safety_backup", path=result.safety_backup))
    if result.broken_copy is not None:
        print(text("cli.restore_broken_copy", path=result.broken_copy))
    return 0


def cmd_encrypt(args: argparse.Namespace) -> int:
    from opsdesk.services.backups import encrypt_register, list_backups
    from opsdesk.store.cipher import is_plain_sqlite
    from opsdesk.store.credentials import save_password
    from opsdesk.store.database import open_database

    path = _sqlite_file(args)
    # Opened plain (and upgraded, backed up first, if it is older): what is encrypted is a current register.
    database = open_database(path, create=False, allow_network_drive=args.allow_network_drive)
    try:
        password = new_password(args, path)
        result = encrypt_register(database, password, keep_plain=args.keep_plain)
    finally:
        database.dispose()
    # Proves the password opens it before saying so.
    open_database(path, password=password, allow_network_drive=args.allow_network_drive).dispose()
    print(text("cli.encrypted", path=str(path)))
    if result.plain_copy is not None:
        print(text("cli.plain_copy_kept", path=str(result.plain_copy)))
    if result.backups_encrypted:
        print(text("cli.backups_encrypted", count=len(result.backups_encrypted)))
    plain = [info.path for info in list_backups(path) if is_plain_sqlite(info.path)]
    if plain:
        warning = text("cli.backups_still_plain", count=len(plain), path=str(plain[0]))
        print(text("cli.warning", message=warning), file=sys.stderr)
    if args.remember:
        from opsdesk.store.database import database_url

        if save_password(database_url(str(path)), password):
            print(text("cli.password_kept_keyring"))
        else:
            print(text("cli.warning", message=text("cli.no_keyring_kept")), file=sys.stderr)
    return 0
