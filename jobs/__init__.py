"""RQ jobs. Each takes ids, runs inside an app context and is idempotent: the database, not
Redis, records what was done."""
