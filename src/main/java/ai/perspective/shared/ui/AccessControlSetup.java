package ai.perspective.shared.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Guards every view by its {@code @AnonymousAllowed}, {@code @PermitAll} or {@code @RolesAllowed}
 * against the servlet request's principal and roles (set by Jakarta Security). Anonymous users are
 * sent to {@code /login}. The same control filters the side menu.
 */
@ApplicationScoped
public class AccessControlSetup {

    static final String LOGIN_PATH = "login";

    void onServiceInit(@Observes ServiceInitEvent event) {
        NavigationAccessControl accessControl = new NavigationAccessControl();
        accessControl.setLoginView(LOGIN_PATH);
        event.getSource().addUIInitListener(ui -> ui.getUI().addBeforeEnterListener(accessControl));
    }
}
