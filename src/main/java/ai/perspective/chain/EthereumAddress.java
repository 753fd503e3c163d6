package ai.perspective.chain;

import ai.perspective.shared.HubException;
import java.util.Locale;
import java.util.regex.Pattern;

/** A 20-byte EVM address, kept in lower case (0x + 40 hex digits). */
public record EthereumAddress(String value) {

    private static final Pattern FORM = Pattern.compile("0x[0-9a-f]{40}");

    public EthereumAddress {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("not a lower-case 0x address: " + value);
        }
    }

    /** Parses an address from a request, in any letter case; a malformed one is a 400 on {@code field}. */
    public static EthereumAddress parse(String field, String text) {
        String lower = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (!FORM.matcher(lower).matches()) {
            throw HubException.invalid(field, "invalid-address",
                    "'" + text + "' is not an Ethereum address (0x followed by 40 hex digits).");
        }
        return new EthereumAddress(lower);
    }

    @Override
    public String toString() {
        return value;
    }
}
