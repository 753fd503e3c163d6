package ai.perspective.identity.security;

import ai.perspective.identity.Role;
import ai.perspective.identity.application.Authenticator;
import ai.perspective.identity.application.Authenticator.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The hub's accounts as a Jakarta Security identity store: passwords (email as caller name) and
 * API keys. The caller principal's name is the account id; the groups are the account's roles.
 */
@ApplicationScoped
public class HubIdentityStore implements IdentityStore {

    @Inject
    Authenticator authenticator;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        Optional<Caller> caller;
        if (credential instanceof UsernamePasswordCredential password) {
            caller = authenticator.password(password.getCaller(), password.getPasswordAsString());
        } else if (credential instanceof ApiKeyCredential apiKey) {
            caller = authenticator.apiKey(apiKey.secret());
        } else {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        // the caller's unique id carries the API key id, so the request can name the key it used
        return caller.map(c -> new CredentialValidationResult(null, new CallerPrincipal(c.account().toString()), null,
                        c.apiKey() == null ? null : c.apiKey().toString(), groups(c.roles())))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }

    static Set<String> groups(Set<Role> roles) {
        return roles.stream().map(Role::name).collect(Collectors.toUnmodifiableSet());
    }
}
