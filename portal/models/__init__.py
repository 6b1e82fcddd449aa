"""The portal's tables; every module here is imported so the metadata is complete."""

from portal.models.audit import AuditEvent, StaffRole
from portal.models.application import Application, Document, UploadSession
from portal.models.campaigns import BulkMessage
from portal.models.dossier import ChangeNotice, Dossier, DossierEvent, InformationRequest, Letter
from portal.models.identity import Enterprise, Establishment, LoginSession, MeasureRight, Membership, User
from portal.models.outbox import MailAddress, OutboxMessage
from portal.models.premiums import PaymentRun, PremiumLine, PremiumParameter, RszDeclaration
from portal.models.sources import OnderwijsEmployment, RszEmployment, ServiceProvider, VdabRecord
from portal.models.wop import WopPackage, WopRequest

__all__ = [
    "AuditEvent",
    "StaffRole",
    "Application",
    "BulkMessage",
    "ChangeNotice",
    "Document",
    "UploadSession",
    "Enterprise",
    "Establishment",
    "Membership",
    "MeasureRight",
    "User",
    "OutboxMessage",
    "MailAddress",
    "RszEmployment",
    "ServiceProvider",
    "VdabRecord",
    "OnderwijsEmployment",
    "Dossier",
    "DossierEvent",
    "InformationRequest",
    "Letter",
    "LoginSession",
    "WopPackage",
    "WopRequest",
    "PaymentRun",
    "PremiumLine",
    "PremiumParameter",
    "RszDeclaration",
]
