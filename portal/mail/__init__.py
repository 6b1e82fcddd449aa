"""E-mail: the outbox (never sent in a web request), delivery over SMTP, and the local mail sink."""
