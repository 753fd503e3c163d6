package ai.perspective.chain.web3j;

import static org.assertj.core.api.Assertions.assertThat;

import ai.perspective.chain.EthereumAddress;
import org.junit.jupiter.api.Test;

/** EIP-191 recovery against a signature ethers 6 made with anvil's first key (0xf39f…2266). */
class Web3jSignaturesTest {

    static final String MESSAGE = "Perspective test vector";
    static final String SIGNATURE = "0x26ab0fc6c5c8cb8cf2097d14fa85fe785888789620db96ef2359686d20831b10"
            + "331d3aaa2b495834e1fbc2cd924826bf886b97ba238b33c9f115a8b6f2825e541c";
    static final EthereumAddress SIGNER = new EthereumAddress("0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266");

    final Web3jSignatures signatures = new Web3jSignatures();

    @Test
    void recoversTheSigner() {
        assertThat(signatures.signerOf(MESSAGE, SIGNATURE)).contains(SIGNER);
    }

    @Test
    void acceptsTheRecoveryIdFormOfV() {
        String withRecoveryId = SIGNATURE.substring(0, SIGNATURE.length() - 2) + "01"; // 0x1c = 28 -> 1
        assertThat(signatures.signerOf(MESSAGE, withRecoveryId)).contains(SIGNER);
    }

    @Test
    void anotherMessageYieldsAnotherSigner() {
        assertThat(signatures.signerOf(MESSAGE + ".", SIGNATURE)).isPresent().get().isNotEqualTo(SIGNER);
    }

    @Test
    void malformedSignaturesYieldNoSigner() {
        assertThat(signatures.signerOf(MESSAGE, "0x1234")).isEmpty();
        assertThat(signatures.signerOf(MESSAGE, "not hex at all")).isEmpty();
        assertThat(signatures.signerOf(MESSAGE, SIGNATURE.substring(0, 130) + "ff")).isEmpty();
        assertThat(signatures.signerOf(MESSAGE, null)).isEmpty();
    }
}
