package ai.perspective.rewards.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.LedgerAccount;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The expected values come from OpenZeppelin's own library, not from this code: npm
 * {@code @openzeppelin/merkle-tree@1.0.8}, {@code StandardMerkleTree.of(values, ["uint128","uint128",
 * "bytes32","bytes32","uint256","uint8","uint16"])} over the five transfers below (the script is in
 * bench/ledger/merkle-vectors.mjs).
 */
class MerkleTreeTest {

    static final String USER = "11111111-1111-1111-1111-111111111111";
    static final String CREATOR = "22222222-2222-2222-2222-222222222222";

    static final List<Ledger.Transfer> TRANSFERS = List.of(
            transfer(1, null, "treasury", "spendable:" + USER, "100000000000000000000", Ledger.Kind.SINGLE, Ledger.Code.SIGNUP_GRANT),
            transfer(2, null, "spendable:" + USER, "clearing", "5000", Ledger.Kind.PENDING, Ledger.Code.CHARGE),
            transfer(3, 2, "spendable:" + USER, "clearing", "4321", Ledger.Kind.POST, Ledger.Code.CHARGE),
            transfer(4, null, "clearing", "earnings:" + CREATOR, "3457", Ledger.Kind.SINGLE, Ledger.Code.CREATOR_SHARE),
            transfer(5, null, "clearing", "treasury", "864", Ledger.Kind.SINGLE, Ledger.Code.TREASURY_SHARE));

    static final List<String> OZ_LEAVES = List.of(
            "0x1b5a4efe555792b42127821578bfb5be6d051da2bf792ae02f16160974323b4b",
            "0xa07234ef67c0fa03f3f9a64e42a2d2e262faf99d3e8f758efc5a9cef9003a397",
            "0xee2b827b6272adfee3f7c1b4100b392c8399ceeb21d8394345bad9187f6a19d1",
            "0x9b04bd2ef13f92cb62c1b08d4392b8a87039ef7f9c9e27ad4367ddf0291e1f64",
            "0x5fa5f90b6c02df3bac6678adcf946e4d800e999a23fa30055d9af4c9137e428c");

    static Ledger.Transfer transfer(int id, Integer pending, String debit, String credit, String amount, Ledger.Kind kind,
            Ledger.Code code) {
        return new Ledger.Transfer(uuid(id), id, LedgerAccount.parse(debit), LedgerAccount.parse(credit), new BigInteger(amount),
                kind, code, pending == null ? null : uuid(pending), null, null, null, null);
    }

    static UUID uuid(int n) {
        return UUID.fromString(String.format("00000000-0000-0000-0000-%012d", n));
    }

    @Test
    void keccakIsEthereumsNotSha3() {
        assertThat(MerkleTree.hex(Keccak.hash("".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(MerkleTree.hex(Keccak.hash("abc".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void leavesAreOpenZeppelinsStandardLeafHashes() {
        assertThat(TRANSFERS.stream().map(TransferLeaf::of).map(MerkleTree::hex).toList()).isEqualTo(OZ_LEAVES);
    }

    @ParameterizedTest
    @CsvSource({
            "1, 0x1b5a4efe555792b42127821578bfb5be6d051da2bf792ae02f16160974323b4b",
            "2, 0x3f11e94a4d99a2418b5f23d6d24f27a125c1fe15f89122d3ed28f7a95051c4d1",
            "3, 0xb503221845e3a224f6b72fda352432e070092c8112e104bc8b205449a42f27de",
            "4, 0xdc3cd57c6be10c1bb0425c729003ec4f553cd1b4424a547999f3afb329da39e5",
            "5, 0xe251ab5e48ed63db4a49ed9bbfa9b1f1ec4bb3e866f9eeeac86fabd2f8d60d88"})
    void rootsAreOpenZeppelinsStandardMerkleTreeRoots(int leaves, String root) {
        MerkleTree tree = MerkleTree.of(TRANSFERS.subList(0, leaves).stream().map(TransferLeaf::of).toList());

        assertThat(MerkleTree.hex(tree.root())).isEqualTo(root);
    }

    @Test
    void proofsAreOpenZeppelinsAndVerifyLikeMerkleProof() {
        MerkleTree tree = MerkleTree.of(TRANSFERS.stream().map(TransferLeaf::of).toList());

        assertThat(tree.proof(TransferLeaf.of(TRANSFERS.get(2))).stream().map(MerkleTree::hex).toList()).containsExactly(
                "0xcf8bcdfbc6215401519e2ee13cd23a7957e58e0f5b6b4a231a249bdbbcade280",
                "0x02b1ec24064e5f542d5f533266604ddb4416bde06abafe7d2d2592241b173758");
        assertThat(tree.proof(TransferLeaf.of(TRANSFERS.get(4))).stream().map(MerkleTree::hex).toList()).containsExactly(
                "0x1b5a4efe555792b42127821578bfb5be6d051da2bf792ae02f16160974323b4b",
                "0xee2b827b6272adfee3f7c1b4100b392c8399ceeb21d8394345bad9187f6a19d1",
                "0x02b1ec24064e5f542d5f533266604ddb4416bde06abafe7d2d2592241b173758");
        for (Ledger.Transfer t : TRANSFERS) {
            byte[] leaf = TransferLeaf.of(t);
            assertThat(MerkleTree.verify(tree.proof(leaf), tree.root(), leaf)).isTrue();
        }
    }

    @Test
    void aChangedTransferDoesNotVerify() {
        MerkleTree tree = MerkleTree.of(TRANSFERS.stream().map(TransferLeaf::of).toList());
        Ledger.Transfer honest = TRANSFERS.get(3);
        Ledger.Transfer inflated = transfer(4, null, "clearing", "earnings:" + CREATOR, "3458", Ledger.Kind.SINGLE,
                Ledger.Code.CREATOR_SHARE);

        assertThat(MerkleTree.verify(tree.proof(TransferLeaf.of(honest)), tree.root(), TransferLeaf.of(inflated))).isFalse();
    }

    @Test
    void amountsUpToUint256AreEncoded() {
        BigInteger max = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
        byte[] leaf = TransferLeaf.hash(uuid(1), null, "treasury", "chain", max, 0, 8);

        assertThat(HexFormat.of().formatHex(leaf)).hasSize(64);
    }
}
