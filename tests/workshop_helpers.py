"""What coaches and participants do in a workshop, as one-liners for the tests."""

from __future__ import annotations

import re

from tests.conftest import Actions

CODE_RE = re.compile(r'class="join-code"[^>]*>([^<]+)<')
ERROR_RE = re.compile(r'<p class="error" id="([^"]+)-error"[^>]*>([^<]*)</p>')


class WorkshopActions(Actions):
    def create_workshop(
        self, title="Ending well – March", language="en", date="2027-03-11", cases=("exit",)
    ):
        return self.post(
            "/workshops",
            {"title": title, "language": language, "date": date, "cases": list(cases)},
        )

    def new_workshop(self, **fields) -> int:
        """Create a workshop; returns its id."""
        response = self.create_workshop(**fields)
        assert response.status_code == 302, response.get_data(as_text=True)
        return int(response.headers["Location"].rsplit("/", 1)[1])

    def code_of(self, workshop_id: int) -> str:
        """The code as the coach's page shows it ("KQ7M-4TXR")."""
        page = self.client.get(f"/workshops/{workshop_id}").get_data(as_text=True)
        return CODE_RE.search(page).group(1)

    def type_code(self, code: str):
        return self.post("/join", {"code": code})

    def join(self, code: str):
        """Open the join link and press "Join"."""
        return self.post(f"/join/{code}")

    def add_co_coach(self, workshop_id: int, email: str):
        return self.post(f"/workshops/{workshop_id}/co-coaches", {"email": email})

    def start_case(self, workshop_id: int, key: str):
        return self.post(f"/workshops/{workshop_id}/cases/{key}/start")

    def own_case(self, workshop_id: int, key: str) -> int:
        """Start (or open) my copy of a case; returns the plan's id."""
        response = self.start_case(workshop_id, key)
        assert response.status_code == 302, response.get_data(as_text=True)
        return int(response.headers["Location"].rsplit("/", 1)[1])

    def share(self, workshop_id: int, plan_id: int):
        return self.post(f"/workshops/{workshop_id}/plans/{plan_id}/share")

    def stop_sharing(self, workshop_id: int, plan_id: int):
        return self.post(f"/workshops/{workshop_id}/plans/{plan_id}/stop-sharing")

    def progress(self, workshop_id: int, htmx: bool = False):
        headers = {"HX-Request": "true"} if htmx else {}
        return self.client.get(f"/workshops/{workshop_id}/progress", headers=headers)

    def read_shared(self, workshop_id: int, plan_id: int):
        return self.client.get(f"/workshops/{workshop_id}/shared/{plan_id}")

    # Role plays in threes (app/workshops/triads.py)
    def form_triads(self, workshop_id: int):
        return self.post(f"/workshops/{workshop_id}/triads")

    def move_to_group(self, workshop_id: int, user_id, group):
        data = {"user_id": str(user_id), "group": str(group)}
        return self.post(f"/workshops/{workshop_id}/triads/move", data)

    def next_round(self, workshop_id: int):
        return self.post(f"/workshops/{workshop_id}/triads/next-round")

    def my_roleplay(self, workshop_id: int):
        return self.client.get(f"/workshops/{workshop_id}/roleplay")

    def observe(self, workshop_id: int, ticks=(), notes=None, htmx=False, **fields):
        data = {"tick": list(ticks), **{f"note_{k}": v for k, v in (notes or {}).items()}}
        return self.post(
            f"/workshops/{workshop_id}/roleplay/observation", {**data, **fields}, htmx=htmx
        )


def field_errors(response) -> dict[str, str]:
    """The message next to each field, by field id (empty ones left out)."""
    return {
        name: text.strip()
        for name, text in ERROR_RE.findall(response.get_data(as_text=True))
        if text.strip()
    }
