package ai.perspective.identity.security;

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
 * problem+json. Such a request never reaches a resource. (The OpenAI API on {@code /v1} checks its
 * keys itself, ahead of the servlet chain: gateway.openai.OpenAiHandler.)
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
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Bearer");
        response.setCharacterEncoding("UTF-8");
        response.setContentType(Problem.MEDIA_TYPE);
        response.getWriter().write(Problem.of(401, "invalid-api-key", detail).toJson());
    }
}
