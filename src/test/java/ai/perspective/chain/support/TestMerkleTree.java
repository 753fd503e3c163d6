package ai.perspective.chain.support;

import ai.perspective.chain.Bytes32;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;

/**
 * A Merkle tree built like OpenZeppelin's StandardMerkleTree: leaves are keccak256(keccak256(data)),
 * parents hash their two children in sorted order, leaves sorted; an odd node moves up unchanged.
 * For tests to compute roots and proofs independently of the hub.
 */
public final class TestMerkleTree {

    private final List<List<byte[]>> levels = new ArrayList<>();

    public TestMerkleTree(List<byte[]> encodedLeaves) {
        List<byte[]> leaves = new ArrayList<>(encodedLeaves.stream().map(TestMerkleTree::leafHash).toList());
        leaves.sort(Arrays::compareUnsigned);
        levels.add(leaves);
        while (levels.getLast().size() > 1) {
            List<byte[]> below = levels.getLast();
            List<byte[]> above = new ArrayList<>();
            for (int i = 0; i < below.size(); i += 2) {
                above.add(i + 1 < below.size() ? hashPair(below.get(i), below.get(i + 1)) : below.get(i));
            }
            levels.add(above);
        }
    }

    public static byte[] leafHash(byte[] encoded) {
        return Hash.sha3(Hash.sha3(encoded));
    }

    static byte[] hashPair(byte[] a, byte[] b) {
        byte[] first = Arrays.compareUnsigned(a, b) <= 0 ? a : b;
        byte[] second = first == a ? b : a;
        byte[] both = new byte[64];
        System.arraycopy(first, 0, both, 0, 32);
        System.arraycopy(second, 0, both, 32, 32);
        return Hash.sha3(both);
    }

    public Bytes32 root() {
        return new Bytes32(levels.getLast().getFirst());
    }

    public Bytes32 leaf(byte[] encoded) {
        return new Bytes32(leafHash(encoded));
    }

    public List<Bytes32> proof(byte[] encoded) {
        byte[] leaf = leafHash(encoded);
        int index = -1;
        List<byte[]> leaves = levels.getFirst();
        for (int i = 0; i < leaves.size(); i++) {
            if (Arrays.equals(leaves.get(i), leaf)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("not a leaf of this tree");
        }
        List<Bytes32> proof = new ArrayList<>();
        for (int level = 0; level < levels.size() - 1; level++) {
            int sibling = index ^ 1;
            if (sibling < levels.get(level).size()) {
                proof.add(new Bytes32(levels.get(level).get(sibling)));
            }
            index /= 2;
        }
        return proof;
    }
}
