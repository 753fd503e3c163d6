package ai.perspective.rewards.persistence;

import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.LedgerAccount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * How the ledger's rows read back (statements go through {@link ai.perspective.shared.persistence.Sql}).
 * The ledger uses SQL directly because its hot path is conditional updates and insert-or-nothing,
 * which JPA would only wrap.
 */
final class Jdbc {

    static final String TRANSFER_COLUMNS = "t.id, t.seq, t.debit_account, t.credit_account, t.amount, t.kind, t.code,"
            + " t.pending_id, t.reversal_of, t.model, t.memo, t.created_at";

    private Jdbc() {
    }

    static BigInteger big(ResultSet rows, String column) throws SQLException {
        BigDecimal value = rows.getBigDecimal(column);
        return value == null ? BigInteger.ZERO : value.toBigIntegerExact();
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Ledger.Transfer transfer(ResultSet rows) throws SQLException {
        return new Ledger.Transfer(
                rows.getObject("id", UUID.class),
                rows.getLong("seq"),
                LedgerAccount.parse(rows.getString("debit_account")),
                LedgerAccount.parse(rows.getString("credit_account")),
                big(rows, "amount"),
                Ledger.Kind.valueOf(rows.getString("kind")),
                Ledger.Code.valueOf(rows.getString("code")),
                rows.getObject("pending_id", UUID.class),
                rows.getObject("reversal_of", UUID.class),
                rows.getString("model"),
                rows.getString("memo"),
                instant(rows, "created_at"));
    }
}
