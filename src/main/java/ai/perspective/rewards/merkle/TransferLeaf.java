package ai.perspective.rewards.merkle;

import ai.perspective.rewards.Ledger.Transfer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The Merkle leaf of a transfer, encoded as OpenZeppelin's {@code StandardMerkleTree} does with
 * the value types of {@link #ENCODING}:
 * {@code keccak256(bytes.concat(keccak256(abi.encode(id, pendingId, debit, credit, amount, kind, code))))}
 * where {@code id} and {@code pendingId} are the UUIDs' 128 bits as uint128 (0 when there is no
 * pending id), {@code debit} and {@code credit} are keccak256 of the account keys' UTF-8 bytes
 * (e.g. {@code "spendable:<uuid>"}, {@code "treasury"}), {@code amount} is in base units and
 * {@code kind} and {@code code} are the numbers of {@link ai.perspective.rewards.Ledger.Kind} and
 * {@link ai.perspective.rewards.Ledger.Code}. Hashing twice keeps a leaf from ever being mistaken
 * for an inner node (second-preimage attack).
 */
public final class TransferLeaf {

    /** The Solidity types of the leaf values, for StandardMerkleTree.of(values, ENCODING). */
    public static final String ENCODING = "keccak256(keccak256(abi.encode(uint128 id, uint128 pendingId, "
            + "bytes32 keccak256(debitKey), bytes32 keccak256(creditKey), uint256 amount, uint8 kind, uint16 code)))";

    private TransferLeaf() {
    }

    public static byte[] of(Transfer t) {
        return hash(t.id(), t.pendingId(), t.debit().key(), t.credit().key(), t.amount(), t.kind().number(),
                t.code().number());
    }

    static byte[] hash(UUID id, UUID pendingId, String debitKey, String creditKey, BigInteger amount, int kind, int code) {
        byte[] encoded = new byte[7 * 32];
        word(encoded, 0, uint(id));
        word(encoded, 1, pendingId == null ? BigInteger.ZERO : uint(pendingId));
        System.arraycopy(Keccak.hash(debitKey.getBytes(StandardCharsets.UTF_8)), 0, encoded, 2 * 32, 32);
        System.arraycopy(Keccak.hash(creditKey.getBytes(StandardCharsets.UTF_8)), 0, encoded, 3 * 32, 32);
        word(encoded, 4, amount);
        word(encoded, 5, BigInteger.valueOf(kind));
        word(encoded, 6, BigInteger.valueOf(code));
        return Keccak.hash(Keccak.hash(encoded));
    }

    static BigInteger uint(UUID id) {
        return new BigInteger(1, java.nio.ByteBuffer.allocate(16)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array());
    }

    /** abi.encode of a static uint: big-endian, left-padded to 32 bytes. */
    private static void word(byte[] out, int index, BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("not a uint256: " + value);
        }
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, out, index * 32 + 32 - length, length);
    }
}
