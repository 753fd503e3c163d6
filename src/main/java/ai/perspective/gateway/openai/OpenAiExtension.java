package ai.perspective.gateway.openai;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * Puts the OpenAI API ({@link OpenAiHandler}) in front of this deployment's servlet chain; found by
 * WildFly through {@code META-INF/services/io.undertow.servlet.ServletExtension}.
 *
 * <p>Why not a servlet: API calls are the hub's hot path, and a servlet request pays for the whole
 * web-application pipeline (Jakarta Security's JASPIC round, the CDI request context, filters, an
 * async hand-off to a worker thread and back) although an API call authenticates with a bearer key
 * and needs none of it. Measured with {@code bench/gateway}, that pipeline was most of the hub's CPU
 * per call.
 */
public class OpenAiExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addInitialHandlerChainWrapper(next -> new OpenAiHandler(next, context, deployment.getClassLoader()));
    }
}
