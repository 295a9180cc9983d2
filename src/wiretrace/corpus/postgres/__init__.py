"""PostgreSQL backend: psycopg 3, tables in their own schema, tsvector search, real migrations."""
