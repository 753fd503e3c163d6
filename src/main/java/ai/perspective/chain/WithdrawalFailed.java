package ai.perspective.chain;

import java.math.BigInteger;
import java.time.Instant;
import java.util.UUID;

/** A withdrawal can never happen (its transfer reverted); no POV left the hub's address. */
public record WithdrawalFailed(UUID id, EthereumAddress to, BigInteger amount, String reason, Instant failedAt) {
}
