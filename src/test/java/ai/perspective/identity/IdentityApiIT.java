package ai.perspective.identity;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.support.DeployedHub;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.HubClient.Reply;
import ai.perspective.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The identity REST API in the real WAR on the provisioned server, against PostgreSQL. */
class IdentityApiIT extends DeployedHub {

    HubClient client;

    @BeforeEach
    void client() throws Exception {
        client = new HubClient(base.toURI());
    }

    @Test
    void signUpCreatesAUserAccount() {
        String email = Hub.uniqueEmail("alice");
        Reply reply = client.signUp(email.toUpperCase(), "Alice", Hub.PASSWORD);

        assertThat(reply.status()).isEqualTo(201);
        JsonObject account = reply.json();
        assertThat(account.getString("email")).isEqualTo(email);
        assertThat(account.getString("displayName")).isEqualTo("Alice");
        assertThat(account.getJsonArray("roles").getValuesAs(jakarta.json.JsonString::getString)).contains("USER");
        assertThat(account.containsKey("password")).isFalse();
        assertThat(reply.raw().headers().firstValue("Location").orElseThrow())
                .endsWith("/api/accounts/" + account.getString("id"));
        assertThat(TestDatabase.count("select count(*) from identity_account where email = ? and password_hash like '%:%'",
                email)).as("password stored as a PBKDF2 hash with its parameters").isEqualTo(1);
    }

    static Stream<Arguments> badSignUps() {
        return Stream.of(
                Arguments.of("{\"email\":\"not-an-email\",\"displayName\":\"X\",\"password\":\"correct horse 1\"}", "email", "invalid-email"),
                Arguments.of("{\"email\":\"%s\",\"displayName\":\"X\",\"password\":\"short\"}", "password", "weak-password"),
                Arguments.of("{\"email\":\"%s\",\"displayName\":\"X\",\"password\":\"password123\"}", "password", "weak-password"),
                Arguments.of("{\"email\":\"%s\",\"password\":\"correct horse 1\"}", "displayName", "missing-field"),
                Arguments.of("{\"displayName\":\"X\",\"password\":\"correct horse 1\"}", "email", "missing-field"),
                Arguments.of("{\"email\":\"%s\",\"displayName\":\"X\"}", "password", "missing-field"),
                Arguments.of("{\"email\":\"%s\",\"displayName\":", null, "malformed-request"),
                Arguments.of("[1, 2]", null, "malformed-request"));
    }

    @ParameterizedTest
    @MethodSource("badSignUps")
    void badSignUpIsA400ProblemAndCreatesNothing(String body, String field, String type) {
        String email = Hub.uniqueEmail("bad");
        Reply reply = client.post("api/accounts", "application/json", body.formatted(email), null);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonObject problem = reply.json();
        assertThat(problem.getString("type")).isEqualTo("/problems/" + type);
        assertThat(problem.getInt("status")).isEqualTo(400);
        assertThat(problem.getString("detail")).isNotBlank().doesNotContain("Exception");
        if (field != null) {
            assertThat(problem.getString("field")).isEqualTo(field);
        }
        assertThat(TestDatabase.count("select count(*) from identity_account where email = ?", email)).isZero();
    }

    @Test
    void duplicateEmailIsRejectedWhateverItsCase() {
        String email = Hub.uniqueEmail("dup");
        assertThat(client.signUp(email, "First", Hub.PASSWORD).status()).isEqualTo(201);

        Reply again = client.signUp(" " + email.toUpperCase() + " ", "Second", Hub.PASSWORD);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().getString("type")).isEqualTo("/problems/duplicate-email");
        assertThat(again.json().getString("field")).isEqualTo("email");
        assertThat(TestDatabase.count("select count(*) from identity_account where email = ?", email)).isEqualTo(1);
    }

    @Test
    void apiKeyLifecycleCreateListUseRevoke() throws Exception {
        String email = Hub.uniqueEmail("keys");
        client.signUp(email, "Key Owner", Hub.PASSWORD);
        Reply login = client.login(email, Hub.PASSWORD);
        assertThat(login.status()).isEqualTo(302);
        assertThat(login.raw().headers().firstValue("Location").orElseThrow()).doesNotContain("error");

        Reply created = client.postJson("api/keys", "{\"name\":\"laptop\"}", null);
        assertThat(created.status()).isEqualTo(201);
        String secret = created.json().getString("secret");
        String prefix = created.json().getString("prefix");
        assertThat(secret).startsWith("pk-").startsWith(prefix);

        // stored only as a hash
        assertThat(TestDatabase.count("select count(*) from identity_api_key where secret_hash = ?", sha256(secret)))
                .isEqualTo(1);
        assertThat(TestDatabase.count("select count(*) from identity_api_key where secret_hash = ? or prefix = ?",
                secret, secret)).isZero();

        HubClient program = new HubClient(base.toURI());
        Reply me = program.get("api/accounts/me", secret);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().getString("email")).isEqualTo(email);

        JsonArray keys = Json.createReader(new java.io.StringReader(program.get("api/keys", secret).body())).readArray();
        assertThat(keys).hasSize(1);
        JsonObject listed = keys.getJsonObject(0);
        assertThat(listed.getString("name")).isEqualTo("laptop");
        assertThat(listed.getString("prefix")).isEqualTo(prefix);
        assertThat(listed.containsKey("secret")).as("the secret is shown only at creation").isFalse();
        assertThat(listed.containsKey("lastUsedAt")).as("used once already").isTrue();

        Reply revoked = client.delete("api/keys/" + created.json().getString("id"), null);
        assertThat(revoked.status()).isEqualTo(200);
        assertThat(revoked.json().containsKey("revokedAt")).isTrue();

        Reply afterRevoke = program.get("api/accounts/me", secret);
        assertThat(afterRevoke.status()).isEqualTo(401);
        assertThat(afterRevoke.contentType()).startsWith("application/problem+json");
        assertThat(afterRevoke.json().getString("type")).isEqualTo("/problems/invalid-api-key");
    }

    @Test
    void wrongOrMalformedKeysAre401Problems() throws Exception {
        HubClient anonymous = new HubClient(base.toURI());
        for (String authorization : new String[] {"Bearer pk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                "Bearer not-a-key", "Bearer ", "Basic YWxpY2U6c2VjcmV0", "Token pk-x"}) {
            Reply reply = anonymous.get("api/accounts/me", authorization);
            assertThat(reply.status()).as(authorization).isEqualTo(401);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().getString("type")).isEqualTo("/problems/invalid-api-key");
        }
        Reply none = anonymous.get("api/accounts/me", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().getString("type")).isEqualTo("/problems/unauthenticated");
    }

    @Test
    void wrongPasswordDoesNotLogIn() {
        String email = Hub.uniqueEmail("wrong");
        client.signUp(email, "Wrong", Hub.PASSWORD);

        Reply login = client.login(email, "not the password 1");

        assertThat(login.status()).isEqualTo(302);
        assertThat(login.raw().headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
        assertThat(client.get("api/accounts/me", null).status()).isEqualTo(401);
    }

    @Test
    void adminsGrantRolesOthersCannot() throws Exception {
        String adminEmail = Hub.uniqueEmail("admin");
        String bobEmail = Hub.uniqueEmail("bob");
        client.signUp(adminEmail, "Admin", Hub.PASSWORD);
        String bobId = client.signUp(bobEmail, "Bob", Hub.PASSWORD).json().getString("id");
        TestDatabase.makeAdmin(adminEmail);

        HubClient bob = new HubClient(base.toURI());
        bob.login(bobEmail, Hub.PASSWORD);
        Reply forbidden = bob.postJson("api/accounts/" + bobId + "/roles", "{\"role\":\"ADMIN\"}", null);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.contentType()).startsWith("application/problem+json");

        client.login(adminEmail, Hub.PASSWORD);
        Reply granted = client.postJson("api/accounts/" + bobId + "/roles", "{\"role\":\"creator\"}", null);
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.json().getJsonArray("roles").toString()).contains("CREATOR");
        // the role applies to Bob's existing session at once
        assertThat(bob.get("api/accounts/me", null).json().getJsonArray("roles").toString()).contains("CREATOR");

        Reply unknownRole = client.postJson("api/accounts/" + bobId + "/roles", "{\"role\":\"KING\"}", null);
        assertThat(unknownRole.status()).isEqualTo(400);
        assertThat(unknownRole.json().getString("field")).isEqualTo("role");

        Reply revokeUser = client.delete("api/accounts/" + bobId + "/roles/USER", null);
        assertThat(revokeUser.status()).isEqualTo(400);

        Reply unknownAccount = client.postJson("api/accounts/" + java.util.UUID.randomUUID() + "/roles",
                "{\"role\":\"CREATOR\"}", null);
        assertThat(unknownAccount.status()).isEqualTo(404);

        Reply list = client.get("api/accounts?limit=500", null);
        assertThat(list.status()).isEqualTo(400);
        assertThat(client.get("api/accounts?limit=10", null).status()).isEqualTo(200);
    }

    @Test
    void healthAndOpenApiAreServed() throws Exception {
        Reply health = client.get("api/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().getString("status")).isEqualTo("UP");

        Reply openApi = client.get("openapi", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("/api/keys").contains("/api/accounts");

        Reply unknown = client.get("api/no-such-thing", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

}
