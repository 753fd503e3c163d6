package ai.perspective.rewards.ui;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.application.Pov;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/** Creators see what each of their models earned per day: a server-rendered SVG chart and the numbers behind it. */
@Route("earnings")
@PageTitle("Earnings")
@Menu(order = 30, icon = "vaadin:chart", title = "Earnings")
@RolesAllowed({"CREATOR", "OPERATOR"})
public class EarningsView extends VerticalLayout {

    private final Ledger ledger;
    private final AccountId me;
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Div chart = new Div();
    private final Grid<Ledger.DailyEarnings> grid = new Grid<>();

    @Inject
    public EarningsView(Ledger ledger, CurrentAccount caller) {
        this.ledger = ledger;
        this.me = caller.require();
        addClassName("hub-page");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        to.setValue(today);
        from.setValue(today.minusDays(13));
        from.addValueChangeListener(e -> refresh());
        to.addValueChangeListener(e -> refresh());
        chart.setId("earnings-chart");
        chart.setWidthFull();
        grid.addColumn(e -> e.day().toString()).setHeader("Day (UTC)");
        grid.addColumn(Ledger.DailyEarnings::model).setHeader("Model").setFlexGrow(2);
        grid.addColumn(e -> Pov.format(e.amount())).setHeader("POV");
        grid.setAllRowsVisible(true);
        add(new HorizontalLayout(from, to), chart, grid);
        refresh();
    }

    private void refresh() {
        if (from.getValue() == null || to.getValue() == null) {
            return;
        }
        try {
            List<Ledger.DailyEarnings> earnings = ledger.earningsByModel(me, from.getValue(), to.getValue());
            chart.removeAll();
            chart.add(new Html(EarningsChart.svg(earnings, from.getValue(), to.getValue())));
            grid.setItems(earnings.reversed());
        } catch (HubException e) {
            Notifications.error(e.getMessage());
        }
    }
}
