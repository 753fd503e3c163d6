package ai.perspective.chain.domain;

import java.util.Optional;

/** Contract addresses per chain. */
public interface Deployments {

    Optional<Deployment> find(long chainId, String contract);

    /** Records a deployment, replacing an earlier one of the same contract on that chain (e.g. a wiped dev chain). */
    void save(Deployment deployment);
}
