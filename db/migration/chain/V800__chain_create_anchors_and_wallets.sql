-- The chain module: the anchoring outbox, the contracts the hub deployed, linked wallets.

create table chain_anchor_request (
    id                 uuid          primary key,
    kind               smallint      not null,
    reference          varchar(200)  not null,
    root               varchar(66)   not null,
    state              varchar(16)   not null,
    tx_hash            varchar(66),
    nonce              numeric(78),
    gas_price          numeric(78),
    signed_tx          text,
    requested_at       timestamp with time zone not null,
    submitted_at       timestamp with time zone,
    block_number       bigint,
    confirmed_at       timestamp with time zone,
    attempts           integer       not null default 0,
    next_attempt_at    timestamp with time zone,
    last_error         varchar(1000),
    version            bigint        not null default 0,
    constraint chain_anchor_request_batch unique (kind, reference)
);

create index chain_anchor_request_due on chain_anchor_request (state, next_attempt_at);

create table chain_deployment (
    chain_id     bigint        not null,
    contract     varchar(64)   not null,
    address      varchar(42)   not null,
    tx_hash      varchar(66)   not null,
    deployed_at  timestamp with time zone not null,
    primary key (chain_id, contract)
);

create table chain_wallet_challenge (
    id          varchar(64)    primary key,
    account_id  uuid           not null,
    address     varchar(42)    not null,
    message     varchar(1000)  not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    used_at     timestamp with time zone
);

create table chain_wallet (
    address     varchar(42)  primary key,
    account_id  uuid         not null,
    linked_at   timestamp with time zone not null
);

create index chain_wallet_account on chain_wallet (account_id);
