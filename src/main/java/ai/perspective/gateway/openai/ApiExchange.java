package ai.perspective.gateway.openai;

import ai.perspective.gateway.application.Reply;

/**
 * One request to the OpenAI API as the transport ({@link OpenAiHandler}) hands it over: the body is
 * read already, within the size limit; the answer goes out through {@link Reply}.
 */
interface ApiExchange extends Reply {

    String method();

    /** The path after {@code /v1}, e.g. {@code /chat/completions}. */
    String path();

    /** A request header, or null. */
    String header(String name);

    byte[] body();

    /** Sets a response header; before the answer starts. */
    void responseHeader(String name, String value);

    /** The status of the answer, once it started (0 before). */
    int status();
}
