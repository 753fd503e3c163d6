-- Deposits (ERC-20 transfers to the hub's address, read from the token's logs) and withdrawals
-- (ERC-20 transfers from the hub's address, sent by the same relay as the anchors).

-- every hash an anchor was sent under (a replaced stuck transaction may be the one mined)
alter table chain_anchor_request add column earlier_tx_hashes text;

create table chain_withdrawal (
    id                 uuid          primary key,
    to_address         varchar(42)   not null,
    amount             numeric(78)   not null,
    state              varchar(16)   not null,
    tx_hash            varchar(66),
    nonce              numeric(78),
    gas_price          numeric(78),
    signed_tx          text,
    earlier_tx_hashes  text,
    requested_at       timestamp with time zone not null,
    submitted_at       timestamp with time zone,
    block_number       bigint,
    confirmed_at       timestamp with time zone,
    attempts           integer       not null default 0,
    next_attempt_at    timestamp with time zone,
    last_error         varchar(1000),
    delivered_at       timestamp with time zone,
    version            bigint        not null default 0
);

create index chain_withdrawal_due on chain_withdrawal (state, next_attempt_at);

-- one row per Transfer log to the hub: id = <tx hash>:<log index>
create table chain_deposit (
    id               varchar(80)   primary key,
    chain_id         bigint        not null,
    tx_hash          varchar(66)   not null,
    log_index        integer       not null,
    block_number     bigint        not null,
    from_address     varchar(42)   not null,
    amount           numeric(78)   not null,
    account_id       uuid,
    seen_at          timestamp with time zone not null,
    credited_at      timestamp with time zone,
    attempts         integer       not null default 0,
    next_attempt_at  timestamp with time zone not null,
    last_error       varchar(1000)
);

create index chain_deposit_account on chain_deposit (account_id, block_number);
create index chain_deposit_sender on chain_deposit (from_address);

-- how far a log watcher has read a contract's logs on a chain
create table chain_log_cursor (
    name        varchar(64)  primary key,
    chain_id    bigint       not null,
    contract    varchar(42)  not null,
    next_block  bigint       not null
);
