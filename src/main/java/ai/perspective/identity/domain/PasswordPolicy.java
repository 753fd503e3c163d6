package ai.perspective.identity.domain;

import ai.perspective.shared.HubException;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be, after NIST SP 800-63B: long enough, not absurdly long, not a known
 * common password, not the email itself. No composition rules beyond two kinds of character.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of(
            "password", "password1", "password12", "password123", "password1234", "passw0rd",
            "qwertyuiop", "1234567890", "0123456789", "12345678910", "iloveyou12", "letmein123",
            "welcome123", "administrator", "qwerty1234", "abc1234567", "1q2w3e4r5t", "monkey1234",
            "football12", "sunshine12", "trustno1234", "changeme123", "perspective", "perspective1");

    private PasswordPolicy() {
    }

    public static void check(String password, EmailAddress email) {
        if (password == null || password.isEmpty()) {
            throw weak("Enter a password.", "missing-field");
        }
        if (password.length() < MIN_LENGTH) {
            throw weak("Use at least " + MIN_LENGTH + " characters for the password.", "weak-password");
        }
        if (password.length() > MAX_LENGTH) {
            throw weak("Use at most " + MAX_LENGTH + " characters for the password.", "weak-password");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            throw weak("This password is too common; choose another.", "weak-password");
        }
        if (email != null && (lower.equals(email.value()) || lower.equals(email.value().split("@")[0]))) {
            throw weak("The password cannot be your email address.", "weak-password");
        }
        if (password.chars().distinct().count() < 4 || kinds(password) < 2) {
            throw weak("Mix at least two kinds of character (letters, digits, symbols) in the password.", "weak-password");
        }
    }

    private static int kinds(String password) {
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean digit = password.chars().anyMatch(Character::isDigit);
        boolean other = password.chars().anyMatch(c -> !Character.isLetterOrDigit(c));
        return (letter ? 1 : 0) + (digit ? 1 : 0) + (other ? 1 : 0);
    }

    private static HubException weak(String detail, String type) {
        return HubException.invalid("password", type, detail);
    }
}
