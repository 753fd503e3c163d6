package ai.perspective.chain;

import ai.perspective.shared.HubException;
import java.util.Arrays;
import java.util.HexFormat;

/** 32 bytes, e.g. a Merkle root, leaf or transaction hash; written as 0x-prefixed lower-case hex. */
public record Bytes32(byte[] bytes) {

    private static final HexFormat HEX = HexFormat.of();

    public Bytes32 {
        if (bytes == null || bytes.length != 32) {
            throw new IllegalArgumentException("32 bytes expected");
        }
        bytes = bytes.clone();
    }

    /** Parses 64 hex digits with or without 0x; anything else is the client's mistake in {@code field}. */
    public static Bytes32 parse(String field, String text) {
        String digits = text == null ? "" : text.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        if (digits.length() != 64 || !digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw HubException.invalid(field, "invalid-bytes32", "'" + text + "' is not 32 bytes of hex (0x + 64 hex digits).");
        }
        return new Bytes32(HEX.parseHex(digits));
    }

    public static Bytes32 fromHex(String text) {
        return parse("value", text);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isZero() {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    public String hex() {
        return "0x" + HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
