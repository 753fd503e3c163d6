package ai.perspective.shared;

/**
 * An expected failure the caller can act on: bad input, a missing thing, a conflict, no access.
 * REST turns it into RFC 9457 problem+json, the UI shows its message. Anything else that escapes
 * is a bug and reaches clients only as a generic 500 without details.
 */
public class HubException extends RuntimeException {

    /** What went wrong, in terms a client can branch on. */
    public enum Kind {
        INVALID_INPUT(400), UNAUTHENTICATED(401), PAYMENT_REQUIRED(402), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409),
        /** A service the hub depends on (e.g. the chain) cannot answer right now; retrying later may work. */
        UNAVAILABLE(503);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String type;
    private final String field;

    /**
     * @param kind   the class of failure (maps to the HTTP status)
     * @param type   a stable slug for this failure, e.g. {@code duplicate-email}
     * @param field  the offending input field, or {@code null}
     * @param detail a human sentence saying what to do about it
     */
    public HubException(Kind kind, String type, String field, String detail) {
        super(detail);
        this.kind = kind;
        this.type = type;
        this.field = field;
    }

    public static HubException invalid(String field, String type, String detail) {
        return new HubException(Kind.INVALID_INPUT, type, field, detail);
    }

    public static HubException notFound(String type, String detail) {
        return new HubException(Kind.NOT_FOUND, type, null, detail);
    }

    public static HubException forbidden(String detail) {
        return new HubException(Kind.FORBIDDEN, "forbidden", null, detail);
    }

    public static HubException conflict(String field, String type, String detail) {
        return new HubException(Kind.CONFLICT, type, field, detail);
    }

    public static HubException unavailable(String type, String detail) {
        return new HubException(Kind.UNAVAILABLE, type, null, detail);
    }

    public static HubException unauthenticated(String type, String detail) {
        return new HubException(Kind.UNAUTHENTICATED, type, null, detail);
    }

    public Kind kind() {
        return kind;
    }

    public String type() {
        return type;
    }

    /** The offending field, or {@code null} when the problem is not about one field. */
    public String field() {
        return field;
    }
}
