-- Creators' public handles: the catalog derives one from the display name on an account's first
-- model and owns it from then on (model ids embed it, so it never changes).
create table catalog_creator (
    account_id   uuid primary key,
    handle       varchar(64) not null,
    display_name varchar(80) not null,
    created_at   timestamp(6) with time zone not null,
    constraint catalog_creator_handle_uk unique (handle)
);

-- Model cards. The id is the public 'handle/name'. Prices are POV base units per million tokens.
-- The upstream secret is AES-GCM ciphertext (never the clear secret); 'calls' is the usage count the
-- gateway reports, kept here so "most used" sorts without a join.
create table catalog_model (
    id                varchar(129) primary key,
    creator_id        uuid          not null references catalog_creator (account_id),
    handle            varchar(64)   not null,
    name              varchar(64)   not null,
    title             varchar(120)  not null,
    description       varchar(20000) not null,
    licence           varchar(64)   not null,
    context_length    int           not null,
    input_price       numeric(38, 0) not null,
    output_price      numeric(38, 0) not null,
    status            varchar(16)   not null,
    serving_kind      varchar(16)   not null,
    base_url          varchar(2048),
    upstream_model    varchar(200),
    secret_ciphertext varchar(8192),
    engine            varchar(64),
    delisted_reason   varchar(500),
    calls             bigint        not null default 0,
    created_at        timestamp(6) with time zone not null,
    updated_at        timestamp(6) with time zone not null,
    version           bigint        not null default 0,
    constraint catalog_model_price_ck check (input_price >= 0 and output_price >= 0),
    constraint catalog_model_context_ck check (context_length > 0)
);
create index catalog_model_creator_ix on catalog_model (creator_id, created_at);
create index catalog_model_status_ix on catalog_model (status, id);

create table catalog_model_task (
    model_id varchar(129) not null references catalog_model (id),
    task     varchar(16)  not null,
    primary key (model_id, task)
);
