package ai.perspective.identity.domain;

import ai.perspective.shared.HubException;

/** The name other people see: 1 to 80 printable characters. */
public record DisplayName(String value) {

    private static final int MAX_LENGTH = 80;

    public static DisplayName parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw HubException.invalid("displayName", "missing-field", "Enter a display name.");
        }
        String name = raw.strip();
        if (name.length() > MAX_LENGTH) {
            throw HubException.invalid("displayName", "invalid-display-name",
                    "A display name has at most " + MAX_LENGTH + " characters.");
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw HubException.invalid("displayName", "invalid-display-name",
                    "A display name cannot contain control characters.");
        }
        return new DisplayName(name);
    }
}
