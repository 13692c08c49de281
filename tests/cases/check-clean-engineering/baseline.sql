CREATE TABLE public.users (
    id uuid PRIMARY KEY,
    email text NOT NULL,
    created_at timestamp with time zone NOT NULL DEFAULT now()
);
