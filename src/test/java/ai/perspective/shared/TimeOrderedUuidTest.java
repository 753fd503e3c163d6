package ai.perspective.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedUuidTest {

    @Test
    void isAVersion7UuidCarryingItsMillisecond() {
        long millis = 1_796_000_000_123L;
        UUID id = TimeOrderedUuid.at(millis);
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
        // and it survives the text form the database and the headers use
        assertThat(UUID.fromString(id.toString())).isEqualTo(id);
    }

    @Test
    void laterMillisecondsSortAfterEarlierOnesAsTheDatabaseComparesThem() {
        UUID earlier = TimeOrderedUuid.at(1_796_000_000_123L);
        UUID later = TimeOrderedUuid.at(1_796_000_000_124L);
        // PostgreSQL orders uuids by their bytes, unsigned: the first eight are the most significant long
        assertThat(Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits())).isNegative();
        assertThat(earlier.toString().compareTo(later.toString())).isNegative();
    }

    @Test
    void idsOfTheSameMillisecondDiffer() {
        Set<UUID> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(TimeOrderedUuid.at(1_796_000_000_123L));
        }
        assertThat(ids).hasSize(100_000);
    }
}
