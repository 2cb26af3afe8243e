"""``grenzeloos backup FILE`` and ``grenzeloos restore FILE``: the whole store, losslessly.

The archive is one ZIP file:

- ``manifest.json``: the format name and version, when and from which database it was taken,
  the store's migration state, and one entry per member (model, rows, SHA-256), plus the
  SHA-256 of the whole (over the member entries, in order);
- ``data/<app>.<model>.jsonl``: one member per model, one row per line in Django's natural
  serialisation (``{"model", "pk", "fields"}``), so it reads the same on SQLite and PostgreSQL;
- ``files/<name>``: every file a row names in a file field (a challenge's submission
  attachments), as the default file storage holds it, listed in the manifest's ``files`` with
  its size and SHA-256; a restore checks them all before it writes, and puts them back under
  the same names.

Which models: every concrete model of every installed app, found in the app registry, so a new
capability's data is in the next backup without anyone listing it. Only :data:`EXCLUDED` is
left out, each with its reason; rows point at content types and permissions by natural key.

Backup reads one consistent moment while the app keeps serving: on SQLite a copy made with the
online backup API, on PostgreSQL one read-only REPEATABLE READ transaction. Rows are streamed,
never the whole store in memory. Restore runs in one transaction into an empty store (or, with
``replace``, after deleting what is there): a damaged, truncated or tampered archive, an unknown
format version or a store at another schema is refused with one line and nothing is written.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
import uuid
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, cast

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.encoding import is_protected_type
from django.utils.translation import gettext

from grenzeloos.core.errors import UserError

FORMAT = "grenzeloos.backup"
VERSION = 1
MANIFEST = "manifest.json"
#: Rows read and written per database round trip.
CHUNK = 2000

#: Models that are not in a backup, and why. Everything else installed is.
EXCLUDED: dict[str, str] = {
    "contenttypes.contenttype": (
        "made by migrate in every store, with ids of its own; rows refer to them by natural key"
    ),
    "auth.permission": (
        "made by migrate from the models in every store; groups and accounts refer to them by "
        "natural key"
    ),
    "sessions.session": (
        "sign-ins to the server that wrote the backup; a restored store starts signed out"
    ),
    "axes.accessattempt": "sign-in failure counters of the lock-out: the host's running state",
    "axes.accessattemptexpiration": "when those counters expire: the host's running state",
    "axes.accessfailurelog": "the lock-out's log of failed sign-ins: the host's running state",
    "axes.accesslog": "the lock-out's log of sign-ins and -outs: the host's running state",
}


class BackupError(UserError):
    """The archive cannot be written or restored; nothing was written."""


Progress = Callable[[int], None]


# -- which models ------------------------------------------------------------------------------


def backed_up_models() -> list[type[models.Model]]:
    """Every model whose rows a backup holds, each after the models it refers to."""
    chosen = [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in EXCLUDED and model._meta.managed and not model._meta.proxy
    ]
    return _dependency_order(chosen)


def _dependency_order(chosen: list[type[models.Model]]) -> list[type[models.Model]]:
    ordered: list[type[models.Model]] = []
    placed: set[type[models.Model]] = set()
    visiting: set[type[models.Model]] = set()
    members = set(chosen)

    def visit(model: type[models.Model]) -> None:
        if model in placed or model in visiting:
            return  # a cycle: deferred foreign keys make any order of its members work
        visiting.add(model)
        for relation in model._meta.concrete_fields:
            target = _related(relation)
            if target is not None and target in members and target is not model:
                visit(target)
        visiting.discard(model)
        placed.add(model)
        ordered.append(model)

    for model in sorted(chosen, key=lambda m: m._meta.label_lower):
        visit(model)
    return ordered


def _auto_m2m(model: type[models.Model]) -> list[models.ManyToManyField]:  # type: ignore[type-arg]
    """Many-to-many fields whose table Django made (an explicit through model is a model)."""
    return [m2m for m2m in model._meta.local_many_to_many if _through(m2m)._meta.auto_created]


def _through(m2m: models.ManyToManyField) -> type[models.Model]:  # type: ignore[type-arg]
    return cast(type[models.Model], m2m.remote_field.through)


def _related(column: models.Field) -> type[models.Model] | None:  # type: ignore[type-arg]
    """The model a relation points at (None for a plain field)."""
    target = column.related_model if column.is_relation else None
    return cast(type[models.Model], target) if target is not None else None


# -- writing -----------------------------------------------------------------------------------


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    raise TypeError(f"cannot write {type(value).__name__}")


def _dumps(data: Any) -> str:
    # ASCII with escapes: any stored text, even a lone surrogate, survives the round trip.
    return json.dumps(data, ensure_ascii=True, separators=(",", ":"), default=_json_default)


class _Row:
    """What ``Field.value_to_string`` reads: an object with the field's attribute."""


def _encoder(
    model: type[models.Model], alias: str
) -> tuple[list[str], Callable[[tuple[Any, ...]], dict[str, Any]]]:
    """The columns to read and a function turning one row of them into Django's natural form."""
    fields = list(model._meta.local_concrete_fields)
    if model._meta.parents:
        raise BackupError(f"{model._meta.label}: multi-table inheritance is not supported")
    pk_index = next(i for i, f in enumerate(fields) if f.primary_key)
    natural: dict[str, dict[Any, Any]] = {}
    for column in fields:
        target = _related(column)
        if target is not None and target._meta.label_lower in EXCLUDED:
            natural[column.attname] = _natural_keys(target, alias)
    m2m_values: dict[str, dict[Any, list[Any]]] = {}
    for m2m in _auto_m2m(model):
        m2m_values[m2m.name] = _m2m_values(m2m, alias)
    label = model._meta.label_lower

    def value(column: models.Field, raw: Any) -> Any:  # type: ignore[type-arg]
        if raw is None:
            return None
        if column.attname in natural:
            return natural[column.attname][raw]
        if is_protected_type(raw) or isinstance(raw, str | dict | list | bool):
            return raw
        holder = _Row()
        setattr(holder, column.attname, raw)
        return column.value_to_string(cast(Any, holder))

    def encode(row: tuple[Any, ...]) -> dict[str, Any]:
        pk = row[pk_index]
        data = {
            column.name: value(column, raw)
            for column, raw in zip(fields, row, strict=True)
            if not column.primary_key
        }
        for name, values in m2m_values.items():
            data[name] = values.get(pk, [])
        return {"model": label, "pk": value(fields[pk_index], pk), "fields": data}

    return [f.attname for f in fields], encode


def _natural_keys(model: type[models.Model], alias: str) -> dict[Any, Any]:
    if not hasattr(model, "natural_key"):
        raise BackupError(f"{model._meta.label} is not backed up and has no natural key")
    return {row.pk: list(row.natural_key()) for row in model._base_manager.using(alias).all()}


def _m2m_values(m2m: models.ManyToManyField, alias: str) -> dict[Any, list[Any]]:  # type: ignore[type-arg]
    through = _through(m2m)
    source = m2m.m2m_field_name()
    target = m2m.m2m_reverse_field_name()
    related = _related(m2m)
    keys = (
        _natural_keys(related, alias)
        if related is not None and related._meta.label_lower in EXCLUDED
        else None
    )
    values: dict[Any, list[Any]] = defaultdict(list)
    rows = (
        through._base_manager.using(alias)
        .order_by("pk")
        .values_list(f"{source}_id", f"{target}_id")
    )
    for owner, related in rows.iterator(chunk_size=CHUNK):
        values[owner].append(keys[related] if keys is not None else related)
    return values


@dataclass
class Summary:
    """What a backup or restore did: rows per model, and the stored files."""

    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0

    @property
    def total(self) -> int:
        return sum(self.rows.values())


def write_backup(
    target: Path | str,
    *,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Write the whole store to ``target`` (written to a temporary file first, then renamed,
    so a failed backup never leaves a half archive under the name)."""
    target = Path(target)
    partial = target.with_name(f".{target.name}.partial")
    if not target.parent.is_dir():
        raise BackupError(
            f"{target}: " + gettext("folder %(folder)s does not exist") % {"folder": target.parent}
        )
    try:
        with (
            _snapshot(using) as alias,
            zipfile.ZipFile(
                partial, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1
            ) as archive,
        ):
            summary = _write_members(archive, alias, progress)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return summary


def _write_members(
    archive: zipfile.ZipFile, alias: str, progress: Callable[[int, int], None] | None
) -> Summary:
    chosen = backed_up_models()
    counts = {m: m._base_manager.using(alias).count() for m in chosen}
    total = sum(counts.values())
    done = 0
    if progress:
        progress(0, total)
    entries = []
    summary = Summary()
    for model in chosen:
        label = model._meta.label_lower
        name = f"data/{label}.jsonl"
        columns, encode = _encoder(model, alias)
        digest = hashlib.sha256()
        rows = 0
        query = model._base_manager.using(alias).order_by("pk").values_list(*columns)
        with archive.open(_member_info(name), "w", force_zip64=True) as member:
            buffer: list[str] = []
            for row in query.iterator(chunk_size=CHUNK):
                buffer.append(_dumps(encode(row)))
                rows += 1
                if len(buffer) == CHUNK:
                    done += _flush(member, digest, buffer)
                    if progress:
                        progress(done, total)
            done += _flush(member, digest, buffer)
        if progress:
            progress(done, total)
        entries.append({"name": name, "model": label, "rows": rows, "sha256": digest.hexdigest()})
        summary.rows[label] = rows
    files = _write_files(archive, alias, chosen)
    summary.files = len(files)
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "database": connections[alias].vendor,
        "migrations": _migration_state(alias),
        "members": entries,
        "files": files,
    }
    manifest["sha256"] = whole_digest(manifest)
    archive.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=True) + "\n")
    return summary


def _file_fields(model: type[models.Model]) -> list[models.FileField]:  # type: ignore[type-arg]
    return [f for f in model._meta.local_concrete_fields if isinstance(f, models.FileField)]


def _write_files(
    archive: zipfile.ZipFile, alias: str, chosen: list[type[models.Model]]
) -> list[dict[str, Any]]:
    """Every stored file the rows name, as a member ``files/<name>`` each."""
    from django.core.files.storage import default_storage

    entries = []
    names: set[str] = set()
    for model in chosen:
        for column in _file_fields(model):
            query = model._base_manager.using(alias).exclude(**{column.attname: ""})
            names.update(query.values_list(column.attname, flat=True).order_by())
    for name in sorted(names):
        if not default_storage.exists(name):
            raise BackupError(
                gettext("the file %(name)s named in the store is missing") % {"name": name}
            )
        digest = hashlib.sha256()
        size = 0
        member_name = f"files/{name}"
        with (
            default_storage.open(name, "rb") as stored,
            archive.open(_member_info(member_name), "w", force_zip64=True) as member,
        ):
            for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                digest.update(chunk)
                size += len(chunk)
                member.write(chunk)
        entries.append(
            {"name": member_name, "path": name, "size": size, "sha256": digest.hexdigest()}
        )
    return entries


def _check_files(archive: zipfile.ZipFile, entries: list[Any], source: Path | str) -> None:
    """Every file of the archive is there, whole, and has a safe name (before anything is
    written)."""
    for entry in entries:
        path = str(entry.get("path", "")) if isinstance(entry, dict) else ""
        if (
            not path
            or path.startswith(("/", "\\"))
            or ".." in path.replace("\\", "/").split("/")
            or entry.get("name") != f"files/{path}"
        ):
            raise _damaged(source, f"a file with an unsafe name: {path!r}")
        digest = hashlib.sha256()
        try:
            with archive.open(entry["name"]) as raw:
                while chunk := raw.read(1024 * 1024):
                    digest.update(chunk)
        except KeyError:
            raise _damaged(source, f"{entry['name']} is missing") from None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError) as error:
            raise _damaged(source, error) from None
        if digest.hexdigest() != entry.get("sha256"):
            raise _damaged(source, f"the checksum of {entry['name']} does not match")


def _restore_files(archive: zipfile.ZipFile, entries: list[Any]) -> None:
    """Put the archive's files back under their names (one already there is replaced)."""
    from django.core.files.base import File
    from django.core.files.storage import default_storage

    for entry in entries:
        path = entry["path"]
        if default_storage.exists(path):
            default_storage.delete(path)
        with archive.open(entry["name"]) as raw:
            saved = default_storage.save(path, File(raw, name=path))
        if saved != path:
            raise BackupError(
                gettext("the file %(name)s could not be restored under its name") % {"name": path}
            )


def _member_info(name: str) -> zipfile.ZipInfo:
    """A member dated now (``ZipFile.open`` by name would date it 1980), deflated."""
    info = zipfile.ZipInfo(name, date_time=datetime.now().timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def _flush(member: IO[bytes], digest: Any, buffer: list[str]) -> int:
    if not buffer:
        return 0
    chunk = ("\n".join(buffer) + "\n").encode("ascii")
    digest.update(chunk)
    member.write(chunk)
    written = len(buffer)
    buffer.clear()
    return written


def whole_digest(manifest: dict[str, Any]) -> str:
    """The SHA-256 of the whole archive: of the manifest without this digest, which holds the
    format, version, time, database, migrations and each member's rows and SHA-256."""
    content = {key: value for key, value in manifest.items() if key != "sha256"}
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def _migration_state(alias: str) -> list[list[str]]:
    applied = MigrationRecorder(connections[alias]).applied_migrations()
    return sorted([app, name] for app, name in applied)


@contextlib.contextmanager
def _snapshot(using: str) -> Iterator[str]:
    """A database alias that reads one moment of the store while it keeps serving."""
    connection = connections[using]
    if connection.vendor == "sqlite":
        with _sqlite_copy(using) as alias:
            yield alias
    elif connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield using
    else:  # pragma: no cover - the two supported databases are above
        raise BackupError(f"backup does not support the {connection.vendor} database")


@contextlib.contextmanager
def _sqlite_copy(using: str) -> Iterator[str]:
    """Copy the store with SQLite's online backup API (one step, under one read lock: one
    moment, while writers go on) and read the copy through this thread's connection, pointed
    at it for the while (other threads' connections still use the store)."""
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupError("a backup cannot be taken inside a transaction")
    connection.ensure_connection()
    with tempfile.TemporaryDirectory(prefix="grenzeloos-backup-") as folder:
        copy_path = Path(folder) / "snapshot.sqlite3"
        copy = sqlite3.connect(copy_path)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        original = connection.settings_dict
        connection.close()
        connection.settings_dict = {**original, "NAME": str(copy_path)}
        try:
            yield using
        finally:
            connection.close()
            connection.settings_dict = original


# -- reading -----------------------------------------------------------------------------------


def read_manifest(source: Path | str) -> dict[str, Any]:
    """The archive's manifest, checked for format and version (nothing else is read)."""
    with _open_archive(source) as archive:
        return _manifest(archive)


@contextlib.contextmanager
def _open_archive(source: Path | str) -> Iterator[zipfile.ZipFile]:
    try:
        archive = zipfile.ZipFile(source)
    except FileNotFoundError:
        raise BackupError(f"{source}: " + gettext("no such file")) from None
    except (zipfile.BadZipFile, OSError, EOFError) as error:
        raise _damaged(source, error) from None
    with archive:
        yield archive


def _damaged(source: Path | str, error: object) -> BackupError:
    return BackupError(
        gettext("%(file)s is damaged, truncated or not a Grenzeloos backup (%(error)s)")
        % {"file": source, "error": error}
    )


def _manifest(archive: zipfile.ZipFile) -> dict[str, Any]:
    source = archive.filename or "archive"
    try:
        manifest = json.loads(archive.read(MANIFEST))
    except KeyError:
        raise _damaged(source, "no manifest") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
        raise _damaged(source, error) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _damaged(source, "not a Grenzeloos backup")
    if manifest.get("version") != VERSION:
        raise BackupError(
            gettext(
                "%(file)s is a backup of format version %(version)s; this release reads "
                "version %(supported)s"
            )
            % {"file": source, "version": manifest.get("version"), "supported": VERSION}
        )
    entries = manifest.get("members")
    if not isinstance(entries, list) or whole_digest(manifest) != manifest.get("sha256"):
        raise _damaged(source, "the manifest's checksum does not match")
    return manifest


def store_is_empty(using: str = DEFAULT_DB_ALIAS) -> bool:
    """No backed-up model (nor its many-to-many tables) holds a row."""
    for model in backed_up_models():
        if model._base_manager.using(using).exists():
            return False
        for m2m in _auto_m2m(model):
            if _through(m2m)._base_manager.using(using).exists():
                return False
    return True


def restore_backup(
    source: Path | str,
    *,
    replace: bool = False,
    using: str = DEFAULT_DB_ALIAS,
    progress: Callable[[int, int], None] | None = None,
) -> Summary:
    """Restore the archive into the store, in one transaction; see the module docstring."""
    with _open_archive(source) as archive:
        manifest = _manifest(archive)
        _check_schema(manifest, using)
        chosen = {m._meta.label_lower: m for m in backed_up_models()}
        labels = [entry.get("model") for entry in manifest["members"]]
        if sorted(labels) != sorted(chosen):
            raise _damaged(source, "its models are not this release's")
        total = sum(int(entry["rows"]) for entry in manifest["members"])
        files = manifest.get("files") or []
        if not isinstance(files, list):
            raise _damaged(source, "its list of files is not a list")
        _check_files(archive, files, source)
        done = 0
        if progress:
            progress(0, total)
        summary = Summary()
        with transaction.atomic(using=using):
            if not store_is_empty(using):
                if not replace:
                    raise BackupError(
                        gettext(
                            "the store already holds data; restore into an empty store, or "
                            "add --replace to delete what it holds first"
                        )
                    )
                _delete_everything(using)
            links: dict[type[models.Model], list[list[Any]]] = defaultdict(list)
            for entry in manifest["members"]:
                model = chosen[entry["model"]]
                decoder = _Decoder(model, using, links)
                batch: list[list[Any]] = []
                rows = 0
                for item in _read_member(archive, entry, source):
                    batch.append(decoder.row(item))
                    rows += 1
                    if len(batch) == CHUNK:
                        done += _insert(model, decoder.fields, batch, using)
                        if progress:
                            progress(done, total)
                done += _insert(model, decoder.fields, batch, using)
                if progress:
                    progress(done, total)
                if rows != entry["rows"]:
                    raise _damaged(
                        source, f"{entry['name']} holds {rows} rows, not {entry['rows']}"
                    )
                summary.rows[entry["model"]] = rows
            for through, pairs in links.items():
                through_fields = [
                    f for f in through._meta.local_concrete_fields if not f.primary_key
                ]
                _insert(through, through_fields, pairs, using)
            _reset_sequences(using, list(chosen.values()))
            _restore_files(archive, files)
            summary.files = len(files)
        return summary


def _check_schema(manifest: dict[str, Any], using: str) -> None:
    theirs = {tuple(item) for item in manifest.get("migrations", [])}
    ours = {tuple(item) for item in _migration_state(using)}
    if theirs != ours:
        newer = sorted(f"{a}.{n}" for a, n in theirs - ours)
        older = sorted(f"{a}.{n}" for a, n in ours - theirs)
        raise BackupError(
            gettext(
                "the backup was written at another schema (only in the backup: %(backup)s; only "
                "in this store: %(store)s); restore it with the release that wrote it, then "
                "upgrade"
            )
            % {"backup": ", ".join(newer) or "-", "store": ", ".join(older) or "-"}
        )


def _read_member(
    archive: zipfile.ZipFile, entry: dict[str, Any], source: Path | str
) -> Iterator[dict[str, Any]]:
    """The member's rows; its SHA-256 is checked when the last line has been read, so a
    changed byte rolls the whole restore back."""
    digest = hashlib.sha256()
    try:
        with archive.open(entry["name"]) as raw:
            for line in raw:
                digest.update(line)
                yield json.loads(line)
    except KeyError:
        raise _damaged(source, f"{entry['name']} is missing") from None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as error:
        raise _damaged(source, error) from None
    if digest.hexdigest() != entry["sha256"]:
        raise _damaged(source, f"the checksum of {entry['name']} does not match")


class _Decoder:
    """Turns the archive's rows of one model into the values of its table's columns, prepared
    for the database as Django's own insert prepares them; the rows of its many-to-many tables
    go to ``links``."""

    def __init__(
        self, model: type[models.Model], using: str, links: dict[type[models.Model], list[Any]]
    ) -> None:
        self.connection = connections[using]
        self.label = model._meta.label_lower
        self.fields = list(model._meta.local_concrete_fields)
        self.using = using
        self.natural: dict[type[models.Model], dict[tuple[Any, ...], Any]] = {}
        self.links = [(m2m, _through(m2m), links[_through(m2m)]) for m2m in _auto_m2m(model)]

    def _by_natural_key(self, model: type[models.Model], key: Any) -> Any:
        known = self.natural.setdefault(model, {})
        key = tuple(key)
        if key not in known:
            manager = model._default_manager.db_manager(self.using)
            known[key] = manager.get_by_natural_key(*key).pk  # type: ignore[attr-defined]
        return known[key]

    def _value(self, column: models.Field, raw: Any) -> Any:  # type: ignore[type-arg]
        if raw is None:
            return None
        target = _related(column)
        if target is not None and target._meta.label_lower in EXCLUDED:
            return self._by_natural_key(target, raw)
        if target is not None:
            return column.target_field.to_python(raw)  # type: ignore[attr-defined]
        return column.to_python(raw)

    def row(self, item: Any) -> list[Any]:
        try:
            if item["model"] != self.label:
                raise ValueError(f"a row of {item['model']} among those of {self.label}")
            data = item["fields"]
            values = [
                column.get_db_prep_save(
                    self._value(column, item["pk"] if column.primary_key else data[column.name]),
                    connection=self.connection,
                )
                for column in self.fields
            ]
            pk = values[next(i for i, f in enumerate(self.fields) if f.primary_key)]
            for m2m, _through_model, pairs in self.links:
                related = _related(m2m)
                for target in data.get(m2m.name) or []:
                    if related is not None and related._meta.label_lower in EXCLUDED:
                        target = self._by_natural_key(related, target)
                    pairs.append([pk, target])
        except (KeyError, TypeError, ValueError, ValidationError, ObjectDoesNotExist) as error:
            raise BackupError(
                gettext("the backup holds a row this store cannot read: %(error)s")
                % {"error": f"{self.label}: {error!r}"}
            ) from None
        return values


def _insert(
    model: type[models.Model],
    fields: list[models.Field],  # type: ignore[type-arg]
    rows: list[list[Any]],
    using: str,
) -> int:
    """Insert prepared rows as they are (ids, times and all; no ``auto_now``, no signals) in
    one ``executemany``; empties ``rows`` and returns how many there were."""
    if not rows:
        return 0
    connection = connections[using]
    quote = connection.ops.quote_name
    # Table and column names come from the models and are quoted; the values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
    count = len(rows)
    rows.clear()
    return count


def _delete_everything(using: str) -> None:
    """Every backed-up row, without cascading through Python: the foreign keys are checked
    when the transaction commits, after the archive's rows are in.

    The audit log is append-only: on PostgreSQL a row trigger refuses DELETE on its table (audit
    migration 0002). Replacing the whole store is the one place it is emptied (by the operator,
    on the server, to put the archive's log in its place), so there it is TRUNCATEd, which no
    row trigger stops; nothing else in the product empties it."""
    connection = connections[using]
    for model in reversed(backed_up_models()):
        for m2m in _auto_m2m(model):
            _through(m2m)._base_manager.using(using).all()._raw_delete(using)  # type: ignore[attr-defined]
        if model._meta.label_lower == "audit.auditevent" and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {connection.ops.quote_name(model._meta.db_table)}")
            continue
        model._base_manager.using(using).all()._raw_delete(using)  # type: ignore[attr-defined]


def _reset_sequences(using: str, chosen: list[type[models.Model]]) -> None:
    """PostgreSQL: the id sequences continue after the restored ids (SQLite does this itself)."""
    connection = connections[using]
    tables = [*chosen, *(_through(m) for c in chosen for m in _auto_m2m(c))]
    statements = connection.ops.sequence_reset_sql(no_style(), tables)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


# -- the commands ------------------------------------------------------------------------------


def register(subparsers: Any) -> None:
    """``grenzeloos backup FILE`` and ``grenzeloos restore FILE [--replace]``."""
    command = subparsers.add_parser(
        "backup", help="write the whole store to one archive (safe while the app serves)"
    )
    command.add_argument("file", help="the archive to write (a ZIP file)")
    command.set_defaults(handler=_backup_command)

    command = subparsers.add_parser(
        "restore", help="restore an archive into an empty store (one transaction)"
    )
    command.add_argument("file", help="an archive written by grenzeloos backup")
    command.add_argument(
        "--replace",
        action="store_true",
        help="delete everything the store holds first (refused without it when not empty)",
    )
    command.set_defaults(handler=_restore_command)


def _backup_command(args: Any) -> int:
    with _progress_bar(gettext("Backing up")) as progress:
        summary = write_backup(args.file, progress=progress)
    print(
        gettext("%(rows)s rows of %(models)s models written to %(file)s")
        % {"rows": summary.total, "models": len(summary.rows), "file": args.file}
    )
    return 0


def _restore_command(args: Any) -> int:
    from django.db import IntegrityError

    try:
        with _progress_bar(gettext("Restoring")) as progress:
            summary = restore_backup(args.file, replace=args.replace, progress=progress)
    except IntegrityError as error:
        raise BackupError(
            gettext("the backup's rows do not fit together: %(error)s") % {"error": error}
        ) from None
    print(
        gettext("%(rows)s rows of %(models)s models restored from %(file)s")
        % {"rows": summary.total, "models": len(summary.rows), "file": args.file}
    )
    return 0


@contextlib.contextmanager
def _progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A rich progress bar on a terminal (standard error); nothing when not a terminal."""
    import sys

    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        f"[progress.description]{label}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update
