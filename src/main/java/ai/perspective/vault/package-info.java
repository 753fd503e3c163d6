/** Each user's data vault: feedback and datasets they own, the terms under which models may use them. */
package ai.perspective.vault;
