package ai.perspective.chain.application;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How the hub reaches its chain, from the environment:
 * <ul>
 *   <li>{@code PERSPECTIVE_CHAIN_RPC_URL}: any EVM JSON-RPC endpoint. Unset: the hub runs its own
 *       dev chain, anvil from {@code PERSPECTIVE_CHAIN_ANVIL}, with anvil's first funded key.</li>
 *   <li>{@code PERSPECTIVE_CHAIN_SIGNER_KEY}: the hub's private key (hex), required with an RPC URL.</li>
 *   <li>{@code PERSPECTIVE_CHAIN_CONFIRMATIONS}: blocks until an anchor counts (dev 2, else 12).</li>
 * </ul>
 * {@link #toString()} never shows the key.
 */
public record ChainSettings(Optional<String> rpcUrl, Optional<String> signerKey, Optional<Path> anvil, Path dataDir,
        int confirmations, Duration pollInterval, Duration stuckAfter, int devBlockTimeSeconds,
        BigInteger initialSupply) {

    /** Anvil's first pre-funded account: public knowledge, for the local dev chain only. */
    public static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /** One billion POV with 18 decimals, minted to the hub when it deploys the token. */
    static final BigInteger DEFAULT_SUPPLY = BigInteger.TEN.pow(9 + 18);

    public boolean devChain() {
        return rpcUrl.isEmpty();
    }

    public static ChainSettings from(Map<String, String> env, Path dataDir) {
        Optional<String> rpcUrl = value(env, "PERSPECTIVE_CHAIN_RPC_URL");
        int confirmations = value(env, "PERSPECTIVE_CHAIN_CONFIRMATIONS").map(Integer::parseInt)
                .orElse(rpcUrl.isEmpty() ? 2 : 12);
        if (confirmations < 1) {
            throw new IllegalArgumentException("PERSPECTIVE_CHAIN_CONFIRMATIONS must be at least 1");
        }
        return new ChainSettings(rpcUrl, value(env, "PERSPECTIVE_CHAIN_SIGNER_KEY"),
                value(env, "PERSPECTIVE_CHAIN_ANVIL").map(Path::of), dataDir, confirmations,
                Duration.ofMillis(500), rpcUrl.isEmpty() ? Duration.ofSeconds(20) : Duration.ofMinutes(3), 1,
                DEFAULT_SUPPLY);
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::strip).filter(v -> !v.isEmpty());
    }

    @Override
    public String toString() {
        return "ChainSettings[rpcUrl=" + rpcUrl.map(u -> "(set)").orElse("(dev chain)") + ", signerKey="
                + signerKey.map(k -> "(secret)").orElse("(none)") + ", anvil=" + anvil.orElse(null)
                + ", confirmations=" + confirmations + "]";
    }
}
