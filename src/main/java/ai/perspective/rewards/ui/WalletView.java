package ai.perspective.rewards.ui;

import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.rest.TransferCsv;
import ai.perspective.rewards.application.Pov;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.provider.DataProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The caller's POV: balance, what open holds reserve, and every transfer, filterable and exportable as CSV. */
@Route("wallet")
@PageTitle("Wallet")
@Menu(order = 20, icon = "vaadin:wallet", title = "Wallet")
@PermitAll
public class WalletView extends VerticalLayout {

    private final Ledger ledger;
    private final AccountId me;
    private final ComboBox<Ledger.Code> code = new ComboBox<>("Kind of transfer");
    private final DatePicker from = new DatePicker("From");
    private final DatePicker to = new DatePicker("To");
    private final Grid<Ledger.Transfer> grid = new Grid<>();
    private final HorizontalLayout balances = new HorizontalLayout();

    @Inject
    public WalletView(Ledger ledger, CurrentAccount caller) {
        this.ledger = ledger;
        this.me = caller.require();
        addClassName("hub-page");
        setHeightFull();
        code.setItems(Ledger.Code.values());
        code.setClearButtonVisible(true);
        from.setClearButtonVisible(true);
        to.setClearButtonVisible(true);
        code.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        from.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        to.addValueChangeListener(e -> grid.getDataProvider().refreshAll());
        Anchor csv = new Anchor(DownloadHandler.fromInputStream(event -> csv(), "transfers.csv"), "Export CSV");
        csv.setId("export-csv");
        HorizontalLayout filters = new HorizontalLayout(code, from, to, csv);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        grid.setId("transfers");
        grid.addColumn(t -> t.createdAt().toString().replace('T', ' ').substring(0, 19)).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(t -> t.code() + (t.kind() == Ledger.Kind.SINGLE ? "" : " " + t.kind())).setHeader("What").setAutoWidth(true);
        grid.addColumn(this::signedAmount).setHeader("POV").setAutoWidth(true);
        grid.addColumn(t -> mine(t.debit()) ? t.credit().key() : t.debit().key()).setHeader("Counterparty").setFlexGrow(2);
        grid.addColumn(t -> t.model() == null ? "" : t.model()).setHeader("Model");
        grid.setDataProvider(DataProvider.fromFilteringCallbacks(
                (CallbackDataProvider.FetchCallback<Ledger.Transfer, Void>) q -> ledger.transfers(query(q.getOffset(), q.getLimit())).items().stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, ledger.transfers(query(0, 1)).total())));
        add(balances, filters, grid);
        expand(grid);
        showBalances();
    }

    private void showBalances() {
        try {
            Ledger.Wallet wallet = ledger.wallet(me);
            balances.removeAll();
            balances.add(card("Available", wallet.spendable().available()), card("Reserved by calls", wallet.spendable().pendingDebits()),
                    card("Balance", wallet.spendable().posted()), card("Earnings", wallet.earnings().posted()));
        } catch (HubException e) {
            Notifications.error(e.getMessage());
        }
    }

    private static Component card(String label, java.math.BigInteger amount) {
        Span value = new Span(Pov.format(amount) + " POV");
        value.addClassName("hub-amount");
        Div card = new Div(new Span(label), new Div(value));
        card.addClassName("hub-card");
        return card;
    }

    private boolean mine(ai.perspective.rewards.LedgerAccount account) {
        return me.equals(account.owner());
    }

    /** Debits of my accounts show negative; a transfer between my two accounts shows as a credit. */
    private String signedAmount(Ledger.Transfer t) {
        boolean out = mine(t.debit()) && !mine(t.credit());
        return (out ? "-" : "") + Pov.format(t.amount());
    }

    private Ledger.TransferQuery query(int offset, int limit) {
        Instant start = from.getValue() == null ? null : from.getValue().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = to.getValue() == null ? null : to.getValue().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new Ledger.TransferQuery(me, code.getValue(), start, end, offset, Math.min(limit, 500));
    }

    private DownloadResponse csv() {
        try {
            StringWriter out = new StringWriter();
            TransferCsv.write(ledger, query(0, 500), out);
            byte[] bytes = out.toString().getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(bytes), "transfers-" + LocalDate.now(ZoneOffset.UTC) + ".csv",
                    "text/csv", bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
