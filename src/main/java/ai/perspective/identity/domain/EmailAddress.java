package ai.perspective.identity.domain;

import ai.perspective.shared.HubException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A syntactically valid email address, trimmed and lower-cased: the account's login name. */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;
    // local@domain.tld: no spaces, one @, a dot in the domain, no empty labels
    private static final Pattern SHAPE = Pattern.compile(
            "^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$");

    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw HubException.invalid("email", "missing-field", "Enter an email address.");
        }
        String email = raw.trim().toLowerCase(Locale.ROOT);
        if (email.length() > MAX_LENGTH || !SHAPE.matcher(email).matches() || email.contains("..")) {
            throw HubException.invalid("email", "invalid-email", "'" + raw.trim() + "' is not a valid email address.");
        }
        return new EmailAddress(email);
    }
}
