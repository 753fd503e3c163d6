package ai.perspective.identity.application;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.domain.Account;
import ai.perspective.identity.domain.Accounts;
import ai.perspective.identity.domain.ApiKey;
import ai.perspective.identity.domain.ApiKeySecret;
import ai.perspective.identity.domain.ApiKeys;
import ai.perspective.identity.domain.EmailAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final ApiKeySecret secret = ApiKeySecret.generate();
    private final ApiKey key = new ApiKey(UUID.randomUUID(), new AccountId(UUID.randomUUID()), "key", secret, NOW);
    private final AtomicInteger writes = new AtomicInteger();
    private final CountDownLatch writeMayEnd = new CountDownLatch(1);
    private final Authenticator authenticator = new Authenticator();

    AuthenticatorTest() {
        authenticator.apiKeys = new OneKey();
        authenticator.accounts = new NoAccounts();
        authenticator.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Test
    void aBurstOfCallsOnOneKeyWritesLastUsedOnce() throws Exception {
        int calls = 20;
        CyclicBarrier start = new CyclicBarrier(calls);
        // the first call's write is held open: with one write per burst, the other calls answer meanwhile
        CountDownLatch othersAnswered = new CountDownLatch(calls - 1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    assertThat(authenticator.apiKey(secret.value())).map(Authenticator.Caller::apiKey).contains(key.id());
                    othersAnswered.countDown();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        boolean answeredWhileWriting = othersAnswered.await(10, TimeUnit.SECONDS);
        writeMayEnd.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(answeredWhileWriting).isTrue();
        assertThat(writes).hasValue(1);
    }

    @Test
    void lastUsedIsWrittenAgainAfterAMinute() {
        writeMayEnd.countDown();
        authenticator.apiKey(secret.value());
        authenticator.apiKey(secret.value());
        assertThat(writes).hasValue(1);

        authenticator.clock = Clock.fixed(NOW.plus(ApiKey.LAST_USED_RESOLUTION).plus(Duration.ofSeconds(1)), ZoneOffset.UTC);
        authenticator.apiKey(secret.value());
        authenticator.apiKey(secret.value());
        assertThat(writes).hasValue(2);
    }

    @Test
    void anUnknownKeyIsNobody() {
        assertThat(authenticator.apiKey(ApiKeySecret.generate().value())).isEmpty();
        assertThat(authenticator.apiKey("not a key")).isEmpty();
        assertThat(writes).hasValue(0);
    }

    private final class OneKey implements ApiKeys {
        @Override
        public void add(ApiKey added) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<ApiKey> byId(UUID id) {
            return Optional.of(key).filter(k -> k.id().equals(id));
        }

        @Override
        public Optional<ApiKey> bySecretHash(String secretHash) {
            return Optional.of(key).filter(k -> secret.hash().equals(secretHash));
        }

        @Override
        public List<ApiKey> ofAccount(AccountId owner) {
            return List.of(key);
        }

        @Override
        public void markUsed(UUID id, Instant at) {
            writes.incrementAndGet();
            try {
                writeMayEnd.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final class NoAccounts implements Accounts {
        @Override
        public Optional<Account> byId(AccountId id) {
            return Optional.empty();
        }

        @Override
        public Optional<Account> byEmail(EmailAddress email) {
            return Optional.empty();
        }

        @Override
        public boolean emailTaken(EmailAddress email) {
            return false;
        }

        @Override
        public void add(Account account) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Account> page(int offset, int limit) {
            return List.of();
        }

        @Override
        public boolean claimFirstAdmin() {
            return false;
        }
    }
}
