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

        void commit();

        @Override
        void close();
    }
}
