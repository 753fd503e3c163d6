package ai.perspective.rewards.merkle;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A Merkle tree exactly as OpenZeppelin's {@code StandardMerkleTree} (npm {@code @openzeppelin/merkle-tree})
 * builds it, so its root and proofs verify with Solidity's {@code MerkleProof.verify}: leaves are
 * sorted by hash, laid out in the array form {@code tree[2n-2 .. n-1]}, and each inner node is
 * keccak256 of its two children in ascending byte order (the "sorted pairs" MerkleProof assumes).
 * The leaves given here are already hashed (see {@link TransferLeaf}).
 */
public final class MerkleTree {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[][] tree;
    private final List<byte[]> leaves;

    private MerkleTree(byte[][] tree, List<byte[]> leaves) {
        this.tree = tree;
        this.leaves = leaves;
    }

    public static MerkleTree of(List<byte[]> hashedLeaves) {
        if (hashedLeaves.isEmpty()) {
            throw new IllegalArgumentException("a Merkle tree needs at least one leaf");
        }
        List<byte[]> sorted = new ArrayList<>(hashedLeaves);
        sorted.sort(Arrays::compareUnsigned);
        int n = sorted.size();
        byte[][] tree = new byte[2 * n - 1][];
        for (int i = 0; i < n; i++) {
            tree[tree.length - 1 - i] = sorted.get(i);
        }
        for (int i = tree.length - 1 - n; i >= 0; i--) {
            tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
        }
        return new MerkleTree(tree, List.copyOf(sorted));
    }

    public byte[] root() {
        return tree[0].clone();
    }

    /** The sibling hashes from the leaf up to the root, as {@code MerkleProof.verify} takes them. */
    public List<byte[]> proof(byte[] leaf) {
        int index = -1;
        for (int i = 0; i < leaves.size(); i++) {
            if (Arrays.equals(leaves.get(i), leaf)) {
                index = tree.length - 1 - i;
                break;
            }
        }
        if (index < 0) {
            throw new IllegalArgumentException("leaf not in tree");
        }
        List<byte[]> proof = new ArrayList<>();
        while (index > 0) {
            int sibling = index % 2 == 1 ? index + 1 : index - 1;
            proof.add(tree[sibling].clone());
            index = (index - 1) / 2;
        }
        return proof;
    }

    /** OpenZeppelin's {@code MerkleProof.processProof}, for checking a proof off chain. */
    public static boolean verify(List<byte[]> proof, byte[] root, byte[] leaf) {
        byte[] computed = leaf;
        for (byte[] sibling : proof) {
            computed = hashPair(computed, sibling);
        }
        return Arrays.equals(computed, root);
    }

    /** OpenZeppelin's {@code Hashes.commutativeKeccak256}. */
    static byte[] hashPair(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b) <= 0 ? Keccak.hash(a, b) : Keccak.hash(b, a);
    }

    public static String hex(byte[] bytes) {
        return "0x" + HEX.formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HEX.parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
    }
}
