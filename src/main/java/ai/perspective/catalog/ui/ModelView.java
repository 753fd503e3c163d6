package ai.perspective.catalog.ui;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.Catalog.BuiltIn;
import ai.perspective.catalog.Catalog.ExternalEndpoint;
import ai.perspective.catalog.Catalog.ModelCard;
import ai.perspective.catalog.ModelId;
import ai.perspective.shared.HubException;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** One model's card: its rendered description, price, usage and how to call it. */
@Route("models/:creator/:name")
@PageTitle("Model")
@PermitAll
public class ModelView extends VerticalLayout implements BeforeEnterObserver {

    private final Catalog catalog;

    @Inject
    public ModelView(Catalog catalog) {
        this.catalog = catalog;
        addClassName("hub-page");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        Optional<ModelCard> card;
        try {
            card = catalog.model(new ModelId(event.getRouteParameters().get("creator").orElse(""),
                    event.getRouteParameters().get("name").orElse("")));
        } catch (HubException e) {
            card = Optional.empty();
        }
        card.ifPresentOrElse(this::show, () -> {
            H2 missing = new H2("No such model");
            missing.setId("model-missing");
            add(missing, new Paragraph("It does not exist or is not published."));
        });
    }

    private void show(ModelCard m) {
        H2 title = new H2(m.title());
        title.setId("model-title");
        Span id = new Span(m.id().toString());
        id.addClassName("hub-secret");
        Span status = new Span(m.status().name().toLowerCase(Locale.ROOT));
        status.getElement().getThemeList().add(m.status() == Catalog.Status.PUBLISHED ? "badge success" : "badge contrast");
        Paragraph facts = new Paragraph("By " + m.creatorName() + " · "
                + m.tasks().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                + " · " + m.licence() + " · context " + m.contextLength() + " tokens · "
                + switch (m.serving()) {
                    case ExternalEndpoint e -> "served by the creator's endpoint";
                    case BuiltIn b -> "runs inside the hub (" + b.engine() + ")";
                });
        Paragraph price = new Paragraph("Price per million tokens: " + Prices.pov(m.inputPricePerMillion()) + " input, "
                + Prices.pov(m.outputPricePerMillion()) + " output. Used " + m.calls() + (m.calls() == 1 ? " time." : " times."));
        price.setId("model-price");
        // escaped and URL-sanitised by Markdown; Html needs one root element
        Html description = new Html("<div class=\"hub-markdown\">" + Markdown.toHtml(m.description()) + "</div>");
        description.setId("model-description");
        Pre example = new Pre("curl http://localhost:8080/v1/chat/completions \\\n  -H \"Authorization: Bearer $PERSPECTIVE_API_KEY\" \\\n"
                + "  -H 'Content-Type: application/json' \\\n  -d '{\"model\":\"" + m.id() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}'");
        example.addClassName("hub-code");
        add(title, new Div(id, new Span(" "), status), facts, price);
        if (m.status() == Catalog.Status.PUBLISHED && m.tasks().contains(Catalog.Task.CHAT)) {
            // the playground lives in the gateway module: linked by route, not by class
            Anchor tryIt = new Anchor("playground?model=" + m.id(), "Try it in the playground");
            tryIt.setId("try-it");
            add(tryIt);
        }
        add(description);
        if (!m.examplePrompts().isEmpty()) {
            H3 heading = new H3("Example prompts");
            UnorderedList list = new UnorderedList();
            list.setId("model-examples");
            m.examplePrompts().stream().limit(20).forEach(p -> list.add(new ListItem(p)));
            add(heading, list);
            if (m.examplePrompts().size() > 20) {
                add(new Paragraph("… and " + (m.examplePrompts().size() - 20) + " more."));
            }
        }
        add(example);
    }
}
