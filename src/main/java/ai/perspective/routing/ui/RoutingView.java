package ai.perspective.routing.ui;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.ModelId;
import ai.perspective.routing.Router;
import ai.perspective.routing.RoutingAdmin;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Admins choose the hub's general model (the one that answers when no specialist fits) and see
 * how routing goes: what is routed, the calibrated threshold, decisions, fallbacks, failovers,
 * and the share of rated answers users found helpful.
 */
@Route("admin/routing")
@PageTitle("Routing")
@Menu(order = 96, icon = "vaadin:split", title = "Routing")
@RolesAllowed("ADMIN")
public class RoutingView extends VerticalLayout {

    private final RoutingAdmin admin;
    private final Catalog catalog;
    private final ComboBox<ModelId> general = new ComboBox<>("General model");
    private final Div figures = new Div();
    private final Paragraph state = new Paragraph();

    @Inject
    public RoutingView(RoutingAdmin admin, Catalog catalog) {
        this.admin = admin;
        this.catalog = catalog;
        addClassName("hub-page");
        general.setId("routing-general-model");
        general.setItemLabelGenerator(ModelId::toString);
        general.setWidth("28rem");
        general.setHelperText("Answers perspective/auto requests that no specialist fits with confidence.");
        Button save = new Button("Set general model", click -> save());
        save.setId("routing-save-general");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        Button refresh = new Button("Refresh", click -> refresh());
        HorizontalLayout form = new HorizontalLayout(general, save, refresh);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        state.setId("routing-state");
        figures.setId("routing-figures");
        add(new H3("perspective/auto"), state, form, new H3("Figures"), figures);
        String eval = evalFigures();
        if (eval != null) {
            Pre pre = new Pre(eval);
            pre.addClassName("hub-code");
            pre.setId("routing-eval");
            add(new H3("Benchmark (CLINC150 validation split, measured offline)"), pre);
        }
        refresh();
    }

    private void refresh() {
        List<ModelId> chat = catalog.published().stream()
                .filter(m -> m.tasks().contains(Catalog.Task.CHAT) && m.serving() instanceof Catalog.ExternalEndpoint)
                .map(Catalog.ModelCard::id).toList();
        general.setItems(chat);
        RoutingAdmin.Overview o = admin.overview();
        state.setText("State: " + o.state());
        o.routed().map(Router.Routed::generalModel).filter(chat::contains).ifPresent(general::setValue);
        RoutingAdmin.Figures f = o.figures();
        figures.removeAll();
        figures.add(card("Decisions", Long.toString(f.decisions())),
                card("To the general model", share(f.generalFallbacks(), f.decisions())),
                card("Failovers (next candidate answered)", share(f.failovers(), f.decisions())),
                card("Unanswered", share(f.unanswered(), f.decisions())),
                card("Rated", Long.toString(f.rated())),
                card("Helpful (accuracy on feedback)", f.rated() == 0 ? "no ratings yet"
                        : String.format(Locale.ROOT, "%.1f %% of %d", 100 * f.helpfulShare(), f.rated())));
        o.routed().ifPresent(r -> figures.add(
                card("Routed models", Integer.toString(r.models().size())),
                card("Calibrated threshold", Double.isFinite(r.calibration().threshold())
                        ? String.format(Locale.ROOT, "%.3f", r.calibration().threshold())
                        : "none yet (models need 10+ example prompts to hold some out)"),
                card("Held-out accuracy", Double.isNaN(r.calibration().heldOutAccuracy()) ? "n/a (too few examples)"
                        : String.format(Locale.ROOT, "%.3f on %d example prompts", r.calibration().heldOutAccuracy(),
                                r.calibration().heldOut()))));
        figures.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "0.75rem");
    }

    private void save() {
        try {
            admin.setGeneralModel(general.getValue());
            Notifications.success("General model set to " + general.getValue() + "; the router is re-configured in the background.");
            refresh();
        } catch (HubException e) {
            general.setErrorMessage(e.getMessage());
            general.setInvalid(true);
        }
    }

    private static Div card(String label, String value) {
        Span v = new Span(value);
        v.addClassName("hub-figure");
        Div card = new Div(new Div(new Span(label)), new Div(v));
        card.addClassName("hub-card");
        return card;
    }

    private static String share(long part, long whole) {
        return whole == 0 ? "0" : String.format(Locale.ROOT, "%d (%.1f %%)", part, 100.0 * part / whole);
    }

    /** The figures bench/routing-eval.sh printed when the build's router was last measured (a file in the WAR). */
    private static String evalFigures() {
        try (InputStream in = RoutingView.class.getResourceAsStream("clinc150-eval.txt")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
