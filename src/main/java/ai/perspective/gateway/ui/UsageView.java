package ai.perspective.gateway.ui;

import ai.perspective.gateway.application.UsageReports;
import ai.perspective.gateway.application.UsageReports.DailyUsage;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Role;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import java.text.NumberFormat;
import java.util.List;

/** What the user called through the hub and, for creators, what their models served, per day. */
@Route("usage")
@PageTitle("Usage")
@Menu(order = 30, icon = "vaadin:chart", title = "Usage")
@PermitAll
public class UsageView extends VerticalLayout {

    private static final NumberFormat COUNT = NumberFormat.getIntegerInstance();

    private final UsageReports reports;
    private final CurrentAccount caller;
    private final Select<Integer> window = new Select<>();
    private final Grid<DailyUsage> calls = grid("my-calls");
    private final Grid<DailyUsage> served = grid("served-calls");
    private final Span callsTotal = new Span();
    private final Span servedTotal = new Span();

    @Inject
    public UsageView(UsageReports reports, CurrentAccount caller) {
        this.reports = reports;
        this.caller = caller;
        addClassName("hub-page");

        window.setLabel("Period");
        window.setItems(7, 30, 90);
        window.setItemLabelGenerator(days -> "Last " + days + " days");
        window.setValue(30);
        window.addValueChangeListener(change -> refresh());

        add(window, new H3("Your calls"), callsTotal, calls);
        if (caller.hasRole(Role.CREATOR)) {
            add(new H3("Calls your models served"), servedTotal, served);
        }
        refresh();
    }

    private void refresh() {
        int days = window.getValue();
        List<DailyUsage> mine = reports.callsBy(caller.require(), days);
        calls.setItems(mine);
        callsTotal.setText(summary(mine));
        if (caller.hasRole(Role.CREATOR)) {
            List<DailyUsage> mineServed = reports.servedBy(caller.require(), days);
            served.setItems(mineServed);
            servedTotal.setText(summary(mineServed));
        }
    }

    private static Grid<DailyUsage> grid(String id) {
        Grid<DailyUsage> grid = new Grid<>();
        grid.setId(id);
        grid.addColumn(DailyUsage::day).setHeader("Day").setSortable(true);
        grid.addColumn(DailyUsage::model).setHeader("Model").setFlexGrow(2).setSortable(true);
        grid.addColumn(u -> COUNT.format(u.calls())).setHeader("Calls");
        grid.addColumn(u -> COUNT.format(u.failedCalls())).setHeader("Failed");
        grid.addColumn(u -> COUNT.format(u.promptTokens())).setHeader("Prompt tokens");
        grid.addColumn(u -> COUNT.format(u.completionTokens())).setHeader("Completion tokens");
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No calls in this period.");
        return grid;
    }

    private static String summary(List<DailyUsage> rows) {
        long callCount = rows.stream().mapToLong(DailyUsage::calls).sum();
        long tokens = rows.stream().mapToLong(DailyUsage::tokens).sum();
        return COUNT.format(callCount) + " calls, " + COUNT.format(tokens) + " tokens";
    }
}
