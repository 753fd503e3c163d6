package ai.perspective.catalog.ui;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.Catalog.ModelCard;
import ai.perspective.catalog.Catalog.Status;
import ai.perspective.shared.ui.Notifications;
import ai.perspective.shared.HubException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.function.Supplier;

/** A creator's own models: create, edit, publish and unpublish. */
@Route("my-models")
@PageTitle("My models")
@Menu(order = 6, icon = "vaadin:cube", title = "My models")
@RolesAllowed("CREATOR")
public class MyModelsView extends VerticalLayout {

    private final Catalog catalog;
    private final Grid<ModelCard> grid = new Grid<>();

    @Inject
    public MyModelsView(Catalog catalog) {
        this.catalog = catalog;
        addClassName("hub-page");
        Button create = new Button("New model", new Icon(VaadinIcon.PLUS), click -> new ModelForm(catalog, null, this::refresh).open());
        create.setId("new-model");
        create.addThemeVariants(ButtonVariant.PRIMARY);

        grid.setId("my-models");
        grid.addComponentColumn(m -> new Anchor("models/" + m.id(), m.title())).setHeader("Model").setFlexGrow(2);
        grid.addColumn(m -> m.id().toString()).setHeader("Id").setFlexGrow(2);
        grid.addColumn(m -> m.status().name().toLowerCase(Locale.ROOT)).setHeader("Status");
        grid.addColumn(ModelCard::calls).setHeader("Calls");
        grid.addComponentColumn(this::actions).setFlexGrow(2);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No models yet: create your first one.");
        add(new Paragraph("Drafts are visible only to you. Publish a model to make it findable and callable through "
                + "the hub's API; unpublish it to take it back."), create, grid);
        refresh();
    }

    private HorizontalLayout actions(ModelCard m) {
        Button edit = new Button("Edit", click -> new ModelForm(catalog, m, this::refresh).open());
        edit.addThemeVariants(ButtonVariant.TERTIARY);
        Button toggle = m.status() == Status.PUBLISHED
                ? new Button("Unpublish", click -> act(() -> catalog.unpublish(m.id()), m.title() + " is back to draft."))
                : new Button("Publish", click -> act(() -> catalog.publish(m.id()), m.title() + " is published."));
        toggle.setId((m.status() == Status.PUBLISHED ? "unpublish-" : "publish-") + m.id().name());
        toggle.setEnabled(m.status() != Status.DELISTED);
        toggle.addThemeVariants(ButtonVariant.TERTIARY);
        return new HorizontalLayout(edit, toggle);
    }

    private void act(Supplier<ModelCard> action, String success) {
        try {
            action.get();
            refresh();
            Notifications.success(success);
        } catch (HubException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void refresh() {
        grid.setItems(catalog.myModels());
    }
}
