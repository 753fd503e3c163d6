package ai.perspective.identity.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.shared.HubException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private static final EmailAddress ALICE = EmailAddress.parse("alice.writer@example.com");

    @ParameterizedTest
    @ValueSource(strings = {"correct horse 1", "Tr0ub4dor&3x", "k8#mQ2!vLp9z", "lange Passphrase 2026"})
    void acceptsStrongPasswords(String password) {
        assertThatCode(() -> PasswordPolicy.check(password, ALICE)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "short1!", "password123", "Password123", "aaaaaaaaaaaa", "abcdefghijkl",
            "alice.writer@example.com", "1111111111a"})
    void rejectsWeakPasswords(String password) {
        assertThatThrownBy(() -> PasswordPolicy.check(password, ALICE))
                .isInstanceOfSatisfying(HubException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.field()).isEqualTo("password"));
    }

    @Test
    void rejectsOverlongPasswords() {
        assertThatThrownBy(() -> PasswordPolicy.check("a1".repeat(65), ALICE)).isInstanceOf(HubException.class);
    }
}
