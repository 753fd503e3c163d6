package ai.perspective.shared;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Time-ordered UUIDs (RFC 9562, version 7: 48 bits of Unix milliseconds, then 74 random bits) for
 * the ids of rows written at a high rate, such as a call's request id: each insert lands at the right
 * edge of the primary-key index instead of on a random page, so the database dirties (and logs) a
 * few pages per batch rather than one per row. The random part comes from {@link ThreadLocalRandom}:
 * no lock and no system call per id, unlike {@link UUID#randomUUID()}. Not for secrets.
 */
public final class TimeOrderedUuid {

    private TimeOrderedUuid() {
    }

    public static UUID next() {
        return at(System.currentTimeMillis());
    }

    static UUID at(long unixMillis) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = (unixMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(mostSignificant, leastSignificant);
    }
}
