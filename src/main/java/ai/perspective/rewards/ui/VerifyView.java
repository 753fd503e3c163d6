package ai.perspective.rewards.ui;

import ai.perspective.rewards.application.TransferVerifications;
import ai.perspective.shared.HubException;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.inject.Inject;
import java.util.UUID;

/**
 * Public page: anyone with a transfer id checks that the transfer is in a settlement batch whose
 * Merkle root is anchored on chain, and sees the anchor contract's own answer.
 */
@Route(value = "verify", autoLayout = false)
@PageTitle("Verify a transfer · Perspective")
@AnonymousAllowed
public class VerifyView extends Div implements BeforeEnterObserver {

    private final TransferVerifications verifications;
    private final TextField id = new TextField("Transfer id");
    private final Div result = new Div();

    @Inject
    public VerifyView(TransferVerifications verifications) {
        this.verifications = verifications;
        addClassName("hub-page");
        id.setId("verify-id");
        id.setWidth("24rem");
        id.setPlaceholder("e.g. 0b7c1c9e-…");
        Button check = new Button("Verify", click -> navigate());
        check.setId("verify-submit");
        check.addThemeVariants(ButtonVariant.PRIMARY);
        check.addClickShortcut(Key.ENTER);
        HorizontalLayout form = new HorizontalLayout(id, check);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        result.setId("verify-result");
        add(new H1("Verify a transfer"), new Paragraph("Every POV transfer on this hub is sealed into a batch whose "
                + "Merkle root is anchored on an EVM chain. Paste a transfer id to check it against the chain."), form, result);
    }

    private void navigate() {
        getUI().ifPresent(ui -> ui.navigate(VerifyView.class, QueryParameters.of("id", id.getValue().strip())));
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        event.getLocation().getQueryParameters().getSingleParameter("id").ifPresent(text -> {
            id.setValue(text);
            show(text);
        });
    }

    private void show(String text) {
        result.removeAll();
        UUID transferId;
        try {
            transferId = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            result.add(new Paragraph("'" + text + "' is not a transfer id."));
            return;
        }
        TransferVerifications.Result v;
        try {
            v = verifications.verify(transferId);
        } catch (HubException e) {
            result.add(new Paragraph(e.getMessage()));
            return;
        }
        Span status = new Span(v.status().name());
        status.setId("verify-status");
        status.getElement().getThemeList().add(v.status() == TransferVerifications.Status.VERIFIED ? "badge success"
                : v.status() == TransferVerifications.Status.INVALID ? "badge error" : "badge");
        result.add(new H3("Result"), status, new Paragraph(v.detail()));
        result.add(new H3("Transfer"), new Pre(v.transfer().amount() + " base units\nfrom " + v.transfer().debit().key()
                + "\nto   " + v.transfer().credit().key() + "\n" + v.transfer().kind() + " " + v.transfer().code() + " at "
                + v.transfer().createdAt()));
        if (v.proof() != null) {
            result.add(new H3("Merkle proof (batch " + v.proof().batchId() + ")"), new Pre("leaf  " + v.proof().leaf()
                    + "\nroot  " + v.proof().root() + "\nproof " + String.join("\n      ", v.proof().proof())
                    + "\nleaf encoding " + v.proof().leafEncoding()));
        }
        if (v.anchor() != null) {
            result.add(new H3("Anchor"), new Pre("state       " + v.anchor().state() + "\ntransaction " + v.anchor()
                    .transactionHash() + "\nblock       " + v.anchor().blockNumber() + "\nchain id    " + v.anchor().chainId()
                    + "\ncontract    " + v.anchor().contract()));
        }
    }
}
