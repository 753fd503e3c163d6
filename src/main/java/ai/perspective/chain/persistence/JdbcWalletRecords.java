package ai.perspective.chain.persistence;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.Wallets.LinkedWallet;
import ai.perspective.chain.domain.WalletChallenge;
import ai.perspective.chain.domain.WalletRecords;
import ai.perspective.identity.AccountId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

public class JdbcWalletRecords implements WalletRecords {

    private final Jdbc jdbc;

    public JdbcWalletRecords(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public void addChallenge(WalletChallenge c) {
        jdbc.update("insert into chain_wallet_challenge (id, account_id, address, message, created_at, expires_at) "
                + "values (?, ?, ?, ?, ?, ?)", s -> {
                    s.setString(1, c.id());
                    s.setObject(2, c.owner().value());
                    s.setString(3, c.address().value());
                    s.setString(4, c.message());
                    s.setTimestamp(5, Jdbc.ts(c.createdAt()));
                    s.setTimestamp(6, Jdbc.ts(c.expiresAt()));
                });
    }

    @Override
    public Optional<WalletChallenge> challenge(String id) {
        return jdbc.one("select id, account_id, address, message, created_at, expires_at, used_at "
                + "from chain_wallet_challenge where id = ?", s -> s.setString(1, id), row -> new WalletChallenge(
                        row.getString("id"), new AccountId(row.getObject("account_id", UUID.class)),
                        new EthereumAddress(row.getString("address")), row.getString("message"),
                        Jdbc.instant(row, "created_at"), Jdbc.instant(row, "expires_at"), Jdbc.instant(row, "used_at")));
    }

    @Override
    public boolean useChallenge(String id, Instant at) {
        return jdbc.update("update chain_wallet_challenge set used_at = ? where id = ? and used_at is null", s -> {
            s.setTimestamp(1, Jdbc.ts(at));
            s.setString(2, id);
        }) == 1;
    }

    @Override
    public Optional<LinkedWallet> link(EthereumAddress address) {
        return jdbc.one("select address, account_id, linked_at from chain_wallet where address = ?",
                s -> s.setString(1, address.value()), JdbcWalletRecords::mapLink);
    }

    @Override
    public void addLink(LinkedWallet link) {
        jdbc.update("insert into chain_wallet (address, account_id, linked_at) values (?, ?, ?)", s -> {
            s.setString(1, link.address().value());
            s.setObject(2, link.owner().value());
            s.setTimestamp(3, Jdbc.ts(link.linkedAt()));
        });
    }

    @Override
    public List<LinkedWallet> linksOf(AccountId owner) {
        return jdbc.list("select address, account_id, linked_at from chain_wallet where account_id = ? "
                + "order by linked_at, address", s -> s.setObject(1, owner.value()), JdbcWalletRecords::mapLink);
    }

    @Override
    public boolean removeLink(AccountId owner, EthereumAddress address) {
        return jdbc.update("delete from chain_wallet where account_id = ? and address = ?", s -> {
            s.setObject(1, owner.value());
            s.setString(2, address.value());
        }) == 1;
    }

    private static LinkedWallet mapLink(ResultSet row) throws SQLException {
        return new LinkedWallet(new EthereumAddress(row.getString("address")),
                new AccountId(row.getObject("account_id", UUID.class)), Jdbc.instant(row, "linked_at"));
    }
}
