"""Questions of procurement law: the authority, the contract, its value and the own policy."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from grenzeloos.legal.answers import (
    POLICY_EXAMPLES,
)
from grenzeloos.legal.questions.model import Question
from grenzeloos.legal.questions.relevance import (
    _may_be_below_threshold,
    _may_be_client,
    _partnership,
    _partnership_question,
    _rd_services,
    _single_value,
)
from grenzeloos.legal.ruleset import AUTHORITIES, CONTRACT_KINDS
from grenzeloos.legal.translated import Translated

PROCUREMENT: tuple[Question, ...] = (
    Question(
        key="authority",
        kind="choice",
        choices=AUTHORITIES,
        text=Translated(_("What type of contracting authority is it?")),
        explanation=Translated(
            _(
                "Ministries and other central authorities have a lower threshold for supplies "
                "and services than municipalities, provinces, water boards and bodies governed "
                "by public law. Utilities (water, energy, transport, postal) have higher "
                "thresholds."
            )
        ),
        example=Translated(_("A municipality or a province is a sub-central authority.")),
        relevant=_may_be_client,
    ),
    Question(
        key="contract.kind",
        kind="choice",
        choices=CONTRACT_KINDS,
        text=Translated(_("What kind of contract is it?")),
        explanation=Translated(
            _(
                "Works (construction), supplies, services, social and other specific services "
                "or R&D services. Each kind has its own threshold."
            )
        ),
        example=Translated(
            _(
                "Having a prototype for smart street lighting developed is an R&D service; "
                "buying the lighting afterwards is a supply."
            )
        ),
        relevant=_may_be_client,
    ),
    Question(
        key="contract.in_house",
        kind="bool",
        text=Translated(_("Does the contract go to an entity the authority controls (in-house)?")),
        explanation=Translated(
            _(
                "Only if the authority controls the entity like its own department, the entity "
                "does almost all its work for that authority and there is no private capital. "
                "A public-private joint venture with private capital never qualifies."
            )
        ),
        example=Translated(
            _(
                "A municipal IT company owned entirely by three municipalities and working "
                "only for them."
            )
        ),
        relevant=_may_be_client,
    ),
    Question(
        key="contract.rd_benefits_not_exclusive",
        kind="bool",
        text=Translated(
            _(
                "Do the research results also benefit others, or does the government not pay "
                "for everything?"
            )
        ),
        explanation=Translated(
            _(
                "R&D falls under the procurement Directive only if the results are exclusively "
                "for the authority and it pays for everything. Otherwise it is pre-commercial "
                "procurement, which still needs a State aid check."
            )
        ),
        example=Translated(
            _(
                "A challenge in which companies develop a solution with small payments per "
                "milestone and keep the rights to their invention."
            )
        ),
        relevant=_rd_services,
    ),
    Question(
        key="contract.innovation_partnership",
        kind="bool",
        text=Translated(
            _(
                "Is it an innovation partnership (development and then purchase in one "
                "procedure)?"
            )
        ),
        explanation=Translated(
            _(
                "An innovation partnership is meant for something not yet on the market: one "
                "or more partners develop it in phases with intermediate targets, and the "
                "authority buys the result if it meets the agreed performance and costs. Its "
                "value is the total of all phases together."
            )
        ),
        example=Translated(
            _(
                "A water board that has a new type of sensor developed and then wants to buy a "
                "hundred of them."
            )
        ),
        relevant=_partnership_question,
    ),
    Question(
        key="contract.rd_phases_value_eur",
        kind="amount",
        text=Translated(
            _(
                "What is the estimated value of the research and development in all phases "
                "together (excluding VAT)?"
            )
        ),
        explanation=Translated(
            _(
                "Add up the highest expected value of every research and development phase, "
                "including phases that may not go ahead."
            )
        ),
        example=Translated(_("Three phases: a design, a prototype and a pilot series.")),
        relevant=_partnership,
    ),
    Question(
        key="contract.purchase_value_eur",
        kind="amount",
        text=Translated(
            _("What is the estimated value of the purchase at the end (excluding VAT)?")
        ),
        explanation=Translated(
            _(
                "The supplies, services or works the authority buys after the development. "
                "Together with the phases this decides whether a European procedure is needed."
            )
        ),
        example=Translated(_("A hundred sensors of the developed type, including maintenance.")),
        relevant=_partnership,
    ),
    Question(
        key="contract.estimated_value_eur",
        kind="amount",
        text=Translated(_("What is the estimated value of the contract (excluding VAT)?")),
        explanation=Translated(
            _(
                "Include all options and renewals and do not split a contract to stay below "
                "the threshold. For an innovation partnership, add up the research in all "
                "phases and the purchase at the end."
            )
        ),
        example=Translated(
            _("A two-year pilot with an option for two more years counts for four years.")
        ),
        relevant=_single_value,
    ),
    Question(
        key="contract.options_renewals_eur",
        kind="amount",
        text=Translated(_("How much of that value is options and renewals?")),
        explanation=Translated(
            _(
                "The statement of reasons names it, so it shows they were counted (the "
                "procurement Directive, Article 5(1)). Enter 0 if there are no options or "
                "renewals."
            )
        ),
        example=Translated(
            _(
                "A two-year pilot with an option for two more years: the value of those two "
                "extra years."
            )
        ),
        relevant=_single_value,
    ),
    Question(
        key="contract.cross_border_interest",
        kind="bool",
        text=Translated(_("Does the contract have a certain cross-border interest?")),
        explanation=Translated(
            _(
                "Even below the EU threshold a contract may interest operators from other "
                "Member States, for example because of its value, its technical content or a "
                "location near the border. Then equal treatment, transparency and an "
                "appropriate degree of publicity apply."
            )
        ),
        example=Translated(
            _(
                "A municipality on the German border looking for a specialist measuring system "
                "mostly supplied by German companies."
            )
        ),
        relevant=_may_be_below_threshold,
    ),
    Question(
        key="procurement_policy.example",
        kind="choice",
        choices=POLICY_EXAMPLES,
        text=Translated(
            _("Which procurement bands of your own organisation apply below the EU threshold?")
        ),
        explanation=Translated(
            _(
                "Below the EU threshold the law sets no amounts: each organisation decides in "
                "its procurement policy when it invites one or more operators or runs a "
                "national tender. Your own bands go in the answers file or through the API; "
                "here you can also choose one municipality's bands, which are shown as an "
                "example and are not law."
            )
        ),
        example=Translated(
            _(
                "In the example a municipality invites one operator for a supply of €30,000 "
                "and several for €100,000."
            )
        ),
        relevant=_may_be_below_threshold,
    ),
)
