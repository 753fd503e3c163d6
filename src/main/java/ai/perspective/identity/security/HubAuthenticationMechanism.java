package ai.perspective.identity.security;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.Role;
import ai.perspective.identity.application.Authenticator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.CallerPrincipal;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Set;

/**
 * How a request says who it is, in order:
 * <ol>
 *   <li>{@code Authorization: Bearer <API key>}: the REST API. A wrong, revoked or malformed key
 *       is a 401 at once, in problem+json; no session is created. (The OpenAI API on {@code /v1}
 *       never reaches this mechanism: it checks keys itself, see gateway.openai.OpenAiHandler.)</li>
 *   <li>{@code POST /auth/login} with {@code username} and {@code password}: the UI's login form.
 *       Success starts a fresh HTTP session; failure returns to the login page.</li>
 *   <li>A session started by 2.: the UI. Roles are looked up fresh (cached), so a granted role
 *       shows without logging in again.</li>
 * </ol>
 * Anything else is anonymous; resources and views decide whether that is enough.
 */
@ApplicationScoped
public class HubAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String SESSION_ACCOUNT = "ai.perspective.identity.account";
    static final String LOGIN_PATH = "/auth/login";
    static final String API_KEY_ID = "ai.perspective.identity.api-key-id";
    static final String REJECTED_CREDENTIALS = "ai.perspective.identity.rejected-credentials";

    @Inject
    IdentityStoreHandler identityStores;
    @Inject
    Authenticator authenticator;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null) {
            return bearer(authorization, request, context);
        }
        if (LOGIN_PATH.equals(request.getServletPath()) && "POST".equals(request.getMethod())) {
            return login(request, context);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SESSION_ACCOUNT) instanceof String account) {
            Set<Role> roles = authenticator.roles(AccountId.parse(account));
            if (!roles.isEmpty()) {
                return context.notifyContainerAboutLogin(new CallerPrincipal(account), HubIdentityStore.groups(roles));
            }
            session.removeAttribute(SESSION_ACCOUNT);
        }
        return context.doNothing();
    }

    private AuthenticationStatus bearer(String authorization, HttpServletRequest request, HttpMessageContext context) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return reject(request, context, "The Authorization header must be 'Bearer <API key>'.");
        }
        CredentialValidationResult result = identityStores.validate(new ApiKeyCredential(authorization.substring(7).trim()));
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            request.setAttribute(API_KEY_ID, result.getCallerUniqueId());
            return context.notifyContainerAboutLogin(result);
        }
        return reject(request, context, "The API key is wrong, malformed or revoked.");
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context) {
        String email = request.getParameter("username");
        String password = request.getParameter("password");
        if (email == null || password == null) {
            return context.redirect(request.getContextPath() + "/login?error");
        }
        CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(email, password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return context.redirect(request.getContextPath() + "/login?error");
        }
        // a new session on login: nothing from before authentication carries over (session fixation)
        HttpSession before = request.getSession(false);
        if (before != null) {
            before.invalidate();
        }
        request.getSession(true).setAttribute(SESSION_ACCOUNT, result.getCallerPrincipal().getName());
        return context.notifyContainerAboutLogin(result);
    }

    /**
     * Leaves the request anonymous and marks it; {@link RejectedCredentialsFilter} answers 401 with
     * a body the client understands. (A failure status here would make the server write its own
     * HTML error page instead.)
     */
    private static AuthenticationStatus reject(HttpServletRequest request, HttpMessageContext context, String detail) {
        request.setAttribute(REJECTED_CREDENTIALS, detail);
        return context.doNothing();
    }
}
