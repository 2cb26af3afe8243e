"""What a backup holds, and what a restore refuses: every model is in it unless excluded with a
reason; a damaged, truncated or tampered archive, an unknown format version, another schema
and a store that already holds data are refused with one line, exit 1, and nothing written."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from django.apps import apps

from grenzeloos import backup
from grenzeloos.canvas.models import Revision
from grenzeloos.cli import main
from tests.legal.factories import AssessmentFactory


def test_every_installed_model_is_backed_up_unless_excluded_with_a_reason():
    included = {m._meta.label_lower for m in backup.backed_up_models()}
    installed = {m._meta.label_lower for m in apps.get_models() if not m._meta.proxy}
    assert installed - included == set(backup.EXCLUDED)
    # Every model of every Grenzeloos app is in: none may be excluded.
    ours = {
        m._meta.label_lower
        for m in apps.get_models()
        if m._meta.app_config.name.startswith("grenzeloos.")
    }
    assert ours and ours <= included
    assert all(reason.strip() for reason in backup.EXCLUDED.values())
    # Each model comes after the models it refers to.
    order = [m._meta.label_lower for m in backup.backed_up_models()]
    assert order.index("collaborations.collaboration") < order.index("canvas.revision")
    assert order.index("auth.user") < order.index("audit.auditevent")


def _rows(store_is_empty: bool) -> None:
    assert backup.store_is_empty() is store_is_empty


def _restore(capsys, archive: Path, *extra: str) -> tuple[int, str]:
    code = main(["restore", str(archive), *extra])
    error = capsys.readouterr().err
    return code, error


@pytest.fixture
def archive(people, tmp_path) -> Path:
    """A backup of the ``people`` store with a signed-off assessment, then the store emptied."""
    AssessmentFactory(
        collaboration=people["collaboration"],
        author=people["owner"],
        signed_off_by=people["editor"],
    )
    path = tmp_path / "store.zip"
    backup.write_backup(path)
    from django.db import transaction

    with transaction.atomic():
        backup._delete_everything("default")
    _rows(store_is_empty=True)
    return path


def _rewrite(source: Path, target: Path, change) -> Path:
    """A copy of the archive with members changed by ``change(name, bytes) -> bytes``."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, change(info.filename, old.read(info.filename)))
    return target


def _manifest_change(update, *, resign: bool = True):
    def change(name: str, content: bytes) -> bytes:
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        update(manifest)
        if resign:  # as if written so, its checksum made anew
            manifest["sha256"] = backup.whole_digest(manifest)
        return json.dumps(manifest).encode()

    return change


@pytest.mark.django_db(transaction=True)
def test_damaged_archives_are_refused_and_write_nothing(archive, tmp_path, capsys):
    size = archive.stat().st_size
    truncated = tmp_path / "truncated.zip"
    truncated.write_bytes(archive.read_bytes()[: size // 2])
    not_zip = tmp_path / "notes.zip"
    not_zip.write_text("hello")
    flipped = tmp_path / "flipped.zip"
    data = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as opened:
        info = opened.getinfo("data/canvas.revision.jsonl")
    data[info.header_offset + 30 + len(info.filename) + info.compress_size // 2] ^= 0xFF
    flipped.write_bytes(bytes(data))

    def tamper(name: str, content: bytes) -> bytes:
        # A changed row in a member restored late (earlier members are in by then: the
        # transaction must roll them back).
        if name == "data/ledger.contribution.jsonl" or name.endswith("legal.answerchange.jsonl"):
            return content.replace(b'"author":', b'"author": ', 1)
        return content

    tampered = _rewrite(archive, tmp_path / "tampered.zip", tamper)
    future = _rewrite(
        archive, tmp_path / "future.zip", _manifest_change(lambda m: m.update(version=2))
    )
    changed_manifest = _rewrite(
        archive,
        tmp_path / "changed.zip",
        # A member that has rows claims none (which member is the fourth depends on the apps).
        _manifest_change(
            lambda m: next(x for x in m["members"] if x["rows"]).update(rows=0), resign=False
        ),
    )
    other_schema = _rewrite(
        archive,
        tmp_path / "schema.zip",
        _manifest_change(lambda m: m.update(migrations=m["migrations"][:-1])),
    )
    refused = {
        truncated: "is damaged, truncated or not a Grenzeloos backup",
        not_zip: "is damaged, truncated or not a Grenzeloos backup",
        flipped: "is damaged, truncated or not a Grenzeloos backup",
        tampered: "does not match",
        future: "is a backup of format version 2; this release reads version 1",
        changed_manifest: "the manifest's checksum does not match",
        other_schema: "the backup was written at another schema",
        tmp_path / "missing.zip": "no such file",
    }
    for path, message in refused.items():
        code, error = _restore(capsys, path)
        assert code == 1, path
        assert message in error, error
        assert error.startswith("grenzeloos: error: ") and error.count("\n") == 1
        assert "Traceback" not in error
        _rows(store_is_empty=True)

    code, error = _restore(capsys, archive)
    assert (code, error) == (0, "")
    assert Revision.objects.count() == 1
    _rows(store_is_empty=False)


@pytest.mark.django_db(transaction=True)
def test_a_store_with_data_is_refused_unless_replace(archive, tmp_path, capsys, people):
    assert _restore(capsys, archive) == (0, "")
    second = tmp_path / "second.zip"
    backup.write_backup(second)
    code, error = _restore(capsys, archive)
    assert code == 1
    assert "the store already holds data" in error and "--replace" in error

    # --replace: what the store holds is gone, the archive's rows are back, byte for byte.
    Revision.objects.update(message="changed after the backup")
    assert _restore(capsys, archive, "--replace") == (0, "")
    third = tmp_path / "third.zip"
    backup.write_backup(third)
    assert _members(third) == _members(second)
    assert not Revision.objects.filter(message="changed after the backup").exists()


def _members(path: Path) -> list[tuple[str, int, str]]:
    with zipfile.ZipFile(path) as opened:
        manifest = json.loads(opened.read("manifest.json"))
    return [(m["model"], m["rows"], m["sha256"]) for m in manifest["members"]]


def test_a_backup_into_a_missing_folder_is_one_line(tmp_path, capsys, db):
    assert main(["backup", str(tmp_path / "nowhere" / "store.zip")]) == 1
    error = capsys.readouterr().err
    folder = tmp_path / "nowhere"
    assert error == f"grenzeloos: error: {folder}/store.zip: folder {folder} does not exist\n"
