"""The first step: the client, its contacts, you, and the conversation date."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    FieldList,
    Form,
    FormField,
    SelectField,
)
from wtforms.validators import NumberRange, Optional

from app.domain import address
from app.domain.planfile import copy_plan
from app.plans.forms import client_name_field
from app.plans.step_forms.common import (
    MAX_ROWS,
    WholeNumber,
    choices,
    date_field,
    get,
    long_text_field,
    ok,
    radio,
    text_field,
)

# The contact's line among everyone involved (plan: contacts[i].involved).
INVOLVED_FIELDS = ("by", "when", "hears", "costs")
NAMES = {"first": True, "none": False}  # the names choice on the form → address.first_names


class ContactForm(Form):
    name = text_field(200, _l("Name"))
    role = text_field(200, _l("Role"))
    by = text_field(200, _l("Who tells them?"))
    when = text_field(200, _l("When?"))
    hears = long_text_field(_l("What do they need to hear?"))
    costs = long_text_field(_l("What does the decision cost them?"))


class ClientForm(FlaskForm):
    client_name = client_name_field()
    sector = text_field(200, _l("Sector"))
    client_since = WholeNumber(
        _l("Client since (year)"),
        validators=[
            Optional(),
            NumberRange(1900, 2100, message=_l("Enter a year between 1900 and 2100.")),
        ],
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    contacts = FieldList(FormField(ContactForm), min_entries=1, max_entries=MAX_ROWS)
    primary_contact = WholeNumber(validators=[Optional()])
    owner_name = text_field(200, _l("Your name"))
    owner_company = text_field(200, _l("Your company"))
    conversation_date = date_field(_l("Planned conversation date"))
    language = SelectField(
        _l("Language of the plan"),
        choices=choices([("nl", "Nederlands"), ("en", "English")]),
        validate_choice=False,  # apply() keeps only nl/en; a missing value keeps the stored one
    )
    # Radio groups: a form posted without them (nothing chosen) keeps what the plan has.
    address_form = radio([(form, form) for form in address.ADDRESS_FORMS])
    address_names = radio([(key, key) for key in NAMES])

    @classmethod
    def for_plan(cls, data: Mapping, **kwargs):
        contacts = get(data, "client", "contacts", default=[]) or []
        primary = next((i for i, c in enumerate(contacts) if c.get("primary")), None)
        since = get(data, "client", "client_since")
        conversation = get(data, "conversation_date")
        return cls(
            formdata=None,
            client_name=get(data, "client", "name", default=""),
            sector=get(data, "client", "sector"),
            client_since=since,
            contacts=[
                {
                    "name": c.get("name"),
                    "role": c.get("role"),
                    **{k: (c.get("involved") or {}).get(k) for k in INVOLVED_FIELDS},
                }
                for c in contacts
            ]
            or [{}],
            primary_contact=primary,
            owner_name=get(data, "owner", "name"),
            owner_company=get(data, "owner", "company"),
            conversation_date=date.fromisoformat(conversation) if conversation else None,
            language=get(data, "language", default=kwargs.pop("default_language", "en")),
            address_form=address.form_of(data),
            address_names="first" if address.uses_first_names(data) else "none",
            **kwargs,
        )

    def apply(self, data: Mapping) -> dict:
        new = copy_plan(data)
        client = dict(new.get("client") or {})
        if ok(self.client_name):
            client["name"] = self.client_name.data
        if ok(self.sector):
            client["sector"] = self.sector.data or None
        if ok(self.client_since):
            client["client_since"] = self.client_since.data
        old_contacts = client.get("contacts") or []
        contacts = []
        for i, entry in enumerate(self.contacts.entries):
            old = old_contacts[i] if i < len(old_contacts) else {}
            row = dict(old)
            for key in ("name", "role"):
                sub = entry.form[key]
                if ok(sub):
                    row[key] = sub.data or None
            involved = dict(row.get("involved") or {})
            for key in INVOLVED_FIELDS:
                if ok(entry.form[key]):
                    involved[key] = entry.form[key].data or None
            if any(involved.values()) or "involved" in row:
                row["involved"] = involved
            row["primary"] = self.primary_contact.data == i
            row.setdefault("disc", None)
            if row.get("name") or row.get("role"):
                contacts.append(row)
        if contacts and not any(c["primary"] for c in contacts):
            contacts[0]["primary"] = True
        client["contacts"] = contacts
        new["client"] = client
        owner = dict(new.get("owner") or {})
        if ok(self.owner_name):
            owner["name"] = self.owner_name.data or None
        if ok(self.owner_company):
            owner["company"] = self.owner_company.data or None
        owner.setdefault("disc", None)
        new["owner"] = owner
        if ok(self.conversation_date):
            new["conversation_date"] = (
                self.conversation_date.data.isoformat() if self.conversation_date.data else None
            )
        if ok(self.language) and self.language.data in ("nl", "en"):
            new["language"] = self.language.data
        self._apply_address(new)
        return new

    def _apply_address(self, new: dict) -> None:
        """The form of address and the names, each only when one was chosen."""
        chosen = dict(new.get("address") or {})
        if ok(self.address_form) and self.address_form.data in address.ADDRESS_FORMS:
            chosen["form"] = self.address_form.data
        if ok(self.address_names) and self.address_names.data in NAMES:
            chosen["first_names"] = NAMES[self.address_names.data]
        if chosen:
            new["address"] = chosen
