-- The rewards module's indexes made cheaper for the ledger's bulk inserts (PostgreSQL only: H2
-- accepts neither partial indexes nor column collations like these; on H2 V500's indexes stay).
-- Account keys are ASCII ('spendable:<uuid>', 'treasury', ...): compare them byte-wise (collation
-- "C") rather than by the database's locale, which makes every index insert and lookup on them cheaper.
alter table rewards_transfer drop constraint rewards_transfer_debit_account_fkey;
alter table rewards_transfer drop constraint rewards_transfer_credit_account_fkey;
alter table rewards_account alter column id type varchar(64) collate "C";
alter table rewards_transfer alter column debit_account type varchar(64) collate "C",
    alter column credit_account type varchar(64) collate "C";
alter table rewards_transfer add constraint rewards_transfer_debit_account_fkey foreign key (debit_account) references rewards_account (id);
alter table rewards_transfer add constraint rewards_transfer_credit_account_fkey foreign key (credit_account) references rewards_account (id);
-- Only POSTs and VOIDs resolve a hold and only corrections reverse a transfer: index just those rows.
create unique index rewards_transfer_pending_ux on rewards_transfer (pending_id) where pending_id is not null;
create unique index rewards_transfer_reversal_ux on rewards_transfer (reversal_of) where reversal_of is not null;
alter table rewards_transfer drop constraint rewards_transfer_pending_uk;
alter table rewards_transfer drop constraint rewards_transfer_reversal_uk;
-- The sweeper looks for holds only.
create index rewards_transfer_holds_ix on rewards_transfer (created_at) where kind = 'PENDING';
drop index rewards_transfer_open_ix;
