package ai.perspective.gateway.domain;

/** A reply kept for an Idempotency-Key, replayed byte for byte to a retry. */
public record StoredReply(int status, String contentType, String body) {
}
