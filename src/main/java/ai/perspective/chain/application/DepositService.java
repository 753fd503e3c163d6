package ai.perspective.chain.application;

import ai.perspective.chain.Anchors.ChainNetwork;
import ai.perspective.chain.Deposits;
import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.Wallets.LinkedWallet;
import ai.perspective.chain.domain.Deposit;
import ai.perspective.chain.domain.DepositRecords;
import ai.perspective.chain.domain.WalletRecords;
import ai.perspective.identity.AccountId;
import ai.perspective.shared.HubException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

@ApplicationScoped
public class DepositService implements Deposits {

    static final int MAX_PAGE = 200;

    @Inject
    DepositRecords records;
    @Inject
    WalletRecords wallets;
    @Inject
    ChainAccess chain;

    @Override
    public Instructions instructions(AccountId owner) {
        ChainNetwork network = chain.network();
        List<EthereumAddress> linked = wallets.linksOf(owner).stream().map(LinkedWallet::address).toList();
        String text;
        if (network.hubAddress() == null) {
            text = "The hub is not connected to its chain right now (" + network.state()
                    + "); the deposit address appears here once it is.";
        } else {
            String send = "Send POV (the ERC-20 token " + network.tokenAddress() + " on chain " + network.chainId()
                    + ") with a plain token transfer to the hub's address " + network.hubAddress();
            text = linked.isEmpty()
                    ? "Link a wallet first: only POV sent from a wallet linked to your account is credited to you. "
                            + "Then: " + send + "."
                    : send + " from your linked wallet" + (linked.size() > 1 ? "s " : " ")
                            + String.join(", ", linked.stream().map(EthereumAddress::value).toList())
                            + ". It is credited to your spendable balance after " + network.confirmations()
                            + " confirmations. POV sent from any other wallet is credited to whoever links it.";
        }
        return new Instructions(network.chainId(), network.tokenAddress(), network.hubAddress(),
                network.confirmations(), linked, text);
    }

    @Override
    public List<DepositStatus> deposits(AccountId owner, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw HubException.invalid("limit", "invalid-page", "Use offset >= 0 and 1 <= limit <= " + MAX_PAGE + ".");
        }
        return records.ofAccount(owner, offset, limit).stream().map(DepositService::view).toList();
    }

    static DepositStatus view(Deposit d) {
        return new DepositStatus(d.id(), d.from(), d.amount(), d.creditedAt() == null ? State.CONFIRMED : State.CREDITED,
                d.transactionHash(), d.blockNumber(), d.seenAt(), d.creditedAt());
    }
}
