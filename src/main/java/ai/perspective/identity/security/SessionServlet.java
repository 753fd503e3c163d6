package ai.perspective.identity.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;

/**
 * Where the login form posts and where "Log out" goes. The authentication itself happens in
 * {@link HubAuthenticationMechanism} before this servlet runs; here we only send the browser on.
 */
@WebServlet(urlPatterns = {HubAuthenticationMechanism.LOGIN_PATH, SessionServlet.LOGOUT_PATH})
public class SessionServlet extends HttpServlet {

    static final String LOGOUT_PATH = "/auth/logout";

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (LOGOUT_PATH.equals(request.getServletPath())) {
            logout(request, response);
            return;
        }
        String target = request.getUserPrincipal() != null ? "/" : "/login?error";
        response.sendRedirect(request.getContextPath() + target);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        if (LOGOUT_PATH.equals(request.getServletPath())) {
            logout(request, response);
        } else {
            response.sendRedirect(request.getContextPath() + "/login");
        }
    }

    private static void logout(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        request.logout();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + "/login?logout");
    }
}
