package ai.perspective.chain.application;

import ai.perspective.chain.EthereumAddress;
import java.util.Optional;

/** Recovers who signed a text with EIP-191 {@code personal_sign}. */
public interface SignatureVerifier {

    /** The signing address, or empty when {@code signature} is not a valid 65-byte signature of {@code message}. */
    Optional<EthereumAddress> signerOf(String message, String signature);
}
