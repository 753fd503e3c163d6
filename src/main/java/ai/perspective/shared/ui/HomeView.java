package ai.perspective.shared.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;

/** Where a signed-in user lands: what the hub is and the first steps to use it. */
@Route("")
@PageTitle("Home")
@Menu(order = 0, icon = "vaadin:home", title = "Home")
@PermitAll
public class HomeView extends VerticalLayout {

    @Inject
    public HomeView(SignedInUser user) {
        addClassName("hub-page");
        String name = user.current().map(SignedInUser.Profile::displayName).orElse("there");
        H2 welcome = new H2("Welcome, " + name);
        welcome.setId("welcome");
        Paragraph intro = new Paragraph("Perspective is your community's AI hub: every model through one account "
                + "and one OpenAI-compatible API, paid per use in POV, with the people whose data and models make "
                + "AI good paid for it.");

        Div steps = new Div(
                step("1. Create an API key", "Keys authenticate your programs. The secret is shown once.",
                        new Anchor("api-keys", "Open API keys")),
                step("2. Call the API", "Any OpenAI client works: point its base URL at this hub.", null),
                step("3. Check who you are", "Try your key on the REST API:", null));
        steps.addClassName("hub-steps");

        Pre example = new Pre("curl -H \"Authorization: Bearer $PERSPECTIVE_API_KEY\" \\\n     "
                + "http://localhost:8080/api/accounts/me");
        example.addClassName("hub-code");
        add(welcome, intro, steps, example);
    }

    private static Div step(String title, String text, Anchor action) {
        Div card = new Div(new H3(title), new Paragraph(text));
        if (action != null) {
            card.add(action);
        }
        card.addClassName("hub-card");
        return card;
    }
}
