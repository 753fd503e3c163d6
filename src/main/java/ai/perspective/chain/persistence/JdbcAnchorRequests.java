package ai.perspective.chain.persistence;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Anchors.State;
import ai.perspective.chain.Bytes32;
import ai.perspective.chain.domain.AnchorRequest;
import ai.perspective.chain.domain.AnchorRequests;
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

public class JdbcAnchorRequests implements AnchorRequests {

    private static final String COLUMNS = "id, kind, reference, root, state, tx_hash, nonce, gas_price, signed_tx, earlier_tx_hashes, "
            + "requested_at, submitted_at, block_number, confirmed_at, attempts, next_attempt_at, last_error, version";

    private final Jdbc jdbc;

    public JdbcAnchorRequests(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public AnchorRequest addIfAbsent(AnchorRequest r) {
        // "on conflict do nothing" keeps a concurrent duplicate from failing the caller's transaction
        jdbc.update("insert into chain_anchor_request (id, kind, reference, root, state, requested_at, attempts, "
                + "next_attempt_at, version) values (?, ?, ?, ?, ?, ?, 0, ?, 0) on conflict do nothing", s -> {
                    s.setObject(1, r.id());
                    s.setInt(2, r.kind().code());
                    s.setString(3, r.reference());
                    s.setString(4, r.root().hex());
                    s.setString(5, r.state().name());
                    s.setTimestamp(6, Jdbc.ts(r.requestedAt()));
                    s.setTimestamp(7, Jdbc.ts(r.nextAttemptAt()));
                });
        return byBatch(r.kind(), r.reference()).orElseThrow();
    }

    @Override
    public Optional<AnchorRequest> byBatch(AnchorKind kind, String reference) {
        return jdbc.one("select " + COLUMNS + " from chain_anchor_request where kind = ? and reference = ?", s -> {
            s.setInt(1, kind.code());
            s.setString(2, reference);
        }, JdbcAnchorRequests::map);
    }

    @Override
    public List<AnchorRequest> due(Instant now, int limit) {
        return jdbc.list("select " + COLUMNS + " from chain_anchor_request "
                + "where state in ('PENDING', 'SUBMITTED') and next_attempt_at <= ? "
                + "order by case when state = 'SUBMITTED' then 0 else 1 end, nonce, requested_at, id "
                + "fetch first " + limit + " rows only", s -> s.setTimestamp(1, Jdbc.ts(now)), JdbcAnchorRequests::map);
    }

    @Override
    public Optional<BigInteger> highestOutstandingNonce() {
        return jdbc.one("select max(nonce) from chain_anchor_request where state = 'SUBMITTED'", s -> {
        }, row -> row.getBigDecimal(1)).map(BigDecimal::toBigInteger);
    }

    @Override
    public boolean update(AnchorRequest r) {
        return jdbc.update("update chain_anchor_request set state = ?, tx_hash = ?, nonce = ?, gas_price = ?, "
                + "signed_tx = ?, submitted_at = ?, block_number = ?, confirmed_at = ?, attempts = ?, "
                + "next_attempt_at = ?, last_error = ?, earlier_tx_hashes = ?, version = version + 1 "
                + "where id = ? and version = ?", s -> {
                    s.setString(1, r.state().name());
                    s.setString(2, r.transactionHash());
                    s.setBigDecimal(3, r.nonce() == null ? null : new BigDecimal(r.nonce()));
                    s.setBigDecimal(4, r.gasPrice() == null ? null : new BigDecimal(r.gasPrice()));
                    s.setString(5, r.signedTransaction());
                    s.setTimestamp(6, Jdbc.ts(r.submittedAt()));
                    if (r.blockNumber() == null) {
                        s.setNull(7, Types.BIGINT);
                    } else {
                        s.setLong(7, r.blockNumber());
                    }
                    s.setTimestamp(8, Jdbc.ts(r.confirmedAt()));
                    s.setInt(9, r.attempts());
                    s.setTimestamp(10, Jdbc.ts(r.nextAttemptAt()));
                    s.setString(11, Jdbc.clip(r.lastError()));
                    s.setString(12, r.earlierHashes());
                    s.setObject(13, r.id());
                    s.setLong(14, r.version());
                }) == 1;
    }

    @Override
    public long count(State state) {
        return jdbc.one("select count(*) from chain_anchor_request where state = ?", s -> s.setString(1, state.name()),
                row -> row.getLong(1)).orElse(0L);
    }

    private static AnchorRequest map(ResultSet row) throws SQLException {
        BigDecimal nonce = row.getBigDecimal("nonce");
        BigDecimal gasPrice = row.getBigDecimal("gas_price");
        long block = row.getLong("block_number");
        Long blockNumber = row.wasNull() ? null : block;
        return new AnchorRequest(row.getObject("id", UUID.class), AnchorKind.ofCode(row.getInt("kind")),
                row.getString("reference"), Bytes32.fromHex(row.getString("root")), Jdbc.instant(row, "requested_at"),
                State.valueOf(row.getString("state")), row.getString("tx_hash"),
                nonce == null ? null : nonce.toBigInteger(), gasPrice == null ? null : gasPrice.toBigInteger(),
                row.getString("signed_tx"), row.getString("earlier_tx_hashes"), Jdbc.instant(row, "submitted_at"), blockNumber,
                Jdbc.instant(row, "confirmed_at"), row.getInt("attempts"), Jdbc.instant(row, "next_attempt_at"),
                row.getString("last_error"), row.getLong("version"));
    }
}
