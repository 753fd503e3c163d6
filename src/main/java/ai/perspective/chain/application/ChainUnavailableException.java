package ai.perspective.chain.application;

/** The chain's node did not answer (or answered nonsense): retry later, nothing was decided. */
public class ChainUnavailableException extends RuntimeException {

    public ChainUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
