package ai.perspective.identity.security;

import ai.perspective.shared.OpenAiError;
import ai.perspective.shared.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers requests whose credentials {@link HubAuthenticationMechanism} rejected: 401 with
 * problem+json, or OpenAI's error shape on {@code /v1} so official clients raise their
 * authentication error. Such a request never reaches a resource.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class RejectedCredentialsFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request.getAttribute(HubAuthenticationMechanism.REJECTED_CREDENTIALS) instanceof String detail)) {
            chain.doFilter(request, response);
            return;
        }
        boolean openAi = request.getRequestURI().startsWith(request.getContextPath() + "/v1/");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setCharacterEncoding("UTF-8");
        if (openAi) {
            response.setContentType("application/json");
            response.getWriter().write(OpenAiError.invalidApiKey(detail).toJson());
        } else {
            response.setContentType(Problem.MEDIA_TYPE);
            response.getWriter().write(Problem.of(401, "invalid-api-key", detail).toJson());
        }
    }
}
