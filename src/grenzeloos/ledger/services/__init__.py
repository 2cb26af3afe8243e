"""Use cases of the partners ledger: partners, commitments, the contributions log (entered,
imported, exported) and the progress report. The organisations and contact persons they link to
are the shared registry's (:mod:`grenzeloos.organisations.services`); the names the ledger uses
of it are re-exported here.

Every function takes the acting user, checks the action through the collaborations access API
(``ledger.view`` / ``ledger.edit``; strangers get "not found"), runs in one transaction and writes
an audit event, so web, API and CLI behave the same and nothing is ever half written. Audit
events carry ids, never names or e-mail addresses, so erasing a person leaves no copy behind."""

from __future__ import annotations

from grenzeloos.ledger.services.commitments import (
    TakeOver,
    add_commitment,
    delete_commitment,
    list_commitments,
    take_over_commitments,
)
from grenzeloos.ledger.services.common import NAME_MAX, FieldError
from grenzeloos.ledger.services.contributions import (
    add_contributions,
    check_contributions,
    delete_contribution,
    export_contributions,
    import_contributions,
    list_contributions,
)
from grenzeloos.ledger.services.links import Link, list_links, refuse_link
from grenzeloos.ledger.services.partners import (
    THIRDS_EXAMPLE,
    PartnerRow,
    collaboration_name,
    configure,
    get_ledger,
    link_partner,
    list_partners,
    parse_split,
    split_to_json,
)
from grenzeloos.ledger.services.reports import progress_report
from grenzeloos.organisations.services import (
    OrganisationData,
    add_contact,
    create_organisation,
    erase_person,
    export_person,
    find_organisations,
    get_contact,
    get_organisation,
    list_organisations,
    may_manage,
    organisation_page,
    update_organisation,
)

__all__ = [
    "NAME_MAX",
    "THIRDS_EXAMPLE",
    "FieldError",
    "Link",
    "OrganisationData",
    "PartnerRow",
    "TakeOver",
    "add_commitment",
    "add_contact",
    "add_contributions",
    "check_contributions",
    "collaboration_name",
    "configure",
    "create_organisation",
    "delete_commitment",
    "delete_contribution",
    "erase_person",
    "export_contributions",
    "export_person",
    "find_organisations",
    "get_contact",
    "get_ledger",
    "get_organisation",
    "import_contributions",
    "link_partner",
    "list_commitments",
    "list_contributions",
    "list_links",
    "list_organisations",
    "list_partners",
    "may_manage",
    "organisation_page",
    "parse_split",
    "progress_report",
    "refuse_link",
    "split_to_json",
    "take_over_commitments",
    "update_organisation",
]
