CREATE TABLE widgets (id uuid PRIMARY KEY, name text NOT NULL);
