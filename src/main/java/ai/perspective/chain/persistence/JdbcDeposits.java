package ai.perspective.chain.persistence;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.domain.Deposit;
import ai.perspective.chain.domain.DepositRecords;
import ai.perspective.identity.AccountId;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

public class JdbcDeposits implements DepositRecords {

    private static final String COLUMNS = "id, chain_id, tx_hash, log_index, block_number, from_address, amount, "
            + "account_id, seen_at, credited_at, attempts, next_attempt_at, last_error";

    private final Jdbc jdbc;

    public JdbcDeposits(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public boolean addIfAbsent(Deposit d) {
        return jdbc.update("insert into chain_deposit (id, chain_id, tx_hash, log_index, block_number, from_address, "
                + "amount, account_id, seen_at, attempts, next_attempt_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?) "
                + "on conflict do nothing", s -> {
                    s.setString(1, d.id());
                    s.setLong(2, d.chainId());
                    s.setString(3, d.transactionHash());
                    s.setInt(4, d.logIndex());
                    s.setLong(5, d.blockNumber());
                    s.setString(6, d.from().value());
                    s.setBigDecimal(7, new BigDecimal(d.amount()));
                    s.setObject(8, d.account() == null ? null : d.account().value());
                    s.setTimestamp(9, Jdbc.ts(d.seenAt()));
                    s.setTimestamp(10, Jdbc.ts(d.nextAttemptAt()));
                }) == 1;
    }

    @Override
    public Optional<Deposit> byId(String id) {
        return jdbc.one("select " + COLUMNS + " from chain_deposit where id = ?", s -> s.setString(1, id),
                JdbcDeposits::map);
    }

    @Override
    public List<Deposit> undelivered(Instant now, int limit) {
        return jdbc.list("select " + COLUMNS + " from chain_deposit where account_id is not null "
                + "and credited_at is null and next_attempt_at <= ? order by block_number, log_index "
                + "fetch first " + limit + " rows only", s -> s.setTimestamp(1, Jdbc.ts(now)), JdbcDeposits::map);
    }

    @Override
    public List<EthereumAddress> unclaimedSenders(int limit) {
        return jdbc.list("select distinct from_address from chain_deposit where account_id is null "
                + "order by from_address fetch first " + limit + " rows only", s -> {
                }, row -> new EthereumAddress(row.getString(1)));
    }

    @Override
    public int claim(EthereumAddress from, AccountId account, Instant now) {
        return jdbc.update("update chain_deposit set account_id = ?, next_attempt_at = ? "
                + "where from_address = ? and account_id is null", s -> {
                    s.setObject(1, account.value());
                    s.setTimestamp(2, Jdbc.ts(now));
                    s.setString(3, from.value());
                });
    }

    @Override
    public void delivered(String id, Instant at) {
        jdbc.update("update chain_deposit set credited_at = ?, last_error = null where id = ?", s -> {
            s.setTimestamp(1, Jdbc.ts(at));
            s.setString(2, id);
        });
    }

    @Override
    public void deliveryFailed(String id, String error, Instant retryAt) {
        jdbc.update("update chain_deposit set attempts = attempts + 1, last_error = ?, next_attempt_at = ? "
                + "where id = ?", s -> {
                    s.setString(1, Jdbc.clip(error));
                    s.setTimestamp(2, Jdbc.ts(retryAt));
                    s.setString(3, id);
                });
    }

    @Override
    public List<Deposit> ofAccount(AccountId account, int offset, int limit) {
        return jdbc.list("select " + COLUMNS + " from chain_deposit where account_id = ? "
                + "order by block_number desc, log_index desc offset " + offset + " rows fetch first " + limit
                + " rows only", s -> s.setObject(1, account.value()), JdbcDeposits::map);
    }

    @Override
    public Optional<Cursor> cursor(String name) {
        return jdbc.one("select chain_id, contract, next_block from chain_log_cursor where name = ?",
                s -> s.setString(1, name), row -> new Cursor(row.getLong("chain_id"),
                        new EthereumAddress(row.getString("contract")), row.getLong("next_block")));
    }

    @Override
    public void saveCursor(String name, Cursor cursor) {
        int changed = jdbc.update("update chain_log_cursor set chain_id = ?, contract = ?, next_block = ? where name = ?",
                s -> {
                    s.setLong(1, cursor.chainId());
                    s.setString(2, cursor.contract().value());
                    s.setLong(3, cursor.nextBlock());
                    s.setString(4, name);
                });
        if (changed == 0) {
            jdbc.update("insert into chain_log_cursor (name, chain_id, contract, next_block) values (?, ?, ?, ?) "
                    + "on conflict do nothing", s -> {
                        s.setString(1, name);
                        s.setLong(2, cursor.chainId());
                        s.setString(3, cursor.contract().value());
                        s.setLong(4, cursor.nextBlock());
                    });
        }
    }

    private static Deposit map(ResultSet row) throws SQLException {
        UUID account = row.getObject("account_id", UUID.class);
        return new Deposit(row.getString("id"), row.getLong("chain_id"), row.getString("tx_hash"),
                row.getInt("log_index"), row.getLong("block_number"), new EthereumAddress(row.getString("from_address")),
                row.getBigDecimal("amount").toBigIntegerExact(), account == null ? null : new AccountId(account),
                Jdbc.instant(row, "seen_at"), Jdbc.instant(row, "credited_at"), row.getInt("attempts"),
                Jdbc.instant(row, "next_attempt_at"), row.getString("last_error"));
    }
}
