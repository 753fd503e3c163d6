package ai.perspective.identity;

import ai.perspective.shared.HubException;
import java.util.Objects;
import java.util.UUID;

/** Identifies an account everywhere in the hub; other modules keep only this. */
public record AccountId(UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    public static AccountId random() {
        return new AccountId(UUID.randomUUID());
    }

    /** Parses an id from a request; a malformed one is the client's mistake. */
    public static AccountId parse(String text) {
        try {
            return new AccountId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw HubException.invalid("accountId", "invalid-account-id", "'" + text + "' is not an account id.");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
