package ai.perspective.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.perspective.support.FakeUpstream;
import ai.perspective.support.Hub;
import ai.perspective.support.HubClient;
import ai.perspective.support.Marketplace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 during a load of charged calls: the hub runs in a WildFly of its own (started here from
 * target/server with its own base dir, database and port offset, so it can be killed without
 * Arquillian), users call a model through the gateway with their API keys, and the server's JVM
 * is SIGKILLed mid-load. After a restart, every call the client saw succeed is charged exactly
 * once, every call the hub recorded is charged, no hold stays pending, and the ledger verifies.
 *
 * <p>Ports: {@code it.crash.port.offset} (default {@code it.port.offset} + 50); the management
 * port is 9990 + that offset.
 * Runs on the PostgreSQL execution only.
 */
class ChargedCallsCrashIT {

    static final int CLIENTS = 8;
    static final int USERS = 4;
    /** Clients calling a model that never answers. */
    static final int HANGING = 2;

    static Path serverHome;
    static Path base;
    static int offset;
    static int management;
    static String database;
    static String dbUrl;
    static URI hub;
    static Process launcher;
    static FakeUpstream upstream;

    @BeforeAll
    static void startHub() throws Exception {
        String adminUrl = System.getProperty("it.db.admin-url");
        Assumptions.assumeTrue(adminUrl != null && adminUrl.startsWith("jdbc:postgresql:"), "needs the PostgreSQL execution");
        serverHome = Path.of(System.getProperty("jboss.home"));
        offset = Integer.getInteger("it.crash.port.offset", Integer.getInteger("it.port.offset", 0) + 50);
        management = 9990 + offset; // the offset moves the management port too
        database = System.getProperty("it.db.name") + "_crash";
        dbUrl = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
        try (Connection admin = DriverManager.getConnection(adminUrl, user(), password()); Statement s = admin.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
            s.execute("create database " + database);
        }
        base = serverHome.getParent().resolve("it-crash");
        deleteTree(base);
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        try (Stream<Path> files = Files.list(serverHome.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path xml = configuration.resolve("standalone.xml");
        Files.writeString(xml, Files.readString(xml).replaceAll("(?s)<deployments>.*</deployments>", ""));
        hub = URI.create("http://127.0.0.1:" + (8080 + offset) + "/");
        launcher = launch();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> cli(":read-attribute(name=server-state)").contains("running"));
        String deployed = cli("deploy " + System.getProperty("war.file") + " --force");
        assertThat(deployed).doesNotContain("Failed");
        awaitHubUp();
        upstream = new FakeUpstream();
    }

    @AfterAll
    static void stopHub() throws Exception {
        if (launcher != null) {
            List<ProcessHandle> started = launcher.descendants().toList();
            cli(":shutdown");
            started.forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
            launcher.waitFor(30, TimeUnit.SECONDS);
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    @Test
    void afterAKillDuringChargedCallsEverySucceededCallIsChargedOnceAndNoHoldStaysPending() throws Exception {
        // the first account of an empty hub is its administrator; it publishes the model too
        HubClient admin = new HubClient(hub);
        String adminEmail = Hub.uniqueEmail("crash-admin");
        check(admin.signUp(adminEmail, "Crash Admin", Hub.PASSWORD), 201);
        check(admin.login(adminEmail, Hub.PASSWORD), 302);
        String adminId = admin.get("api/accounts/me", null).json().getString("id");
        check(admin.postJson("api/accounts/" + adminId + "/roles", "{\"role\":\"CREATOR\"}", null), 200);
        admin = new HubClient(hub);
        check(admin.login(adminEmail, Hub.PASSWORD), 302);
        // holds of calls that died with the server are voided once this old
        check(admin.putJson("api/ledger/parameters", "{\"changes\":{\"holds.timeout-seconds\":\"60\"},\"reason\":\"crash test\"}", null), 200);
        String modelId = Marketplace.publish(admin, "crash-echo", upstream.baseUrl(), "echo", List.of("CHAT"), true,
                "1000000", "2000000");
        // a model that never answers (the gateway gives up after 3 s): its calls hold money when the kill comes
        String hangId = Marketplace.publish(admin, "crash-hang", upstream.baseUrl(), "hang", List.of("CHAT"), true,
                "1000000", "2000000");
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            HubClient user = new HubClient(hub);
            String email = Hub.uniqueEmail("crash-user");
            check(user.signUp(email, "Crash user " + i, Hub.PASSWORD), 201);
            check(user.login(email, Hub.PASSWORD), 302);
            HubClient.Reply key = user.postJson("api/keys", "{\"name\":\"crash\"}", null);
            check(key, 201);
            keys.add(key.json().getString("secret"));
        }

        Set<String> succeeded = ConcurrentHashMap.newKeySet();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS + HANGING);
        try {
            for (int c = 0; c < CLIENTS + HANGING; c++) {
                String key = keys.get(c % USERS);
                String called = c < CLIENTS ? modelId : hangId;
                clients.execute(() -> {
                    // bounded: stops at the kill, or after 5,000 calls per client at most
                    for (int n = 0; n < 5_000 && !stop.get(); n++) {
                        sent.incrementAndGet();
                        String body = "{\"model\":\"" + called + "\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"call "
                                + n + "\"}]}";
                        try {
                            HttpResponse<String> reply = http.send(HttpRequest.newBuilder(hub.resolve("v1/chat/completions"))
                                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + key)
                                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (reply.statusCode() == 200 && reply.body().contains("\"choices\"")) {
                                succeeded.add(reply.headers().firstValue("X-Request-Id").orElseThrow());
                            }
                        } catch (IOException e) {
                            // the server is gone (the kill) or refused the connection
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
            // kill while calls are in flight: enough succeeded, and a hanging call's hold is open and fresh
            await().atMost(Duration.ofSeconds(60)).until(() -> succeeded.size() >= 150);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> count(
                    "select count(*) from rewards_transfer t where t.kind = 'PENDING' and t.created_at > now() - interval '1 second'"
                            + " and not exists (select 1 from rewards_transfer r where r.pending_id = t.id)") > 0);
            ProcessHandle java = launcher.descendants().filter(p -> p.info().command().orElse("").endsWith("java"))
                    .findFirst().orElseThrow();
            List<ProcessHandle> children = java.descendants().toList(); // e.g. the dev chain the hub started
            assertThat(java.destroyForcibly()).isTrue(); // SIGKILL, mid-load
            await().atMost(Duration.ofSeconds(30)).until(() -> !java.isAlive());
            // a machine that dies takes the server's children with it; here they would outlive it
            children.forEach(ProcessHandle::destroyForcibly);
            stop.set(true);
        } finally {
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        launcher.waitFor(30, TimeUnit.SECONDS);
        long holdsAtKill = count("select count(*) from rewards_transfer where kind = 'PENDING'");
        long openAtKill = count("select count(*) from rewards_transfer t where t.kind = 'PENDING' and not exists"
                + " (select 1 from rewards_transfer r where r.pending_id = t.id)");

        launcher = launch(); // same base dir: the WAR deploys again from its content repository
        awaitHubUp();

        // every call the client saw succeed: charged exactly once (its hold posted)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            assertThat(count("select count(*) from rewards_transfer t where t.kind = 'POST' and t.memo = any(?)",
                    (Object) succeeded.toArray(String[]::new))).isEqualTo(succeeded.size());
        });
        // nothing pending forever: holds of calls that never finished are voided
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                count("select count(*) from rewards_transfer t where t.kind = 'PENDING' and not exists"
                        + " (select 1 from rewards_transfer r where r.pending_id = t.id)")).isZero());
        // every call the hub recorded as succeeded was charged (none voided), and no hold resolved twice
        assertThat(count("select count(*) from gateway_usage u where u.outcome = 'SUCCEEDED' and u.cost > 0 and not exists"
                + " (select 1 from rewards_transfer t where t.kind = 'POST' and t.memo = cast(u.id as varchar))")).isZero();
        assertThat(count("select count(*) from (select pending_id from rewards_transfer where pending_id is not null"
                + " group by pending_id having count(*) > 1) x")).isZero();
        assertThat(count("select count(*) from rewards_transfer where kind = 'PENDING'")).isEqualTo(holdsAtKill);
        HubClient.Reply verification = admin.get("api/ledger/verification", null);
        if (verification.status() == 401 || verification.status() == 403 || verification.status() == 302) {
            admin = new HubClient(hub);
            check(admin.login(adminEmail, Hub.PASSWORD), 302);
            verification = admin.get("api/ledger/verification", null);
        }
        check(verification, 200);
        assertThat(verification.json().getBoolean("sound")).as(verification.body()).isTrue();
        assertThat(verification.json().getJsonNumber("openHolds").longValue()).isZero();
        System.out.printf("crash IT: %d calls sent, %d seen succeeded, %d holds at the kill of which %d open%n", sent.get(),
                succeeded.size(), holdsAtKill, openAtKill);
    }

    private static Process launch() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(serverHome.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + offset)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("console.log").toFile()));
        builder.environment().put("PERSPECTIVE_DB_KIND", "postgresql");
        builder.environment().put("PERSPECTIVE_DB_URL", dbUrl);
        builder.environment().put("PERSPECTIVE_DB_USER", user());
        builder.environment().put("PERSPECTIVE_DB_PASSWORD", password());
        builder.environment().put("PERSPECTIVE_UPSTREAM_TIMEOUT_SECONDS", "3");
        return builder.start();
    }

    private static void awaitHubUp() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> http.send(
                HttpRequest.newBuilder(hub.resolve("api/models")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    private static String cli(String command) throws IOException, InterruptedException {
        Process cli = new ProcessBuilder(serverHome.resolve("bin/jboss-cli.sh").toString(), "-c",
                "--controller=127.0.0.1:" + management, "--command=" + command).redirectErrorStream(true).start();
        String out = new String(cli.getInputStream().readAllBytes());
        cli.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = DriverManager.getConnection(dbUrl, user(), password()); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                if (parameters[i] instanceof String[] array) {
                    s.setArray(i + 1, c.createArrayOf("varchar", array));
                } else {
                    s.setObject(i + 1, parameters[i]);
                }
            }
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void check(HubClient.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
    }

    private static String user() {
        return System.getProperty("it.db.user");
    }

    private static String password() {
        return System.getProperty("it.db.password");
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
