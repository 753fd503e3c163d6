package ai.perspective.rewards.domain;

import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.LedgerAccount;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Storage for the ledger's single writer: each {@link Session} is one database transaction that
 * reads what a whole batch of transfer requests needs in a few set-wise queries, locks the
 * accounts it will change, writes every accepted transfer and the new totals, and commits once.
 */
public interface TransferStore {

    Session open();

    /** What {@link Session#read} found. */
    record Snapshot(Map<UUID, Transfer> byId, Map<UUID, Transfer> resolutions, Map<UUID, Transfer> reversals,
            Map<String, Journal.Totals> accounts) {
    }

    interface Session extends AutoCloseable {

        /** The stored transfers among {@code ids}. */
        Map<UUID, Transfer> byIds(Collection<UUID> ids);

        /** The POST or VOID that resolved each of these holds, by hold id. */
        Map<UUID, Transfer> resolutions(Collection<UUID> pendingIds);

        /** The corrections that reversed each of these transfers, by reversed id. */
        Map<UUID, Transfer> reversals(Collection<UUID> transferIds);

        /** The totals of the existing accounts among {@code keys}, locked until commit; missing keys do not exist. */
        Map<String, Journal.Totals> lockAccounts(Collection<String> keys);

        void createAccounts(List<LedgerAccount> accounts, Instant now);

        /** Inserts the transfers in order; returns the seq the ledger gave each. */
        long[] insert(List<Transfer> transfers);

        /** Sets the totals of locked accounts. */
        void setTotals(Map<String, Journal.Totals> totals);

        /**
         * Everything a batch reads, in one go where the database allows it: the stored transfers
         * among {@code ids}, the resolutions of {@code pendingIds}, the reversals of
         * {@code reversed}, and the existing {@code accounts}, locked until commit.
         */
        default Snapshot read(Collection<UUID> ids, Collection<UUID> pendingIds, Collection<UUID> reversed,
                Collection<String> accounts) {
            java.util.Set<UUID> all = new java.util.HashSet<>(ids);
            all.addAll(pendingIds);
            return new Snapshot(all.isEmpty() ? Map.of() : byIds(all), pendingIds.isEmpty() ? Map.of() : resolutions(pendingIds),
                    reversed.isEmpty() ? Map.of() : reversals(reversed), accounts.isEmpty() ? Map.of() : lockAccounts(accounts));
        }

        /**
         * Everything a batch writes, in one go where the database allows it: new accounts with
         * their totals, the transfers (in order; returns their seqs) and the new totals of locked accounts.
         */
        default long[] write(Map<LedgerAccount, Journal.Totals> newAccounts, Instant now, List<Transfer> transfers,
                Map<String, Journal.Totals> totals) {
            createAccounts(List.copyOf(newAccounts.keySet()), now);
            long[] seqs = transfers.isEmpty() ? new long[0] : insert(transfers);
            Map<String, Journal.Totals> all = new java.util.TreeMap<>(totals);
            newAccounts.forEach((account, t) -> {
                if (!t.isZero()) {
                    all.put(account.key(), t);
                }
            });
            setTotals(all);
            return seqs;
        }

        void commit();

        @Override
        void close();
    }
}
