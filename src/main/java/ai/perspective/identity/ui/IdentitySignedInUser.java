package ai.perspective.identity.ui;

import ai.perspective.identity.CurrentAccount;
import ai.perspective.identity.Identity;
import ai.perspective.shared.ui.SignedInUser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;

/** Gives the UI shell the signed-in account's name and email. */
@ApplicationScoped
public class IdentitySignedInUser implements SignedInUser {

    @Inject
    CurrentAccount caller;
    @Inject
    Identity identity;

    @Override
    public Optional<Profile> current() {
        return caller.id().flatMap(identity::account).map(a -> new Profile(a.displayName(), a.email()));
    }
}
