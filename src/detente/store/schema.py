"""Schema migrations, applied in order; ``PRAGMA user_version`` records the last one applied.

Facts are stored twice on purpose: the whole ``detente.analysis/1`` object (``analyses.data``,
the source of truth, what export returns) and one row per fact in narrow tables that listings
and filters query.
"""

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
CREATE TABLE documents (
    id            TEXT PRIMARY KEY,
    title         TEXT,
    text          TEXT NOT NULL,
    published     TEXT,
    url           TEXT,
    source        TEXT,
    author        TEXT,
    language      TEXT,
    genre         TEXT,
    quality_score REAL,
    duplicate_of  TEXT,
    origin        TEXT,
    ingested_at   TEXT NOT NULL,
    minhash       BLOB
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE analyses (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    schema      TEXT NOT NULL,
    stages      TEXT NOT NULL,
    data        TEXT NOT NULL,
    analyzed_at TEXT NOT NULL
);

CREATE TABLE actors (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id    TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT,
    country     TEXT,
    sector      TEXT,
    code        TEXT,
    kb_id       TEXT,
    mentions    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, actor_id)
);
CREATE INDEX actors_name ON actors(name);
CREATE INDEX actors_kb ON actors(kb_id);

CREATE TABLE quotes (
    document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    quote_id     TEXT NOT NULL,
    kind         TEXT,
    content      TEXT,
    start_char   INTEGER,
    end_char     INTEGER,
    speaker_actor TEXT,
    speaker_name TEXT,
    source_type  TEXT,
    stance       TEXT,
    PRIMARY KEY (document_id, quote_id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name);

CREATE TABLE events (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id    TEXT NOT NULL,
    type        TEXT NOT NULL,
    cameo       TEXT,
    modality    TEXT,
    date        TEXT,
    historical  INTEGER,
    actor       TEXT,
    recipient   TEXT,
    start_char  INTEGER,
    end_char    INTEGER,
    PRIMARY KEY (document_id, event_id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);

CREATE TABLE positions (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    party       TEXT,
    proposal    TEXT,
    issue       TEXT,
    value       TEXT,
    modality    TEXT,
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    status      TEXT NOT NULL,
    inputs      TEXT,
    stored      INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE errors (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id     INTEGER REFERENCES runs(id),
    source     TEXT NOT NULL,
    code       TEXT NOT NULL,
    message    TEXT NOT NULL,
    created_at TEXT NOT NULL
);
"""),
    (2, """
-- Passage vectors for semantic search, written at ingest (search/passages.py). ``model`` names
-- the embedding model so vectors from different models are never compared.
CREATE TABLE passages (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    model       TEXT NOT NULL,
    vector      BLOB NOT NULL,
    PRIMARY KEY (document_id, start_char)
);
CREATE INDEX passages_model ON passages(model);
"""),
]

LATEST = MIGRATIONS[-1][0]


# PostgreSQL: the same tables, columns and version numbers (a test checks they match). Text
# columns use the "C" collation so ordering is byte-wise, as in SQLite; full-text search is a
# generated tsvector column with a GIN index ('simple' config: no stemming, like FTS5 unicode61).
# ``seq`` stands in for SQLite's rowid (insertion order).
PG_MIGRATIONS: list[tuple[int, str]] = [
    (1, """
CREATE TABLE documents (
    id            TEXT COLLATE "C" PRIMARY KEY,
    title         TEXT COLLATE "C",
    text          TEXT COLLATE "C" NOT NULL,
    published     TEXT COLLATE "C",
    url           TEXT COLLATE "C",
    source        TEXT COLLATE "C",
    author        TEXT COLLATE "C",
    language      TEXT COLLATE "C",
    genre         TEXT COLLATE "C",
    quality_score DOUBLE PRECISION,
    duplicate_of  TEXT COLLATE "C",
    origin        TEXT COLLATE "C",
    ingested_at   TEXT COLLATE "C" NOT NULL,
    minhash       BYTEA,
    seq           BIGSERIAL,
    fts           tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('simple', text), 'B')) STORED
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_source ON documents(source);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX documents_fts ON documents USING GIN (fts);

CREATE TABLE analyses (
    document_id TEXT COLLATE "C" PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    schema      TEXT COLLATE "C" NOT NULL,
    stages      TEXT COLLATE "C" NOT NULL,
    data        TEXT COLLATE "C" NOT NULL,
    analyzed_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE actors (
    document_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor_id    TEXT COLLATE "C" NOT NULL,
    name        TEXT COLLATE "C" NOT NULL,
    kind        TEXT COLLATE "C",
    country     TEXT COLLATE "C",
    sector      TEXT COLLATE "C",
    code        TEXT COLLATE "C",
    kb_id       TEXT COLLATE "C",
    mentions    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (document_id, actor_id)
);
CREATE INDEX actors_name ON actors(name);
CREATE INDEX actors_kb ON actors(kb_id);

CREATE TABLE quotes (
    document_id  TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    quote_id     TEXT COLLATE "C" NOT NULL,
    kind         TEXT COLLATE "C",
    content      TEXT COLLATE "C",
    start_char   INTEGER,
    end_char     INTEGER,
    speaker_actor TEXT COLLATE "C",
    speaker_name TEXT COLLATE "C",
    source_type  TEXT COLLATE "C",
    stance       TEXT COLLATE "C",
    PRIMARY KEY (document_id, quote_id)
);
CREATE INDEX quotes_speaker ON quotes(speaker_name);

CREATE TABLE events (
    document_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    event_id    TEXT COLLATE "C" NOT NULL,
    type        TEXT COLLATE "C" NOT NULL,
    cameo       TEXT COLLATE "C",
    modality    TEXT COLLATE "C",
    date        TEXT COLLATE "C",
    historical  INTEGER,
    actor       TEXT COLLATE "C",
    recipient   TEXT COLLATE "C",
    start_char  INTEGER,
    end_char    INTEGER,
    PRIMARY KEY (document_id, event_id)
);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_date ON events(date);

CREATE TABLE positions (
    document_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    party       TEXT COLLATE "C",
    proposal    TEXT COLLATE "C",
    issue       TEXT COLLATE "C",
    value       TEXT COLLATE "C",
    modality    TEXT COLLATE "C",
    PRIMARY KEY (document_id, seq)
);

CREATE TABLE runs (
    id          BIGSERIAL PRIMARY KEY,
    started_at  TEXT COLLATE "C" NOT NULL,
    finished_at TEXT COLLATE "C",
    status      TEXT COLLATE "C" NOT NULL,
    inputs      TEXT COLLATE "C",
    stored      INTEGER NOT NULL DEFAULT 0,
    skipped     INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE errors (
    id         BIGSERIAL PRIMARY KEY,
    run_id     BIGINT REFERENCES runs(id),
    source     TEXT COLLATE "C" NOT NULL,
    code       TEXT COLLATE "C" NOT NULL,
    message    TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
"""),
    (2, """
CREATE TABLE passages (
    document_id TEXT COLLATE "C" NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start_char  INTEGER NOT NULL,
    end_char    INTEGER NOT NULL,
    model       TEXT COLLATE "C" NOT NULL,
    vector      BYTEA NOT NULL,
    PRIMARY KEY (document_id, start_char)
);
CREATE INDEX passages_model ON passages(model);
"""),
]

# Which columns exist only on one backend (the rest must match; tests/store checks).
BACKEND_ONLY_COLUMNS = {"sqlite": set(), "postgres": {("documents", "seq"), ("documents", "fts")}}

assert [n for n, _ in PG_MIGRATIONS] == [n for n, _ in MIGRATIONS], "migration numbers differ"
