package ai.perspective.identity.ui;

import ai.perspective.identity.Identity;
import ai.perspective.identity.domain.PasswordPolicy;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.inject.Inject;
import java.util.Map;

/** Sign-up: email, display name, password. The service's rules decide; the form shows why. */
@Route(value = "signup", autoLayout = false)
@PageTitle("Create an account · Perspective")
@AnonymousAllowed
public class SignUpView extends Div {

    private final Identity identity;
    private final EmailField email = new EmailField("Email");
    private final TextField displayName = new TextField("Display name");
    private final PasswordField password = new PasswordField("Password");
    private final Map<String, com.vaadin.flow.component.HasValidation> fields;

    @Inject
    public SignUpView(Identity identity) {
        this.identity = identity;
        addClassName("hub-auth");
        fields = Map.of("email", email, "displayName", displayName, "password", password);

        email.setId("signup-email");
        email.setRequiredIndicatorVisible(true);
        email.setWidthFull();
        displayName.setId("signup-name");
        displayName.setRequiredIndicatorVisible(true);
        displayName.setMaxLength(80);
        displayName.setWidthFull();
        password.setId("signup-password");
        password.setRequiredIndicatorVisible(true);
        password.setHelperText("At least " + PasswordPolicy.MIN_LENGTH + " characters, mixing letters with digits or symbols.");
        password.setWidthFull();

        Button create = new Button("Create account", click -> submit());
        create.setId("signup-submit");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickShortcut(Key.ENTER);
        create.setWidthFull();

        H1 brand = new H1("Perspective");
        brand.addClassName("hub-auth-title");
        Paragraph tagline = new Paragraph("Use every model with one account; get paid for the data you share.");
        tagline.addClassName("hub-auth-tagline");
        RouterLink login = new RouterLink("Log in", LoginView.class);
        Paragraph footer = new Paragraph(new com.vaadin.flow.component.Text("Already have an account? "), login);
        footer.addClassName("hub-auth-footer");

        Div panel = new Div(brand, tagline, new H2("Create an account"), email, displayName, password, create, footer);
        panel.addClassName("hub-auth-panel");
        add(panel);
    }

    private void submit() {
        fields.values().forEach(f -> f.setInvalid(false));
        try {
            identity.signUp(new Identity.SignUp(email.getValue(), displayName.getValue(), password.getValue()));
            getUI().ifPresent(ui -> ui.navigate(LoginView.class, QueryParameters.of("created", "")));
        } catch (HubException e) {
            var field = e.field() == null ? null : fields.get(e.field());
            if (field != null) {
                field.setErrorMessage(e.getMessage());
                field.setInvalid(true);
            }
            Notifications.error(e.getMessage());
        }
    }
}
