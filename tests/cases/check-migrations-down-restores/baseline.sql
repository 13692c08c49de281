CREATE TABLE users (
    id uuid PRIMARY KEY,
    email text NOT NULL,
    legacy_code text NOT NULL
);
CREATE INDEX users_legacy_code_idx ON users (legacy_code);
