-- A deposit is one Transfer log on one chain: <chain id>:<tx hash>:<log index>. Before this, the key
-- was <tx hash>:<log index> alone, so the same hash and index on another chain (or a dev chain
-- started afresh under another id) was taken for a deposit already seen and silently ignored.
-- Rows already recorded keep their ids (their ledger transfers are derived from them); the unique
-- index makes the triple the key for every row, old or new.

alter table chain_deposit alter column id set data type varchar(120);

create unique index chain_deposit_log on chain_deposit (chain_id, tx_hash, log_index);
