package ai.perspective.chain.domain;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.identity.AccountId;
import java.time.Instant;

/** A one-time text an account signs with an address to prove it controls it. */
public record WalletChallenge(String id, AccountId owner, EthereumAddress address, String message, Instant createdAt,
        Instant expiresAt, Instant usedAt) {

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    public boolean used() {
        return usedAt != null;
    }

    /** The text to sign: says what signing means, for whom, and cannot be reused elsewhere. */
    public static String message(String hub, AccountId owner, EthereumAddress address, String nonce, Instant expiresAt) {
        return "Link this wallet to your " + hub + " account.\n\n"
                + "Account: " + owner + "\n"
                + "Address: " + address + "\n"
                + "Nonce: " + nonce + "\n"
                + "Expires: " + expiresAt + "\n\n"
                + "Signing costs nothing and allows no transaction.";
    }
}
