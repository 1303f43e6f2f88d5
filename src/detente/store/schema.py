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
]

LATEST = MIGRATIONS[-1][0]
