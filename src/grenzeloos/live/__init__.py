"""The live channel: a capability announces a change to a collaboration after its transaction
commits (:func:`grenzeloos.live.services.publish`), and the pages that show that collaboration
hear of it over a WebSocket (:mod:`grenzeloos.live.consumers`), with the reader's access checked
when subscribing and again for every message."""
