package ai.perspective.identity;

import java.time.Instant;

/** Published after an account is created (e.g. the ledger funds the sign-up grant). */
public record AccountCreated(AccountId account, String email, String displayName, Instant createdAt) {
}
