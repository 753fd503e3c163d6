package ai.perspective.rewards.ui;

import ai.perspective.chain.Deposits;
import ai.perspective.chain.Wallets;
import ai.perspective.identity.AccountId;
import ai.perspective.identity.CurrentAccount;
import ai.perspective.rewards.Ledger;
import ai.perspective.rewards.LedgerWithdrawals;
import ai.perspective.rewards.application.Pov;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * POV between the hub and the chain: link a wallet by signing a challenge (pasted, or with the
 * browser's wallet when there is one), where and how to deposit, and withdrawals to a linked
 * wallet with their status. While a withdrawal or a deposit is on its way the page refreshes
 * itself every few seconds (a UI poll, switched off when nothing is moving).
 */
@Route("funds")
@PageTitle("Deposits & withdrawals")
@Menu(order = 21, icon = "vaadin:exchange", title = "Deposits & withdrawals")
@PermitAll
public class FundsView extends VerticalLayout {

    /** personal_sign through an EIP-1193 wallet (MetaMask and the like), when the browser has one. */
    private static final String SIGN_WITH_BROWSER_WALLET = """
            if (!window.ethereum) {
              throw new Error('No browser wallet found (window.ethereum): sign the message in your wallet and paste the signature.');
            }
            const accounts = await window.ethereum.request({method: 'eth_requestAccounts'});
            const from = accounts.find(a => a.toLowerCase() === $1.toLowerCase());
            if (!from) {
              throw new Error('Your browser wallet does not offer ' + $1 + ': switch to that account and try again.');
            }
            return await window.ethereum.request({method: 'personal_sign', params: [$0, from]});
            """;

    static final int POLL_MILLIS = 2000;

    private final Wallets wallets;
    private final Deposits deposits;
    private final LedgerWithdrawals withdrawals;
    private final Ledger ledger;
    private final AccountId me;
    private Registration polling;
    /** Whether a withdrawal or deposit is still on its way: then the page polls. */
    private boolean moving;
    /** The wallets the 'To wallet' box offers, to keep the user's choice across refreshes. */
    private List<String> walletChoices;

    private final Grid<Wallets.LinkedWallet> linked = new Grid<>();
    private final TextField address = new TextField("Wallet address");
    private final TextArea message = new TextArea("Message to sign");
    private final TextField signature = new TextField("Signature");
    private final Button link = new Button("Link wallet");
    private final Button signInBrowser = new Button("Sign with browser wallet");
    private String challengeId;

    private final Paragraph instructions = new Paragraph();
    private final Grid<Deposits.DepositStatus> depositGrid = new Grid<>();

    private final ComboBox<String> to = new ComboBox<>("To wallet");
    private final TextField amount = new TextField("Amount (POV)");
    private final Paragraph available = new Paragraph();
    private final Grid<LedgerWithdrawals.Withdrawal> withdrawalGrid = new Grid<>();

    @Inject
    public FundsView(Wallets wallets, Deposits deposits, LedgerWithdrawals withdrawals, Ledger ledger,
            CurrentAccount caller) {
        this.wallets = wallets;
        this.deposits = deposits;
        this.withdrawals = withdrawals;
        this.ledger = ledger;
        this.me = caller.require();
        addClassName("hub-page");
        add(walletSection(), depositSection(), withdrawalSection());
        refresh();
    }

    private VerticalLayout walletSection() {
        linked.setId("linked-wallets");
        linked.addColumn(w -> w.address().value()).setHeader("Linked wallet").setFlexGrow(3);
        linked.addColumn(w -> when(w.linkedAt())).setHeader("Since (UTC)").setAutoWidth(true);
        linked.addComponentColumn(w -> {
            Button unlink = new Button("Unlink", e -> run(() -> {
                wallets.unlink(me, w.address().value());
                Notifications.success(w.address() + " is no longer linked.");
            }));
            unlink.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
            return unlink;
        }).setAutoWidth(true);
        linked.setAllRowsVisible(true);

        address.setId("wallet-address");
        address.setPlaceholder("0x…");
        address.setWidth("28em");
        Button challenge = new Button("Get a message to sign", e -> challenge());
        challenge.setId("get-challenge");
        message.setId("challenge-message");
        message.setReadOnly(true);
        message.setWidthFull();
        signature.setId("wallet-signature");
        signature.setPlaceholder("0x… (65 bytes from personal_sign)");
        signature.setWidth("40em");
        link.setId("link-wallet");
        link.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        link.addClickListener(e -> link());
        signInBrowser.setId("sign-in-browser");
        signInBrowser.addClickListener(e -> signInBrowser());
        showChallenge(false);
        HorizontalLayout ask = new HorizontalLayout(address, challenge);
        ask.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout sign = new HorizontalLayout(signature, signInBrowser, link);
        sign.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout section = new VerticalLayout(new H3("Wallets"), new Paragraph("Link an Ethereum wallet by "
                + "signing a one-time message with it (personal_sign). Signing costs nothing and allows no transaction."),
                linked, ask, message, sign);
        section.setPadding(false);
        return section;
    }

    private VerticalLayout depositSection() {
        instructions.setId("deposit-instructions");
        depositGrid.setId("deposits");
        depositGrid.addColumn(d -> when(d.seenAt())).setHeader("Seen (UTC)").setAutoWidth(true);
        depositGrid.addColumn(d -> Pov.format(d.amount())).setHeader("POV").setAutoWidth(true);
        depositGrid.addColumn(d -> d.from().value()).setHeader("From").setFlexGrow(2);
        depositGrid.addColumn(d -> d.state() == Deposits.State.CREDITED ? "credited" : "crediting…").setHeader("State");
        depositGrid.addColumn(Deposits.DepositStatus::transactionHash).setHeader("Transaction").setFlexGrow(3);
        depositGrid.setAllRowsVisible(true);
        VerticalLayout section = new VerticalLayout(new H3("Deposit"), instructions, depositGrid);
        section.setPadding(false);
        return section;
    }

    private VerticalLayout withdrawalSection() {
        to.setId("withdraw-to");
        to.setWidth("28em");
        amount.setId("withdraw-amount");
        amount.setPlaceholder("e.g. 2.5");
        amount.addValueChangeListener(e -> amount.setInvalid(false));
        available.setId("available-balance");
        Button withdraw = new Button("Withdraw", e -> withdraw());
        withdraw.setId("withdraw");
        withdraw.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button reload = new Button("Refresh", e -> refresh());
        HorizontalLayout form = new HorizontalLayout(to, amount, withdraw, reload);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        withdrawalGrid.setId("withdrawals");
        withdrawalGrid.addColumn(w -> when(w.requestedAt())).setHeader("Asked (UTC)").setAutoWidth(true);
        withdrawalGrid.addColumn(w -> Pov.format(w.amount())).setHeader("POV").setAutoWidth(true);
        withdrawalGrid.addColumn(LedgerWithdrawals.Withdrawal::address).setHeader("To").setFlexGrow(2);
        withdrawalGrid.addColumn(this::state).setHeader("State").setFlexGrow(2);
        withdrawalGrid.addColumn(w -> w.transactionHash() == null ? "" : w.transactionHash()).setHeader("Transaction")
                .setFlexGrow(3);
        withdrawalGrid.setAllRowsVisible(true);
        VerticalLayout section = new VerticalLayout(new H3("Withdraw"), new Paragraph("POV leaves your available "
                + "balance at once and reaches the wallet after the chain confirms the transfer; if the transfer "
                + "fails, it comes back."), available, form, withdrawalGrid);
        section.setPadding(false);
        return section;
    }

    private String state(LedgerWithdrawals.Withdrawal w) {
        return switch (w.state()) {
            case PENDING -> "on its way" + (w.chainState() == null ? "" : " (" + w.chainState().toLowerCase() + ")");
            case COMPLETED -> "in your wallet";
            case FAILED -> "failed, POV returned" + (w.error() == null ? "" : ": " + w.error());
        };
    }

    private void challenge() {
        run(() -> {
            Wallets.Challenge c = wallets.challenge(me, address.getValue());
            challengeId = c.id();
            message.setValue(c.message());
            signature.clear();
            showChallenge(true);
        });
    }

    private void showChallenge(boolean visible) {
        message.setVisible(visible);
        signature.setVisible(visible);
        link.setVisible(visible);
        signInBrowser.setVisible(visible);
    }

    private void signInBrowser() {
        getElement().executeJs("return (async () => {" + SIGN_WITH_BROWSER_WALLET + "})()", message.getValue(),
                address.getValue().strip()).then(String.class, signed -> {
                    signature.setValue(signed);
                    link();
                }, error -> Notifications.error(error));
    }

    private void link() {
        run(() -> {
            Wallets.LinkedWallet w = wallets.link(me, challengeId, signature.getValue());
            Notifications.success(w.address() + " is linked to your account.");
            challengeId = null;
            address.clear();
            message.clear();
            signature.clear();
            showChallenge(false);
        });
    }

    private void withdraw() {
        amount.setInvalid(false);
        to.setInvalid(false);
        try {
            BigInteger units;
            try {
                units = Pov.parse(amount.getValue());
            } catch (RuntimeException e) {
                throw HubException.invalid("amount", "invalid-amount",
                        "'" + amount.getValue() + "' is not an amount of POV (e.g. 2.5, at most 18 decimals).");
            }
            LedgerWithdrawals.Withdrawal w = withdrawals.withdraw(me, UUID.randomUUID(), to.getValue(), units);
            Notifications.success("Withdrawing " + Pov.format(w.amount()) + " POV to " + w.address() + ".");
            amount.clear();
        } catch (HubException e) {
            // the message stays at the field it is about, not only in a toast that fades
            if ("address".equals(e.field())) {
                to.setErrorMessage(e.getMessage());
                to.setInvalid(true);
            } else {
                amount.setErrorMessage(e.getMessage());
                amount.setInvalid(true);
            }
            Notifications.error(e.getMessage());
        }
        refresh();
    }

    /** Runs a user action; a HubException is shown as its readable message, then the page is refreshed. */
    private void run(Runnable action) {
        try {
            action.run();
        } catch (HubException e) {
            Notifications.error(e.getMessage());
        }
        refresh();
    }

    private void refresh() {
        try {
            var mine = wallets.wallets(me);
            linked.setItems(mine);
            List<String> addresses = mine.stream().map(w -> w.address().value()).toList();
            if (!addresses.equals(walletChoices)) {
                String chosen = to.getValue();
                walletChoices = addresses;
                to.setItems(addresses);
                to.setValue(addresses.contains(chosen) ? chosen : addresses.isEmpty() ? null : addresses.getFirst());
            }
            Deposits.Instructions i = deposits.instructions(me);
            instructions.setText(i.text());
            var seen = deposits.deposits(me, 0, 50);
            depositGrid.setItems(seen);
            var asked = withdrawals.withdrawals(me, 50);
            withdrawalGrid.setItems(asked);
            available.setText("Available to withdraw: " + Pov.format(ledger.wallet(me).spendable().available().max(
                    BigInteger.ZERO)) + " POV");
            moving = asked.stream().anyMatch(w -> w.state() == LedgerWithdrawals.State.PENDING)
                    || seen.stream().anyMatch(d -> d.state() == Deposits.State.CONFIRMED);
        } catch (HubException e) {
            Notifications.error(e.getMessage());
        }
        getUI().ifPresent(this::poll);
    }

    /** Polls only while something is on its way; the interval belongs to the UI, so it is reset on leaving. */
    private void poll(UI ui) {
        ui.setPollInterval(moving ? POLL_MILLIS : -1);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        super.onAttach(event);
        polling = event.getUI().addPollListener(e -> refresh());
        poll(event.getUI());
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (polling != null) {
            polling.remove();
            polling = null;
        }
        event.getUI().setPollInterval(-1);
        super.onDetach(event);
    }

    private static String when(Instant at) {
        return at == null ? "" : at.toString().replace('T', ' ').substring(0, 19);
    }

}
