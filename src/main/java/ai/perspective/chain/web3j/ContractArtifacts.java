package ai.perspective.chain.web3j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The bytecode the build compiled from src/main/solidity (see compile.mjs), read from the classpath. */
final class ContractArtifacts {

    private ContractArtifacts() {
    }

    static String bytecode(String contract) {
        String path = "/ai/perspective/chain/contracts/" + contract + ".bin";
        try (InputStream in = ContractArtifacts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("No compiled contract at " + path + ": build with Maven (compile.mjs)");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
