package ai.perspective.chain.persistence;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.domain.OutgoingTransaction.Stage;
import ai.perspective.chain.domain.Withdrawal;
import ai.perspective.chain.domain.WithdrawalRecords;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

public class JdbcWithdrawals implements WithdrawalRecords {

    private static final String COLUMNS = "id, to_address, amount, state, tx_hash, nonce, gas_price, signed_tx, "
            + "earlier_tx_hashes, requested_at, submitted_at, block_number, confirmed_at, attempts, next_attempt_at, "
            + "last_error, delivered_at, version";

    private final Jdbc jdbc;

    public JdbcWithdrawals(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Withdrawal addIfAbsent(Withdrawal w) {
        jdbc.update("insert into chain_withdrawal (id, to_address, amount, state, requested_at, attempts, "
                + "next_attempt_at, version) values (?, ?, ?, ?, ?, 0, ?, 0) on conflict do nothing", s -> {
                    s.setObject(1, w.id());
                    s.setString(2, w.to().value());
                    s.setBigDecimal(3, new BigDecimal(w.amount()));
                    s.setString(4, w.stage().name());
                    s.setTimestamp(5, Jdbc.ts(w.requestedAt()));
                    s.setTimestamp(6, Jdbc.ts(w.nextAttemptAt()));
                });
        return byId(w.id()).orElseThrow();
    }

    @Override
    public Optional<Withdrawal> byId(UUID id) {
        return jdbc.one("select " + COLUMNS + " from chain_withdrawal where id = ?", s -> s.setObject(1, id),
                JdbcWithdrawals::map);
    }

    @Override
    public List<Withdrawal> due(Instant now, int limit) {
        return jdbc.list("select " + COLUMNS + " from chain_withdrawal "
                + "where state in ('PENDING', 'SUBMITTED') and next_attempt_at <= ? "
                + "order by case when state = 'SUBMITTED' then 0 else 1 end, nonce, requested_at, id "
                + "fetch first " + limit + " rows only", s -> s.setTimestamp(1, Jdbc.ts(now)), JdbcWithdrawals::map);
    }

    @Override
    public Optional<BigInteger> highestOutstandingNonce() {
        return jdbc.one("select max(nonce) from chain_withdrawal where state = 'SUBMITTED'", s -> {
        }, row -> row.getBigDecimal(1)).map(BigDecimal::toBigInteger);
    }

    @Override
    public boolean update(Withdrawal w) {
        return jdbc.update("update chain_withdrawal set state = ?, tx_hash = ?, nonce = ?, gas_price = ?, "
                + "signed_tx = ?, earlier_tx_hashes = ?, submitted_at = ?, block_number = ?, confirmed_at = ?, "
                + "attempts = ?, next_attempt_at = ?, last_error = ?, version = version + 1 "
                + "where id = ? and version = ?", s -> {
                    s.setString(1, w.stage().name());
                    s.setString(2, w.transactionHash());
                    s.setBigDecimal(3, w.nonce() == null ? null : new BigDecimal(w.nonce()));
                    s.setBigDecimal(4, w.gasPrice() == null ? null : new BigDecimal(w.gasPrice()));
                    s.setString(5, w.signedTransaction());
                    s.setString(6, w.earlierHashes());
                    s.setTimestamp(7, Jdbc.ts(w.submittedAt()));
                    if (w.blockNumber() == null) {
                        s.setNull(8, Types.BIGINT);
                    } else {
                        s.setLong(8, w.blockNumber());
                    }
                    s.setTimestamp(9, Jdbc.ts(w.confirmedAt()));
                    s.setInt(10, w.attempts());
                    s.setTimestamp(11, Jdbc.ts(w.nextAttemptAt()));
                    s.setString(12, Jdbc.clip(w.lastError()));
                    s.setObject(13, w.id());
                    s.setLong(14, w.version());
                }) == 1;
    }

    @Override
    public List<Withdrawal> undelivered(Instant now, int limit) {
        return jdbc.list("select " + COLUMNS + " from chain_withdrawal where state in ('CONFIRMED', 'FAILED') "
                + "and delivered_at is null and (next_attempt_at is null or next_attempt_at <= ?) "
                + "order by confirmed_at, id fetch first " + limit + " rows only",
                s -> s.setTimestamp(1, Jdbc.ts(now)), JdbcWithdrawals::map);
    }

    @Override
    public void delivered(UUID id, Instant at) {
        jdbc.update("update chain_withdrawal set delivered_at = ?, version = version + 1 where id = ?", s -> {
            s.setTimestamp(1, Jdbc.ts(at));
            s.setObject(2, id);
        });
    }

    @Override
    public void deliveryFailed(UUID id, String error, Instant retryAt) {
        // only terminal rows are delivered, and the relay never touches those again: no lost update
        jdbc.update("update chain_withdrawal set next_attempt_at = ?, attempts = attempts + 1, version = version + 1 "
                + "where id = ? and state in ('CONFIRMED', 'FAILED')", s -> {
                    s.setTimestamp(1, Jdbc.ts(retryAt));
                    s.setObject(2, id);
                });
    }

    private static Withdrawal map(ResultSet row) throws SQLException {
        BigDecimal nonce = row.getBigDecimal("nonce");
        BigDecimal gasPrice = row.getBigDecimal("gas_price");
        long block = row.getLong("block_number");
        Long blockNumber = row.wasNull() ? null : block;
        return new Withdrawal(row.getObject("id", UUID.class), new EthereumAddress(row.getString("to_address")),
                row.getBigDecimal("amount").toBigIntegerExact(), Jdbc.instant(row, "requested_at"),
                Stage.valueOf(row.getString("state")), row.getString("tx_hash"),
                nonce == null ? null : nonce.toBigInteger(), gasPrice == null ? null : gasPrice.toBigInteger(),
                row.getString("signed_tx"), row.getString("earlier_tx_hashes"), Jdbc.instant(row, "submitted_at"),
                blockNumber, Jdbc.instant(row, "confirmed_at"), row.getInt("attempts"),
                Jdbc.instant(row, "next_attempt_at"), row.getString("last_error"), Jdbc.instant(row, "delivered_at"),
                row.getLong("version"));
    }
}
