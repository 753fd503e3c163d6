package ai.perspective.gateway.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ai.perspective.support.FakeUpstream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UpstreamHttpTest {

    private FakeUpstream upstream;
    private UpstreamHttp http;

    @BeforeEach
    void open() throws Exception {
        upstream = new FakeUpstream();
        http = opened(new GatewaySettings());
    }

    /** An upstream client as the server would start it (also for other tests of this package). */
    static UpstreamHttp opened(GatewaySettings settings) {
        UpstreamHttp http = new UpstreamHttp();
        http.settings = settings;
        http.open();
        return http;
    }

    @AfterEach
    void close() {
        http.close();
        upstream.close();
    }

    private URI chat() {
        return ModelCalls.resolve(upstream.baseUrl(), "chat/completions");
    }

    @Test
    void sendsTheBodyAndTheSecretAndHandsOverTheAnswer() throws Exception {
        List<String> got = new ArrayList<>();
        http.post(chat(), FakeUpstream.SECRET, "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                false, (status, body) -> got.add(status + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8)));

        assertThat(got).singleElement().asString().startsWith("200 {");
        assertThat(upstream.received()).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer " + FakeUpstream.SECRET));
    }

    @Test
    void aWholeAnswerIsReadByItsLengthAndItsConnectionKept() throws Exception {
        String request = "{\"model\":\"echo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<String> whole = new ArrayList<>();
        http.post(chat(), FakeUpstream.SECRET, request, false,
                (status, body) -> whole.add(new String(body.readAllBytes(), StandardCharsets.UTF_8)));
        List<String> byLength = new ArrayList<>();
        http.post(chat(), FakeUpstream.SECRET, request, false,
                (status, body) -> byLength.add(new String(body.readAll(), StandardCharsets.UTF_8)));
        http.post(chat(), FakeUpstream.SECRET, request, false,
                (status, body) -> byLength.add(new String(body.readAll(), StandardCharsets.UTF_8)));

        assertThat(byLength).hasSize(2).allSatisfy(answer -> assertThat(answer).isEqualTo(whole.getFirst()));
        // each answer went back to the pool read to its end: all three calls took turns on one connection
        assertThat(http.connections.getTotalStats().getLeased()).isZero();
        assertThat(http.connections.getTotalStats().getAvailable()).isEqualTo(1);
    }

    @Test
    void aStreamTheReaderLeavesIsCutOffNotDrained() {
        AtomicInteger lines = new AtomicInteger();
        // the endless model sends as long as anyone reads: draining it would never end
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> http.post(chat(), FakeUpstream.SECRET,
                "{\"model\":\"endless\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", true,
                (status, body) -> {
                    BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                    while (lines.get() < 5 && reader.readLine() != null) {
                        lines.incrementAndGet();
                    }
                }));
        assertThat(lines).hasValue(5);
    }

    @Test
    void aRefusedConnectionIsUnreachable() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThatThrownBy(() -> http.post(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"), null, "{}",
                false, (status, body) -> { }))
                .isInstanceOf(UpstreamHttp.Unreachable.class);
    }
}
