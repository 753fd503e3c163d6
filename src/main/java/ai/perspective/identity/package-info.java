/** Accounts, roles, sign-up and login, API keys, and who the caller of a request is. */
package ai.perspective.identity;
