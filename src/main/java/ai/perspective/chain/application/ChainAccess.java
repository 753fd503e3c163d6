package ai.perspective.chain.application;

import ai.perspective.chain.Anchors.ChainNetwork;
import java.util.Optional;

/** The hub's connection to its chain, as the services see it: ready or not, and its status. */
public interface ChainAccess {

    Optional<ChainConnection.Ready> ready();

    ChainNetwork network();
}
