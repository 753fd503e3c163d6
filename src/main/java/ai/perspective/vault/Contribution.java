package ai.perspective.vault;

import ai.perspective.identity.AccountId;
import java.time.Instant;
import java.util.UUID;

/** One piece of data a user contributed: {@code content} is JSON written by the collecting module. */
public record Contribution(UUID id, AccountId owner, String kind, String reference, String content, Instant createdAt) {
}
