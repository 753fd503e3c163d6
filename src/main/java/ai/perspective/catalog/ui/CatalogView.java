package ai.perspective.catalog.ui;

import ai.perspective.catalog.Catalog;
import ai.perspective.catalog.Catalog.ModelCard;
import ai.perspective.catalog.Catalog.SearchQuery;
import ai.perspective.catalog.Catalog.Sort;
import ai.perspective.catalog.Catalog.Task;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** Browse and search published models: full text, facet filters with counts, and sorting. */
@Route("models")
@PageTitle("Models")
@Menu(order = 5, icon = "vaadin:cubes", title = "Models")
@PermitAll
public class CatalogView extends VerticalLayout {

    private static final int PAGE = 50;

    private final Catalog catalog;
    private final TextField search = new TextField();
    private final Select<Sort> sort = new Select<>();
    private final CheckboxGroup<String> tasks = new CheckboxGroup<>("Task");
    private final CheckboxGroup<String> licences = new CheckboxGroup<>("Licence");
    private final CheckboxGroup<String> creators = new CheckboxGroup<>("Creator");
    private final Grid<ModelCard> grid = new Grid<>();
    private final Span total = new Span();
    private boolean refreshing;

    @Inject
    public CatalogView(Catalog catalog) {
        this.catalog = catalog;
        addClassName("hub-page");
        setHeightFull();

        search.setId("model-search");
        search.setPlaceholder("Search models: summarize, embeddings, code…");
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("28rem");
        sort.setId("model-sort");
        sort.setLabel("Sort");
        sort.setItems(Sort.values());
        sort.setItemLabelGenerator(s -> switch (s) {
            case RELEVANCE -> "Best match";
            case MOST_USED -> "Most used";
            case NEWEST -> "Newest";
            case CHEAPEST -> "Cheapest";
        });
        sort.setValue(Sort.RELEVANCE);
        HorizontalLayout bar = new HorizontalLayout(search, sort, total);
        bar.setAlignItems(FlexComponent.Alignment.BASELINE);

        VerticalLayout facets = new VerticalLayout(tasks, licences, creators);
        facets.setWidth("16rem");
        facets.setPadding(false);

        grid.setId("models");
        grid.addComponentColumn(m -> {
            com.vaadin.flow.component.html.Anchor link = new com.vaadin.flow.component.html.Anchor(
                    "models/" + m.id(), m.title());
            return link;
        }).setHeader("Model").setFlexGrow(3);
        grid.addColumn(m -> m.id().toString()).setHeader("Id").setFlexGrow(2);
        grid.addColumn(m -> m.tasks().stream().map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")))
                .setHeader("Tasks").setFlexGrow(2);
        grid.addColumn(ModelCard::licence).setHeader("Licence");
        grid.addColumn(m -> Prices.pov(m.inputPricePerMillion()) + " / " + Prices.pov(m.outputPricePerMillion()))
                .setHeader("Price per 1M tokens (in / out)").setFlexGrow(2);
        grid.addColumn(ModelCard::calls).setHeader("Calls");
        grid.setEmptyStateText("No published model matches.");

        HorizontalLayout body = new HorizontalLayout(facets, grid);
        body.setSizeFull();
        body.expand(grid);
        add(bar, body);
        expand(body);

        search.addValueChangeListener(e -> refresh());
        sort.addValueChangeListener(e -> refresh());
        tasks.addValueChangeListener(e -> refresh());
        licences.addValueChangeListener(e -> refresh());
        creators.addValueChangeListener(e -> refresh());
        refresh();
    }

    private void refresh() {
        if (refreshing) {
            return;
        }
        refreshing = true;
        try {
            Set<Task> taskFilter = tasks.getValue().stream().map(Task::valueOf).collect(Collectors.toSet());
            Catalog.SearchResult result = catalog.search(new SearchQuery(search.getValue(), taskFilter,
                    licences.getValue(), creators.getValue(), null, sort.getValue(), 0, PAGE));
            grid.setItems(result.models());
            total.setText(result.total() + (result.total() == 1 ? " model" : " models")
                    + (result.total() > PAGE ? " (first " + PAGE + " shown: refine the search)" : ""));
            update(tasks, result.tasks());
            update(licences, result.licences());
            update(creators, result.creators());
        } catch (HubException e) {
            search.setInvalid(true);
            search.setErrorMessage(e.getMessage());
            Notifications.error(e.getMessage());
        } finally {
            refreshing = false;
        }
    }

    /** Facet values of the current result with their counts; selected values stay even at zero. */
    private static void update(CheckboxGroup<String> group, List<Catalog.Facet> facets) {
        Set<String> selected = group.getValue();
        Set<String> values = new LinkedHashSet<>(selected);
        facets.forEach(f -> values.add(f.value()));
        java.util.Map<String, Long> counts = facets.stream().collect(Collectors.toMap(Catalog.Facet::value, Catalog.Facet::count));
        group.setItems(values);
        group.setItemLabelGenerator(v -> v.toLowerCase(Locale.ROOT).equals(v) || !v.equals(v.toUpperCase(Locale.ROOT))
                ? v + " (" + counts.getOrDefault(v, 0L) + ")"
                : v.toLowerCase(Locale.ROOT) + " (" + counts.getOrDefault(v, 0L) + ")");
        group.setValue(selected);
    }
}
