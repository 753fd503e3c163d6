package ai.perspective.chain.web3j;

import ai.perspective.chain.EthereumAddress;
import ai.perspective.chain.application.SignatureVerifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/** EIP-191 personal_sign recovery with web3j's {@link Sign#signedPrefixedMessageToKey}. */
@jakarta.enterprise.context.ApplicationScoped
public class Web3jSignatures implements SignatureVerifier {

    @Override
    public Optional<EthereumAddress> signerOf(String message, String signature) {
        byte[] bytes = decode(signature);
        if (bytes == null || bytes.length != 65) {
            return Optional.empty();
        }
        byte v = bytes[64];
        if (v == 0 || v == 1) {
            v += 27; // some wallets (and hardware signers) give the recovery id, not 27/28
        }
        if (v != 27 && v != 28) {
            return Optional.empty();
        }
        Sign.SignatureData data = new Sign.SignatureData(v, Arrays.copyOfRange(bytes, 0, 32),
                Arrays.copyOfRange(bytes, 32, 64));
        try {
            BigInteger publicKey = Sign.signedPrefixedMessageToKey(message.getBytes(StandardCharsets.UTF_8), data);
            return Optional.of(new EthereumAddress("0x" + Keys.getAddress(publicKey)));
        } catch (SignatureException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] decode(String signature) {
        if (signature == null) {
            return null;
        }
        String digits = signature.strip();
        if (digits.startsWith("0x") || digits.startsWith("0X")) {
            digits = digits.substring(2);
        }
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
