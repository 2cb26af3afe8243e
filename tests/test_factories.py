"""The test factories make what they promise (other tests build on them)."""

from __future__ import annotations

import pytest

from grenzeloos.audit.models import AuditEvent
from grenzeloos.canvas import services as canvas_services
from grenzeloos.collaborations import access
from grenzeloos.collaborations.models import Role
from grenzeloos.ledger.models import Contribution
from grenzeloos.legal.models import Status as AssessmentStatus
from tests.accounts.factories import PASSWORD, UserFactory
from tests.canvas.factories import CanvasFactory
from tests.collaborations.factories import CollaborationFactory
from tests.ledger.factories import ContributionFactory, PartnerFactory
from tests.legal.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


def test_users_sign_in_with_the_test_password_and_staff_is_no_superuser() -> None:
    user = UserFactory(username="wim")
    staff = UserFactory(staff=True)
    assert user.check_password(PASSWORD) and user.email == "wim@example.org"
    assert staff.is_staff and not staff.is_superuser
    assert UserFactory(username="wim") == user  # asking again gives the same account


def test_collaborations_have_members_of_each_role() -> None:
    collaboration = CollaborationFactory(owners=1, editors=2, viewers=3, description="Kort")
    roles = sorted(m.role for m in collaboration.memberships.all())
    assert roles == sorted([Role.OWNER] * 2 + [Role.EDITOR] * 2 + [Role.VIEWER] * 3)
    assert collaboration.description == "Kort"
    shared = AuditEvent.objects.filter(action="collaboration.shared").count()
    assert shared == 6  # members were added through the service, audit included


def test_canvases_with_partners_and_revisions_by_several_authors() -> None:
    editor = UserFactory()
    collaboration = CanvasFactory(partners=7, revisions=5, editors=[editor], subject="Wijk")
    head = canvas_services.head(collaboration)
    assert head.number == 5
    assert len(head.document["partners"]) == 7
    assert collaboration.subject == "Wijk"
    authors = {r.author for r in canvas_services.history(collaboration)}
    assert authors == {collaboration.created_by, editor}
    assert access.role_in(editor, collaboration.pk) == Role.EDITOR


def test_assessments_can_be_signed_off_by_a_second_member() -> None:
    reviewer = UserFactory()
    collaboration = CanvasFactory(editors=[reviewer])
    assessment = AssessmentFactory(collaboration=collaboration, signed_off_by=reviewer)
    assert assessment.status == AssessmentStatus.SIGNED_OFF
    assert assessment.signed_off_by == reviewer
    assert assessment.author == collaboration.created_by
    assert AssessmentFactory(collaboration=collaboration).status == AssessmentStatus.DRAFT


def test_contributions_hang_from_one_partner_of_one_collaboration() -> None:
    partner = PartnerFactory()
    ContributionFactory.create_batch(4, partner=partner)
    rows = Contribution.objects.filter(partner=partner)
    assert rows.count() == 4
    assert {row.collaboration_id for row in rows} == {partner.collaboration_id}
    assert partner.organisation is not None
