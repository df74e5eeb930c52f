"""Backup and restore: a round trip brings everything back; a bad archive changes nothing."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from wpsmonitor.commitments import services
from wpsmonitor.commitments.models import Commitment, Evidence, Status
from wpsmonitor.core.backup import (
    MANIFEST,
    CorruptBackup,
    IncompatibleBackup,
    NotABackup,
    check_schema,
    create_backup,
    read_backup,
    restore_backup,
)
from wpsmonitor.core.models import Organisation


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:  # noqa: ANN001
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def ledger(scene, media):  # noqa: ANN001, ANN201
    """The scene with a draft self report whose first update carries an uploaded file."""
    report = scene.self_report(statuses={scene.commitments[0]: Status.LIMITED})
    update = report.updates.get()
    services.evidence_add(
        update=update,
        title="Training attendance list",
        by=scene.focal_point,
        file=SimpleUploadedFile("attendance.txt", b"23 officers attended"),
    )
    return scene


def _rewrite(archive: Path, out: Path, change: dict[str, bytes | None]) -> Path:
    """A copy of ``archive`` with members replaced (bytes) or removed (None)."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(out, "w:gz") as dst:
        for info in src:
            data = src.extractfile(info).read() if info.isfile() else None
            if info.name in change:
                data = change[info.name]
                if data is None:
                    continue
                info.size = len(data)
            dst.addfile(info, io.BytesIO(data) if data is not None else None)
    return out


def test_a_backup_restores_the_data_and_the_uploaded_files(ledger, media, tmp_path) -> None:
    archive = tmp_path / "backup.tar.gz"
    manifest = create_backup(archive)
    assert manifest.counts["commitments"] == 3
    evidence = Evidence.objects.get()
    stored = media / evidence.file.name
    assert stored.read_bytes() == b"23 officers attended"

    Commitment.objects.filter(pk=ledger.commitments[1].pk).delete()
    Organisation.objects.create(name="Added after the backup", slug="added", kind="ministry")
    stored.unlink()
    (media / "stray.txt").write_text("not in the backup")

    restore_backup(archive)

    assert Commitment.objects.count() == 3
    assert not Organisation.objects.filter(slug="added").exists()
    assert Evidence.objects.get().file.name == evidence.file.name
    assert stored.read_bytes() == b"23 officers attended"
    assert not (media / "stray.txt").exists()


def test_the_manifest_lists_every_member_with_its_checksum(ledger, tmp_path) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive)
    with tarfile.open(archive, "r:gz") as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile(MANIFEST).read())
    assert manifest["format"] == "wpsmonitor-backup"
    assert manifest["format_version"] == 1
    assert manifest["database_engine"] in {"sqlite", "postgresql"}
    assert {"created_at", "app_version", "migrations"} <= set(manifest)
    assert set(manifest["members"]) == set(names) - {MANIFEST}
    assert "database/data.json" in names
    assert any(n.startswith("media/evidence/") for n in names)
    assert all(len(m["sha256"]) == 64 for m in manifest["members"].values())


def test_read_backup_accepts_its_own_archive(ledger, tmp_path) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive)
    assert read_backup(archive).media_files() == 1


def test_an_archive_with_a_changed_member_is_refused_and_nothing_changes(
    ledger, media, tmp_path
) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive)
    with tarfile.open(archive, "r:gz") as tar:
        data = tar.extractfile("database/data.json").read()
    tampered = _rewrite(
        archive,
        tmp_path / "tampered.tar.gz",
        {"database/data.json": data.replace(b"Ministry", b"Mlnistry")},
    )
    Organisation.objects.create(name="Kept", slug="kept", kind="ministry")

    with pytest.raises(CorruptBackup, match="checksum"):
        restore_backup(tampered)

    assert Organisation.objects.filter(slug="kept").exists()
    assert list(media.parent.glob(".wpsmonitor-restore-*")) == []


def test_an_archive_missing_a_listed_member_is_refused(ledger, tmp_path) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive)
    media_name = next(n for n in read_backup(archive).members if n.startswith("media/"))
    incomplete = _rewrite(archive, tmp_path / "incomplete.tar.gz", {media_name: None})
    with pytest.raises(CorruptBackup):
        read_backup(incomplete)


def test_a_truncated_archive_is_refused_and_nothing_changes(ledger, tmp_path) -> None:
    archive = tmp_path / "backup.tar.gz"
    create_backup(archive)
    raw = archive.read_bytes()
    for keep in (len(raw) // 2, len(raw) - 10):
        cut = tmp_path / f"cut-{keep}.tar.gz"
        cut.write_bytes(raw[:keep])
        with pytest.raises(CorruptBackup, match="truncated"):
            restore_backup(cut)
    assert Commitment.objects.count() == 3


def test_a_tar_without_our_manifest_is_refused_as_foreign(db, tmp_path) -> None:
    foreign = tmp_path / "photos.tar.gz"
    with tarfile.open(foreign, "w:gz") as tar:
        info = tarfile.TarInfo("holiday.jpg")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"\xff\xd8\xff\xe0"))
    with pytest.raises(NotABackup, match="no manifest"):
        read_backup(foreign)


def test_an_archive_made_by_another_application_is_refused_as_foreign(db, tmp_path) -> None:
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        data = json.dumps({"format": "someone-else", "format_version": 1}).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(NotABackup, match="another application"):
        read_backup(other)


def test_an_archive_in_a_later_format_version_is_refused(ledger, tmp_path) -> None:
    archive = tmp_path / "backup.tar.gz"
    manifest = create_backup(archive)
    data = json.loads(manifest.to_json())
    data["format_version"] = 2
    later = _rewrite(archive, tmp_path / "later.tar.gz", {MANIFEST: json.dumps(data).encode()})
    with pytest.raises(NotABackup, match="format 2"):
        read_backup(later)


@pytest.mark.parametrize("kind", ["zip", "text", "gzip"])
def test_a_file_that_is_not_a_tar_gz_is_refused_as_foreign(db, tmp_path, kind: str) -> None:
    path = tmp_path / f"file.{kind}"
    if kind == "zip":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("manifest.json", "{}")
    elif kind == "text":
        path.write_text("hello")
    else:
        path.write_bytes(gzip.compress(b"not a tar archive at all" * 40))
    with pytest.raises((NotABackup, CorruptBackup)):
        read_backup(path)


def test_a_backup_from_a_newer_schema_is_refused_with_what_to_do(ledger, tmp_path) -> None:
    archive = tmp_path / "backup.tar.gz"
    manifest = create_backup(archive)
    manifest.migrations["commitments"].append("9999_from_the_future")
    with pytest.raises(IncompatibleBackup, match="newer version"):
        check_schema(manifest)


def test_the_restore_command_refuses_a_foreign_archive_with_a_clear_message(db, tmp_path) -> None:
    foreign = tmp_path / "foreign.zip"
    with zipfile.ZipFile(foreign, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(CommandError, match="not a WPS Monitor backup"):
        call_command("restore", str(foreign), "--yes")


def test_the_backup_and_restore_commands_round_trip(ledger, tmp_path) -> None:
    archive = tmp_path / "cmd.tar.gz"
    out = io.StringIO()
    call_command("backup", "-o", str(archive), stdout=out)
    assert "Backup written" in out.getvalue()
    Commitment.objects.all().delete()
    call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert Commitment.objects.count() == 3


def _wpsmonitor(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "wpsmonitor.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_commands_round_trip_a_live_sqlite_database_with_its_raw_copy(tmp_path) -> None:
    """Outside the test transaction: SQLite's backup API, the dump from the copy, the restore."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "MEDIA_ROOT"}}
    env["WPS_DATA_DIR"] = str(tmp_path / "var")
    count = (
        "from wpsmonitor.core.models import Organisation as O; "
        "print(O.objects.filter(slug='kept').count())"
    )
    (tmp_path / "var" / "media").mkdir(parents=True)
    _wpsmonitor(env, "migrate", "--noinput", "--run-syncdb", "-v", "0")
    _wpsmonitor(
        env,
        "shell",
        "-c",
        "from wpsmonitor.core.models import Organisation as O; "
        "O.objects.create(name='Kept', slug='kept', kind='ministry')",
    )
    (tmp_path / "var" / "media" / "note.txt").write_text("uploaded")
    archive = tmp_path / "live.tar.gz"
    _wpsmonitor(env, "backup", "-o", str(archive))
    names = set(read_backup(archive).members)
    assert {"database/data.json", "database/db.sqlite3", "media/note.txt"} <= names

    _wpsmonitor(
        env,
        "shell",
        "-c",
        "from wpsmonitor.core.models import Organisation as O; O.objects.all().delete()",
    )
    (tmp_path / "var" / "media" / "note.txt").unlink()
    assert _wpsmonitor(env, "shell", "-v", "0", "-c", count).strip() == "0"
    _wpsmonitor(env, "restore", str(archive), "--yes")
    assert _wpsmonitor(env, "shell", "-v", "0", "-c", count).strip() == "1"
    assert (tmp_path / "var" / "media" / "note.txt").read_text() == "uploaded"
