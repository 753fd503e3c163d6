-- One row per call the gateway forwarded (or tried to): who, which model, tokens, what it cost the
-- caller (POV base units, at the prices of the moment of the call), latency, outcome.
-- Written before the client sees the end of a successful response, so a call a client saw succeed
-- always has its row.
create table gateway_usage (
    id                uuid primary key,
    account_id        uuid         not null,
    api_key_id        uuid,
    model             varchar(130) not null,
    creator_id        uuid         not null,
    prompt_tokens     integer      not null,
    completion_tokens integer      not null,
    cost              numeric(78, 0) not null,
    tokens_counted    boolean      not null,
    latency_ms        integer      not null,
    outcome           varchar(24)  not null,
    http_status       integer      not null,
    streamed          boolean      not null,
    idempotency_key   varchar(255),
    created_at        timestamp(6) with time zone not null
);
create index gateway_usage_account_ix on gateway_usage (account_id, created_at);
create index gateway_usage_model_ix on gateway_usage (model, created_at);

-- Replies to requests that carried an Idempotency-Key: a retry gets the stored reply, not a new call.
create table gateway_idempotency (
    account_id      uuid         not null,
    idempotency_key varchar(255) not null,
    request_id      uuid         not null,
    state           varchar(12)  not null,
    http_status     integer,
    content_type    varchar(100),
    body            text,
    created_at      timestamp(6) with time zone not null,
    primary key (account_id, idempotency_key)
);

-- Events that move value or feed other modules, written in the same transaction as the usage row
-- and relayed from here: a ModelUsed is never lost when the process dies.
create table gateway_outbox (
    id           uuid primary key,
    event_type   varchar(40) not null,
    payload      text        not null,
    created_at   timestamp(6) with time zone not null,
    published_at timestamp(6) with time zone
);
create index gateway_outbox_pending_ix on gateway_outbox (published_at, created_at);
