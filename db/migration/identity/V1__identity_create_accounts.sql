-- Accounts, their roles and their API keys. Emails are stored lower-case; uniqueness is on that.
create table identity_account (
    id            uuid primary key,
    email         varchar(254) not null,
    display_name  varchar(80)  not null,
    password_hash varchar(512) not null,
    created_at    timestamp(6) with time zone not null,
    version       bigint not null default 0,
    constraint identity_account_email_uk unique (email)
);

create table identity_account_role (
    account_id uuid        not null references identity_account (id),
    role       varchar(16) not null,
    primary key (account_id, role)
);

-- One row: whether the hub already has its first administrator. Sign-up claims it with a
-- conditional update, so two concurrent first sign-ups cannot both become ADMIN.
create table identity_hub (
    id            int primary key,
    admin_claimed boolean not null
);
insert into identity_hub (id, admin_claimed) values (1, false);

-- API keys are stored only as the SHA-256 of the secret: the secret is shown once at creation.
create table identity_api_key (
    id           uuid primary key,
    account_id   uuid         not null references identity_account (id),
    name         varchar(80)  not null,
    prefix       varchar(16)  not null,
    secret_hash  varchar(64)  not null,
    created_at   timestamp(6) with time zone not null,
    last_used_at timestamp(6) with time zone,
    revoked_at   timestamp(6) with time zone,
    constraint identity_api_key_secret_hash_uk unique (secret_hash)
);
create index identity_api_key_account_ix on identity_api_key (account_id, created_at);
