"""The local mail sink (portal/mail/sink.py): what staff read under Lokale mailbox, newest first."""

import mailbox

from portal.mail import sink


def test_messages_of_one_second_come_newest_first(tmp_path):
    """Maildir keys carry the microseconds without leading zeros: as text, M99999 sorted after
    M123456, so of two messages in one second the older showed as the newest (a browser test that
    took "the last link mailed" failed now and then)."""
    folder = tmp_path / "maildir"
    mailbox.Maildir(str(folder), create=True)  # new/, cur/, tmp/
    for key, subject in (("1764680000.M99999P7Q1.loket", "eerst"), ("1764680000.M123456P7Q2.loket", "daarna"),
                         ("1764679999.M999999P7Q9.loket", "een seconde vroeger")):
        message = f"From: a@b.be\r\nTo: c@d.be\r\nSubject: {subject}\r\n\r\nTekst\r\n"
        (folder / "new" / key).write_bytes(message.encode())
    assert [m.subject for m in sink.read(str(folder))] == ["daarna", "eerst", "een seconde vroeger"]
