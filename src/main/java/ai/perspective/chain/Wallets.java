package ai.perspective.chain;

import ai.perspective.identity.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Ethereum addresses linked to accounts. An account proves it controls an address by signing a
 * one-time challenge with it (EIP-191 {@code personal_sign}); an address belongs to one account.
 */
public interface Wallets {

    /** A new challenge for {@code owner} to sign with {@code address}; valid once, for a few minutes. */
    Challenge challenge(AccountId owner, String address);

    /** Links the challenge's address to {@code owner} if {@code signature} is its signature of the challenge. */
    LinkedWallet link(AccountId owner, String challengeId, String signature);

    List<LinkedWallet> wallets(AccountId owner);

    /** The account an address is linked to, e.g. to credit a deposit from it. */
    Optional<AccountId> ownerOf(EthereumAddress address);

    void unlink(AccountId owner, String address);

    record Challenge(String id, EthereumAddress address, String message, Instant expiresAt) {
    }

    record LinkedWallet(EthereumAddress address, AccountId owner, Instant linkedAt) {
    }
}
