"""The notices of mentions move to the shared floor (``accounts.Notice``), so every capability
can send one. Every notice is copied first (its person, comment, moment and whether it was
read); only then does governance's own table go."""

from django.db import migrations

#: How much of the comment a moved notice keeps (as :func:`governance.services.comment` does).
EXCERPT = 300


def _comments_path(collaboration_id: int, thread_id: int) -> str:
    # The path of the comments page as governance's URLs had it when this migration was
    # written; a migration never reverses URLs, which may change later.
    return f"/governance/c/{collaboration_id}/comments/#comment-{thread_id}"


def move(apps, schema_editor):
    Old = apps.get_model("governance", "Notice")
    New = apps.get_model("accounts", "Notice")
    batch = []
    for notice in Old.objects.select_related("comment", "comment__collaboration").order_by("pk"):
        comment = notice.comment
        text = f"{comment.collaboration.subject}: {comment.text}"
        batch.append(
            New(
                recipient_id=notice.user_id,
                kind="mention",
                text=text[:EXCERPT],
                url=_comments_path(comment.collaboration_id, comment.parent_id or comment.pk),
                actor_id=comment.author_id,
                created_at=notice.created_at,
                read_at=notice.read_at,
            )
        )
        if len(batch) >= 1000:
            New.objects.bulk_create(batch)
            batch = []
    New.objects.bulk_create(batch)


def move_back(apps, schema_editor):
    """Back to governance: the mentions whose link still names a comment of theirs."""
    Old = apps.get_model("governance", "Notice")
    New = apps.get_model("accounts", "Notice")
    Comment = apps.get_model("governance", "Comment")
    for notice in New.objects.filter(kind="mention").order_by("pk"):
        _head, _sep, anchor = notice.url.partition("#comment-")
        comment = Comment.objects.filter(pk=int(anchor)).first() if anchor.isdigit() else None
        if comment is not None:
            Old.objects.get_or_create(
                user_id=notice.recipient_id,
                comment=comment,
                defaults={"read_at": notice.read_at},
            )
    New.objects.filter(kind="mention").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_notices"),
        ("governance", "0003_pulse"),
    ]

    operations = [
        migrations.RunPython(move, move_back),
        migrations.DeleteModel(name="Notice"),
    ]
