package ai.perspective.chain.devchain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A local anvil (from npm {@code @foundry-rs/anvil}) on a free loopback port: the hub's dev chain
 * when no RPC URL is configured, and the chain of the tests. With a state file the chain
 * survives restarts (anvil writes it on exit and every few seconds).
 */
public final class AnvilProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;

    private AnvilProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts anvil and waits until it accepts connections.
     *
     * @param port 0 for a free port
     * @param blockTimeSeconds 0 to mine on every transaction, else a block every so many seconds
     * @param stateFile null for a throw-away chain
     */
    public static AnvilProcess start(Path binary, int port, int blockTimeSeconds, Path stateFile, Path log) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("anvil is not at " + binary + ": run `npm ci` in src/main/solidity "
                    + "(the Maven build does it) or set PERSPECTIVE_CHAIN_RPC_URL");
        }
        int chosen = port == 0 ? freePort() : port;
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--host", "127.0.0.1",
                "--port", Integer.toString(chosen)));
        if (blockTimeSeconds > 0) {
            command.addAll(List.of("--block-time", Integer.toString(blockTimeSeconds)));
        }
        if (stateFile != null) {
            command.addAll(List.of("--state", stateFile.toString(), "--state-interval", "2"));
        }
        try {
            if (log.getParent() != null) {
                Files.createDirectories(log.getParent());
            }
            if (stateFile != null && stateFile.getParent() != null) {
                Files.createDirectories(stateFile.getParent());
            }
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            AnvilProcess anvil = new AnvilProcess(process, chosen);
            anvil.awaitListening();
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Stops anvil gracefully (it writes its state file then), forcibly after a few seconds. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue() + " (see its log)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    close();
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while starting anvil", e);
                }
            }
        }
        close();
        throw new IllegalStateException("anvil did not listen on port " + port + " within " + START_TIMEOUT);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
