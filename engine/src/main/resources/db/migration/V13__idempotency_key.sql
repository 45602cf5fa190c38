-- Idempotency-Key (issue 13 item 6, draft-ietf-httpapi-idempotency-key-header): the answer to a write
-- request that carried the header, so that a retry with the same key answers it again without acting
-- twice. owner is 'key:<api_key.id>' or 'public' for routes without a key; fingerprint is the SHA-256
-- (hex) of method, path with query and body. status is NULL while the first request still runs (a
-- retry then gets 409); rows older than 24 h are ignored and purged. 5xx answers are never kept.
CREATE TABLE idempotency_key (
    owner         VARCHAR(32)  NOT NULL,
    idem_key      VARCHAR(255) NOT NULL,
    fingerprint   VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP    NOT NULL,
    status        INT,
    content_type  VARCHAR(200),
    body          BYTEA,
    PRIMARY KEY (owner, idem_key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
