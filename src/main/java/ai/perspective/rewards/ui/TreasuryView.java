package ai.perspective.rewards.ui;

import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Identity;
import ai.perspective.rewards.HubParameters;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.LedgerAccount;
import ai.perspective.rewards.application.Pov;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Admins see the hub's own accounts, check the ledger, and change the fee schedule and other parameters (with a reason). */
@Route("admin/treasury")
@PageTitle("Treasury")
@Menu(order = 95, icon = "vaadin:piggy-bank", title = "Treasury")
@RolesAllowed("ADMIN")
public class TreasuryView extends VerticalLayout {

    private final Ledger ledger;
    private final HubParameters parameters;
    private final Identity identity;
    private final CurrentAccount caller;
    private final HorizontalLayout accounts = new HorizontalLayout();
    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final TextField reason = new TextField("Why");
    private final Grid<HubParameters.Change> history = new Grid<>();
    private final Grid<Ledger.Batch> batches = new Grid<>();

    @Inject
    public TreasuryView(Ledger ledger, HubParameters parameters, Identity identity, CurrentAccount caller) {
        this.ledger = ledger;
        this.parameters = parameters;
        this.identity = identity;
        this.caller = caller;
        addClassName("hub-page");
        Button verify = new Button("Verify ledger", e -> verify());
        Button backfill = new Button("Fund missing sign-up grants", e -> backfill());
        HorizontalLayout actions = new HorizontalLayout(verify, backfill);

        HorizontalLayout form = new HorizontalLayout();
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.getStyle().set("flex-wrap", "wrap");
        for (HubParameters.Parameter p : parameters.parameters()) {
            TextField field = new TextField(p.name());
            field.setId("parameter-" + p.name().replace('.', '-'));
            fields.put(p.name(), field);
            form.add(field);
        }
        reason.setId("parameter-reason");
        reason.setWidth("24em");
        Button save = new Button("Change parameters", e -> save());
        save.addThemeVariants(ButtonVariant.PRIMARY);
        form.add(reason, save);

        history.addColumn(c -> c.changedAt().toString().substring(0, 19)).setHeader("When (UTC)").setAutoWidth(true);
        history.addColumn(HubParameters.Change::name).setHeader("Parameter").setAutoWidth(true);
        history.addColumn(c -> c.oldValue() + " → " + c.newValue()).setHeader("Change");
        history.addColumn(HubParameters.Change::changedBy).setHeader("Who");
        history.addColumn(HubParameters.Change::reason).setHeader("Why").setFlexGrow(2);
        history.setAllRowsVisible(true);

        batches.addColumn(Ledger.Batch::id).setHeader("Batch");
        batches.addColumn(Ledger.Batch::transferCount).setHeader("Transfers");
        batches.addColumn(Ledger.Batch::merkleRoot).setHeader("Merkle root").setFlexGrow(4);
        batches.addColumn(b -> b.sealedAt().toString().substring(0, 19)).setHeader("Sealed (UTC)").setAutoWidth(true);
        batches.setAllRowsVisible(true);

        add(accounts, actions, new H3("Fee schedule and parameters"),
                new Span("Fees are basis points of each charge (10000 = 100 %) and must sum to 10000; amounts are base units (1 POV = 10^18)."),
                form, history, new H3("Settlement batches"), batches);
        refresh();
    }

    private void refresh() {
        accounts.removeAll();
        for (LedgerAccount account : List.of(LedgerAccount.TREASURY, LedgerAccount.CHAIN, LedgerAccount.CLEARING)) {
            Ledger.Balance balance = ledger.balance(account);
            Div card = new Div(new Span(account.key()), new Div(new Span(Pov.format(balance.posted()) + " POV")),
                    new Div(new Span("pending " + Pov.format(balance.pendingCredits().subtract(balance.pendingDebits())))));
            card.addClassName("hub-card");
            accounts.add(card);
        }
        parameters.parameters().forEach(p -> fields.get(p.name()).setValue(p.value()));
        history.setItems(parameters.history(0, 20));
        batches.setItems(ledger.batches(0, 10));
    }

    private void save() {
        Map<String, String> changes = new LinkedHashMap<>();
        fields.forEach((name, field) -> changes.put(name, field.getValue()));
        try {
            parameters.change(changes, reason.getValue(), "account:" + caller.require());
            reason.clear();
            Notifications.success("Parameters changed.");
            refresh();
        } catch (HubException e) {
            Notifications.error(e.getMessage());
        }
    }

    private void verify() {
        Ledger.Verification v = ledger.verify();
        if (v.sound()) {
            Notifications.success("Sound: " + v.transfers() + " transfers, " + v.accounts() + " accounts, sum 0, "
                    + v.openHolds() + " open holds.");
        } else {
            Notifications.error("Mismatch! sum " + v.sum() + ", accounts " + v.mismatchedAccounts());
        }
    }

    private void backfill() {
        int funded = 0;
        for (int offset = 0;; offset += 200) {
            List<Identity.AccountSummary> page = identity.accounts(offset, 200);
            funded += ledger.backfillSignupGrants(page.stream().map(Identity.AccountSummary::id).toList());
            if (page.size() < 200) {
                break;
            }
        }
        Notifications.success(funded + " accounts funded.");
        refresh();
    }
}
