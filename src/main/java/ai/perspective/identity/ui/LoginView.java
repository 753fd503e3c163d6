package ai.perspective.identity.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.login.LoginI18n;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import java.util.List;
import java.util.Map;

/**
 * The login page. The form posts natively to {@code /auth/login}, where Jakarta Security checks
 * the password; a failure comes back here with {@code ?error}.
 */
@Route(value = "login", autoLayout = false)
@PageTitle("Log in · Perspective")
@AnonymousAllowed
public class LoginView extends Div implements BeforeEnterObserver {

    private final LoginForm form = new LoginForm();
    private final Paragraph notice = new Paragraph();

    public LoginView() {
        addClassName("hub-auth");
        LoginI18n i18n = LoginI18n.createDefault();
        i18n.getForm().setTitle("Log in");
        i18n.getForm().setUsername("Email");
        i18n.getErrorMessage().setTitle("Wrong email or password");
        i18n.getErrorMessage().setMessage("Check both and try again.");
        form.setI18n(i18n);
        form.setAction("auth/login");
        form.setForgotPasswordButtonVisible(false);

        H1 title = new H1("Perspective");
        title.addClassName("hub-auth-title");
        Paragraph tagline = new Paragraph("Every model, one account. Paid fairly.");
        tagline.addClassName("hub-auth-tagline");
        notice.setId("login-notice");
        notice.setVisible(false);
        RouterLink signUp = new RouterLink("Create an account", SignUpView.class);
        signUp.setId("signup-link");
        Paragraph footer = new Paragraph(new com.vaadin.flow.component.Text("New here? "), signUp);
        footer.addClassName("hub-auth-footer");

        Div panel = new Div(title, tagline, notice, form, footer);
        panel.addClassName("hub-auth-panel");
        add(panel);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (VaadinRequest.getCurrent() != null && VaadinRequest.getCurrent().getUserPrincipal() != null) {
            event.forwardTo("");
            return;
        }
        Map<String, List<String>> query = event.getLocation().getQueryParameters().getParameters();
        form.setError(query.containsKey("error"));
        if (query.containsKey("created")) {
            show("Your account is ready. Log in with your email and password.");
        } else if (query.containsKey("logout")) {
            show("You are logged out.");
        }
    }

    private void show(String text) {
        notice.setText(text);
        notice.setVisible(true);
    }
}
