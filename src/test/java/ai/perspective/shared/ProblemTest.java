package ai.perspective.shared;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void hubExceptionBecomesRfc9457Problem() {
        Problem problem = Problem.of(HubException.invalid("email", "duplicate-email", "Already \"taken\"\n."));
        JsonObject json = Json.createReader(new StringReader(problem.toJson())).readObject();
        assertThat(json.getString("type")).isEqualTo("/problems/duplicate-email");
        assertThat(json.getString("title")).isEqualTo("Bad Request");
        assertThat(json.getInt("status")).isEqualTo(400);
        assertThat(json.getString("detail")).isEqualTo("Already \"taken\"\n.");
        assertThat(json.getString("field")).isEqualTo("email");
    }

    @Test
    void fieldIsLeftOutWhenThereIsNone() {
        JsonObject json = Json.createReader(new StringReader(Problem.of(404, "not-found", "No such thing.").toJson()))
                .readObject();
        assertThat(json.containsKey("field")).isFalse();
        assertThat(json.getString("title")).isEqualTo("Not Found");
    }
}
