"""Whoever knows a complaint's reference and its consumer's address can ask for a new link, but
cannot cut the consumer off: the working link keeps working until the new one is first used."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

from tests.complaints.consumer_helpers import FORM, filed
from tests.conftest import Inbox, post_form

LINK = re.compile(r"http://localhost(/complaints/\S+\?token=\S+)")


def _ask_for_a_new_link(client: FlaskClient, reference: str, inbox: Inbox) -> str:
    inbox.messages.clear()
    asked = {"email": FORM["email"], "reference": reference}
    assert post_form(client, "/complaints/lost-link", asked).status_code == 302
    [mail] = inbox.to(FORM["email"])
    return LINK.search(mail.get_content()).group(1)


def test_a_lost_link_request_does_not_revoke_the_working_link(
    client: FlaskClient, inbox: Inbox
) -> None:
    reference, token = filed(client)
    working = f"/complaints/{reference}?token={token}"
    first = _ask_for_a_new_link(client, reference, inbox)  # e.g. by a stranger
    second = _ask_for_a_new_link(client, reference, inbox)
    assert client.get(working).status_code == 200
    assert client.get(working).status_code == 200  # still: nobody used a new link
    assert client.get(second).status_code == 200  # the consumer opens the latest
    assert client.get(working).status_code == 404  # only now does the old one end
    assert client.get(first).status_code == 404  # a superseded request never worked
    assert client.get(second).status_code == 200
    api = client.get(f"/api/v1/complaints/{reference}", headers={"X-Tracking-Token": token})
    assert api.status_code == 404
