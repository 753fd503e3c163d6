package ai.perspective.chain.persistence;

import ai.perspective.chain.domain.AnchorRequests;
import ai.perspective.chain.domain.Deployments;
import ai.perspective.chain.domain.DepositRecords;
import ai.perspective.chain.domain.WithdrawalRecords;
import ai.perspective.chain.domain.WalletRecords;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import javax.sql.DataSource;

/** The chain module's JDBC repositories on the hub's datasource. */
@ApplicationScoped
public class ChainRepositories {

    @Resource(lookup = "java:jboss/datasources/PerspectiveDS")
    DataSource dataSource;

    @Produces
    AnchorRequests anchorRequests() {
        return new JdbcAnchorRequests(dataSource);
    }

    @Produces
    Deployments deployments() {
        return new JdbcDeployments(dataSource);
    }

    @Produces
    WithdrawalRecords withdrawalRecords() {
        return new JdbcWithdrawals(dataSource);
    }

    @Produces
    DepositRecords depositRecords() {
        return new JdbcDeposits(dataSource);
    }

    @Produces
    WalletRecords walletRecords() {
        return new JdbcWalletRecords(dataSource);
    }
}
