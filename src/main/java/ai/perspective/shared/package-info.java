/** Kernel open to every module (errors, REST and persistence plumbing, the UI shell); it depends on no module. */
package ai.perspective.shared;
