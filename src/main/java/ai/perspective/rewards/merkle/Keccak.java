package ai.perspective.rewards.merkle;

import org.bouncycastle.crypto.digests.KeccakDigest;

/** Ethereum's keccak256 (the original Keccak padding, not NIST SHA3-256), from BouncyCastle. */
public final class Keccak {

    private Keccak() {
    }

    public static byte[] hash(byte[]... parts) {
        KeccakDigest digest = new KeccakDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }
}
