-- An outbox row now only marks a call whose ModelUsed is not delivered yet, and is deleted once it
-- is: the relay reads the event from the call's usage row (same id, written in the same
-- transaction), so nothing is written twice, and a delivered event costs no update and no new
-- index entry. Marks of events delivered before go now.
delete from gateway_outbox where published_at is not null;
drop index gateway_outbox_pending_ix;
alter table gateway_outbox drop column published_at;
alter table gateway_outbox drop column payload;
create index gateway_outbox_pending_ix on gateway_outbox (created_at);
