package ai.perspective.identity.ui;

import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Identity;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

/** The user's API keys: create one (its secret shown once), see when each was used, revoke. */
@Route("api-keys")
@PageTitle("API keys")
@Menu(order = 10, icon = "vaadin:key", title = "API keys")
@PermitAll
public class ApiKeysView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM)
            .withZone(ZoneId.systemDefault());

    private final Identity identity;
    private final CurrentAccount caller;
    private final Grid<Identity.ApiKeySummary> grid = new Grid<>();
    private final TextField name = new TextField();

    @Inject
    public ApiKeysView(Identity identity, CurrentAccount caller) {
        this.identity = identity;
        this.caller = caller;
        addClassName("hub-page");

        Paragraph intro = new Paragraph("API keys let your programs call the hub as you: send one as "
                + "'Authorization: Bearer <key>'. Anyone with a key can spend your POV, so keep it secret and "
                + "revoke keys you no longer use.");

        name.setId("key-name");
        name.setPlaceholder("Key name, e.g. laptop or CI");
        name.setMaxLength(80);
        name.setWidth("18rem");
        Button create = new Button("Create key", new Icon(VaadinIcon.PLUS), click -> create());
        create.setId("create-key");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.addClickShortcut(Key.ENTER);
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);

        grid.setId("keys");
        grid.addColumn(Identity.ApiKeySummary::name).setHeader("Name").setFlexGrow(2);
        grid.addColumn(k -> k.prefix() + "…").setHeader("Key").setFlexGrow(1);
        grid.addColumn(k -> when(k.createdAt())).setHeader("Created").setFlexGrow(1);
        grid.addColumn(k -> k.lastUsedAt() == null ? "never" : when(k.lastUsedAt())).setHeader("Last used").setFlexGrow(1);
        grid.addComponentColumn(this::status).setHeader("Status").setFlexGrow(0).setWidth("9rem");
        grid.addComponentColumn(this::revokeButton).setFlexGrow(0).setWidth("8rem");
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText("No keys yet: create one above.");

        add(intro, form, grid);
        refresh();
    }

    private void create() {
        try {
            Identity.CreatedApiKey created = identity.createApiKey(caller.require(), name.getValue());
            name.clear();
            refresh();
            showSecret(created);
        } catch (HubException e) {
            name.setErrorMessage(e.getMessage());
            name.setInvalid(true);
            Notifications.error(e.getMessage());
        }
    }

    private void showSecret(Identity.CreatedApiKey created) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Your new key: " + created.key().name());
        Span secret = new Span(created.secret());
        secret.setId("new-key-secret");
        secret.addClassName("hub-secret");
        Pre example = new Pre("curl -H \"Authorization: Bearer " + created.secret() + "\" \\\n     "
                + "http://localhost:8080/api/accounts/me");
        example.addClassName("hub-code");
        Button copy = new Button("Copy", new Icon(VaadinIcon.COPY), click -> {
            click.getSource().getElement().executeJs("navigator.clipboard && navigator.clipboard.writeText($0)",
                    created.secret());
            Notifications.success("Key copied to the clipboard.");
        });
        dialog.add(new Paragraph("Copy it now: this is the only time the hub shows it."), secret, example);
        Button done = new Button("Done", click -> dialog.close());
        done.setId("close-secret");
        done.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(copy, done);
        dialog.setCloseOnOutsideClick(false);
        dialog.open();
    }

    private Span status(Identity.ApiKeySummary key) {
        Span badge = new Span(key.active() ? "Active" : "Revoked " + when(key.revokedAt()));
        badge.getElement().getThemeList().add(key.active() ? "badge success" : "badge contrast");
        return badge;
    }

    private Button revokeButton(Identity.ApiKeySummary key) {
        Button revoke = new Button("Revoke", click -> confirmRevoke(key));
        revoke.addThemeVariants(ButtonVariant.TERTIARY, ButtonVariant.ERROR);
        revoke.setEnabled(key.active());
        return revoke;
    }

    private void confirmRevoke(Identity.ApiKeySummary key) {
        ConfirmDialog confirm = new ConfirmDialog("Revoke '" + key.name() + "'?",
                "Programs using this key stop working at once. This cannot be undone.",
                "Revoke", event -> {
                    try {
                        identity.revokeApiKey(caller.require(), key.id());
                        refresh();
                        Notifications.success("Key '" + key.name() + "' revoked.");
                    } catch (HubException e) {
                        Notifications.error(e.getMessage());
                    }
                });
        confirm.setCancelable(true);
        confirm.setConfirmButtonTheme("error primary");
        confirm.open();
    }

    private void refresh() {
        grid.setItems(identity.apiKeys(caller.require()));
    }

    private static String when(Instant instant) {
        return instant == null ? "" : WHEN.format(instant);
    }
}
