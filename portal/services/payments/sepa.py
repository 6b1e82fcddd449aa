"""The SEPA credit-transfer file (pain.001.001.03) of an approved payment run: one transfer per
enterprise to its one account (seed 003), the sum of its lines in the run. An enterprise whose lines
add up to nothing or less (a correction downwards) gets no transfer; the department recovers it
otherwise. sepaxml builds the file and validates it against the pain.001 XSD it ships."""

from datetime import date

from flask import current_app
from sepaxml import SepaTransfer

from portal.services.payments import runs

SCHEMA = "pain.001.001.03"


def transfers(run) -> list[runs.Payee]:
    return [p for p in runs.payees(run) if p.total > 0 and p.iban]


def build(run, today: date) -> bytes:
    """The XML of the run (validated); executed on the payment date, or today when that has passed."""
    config = current_app.config
    transfer = SepaTransfer({"name": config["PAYMENT_DEBTOR_NAME"], "IBAN": config["PAYMENT_DEBTOR_IBAN"],
                             "BIC": config["PAYMENT_DEBTOR_BIC"], "batch": True, "currency": "EUR"},
                            schema=SCHEMA, clean=True)
    quarter = f"{run.year}-K{run.quarter}"
    for payee in transfers(run):
        count = len({line.application_id for line in payee.lines})
        transfer.add_payment({
            "name": payee.name, "IBAN": payee.iban.replace(" ", ""), "amount": int(payee.total * 100),
            "execution_date": max(run.pay_on, today),
            "description": f"WSE {run.measure.upper()} premie {quarter}, {count} dossier(s), ond. {payee.number}",
            "endtoend_id": f"LOKET-{run.id}-{payee.enterprise_id}",
        })
    return transfer.export(validate=True, pretty_print=True)
