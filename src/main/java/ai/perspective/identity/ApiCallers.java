package ai.perspective.identity;

import java.util.Optional;
import java.util.UUID;

/**
 * Who an API call comes from, for transports that authenticate API keys themselves (the OpenAI
 * API). Answered from memory for every call of a key but its first, without a transaction: this is
 * on the path of every model call.
 */
public interface ApiCallers {

    /** The owner of the API key (the secret of an {@code Authorization: Bearer} header); empty for a wrong, malformed or revoked key. */
    Optional<ApiCaller> byApiKey(String secret);

    /** The owner of an API key, and the key. */
    record ApiCaller(AccountId account, UUID apiKey) {
    }
}
