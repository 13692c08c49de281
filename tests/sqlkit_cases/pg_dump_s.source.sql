CREATE EXTENSION IF NOT EXISTS pgcrypto;
CREATE TYPE member_role AS ENUM ($$owner$$, $$admin$$, $$member$$);
CREATE TABLE users (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    email TEXT NOT NULL UNIQUE,
    display_name VARCHAR(255),
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE workspaces (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    owner_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    plan TEXT NOT NULL DEFAULT $$free$$ CHECK (plan IN ($$free$$, $$pro$$)),
    seats INTEGER,
    counter BIGSERIAL,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE workspace_members (
    workspace_id UUID NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id),
    role member_role NOT NULL DEFAULT $$member$$,
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX idx_workspaces_owner_id ON workspaces(owner_id);
CREATE FUNCTION touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at = now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER workspaces_touch BEFORE UPDATE ON workspaces FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
COMMENT ON TABLE users IS $$people; who log in$$;
