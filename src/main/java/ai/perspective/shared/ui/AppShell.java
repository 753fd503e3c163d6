package ai.perspective.shared.ui;

import com.vaadin.flow.component.dependency.StyleSheet;
import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.shared.ui.Transport;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.theme.aura.Aura;

/** The page every view lives in: Aura theme plus the hub's own small stylesheet. */
// Push carries streamed answers (e.g. the playground) from server threads to the browser. Client
// events stay plain HTTP requests (WEBSOCKET_XHR), so they carry the request's security context.
@Push(transport = Transport.WEBSOCKET_XHR)
@StyleSheet(Aura.STYLESHEET)
@StyleSheet("styles/hub.css")
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.setPageTitle("Perspective AI");
        settings.addMetaTag("description", "A self-hosted AI marketplace: every model through one account and one API.");
    }
}
