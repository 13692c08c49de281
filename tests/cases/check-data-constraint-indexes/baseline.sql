CREATE TABLE public.users (
    id uuid PRIMARY KEY,
    email text NOT NULL
);

CREATE TABLE public.projects (
    id uuid PRIMARY KEY,
    name text NOT NULL
);
