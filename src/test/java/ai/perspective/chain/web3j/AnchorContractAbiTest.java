package ai.perspective.chain.web3j;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.chain.AnchorKind;
import ai.perspective.chain.Bytes32;
import java.util.List;
import org.junit.jupiter.api.Test;

/** web3j's encoding of the anchor contract's calls equals ethers' (the vectors were made with ethers 6 and the compiled ABI). */
class AnchorContractAbiTest {

    static Bytes32 repeated(String twoHexDigits) {
        return Bytes32.fromHex(twoHexDigits.repeat(32));
    }

    @Test
    void anchorCallMatchesEthers() {
        assertThat(AnchorContractAbi.anchor(AnchorKind.ATTESTATION, "batch-1", repeated("11"))).isEqualTo("0x68291e8e"
                + "0000000000000000000000000000000000000000000000000000000000000003"
                + "0000000000000000000000000000000000000000000000000000000000000060"
                + "1111111111111111111111111111111111111111111111111111111111111111"
                + "0000000000000000000000000000000000000000000000000000000000000007"
                + "62617463682d3100000000000000000000000000000000000000000000000000");
    }

    @Test
    void verifyCallMatchesEthers() {
        String encoded = org.web3j.abi.FunctionEncoder.encode(AnchorContractAbi.verify(AnchorKind.LEDGER_BATCH, "b",
                repeated("22"), List.of(repeated("33"), repeated("44"))));
        assertThat(encoded).isEqualTo("0x0277769f"
                + "0000000000000000000000000000000000000000000000000000000000000001"
                + "0000000000000000000000000000000000000000000000000000000000000080"
                + "2222222222222222222222222222222222222222222222222222222222222222"
                + "00000000000000000000000000000000000000000000000000000000000000c0"
                + "0000000000000000000000000000000000000000000000000000000000000001"
                + "6200000000000000000000000000000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000002"
                + "3333333333333333333333333333333333333333333333333333333333333333"
                + "4444444444444444444444444444444444444444444444444444444444444444");
    }

    @Test
    void eventTopicsAreTheContractsOwn() {
        assertThat(AnchorContractAbi.ANCHORED_TOPIC).isEqualTo("0x64ae5a5ee20b6e0ed1476f212ca54aac8bb8fbbdfa19e44e91809987d34a3677");
        assertThat(AnchorContractAbi.kindTopic(AnchorKind.VOTE_TALLY))
                .isEqualTo("0x0000000000000000000000000000000000000000000000000000000000000002");
    }

    @Test
    void rootOfAnswerDecodes() {
        var function = AnchorContractAbi.rootOf(AnchorKind.LEDGER_BATCH, "b");
        var root = AnchorContractAbi.decodeRootOf(function, "0x" + "11".repeat(32)
                + "000000000000000000000000000000000000000000000000000000000000002a"
                + "0000000000000000000000000000000000000000000000000000000065000000");
        assertThat(root.root()).isEqualTo(repeated("11"));
        assertThat(root.blockNumber()).isEqualTo(42);
    }
}
