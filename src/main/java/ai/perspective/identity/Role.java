package ai.perspective.identity;

/** What an account may do on the hub. Every account is a USER; admins grant the others. */
public enum Role {
    /** Uses models, pays per call, contributes data. */
    USER,
    /** Publishes models and earns on every call. */
    CREATOR,
    /** Registers nodes and earns for the work they serve. */
    OPERATOR,
    /** Runs the hub: grants roles, governance console. */
    ADMIN
}
