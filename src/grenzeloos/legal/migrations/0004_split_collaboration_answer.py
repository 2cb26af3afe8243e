"""The answer "effective collaboration or wide dissemination?" became two questions.

A draft whose answer was "no" meant neither ground of the GBER Art. 25(6)(b) bonus, so it gets
``aid.wide_dissemination: false`` beside it and keeps its conclusion; "yes" and unknown stay as
they were (a "yes" may have meant either ground, which the collaboration answer still carries).
Signed-off and superseded assessments are records and are never changed.
"""

from django.db import migrations


def split_the_no(apps, schema_editor):
    assessment_model = apps.get_model("legal", "LegalAssessment")
    for assessment in assessment_model.objects.filter(status="draft").iterator(chunk_size=500):
        aid = assessment.answers.get("aid") if isinstance(assessment.answers, dict) else None
        if (
            isinstance(aid, dict)
            and aid.get("effective_collaboration") is False
            and "wide_dissemination" not in aid
        ):
            aid["wide_dissemination"] = False
            assessment_model.objects.filter(pk=assessment.pk).update(answers=assessment.answers)


class Migration(migrations.Migration):
    dependencies = [("legal", "0003_answer_changes")]

    operations = [migrations.RunPython(split_the_no, migrations.RunPython.noop)]
