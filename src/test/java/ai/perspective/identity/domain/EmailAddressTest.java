package ai.perspective.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.perspective.shared.HubException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void trimsAndLowerCases() {
        assertThat(EmailAddress.parse("  Alice.Smith+ai@Example.ORG ").value()).isEqualTo("alice.smith+ai@example.org");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@", "@example.com", "alice@example", "alice@@example.com",
            "al ice@example.com", "alice@exa_mple.com", "alice..b@example.com", "alice@-example.com"})
    void rejectsWhatIsNotAnAddress(String raw) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOfSatisfying(HubException.class, e -> {
                    assertThat(e.field()).isEqualTo("email");
                    assertThat(e.type()).isEqualTo("invalid-email");
                    assertThat(e.kind()).isEqualTo(HubException.Kind.INVALID_INPUT);
                });
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void missingIsItsOwnError(String raw) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOfSatisfying(HubException.class, e -> assertThat(e.type()).isEqualTo("missing-field"));
    }

    @Test
    void rejectsOverlongAddresses() {
        String local = "a".repeat(64);
        String domain = ("b".repeat(60) + ".").repeat(4) + "com";
        assertThatThrownBy(() -> EmailAddress.parse(local + "@" + domain)).isInstanceOf(HubException.class);
    }
}
