"""Domain rules as pure functions: no Flask, no database. Each rule's test names its seed."""
