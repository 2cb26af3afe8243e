"""Legal assessments for tests, made through the legal services (answer changes recorded).

``AssessmentFactory(collaboration=c, author=olga)`` starts a draft with the example answers;
``AssessmentFactory(signed_off_by=eddy)`` has it signed off by another editor or owner.
"""

from __future__ import annotations

from typing import Any

import factory

from grenzeloos.legal import services
from grenzeloos.legal.models import LegalAssessment
from tests.canvas.factories import CanvasFactory
from tests.legal.conftest import example_answers


class AssessmentFactory(factory.Factory):
    class Meta:
        model = LegalAssessment

    collaboration = factory.SubFactory(CanvasFactory)
    #: The author must be an editor or owner; by default the collaboration's creator.
    author = factory.SelfAttribute("collaboration.created_by")
    answers = factory.LazyFunction(example_answers)
    title = factory.Sequence(lambda n: f"Routetoets {n}")

    @classmethod
    def _create(cls, model_class: type[LegalAssessment], *args: Any, **kwargs: Any) -> Any:
        return services.create_assessment(
            actor=kwargs["author"],
            collaboration=kwargs["collaboration"],
            answers=kwargs["answers"],
            title=kwargs["title"],
        )

    @factory.post_generation
    def signed_off_by(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted is not None:
            signed = services.sign_off(
                actor=extracted,
                assessment=self,
                version=services.answers_version(self),
                **kwargs,
            )
            self.refresh_from_db()
            assert signed.status == self.status
