"""The one access API: named actions, one fetch per action (one query), 404 vs 403, staff."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from grenzeloos.accounts.services import cli_actor, create_user, is_cli_operator
from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Membership, Role
from grenzeloos.core.errors import NotFound, PermissionDenied, UserError
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_every_app_declares_its_actions():
    declared = {action.name: action.min_role for action in access.actions()}
    assert declared["canvas.view"] == Role.VIEWER
    assert declared["canvas.edit"] == Role.EDITOR
    assert declared["canvas.restore"] == Role.EDITOR
    assert declared["members.manage"] == Role.OWNER
    assert declared["legal.view"] == Role.VIEWER
    assert declared["legal.sign_off"] == Role.EDITOR


def test_an_action_cannot_be_redeclared_with_another_role():
    with pytest.raises(ValueError, match="canvas.edit"):
        access.declare("canvas.edit", Role.VIEWER)


def test_an_undeclared_action_is_a_programming_error(people):
    with pytest.raises(LookupError, match="canvas.bake"):
        access.collaboration_for(people["owner"], people["collaboration"].pk, "canvas.bake")


@pytest.mark.parametrize(
    ("who", "action", "outcome"),
    [
        ("owner", "members.manage", Role.OWNER),
        ("editor", "canvas.edit", Role.EDITOR),
        ("editor", "members.manage", PermissionDenied),
        ("viewer", "canvas.view", Role.VIEWER),
        ("viewer", "canvas.edit", PermissionDenied),
        ("stranger", "canvas.view", NotFound),
    ],
)
def test_fetch_for_an_action(people, who, action, outcome):
    pk = people["collaboration"].pk
    if isinstance(outcome, Role):
        collaboration = access.collaboration_for(people[who], pk, action)
        assert access.role_of(collaboration) == outcome
    else:
        with pytest.raises(outcome):
            access.collaboration_for(people[who], pk, action)


def test_too_low_a_role_names_both_roles(people):
    with pytest.raises(PermissionDenied, match="Viewer.*Editor"):
        access.collaboration_for(people["viewer"], people["collaboration"].pk, "canvas.edit")


def test_missing_and_malformed_ids_are_not_found(people):
    for pk in (999999, "abc", None):
        with pytest.raises(NotFound):
            access.collaboration_for(people["owner"], pk, "canvas.view")


def test_anonymous_is_not_found(people):
    with pytest.raises(NotFound):
        access.collaboration_for(AnonymousUser(), people["collaboration"].pk, "canvas.view")


def test_collaboration_and_role_come_in_one_query(people, django_assert_num_queries):
    with django_assert_num_queries(1):
        collaboration = access.collaboration_for(
            people["editor"], people["collaboration"].pk, "canvas.edit"
        )
        assert access.allows(collaboration, "canvas.edit")
        assert not access.allows(collaboration, "members.manage")


def test_staff_and_superusers_are_not_members(people, make_user):
    admin = make_user("beheer", is_staff=True, is_superuser=True)
    with pytest.raises(NotFound):
        access.collaboration_for(admin, people["collaboration"].pk, "canvas.view")
    assert list(access.visible_to(admin)) == []


def test_only_the_cli_operator_acts_as_owner_everywhere(people):
    operator = cli_actor()
    assert is_cli_operator(operator)
    collaboration = access.collaboration_for(operator, people["collaboration"].pk, "members.manage")
    assert access.role_of(collaboration) == Role.OWNER
    assert people["collaboration"] in access.visible_to(operator)


def test_nobody_can_take_the_cli_operators_name():
    with pytest.raises(UserError, match="already exists"):
        create_user(actor=None, username="grenzeloos-cli", password="Een-lang-wachtwoord-1")


@pytest.mark.parametrize(
    ("who", "action", "allowed"),
    [
        ("viewer", "collaboration.view", True),
        ("viewer", "canvas.edit", False),
        ("editor", "canvas.edit", True),
        ("editor", "members.manage", False),
        ("owner", "members.manage", True),
        ("stranger", "collaboration.view", False),
    ],
)
def test_permits_answers_now_in_one_query(people, who, action, allowed, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert access.permits(people[who], people["collaboration"].pk, action) is allowed


def test_permits_refuses_anonymous_and_missing(people):
    collaboration = people["collaboration"]
    assert access.permits(AnonymousUser(), collaboration.pk, "collaboration.view") is False
    assert access.permits(people["owner"], collaboration.pk + 1000, "collaboration.view") is False


def test_members_allowed_are_the_active_members_with_the_role(people, django_assert_num_queries):
    collaboration = people["collaboration"]
    owner, editor, viewer = people["owner"], people["editor"], people["viewer"]
    with django_assert_num_queries(1):
        readers = access.members_allowed(collaboration.pk, "collaboration.view")
    assert readers == {owner.pk, editor.pk, viewer.pk}
    assert access.members_allowed(collaboration.pk, "canvas.edit") == {owner.pk, editor.pk}
    viewer.is_active = False
    viewer.save()
    assert access.members_allowed(collaboration.pk, "collaboration.view") == {
        owner.pk,
        editor.pk,
    }


@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        (Role.COMMENTER, ["canvas.view", "legal.view"], ["canvas.edit", "legal.sign_off"]),
        (Role.REVIEWER, ["canvas.view", "legal.sign_off"], ["canvas.edit", "legal.edit"]),
        (Role.EDITOR, ["canvas.edit", "legal.sign_off"], ["members.manage"]),
    ],
)
def test_commenter_and_reviewer_read_and_only_the_reviewer_signs_off(
    people, role, allowed, refused
):
    member = UserFactory(username=f"r-{role.value}")
    collaboration = people["collaboration"]
    Membership.objects.create(collaboration=collaboration, user=member, role=role)
    for action in allowed:
        assert access.role_of(access.collaboration_for(member, collaboration.pk, action)) == role
        assert access.permits(member, collaboration.pk, action)
        assert member.pk in access.members_allowed(collaboration.pk, action)
    for action in refused:
        with pytest.raises(PermissionDenied):
            access.collaboration_for(member, collaboration.pk, action)
        assert not access.permits(member, collaboration.pk, action)
        assert member.pk not in access.members_allowed(collaboration.pk, action)
