# The EU SME definition now has one home, the legal app's dated rules (legal/rules/sme.yaml),
# and the ledger asks it through core.extensions.classify_enterprise. The ledger's own copy had
# the same figures and source under the id "eu-sme-2003-361"; organisations whose size class it
# derived now name the legal rule with those figures, "sme-2003-361". Only the id changes: the
# class stays as derived, and the audit log keeps the id that was used at the time.

from django.db import migrations

OLD_ID = "eu-sme-2003-361"
NEW_ID = "sme-2003-361"


def to_legal_rule_id(apps, schema_editor):
    organisation_model = apps.get_model("ledger", "Organisation")
    organisation_model.objects.filter(size_basis=OLD_ID).update(size_basis=NEW_ID)


def to_ledger_id(apps, schema_editor):
    organisation_model = apps.get_model("ledger", "Organisation")
    organisation_model.objects.filter(size_basis=NEW_ID).update(size_basis=OLD_ID)


class Migration(migrations.Migration):
    dependencies = [("ledger", "0001_initial")]

    operations = [migrations.RunPython(to_legal_rule_id, to_ledger_id, elidable=False)]
