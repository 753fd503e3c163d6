package ai.perspective.chain.support;

import ai.perspective.chain.devchain.AnvilProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** What the chain tests without the server need: anvil from npm, a migrated H2 database, ethers as a wallet. */
public final class ChainTestKit {

    private ChainTestKit() {
    }

    public static Path npmDir() {
        return Path.of(System.getProperty("chain.npm.dir", "src/main/solidity")).toAbsolutePath();
    }

    public static Path anvilBinary() {
        return Path.of(System.getProperty("chain.anvil",
                npmDir().resolve("node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil").toString()));
    }

    /** Anvil on a free port, a block a second (so confirmations take real blocks), state kept in {@code dir}. */
    public static AnvilProcess anvil(Path dir, int port) {
        return AnvilProcess.start(anvilBinary(), port, 1, dir.resolve("anvil-state.json"), dir.resolve("anvil.log"));
    }

    /** A fresh in-memory H2 in PostgreSQL mode (as the hub's default), migrated with the chain's Flyway scripts. */
    public static DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:chain-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        h2.setUser("sa");
        h2.setPassword("sa");
        Flyway.configure().dataSource(h2).locations("classpath:db/migration/chain").load().migrate();
        return h2;
    }

    /** Signs {@code message} with ethers' Wallet.signMessage (EIP-191), as a browser wallet would. */
    public static String ethersSign(String privateKey, String message) {
        try {
            Path script = Path.of("src/test/node/personal-sign.cjs").toAbsolutePath();
            ProcessBuilder builder = new ProcessBuilder("node", script.toString());
            builder.environment().put("NODE_PATH", npmDir().resolve("node_modules").toString());
            builder.redirectError(ProcessBuilder.Redirect.INHERIT);
            Process node = builder.start();
            String input = jakarta.json.Json.createObjectBuilder().add("key", privateKey).add("message", message)
                    .build().toString();
            node.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            node.getOutputStream().close();
            String signature = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!node.waitFor(30, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new IllegalStateException("ethers failed to sign (exit " + node.exitValue() + ")");
            }
            return signature;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path tempDir(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
