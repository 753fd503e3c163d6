package ai.perspective.identity.ui;

import ai.perspective.identity.Identity;
import ai.perspective.identity.Role;
import ai.perspective.shared.HubException;
import ai.perspective.shared.ui.Notifications;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

/** Admins see every account and grant or remove roles; USER stays on every account. */
@Route("admin/accounts")
@PageTitle("Accounts")
@Menu(order = 90, icon = "vaadin:users", title = "Accounts")
@RolesAllowed("ADMIN")
public class AccountsView extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
            .withZone(ZoneId.systemDefault());

    private final Identity identity;
    private final Grid<Identity.AccountSummary> grid = new Grid<>();

    @Inject
    public AccountsView(Identity identity) {
        this.identity = identity;
        addClassName("hub-page");
        setHeightFull();
        grid.setId("accounts");
        grid.addColumn(Identity.AccountSummary::displayName).setHeader("Name").setSortable(true);
        grid.addColumn(Identity.AccountSummary::email).setHeader("Email").setSortable(true).setFlexGrow(2);
        grid.addColumn(a -> WHEN.format(a.createdAt())).setHeader("Joined");
        grid.addComponentColumn(this::roles).setHeader("Roles").setFlexGrow(3);
        grid.setItems(query -> identity.accounts(query.getOffset(), query.getLimit()).stream());
        grid.setPageSize(50);
        add(new Paragraph("Roles decide what each account can do: creators publish models, operators run nodes, "
                + "admins run the hub. Changes apply on the account's next request."), grid);
        expand(grid);
    }

    private CheckboxGroup<Role> roles(Identity.AccountSummary account) {
        CheckboxGroup<Role> roles = new CheckboxGroup<>();
        roles.setItems(Role.values());
        roles.setItemEnabledProvider(role -> role != Role.USER);
        roles.setValue(account.roles());
        roles.addValueChangeListener(change -> {
            if (!change.isFromClient()) {
                return;
            }
            Set<Role> added = difference(change.getValue(), change.getOldValue());
            Set<Role> removed = difference(change.getOldValue(), change.getValue());
            try {
                added.forEach(role -> identity.grantRole(account.id(), role));
                removed.forEach(role -> identity.revokeRole(account.id(), role));
                Notifications.success("Roles of " + account.displayName() + " updated.");
            } catch (HubException e) {
                roles.setValue(change.getOldValue());
                Notifications.error(e.getMessage());
            }
        });
        return roles;
    }

    private static Set<Role> difference(Set<Role> a, Set<Role> b) {
        Set<Role> result = a.isEmpty() ? EnumSet.noneOf(Role.class) : new HashSet<>(a);
        result.removeAll(b);
        return result;
    }
}
