package ai.perspective.support;

import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the ITs that run against the real WAR: Arquillian deploys it as the client sees it
 * ({@code testable = false}) and injects the hub's base URL.
 */
@ExtendWith(ArquillianExtension.class)
public abstract class DeployedHub {

    @Deployment(testable = false)
    public static WebArchive deployment() {
        return Hub.war();
    }

    @ArquillianResource
    protected URL base;
}
