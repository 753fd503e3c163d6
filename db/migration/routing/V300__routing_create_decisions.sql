-- One row per perspective/auto call: what the router chose, which models were tried (the fallback
-- chain, e.g. 'acme/a:502 acme/b:200'), which answered, and the user's verdict once rated. The id
-- is the gateway's request id (X-Request-Id), which is also the decision id feedback names. No
-- request text is stored here: a rated request lives in its owner's vault contribution.
create table routing_decision (
    id             uuid primary key,
    account_id     uuid          not null,
    chosen_model   varchar(130)  not null,
    answered_model varchar(130),
    attempts       varchar(2000) not null,
    general_fallback boolean     not null,
    candidates     varchar(2000) not null,
    helpful        boolean,
    created_at     timestamp(6) with time zone not null
);
create index routing_decision_created_ix on routing_decision (created_at);

-- The hub's routing settings, e.g. 'general-model' (set by an administrator on the Routing page).
create table routing_setting (
    name       varchar(64)  primary key,
    val        varchar(500) not null,
    updated_by uuid,
    updated_at timestamp(6) with time zone not null
);
