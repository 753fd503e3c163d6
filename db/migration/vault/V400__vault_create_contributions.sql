-- Data users contribute and keep owning: e.g. their ratings of routed answers (kind
-- 'routing-feedback', reference = the response id). One contribution per owner, kind and
-- reference: a second one for the same thing is the same contribution or a conflict, never a copy.
-- 'content' is the contribution itself as JSON, written by the module that collects it.
create table vault_contribution (
    id         uuid primary key,
    owner_id   uuid          not null,
    kind       varchar(40)   not null,
    reference  varchar(200)  not null,
    content    text          not null,
    created_at timestamp(6) with time zone not null,
    constraint vault_contribution_uk unique (owner_id, kind, reference)
);
create index vault_contribution_kind_ix on vault_contribution (kind, created_at);
