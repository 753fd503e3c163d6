package ai.perspective.chain.domain;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.Wallets.LinkedWallet;
import ai.perspective.identity.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Challenges and the links they proved. */
public interface WalletRecords {

    void addChallenge(WalletChallenge challenge);

    Optional<WalletChallenge> challenge(String id);

    /**
     * Marks the challenge used unless it already is.
     *
     * @return false when it was used already (a replay, or a concurrent link)
     */
    boolean useChallenge(String id, Instant at);

    Optional<LinkedWallet> link(EthereumAddress address);

    void addLink(LinkedWallet link);

    List<LinkedWallet> linksOf(AccountId owner);

    boolean removeLink(AccountId owner, EthereumAddress address);
}
