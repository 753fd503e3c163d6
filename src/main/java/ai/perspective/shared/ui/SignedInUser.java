package ai.perspective.shared.ui;

import java.util.Optional;

/**
 * Who is using the UI, as the shell needs it (name and email in the header). Implemented by the
 * identity module; the shell depends on no module.
 */
public interface SignedInUser {

    record Profile(String displayName, String email) {
    }

    Optional<Profile> current();
}
