package ai.perspective.chain;

import ai.perspective.identity.AccountId;
import java.time.Instant;

/** Published after an account proved it controls an address. */
public record WalletLinked(AccountId owner, EthereumAddress address, Instant linkedAt) {
}
