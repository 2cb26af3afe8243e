"""A finished workshop for the demo data (:mod:`grenzeloos.demo`): notes, dots, a cluster and an
adoption on one demo canvas, made through the workshop's own services as a facilitator would.

The session is modelled on the 24-hour co-creation session of the Modal Shift programme with
governments and about fifty carriers and shippers ("Innoveren over grenzen heen", the
interview with De Bruin); its notes are illustrations written for the demo, not quotes.
"""

from __future__ import annotations

import uuid

from grenzeloos.core.extensions import read_canvas
from grenzeloos.core.users import Actor
from grenzeloos.workshop import services
from grenzeloos.workshop.models import Workshop

TITLE = "Co-creatiesessie met vervoerders en verladers"
DREAM_NOTES = (
    ("Gita (verlader)", "Eén planning die verladers, vervoerders en terminals delen", 3),
    ("Ravi (vervoerder)", "Lege ritten over de weg vullen met lading voor water en spoor", 2),
    ("Gita (verlader)", "Cijfers en definities eerst samen vaststellen", 2),
    ("Ravi (vervoerder)", "Een proef van drie maanden op één corridor", 1),
)
PITCH = (
    "Samen verschuiven we lading van de weg naar water en spoor: met één gedeelde planning "
    "en afgesproken cijfers, eerst op één corridor."
)


def load_demo_workshop(*, facilitator: Actor, collaboration_id: int) -> bool:
    """Hold the demo workshop in the collaboration, once; whether it was made now."""
    if Workshop.objects.filter(collaboration_id=collaboration_id, title=TITLE).exists():
        return False
    made = services.create_workshop(
        actor=facilitator,
        collaboration_id=collaboration_id,
        title=TITLE,
        steps=[
            services.StepInput(box="dream", minutes=20),
            services.StepInput(box="pitch", minutes=15),
        ],
        dots=5,
    )
    services.start(actor=facilitator, workshop_id=made.pk)
    made.refresh_from_db()
    guests = {
        name: services.join_as_guest(code=made.guest_code or "", display_name=name)
        for name in dict.fromkeys(name for name, _text, _dots in DREAM_NOTES)
    }
    notes = []
    for name, text, _dots in DREAM_NOTES:
        note, _created = services.add_note(
            participant=guests[name], key=str(uuid.uuid4()), text=text
        )
        notes.append(note)
    voters = [*guests.values(), services.join(actor=facilitator, workshop_id=made.pk)]
    for note, (_name, _text, dots) in zip(notes, DREAM_NOTES, strict=True):
        for voter in voters[:dots]:
            services.place_dot(participant=voter, note_id=note.pk)
    cluster = services.add_cluster(actor=facilitator, workshop_id=made.pk, name="Samen plannen")
    for note in notes[:2]:
        services.cluster_note(actor=facilitator, note_id=note.pk, cluster_id=cluster.pk)
    pitch = services.go_to_step(actor=facilitator, workshop_id=made.pk, position=2)
    assert pitch.current_step is not None
    services.adopt(
        actor=facilitator,
        workshop_id=made.pk,
        step_id=pitch.current_step.pk,
        text=PITCH,
        base_revision=read_canvas(collaboration_id).revision,
    )
    services.close(actor=facilitator, workshop_id=made.pk)
    return True
