package ai.perspective.rewards.persistence;

import ai.perspective.shared.persistence.Sql;
import static ai.perspective.rewards.persistence.Jdbc.TRANSFER_COLUMNS;

import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.Ledger.Transfer;
import ai.perspective.rewards.domain.Batches;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

@ApplicationScoped
public class JdbcBatches implements Batches {

    private static final String UNSEALED = " from rewards_transfer t where t.seq > ?"
            + " and not exists (select 1 from rewards_batch_entry e where e.transfer_id = t.id)";

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    @Override
    public void lockSealer() {
        Sql.query(dataSource, "select id from rewards_sealer where id = 1 for update", rows -> rows.getInt(1));
    }

    @Override
    public long sealedFloor(Instant settledBefore) {
        return Sql.count(dataSource, "select coalesce(max(max_seq), 0) from rewards_batch where sealed_at < ?", settledBefore);
    }

    @Override
    public List<Transfer> unsealed(long floor, int limit) {
        return Sql.query(dataSource, "select " + TRANSFER_COLUMNS + UNSEALED + " order by t.seq limit ?",
                Jdbc::transfer, floor, limit);
    }

    @Override
    public Optional<Instant> oldestUnsealed(long floor) {
        return Sql.query(dataSource, "select min(t.created_at) created_at" + UNSEALED, rows -> Jdbc.instant(rows, "created_at"), floor)
                .stream().filter(java.util.Objects::nonNull).findFirst();
    }

    @Override
    public long nextId() {
        return Sql.count(dataSource, "select coalesce(max(id), 0) + 1 from rewards_batch");
    }

    @Override
    public void add(Ledger.Batch batch, List<Transfer> transfers, long maxSeq) {
        Sql.update(dataSource, "insert into rewards_batch (id, merkle_root, transfer_count, max_seq, sealed_at) values (?, ?, ?, ?, ?)",
                batch.id(), batch.merkleRoot(), batch.transferCount(), maxSeq, batch.sealedAt());
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "insert into rewards_batch_entry (transfer_id, batch_id, position) values (?, ?, ?)")) {
            for (int i = 0; i < transfers.size(); i++) {
                Sql.bind(insert, transfers.get(i).id(), batch.id(), i);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<Ledger.Batch> page(int offset, int limit) {
        return Sql.query(dataSource, "select id, merkle_root, transfer_count, sealed_at from rewards_batch order by id desc limit ? offset ?",
                JdbcBatches::batch, limit, offset);
    }

    @Override
    public Optional<Ledger.Batch> batchOf(UUID transferId) {
        return Sql.query(dataSource, "select b.id, b.merkle_root, b.transfer_count, b.sealed_at from rewards_batch b"
                + " join rewards_batch_entry e on e.batch_id = b.id where e.transfer_id = ?", JdbcBatches::batch, transferId)
                .stream().findFirst();
    }

    @Override
    public List<Transfer> transfers(long batchId) {
        return Sql.query(dataSource, "select " + TRANSFER_COLUMNS + " from rewards_transfer t join rewards_batch_entry e"
                + " on e.transfer_id = t.id where e.batch_id = ? order by e.position", Jdbc::transfer, batchId);
    }

    private static Ledger.Batch batch(java.sql.ResultSet rows) throws SQLException {
        return new Ledger.Batch(rows.getLong("id"), rows.getString("merkle_root"), rows.getInt("transfer_count"),
                Jdbc.instant(rows, "sealed_at"));
    }
}
