-- +goose Up
CREATE TABLE audit_events (
    id BIGSERIAL PRIMARY KEY,
    actor_id UUID REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('login', 'it''s')),
    payload JSONB NOT NULL DEFAULT '{}'::JSONB,
    tags TEXT[] NOT NULL DEFAULT '{}',
    amount NUMERIC(12, 2) CHECK (amount >= 0),
    mood mood,
    slug VARCHAR(64) NOT NULL UNIQUE
);

CREATE INDEX idx_audit_events_actor_id_kind ON audit_events(actor_id, kind);

-- +goose Down
DROP TABLE IF EXISTS audit_events;
