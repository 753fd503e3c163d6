package ai.perspective.chain.persistence;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.domain.Deployment;
import ai.perspective.chain.domain.Deployments;
import java.util.Optional;
import javax.sql.DataSource;

public class JdbcDeployments implements Deployments {

    private final Jdbc jdbc;

    public JdbcDeployments(DataSource dataSource) {
        this.jdbc = new Jdbc(dataSource);
    }

    @Override
    public Optional<Deployment> find(long chainId, String contract) {
        return jdbc.one("select chain_id, contract, address, tx_hash, deployed_at from chain_deployment "
                + "where chain_id = ? and contract = ?", s -> {
                    s.setLong(1, chainId);
                    s.setString(2, contract);
                }, row -> new Deployment(row.getLong("chain_id"), row.getString("contract"),
                        new EthereumAddress(row.getString("address")), row.getString("tx_hash"),
                        Jdbc.instant(row, "deployed_at")));
    }

    @Override
    public void save(Deployment d) {
        jdbc.update("delete from chain_deployment where chain_id = ? and contract = ?", s -> {
            s.setLong(1, d.chainId());
            s.setString(2, d.contract());
        });
        jdbc.update("insert into chain_deployment (chain_id, contract, address, tx_hash, deployed_at) "
                + "values (?, ?, ?, ?, ?)", s -> {
                    s.setLong(1, d.chainId());
                    s.setString(2, d.contract());
                    s.setString(3, d.address().value());
                    s.setString(4, d.transactionHash());
                    s.setTimestamp(5, Jdbc.ts(d.deployedAt()));
                });
    }
}
