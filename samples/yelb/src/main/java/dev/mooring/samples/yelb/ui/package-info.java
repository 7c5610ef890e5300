/**
 * yelb-ui: the voting page and the nginx-like front that serves it and proxies {@code /api} to the app server, whose
 * name it resolves once at start (sample-app.md §11.1).
 */
package dev.mooring.samples.yelb.ui;
