package ai.perspective.shared.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.auth.DefaultMenuAccessControl;
import com.vaadin.flow.server.auth.MenuAccessControl;
import com.vaadin.flow.server.auth.NavigationAccessControl;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

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

    /**
     * vaadin-cdi looks the menu's access control up as a bean; Vaadin's default filters the
     * {@code @Menu} entries with the same annotations as navigation.
     */
    @Produces
    @ApplicationScoped
    MenuAccessControl menuAccessControl() {
        return new DefaultMenuAccessControl();
    }
}
