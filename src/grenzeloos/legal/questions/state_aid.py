"""Questions of State aid law: the criteria of Article 107(1), beneficiaries, size, the GBER."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.answers import (
    GBER_CHOICES,
    INDIRECT_AID_SAFEGUARDS,
    get_path,
)
from grenzeloos.legal.questions.model import Question, Text
from grenzeloos.legal.questions.relevance import (
    _advisory,
    _collaboration_between_countries_matters,
    _collaboration_matters,
    _criteria_not_failed,
    _may_be_sme,
    _needs_size,
    _rd_bonus_matters,
    _research_organisation_in_consortium,
    _single,
    _sme_innovation,
)
from grenzeloos.legal.ruleset import SIZES
from grenzeloos.legal.translated import Translated


def _criterion(key: str, text: Text, explanation: Text, example: Text) -> Question:
    return Question(
        key=f"aid.{key}",
        kind="bool",
        text=text,
        explanation=explanation,
        example=example,
        relevant=_criteria_not_failed,
    )


STATE_AID: tuple[Question, ...] = (
    _criterion(
        "state_resources",
        Translated(_("Is the support paid from public resources and decided by the government?")),
        Translated(
            _(
                "Money, but also a discount, guarantee or free space can come from State "
                "resources."
            )
        ),
        Translated(_("Merely sharing knowledge costs the government no resources.")),
    ),
    _criterion(
        "undertaking",
        Translated(_("Is the beneficiary an undertaking offering goods or services on a market?")),
        Translated(
            _(
                "Legal form does not matter: a foundation can be an undertaking. The activity "
                "counts; independent research by a knowledge institution is usually not "
                "economic."
            )
        ),
        Translated(
            _(
                "A foundation that rents out a test site to companies for a fee acts as an "
                "undertaking."
            )
        ),
    ),
    _criterion(
        "selective",
        Translated(_("Are particular undertakings or productions favoured (selectivity)?")),
        Translated(
            _(
                "A general measure open to everyone is not selective; a targeted contribution "
                "to one party is."
            )
        ),
        Translated(_("A network that any new party can join on the same terms.")),
    ),
    _criterion(
        "advantage",
        Translated(_("Does the beneficiary get an advantage it would not get on the market?")),
        Translated(
            _(
                "If the government acts as a private party under normal market conditions "
                "there is no advantage; neither is a market price set in a competitive "
                "procedure."
            )
        ),
        Translated(_("Office space on a campus at the normal rent gives no advantage.")),
    ),
    _criterion(
        "distorts_competition",
        Translated(_("Does the support distort or threaten to distort competition?")),
        Translated(
            _(
                "That happens easily: strengthening an undertaking's position against its "
                "competitors is enough."
            )
        ),
        Translated(_("A subsidy to one software supplier in a market with several suppliers.")),
    ),
    _criterion(
        "affects_trade",
        Translated(_("Can the support affect trade between Member States?")),
        Translated(
            _(
                "A potential effect is enough. Only a purely local activity, without customers "
                "or investors from across the border, may fall outside."
            )
        ),
        Translated(
            _(
                "A community centre serving only its own neighbourhood usually has a purely "
                "local effect."
            )
        ),
    ),
    Question(
        key="aid.beneficiaries",
        kind="partners",
        text=Translated(_("Who receives the aid: one undertaking or a consortium?")),
        explanation=Translated(
            _(
                "If the aid goes to one undertaking, leave the list empty and continue. If it "
                "goes to several parties at once, add each beneficiary with its size, its "
                "share of the aid and its eligible costs. The check then assesses each "
                "beneficiary on its own and whether there is effective collaboration."
            )
        ),
        example=Translated(
            _(
                "A province funds a small company, a large company, a university and a "
                "municipal port company doing industrial research together."
            )
        ),
        relevant=_criteria_not_failed,
    ),
    Question(
        key="aid.indirect_aid_safeguard",
        kind="choice",
        choices=INDIRECT_AID_SAFEGUARDS,
        text=Translated(
            _(
                "How does the consortium prevent aid flowing through the research organisation "
                "to the undertakings?"
            )
        ),
        explanation=Translated(
            _(
                "A research organisation passes on no indirect aid if it does contract "
                "research at market price, if the undertakings bear the full costs, or if "
                "results and intellectual property rights are allocated according to the "
                "partners' work packages, contributions and interests (R&D&I Framework, "
                "section 2.2)."
            )
        ),
        example=Translated(
            _(
                "The consortium agreement gives each partner the rights to the results of its "
                "own work package."
            )
        ),
        relevant=_research_organisation_in_consortium,
    ),
    Question(
        key="aid.amount_eur",
        kind="amount",
        text=Translated(_("How much aid is granted?")),
        explanation=Translated(_("The gross amount of aid to this undertaking for this project.")),
        example=Translated(
            _("A municipality's contribution to a company that sets up a city lab.")
        ),
        relevant=_single,
    ),
    Question(
        key="aid.de_minimis_received_eur",
        kind="amount",
        text=Translated(
            _("How much de minimis aid did the undertaking receive in the last three years?")
        ),
        explanation=Translated(
            _(
                "Count all de minimis aid in the Netherlands to the whole group of linked "
                "enterprises; earlier aid reduces the room under the ceiling."
            )
        ),
        example=Translated(
            _(
                "A company that already received a small innovation voucher last year must "
                "count it."
            )
        ),
        relevant=_single,
    ),
    Question(
        key="aid.sgei",
        kind="bool",
        text=Translated(
            _(
                "Does the aid compensate a service of general economic interest (SGEI) the "
                "government has entrusted to the undertaking in writing?"
            )
        ),
        explanation=Translated(
            _(
                "Such services have a higher de minimis ceiling. That needs a decision or "
                "agreement in which the government entrusts the service to the undertaking; "
                "without one this check tests against the general ceiling."
            )
        ),
        example=Translated(
            _(
                "A carrier that, entrusted by the province, runs a bus line to a village that "
                "would not pay commercially."
            )
        ),
        relevant=_single,
    ),
    Question(
        key="aid.gber_category",
        kind="choice",
        choices=GBER_CHOICES,
        text=Translated(_("Which GBER category does the aid fall under?")),
        explanation=Translated(
            _(
                "The category sets the aid intensity and the maximum. Choose the activity the "
                "aid pays for, not the legal form of the recipient."
            )
        ),
        example=Translated(
            _(
                "A consortium testing a prototype in a real-life setting does experimental "
                "development."
            )
        ),
        relevant=_criteria_not_failed,
    ),
    Question(
        key="aid.beneficiary.size",
        kind="choice",
        choices=SIZES,
        text=Translated(_("How large is the beneficiary undertaking?")),
        explanation=Translated(
            _(
                "Small, medium or large under the EU SME definition (staff and turnover or "
                "balance sheet, including linked enterprises). If unsure, enter the figures "
                "and this check derives the size."
            )
        ),
        example=Translated(_("A start-up with twelve staff and no parent company is small.")),
        relevant=_single,
    ),
    Question(
        key="aid.beneficiary.staff",
        kind="count",
        text=Translated(_("How many staff (full-time units)?")),
        explanation=Translated(_("Only needed when the size is not known.")),
        example=Translated(_("Include the staff of linked enterprises.")),
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.turnover_eur",
        kind="amount",
        text=Translated(_("What is the annual turnover?")),
        explanation=Translated(_("Only needed when the size is not known.")),
        example=Translated(_("The turnover from the last approved accounts.")),
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.balance_sheet_eur",
        kind="amount",
        text=Translated(_("What is the balance-sheet total?")),
        explanation=Translated(
            _("Only needed when the size is not known; turnover or balance sheet suffices.")
        ),
        example=Translated(_("The balance-sheet total from the last approved accounts.")),
        relevant=_needs_size,
    ),
    Question(
        key="aid.beneficiary.public_control",
        kind="bool",
        text=Translated(
            _(
                "Do public bodies together control a quarter or more of the undertaking's "
                "capital or voting rights?"
            )
        ),
        explanation=Translated(
            _(
                "Then the undertaking is not an SME, whatever its figures (Annex I GBER, "
                "Article 3(4))."
            )
        ),
        example=Translated(_("A port company whose shares are all held by the municipality.")),
        relevant=_may_be_sme,
    ),
    Question(
        key="aid.beneficiary.linked_figures_included",
        kind="bool",
        text=Translated(_("Do the figures include the linked and partner enterprises?")),
        explanation=Translated(
            _(
                "Linked enterprises (majority holding) count in full, partner enterprises (a "
                "minority holding from a quarter) pro rata (Annex I GBER, Articles 3 and 6)."
            )
        ),
        example=Translated(
            _("A subsidiary counts the staff and turnover of its parent and sister companies.")
        ),
        relevant=_may_be_sme,
    ),
    Question(
        key="aid.eligible_costs_eur",
        kind="amount",
        text=Translated(_("What are the eligible costs?")),
        explanation=Translated(
            _(
                "The costs the aid intensity applies to, such as staff, equipment and research "
                "by third parties."
            )
        ),
        example=Translated(
            _("A project with one hundred thousand euros of staff and equipment costs.")
        ),
        relevant=lambda d: _single(d) and get_path(d, "aid.gber_category") is not None,
    ),
    Question(
        key="aid.advisory_services",
        kind="bool",
        text=Translated(_("Does the aid pay for innovation advisory and support services?")),
        explanation=Translated(
            _(
                "In innovation aid for SMEs, aid for innovation advice and support may be "
                "higher than the ordinary intensity, up to a cap per undertaking over three "
                "years."
            )
        ),
        example=Translated(
            _(
                "An SME hiring an innovation broker to find a patent strategy and test "
                "facilities."
            )
        ),
        relevant=_sme_innovation,
    ),
    Question(
        key="aid.advisory_aid_received_eur",
        kind="amount",
        text=Translated(
            _(
                "How much aid for innovation advisory and support services did the undertaking "
                "receive in the last three years?"
            )
        ),
        explanation=Translated(
            _(
                "Earlier aid for such services counts towards the cap; above it the ordinary "
                "intensity applies."
            )
        ),
        example=Translated(_("An innovation voucher for advice last year.")),
        relevant=_advisory,
    ),
    Question(
        key="aid.effective_collaboration",
        kind="bool",
        text=Translated(_("Is there effective collaboration?")),
        explanation=Translated(
            _(
                "The parties jointly define the project, contribute and share risks and "
                "results; contract research does not count. Between undertakings: at least one "
                "SME or the project carried out in at least two Member States, and no "
                "undertaking bearing more of the costs than the GBER allows; with a research "
                "organisation: it bears a minimum share and may publish (GBER Article "
                "25(6)(b)). For process innovation by a large enterprise, SMEs bear a minimum "
                "share of the costs (Article 29(2)). The outcome tests the shares."
            )
        ),
        example=Translated(
            _(
                "A company and a university of applied sciences that set up a test site "
                "together; the university bears a fifth of the costs."
            )
        ),
        relevant=_collaboration_matters,
    ),
    Question(
        key="aid.two_member_states",
        kind="bool",
        text=Translated(_("Is the project carried out in at least two Member States?")),
        explanation=Translated(
            _(
                "Collaboration between undertakings without an SME only counts if the project "
                "is carried out in at least two Member States (or a Member State and an EEA "
                "country) (GBER Article 25(6)(b)(i))."
            )
        ),
        example=Translated(
            _(
                "A Dutch and a German engineering firm that each do part of the research in "
                "their own country."
            )
        ),
        relevant=_collaboration_between_countries_matters,
    ),
    Question(
        key="aid.wide_dissemination",
        kind="bool",
        text=Translated(_("Are the results widely disseminated?")),
        explanation=Translated(
            _(
                "A ground of its own for the bonus, apart from collaboration: the results are "
                "disseminated through conferences, publication, open-access repositories or "
                "free or open-source software (GBER Article 25(6)(b)(ii))."
            )
        ),
        example=Translated(
            _(
                "The research reports go into an open repository and the software under an "
                "open licence."
            )
        ),
        relevant=_rd_bonus_matters,
    ),
)
