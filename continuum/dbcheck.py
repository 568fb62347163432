"""Exit 0 when the PostgreSQL server in the given URL answers, 1 otherwise.

`make test` uses it to decide whether to run the suite a second time on PostgreSQL.
"""

import sys

import psycopg


def postgres_answers(url: str) -> bool:
    # Connect to the maintenance database: the test database may not exist yet.
    base, _, _ = url.rpartition("/")
    try:
        with psycopg.connect(f"{base}/postgres", connect_timeout=3):
            return True
    except psycopg.Error:
        return False


if __name__ == "__main__":
    sys.exit(0 if postgres_answers(sys.argv[1]) else 1)
