"""The resource directory, shaped like Open Referral HSDS 3.0 (https://openreferral.org/).

Every table keeps the HSDS identifier (a UUID) as its primary key, so importing the same document
twice updates rows instead of duplicating them, and exports carry the ids they were imported with.
Tilts keeps the parts of HSDS that a worker uses to send someone somewhere: organisations,
services, locations with their address and how to get there, phones, opening hours (iCal RRULE
fields, Europe/Riga wall-clock time), service areas (Latvian municipalities), languages, costs,
eligibility and the needs each service meets. Contacts (named staff), funding, programmes,
accessibility notes and metadata rows are not stored: an import ignores them.

Directory entries describe services, not clients: nothing here is personal data.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.models import LocalisedNameMixin, Municipality, Organisation


class Taxonomy(models.Model):
    """A vocabulary of taxonomy terms. Tilts has one of its own: the needs (see needs.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"))
    uri = models.URLField(_("address"), blank=True)
    version = models.CharField(_("version"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("taxonomy")
        verbose_name_plural = _("taxonomies")

    def __str__(self) -> str:
        return self.name


class Need(LocalisedNameMixin):
    """An HSDS taxonomy term of the needs taxonomy: what a person needs help with (B1, G1,
    D1–D8). Groups (parent is None) hold the needs a worker chooses from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    description = models.TextField(_("description"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "code")
        verbose_name = _("need")
        verbose_name_plural = _("needs")


class PublicHoliday(models.Model):
    """A Latvian public holiday (svētku diena) on which services are closed unless their hours
    run every day of the week. Dated data, loaded by migration; one-off days (e.g. the day after
    the Song and Dance Festival) are added as rows when the Saeima declares them."""

    date = models.DateField(_("date"), unique=True)
    name = models.CharField(_("name (Latvian)"), max_length=120)
    name_ru = models.CharField(_("name (Russian)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)

    class Meta:
        ordering = ("date",)
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"


class DirectoryOrganisation(models.Model):
    """HSDS organization: who provides services. May be an organisation that uses Tilts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=250)
    alternate_name = models.CharField(_("other name"), max_length=250, blank=True)
    description = models.TextField(_("description"))
    email = models.EmailField(_("e-mail address"), blank=True)
    website = models.URLField(_("website"), max_length=500, blank=True)
    legal_status = models.CharField(_("legal status"), max_length=120, blank=True)
    uses_tilts_as = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="directory_entries",
        verbose_name=_("organisation in Tilts"),
    )
    name_folded = models.CharField(max_length=250, editable=False, db_index=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("directory organisation")
        verbose_name_plural = _("directory organisations")

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """HSDS location: a place where services are delivered, with how to get there."""

    class Type(models.TextChoices):
        PHYSICAL = "physical", _("a place to visit")
        POSTAL = "postal", _("postal address")
        VIRTUAL = "virtual", _("online or by phone")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        DirectoryOrganisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="locations",
    )
    location_type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    name = models.CharField(_("name"), max_length=250, blank=True)
    alternate_name = models.CharField(_("other name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    transportation = models.TextField(_("how to get there"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="directory_locations",
        verbose_name=_("municipality"),
    )

    class Meta:
        ordering = ("name",)
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self) -> str:
        return self.name or str(self.id)


class Address(models.Model):
    """HSDS address of a location."""

    class Type(models.TextChoices):
        PHYSICAL = "physical", _("street address")
        POSTAL = "postal", _("postal address")
        VIRTUAL = "virtual", _("virtual")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="addresses")
    attention = models.CharField(max_length=250, blank=True)
    address_1 = models.CharField(_("address"), max_length=250)
    address_2 = models.CharField(_("address, line 2"), max_length=250, blank=True)
    city = models.CharField(_("town or village"), max_length=120)
    region = models.CharField(_("region"), max_length=120, blank=True)
    state_province = models.CharField(_("municipality"), max_length=120)
    postal_code = models.CharField(_("postcode"), max_length=20)
    country = models.CharField(_("country"), max_length=2)
    address_type = models.CharField(_("type"), max_length=10, choices=Type.choices)

    class Meta:
        ordering = ("address_type", "id")
        verbose_name = _("address")
        verbose_name_plural = _("addresses")

    def __str__(self) -> str:
        return ", ".join(
            part for part in (self.address_1, self.address_2, self.city, self.postal_code) if part
        )


class Service(models.Model):
    """HSDS service: help that an organisation gives, for one or more needs."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        INACTIVE = "inactive", _("inactive")
        DEFUNCT = "defunct", _("no longer provided")
        TEMPORARILY_CLOSED = "temporarily closed", _("temporarily closed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        DirectoryOrganisation, on_delete=models.CASCADE, related_name="services"
    )
    name = models.CharField(_("name"), max_length=250)
    alternate_name = models.CharField(_("other name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    interpretation_services = models.TextField(_("interpreting"), blank=True)
    application_process = models.TextField(_("how to apply"), blank=True)
    fees_description = models.TextField(_("fees"), blank=True)
    wait_time = models.CharField(_("waiting time"), max_length=250, blank=True)
    eligibility_description = models.TextField(_("who can use it"), blank=True)
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(_("maximum age"), null=True, blank=True)
    alert = models.TextField(_("notice"), blank=True)
    last_modified = models.DateTimeField(_("last changed"), null=True, blank=True)
    free_of_charge = models.BooleanField(
        _("free of charge"),
        default=False,
        help_text=_("Every cost option costs nothing (derived from the cost options)."),
    )
    needs: models.ManyToManyField[Need, ServiceNeed] = models.ManyToManyField(
        Need, through="ServiceNeed", related_name="services", verbose_name=_("needs")
    )
    search_text = models.TextField(editable=False, blank=True)

    class Meta:
        ordering = ("name",)
        verbose_name = _("service")
        verbose_name_plural = _("services")
        indexes: ClassVar = [models.Index(fields=["status", "free_of_charge"])]

    def __str__(self) -> str:
        return self.name


class ServiceNeed(models.Model):
    """HSDS attribute linking a service to a taxonomy term (a need); its id is the attribute's."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="need_links")
    need = models.ForeignKey(Need, on_delete=models.PROTECT, related_name="service_links")

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["service", "need"], name="directory_service_need")
        ]

    def __str__(self) -> str:
        return f"{self.service_id} → {self.need_id}"


class ServiceAtLocation(models.Model):
    """HSDS service_at_location: a service delivered at one location."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ("location__name", "id")
        verbose_name = _("service at a location")
        verbose_name_plural = _("services at locations")

    def __str__(self) -> str:
        return f"{self.service_id} @ {self.location_id}"


class ServiceArea(models.Model):
    """HSDS service_area: a municipality whose residents the service accepts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="service_areas"
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        constraints: ClassVar = [
            models.UniqueConstraint(
                fields=["service", "municipality"], name="directory_service_area_once"
            )
        ]
        verbose_name = _("service area")
        verbose_name_plural = _("service areas")

    def __str__(self) -> str:
        return f"{self.service_id} in {self.municipality_id}"


class CostOption(models.Model):
    """HSDS cost_option: what the service costs; amount 0 means free of charge."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(_("for whom or what"), max_length=250, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    amount = models.DecimalField(
        _("amount"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    amount_description = models.CharField(_("per"), max_length=250, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        ordering = ("amount", "id")
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")

    def __str__(self) -> str:
        return f"{self.option} {self.amount} {self.currency}".strip()


class _Linked(models.Model):
    """Rows HSDS lets several parents share (the same phone on a service and its location)."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="%(class)ss"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, null=True, blank=True, related_name="%(class)ss"
    )
    service_at_location = models.ForeignKey(
        ServiceAtLocation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True


class Phone(_Linked):
    """HSDS phone."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        DirectoryOrganisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="phones",
    )
    number = models.CharField(_("phone number"), max_length=40)
    extension = models.PositiveIntegerField(_("extension"), null=True, blank=True)
    type = models.CharField(_("type"), max_length=20, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ("number", "id")
        verbose_name = _("phone")
        verbose_name_plural = _("phones")

    def __str__(self) -> str:
        return self.number


class Language(_Linked):
    """HSDS language: a language the service (or location, or phone line) works in."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    phone = models.ForeignKey(
        Phone, on_delete=models.CASCADE, null=True, blank=True, related_name="languages"
    )
    code = models.CharField(_("language code"), max_length=10, blank=True)
    name = models.CharField(_("language"), max_length=60, blank=True)
    note = models.CharField(_("note"), max_length=250, blank=True)

    class Meta:
        ordering = ("code", "id")
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self) -> str:
        return self.name or self.code


class Schedule(_Linked):
    """HSDS schedule: opening hours as iCal recurrence (RFC 5545 RRULE fields) with times of day.

    Times are Europe/Riga wall-clock times. `closes_at` is after `opens_at` on the same day;
    a night that runs past midnight is two rows (19:00–23:59 and 00:00–08:00), which the hours
    logic joins. A service with no schedule has unknown hours. See hours.py.
    """

    class Frequency(models.TextChoices):
        WEEKLY = "WEEKLY", _("weekly")
        MONTHLY = "MONTHLY", _("monthly")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    dtstart = models.DateField(_("first day"), null=True, blank=True)
    until = models.DateField(_("last day"), null=True, blank=True)
    count = models.PositiveIntegerField(_("number of times"), null=True, blank=True)
    wkst = models.CharField(max_length=2, blank=True)
    freq = models.CharField(_("repeats"), max_length=10, choices=Frequency.choices, blank=True)
    interval = models.PositiveSmallIntegerField(_("every"), default=1)
    byday = models.CharField(_("days"), max_length=60, blank=True)
    byweekno = models.CharField(max_length=200, blank=True)
    bymonthday = models.CharField(max_length=200, blank=True)
    byyearday = models.CharField(max_length=400, blank=True)
    opens_at = models.TimeField(_("opens at"), null=True, blank=True)
    closes_at = models.TimeField(_("closes at"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    attending_type = models.CharField(max_length=250, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    schedule_link = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ("opens_at", "id")
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self) -> str:
        return f"{self.freq} {self.byday} {self.opens_at}–{self.closes_at}"
