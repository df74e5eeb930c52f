"""Backups: one .tar.gz with the database and the uploaded files, and a manifest to check it.

An archive holds:
- ``database/data.json``: every row of every app (Django's ``dumpdata``), the format that
  ``restore`` loads, on SQLite and PostgreSQL alike;
- ``database/db.sqlite3`` (SQLite only, when not called inside a transaction): a raw copy made
  with SQLite's backup API, for recovery by hand;
- ``media/...``: the files under MEDIA_ROOT (evidence, source documents);
- ``manifest.json`` (last): format and version, when it was made, the database engine, the app
  version, the applied migrations and the SHA-256 and size of every other member.

Both the dump and the copy come from one consistent snapshot: on SQLite the backup API copies
the live database (writers are not blocked) and the dump is read from that copy by a separate
process; on PostgreSQL the dump runs in one repeatable-read transaction.

``restore_backup`` reads and checks the whole archive into a staging folder before it touches
anything; then it replaces the database in one transaction and swaps the media folder.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = "wpsmonitor-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "database/data.json"
SQLITE_COPY = "database/db.sqlite3"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go ahead; ``message`` says why and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotABackup(BackupError):
    """The file is not an archive made by ``wpsmonitor backup`` (in a format this version reads)."""


class CorruptBackup(BackupError):
    """The archive is ours but damaged: truncated, or a member does not match its checksum."""


class IncompatibleBackup(BackupError):
    """The archive's database schema differs from this installation's."""


@dataclass(frozen=True)
class Member:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    format: str
    format_version: int
    created_at: str
    app_version: str
    database_engine: str
    django_version: str
    migrations: dict[str, list[str]]
    members: dict[str, Member]
    counts: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {
            "format": self.format,
            "format_version": self.format_version,
            "app": "wpsmonitor",
            "created_at": self.created_at,
            "app_version": self.app_version,
            "database_engine": self.database_engine,
            "django_version": self.django_version,
            "migrations": self.migrations,
            "counts": self.counts,
            "members": {
                name: {"sha256": m.sha256, "size": m.size} for name, m in self.members.items()
            },
        }
        return json.dumps(data, indent=2, sort_keys=True)

    def media_files(self) -> int:
        return sum(1 for name in self.members if name.startswith(MEDIA + "/"))


def app_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wpsmonitor")
    except PackageNotFoundError:
        return "unknown"


def applied_migrations(alias: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    """The applied migrations per app, as names sorted within each app."""
    result: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connections[alias]).applied_migrations():
        result.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(result.items())}


def default_output(now: dt.datetime) -> Path:
    return Path(settings.DATA_DIR) / "backups" / f"wpsmonitor-backup-{now:%Y%m%d-%H%M%S}.tar.gz"


# --- making a backup -------------------------------------------------------------------------


def create_backup(output: Path | None = None, *, now: dt.datetime | None = None) -> Manifest:
    """Write a backup archive to ``output`` (by default under DATA_DIR/backups/)."""
    now = now or timezone.now()
    output = Path(output) if output is not None else default_output(now)
    output.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[DEFAULT_DB_ALIAS]
    with tempfile.TemporaryDirectory(prefix="wpsmonitor-backup-") as tmp:
        work = Path(tmp)
        files: dict[str, Path] = {DATA: work / "data.json"}
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            files[SQLITE_COPY] = work / "db.sqlite3"
            _sqlite_copy(files[SQLITE_COPY])
            counts = _dump_copy(files[SQLITE_COPY], files[DATA])
        else:
            # Inside a caller's transaction (SQLite cannot copy a database that has its own
            # write pending) the dump alone is made, and is consistent within that transaction.
            with transaction.atomic():
                if connection.vendor == "postgresql" and _outermost(connection):
                    with connection.cursor() as cursor:
                        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                counts = _dump(files[DATA], DEFAULT_DB_ALIAS)
        members: dict[str, Member] = {}
        partial = output.with_name(output.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as tar:
                for name, path in files.items():
                    members[name] = _add_file(tar, name, path)
                for name, path in _media_files():
                    members[name] = _add_file(tar, name, path)
                manifest = Manifest(
                    format=FORMAT,
                    format_version=FORMAT_VERSION,
                    created_at=now.isoformat(),
                    app_version=app_version(),
                    database_engine=connection.vendor,
                    django_version=_django_version(),
                    migrations=applied_migrations(),
                    members=members,
                    counts=counts,
                )
                raw = manifest.to_json().encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(raw), int(now.timestamp()), 0o644
                tar.addfile(info, _BytesReader(raw))
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def _django_version() -> str:
    import django

    return django.get_version()


def _outermost(connection: Any) -> bool:
    """True when this atomic block opened the transaction (so its isolation can still be set);
    false inside an enclosing transaction, such as a test's."""
    return len(connection.atomic_blocks) == 1


def _sqlite_copy(target: Path) -> None:
    """A consistent copy of the live SQLite database through SQLite's backup API."""
    connection = connections[DEFAULT_DB_ALIAS]
    connection.ensure_connection()
    destination = sqlite3.connect(str(target))
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _dump_copy(copy: Path, output: Path) -> dict[str, int]:
    """Dump the SQLite copy in a separate process pointed at it, so the live database is
    neither locked nor read twice."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{copy}",
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "wpsmonitor.settings"),
    }
    command = [
        sys.executable,
        "-m",
        "django",
        "dumpdata",
        "--all",
        "--format",
        "json",
        "--output",
        str(output),
        "--verbosity",
        "0",
    ]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BackupError(
            _("The database dump failed: %(error)s") % {"error": done.stderr.strip()[-2000:]}
        )
    counts: dict[str, int] = {}
    with closing(sqlite3.connect(f"file:{copy}?mode=ro", uri=True)) as db:
        for label, model in _counted_models().items():
            table = '"' + model._meta.db_table.replace('"', '""') + '"'
            counts[label] = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    return counts


def _counted_models() -> dict[str, Any]:
    from django.contrib.auth import get_user_model

    from wpsmonitor.commitments.models import Commitment, Instrument, ProgressReport
    from wpsmonitor.core.models import Organisation

    return {
        "users": get_user_model(),
        "organisations": Organisation,
        "instruments": Instrument,
        "commitments": Commitment,
        "reports": ProgressReport,
    }


def _dump(path: Path, alias: str) -> dict[str, int]:
    call_command("dumpdata", all=True, format="json", output=str(path), database=alias, verbosity=0)
    return {
        label: model._default_manager.using(alias).count()
        for label, model in _counted_models().items()
    }


def _media_files() -> Iterator[tuple[str, Path]]:
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield f"{MEDIA}/{path.relative_to(root).as_posix()}", path


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def read(self, n: int = -1) -> bytes:
        end = len(self.data) if n < 0 else self.offset + n
        chunk = self.data[self.offset : end]
        self.offset += len(chunk)
        return chunk


class _HashingReader:
    """Reads a file for tarfile and hashes exactly the bytes that went into the archive."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle, self.digest, self.size = handle, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        chunk = self.handle.read(n)
        self.digest.update(chunk)
        self.size += len(chunk)
        return chunk


def _add_file(tar: tarfile.TarFile, name: str, path: Path) -> Member:
    info = tar.gettarinfo(str(path), arcname=name)
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    with open(path, "rb") as handle:
        reader = _HashingReader(handle)
        tar.addfile(info, reader)
    return Member(sha256=reader.digest.hexdigest(), size=reader.size)


# --- reading and checking an archive ---------------------------------------------------------


def read_backup(path: Path) -> Manifest:
    """Check every member of an archive and return its manifest; raise a BackupError if it is
    foreign, damaged or truncated. Nothing outside a temporary folder is written."""
    with tempfile.TemporaryDirectory(prefix="wpsmonitor-check-") as tmp:
        return _stage(Path(path), Path(tmp))


def _allowed(name: str) -> bool:
    parts = PurePosixPath(name).parts
    if not parts or name.startswith("/") or ".." in parts or "\\" in name:
        return False
    return name in (MANIFEST, DATA, SQLITE_COPY) or (parts[0] == MEDIA and len(parts) > 1)


def _stage(path: Path, into: Path) -> Manifest:
    """Extract the archive into ``into`` while hashing it, then check it against its manifest."""
    if not path.is_file():
        raise BackupError(_("%(path)s does not exist or is not a file.") % {"path": path})
    with open(path, "rb") as handle:
        magic = handle.read(2)
    if magic != b"\x1f\x8b":
        raise NotABackup(
            _("%(path)s is not a WPS Monitor backup: it is not a .tar.gz archive.") % {"path": path}
        )
    damaged = CorruptBackup(
        _(
            "%(path)s is damaged or truncated: it cannot be read to the end. Use another copy "
            "of the backup."
        )
        % {"path": path}
    )
    found: dict[str, Member] = {}
    unexpected: list[str] = []
    try:
        with tarfile.open(path, "r:gz") as tar:
            for info in tar:
                if info.isdir():
                    continue
                if not info.isfile() or not _allowed(info.name):
                    unexpected.append(info.name)
                    if info.isfile():
                        _drain(tar.extractfile(info))
                    continue
                if info.name in found:
                    unexpected.append(info.name)
                    continue
                target = into / info.name
                target.parent.mkdir(parents=True, exist_ok=True)
                found[info.name] = _copy_hashed(tar.extractfile(info), target)
            # Read to the end of the compressed stream so a cut-off trailer is noticed.
            assert tar.fileobj is not None
            while tar.fileobj.read(CHUNK):
                pass
    except (tarfile.TarError, EOFError, zlib.error, OSError) as exc:
        raise damaged from exc
    if MANIFEST not in found:
        raise NotABackup(
            _(
                "%(path)s is not a WPS Monitor backup: it has no manifest.json. Only archives "
                "made by `wpsmonitor backup` can be restored."
            )
            % {"path": path}
        )
    manifest = _parse_manifest(into / MANIFEST, path)
    if unexpected:
        raise CorruptBackup(
            _(
                "%(path)s holds files its manifest does not list (%(names)s); it was changed "
                "after it was made."
            )
            % {"path": path, "names": ", ".join(unexpected[:5])}
        )
    listed = set(manifest.members)
    present = set(found) - {MANIFEST}
    if listed != present:
        missing = sorted(listed - present) or sorted(present - listed)
        raise CorruptBackup(
            _("%(path)s does not match its manifest (%(names)s): it is incomplete or was changed.")
            % {"path": path, "names": ", ".join(missing[:5])}
        )
    for name, member in manifest.members.items():
        if found[name] != member:
            raise CorruptBackup(
                _("%(path)s is damaged: %(name)s does not match its checksum.")
                % {"path": path, "name": name}
            )
    if DATA not in found:
        raise CorruptBackup(_("%(path)s has no database dump.") % {"path": path})
    return manifest


def _drain(handle: IO[bytes] | None) -> None:
    if handle is not None:
        while handle.read(CHUNK):
            pass


def _copy_hashed(source: IO[bytes] | None, target: Path) -> Member:
    digest, size = hashlib.sha256(), 0
    with open(target, "wb") as out:
        while source is not None and (chunk := source.read(CHUNK)):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return Member(sha256=digest.hexdigest(), size=size)


def _parse_manifest(path: Path, archive: Path) -> Manifest:
    foreign = NotABackup(
        _(
            "%(path)s was not made by `wpsmonitor backup`: its manifest belongs to another "
            "application."
        )
        % {"path": archive}
    )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise foreign from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise foreign
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise NotABackup(
            _(
                "%(path)s uses backup format %(found)s; this version of WPS Monitor reads format "
                "%(ours)s. Restore it with the version that made it (%(app)s)."
            )
            % {
                "path": archive,
                "found": version,
                "ours": FORMAT_VERSION,
                "app": data.get("app_version", "?"),
            }
        )
    try:
        members = {
            str(name): Member(sha256=str(m["sha256"]), size=int(m["size"]))
            for name, m in data["members"].items()
        }
        return Manifest(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            created_at=str(data["created_at"]),
            app_version=str(data.get("app_version", "")),
            database_engine=str(data.get("database_engine", "")),
            django_version=str(data.get("django_version", "")),
            migrations={str(k): [str(n) for n in v] for k, v in data["migrations"].items()},
            members=members,
            counts={str(k): int(v) for k, v in data.get("counts", {}).items()},
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CorruptBackup(_("%(path)s has an incomplete manifest.") % {"path": archive}) from exc


def check_schema(manifest: Manifest) -> None:
    """Refuse an archive whose migrations differ from this database's, saying what to run."""
    ours = applied_migrations()
    if manifest.migrations == ours:
        return
    theirs = {(app, name) for app, names in manifest.migrations.items() for name in names}
    here = {(app, name) for app, names in ours.items() for name in names}
    newer = sorted(theirs - here)
    if newer:
        raise IncompatibleBackup(
            _(
                "This backup was made by a newer version of WPS Monitor (%(app)s): its database "
                "has migrations this installation lacks (%(names)s). Upgrade WPS Monitor, run "
                "`wpsmonitor migrate`, then restore."
            )
            % {"app": manifest.app_version, "names": ", ".join(f"{a}.{n}" for a, n in newer[:5])}
        )
    steps = [
        f"wpsmonitor migrate {app} {manifest.migrations[app][-1] if app in manifest.migrations else 'zero'}"  # noqa: E501
        for app in sorted({a for a, _n in here - theirs})
    ]
    raise IncompatibleBackup(
        _(
            "This backup was made with an older database schema (version %(app)s). Take the "
            "database back to that schema with: %(steps)s; then restore, then run "
            "`wpsmonitor migrate`."
        )
        % {"app": manifest.app_version, "steps": "; ".join(steps)}
    )


# --- restoring -------------------------------------------------------------------------------


def restore_backup(path: Path) -> Manifest:
    """Replace the database and the uploaded files with the archive's, after checking all of
    it; a refused or failed restore leaves both as they were."""
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".wpsmonitor-restore-", dir=media_root.parent))
    try:
        manifest = _stage(Path(path), staging)
        check_schema(manifest)
        with transaction.atomic():
            if connection.vendor == "postgresql":
                # Deferred constraint checks pending from earlier writes block TRUNCATE.
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
            call_command("loaddata", str(staging / DATA), verbosity=0)
        _swap_media(staging / MEDIA, media_root)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return manifest


def _swap_media(new: Path, media_root: Path) -> None:
    """Put the restored files in place of MEDIA_ROOT with two renames on the same disk."""
    new.mkdir(parents=True, exist_ok=True)
    previous = media_root.with_name(f".{media_root.name}-before-restore")
    shutil.rmtree(previous, ignore_errors=True)
    try:
        if media_root.exists():
            os.replace(media_root, previous)
        os.replace(new, media_root)
    except OSError:
        # MEDIA_ROOT may be a mount point that cannot be renamed: replace its contents instead.
        if previous.exists() and not media_root.exists():
            os.replace(previous, media_root)
        for child in media_root.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        shutil.copytree(new, media_root, dirs_exist_ok=True)
    shutil.rmtree(previous, ignore_errors=True)
